#!/usr/bin/env python3
"""Rebuild ``schemas/lexicons/*.jsonl`` from hand-curated files and the shared name lists.

Inputs:

* ``scripts/lexicon-curation/`` — the hand-curated entries (one JSONL file per lexicon,
  same fields as the output), ``stop_names.txt`` (names never taken from a source:
  generic words, tasks listed as methods, ...) and ``overrides.jsonl`` (per-name
  decisions about source names: retype, make an alias, set the case policy).
* ``../shared/lexicon-sources/*.tsv`` — Papers with Code methods, tasks, leaderboard
  datasets and metrics, Hugging Face dataset cards, TDMSci, lm-evaluation-harness
  (provenance and licences in that folder's README and ``schemas/lexicons/README.md``).

Outputs ``methods``, ``families``, ``datasets``, ``tasks``, ``metrics`` and ``negatives``
``.jsonl`` in ``schemas/lexicons/``, every entry with ``sources`` (where it came from).
The build is deterministic: the same inputs give the same bytes, and
``tests/test_lexicons.py`` checks the committed files equal the output.

    python scripts/build_lexicons.py            # write schemas/lexicons/
    python scripts/build_lexicons.py --check    # exit 1 when the committed files differ
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kg.extract.lexicon import name_key, strip_size_suffix, surface_variants  # noqa: E402

CURATION = REPO / "scripts" / "lexicon-curation"
OUTPUT = REPO / "schemas" / "lexicons"
SOURCES = REPO.parent / "shared" / "lexicon-sources"
# Lexicons in the order they claim names: a name belongs to the first entry that takes it.
# Curated entries of every file claim first, then source entries in this order.
LEXICONS = ("families", "methods", "datasets", "metrics", "tasks", "negatives")
SOURCE_ORDER = ("tasks", "metrics", "datasets", "methods")

# wordfreq Zipf values: 3.0 is about once per million words ("shape" 4.7, "dropout" 3.1,
# "llama" 2.95, "softmax" 1.3). A caseless form this frequent is an English word.
COMMON_WORD = 3.0
# Every word of a phrase at least this frequent: the phrase is descriptive English
# ("Weight Decay", "Natural Questions"), not a coined name.
PLAIN_WORD = 2.5


@cache
def zipf(word: str) -> float:
    from wordfreq import zipf_frequency  # curation-time dependency only

    return zipf_frequency(word, "en")


def common_word(word: str) -> bool:
    """An English word, or the plural of one ("meshes", "graphs")."""
    if not word.isalpha():
        return False
    lower = word.lower()
    return zipf(lower) >= COMMON_WORD or lower.endswith("s") and len(lower) > 4 and any(
        zipf(lower[:-n]) >= COMMON_WORD for n in (1, 2) if lower[-n:] in ("s", "es"))


def descriptive(name: str) -> bool:
    """Only plain English words, capitalised at most at the start ("Layer Normalization")."""
    words = re.split(r"[\s-]+", name)
    return all(w.isalpha() and (w.islower() or w[1:].islower()) and zipf(w.lower()) >= PLAIN_WORD
               for w in words if w)


def exact_case_form(name: str) -> bool:
    """Forms the matcher already takes only as written (mirror of the matcher's rule)."""
    letters = re.sub(r"[^A-Za-z]", "", name)
    return len(name) <= 3 and letters.isupper() or (
        len(letters) <= 4 and letters.isupper() and not any(ch.isdigit() for ch in name))


def english_forms(name: str, kind: str) -> list[str]:
    """Caseless forms the matcher would build for ``name`` that are English words
    (``Shap-E`` -> ``shape``, ``shapes``)."""
    if exact_case_form(name):
        return []
    hits = []
    for variant in surface_variants(name):
        forms = [variant, variant + "s"] if kind == "methods" else [variant]
        hits += [f.lower() for f in forms if " " not in f and common_word(f)]
    return sorted(set(hits))


# ---------------------------------------------------------------- entries and claims


@dataclass
class Entry:
    lexicon: str
    label: str
    aliases: list[str] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)
    extra: dict = field(default_factory=dict)  # ambiguous, context, implies, kind, ...
    curated: bool = False

    def record(self) -> dict:
        record = {"label": self.label, "aliases": self.aliases}
        for key in ("kind", "ambiguous", "exact_case", "context", "verb_forms", "implies",
                    "direction", "unit", "head_tasks", "confirmed"):
            if self.extra.get(key) not in (None, False, [], ""):
                record[key] = self.extra[key]
        record["sources"] = sorted(self.sources)
        return record


class Lexicons:
    """Every entry, and which entry owns each name key."""

    def __init__(self):
        self.entries: dict[str, list[Entry]] = {name: [] for name in LEXICONS}
        self.owner: dict[str, Entry] = {}
        self.dropped: Counter = Counter()  # reason -> count, for the build report
        self.examples: dict[str, list[str]] = defaultdict(list)

    def drop(self, reason: str, name: str) -> None:
        self.dropped[reason] += 1
        if len(self.examples[reason]) < 8:
            self.examples[reason].append(name)

    def add_curated(self, lexicon: str, record: dict) -> None:
        extra = {k: v for k, v in record.items() if k not in ("label", "aliases", "sources")}
        entry = Entry(lexicon, record["label"], [], {"curated"}, extra, curated=True)
        owner = self.owner.get(name_key(entry.label))
        if owner is not None and not (owner.extra.get("ambiguous") and extra.get("ambiguous")):
            raise SystemExit(f"curated {lexicon}: {entry.label!r} is already "
                             f"{owner.lexicon}: {owner.label!r}")
        self.owner.setdefault(name_key(entry.label), entry)
        self.entries[lexicon].append(entry)
        for alias in record.get("aliases", ()):
            self._claim(entry, alias, curated=True)

    def _claim(self, entry: Entry, alias: str, curated: bool = False) -> bool:
        key = name_key(alias)
        if not key:
            return False
        owner = self.owner.get(key)
        if owner is None:
            self.owner[key] = entry
        elif owner is not entry:
            if curated and not (owner.extra.get("ambiguous") and entry.extra.get("ambiguous")):
                raise SystemExit(f"curated {entry.lexicon}: alias {alias!r} of {entry.label!r} "
                                 f"is already {owner.lexicon}: {owner.label!r}")
            if not curated:
                return False
        if alias != entry.label and alias not in entry.aliases:
            entry.aliases.append(alias)
        return True

    def add_source(self, lexicon: str, label: str, aliases, source: str, **extra) -> Entry | None:
        """A source name: joins the entry owning its key, or becomes a new entry."""
        owner = self.owner.get(name_key(label))
        if owner is not None:
            if owner.lexicon != lexicon:
                self.drop(f"{lexicon} name owned by {owner.lexicon}", label)
                return None
            owner.sources.add(source)
            for alias in aliases:
                if not owner.curated:  # curated entries keep their hand-picked aliases
                    self._claim(owner, alias)
            return owner
        entry = Entry(lexicon, label, [], {source}, dict(extra))
        self.owner[name_key(label)] = entry
        self.entries[lexicon].append(entry)
        for alias in aliases:
            self._claim(entry, alias)
        return entry


# ---------------------------------------------------------------- reading the inputs


def read_tsv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    for row in rows:
        extra = {}
        for part in (row.get("extra") or "").split(";"):
            if "=" in part:
                key, value = part.split("=", 1)
                extra[key.strip()] = value.strip()
        row["extra"] = extra
        row["aliases"] = [a for a in (row.get("aliases") or "").split("|") if a.strip()]
    return rows


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def read_stop_names(path: Path) -> set[str]:
    keys = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        name = line.split("#", 1)[0].strip()
        if name:
            keys.add(name_key(name))
    return keys


# ---------------------------------------------------------------- cleaning source names

_DEBRIS = re.compile(r"[\\$^{}_<>|~=]|https?:|www\.|\bet al\b|\*\*")
_SPACES = re.compile(r"\s+")


def clean(name: str) -> str | None:
    """The name with spaces tidied, or None for debris (LaTeX, URLs, citations, ...)."""
    name = _SPACES.sub(" ", name.replace("\u00a0", " ")).strip().rstrip(",;:.")
    if len(name) < 2 or len(name) > 60 or _DEBRIS.search(name):
        return None
    if name.count("(") != name.count(")") or name.count("[") != name.count("]"):
        return None
    if not name[0].isalnum() or name.endswith(("-", "/", "&")) or not re.search(r"[A-Za-z]", name):
        return None
    if len(name.split()) > 6:
        return None
    return name


_PAREN_ACRONYM = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<short>[A-Za-z][\w.+-]{1,11})\)$")


def acronym_split(name: str) -> tuple[str, list[str]]:
    """``Word Error Rate (WER)`` -> (``Word Error Rate``, [``WER``]) when the parenthesis
    holds a short form (an inner capital, or all capitals); other names come back alone."""
    m = _PAREN_ACRONYM.match(name)
    if m and re.search(r"[A-Z].*[A-Z]|^[A-Z]{2,}", m.group("short")):
        return m.group("name").strip(), [m.group("short")]
    return name, []


def truncated(names: list[str]) -> set[str]:
    """Names that are another name of the list cut inside a word ("... Stitchi")."""
    ordered = sorted(set(names))
    cut = set()
    for a, b in zip(ordered, ordered[1:], strict=False):
        if b.startswith(a) and b[len(a)].isalpha() and a[-1].isalpha():
            cut.add(a)
    return cut


# ---------------------------------------------------------------- per-lexicon curation

_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,5}s?$")
_SHAPED_WORD = re.compile(r"[a-z][A-Z]|[A-Z]{2}|[A-Za-z]\d|\d[A-Za-z]|[\u0370-\u03ff]")
_DIMENSION = re.compile(r"^\d+[x×]\d+$")
# Head nouns of building blocks that a source lists under a descriptive name
# ("Sigmoid Activation", "Center Pooling", "XCiT Layer" is kept: it has a name in it).
GENERIC_HEADS = {
    "activation", "activations", "attention", "block", "blocks", "connection", "connections",
    "convolution", "convolutions", "layer", "layers", "pooling", "normalization",
    "regularization", "initialization", "encoding", "encodings", "embedding", "embeddings",
    "module", "unit", "units", "loss", "function", "operation", "mechanism", "head",
    "decomposition", "augmentation", "schedule", "sampling", "gating", "dropout",
}


def name_shaped(name: str) -> bool:
    """A coined name: inner capitals, letters with digits, Greek letters, or a word
    that is no common English word."""
    return bool(_SHAPED_WORD.search(name)) or not descriptive(name)


def generic_component(name: str) -> bool:
    """A building block named by what it does, with no coined word in it."""
    words = re.split(r"[\s-]+", name)
    if words[-1].lower() not in GENERIC_HEADS:
        return False
    return not any(_SHAPED_WORD.search(w) and not _DIMENSION.match(w) for w in words[:-1])


FUNCTION_WORDS = {"of", "in", "the", "on", "for", "and", "a", "an", "with", "to", "from", "at",
                  "by", "or", "vs"}


def case_policy(lex: Lexicons, entry: Entry, overrides: dict) -> None:
    """English-word policy. A name whose caseless form is an English word
    (``Shap-E`` -> "shape", ``PaLM`` -> "palm") or a source name made of plain words
    ("Natural Questions") is matched only as written (``exact_case``); its other names
    stay caseless. A source name that is one plain capitalised word ("Places") also
    needs a typing cue next to it (``"context": "cue"``: "the Places dataset")."""
    decided = overrides.get(name_key(entry.label), {})
    for key in ("ambiguous", "context"):
        if key in decided:
            entry.extra[key] = decided[key]
    if entry.lexicon in ("families", "tasks", "metrics", "negatives") or \
            entry.extra.get("ambiguous") or "exact_case" in decided:
        entry.extra["exact_case"] = decided.get("exact_case", [])
        return
    exact = [n for n in (entry.label, *entry.aliases) if english_forms(n, entry.lexicon) or (
        not entry.curated and " " in n and descriptive(n))]
    entry.extra["exact_case"] = sorted(set(exact))
    single = " " not in entry.label and entry.label[1:].islower() and common_word(entry.label)
    if exact and single and not entry.curated and "context" not in entry.extra:
        entry.extra["context"] = "cue"
    if entry.lexicon == "datasets" and not entry.curated and "context" not in entry.extra and \
            len(re.split(r"[\s-]+", entry.label)) > 1 and any(
                w.islower() and w not in FUNCTION_WORDS and common_word(w)
                for w in re.split(r"[\s-]+", entry.label)):
        entry.extra["context"] = "cue"  # "TED-talks": "audio from TED talks" is no dataset


# How often Papers with Code must have linked a plain-word method name in abstracts.
LINKED_NAME = 3


def add_methods(lex: Lexicons, sources: Path, stop: set[str], overrides: dict) -> None:
    pwc = read_tsv(sources / "pwc_methods_2022.tsv")
    mlsea = read_tsv(sources / "mlsea_pwc_algorithms.tsv")
    with open(sources / "pwc-method-mentions.tsv", encoding="utf-8") as handle:
        mentions = {name_key(r["name"]): int(r["count"])
                    for r in csv.DictReader(handle, delimiter="\t")}
    counts: Counter = Counter()
    for row in pwc + mlsea:
        counts[name_key(row["name"])] += 1
    rows = [(row, "pwc_methods_2022.tsv") for row in pwc] + \
           [(row, "mlsea_pwc_algorithms.tsv") for row in mlsea]
    for row, source in rows:
        name = clean(row["name"])
        if name is None or re.search(r"\band\b|\bor\b|&|,", name):
            lex.drop("methods: debris or several names", row["name"])
            continue
        name, short = acronym_split(name)
        name = strip_size_suffix(name)
        key = name_key(name)
        decided = overrides.get(key, {})
        if decided.get("type") and decided["type"] != "methods":
            lex.add_source(decided["type"], decided.get("label", name), short, source)
            continue
        if key in stop or decided.get("drop"):
            lex.drop("methods: stop list", name)
            continue
        owner = lex.owner.get(key)
        if owner is None and not decided.get("keep"):
            if generic_component(name):
                lex.drop("methods: generic component", name)
                continue
            # "Gradient Descent", "Hamburger": plain words, unless Papers with Code linked the
            # name as a method in other papers' abstracts ("Sharpness-Aware Minimization").
            if descriptive(name) and (" " not in name or mentions.get(key, 0) < LINKED_NAME):
                lex.drop("methods: plain-word name", name)
                continue
            papers = int(row["extra"].get("num_papers") or 0)
            if _ACRONYM.match(name) and len(name) <= 4 and papers < 20 and \
                    counts[key] + (key in mentions) < 2:
                lex.drop("methods: rare short acronym", name)
                continue
        aliases = list(short)
        full = clean(row.get("full_name") or "")
        if full and name_key(full) != key and len(full.split()) >= 2 and \
                name_key(full) not in stop and not re.search(r"\band\b|/", full) and \
                (_ACRONYM.match(name) or _SHAPED_WORD.search(name)):
            aliases.append(full)
        lex.add_source("methods", name, aliases, source)


_SPLIT = (r"(?:test|dev|val|validation|valid|train|test-dev|test-std|test-challenge|minival|"
          r"testA|testB|test ?set|dev ?set|val ?set|held-out|public|private|full|all|"
          r"clean|other)")
_VARIANT = re.compile(
    rf"^(?P<base>.+?)(?:\s+(?:\(?{_SPLIT}\)?)|\s*\((?P<paren>[^()]*)\))$", re.I)
# "ImageNet 64x64", "LSUN Car 256 x 256": a resolution is no alias of its dataset; the
# matcher names the dataset with the resolution as the paper writes it ("ImageNet-64").
_RESOLUTION_VARIANT = re.compile(r"^(?P<base>.+?)(?:\s+\d+\s*[x×]\s*\d+|-\d+x\d+)$")
_PLACEHOLDER = re.compile(r"not a dataset|information needed|^[a-z_]+\.[a-z_]+$", re.I)
# "Duke to Market", "Oxford and Paris", "Yelp Fine-grained classification": a setting or
# a pair of datasets, not one name.
_SETTING = re.compile(r"\s(?:to|and|vs\.?|→)\s|\s(?:classification|detection|segmentation|"
                      r"recognition|prediction|retrieval|generation|translation|regression)$", re.I)


def dataset_base(name: str) -> tuple[str, bool]:
    """(base name, whether the variant is a split alias of the base):
    ``COCO test-dev`` -> (COCO, True); ``CIFAR-10, 250 Labels`` and ``ImageNet 64x64`` ->
    (CIFAR-10, False), (ImageNet, False)."""
    for sep in (", ", " - "):
        if sep in name:  # "CIFAR-10, 250 Labels", "Set5 - 2x upscaling": a setting
            return name.split(sep, 1)[0].strip(), False
    m = _RESOLUTION_VARIANT.match(name)
    if m and len(m.group("base")) >= 2:
        return m.group("base").strip(" -"), False
    m = _VARIANT.match(name)
    if m and m.group("base") and len(m.group("base")) >= 2:
        return m.group("base").strip(" -"), m.group("paren") is None
    return name, False


_SETTING_WORDS = re.compile(
    r"%|-to-|\d+/\d+|\d+-(?:shot|way)\b|\blabel(?:ed|s)?\b|\b(?:real|syn|synthetic|with|random|"
    r"full|heterogeneous|leaderboard|supervised|semi-supervised|samples?|per|class|classes|"
    r"fold|split|partition|subset|noisy|clean|mode|zero-shot|few-shot|frames?|\d+-?(?:ch|k))\b",
    re.I)


def setting_of_known(name: str, known: set[str]) -> bool:
    """``Cityscapes 12.5% labeled``, ``BANKING77 10-shot``, ``CHiME real``: a known
    dataset followed by words of a setting (digits, lower-case words, "-to-")."""
    words = name.split()
    for cut in range(len(words) - 1, 0, -1):
        head, rest = " ".join(words[:cut]), " ".join(words[cut:])
        if name_key(head) in known and _SETTING_WORDS.search(rest):
            return True
    return bool(re.match(r"^[\w.]+-to-", name))  # "Cityscapes-to-FoggyZurich"


def dataset_label(name: str) -> str:
    """``Mid-Air Dataset`` -> ``Mid-Air``: the word "dataset" is no part of a coined name."""
    m = re.match(r"^(.+?)\s+(?:[Dd]ataset|[Cc]orpus)$", name)
    return m.group(1) if m and name_shaped(m.group(1)) else name


def add_datasets(lex: Lexicons, sources: Path, stop: set[str], overrides: dict) -> None:
    board = [r for r in read_tsv(sources / "pwc_leaderboard_tdm_sota2024.tsv")
             if r["type"] == "dataset"]
    freq: Counter = Counter()
    for row in board:
        freq[name_key(dataset_base(row["name"])[0])] += int(row["extra"].get("freq") or 1)
    known = {name_key(dataset_base(r["name"])[0]) for r in board} | {
        name_key(n) for e in lex.entries["datasets"] for n in (e.label, *e.aliases)}
    for row in sorted(board, key=lambda r: -int(r["extra"].get("freq") or 0)):
        name = clean(row["name"])
        if name is None:
            lex.drop("datasets: debris", row["name"])
            continue
        if not dataset_base(name)[1] and setting_of_known(name, known):
            lex.drop("datasets: a setting of a known dataset", name)
            continue
        base, split_alias = dataset_base(name)
        base, short = acronym_split(dataset_label(base))
        key = name_key(base)
        decided = overrides.get(key, {})
        if clean(base) is None or key in stop or decided.get("drop"):
            lex.drop("datasets: debris or stop list", name)
            continue
        if decided.get("type") and decided["type"] != "datasets":
            continue
        if _PLACEHOLDER.search(base) or _SETTING.search(base):
            lex.drop("datasets: a setting or placeholder", base)
            continue
        if len(base) < 2 or len(base) < 4 and not re.fullmatch(r"[A-Z0-9]+", base):
            lex.drop("datasets: too short", base)
            continue
        if lex.owner.get(key) is None and not decided and descriptive(base) and freq[key] < 3:
            lex.drop("datasets: rare plain-word name", base)
            continue
        aliases = [name] if split_alias and name != base else []
        lex.add_source("datasets", base, aliases + short, "pwc_leaderboard_tdm_sota2024.tsv")
    for row in read_tsv(sources / "hf_datasets_cards_v2.5.0.tsv"):
        label, aliases = row["name"], []
        if ": " in label:
            label, long_form = label.split(": ", 1)
            aliases.append(long_form)
        label = clean(label)
        if label is None or _PLACEHOLDER.search(label) or name_key(label) in stop or \
                overrides.get(name_key(label), {}).get("drop"):
            lex.drop("datasets: debris or stop list", row["name"])
            continue
        label, short = acronym_split(dataset_label(label))
        if descriptive(label) and lex.owner.get(name_key(label)) is None:
            lex.drop("datasets: plain-word card name", label)
            continue
        lex.add_source("datasets", label, [a for a in map(clean, aliases) if a] + short,
                       "hf_datasets_cards_v2.5.0.tsv")
    for path, kind in (("sota_extractor_tdm_models.tsv", "dataset"),
                       ("tdmsci_mentions.tsv", "dataset")):
        for row in read_tsv(sources / path):
            name = clean(row["name"]) if row["type"] == kind else None
            if name and lex.owner.get(name_key(name)) is not None:
                lex.add_source("datasets", name, [], path)  # provenance of known names only
    for row in read_tsv(sources / "lmeval_task_families.tsv"):
        key = name_key(row["name"])
        owner = lex.owner.get(key)
        if owner is not None and owner.lexicon == "datasets":
            owner.sources.add("lmeval_task_families.tsv")
        elif owner is None and overrides.get(key, {}).get("label"):
            lex.add_source("datasets", overrides[key]["label"], [], "lmeval_task_families.tsv")


def add_head_tasks(lex: Lexicons, sources: Path) -> None:
    """A leaderboard dataset's tasks by their head word: ``head_tasks`` of COCO holds
    "Object Detection" (its detection task), so "COCO detection" names that task. Per
    head, the dataset's task that most leaderboard datasets share (the main one, not
    "Keypoint Detection"); only tasks of two words or more that the task lexicon holds,
    by the task heads of ``rules.json``."""
    heads = set(json.loads((OUTPUT / "rules.json").read_text("utf-8"))["task_heads"])
    board = [r for r in read_tsv(sources / "pwc_leaderboard_tdm_sota2024.tsv")
             if r["type"] == "dataset"]
    tasks_of: dict[int, tuple[Entry, set[str]]] = {}
    shared: Counter = Counter()
    for row in board:
        names = [t for t in row["extra"].get("tasks", "").split("|") if t.strip()]
        shared.update({name_key(t) for t in names})
        name = clean(row["name"]) or ""
        base = dataset_base(name)[0]
        for key in (name_key(name), name_key(base), name_key(acronym_split(base)[0])):
            owner = lex.owner.get(key)
            if owner is not None and owner.lexicon == "datasets":
                tasks_of.setdefault(id(owner), (owner, set()))[1].update(names)
                break
    for owner, names in tasks_of.values():
        best: dict[str, tuple[int, str]] = {}
        for name in names:
            task = lex.owner.get(name_key(name))
            if task is None or task.lexicon != "tasks" or len(task.label.split()) < 2:
                continue
            head = task.label.split()[-1].lower()
            if head not in heads:
                continue
            ranked = (shared[name_key(name)], task.label)
            if head not in best or ranked > best[head]:
                best[head] = ranked
        if best:
            owner.extra["head_tasks"] = sorted(label for _, label in best.values())


# Task lists holding things, not activities ("AI Agent", "Topic Models", "Knowledge Graphs").
_THING = re.compile(r"^(?!.*\b(?:from|of|with|on)\s).*\s(?:agents?|models?|graphs)$", re.I)


def add_tasks(lex: Lexicons, sources: Path, stop: set[str], overrides: dict) -> None:
    mlsea = read_tsv(sources / "mlsea_pwc_tasks.tsv")
    board = [r for r in read_tsv(sources / "pwc_leaderboard_tdm_sota2024.tsv")
             if r["type"] == "task"]
    snapshot = read_tsv(sources / "worldsnapshot_pwc_tasks_2025.tsv")
    cut = truncated([r["name"] for r in snapshot + mlsea])  # the snapshot cuts long names
    # Leaderboard datasets that task lists also hold ("D4RL", "FER+") stay datasets.
    dataset_names = {name_key(r["name"]) for r in read_tsv(
        sources / "pwc_leaderboard_tdm_sota2024.tsv") if r["type"] == "dataset"}
    seen: Counter = Counter(name_key(r["name"]) for r in mlsea + board + snapshot)
    rows = [(r, "mlsea_pwc_tasks.tsv") for r in mlsea] + \
           [(r, "pwc_leaderboard_tdm_sota2024.tsv") for r in board] + \
           [(r, "worldsnapshot_pwc_tasks_2025.tsv") for r in snapshot
            if int(r["extra"].get("dataset_count") or 0) >= 2]
    for row, source in rows:
        name = clean(row["name"])
        if name is None or name in cut:
            lex.drop("tasks: debris or truncated", row["name"])
            continue
        name, short = acronym_split(name)
        if re.search(r"[(),:]|--|%", name):
            lex.drop("tasks: qualified variant", name)
            continue
        key = name_key(name)
        if key in stop or overrides.get(key, {}).get("drop"):
            lex.drop("tasks: stop list", name)
            continue
        if key in dataset_names and _SHAPED_WORD.search(name) and not lex.owner.get(key):
            lex.drop("tasks: a dataset name", name)
            continue
        if " " not in name and "-" not in name and common_word(name) and not lex.owner.get(key):
            lex.drop("tasks: one generic word", name)  # "Classification", "Retrieval"
            continue
        if _THING.search(name) and not lex.owner.get(key):
            lex.drop("tasks: a thing, not an activity", name)  # "AI Agent", "Knowledge Graphs"
            continue
        if source == "worldsnapshot_pwc_tasks_2025.tsv" and seen[key] < 2 and \
                int(row["extra"].get("dataset_count") or 0) < 5:
            lex.drop("tasks: rare", name)
            continue
        lex.add_source("tasks", name, short, source)
    # A curated task that a source lists, though too rarely to be taken from it
    # ("Personalized Image Generation", one dataset), still names that source.
    for row in snapshot:
        owner = lex.owner.get(name_key(row["name"]))
        if owner is not None and owner.curated and owner.lexicon == "tasks":
            owner.sources.add("worldsnapshot_pwc_tasks_2025.tsv")
    for path in ("sota_extractor_tdm_models.tsv", "tdmsci_mentions.tsv"):
        for row in read_tsv(sources / path):
            name = clean(row["name"]) if row["type"] == "task" else None
            owner = lex.owner.get(name_key(name)) if name else None
            if owner is not None and owner.lexicon == "tasks":
                owner.sources.add(path)


_METRIC_HEADS = re.compile(
    r"\b(?:accuracy|acc|error|score|f1|f-measure|precision|recall|auc|auroc|auprc|ap|map|iou|"
    r"miou|bleu|rouge|meteor|cider|spice|psnr|ssim|lpips|fid|kid|fvd|wer|cer|ter|mae|mse|rmse|"
    r"mape|mrr|ndcg|hits?|rank|perplexity|ppl|bpc|bpd|em|exact match|pass|latency|throughput|"
    r"flops|gflops|macs|correlation|kappa|dice|eer|nme|mpjpe|chamfer|distance|success rate|"
    r"top-?\d|r@\d+|recall@\d+|chrf|comet|bertscore|mauve|sacrebleu|spearman|pearson|"
    r"mcc|pck|ade|fde|epe|abs ?rel|delta|ratio|rate|time)\b", re.I)
_LOWER_BETTER = re.compile(
    r"\b(?:error|loss|mae|mse|rmse|mape|wer|cer|ter|fid|fvd|kid|lpips|perplexity|ppl|bpc|bpd|"
    r"eer|nme|mpjpe|chamfer|distance|latency|time|flops|gflops|macs|params|nfe|ade|fde|epe|"
    r"abs ?rel|median rank|mean rank|miss rate|false)\b", re.I)
_UNITS = {"%": "%", "mm": "mm", "cm": "cm", "m": "m", "ms": "ms", "s": "s", "db": "dB",
          "sec": "s", "hours": "h", "gb": "GB", "mb": "MB"}
_PERCENT = re.compile(r"\b(?:accuracy|acc|f1|precision|recall|iou|miou|ap|map|em|exact match|"
                      r"pass@\d+|success rate|top-?\d)\b", re.I)


# How leaderboards write an average of a measure ("Average Accuracy", "Avg. F1").
_AGGREGATE = re.compile(r"(?:average|avg\.?|mean|overall)\s+(.+)", re.I)


def metric_direction(name: str) -> str:
    return "lower" if _LOWER_BETTER.search(name) else "higher"


def dataset_surfaces(lex: Lexicons, sources: Path) -> set[str]:
    """Dataset names as written: the curated entries' names, and the leaderboards' dataset
    bases that are coined (mixed case, no plain words: "ImageNet", not "AP", "Tweet").
    The metrics are read before the datasets, so both are read here."""
    names = {n for e in lex.entries["datasets"] for n in (e.label, *e.aliases)}
    for row in read_tsv(sources / "pwc_leaderboard_tdm_sota2024.tsv"):
        if row["type"] == "dataset" and (name := clean(row["name"])):
            base = dataset_base(name)[0]
            if re.search(r"[a-z]", base) and re.search(r"[A-Z]", base) and \
                    not descriptive(base) and not _METRIC_HEADS.search(base):
                names.add(base)
    return names


def opens_with_dataset(name: str, datasets: set[str]) -> bool:
    """``ImageNet Top-1 Accuracy``: the first words are a dataset written as its name (case
    and all); as a metric name it would hide the dataset ("ImageNet top-1 accuracy of
    81%" names ImageNet, then accuracy)."""
    words = name.split()
    return any(" ".join(words[:cut]) in datasets for cut in range(1, len(words)))


def add_metrics(lex: Lexicons, sources: Path, stop: set[str], overrides: dict) -> None:
    counts: Counter = Counter()
    spellings: dict[str, Counter] = defaultdict(Counter)
    units: dict[str, Counter] = defaultdict(Counter)
    found_in: dict[str, set] = defaultdict(set)
    shorts: dict[str, set] = defaultdict(set)
    for path in ("pwc_leaderboard_tdm_sota2024.tsv", "sota_extractor_tdm_models.tsv",
                 "tdmsci_mentions.tsv"):
        for row in read_tsv(sources / path):
            if row["type"] != "metric":
                continue
            raw, short = acronym_split(row["name"].strip())
            unit = None
            m = re.match(r"^(.*?)\s*\(([^()]*)\)$", raw)
            if m:  # "Accuracy (%)", "Average MPJPE (mm)"; other qualifiers are variants
                written = m.group(2).strip()
                inner = written.lower()
                if inner not in _UNITS:
                    lex.drop("metrics: qualified variant", raw)
                    continue
                raw, unit = m.group(1), _UNITS[inner]
                if len(written) == 1 and written.isupper() or _PERCENT.search(raw):
                    # "FLOPs (M)" counts millions, "AP(s)" small objects, "F1 (M)" a class:
                    # no seconds or metres.
                    unit = None
            name = clean(raw)
            if name is None:
                lex.drop("metrics: debris", row["name"])
                continue
            key = name_key(name)
            counts[key] += int(row["extra"].get("freq") or 1)
            spellings[key][name] += int(row["extra"].get("freq") or 1)
            found_in[key].add(path)
            shorts[key].update(short)
            if unit:
                units[key][unit] += 1
    datasets = dataset_surfaces(lex, sources)
    for key, total in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        name = spellings[key].most_common(1)[0][0]
        if key in stop or overrides.get(key, {}).get("drop"):
            lex.drop("metrics: stop list", name)
            continue
        owner = lex.owner.get(key)
        if owner is None and opens_with_dataset(name, datasets):
            # "ImageNet Top-1 Accuracy": the text names ImageNet and then accuracy.
            lex.drop("metrics: a dataset, then a measure", name)
            continue
        base = _AGGREGATE.match(name)
        base_owner = lex.owner.get(name_key(base.group(1))) if base else None
        if owner is None and base_owner is not None and base_owner.curated and \
                base_owner.lexicon == "metrics":
            # "Average Accuracy", "Mean Success Rate": the curated measure, averaged; the
            # gold names the measure ("Accuracy|average accuracy").
            lex._claim(base_owner, name)
            base_owner.sources |= found_in[key]
            continue
        enough = total >= 10 or len(found_in[key]) >= 2
        shaped = bool(_METRIC_HEADS.search(name)) or (_ACRONYM.match(name) and total >= 30)
        if owner is None and not (enough and shaped):
            lex.drop("metrics: rare or not metric-shaped", name)
            continue
        unit = units[key].most_common(1)[0][0] if units[key] else (
            "%" if _PERCENT.search(name) else None)
        if name.lower().startswith("psnr"):
            unit = "dB"
        entry = lex.add_source("metrics", name, sorted(shorts[key]), *sorted(found_in[key])[:1],
                               direction=metric_direction(name), unit=unit)
        if entry is not None:
            entry.sources |= found_in[key]
            entry.extra.setdefault("direction", metric_direction(entry.label))
            if unit and not entry.extra.get("unit"):
                entry.extra["unit"] = unit


def confirm_tasks(lex: Lexicons, curation: Path) -> None:
    """Mark the source tasks that ``tasks_confirmed.tsv`` lists (the task lists agree on
    them, ``lexicon-curation/confirm_tasks.py``) ``"confirmed": true``: the task tagger
    trusts them like curated tasks."""
    keys = set()
    path = curation / "tasks_confirmed.tsv"
    if path.exists():
        keys = {name_key(line.split("\t", 1)[0])
                for line in path.read_text("utf-8").splitlines()[1:] if line.strip()}
    for entry in lex.entries["tasks"]:
        if not entry.curated and any(name_key(n) in keys for n in (entry.label, *entry.aliases)):
            entry.extra["confirmed"] = True


# ---------------------------------------------------------------- build


def build(sources: Path = SOURCES, curation: Path = CURATION) -> tuple[dict[str, str], Lexicons]:
    """Every lexicon file's text, and the build (for its report)."""
    if not sources.is_dir():
        raise SystemExit(f"{sources}: lexicon sources not found (see its README)")
    lex = Lexicons()
    for name in LEXICONS:
        for record in read_jsonl(curation / f"{name}.jsonl"):
            lex.add_curated(name, record)
    stop = read_stop_names(curation / "stop_names.txt")
    overrides = {name_key(r["name"]): r for r in read_jsonl(curation / "overrides.jsonl")}
    for name in SOURCE_ORDER:
        {"tasks": add_tasks, "metrics": add_metrics, "datasets": add_datasets,
         "methods": add_methods}[name](lex, sources, stop, overrides)
    add_head_tasks(lex, sources)
    confirm_tasks(lex, curation)
    texts = {}
    for name in LEXICONS:
        entries = lex.entries[name]
        for entry in entries:
            case_policy(lex, entry, overrides)
            if name == "metrics":
                entry.extra.setdefault("direction", metric_direction(entry.label))
        entries.sort(key=lambda e: (e.label.casefold(), e.label))
        texts[f"{name}.jsonl"] = "".join(
            json.dumps(e.record(), ensure_ascii=False) + "\n" for e in entries)
    return texts, lex


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=Path, default=SOURCES,
                        help="folder of the shared name lists (default: ../shared/lexicon-sources)")
    parser.add_argument("--out", type=Path, default=OUTPUT, help="where to write the lexicons")
    parser.add_argument("--check", action="store_true",
                        help="only compare with the files in --out; exit 1 when they differ")
    parser.add_argument("--report", action="store_true", help="print what was dropped and why")
    args = parser.parse_args(argv)
    texts, lex = build(args.sources)
    stale = [name for name, text in texts.items()
             if not (args.out / name).exists() or (args.out / name).read_text("utf-8") != text]
    if args.check:
        for name in stale:
            print(f"{args.out / name}: differs from the build; run `make lexicons`")
        return 1 if stale else 0
    for name, text in texts.items():
        tmp = args.out / f".{name}.tmp"
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(args.out / name)
    for name in LEXICONS:
        sourced = sum(1 for e in lex.entries[name] if not e.curated)
        print(f"{name:<10} {len(lex.entries[name]):>6} entries ({sourced} from sources)")
    if args.report:
        for reason, count in sorted(lex.dropped.items()):
            print(f"  dropped {count:>5}  {reason}: {', '.join(lex.examples[reason])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
