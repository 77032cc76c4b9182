"""Research tasks: lexicon names and task-shaped noun phrases that the paper makes its own.

The rules (``schemas/lexicons/rules.json``, keys ``task_*``) follow the guidelines'
"tasks" section: a task is named by an established noun phrase whose head is an
activity ("generation", "estimation", "question answering") with modifiers saying
of what ("6D object pose", "text-to-video"). Fields ("computer vision") and generic
aims ("generation", "efficiency") are not tasks, nor is a task named only in a
contrast or as an example of the field ("unlike image generation", "tasks such as
NER").

:func:`find_tasks` is a pure function over the document's text
(:class:`~kg.extract.records.DocText`) and the spans the other rules typed;
:class:`TaskTagger` (``kg_task_tagger_v1``) adds its hits as ``task`` candidates.

>>> text = DocText.of("Fast 6D Object Pose Estimation")
>>> [(h.label, h.rule) for h in find_tasks(text, [])]
[('6D object pose estimation', 'task-phrase')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache, lru_cache
from operator import itemgetter

import ahocorasick_rs
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.acronyms import WORD as ACRONYM_WORD
from kg.extract.acronyms import initials_start, schwartz_hearst
from kg.extract.cued import cued_compile, lower_as_re_i
from kg.extract.lexicon import LexiconEntry, load_lexicon, name_key
from kg.extract.records import Candidate, DocText, SpanHit, TypedSpan, findings_of
from kg.extract.rules import alternation, confidence, window, word_set, words, words_regex

__all__ = ["find_tasks", "task_label", "is_kind", "names_a_task",
           "task_named_spans", "TaskTagger", "FRONTED_END"]


def is_kind(entry: LexiconEntry | None, kind: str) -> bool:
    """Whether a lexicon entry names a ``kind`` ("task", "metric"): typed so by its file,
    or a negative of that kind."""
    return entry is not None and (entry.type == kind or entry.kind == kind)


@cache
def _rules() -> dict:
    heads = [h.lower() for h in words("task_heads")]
    weak = word_set("task_weak_heads")
    return {
        # Heads, and the plural of those that end in -tion ("character animations").
        "head_words": {*heads, *(h + "s" for h in heads if h.endswith("tion")
                                 and h not in weak)},
        "head_shaped": cued_compile(r"(?<![\w-])[A-Za-z][\w-]*(?:" + "|".join(
            sorted({re.escape(h[-3:]) for h in heads})) + r")s?(?![\w-])"),
        "heads": set(heads),
        "head_order": {h: i for i, h in enumerate(heads)},
        "weak_heads": weak,
        "stop": word_set("task_stop_words"),
        "possessive_nouns": word_set("task_possessive_nouns"),
        "noun_ing": word_set("task_noun_ing"),
        "generic": word_set("task_generic_modifiers"),
        "classifying": word_set("task_classifying_modifiers"),
        # ... and their comparatives ("longer and larger video generation").
        "adjectives": {*word_set("task_adjectives"), *(
            w + ("r" if w.endswith("e") else "er") for w in word_set("task_adjectives")
            if w.isalpha())},
        "fields": {name_key(f) for f in words("task_fields")},
        "background": words_regex(words("task_background_cues"), suffix=""),
        "progress": words_regex(words("task_progress_cues")),
        "examples": words_regex(words("task_example_cues"), suffix=""),
        "evaluation": words_regex(words("task_evaluation_cues")),
        "problem": words_regex(words("task_problem_cues")),
        "not_before": word_set("task_not_before"),
        "data_words": word_set("task_data_words"),
        "capability_words": word_set("task_capability_words"),
        "title_verbs": dict(w.lower().split(":", 1) for w in words("task_title_verbs")),
        "dataset_words": word_set("dataset_words"),
        "measure_words": word_set("task_measure_words"),
        "organisations": word_set("organisation_words"),
        "task_words": words_regex(words("task_words")),
        "task_word_set": word_set("task_words"),
        "method_heads": word_set("method_heads"),
        "not_the_task": word_set("task_not_named_by_task"),
        "name_method_words": word_set("task_name_method_words"),
        "name_method_heads": {"modeling", "modelling", "embedding", "matching", "prediction",
                              "estimation", "extraction", "selection", "compression"},
        "purpose_heads": {*heads, *word_set("task_purpose_heads")},
        "own_cues": words_regex(words("task_own_cues")),
        "attached_after_name": cued_compile(r"-(?:" + alternation(words("attached_suffixes"))
                                            + r")(?![\w-])", re.I),
        # "pre-trained text-to-image (T2I) diffusion models", "a fixed pretrained T2V model":
        # a task naming the kind of a model, and a cue that the paper starts from it.
        "model_after": cued_compile(r"\)?(?:\s*\([^()]{1,12}\))?(?:[\s-]+(?:" + alternation(
            words("task_model_kind_words")) + r"))*[\s-]+(?:" + alternation(words(
            "task_model_nouns")) + r")(?![\w-])", re.I),
        "base_before": cued_compile(r"(?<![\w-])(?:" + alternation(words(
            "task_base_model_cues")) + r")\s+(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,2}$", re.I),
        "concessive": cued_compile(r"(?:" + "|".join(
            re.escape(w) for w in words("task_concessive_openers")) + r")\b", re.I),
        # "Unlike methods that need X, Y and Z, Glorp ...": a sentence fronted by a contrast
        # (after a connective: "However, unlike ...").
        # "without separate ASR modules": a task the system does without (two words between).
        "absent": cued_compile(r"\b(?:" + alternation(words("task_absent_cues")) +
                               r")\s+(?:[\w-]+\s+){0,2}$", re.I),
        # "a (unified, feed-forward) framework for (online, ...) X": what a system is for.
        "purpose_of": cued_compile(r"\b(?:" + alternation(words("task_purpose_nouns")) +
                                   r")\s+(?:designed\s+|tailored\s+|built\s+)?for\s+"
                                   r"(?:[\w-]+,?\s+){0,4}$", re.I),
        "propose": words_regex(words("propose_verbs")),
        "contrast_opener": cued_compile(r"(?:[A-Z][a-z]+,\s+)?(?:" + alternation(words(
            "task_contrast_openers")) + r")(?![\w-])", re.I),
        "subjects": word_set("task_subject_words"),
        "before_verbs": word_set("task_before_verb_words"),
        "cast_as": cued_compile(r"\b(?:" + "|".join(re.escape(w) for w in words(
            "task_cast_verbs")) + r")\s+(?:(the)\s+(?:task\s+of\s+)?)?((?:[\w-]+\s+){0,3}?"
            r"[\w-]+?)(\s+(?:problems?|tasks?))?\s+as\s", re.I),
        "list_gap_stops": word_set("task_list_gap_stops"),
        "background_window": window("task_background"),
        "lexicon": confidence("task-lexicon"),
        "known_tail": confidence("task-phrase/known-tail"),
        "phrase": confidence("task-phrase"),
    }


@cache
def _lexicon_tasks() -> dict[str, LexiconEntry]:
    """name key -> task entry, for every name of every lexicon task."""
    table: dict[str, LexiconEntry] = {}
    for entry in load_lexicon():
        if is_kind(entry, "task"):
            for name in entry.names:
                table.setdefault(name_key(name), entry)
    return table


# One word of a task phrase: letters/digits with inner hyphens ("text-to-video", "6D").
_CAPS = cued_compile(r"[A-Z]{2,}|[a-z][A-Z]|\d")
_LEADING_WORD = cued_compile(r"([\w-]+)\s+")


def task_label(phrase: str, entry: LexiconEntry | None = None) -> str:
    """The canonical name: the lexicon's, preferring a name with a head noun
    ("text-to-image" -> "text-to-image generation"), else the phrase in sentence case.

    >>> task_label("Text-To-Video Synthesis"), task_label("6D Object Pose Estimation")
    ('Text-to-video synthesis', '6D object pose estimation')
    """
    if entry is not None:
        phrase = entry.label
        heads = _rules()["heads"]
        if phrase.split()[-1].lower().split("-")[-1] not in heads:
            order = _rules()["head_order"]
            headed = [n for n in entry.aliases if n.lower().startswith(phrase.lower() + " ")
                      and n.split()[-1].lower() in heads]
            if headed:  # "generation" before "synthesis", as the heads are listed
                phrase = min(headed, key=lambda n: (order[n.split()[-1].lower()], len(n)))
    return _sentence_case(phrase)


@lru_cache(maxsize=1 << 14)
def _sentence_case(phrase: str) -> str:
    words = []
    for word in phrase.split():
        # Acronyms and names keep their case ("MuST-C", "3D", "SQL"); the rest is lower.
        words.append("-".join(p if _CAPS.search(p) else p.lower() for p in word.split("-")))
    label = " ".join(words)
    return label[:1].upper() + label[1:]


# name_key (cached) runs a few regexes; task phrases repeat within and across papers.
_key = name_key
_WORD = cued_compile(r"[A-Za-z0-9]\w*(?:-\w+)*")


# A word read backwards from the whitespace before a position ("oediv-ot-txet ").
_REVERSED_WORD = cued_compile(r"\s+((?:\w+-)*\w+)")
_reversed: list = [None, ""]  # (text, the text reversed): one text at a time
# The word that owns a possessive ("Bird" of "Bird's Eye"), ending at a position.
_POSSESSOR = cued_compile(r"(?<![\w'’-])[A-Za-z][a-z]+$")


def _word_before(text: str, pos: int, limit: int) -> tuple[int, str] | None:
    """(start, word) of the word ("text-to-video", "6D") that whitespace separates from
    ``pos``, starting at ``limit`` or later: one anchored match on the reversed text,
    rather than a regex search back from every head."""
    if _reversed[0] is not text:
        _reversed[0], _reversed[1] = text, text[::-1]
    n = len(text)
    m = _REVERSED_WORD.match(_reversed[1], n - pos, n - limit)
    if m is None:
        return None
    end = n - m.start(1)
    if text[n - m.end(1) - 1:n - m.end(1)] in ("'", "’"):
        # "Bird's Eye View Mapping", "Parkinson's disease detection": a possessive before
        # a noun it makes a fixed term with (``task_possessive_nouns``) is a word of the
        # task's name ("Bird's"); "Google's image generation" is no name.
        owner = _POSSESSOR.search(text, limit, n - m.end(1) - 1)
        noun = _WORD.match(text, pos)
        if m.group(1) in ("s", "S") and owner is not None and noun is not None and \
                noun.group().lower() in _rules()["possessive_nouns"]:
            return owner.start(), text[owner.start():end]
        return None  # "the model's medical reasoning": a possessive ends the modifiers
    for start in range(n - m.end(1), end):  # the leftmost start that makes a word
        if _WORD.fullmatch(text, start, end):
            return start, text[start:end]
    return None


_COUNT = cued_compile(r"\d+(?:\.\d+)?[kmb]")


def _modifier_ok(word: str, rules: dict) -> bool:
    if word.endswith(("'s", "’s", "'S", "’S")):
        word = word[:-2]  # "Bird's" (see _word_before): the owner's word
    low = word.lower()
    if low.isdigit() or _COUNT.fullmatch(low):
        return False  # "6 basic tasks", "7.6k retrieval tasks": a count; "3D" and "6D"
        # are fine (number words are stop words: "eight reasoning benchmarks")
    if low in rules["stop"] or low.endswith("ly") and len(low) > 4 or _key(low) in rules[
            "fields"]:
        return False
    if low.endswith("ing") and low not in rules["noun_ing"] and "-" not in low:
        return False  # a verb ("advancing", "mitigating"), not a modifier
    # Plural nouns do not modify a task name ("scenarios encompassing ...").
    return not (len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is", "ics"))
                and not _CAPS.search(word) and "-" not in low)


_WORD_AFTER = cued_compile(r"\s+([\w-]+)")


def _defined_start(text: str, start: int, head_start: int, head_end: int, limit: int,
                   rules: dict) -> int | None:
    """Where a task phrase starts that the paper defines with its acronym, when the
    acronym's letters reach words the modifiers left out ("a new problem: Zero-Shot
    Glorp Transfer (ZeGT)": zero-shot glorp transfer, the task's own name), else None."""
    m = _PARENTHESISED_ACRONYM.match(text, head_end + (len(text[head_end:head_end + 2]) - len(
        text[head_end:head_end + 2].lstrip())))
    if m is None:
        return None
    after = _WORD_AFTER.match(text, m.end())
    if after is not None and (after.group(1).lower() in rules["not_before"]
            or after.group(1).lower() in rules["method_heads"]):
        return None  # "Advanced Glorp Control (AGC) architecture": a system's name
    reach = max(limit, head_end - 80)
    words_of = [(w.start() + reach, w.end() + reach, w.group())
                for w in ACRONYM_WORD.finditer(text[reach:head_end])]
    short = m.group(1)
    first = initials_start(short, words_of)
    if first is None:
        first = schwartz_hearst(short, words_of)
    if first is None or words_of[first][0] >= start:
        return None
    if any(w[2].lower() in rules["stop"] or w[2].lower().endswith("ly")
           for w in words_of[first:] if w[0] < start):
        return None  # "the", "of", an adverb: a sentence, not the task's name
    return words_of[first][0]


def _phrase_start(text: str, head_start: int, head_end: int, limit: int, rules: dict) -> int:
    """Where the modifiers before a head word start (``head_start``: none)."""
    start = head_start
    for _ in range(4):
        before = _word_before(text, start, max(limit, start - 40))
        if before is None:
            break
        word_start, word = before
        if start < head_start and _DRIVER.search(word):
            start = word_start  # "Neural Attention-Driven Scene Understanding": the
            break  # words before what drives the task are no part of it
        if not _modifier_ok(word, rules):
            # A lexicon name may start with a stop word ("novel view synthesis").
            if _key(text[word_start:head_end]) in _lexicon_tasks():
                start = word_start
            break
        subject = _word_before(text, word_start, max(limit, word_start - 20))
        if subject is not None and _verb_after(word, subject[1], rules) and \
                _key(text[word_start:head_end]) not in _lexicon_tasks():
            break  # "we target code summarization", "benchmarks neglect video QA": a verb
        start = word_start
    # "efficient image generation", "Context Foster Robust Tracking": a generic adjective
    # is no part, nor is what stands before it (adjectives of that kind come first).
    cut, pos = start, start
    while pos < head_start:
        m = _LEADING_WORD.match(text, pos, head_start)
        if m is None:
            break
        if _key(text[pos:head_end]) in _lexicon_tasks():
            break  # unless the lexicon names the task so ("zero-shot image classification")
        low = m.group(1).lower()
        if low in rules["generic"] and (pos == cut or low not in rules["classifying"]) or \
                _ADJECTIVE.search(low) and m.end() < head_start:
            cut = m.end()  # "joint" leads only: "video-action joint generation" keeps it
        pos = m.end()
    return cut


_PLURAL_NOUN = cued_compile(r"(?:[A-Za-z][\w-]*[a-z]|[A-Z]{2,})s")


def _verb_after(word: str, before: str, rules: dict) -> bool:
    """Whether ``word`` is read as a verb after the word before it: a subject pronoun
    ("we target"), a modal or adverb ("autonomously trigger", "we first synthesize") or a
    plural noun ("Key strengths include", "benchmarks neglect"); an adjective-shaped word
    ("models' temporal ...") or a noun in -ing stays a modifier."""
    low, prior = word.lower(), before.lower()
    if prior in rules["subjects"]:
        return True
    # A capitalised word is no verb here: titles capitalise adjectives after "-ly" words
    # and plurals ("Verifiable Scholarly Novelty Assessment"), abstracts names.
    if not word.isalpha() or not word[0].islower() or _ADJECTIVE_SHAPED.search(low) or \
            low in rules["noun_ing"]:
        return False
    if prior in rules["before_verbs"] or len(prior) > 4 and prior.endswith("ly"):
        return True
    return bool(_PLURAL_NOUN.fullmatch(before)) and not prior.endswith(
        ("ss", "us", "is", "ics")) and (prior not in rules["stop"] or prior in rules[
            "not_before"] or prior in rules["task_word_set"])  # not "has", "does"


# Hyphenated properties ("tuning-free", "text-guided", "low-cost") and -able adjectives
# ("controllable") narrow no task; "medical", "visual" or "temporal" do.
_ADJECTIVE = cued_compile(
    r"^[a-z]+(?:able|ible)$|-(?:guided|based|aware|free|shot|consistent|level|scale|grained|"
    r"quality|fidelity|form|range|horizon|resolution|time|world|domain|source|vocabulary|"
    r"ended|cost|efficient|driven|conditioned|specific|agnostic|wise|step|stage|centric|turn|"
    r"augmented|performance|informed|enhanced|powered|intensive|preserving|wild|art|"
    r"distribution|box)$",
    re.I)


def _adjectival(word: str, rules: dict) -> bool:
    """A modifier that narrows no task ("universal", "text-guided", "zero-shot", "long")."""
    low = word.lower()
    return low in rules["generic"] or low in rules["adjectives"] or bool(_ADJECTIVE.search(low))


def _trimmed_task_hit(text: str, start: int, end: int, words_of: list[str], rules: dict,
                      rule: str, keep: int) -> SpanHit:
    """The task ``text[start:end]`` (its words ``words_of``) without the adjectives that
    open it ("Robust Representation Learning" is Representation learning), keeping at
    least ``keep`` words, typed by the lexicon entry of what is left."""
    while len(words_of) > keep and _adjectival(words_of[0], rules):
        start = text.index(words_of[1], start + len(words_of[0]))
        words_of = words_of[1:]
    phrase = text[start:end]
    entry = _lexicon_tasks().get(_key(phrase))
    return SpanHit(start, end, task_label(phrase, entry), rule, rules["known_tail"], entry)


# Heads only found with their modifier ("question answering"): it is no shared one.
_FIXED_HEADS = {"answering", "question-answering", "following", "instruction-following",
                "teaming", "spotting"}
# Adjectives by their ending ("temporal", "semantic", "predictive"), not nouns ("object").
_ADJECTIVE_SHAPED = cued_compile(r"(?:al|ic|ive|ed|ous|ful|ary|ar)$", re.I)
# A hyphenated modifier saying what drives or guides the task.
_DRIVER = cued_compile(r"-(?:driven|guided|based|conditioned|aware|augmented|informed|powered)$",
                       re.I)
_DESCRIBING = cued_compile(r"(?:able|ible|ive|ed|ful|less)$", re.I)
# A hyphenated modifier saying where the data came from: what the task works on
# ("machine-generated text detection" is no text detection).
_ORIGIN = cued_compile(r"\w-(?:generated|written|authored|made|produced|synthesized|"
                       r"synthesised|edited|created)$", re.I)


def _describes(word: str, rules: dict) -> bool:
    """A modifier that says how rather than on what ("interactive", "masked"; not
    "machine-generated", which says what)."""
    if _ORIGIN.search(word):
        return False
    return _adjectival(word, rules) or bool(_DESCRIBING.search(word)) and not _CAPS.search(
        word) and word.lower() not in rules["noun_ing"]


def _lexicon_suffix(phrase: str, curated: bool = False) -> tuple[str, LexiconEntry] | None:
    """The longest tail of a phrase that the lexicon knows (with ``curated``: that a trusted,
    curated or confirmed, entry names), as (tail, entry): "text-guided universal music generation"
    -> "music generation"."""
    lexicon = _lexicon_tasks()
    words = phrase.split()
    for i in range(len(words)):
        tail = " ".join(words[i:])
        entry = lexicon.get(_key(tail))
        if entry is not None and (entry.trusted or not curated):
            return tail, entry
    return None


def find_tasks(view: DocText, spans: Sequence[Candidate | TypedSpan],
               own: Sequence[str] = ()) -> list[SpanHit]:
    """Every task mention the paper makes its own.

    A phrase the lexicon knows (or ending in a name it knows) is a task wherever it
    is not background; a phrase it does not know needs more: the title, a task word
    next to it ("the X task", "X benchmarks") or, for heads that are often tasks, a
    second mention. Coordinated modifiers and heads share their partner ("image and
    video generation", "image generation and understanding"). ``spans``: methods and
    datasets block phrases overlapping them; lexicon task names no phrase covers
    become tasks too ("text-to-SQL", "NLI"). A phrase listed with a task is one too
    ("image generation, 3D generation and ..."). A phrase the paper defines with its
    acronym keeps every word the acronym spells ("Zero-Shot Glorp Transfer (ZeGT)").
    ``own``: the names the paper
    proposes; a sentence about them is no background ("X performs tasks such as ...").
    """
    rules = _rules()
    text = view.text
    blocked = sorted((s.start, s.end) for s in spans if s.type in ("method", "dataset")
                     and not is_kind(s.entry, "task"))
    found: list[SpanHit] = []
    bare: list[SpanHit] = []
    groups: list[list[SpanHit]] = []  # the tasks one coordination names
    kinds: list[list[SpanHit]] = []  # ... when it shares their head
    unknown: dict[str, list[tuple[SpanHit, bool]]] = {}
    of_models: set[tuple[int, int]] = set()  # "video generation models" in the abstract
    named: list[str] = []  # the tasks the paper names with an acronym of its own
    for h_start, h_end in _head_spans(text, rules):
        s_start, s_end = view.sentence(h_start)
        start = _phrase_start(text, h_start, h_end, s_start, rules)
        defined = _defined_start(text, start, h_start, h_end, s_start, rules)
        if defined is not None:
            start = defined
            named.append(text[start:h_end])
        if start == h_start:
            # A bare head ("generation") names no task by itself; a specific one
            # ("segmentation", "captioning") does in a list of tasks or next to a task word.
            bare_hit = _bare_head(view, h_start, h_end, blocked, rules)
            if bare_hit is not None:
                bare.append(bare_hit)
            continue
        for b_start, b_end in blocked:
            if b_start >= h_end:
                break
            if start < b_end:
                # A name among the modifiers ends them ("Autoregressive 3D object
                # generation"); a name over the head leaves no task.
                start = _next_word(text, b_end) if b_end < h_start else h_end
                attached = rules["attached_after_name"].match(text, b_end)
                if attached and b_end < h_start:
                    # "a BERT-style punctuation prediction module": the suffix is the name's
                    start = _next_word(text, attached.end())
        if start >= h_start:
            continue
        head = text[h_start:h_end]
        weak = head.lower().rstrip("s") in rules["weak_heads"] or head.lower() in rules[
            "weak_heads"]
        # "video generation models": the task only qualifies a thing; an established
        # task still counts ("a monocular depth estimation model"), a new phrase not.
        qualifies = _QUALIFIED.match(text, h_end)
        next_word = qualifies.group(1).lower() if qualifies else ""
        if next_word in rules["organisations"] or next_word in rules["dataset_words"] and \
                qualifies.group(1)[:1].isupper():
            # "the UPC machine translation group", "The Legal Embedding Benchmark": a name
            continue
        qualifies = next_word in rules["not_before"]
        modifiers = text[start:h_start]
        phrases = [(start, h_end, text[start:h_end])]
        of_object = _OF_OBJECT.match(text, h_end, view.title_end) if view.in_title(h_end) \
            else None
        if of_object and not any(b_start < of_object.end() and h_end < b_end
                                 for b_start, b_end in blocked) and not _names_what(
                text[start:h_end], rules):
            # The title's "Controllable Generation of Organic Molecules": the task is
            # the whole phrase, not a lexicon reading of its first words.
            phrases = [(start, of_object.end(), text[start:of_object.end()])]
        # "image and video generation": the words listed before share the head (when the
        # head has one modifier: "binary and ternary natural language generation" is no
        # "binary generation").
        if " " not in modifiers.strip() and not _adjectival(modifiers.strip(), rules):
            for word_start, word in _coordinated_before(text, start, s_start, rules, blocked):
                phrases.append((word_start, h_end, word + " " + head))
        # "image generation and understanding", "object removal, insertion, and
        # replacement": the modifiers share the heads listed after.
        last_modifier = modifiers.split()[-1] + " "
        heads_shared = False
        fixed = head.lower() in _FIXED_HEADS  # "question answering, captioning"
        coordination_end = h_end
        for second in _coordinated_heads(text, h_end, s_end, rules):
            coordination_end = second.end(1)
            # The nearest modifier is shared when the lexicon knows the task so ("image
            # generation and editing": image editing); otherwise the paper names a task of
            # its own by the head ("object removal, insertion": "insertion"; "temporal
            # grounding, tracking": "tracking"). The words before may belong to the
            # first task only.
            # A head the lexicon knows as a task by itself ("machine translation,
            # summarization") is that task, unless the lexicon knows the shared one too.
            shared = last_modifier + second.group(1)
            known_alone = (_key(second.group(1)) in _lexicon_tasks()
                           and _key(shared) not in _lexicon_tasks())
            modifier_shared = (_key(shared) in _lexicon_tasks()
                               or second.group(1).lower() in rules["weak_heads"]
                               or not (fixed or _ADJECTIVE_SHAPED.search(last_modifier.strip())))
            if modifier_shared and not known_alone:
                phrases.append((start, second.end(1), shared))
                heads_shared = True
            else:
                bare_hit = _bare_head(view, second.start(1), second.end(1), blocked, rules)
                if bare_hit is not None:
                    bare.append(bare_hit)
        # "language understanding and generation capabilities": qualities of a model,
        # all the heads the capability word follows.
        after_all = _QUALIFIED.match(text, coordination_end)
        capability = coordination_end > h_end and after_all is not None and \
            after_all.group(1).lower() in rules["capability_words"]
        group = []
        for p_start, p_end, phrase in phrases:
            hit = _classify(phrase, p_start, p_end, rules)
            if hit is not None and defined is not None and (p_start, p_end) == (start, h_end):
                # Named as the paper defines it, every word its own.
                entry = _lexicon_tasks().get(_key(phrase))
                hit = replace(hit, label=task_label(phrase, entry), entry=entry,
                              confidence=max(hit.confidence, rules["known_tail"]))
            if hit is None or qualifies and hit.confidence < rules["known_tail"] or \
                    next_word in rules["capability_words"] and p_end == h_end or capability:
                continue
            group.append(hit)
            if next_word in _MODEL_WORDS and not view.in_title(hit.start):
                of_models.add((hit.start, hit.end))
            if hit.confidence >= rules["known_tail"] or _CROSS_MODAL.search(phrase):
                found.append(hit)  # "text-to-audio-video generation": a task by its shape
            else:
                unknown.setdefault(_key(hit.label), []).append((hit, weak))
        if len(group) > 1:
            # Heads shared: of a kind (evidence is shared); all: background is.
            groups.append(group)
            if heads_shared:
                kinds.append(group)
    datasets = [s for s in spans if s.type == "dataset"]
    pending: list[SpanHit] = []  # task-shaped, but without the evidence (yet)
    for hits in unknown.values():
        marked = any(view.in_title(h.start) or _opens_abstract(view, h)
                     or _purpose_of_own(view, h, own, rules)
                     or _task_word_near(text, h.start, h.end, rules)
                     or _named_in_capitals(view, h) or _on_dataset(text, h.end, datasets)
                     for h, _ in hits)
        strong = not hits[0][1] and (len(hits) > 1 or any(
            _evaluated_on(view, h, rules) for h, _ in hits))
        (found if marked or strong else pending).extend(h for h, _ in hits)
    _share_evidence(kinds, found, pending)
    covered = [(h.start, h.end) for h in found]
    plain: dict[str, list[SpanHit]] = {}
    for s in spans:
        if not is_kind(s.entry, "task") or _key(s.entry.label) in rules["fields"]:
            continue
        if any(c_start <= s.start and s.end <= c_end for c_start, c_end in covered):
            continue
        if text[s.end:s.end + 2][:1] == "-" and text[s.end + 1:s.end + 2].isalnum() or any(
                b_start < s.end and s.start < b_end for b_start, b_end in blocked):
            continue  # "text-to-audio-video": a longer word; "MRC Q-Former": a name
        after = re.match(r"\s+([\w-]+)", text[s.end:s.end + 30])
        if after and (after.group(1).lower() in rules["data_words"]
                      or after.group(1).lower() in rules["organisations"]
                      or after.group(1).lower() in rules["capability_words"]):
            # "QA pairs": data, not the task; "the MT group": a name; "instruction-following
            # capabilities": a quality of a model, not a task the paper takes on
            continue
        surface = text[s.start:s.end]
        if after and surface.isupper() and after.group(1)[:1].isupper():
            continue  # "(MRC Q-Former)": an acronym in a name
        if after and " " not in surface and "-" not in surface and surface.islower() \
                and after.group(1).islower() \
                and after.group(1).isalpha() and after.group(1) not in rules["stop"] \
                and after.group(1) not in rules["task_word_set"]:
            continue  # "denoising paths": one word modifying a noun
        if after and surface.isalpha() and surface.islower() and after.group(1).lower() in \
                rules["not_before"]:
            continue  # "the last denoising step": one word qualifying a thing
        modified = _modified_acronym(view, s, blocked, rules)
        if modified is not None:
            found.append(modified)
            continue
        hit = SpanHit(s.start, s.end, task_label(text[s.start:s.end], s.entry), "task-lexicon",
                      rules["lexicon"], s.entry)
        surface = text[s.start:s.end]
        if not s.entry.trusted or surface.islower() and (
                " " not in surface and "-" not in surface or surface.endswith("learning")):
            # One plain word ("denoising", "benchmarking") or a learning setting
            # ("representation learning") is a task only said twice or in the title.
            plain.setdefault(hit.label, []).append(hit)
            continue
        found.append(hit)
    for hits in plain.values():
        # In the title, a name the lexicon only lists must also read as a task
        # ("Benchmarking ...", "the AI Agent" do not).
        headed = hits[0].label.split()[-1].lower() in rules["heads"]
        if len(hits) > 1 or headed and any(view.in_title(h.start) for h in hits) or any(
                _task_word_near(text, h.start, h.end, rules) or _evaluated_on(view, h, rules)
                or _on_dataset(text, h.end, datasets) for h in hits):
            found.extend(hits)  # "results on tasks such as summarization"
        else:
            pending.extend(hits)
    for hit in bare:
        (found if _task_word_near(text, hit.start, hit.end, rules) else pending).append(hit)
    for hit in [*_the_task(view, blocked, rules), *_dataset_head(view, spans, rules)]:
        if not any(h.start <= hit.start and hit.end <= h.end for h in found):
            found.append(hit)
    # The shape rules, in this order: each adds what overlaps nothing found before it.
    for shape_rule in (_title_purpose, _title_task_verb, _task_list_items, _cast_as):
        for hit in shape_rule(view, blocked, rules):
            if not any(h.start < hit.end and hit.start < h.end for h in found):
                found.append(hit)
    for start, end in task_named_spans(text):
        if not any(h.start <= start and end <= h.end for h in found):
            found.append(SpanHit(start, end, _sentence_case(text[start:end]), "task-named",
                                 rules["known_tail"]))
    listed = _listed_with_tasks(view, found, pending)
    found.extend(listed)
    pending = [h for h in pending if h not in listed]
    _share_evidence(kinds, found, pending)
    # A list of tasks named as background is background as a whole ("progress in
    # crisp image, video, and audio generation").
    background = {(h.start, h.end) for h in found if _background(view, h, rules, own)
                  or _means(view, h.start)}
    if background:
        for chain in [*_chains(view, found), *groups]:
            if any((h.start, h.end) in background for h in chain):
                background.update((h.start, h.end) for h in chain)
    background |= _kinds_of_models(view, found, of_models, rules, own)
    background |= _base_model_kinds(view, found, background, rules)
    background |= _conceded(view, found, rules)
    background |= _categories(view, found)
    redefined = _redefined_acronyms(text)
    if redefined:
        background |= {(h.start, h.end) for h in found if redefined.intersection(
            _WORD.findall(text[h.start:h.end]))}
    # "Human-Centric Video Generation" where the paper defines it (HCVG): that task, not
    # the video generation its words also spell.
    defined = [s.surface for s in spans if s.type == "task" and s.entry is None
               and " " in getattr(s, "surface", "")] + named
    kept = [h for h in found if (h.start, h.end) not in background and not any(
        h.end >= len(d) and text[h.end - len(d):h.end].lower() == d.lower()
        and h.end - h.start < len(d) for d in defined)]
    return _without_generic(view, _as_named_elsewhere(kept, rules))


def _as_named_elsewhere(hits: list[SpanHit], rules: dict) -> list[SpanHit]:
    """The hits, a phrase with adjectives inside its modifiers ("Multi-view Consistent
    Image Generation") named as the paper names the task without them elsewhere
    ("multi-view image generation"): one task, in the paper's plain words."""
    labels = {_key(h.label): h.label for h in hits}
    named = []
    for hit in hits:
        words_of = hit.label.split()
        plain = words_of[:1] + [w for w in words_of[1:-1] if not _adjectival(w, rules)] + \
            words_of[-1:]  # the first word may be the task's own ("Conditional ...")
        if len(plain) < len(words_of):
            label = labels.get(_key(" ".join(plain)))
            if label is not None:
                hit = replace(hit, label=label)
        named.append(hit)
    return named


def _unnarrowed(view: DocText, hit: SpanHit) -> bool:
    """Whether the title names the task with nothing narrowing it before: an opener, a
    colon or a generic adjective ("Efficient Image Generation"), not a left-out
    modifier ("Masked Audio Generation", "Subject-Consistent Video Generation")."""
    before = _word_before(view.text, hit.start, 0)
    if before is None or view.text[:hit.start].rstrip().endswith(":"):
        return True
    word = before[1].lower()
    return word in _OPENERS or word in _rules()["generic"]


def _without_generic(view: DocText, hits: list[SpanHit]) -> list[SpanHit]:
    """The hits without a generic task that a cross-modal one of the paper spells out
    with its source ("Video generation" beside "Text-to-video generation", "Audio
    generation" beside "Text-to-audio generation"): the paper's short word for its own
    task, not a second task, unless the title names the generic one as it is and not
    the other ("Efficient Image Generation" may evaluate text-to-image generation too;
    "Masked Audio Generation" names no plain audio generation)."""
    labels = {h.label.lower() for h in hits}
    titled = {h.label.lower() for h in hits if view.in_title(h.start)}
    plain = {h.label.lower() for h in hits if view.in_title(h.start)
             and view.text[h.start:h.end].lower() == h.label.lower() and _unnarrowed(view, h)}
    return [h for h in hits if not any(
        s.endswith("-" + h.label.lower()) and "-to-" in s[:len(s) - len(h.label)] and (
            h.label.lower() not in plain or s in titled) for s in labels)]


def _head_spans(text: str, rules: dict) -> list[tuple[int, int]]:
    """(start, end) of every task head written as a word ("generation", "Captioning"),
    in text order: the head words found in the lower-cased text by one automaton, each
    kept where the head shape (:func:`_rules` ``head_shaped``) matches it as a whole
    word; the same spans as that shape's scan with a set lookup of each word, which
    tries the shape at every word."""
    low = lower_as_re_i(text)
    if low is None:  # the text lowers otherwise than re.I reads it: the shape's own scan
        return [m.span() for m in rules["head_shaped"].finditer(text)
                if m.group().lower() in rules["head_words"]]
    shape = rules["head_shaped"].fullmatch
    size = len(text)
    spans = []
    for _, start, end in sorted(_head_automaton().find_matches_as_indexes(
            low, overlapping=True), key=_SPAN_START):
        if (end == size or not _WORD_CHAR(text[end])) and shape(text, start, end):
            spans.append((start, end))
    return spans


@cache
def _head_automaton() -> ahocorasick_rs.AhoCorasick:
    """The head words (:func:`_rules` ``head_words``) as one automaton."""
    return ahocorasick_rs.AhoCorasick(sorted(_rules()["head_words"]))


_SPAN_START = itemgetter(1)
_WORD_CHAR = re.compile(r"[\w-]").match


# Heads too generic to name a task alone ("generation", "synthesis"; the weak ones).
_GENERIC_BARE = {"generation", "synthesis", "translation", "editing", "comprehension",
                 "completion", "recognition", "detection", "classification", "estimation",
                 "prediction", "extraction", "answering", "following", "instruction-following"}


# "text-to-video", "speech-to-text", "image-to-3D": a task by its shape alone.
_CROSS_MODAL = cued_compile(r"^(?:[\w-]+\s+)?(?!(?:left|right|end|coarse|easy|one|many|short|"
                            r"next|step|peer|back|front|top|bottom)-to-)[\w]+-to-[\w-]+\s+\w+$",
                            re.I)
# "synthesizing the video through 3D reconstruction", "identified via KDE": a means.
# "enhances X by introducing timestamp-aware segment grounding": what the paper brings in.
_MEANS = cued_compile(r"\b(?:(?:through|via|using|by\s+means\s+of)\s+(?:the\s+|an?\s+)?|by\s+(?:"
                      r"introducing|leveraging|adopting|employing|incorporating|exploiting)\s+"
                      r"(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2})$", re.I)
# In a title the means may carry its own modifiers ("... via Verbalizable Latent
# Planning"), and "by" says means too ("... by In-Context Generation").
_TITLE_MEANS = cued_compile(r"\b(?:through|via|using|by)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}"
                            r"(?:(?:and|&)\s+(?:[\w-]+\s+){0,2})?$", re.I)


def _means(view: DocText, start: int) -> bool:
    """A task named as the means of something else ("via depth estimation"; in the
    title "... via Timestamp-Aware Multi-Segment Grounding")."""
    text = view.text
    if view.in_title(start):
        return bool(_TITLE_MEANS.search(text, max(0, start - 64), start))
    return bool(_MEANS.search(text, max(0, start - 64), start))


# "For the subject preservation task": a task the paper names by the word "task".
_THE_TASK = cued_compile(r"\b(?:[Tt]he|[Tt]his)\s+((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)\s+task\b"
                         r"(?![\w-])")


def _the_task(view: DocText, blocked: list[tuple[int, int]], rules: dict) -> list[SpanHit]:
    """"the X task" where X ends in no task head ("the audio-visual sync task"): X names
    a task unless it is generic ("the pretext task", "the downstream task")."""
    text = view.text
    if " task" not in text:
        return []
    hits = []
    for m in _THE_TASK.finditer(text):
        phrase = m.group(1)
        words_of = phrase.split()
        if words_of[-1] in rules["heads"] or any(
                w in rules["stop"] or w in rules["generic"] or w in rules["not_the_task"]
                or w.endswith("ly") or any(c.isdigit() for c in w) for w in words_of) or any(
                b_start < m.end(1) and m.start(1) < b_end for b_start, b_end in blocked):
            continue
        entry = _lexicon_tasks().get(_key(phrase))
        hits.append(SpanHit(m.start(1), m.end(1), task_label(phrase, entry), "task-the-task",
                            rules["known_tail"], entry))
    return hits


# "COCO detection", "ImageNet-1K classification": a task head right after a dataset name.
_HEAD_AFTER = cued_compile(r"[\s-]([a-z]+)(?![\w-])")


def _dataset_head(view: DocText, spans: Sequence[Candidate | TypedSpan],
                  rules: dict) -> list[SpanHit]:
    """A dataset named with a task head ("ADE20K segmentation") names the dataset's
    leaderboard task of that head (``head_tasks`` of its lexicon entry): "Semantic
    segmentation". The text names the task; the dataset only says which one."""
    text = view.text
    hits = []
    for s in spans:
        if s.type != "dataset" or s.entry is None or not s.entry.head_tasks:
            continue
        m = _HEAD_AFTER.match(text, s.end)
        head = m.group(1) if m else ""
        if head not in rules["heads"]:
            continue
        for name in s.entry.head_tasks:
            if name.split()[-1].lower() == head:
                entry = _lexicon_tasks().get(_key(name))
                hits.append(SpanHit(s.start, m.end(1), task_label(name, entry),
                                    "task-dataset-head", rules["known_tail"], entry))
    return hits


# "... for Universal Humanoid Pose Control": what the title says the work is for, to the
# end of the title or of its part (a colon, a means, a setting).
_TITLE_PURPOSE = cued_compile(r"\bfor\s+((?:(?!(?:and|or)\s)[\w-]+\s+){0,3}[\w-]+)"
                              r"(?=\s*(?:$|[:,;?!(]|\s(?:with|via|by|using|through|from|in|on|"
                              r"under|at|and|&|or|beyond)\s))")


def _title_purpose(view: DocText, blocked: list[tuple[int, int]],
                   rules: dict) -> list[SpanHit]:
    """The task a title names as its purpose ("Distilled Codecs for Speech Tokenization",
    "Adapting Audio Models for Robotic Grasping"): a phrase after "for" that ends
    in an activity (the task heads, and activities that name a task only so: "control",
    "simulation", "representation learning") with a modifier saying of what; not a
    thing ("for Large Video Models"), a verb ("for Improving ..."), a name or an
    adjective alone ("for Joint Extraction", "for Long Reasoning")."""
    text = view.text
    hits = []
    for m in _TITLE_PURPOSE.finditer(text, 0, view.title_end):
        start, end = m.span(1)
        if end > view.title_end:
            continue
        words_of = m.group(1).split()
        head, modifiers = words_of[-1].lower(), words_of[:-1]
        if head not in rules["purpose_heads"] or not modifiers or any(
                b_start < end and start < b_end for b_start, b_end in blocked):
            continue
        if not all(_modifier_ok(w, rules) for w in modifiers) or all(
                _adjectival(w, rules) for w in modifiers):
            continue
        # "Robust Representation Learning": the modifiers are not all adjectival, so the
        # head always stays.
        hits.append(_trimmed_task_hit(text, start, end, words_of, rules, "task-title-purpose", 1))
    return hits


# "GenX: Generating an Explorable World", "Learning to Segment Surgical Instruments": a
# task verb opening the title (or its part after a colon, "to", "for", "on", "towards")
# and its object, to a break (the end, a colon, a comma, a preposition).
_TITLE_VERB = cued_compile(r"\b([A-Z][a-z]+)\s+(?:(?:[Aa]n?|[Tt]he)\s+)?((?:[\w-]+\s+){0,3}?[\w-]+)"
                           r"(?=\s*(?:$|[:,;?!(]|\s(?i:from|with|via|using|for|in|on|of|through|"
                           r"by|at|under|without|to|into|across|and|&)\s))")
_TITLE_VERB_OPENER = cued_compile(r"(?:^|:|\b(?:[Tt]o|[Ff]or|[Oo]n|[Tt]owards?))\s*$")
_PLURAL_ENDING = cued_compile(
    r"(?:(?<=[^aeiou])ies|(?:(?<=ch)|(?<=sh)|(?<=ss)|(?<=x))es|(?<=[^sui])s)$")


def _singular(word: str) -> str:
    """The singular of a plural noun.

    >>> [_singular(w) for w in ("Deficiencies", "Videos", "Patches", "Analysis", "Corpus")]
    ['Deficiency', 'Video', 'Patch', 'Analysis', 'Corpus']
    """
    m = _PLURAL_ENDING.search(word)
    if m is None or len(word) < 4:
        return word
    return word[:m.start()] + ("y" if m.group() == "ies" else "")


def _title_task_verb(view: DocText, blocked: list[tuple[int, int]],
                     rules: dict) -> list[SpanHit]:
    """The task a title names by a task verb and its object ("Generating an Explorable
    World" -> "World generation", "Discovering Knowledge Deficiencies of Language Models"
    -> "Knowledge deficiency discovery"): the object's noun, singular, with its modifiers
    that say of what (not "explorable", "diverse", "highly"), before the verb's noun."""
    text = view.text
    hits = []
    verbs = rules["title_verbs"]
    for word in _WORD.finditer(text, 0, view.title_end):
        head = verbs.get(word.group().lower())
        if head is None or not _TITLE_VERB_OPENER.search(text, max(0, word.start() - 8),
                                                          word.start()):
            continue
        m = _TITLE_VERB.match(text, word.start(), view.title_end)
        if m is None:
            continue
        start, end = m.span(2)
        if any(b_start < end and start < b_end for b_start, b_end in blocked):
            continue
        words_of = m.group(2).split()
        while len(words_of) > 1 and (_adjectival(words_of[0], rules) or words_of[0].lower(
                ).endswith("ly")):
            words_of = words_of[1:]  # "Diverse Datasets", "Highly Dynamic Videos"
        last = words_of[-1].lower()
        if not all(_modifier_ok(w, rules) for w in words_of[:-1]) or (
                last in rules["stop"] and last not in rules["dataset_words"]) or not \
                last[:1].isalpha() or _adjectival(last, rules) or last.endswith("ing"):
            continue  # "Generating Faster", "Predicting Is Not ...": no object
        phrase = " ".join([*words_of[:-1], _singular(words_of[-1]), head])
        entry = _lexicon_tasks().get(_key(phrase))
        hits.append(SpanHit(m.start(1), end, task_label(phrase, entry), "task-title-verb",
                            rules["known_tail"], entry))
    return hits


# "four core 3D tasks -- rendering, recognition, and question-answering", "8 task
# categories that capture long-context capabilities: A, B and C": a list of tasks.
_TASK_LIST = cued_compile(r"\b(?:(?:sub-?)?tasks|task\s+(?:categories|types|families))\b"
                          r"([^.,;:()]{0,80}?)(?::|\s+--|\s+—)\s*", re.I)
_LIST_ITEM_GAP = cued_compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+)")
_ENUMERATION_MARK = cued_compile(r"\(?(?:\d|[ivx]+)\)\s*")
_LIST_END = cued_compile(r"\s+--|\s+—|;|\.(?:\s|$)|$")


def _task_list_items(view: DocText, blocked: list[tuple[int, int]],
                     rules: dict) -> list[SpanHit]:
    """The items of a list that the word "tasks" introduces with a colon or a dash
    ("three tasks: glorp parsing, zorb ranking and blip testing"): each is a task,
    whatever its head; a list with a long item is no list of names (nor one of
    challenges or stages: "tasks face two challenges: ...").

    >>> doc = DocText.of("T. It covers four tasks: bug triage, rendering and code review.", 1, 3)
    >>> [h.label for h in _task_list_items(doc, [], _rules())]
    ['Bug triage', 'Rendering', 'Code review']
    """
    text = view.text
    hits = []
    for m in _TASK_LIST.finditer(text, view.abstract_start):
        s_start = view.sentence(m.start())[0]
        clause = max(s_start, text.rfind(",", s_start, m.start()) + 1, m.start() - 40)
        if any(w.lower() in rules["list_gap_stops"] for w in (
                text[clause:m.start()] + m.group(1)).split()):
            continue  # "challenges common to all tasks: bias, ..."
        s_end = view.sentence(m.end())[1]
        end = _LIST_END.search(text, m.end(), s_end)
        stop = end.start() if end else s_end
        items, pos = [], m.end()
        while pos < stop:
            gap = _LIST_ITEM_GAP.search(text, pos, stop)
            item_end = gap.start() if gap else stop
            mark = _ENUMERATION_MARK.match(text, pos, item_end)
            start = mark.end() if mark else pos
            items.append((start, item_end))
            pos = gap.end() if gap else stop
        if len(items) < 2 or any(not _WORD.fullmatch(text, a, b) and not re.fullmatch(
                r"[\w-]+(?:\s+[\w-]+){0,3}", text[a:b]) for a, b in items):
            continue  # "(1) tagging to decide which tokens ...": sentences, not names
        for a, b in items:
            phrase = text[a:b]
            if phrase.split()[0].lower() in rules["stop"] or _key(phrase) in rules[
                    "fields"] or any(b_start < b and a < b_end for b_start, b_end in blocked):
                continue
            entry = _lexicon_tasks().get(_key(phrase))
            hits.append(SpanHit(a, b, task_label(phrase, entry), "task-listed",
                                rules["known_tail"], entry))
    return hits


# Activities by their ending ("data mixture optimization", "policy refinement").
_ACTIVITY_NOUN = cued_compile(r"(?:tion|sion|ment|sis)$", re.I)


def _cast_as(view: DocText, blocked: list[tuple[int, int]], rules: dict) -> list[SpanHit]:
    """The task a paper recasts ("casting glorp scheduling as a causal inference
    problem", "formulates character control as motion inpainting"): the object of a
    casting verb before "as", when it names an activity (a task head, an activity that
    names a task only so, or a noun in -tion/-ment/-sis) with a modifier saying of what;
    with "the" only as "the X problem" ("the denoising process" is no task).

    >>> doc = DocText.of("T. We cast policy learning as video generation.", 1, 3)
    >>> [h.label for h in _cast_as(doc, [], _rules())]
    ['Policy learning']
    """
    text = view.text
    hits = []
    for m in rules["cast_as"].finditer(text, view.abstract_start):
        if m.group(1) and not m.group(3):
            continue
        start, end = m.span(2)
        words_of = m.group(2).split()
        last = words_of[-1].lower()
        entry = _lexicon_tasks().get(_key(m.group(2)))
        if entry is None and (len(words_of) < 2 or not (
                last in rules["heads"] or last in rules["purpose_heads"]
                or _ACTIVITY_NOUN.search(last))):
            continue
        if not all(_modifier_ok(w, rules) for w in words_of[:-1]) or any(
                b_start < end and start < b_end for b_start, b_end in blocked):
            continue
        hits.append(_trimmed_task_hit(text, start, end, words_of, rules, "task-cast-as", 2))
    return hits


def _share_evidence(groups: list[list[SpanHit]], found: list[SpanHit],
                    pending: list[SpanHit]) -> None:
    """The tasks one coordination names are of a kind ("speech transcription and
    extraction"): one found makes the others found (moved from ``pending``)."""
    for group in groups:
        if any(h in found for h in group):
            for h in group:
                if h in pending:
                    pending.remove(h)
                    found.append(h)


def _names_what(phrase: str, rules: dict) -> bool:
    """Whether a phrase ends in a curated task that says of what ("Camera-Controlled
    Video Generation": video generation), not only how ("Controllable Generation")."""
    known = _lexicon_suffix(phrase, curated=True)
    return known is not None and not all(_adjectival(w, rules) for w in known[0].split()[:-1])


def _bare_head(view: DocText, start: int, end: int, blocked: list[tuple[int, int]],
               rules: dict) -> SpanHit | None:
    """A head written alone ("segmentation", "captioning") as a task hit that needs a list
    of tasks or a task word to count; None when the head is too generic, sits in a name,
    follows a modifier the phrase left out ("dense detection"), or qualifies a thing."""
    text = view.text
    head = text[start:end].lower()
    if head in _GENERIC_BARE or head in rules["weak_heads"] or head.rstrip("s") in rules[
            "weak_heads"] or head.endswith("s") and head[:-1] in rules["heads"] or any(
            b_start < end and start < b_end for b_start, b_end in blocked):
        return None
    before = _word_before(text, start, max(0, start - 30))
    if before is not None and before[1].lower() not in rules["stop"]:
        return None
    after = _QUALIFIED.match(text, end)
    if after and after.group(1).lower() in rules["not_before"]:
        return None
    entry = _lexicon_tasks().get(_key(head))
    return SpanHit(start, end, task_label(head, entry), "task-phrase", rules["phrase"], entry)


_OPENERS = {"a", "an", "the", "of", "on", "for", "in", "to", "and", "or", "as", "with", "like",
            "including", "from", "across", "both"}


def _modified_acronym(view: DocText, span, blocked: list[tuple[int, int]],
                      rules: dict) -> SpanHit | None:
    """A task acronym with modifiers that say on what ("medical QA", "Video QA"): a
    more specific task, named with the acronym's long form ("Video question answering")."""
    text = view.text
    surface = text[span.start:span.end]
    qualifies = _QUALIFIED.match(text, span.end)
    after = qualifies.group(1).lower() if qualifies else ""
    if not (surface.isupper() and len(surface) <= 5) or after in rules["not_before"] and \
            after not in rules["measure_words"]:
        return None  # "a base T2V model": the task qualifies a thing ("medical QA accuracy" not)
    attached = _ATTACHED_MODIFIER.search(text, max(0, span.start - 30), span.start)
    if attached is not None and not _describes(attached.group(1), rules):
        # "video-QA": the modifier written onto the acronym.
        return SpanHit(attached.start(1), span.end, task_label(
            attached.group(1) + " " + task_label(surface, span.entry)), "task-phrase",
            rules["known_tail"])
    start = _phrase_start(text, span.start, span.end, view.sentence(span.start)[0], rules)
    if start == span.start or any(b_start < span.start and start < b_end
                                  for b_start, b_end in blocked):
        return None
    modifiers = text[start:span.start]
    words = modifiers.split()
    # One plain word after a determiner, preposition or comma: a verb before the
    # acronym ("readers favor MT") is no modifier.
    before = _word_before(text, start, max(0, start - 30))
    word_before = before[1].lower() if before else ""
    if len(words) != 1 or _describes(words[0], rules) or _key(
            modifiers) in rules["fields"] or before and not (
            word_before in _OPENERS or word_before in rules["generic"]):
        return None
    return SpanHit(start, span.end, task_label(modifiers + task_label(surface, span.entry)),
                   "task-phrase", rules["known_tail"])


_ATTACHED_MODIFIER = cued_compile(r"(?<![\w-])([A-Za-z][a-z]+(?:-[a-z]+)?)-$")


# Between two items of one list: a comma or "and"/"or", and at most two words the
# phrase left out ("image generation, zero-shot image classification").
_LIST_GAP = cued_compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|as well as)\s+|;\s*)"
                         r"(?:[\w-]+\s+){0,2}")


def _listed_with_tasks(view: DocText, found: list[SpanHit],
                       pending: list[SpanHit]) -> list[SpanHit]:
    """The pending hits listed with a task ("image generation, video generation, 3D
    generation, and multi-modal generation"): the list says what they are."""
    if not pending:
        return []
    waiting = {id(h) for h in pending}
    listed = []
    for chain in _chains(view, [*found, *pending]):
        if any(id(h) not in waiting for h in chain):
            listed.extend(h for h in chain if id(h) in waiting)
    return listed


def _chains(view: DocText, hits: list[SpanHit]) -> list[list[SpanHit]]:
    """The hits in chains of items one list gap apart, within a sentence (one hit per
    span)."""
    text = view.text
    items = sorted({(h.start, h.end): h for h in hits}.values(), key=lambda h: h.start)
    if not items:
        return []
    chains, chain = [], [items[0]]
    for item in items[1:]:
        last = chain[-1]
        gap = _LIST_GAP.fullmatch(text, last.end, item.start) if last.end <= item.start \
            else None
        if gap and view.sentence(last.start) == view.sentence(item.start):
            chain.append(item)
        else:
            chains.append(chain)
            chain = [item]
    chains.append(chain)
    return chains


# "... Generation of Organic Molecules": up to three words after "of", to a break.
_OF_OBJECT = cued_compile(r"\s+of\s+(?:[A-Za-z][\w-]*\s+){0,2}[A-Za-z][\w-]*(?=\s*(?:$|[:,;(]|"
                          r"\s(?:with|via|by|using|for|from|in|through|and)\b))")
_COORDINATED_HEAD = cued_compile(
    r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)([\w-]+)(?![\w-])")
_QUALIFIED = cued_compile(r"(?:\s*\([^()]{1,12}\))?\s+([\w-]+)")


def _coordinated_heads(text: str, end: int, limit: int, rules: dict):
    """The heads listed right after a phrase's head ("removal, insertion, and replacement")."""
    pos = end
    while True:
        m = _COORDINATED_HEAD.match(text, pos, limit)
        if m is None or m.group(1).lower() not in rules["heads"]:
            return
        yield m
        pos = m.end()
_COORDINATED_WORD = cued_compile(r"([A-Za-z0-9][\w]*(?:-[\w]+)*)\s*(?:,\s*(?:and\s+|or\s+)?|"
                                 r"\s(?:and|or|&)\s+)$")


def _coordinated_before(text: str, start: int, limit: int, rules: dict,
                        blocked: Sequence[tuple[int, int]] = ()):
    """The words listed before a phrase's modifiers ("image, video and [audio] ...");
    not adjectives, heads or words shaped like one ("speaker description, speech
    transcription"), nor names ("Sparse Diffusion and 3D Rendering")."""
    pos = start
    for _ in range(4):
        # A listed word ends in "," or white space before ``pos`` (", and ", " or "):
        # without, the search below finds nothing ending there.
        if pos < 1 or text[pos - 1] != "," and not text[pos - 1].isspace():
            return
        m = _COORDINATED_WORD.search(text, max(limit, pos - 30), pos)
        word = m.group(1) if m else ""
        if m is None or m.end() != pos or not _modifier_ok(word, rules) \
                or _describes(word, rules) or word.lower() in rules["heads"] \
                or rules["head_shaped"].fullmatch(word) and _headed_item(text, m.start(1),
                                                                          rules) \
                or any(b_start < m.end(1) and m.start(1) < b_end for b_start, b_end in blocked):
            return  # "consistent, dynamic and long video generation": adjectives only
        yield m.start(1), m.group(1)
        pos = m.start(1)


def _headed_item(text: str, start: int, rules: dict) -> bool:
    """Whether the word at ``start`` ends a list item of its own: a word stands before it
    ("speaker description, speech transcription"; not "emotion and speech recognition")."""
    before = _word_before(text, start, max(0, start - 30))
    return before is not None and before[1].lower() not in rules["stop"]


@cache
def _languages() -> frozenset[str]:
    return frozenset(name_key(n) for e in load_lexicon() if e.kind == "language"
                     for n in e.names)


# "German-English", "English-to-German", "En-De": the two sides of a language pair.
_PAIR = re.compile(r"([A-Za-z]+)-(?:to-)?([A-Za-z]+)")
_CODE = re.compile(r"[A-Z][a-z]")


def _language_pair_translation(phrase: str) -> LexiconEntry | None:
    """The lexicon's machine translation for a translation named by its language pair
    ("German-English translation", "En-De translation"); None for any other phrase."""
    words = phrase.split()
    if len(words) != 2 or words[1].lower() not in ("translation", "translations"):
        return None
    m = _PAIR.fullmatch(words[0])
    if m is None or not all(_key(side) in _languages() or _CODE.fullmatch(side)
                            for side in m.groups()):
        return None
    return _lexicon_tasks().get(_key("machine translation"))


def _classify(phrase: str, start: int, end: int, rules: dict) -> SpanHit | None:
    """A task-shaped phrase as a task hit: by the lexicon when it (or its tail after
    mere adjectives) is a known task, else as a phrase of its own (None: a field)."""
    if _key(phrase) in rules["fields"]:
        return None
    pair = _language_pair_translation(phrase)
    if pair is not None:  # "German-English translation" is machine translation
        return SpanHit(start, end, task_label(pair.label, pair), "task-lexicon",
                       rules["lexicon"], pair)
    suffix = _lexicon_suffix(phrase)
    if suffix is not None and not suffix[1].trusted and suffix[0].lower() in rules["heads"]:
        # A source's bare head ("Denoising") is no known tail: "iterative denoising" and
        # "the last denoising step" name the steps of a sampler, and need the evidence a
        # new phrase needs.
        suffix = None
    if suffix is None:
        if all(_describes(w, rules) for w in phrase.split()[:-1]):
            return None  # "interactive generation", "reusable reasoning": how, not what
        return SpanHit(start, end, task_label(phrase), "task-phrase", rules["phrase"])
    tail, entry = suffix
    if _key(entry.label) in rules["fields"]:
        return None
    prefix = phrase[:len(phrase) - len(tail)].split()
    if prefix:
        # "Constrained Natural Language Generation": the lexicon's own name of the
        # narrower task spells the tail by its canonical label (constrained text generation).
        narrower = _lexicon_tasks().get(_key(prefix[-1] + " " + entry.label))
        if narrower is not None and _key(tail) != _key(entry.label):
            return SpanHit(start, end, task_label(narrower.label, narrower), "task-lexicon",
                           rules["lexicon"], narrower)
    if prefix and entry.trusted and all(_describes(w, rules) for w in prefix):
        # "failed dense retrieval": a participle says how it went, not what.
        return SpanHit(start, end, task_label(tail, entry), "task-lexicon", rules["lexicon"],
                       entry)
    if all(_adjectival(w, rules) for w in prefix):
        # "text-guided universal music generation" is music generation. A task only
        # listed by a leaderboard source (not curated) needs the evidence a new phrase
        # needs, unless it ends in a curated one ("monocular depth estimation").
        if entry.trusted or _lexicon_suffix(tail, curated=True) is not None:
            return SpanHit(start, end, task_label(tail, entry), "task-lexicon",
                           rules["lexicon"], entry)
        return SpanHit(start, end, task_label(tail, entry), "task-lexicon", rules["phrase"],
                       entry)
    # "6D object pose estimation": a more specific task than the lexicon's.
    return SpanHit(start, end, task_label(phrase), "task-phrase", rules["known_tail"])


_NEXT_WORD = cued_compile(r"[^\w]*")


def _next_word(text: str, pos: int) -> int:
    return _NEXT_WORD.match(text, pos).end()


_LISTED_TASKS = cued_compile(
    r"\b(?:tasks?|problems?|benchmarks?)\s*(?:,\s*)?(?:such\s+as|including|"
    r"like|e\.g\.,?|namely|:)\s+(?:[\w-]+(?:\s+[\w-]+){0,4}\s*(?:,|\band\b|"
    r"\bor\b)\s*(?:and\s+)?){0,5}(?:[\w-]+\s+){0,2}$", re.I)


# "the task of X", "a benchmark for long-horizon X" (words the phrase left out between).
_TASK_OF = cued_compile(r"\b(?:(?:task|problem)s?\s+(?:of|(?:that|which)\s+involve|"
                        r"involving)|benchmarks?\s+for)\s+(?:[\w-]+\s+){0,2}$", re.I)


def _task_word_near(text: str, start: int, end: int, rules: dict) -> bool:
    """"the X task", "X benchmarks", "X and Y tasks", "the task of X", "tasks that
    involve X", "a benchmark for X", "tasks such as A, B and X"."""
    after = re.match(r"\s*(?:(?:and|or|,)\s*[\w-]+\s+){0,2}", text[end:end + 40])
    rest = text[end + after.end():end + after.end() + 14] if after else text[end:end + 14]
    return bool(rules["task_words"].match(rest) or _TASK_OF.search(
        text, max(0, start - 50), start) or _LISTED_TASKS.search(text, max(0, start - 160), start))


def _purpose_of_own(view: DocText, hit: SpanHit, own: Sequence[str], rules: dict) -> bool:
    """"We present Glorp, a unified framework for online 4D scene reconstruction": the
    task the paper's own system is for, in the sentence that proposes it (a propose verb,
    or its own name, before the system noun)."""
    s_start = view.sentence(hit.start)[0]
    m = rules["purpose_of"].search(view.text, max(s_start, hit.start - 80), hit.start)
    if m is None:
        return False
    return bool(rules["propose"].search(view.text, s_start, m.start())) or _names_in(
        view.text, s_start, m.start(), own)


def _opens_abstract(view: DocText, hit: SpanHit) -> bool:
    """The abstract opens on the task ("Monocular depth estimation aims to ...")."""
    return hit.start == view.abstract_start


def _named_in_capitals(view: DocText, hit: SpanHit) -> bool:
    """"it unlocks Precise 3D Spatial Reasoning": a capitalised phrase in the abstract."""
    text = view.text
    words = text[hit.start:hit.end].split()
    if hit.start < view.abstract_start or len(words) < 2 or view.sentence(hit.start)[0] == \
            hit.start:
        return False
    return all(w[0].isupper() or w[0].isdigit() for w in words)


def _evaluated_on(view: DocText, hit: SpanHit, rules: dict) -> bool:
    """"achieves ... on text-to-4D generation", "On model-based 2D detection, X achieves":
    a task the paper reports results on (the words the phrase left out may come between)."""
    before = view.text[max(view.sentence(hit.start)[0], hit.start - 30):hit.start]
    return bool(_ON_BEFORE.search(before)) and bool(rules["evaluation"].search(
        view.text, *view.sentence(hit.start)))


_ON_BEFORE = cued_compile(r"\b[Oo]n\s+(?:[\w-]+\s+)?$")


def _on_dataset(text: str, end: int, datasets: list[TypedSpan]) -> bool:
    """"X on the CheXmask dataset": a task evaluated on a named dataset."""
    m = re.match(r"\s+(?:on|in)\s+(?:the\s+)?", text[end:end + 12])
    return m is not None and any(d.start == end + m.end() for d in datasets)


# "This methodology marks significant advancements in X": the paper's own work.
_THIS_WORK = re.compile(r"\b[Tt]his\s+(?:[\w-]+\s+)?(?:paper|work|study|method|methodology|"
                        r"approach|model|framework|system|technique)\b")


# "... gained success in X, yet still lag behind on Y": Y is the gap the paper fills.
_TURN = re.compile(r"\b(?:yet|but|still|however|lacks?|lag|lags|remains?)\b", re.I)


def _last(pattern: re.Pattern, text: str, start: int, end: int) -> int | None:
    """The end of the last match of ``pattern`` in ``text[start:end]``."""
    last = None
    for m in pattern.finditer(text, start, end):
        last = m.end()
    return last


# Where a fronted phrase ("Unlike methods that need X, Y, and Z") ends: the comma before
# the main clause's subject, a pronoun, a determiner or a name ("..., Glorp recovers").
FRONTED_END = cued_compile(r",\s+(?=(?:we|our|it|its|they|their|this|these|such|the|an?)\b|"
                            r"[A-Z])")


def _background(view: DocText, hit: SpanHit, rules: dict,
                own: Sequence[str] = ()) -> bool:
    """A task named only in a contrast ("unlike X", or anywhere in a sentence's fronted
    "Unlike methods that need X, Y and Z, ..."), as what a system does without ("without
    separate X modules"), in a sentence on the field's progress
    that names nothing of the paper's own, or as an example of the field
    ("tasks such as X") in a sentence that evaluates nothing of the paper's (nor
    speaks of its own system by name)."""
    s_start, s_end = view.sentence(hit.start)
    opener = rules["contrast_opener"].match(view.text, s_start)
    if opener is not None:
        main = FRONTED_END.search(view.text, opener.end(), s_end)
        if main is not None and hit.start < main.start():
            return True  # in the fronted contrast, however many commas its list has
    reach = max(s_start, hit.start - rules["background_window"])
    if rules["absent"].search(view.text, reach, hit.start):
        return True
    clause = max(reach, view.text.rfind(",", 0, hit.start) + 1)
    if rules["background"].search(view.text, clause, hit.start):
        return True
    progress = None if view.in_title(hit.start) else _last(
        rules["progress"], view.text, s_start, hit.start)
    if progress is not None and not _TURN.search(
            view.text, progress, hit.start) and not rules["evaluation"].search(
            view.text, s_start, s_end) and not _THIS_WORK.search(
            view.text, s_start, s_end) and not _names_in(view.text, s_start, s_end, own):
        # "Recent advances in X have greatly improved T": the field's progress, in a
        # sentence that says nothing of the paper's own work.
        return True
    # The tasks that models "still struggle with" are the problem the paper takes on.
    return bool(rules["examples"].search(view.text, reach, hit.start)) and not rules[
        "evaluation"].search(view.text, s_start, s_end) and not rules["problem"].search(
        view.text, s_start, hit.start) and not (
        _names_in(view.text, s_start, s_end, own))


# "... understanding and generation tasks including A, B": the words before the list's
# opener (a shared head or partner may come between the task and "tasks").
_CATEGORY_OF_LIST = re.compile(r"(?:\s*(?:,|and|or)\s*[\w-]+){0,2}\s+tasks\s*,?\s*(?:such\s+as|"
                               r"including|like|e\.g\.,?)\s", re.I)


def _categories(view: DocText, found: list[SpanHit]) -> set[tuple[int, int]]:
    """The spans of tasks that name only the kind of the tasks a list then gives
    ("tests on glorp understanding and generation tasks including summarization
    and question generation"): the listed tasks are the ones evaluated, not their kind."""
    text = view.text
    kinds = set()
    for hit in found:
        m = _CATEGORY_OF_LIST.match(text, hit.end)
        if m is None:
            continue
        s_end = view.sentence(hit.start)[1]
        if any(m.end() <= h.start < s_end and h.label != hit.label for h in found):
            kinds.add((hit.start, hit.end))
    return kinds


def _conceded(view: DocText, found: list[SpanHit], rules: dict) -> set[tuple[int, int]]:
    """The spans of tasks a concessive clause names as studied already, when the main
    clause names the task the paper takes on ("Although single-image reflection removal
    is well studied, video reflection removal remains open")."""
    text = view.text
    conceded = set()
    for hit in found:
        s_start, s_end = view.sentence(hit.start)
        comma = text.find(",", hit.end, s_end)
        if comma < 0 or not rules["concessive"].match(text, s_start) or text.find(
                ",", s_start, hit.start) >= 0:
            continue
        if any(comma < h.start < s_end and h.label != hit.label for h in found):
            conceded.add((hit.start, hit.end))
    return conceded


# "Test-Time Scaling (TTS)": an acronym in parentheses, and the words before it.
_PARENTHESISED_ACRONYM = cued_compile(r"\(\s*([A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*)\s*\)")
_WORDS_BEFORE = cued_compile(r"(?:[\w-]+\s+){1,6}$")


def _redefined_acronyms(text: str) -> set[str]:
    """The task acronyms of the lexicon that the paper defines its own way ("Test-Time
    Scaling (TTS)", "automatic prompt engineering (APE)"): no uses of them name the
    lexicon's task (text-to-speech, argument pair extraction)."""
    if "(" not in text:
        return set()
    redefined = set()
    for m in _PARENTHESISED_ACRONYM.finditer(text):
        short = m.group(1)
        entry = _lexicon_tasks().get(_key(short))
        if entry is None:
            continue
        before = _WORDS_BEFORE.search(text, max(0, m.start() - 80), m.start())
        if before is None:
            continue
        phrase = before.group()
        words_of = [(w.start(), w.end(), w.group()) for w in ACRONYM_WORD.finditer(phrase)]
        start = initials_start(short, words_of)
        if start is None:
            continue  # no definition: "speech synthesis (TTS)" glosses the acronym
        long_key = _key(phrase[words_of[start][0]:])
        if not any(len(k) > len(_key(short)) and long_key.endswith(k) for k in (
                _key(n) for n in entry.names)):
            redefined.add(short)
    return redefined


_MODEL_WORDS = {"model", "models"}


def _kinds_of_models(view: DocText, found: list[SpanHit], of_models: set[tuple[int, int]],
                     rules: dict, own: Sequence[str]) -> set[tuple[int, int]]:
    """The spans of tasks the paper names only as a kind of models that others build
    ("Recent video generation models demonstrate ...", "new and better image generation
    models increase the demand for detectors"): in no sentence does the paper speak of
    its own work ("we", "our", its own name) — the systems it studies, not its task."""
    if not of_models:
        return set()
    text = view.text
    by_label: dict[str, list[SpanHit]] = {}
    for hit in found:
        by_label.setdefault(hit.label, []).append(hit)
    dropped = set()
    for hits in by_label.values():
        if all((h.start, h.end) in of_models and not rules["own_cues"].search(
                text, *view.sentence(h.start)) and not _names_in(
                text, *view.sentence(h.start), own) for h in hits):
            dropped.update((h.start, h.end) for h in hits)
    return dropped


def _base_model_kinds(view: DocText, found: list[SpanHit], background: set[tuple[int, int]],
                      rules: dict) -> set[tuple[int, int]]:
    """The spans of a task the paper names only as the kind of a model it starts from
    ("we adapt a pre-trained text-to-image (T2I) model", "trained from a text-to-video
    model", the title's "Adapting Pretrained Text-to-Image Transformers"): each mention
    not already background qualifies a model, and one of them a base model — what the
    paper builds on, not the task it works on."""
    text = view.text
    by_label: dict[str, list[SpanHit]] = {}
    for hit in found:
        if (hit.start, hit.end) not in background:
            by_label.setdefault(hit.label, []).append(hit)
    dropped = set()
    for hits in by_label.values():
        if all(rules["model_after"].match(text, h.end) for h in hits) and any(
                rules["base_before"].search(text, max(view.sentence(h.start)[0], h.start - 48),
                                            h.start) for h in hits):
            dropped.update((h.start, h.end) for h in hits)
    return dropped


def _names_in(text: str, start: int, end: int, names: Sequence[str]) -> bool:
    """Whether one of ``names`` is written, as a whole word, in ``text[start:end]`` (a
    substring search: the names differ in every paper, a regex would be compiled each time)."""
    for name in names:
        at = text.find(name, start, end)
        while at >= 0:
            after = at + len(name)
            if (at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "_-")) and (
                    after >= len(text) or not (text[after].isalnum() or text[after] in "_-")):
                return True
            at = text.find(name, at + 1, end)
    return False


def names_a_task(names: Sequence[str]) -> bool:
    """Whether a name another rule found is a task: a long form ending in a task head
    that no method word precedes ("Human-Centric Video Generation (HCVG)"), or a
    modifier on a task acronym ("video-QA").

    >>> names_a_task(["HCVG", "Human-Centric Video Generation"]), names_a_task(["ViT-QA Net"])
    (True, False)
    """
    rules = _rules()
    defined = any(_ACRONYM.fullmatch(n) for n in names)  # the long form has its acronym
    for name in names:
        words_of = name.lower().split()
        # Method-shaped words ("Retrieval-Augmented", "Masked", "Generative", an adverb)
        # or a modelling head make it a method ("Vector-quantized Image Modeling (VIM)").
        if defined and len(words_of) > 1 and words_of[-1] in rules["heads"] and \
                words_of[-1] not in rules["name_method_heads"] and not any(
                w in rules["method_heads"] or w.split("-")[-1] in rules["method_heads"]
                or w.split("-")[-1] in rules["name_method_words"] or w.endswith("ly")
                for w in words_of):
            return True
        m = _ACRONYM_TASK.fullmatch(name)
        if m and is_kind(_lexicon_tasks().get(_key(m.group(2))), "task") and \
                m.group(1).islower():
            return True
    return False


_ACRONYM = cued_compile(r"[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)?[A-Z][A-Za-z0-9]*(?:-[A-Z0-9]+)?")
_ACRONYM_TASK = cued_compile(r"([A-Za-z][a-z]+(?:-[a-z]+)?)-([A-Z]{2,5})")
def _acronym_task_label(label: str) -> str:
    """"video-QA" -> "Video question answering"; other labels as they are."""
    m = _ACRONYM_TASK.fullmatch(label)
    entry = _lexicon_tasks().get(_key(m.group(2))) if m else None
    if entry is None:
        return label
    return task_label(m.group(1) + " " + task_label(m.group(2), entry))


# "a new task named Glorp Answer Critique": the paper names a task.
_TASK_NAMED = cued_compile(r"\btask\s*,?\s+(?:named|called|termed|dubbed|coined)\s+"
                           r"([A-Z][\w-]*(?:\s+(?:(?:of|and|for|in)\s+)?[A-Z][\w-]*){0,5})")


def task_named_spans(text: str) -> set[tuple[int, int]]:
    """Spans of the names a paper gives a task ("a task named Visual Instruction
    Feedback")."""
    if "task" not in text:
        return set()
    return {m.span(1) for m in _TASK_NAMED.finditer(text)}


class TaskTagger:
    """``kg_task_tagger_v1``: the tasks :func:`find_tasks` reads, as ``task`` candidates."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        _rules()  # read the cue lists when the pipeline is built
        # "Diffusion-based Glorp Tagging (DGT), a non-autoregressive diffusion model":
        # the apposition after the definition says the name is a model, not a task.
        self.method_apposition = cued_compile(
            r"\)?\s*,\s+(?:a|an)\s+(?:[\w-]+\s+){0,4}?(?:"
            + "|".join(map(re.escape, words("method_words"))) + r")\b")
        # "Expressive Voice Control (E-VOC) corpus": the noun after the pair says it is data.
        self.dataset_after = cued_compile(
            r"\)?\s+(?:" + "|".join(map(re.escape, words("dataset_words"))) + r")(?![\w-])",
            re.I)

    def __call__(self, doc: Doc) -> Doc:
        findings = findings_of(doc)
        named = task_named_spans(findings.text)
        ends: dict[str, int] = {}
        for cand in findings.live:
            if cand.rule == "acronym-definition":
                ends[cand.label] = max(ends.get(cand.label, 0), cand.end)
        for cand in list(findings.live):
            if cand.rule == "acronym-definition" and (self.method_apposition.match(
                    findings.text, ends[cand.label]) or cand.type == "dataset" and
                    self.dataset_after.match(findings.text, ends[cand.label])):
                continue
            if cand.entry is None and cand.is_name and cand.type in ("method", "dataset") and (
                    names_a_task([cand.surface, *cand.aliases])
                    or (cand.start, cand.end) in named):
                findings.retype(cand, "task", "a task, not a name (task tagger)",
                                label=_acronym_task_label(cand.label))
        own = sorted({c.label for c in findings.with_role("proposed")}, key=len, reverse=True)
        for hit in find_tasks(findings.doc_text, findings.live, own):
            findings.add(hit.candidate("task", findings.text))
        return doc
