"""``kg_title_names_v1``: the name a title gives the paper's own work.

"Zorblax: Fast Inference for Everyone" proposes Zorblax; a short capitalised
title with a singular method head ("Depth-Gated Transformer") is itself the name.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.acronyms import WORD, schwartz_hearst
from kg.extract.cued import cued_compile
from kg.extract.lexicon import name_key
from kg.extract.phenomena import names_a_phenomenon
from kg.extract.records import Candidate, Findings, findings_of
from kg.extract.rules import alternation, confidence, word_set, words, words_regex
from kg.extract.shapes import attached_modifier, is_shaped, not_a_name

__all__ = ["TitleNamer"]

_BENCHMARKING = cued_compile(r"\s*(?:a\s+|an\s+)?benchmarking\b", re.I)
# "X", "X and Y", "X, Y and Z" after a title's colon.
# A lower-case version word after a name: "v2", "v1.5".
_LOWER_VERSION = cued_compile(r"v\d+(?:\.\d+)*")
def _is_acronym(head: str) -> bool:
    """Capitals make at least half of its letters ("BLD", "MoGE", "LLaVA-3D"; not
    "EpiCoder", "UniRecGen")."""
    letters = [c for c in head if c.isalpha()]
    return bool(letters) and 2 * sum(c.isupper() for c in letters) >= len(letters)


_TITLE_ITEM = cued_compile(r"\s*(?:,\s*|\s+and\s+|&\s*)?(?:and\s+)?([^\s,&]+)")


class TitleNamer:
    """Proposes the title's name: the head before ": ", or the whole short title."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.stop = word_set("stop_names", lower=False)
        self.stop_lower = word_set("stop_names")
        self.inner_words = word_set("title_inner_words")
        self.generic_titles = word_set("generic_titles")
        self.nonmethod_heads = word_set("nonmethod_heads")
        self.method_heads = word_set("method_heads")
        self.generic_heads = word_set("generic_heads")
        self.joiners = set(words("title_joiners"))
        self.articles = word_set("articles")
        self.survey_words = word_set("survey_words")
        self.common = word_set("common_capitalised", lower=False)
        self.dataset_right = words_regex(words("dataset_words"))
        self.sentence_words = word_set("title_sentence_words")
        # "propose", "introducing", "we call it": the paper builds and names something.
        self.proposal_cue = cued_compile(r"\b(?:" + alternation(
            words("propose_verbs") + words("propose_gerunds") + words("naming_cues"))
            + r")(?![\w-])", re.I)
        # "Quill Technical Report: ...": the genre of the paper after its name.
        self.genre = cued_compile(r"\s+(?:" + alternation(words("title_genre_words")) + r")$", re.I)

    def __call__(self, doc: Doc) -> Doc:
        state = findings_of(doc)
        title = state.text[:state.title_end]
        colon = title.find(": ")
        if colon <= 0:
            self.whole_title(state, title)
        else:
            self.head_before_colon(state, title, colon)
        return doc

    def head_before_colon(self, state: Findings, title: str, colon: int) -> None:
        head = title[:colon].strip()
        abstract = state.text[state.abstract_start:]
        if " and " in head and self.propose_items(state, 0, head):
            return  # "QuillNet and QuillSet: ...": two names
        genre = self.genre.search(head)
        if genre and genre.start() > 0:
            # "QuillLM Technical Report": the name is QuillLM, when it is name-shaped
            # ("Hallucination Report" names no system).
            if not any(is_shaped(w) and not not_a_name(w) for w in head[:genre.start()].split()):
                self.names_after_colon(state, title, colon)
                return
            head = head[:genre.start()]
        if self.head_is_name(head, abstract):
            self.propose_head(state, title, len(head), head, colon)
        else:
            self.names_after_colon(state, title, colon)

    def head_is_name(self, head: str, abstract: str) -> bool:
        """Is the title's head (before ": ") a name, not a phrase or a sentence?"""
        words_ = [w for w in head.split() if w not in self.joiners]
        if not words_ or len(words_) > 4:
            return False
        if len(words_) > 1 and _LOWER_VERSION.fullmatch(words_[-1]):
            words_ = words_[:-1]  # "Quill MoE v2": a version number ends the name
        if any(w.lower() in self.sentence_words for w in words_):
            return False  # "I Don't Know: ...", "You Only Look Twice: ...": a sentence
        if names_a_phenomenon(abstract, head):
            return False  # "Quill Drift: ..." where the abstract terms a phenomenon so
        # A Greek letter starts a name in either case ("α-Decoding", "μ-Net").
        if not all(w[0].isupper() or w[0].isdigit() or "\u0370" <= w[0] <= "\u03ff"
                   for w in words_) and not self.echoed_head(head, abstract):
            return False
        # Lower-case inner words ("Draw an Audio") passed the echo test already.
        if any(w.lower() in self.generic_titles for w in words_ if not w[0].islower()):
            return False
        if words_[-1].lower().split("-")[-1] in self.survey_words:
            return False  # "MME-Survey: ...": the paper reviews, it builds nothing
        if len(words_) > 1 and words_[0].lower().endswith("ing") and not is_shaped(words_[0]):
            return False  # "Utilizing BERT for Retrieval: ..." is a sentence, not a name
        before_for = head.split(" for ")[0].split()
        if len(before_for) < len(head.split()) and not any(
                is_shaped(w) and not not_a_name(w) for w in before_for):
            return False  # "Pretrained Transformers for Text Ranking: ...": a description
        last = words_[-1].lower().split("-")[-1]
        if len(words_) > 1 and not any(is_shaped(w) for w in words_) and (
                last in self.nonmethod_heads or words_[0].lower() in self.articles):
            return False  # "Brain Captioning: ...", "A Distributional Approach: ..."
        shaped = any(is_shaped(w) and not not_a_name(w) and w not in self.stop for w in words_)
        if not shaped and not (len(words_) == 1 and head.isalpha() and head[0].isupper()):
            key = name_key(head.replace("&", "and"))
            if key not in name_key(abstract.replace("&", "and")):
                return False  # a multi-word head is a name only if the abstract uses it
        if not shaped and len(words_) > 1 and head[0].isupper() and \
                not any(ch.isdigit() for ch in head) and not self.proposal_cue.search(abstract):
            return False  # "Silent Drift: ..." over "we study / we find": a topic, no system
        return True

    def echoed_head(self, head: str, abstract: str) -> bool:
        """Heads with lower-case words that are names all the same, as the abstract
        writes them just so: "Draw an Audio" (lower-case inner words), "m1" (a coined
        lower-case name)."""
        words_ = head.split()
        if not 1 <= len(words_) <= 4 or not re.search(
                rf"(?<![\w-]){re.escape(head)}(?![\w-])", abstract):
            return False
        if len(words_) == 1:
            # One lower-case word with a digit ("m1", "o3"); a plain word is no name.
            return head[0].islower() and is_shaped(head) and head.lower() not in self.stop_lower
        if not (words_[0][0].isupper() and words_[-1][0].isupper()):
            return False
        inner = words_[1:-1]
        return any(w[0].islower() for w in inner) and all(
            w[0].isupper() or w.lower() in self.inner_words for w in inner) and not any(
            w.lower() in self.generic_titles for w in (words_[0], words_[-1]))

    def names_after_colon(self, state: Findings, title: str, colon: int) -> None:
        """"Agentic Search of Glorp Layouts: ZORB-Compose and ZORB-Design": a
        part after the colon that holds only name-shaped names proposes each."""
        self.propose_items(state, colon + 1, title[colon + 1:])

    def propose_items(self, state: Findings, offset: int, part: str) -> bool:
        """Proposes each name of a title part that holds only name-shaped names joined by
        commas and "and"; a name a lexicon knows is used, not proposed ("ELECTRA and
        GPT-4o: ..."). False when the part is no such list."""
        items = list(_TITLE_ITEM.finditer(part))
        if not items or items[-1].end() != len(part.rstrip()) or any(
                not is_shaped(m.group(1)) or not_a_name(m.group(1)) for m in items):
            return False
        conf = confidence("title-name")
        for m in items:
            start, end = offset + m.start(1), offset + m.end(1)
            if state.overlapping(start, end):
                continue
            cand = state.add(Candidate(start, end, "method", m.group(1), "title-name", conf,
                                       surface=m.group(1)), supersedes=True)
            state.claim(cand, "proposed", "title-name", conf)
        return True

    def propose_head(self, state: Findings, title: str, end: int, head: str,
                     colon: int) -> None:
        """Proposes the head ``title[:end]`` (``end`` is the colon, or where a genre
        word after the name starts)."""
        text = state.text
        rest = title[colon + 1:]
        kind = "dataset" if self.dataset_right.search(rest) or _BENCHMARKING.match(rest) \
            else "method"
        conf = confidence("title-name")
        lexical = [c for c in state.overlapping(0, end)
                   if c.start == 0 and c.end >= end and not c.family]
        if lexical and lexical[0].type == "negative":
            return
        if lexical:
            state.claim(lexical[0], "proposed", "title-name", conf)
            return
        # Only an acronym is spelled out ("BLD: Big Little Decoder"); a coined name's
        # letters are no initials ("EpiCoder: Encompassing ... Code Generation").
        spelled = self.spelled_out(head, colon + 1, rest) if _is_acronym(head) else None
        aliases = (text[spelled[0]:spelled[1]],) if spelled else ()
        cand = state.add(Candidate(0, end, kind, head, "title-name", conf, aliases=aliases,
                                   surface=text[0:end]), supersedes=True)
        state.claim(cand, "proposed", "title-name", conf)

    @staticmethod
    def spelled_out(head: str, offset: int, rest: str) -> tuple[int, int] | None:
        """"BLD: Big Little Decoder for Speed": the words after the colon that spell the
        head (ending at the word that starts with its last letter, "Decoder"), else
        the longest run of words that spells it."""
        words_ = [(offset + w.start(), offset + w.end(), w.group()) for w in WORD.finditer(rest)]
        last = next((c.lower() for c in reversed(head) if c.isalnum()), "")
        for n in range(2, len(words_) + 1):
            if words_[n - 1][2][:1].lower() == last and schwartz_hearst(head, words_[:n]) == 0:
                return words_[0][0], words_[n - 1][1]
        for n in range(len(words_), 1, -1):
            if schwartz_hearst(head, words_[:n]) == 0:
                return words_[0][0], words_[n - 1][1]
        return None

    def whole_title(self, state: Findings, title: str) -> None:
        """"Depth-Adaptive Transformer", "Locally Typical Sampling": a short title that is
        itself a capitalised name with a singular method head names the paper's method."""
        words_ = title.split()
        if not 2 <= len(words_) <= 4 or not all(w[:1].isupper() for w in words_):
            return
        if words_[0] in self.common or any(
                w.lower() in self.generic_titles or attached_modifier(w) for w in words_):
            return
        head = words_[-1].lower().split("-")[-1]
        if head not in self.method_heads or head in self.nonmethod_heads or \
                head in self.generic_heads or head.endswith("s") and head[:-1] in self.method_heads:
            return
        end = len(title.rstrip())
        conf = confidence("title-name/whole-title")
        covering = [c for c in state.overlapping(0, end) if c.start == 0 and c.end >= end]
        if any(c.type == "negative" or c.family for c in covering):
            return
        if covering:
            state.claim(covering[0], "proposed", "title-name", conf)
            return
        cand = state.add(Candidate(0, end, "method", title[:end], "title-name", conf,
                                   surface=title[:end]), supersedes=True)
        state.claim(cand, "proposed", "title-name", conf)
