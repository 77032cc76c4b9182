"""Lexicons and rules as data: named methods, families, datasets, negatives, modality cues.

The files live in ``schemas/lexicons/`` (one JSON object per line, see the README
there); the cue lists that drive the rules are in ``schemas/lexicons/rules.json``.
This module only loads them and provides the name normalisation every stage
shares (:func:`name_key`, :func:`strip_size_suffix`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from kg.collector import without_cycle_collection
from kg.errors import KgError
from kg.resources import schema_path

__all__ = [
    "LEXICON_FILES",
    "LexiconEntry",
    "LexiconFile",
    "load_lexicon",
    "read_lexicons",
    "load_jsonl",
    "load_rules",
    "name_key",
    "ascii_name",
    "strip_size_suffix",
    "plain_key",
    "surface_variants",
]


@dataclass(frozen=True)
class LexiconEntry:
    label: str
    type: str  # method | dataset | negative
    aliases: tuple[str, ...] = ()
    family: bool = False
    ambiguous: bool = False  # only matched in the exact case written
    kind: str | None = None  # for negatives: metric, task, organisation, ...
    implies: tuple[str, ...] = ()  # families a name implies ("DiT" -> Transformer)
    exact_case: tuple[str, ...] = ()  # names matched only as written ("Shap-E": not "shape")
    context: str | None = None  # "cue": only next to a typing word ("the Places dataset")
    # Verbs among the names, which name the technique only with a model word near them
    # ("distilled into a smaller model", not "distilled into motion priors").
    verb_forms: tuple[str, ...] = ()
    direction: str | None = None  # metrics: "higher" or "lower" is better
    unit: str | None = None  # metrics: "%", "dB", "ms", ...
    curated: bool = False  # reviewed by hand ("curated" among its sources), not only listed
    # datasets: the leaderboard task of each head word ("Object Detection" of COCO), so
    # that "COCO detection" names it
    head_tasks: tuple[str, ...] = ()
    # tasks: a source name the task lists agree on (scripts/lexicon-curation/confirm_tasks.py)
    confirmed: bool = False
    # Computed once, as the matcher reads them for every match: "type|label", and the
    # label followed by the aliases.
    id: str = field(init=False, repr=False, compare=False)
    names: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "id", f"{self.type}|{self.label}")
        object.__setattr__(self, "names", (self.label, *self.aliases))

    @property
    def trusted(self) -> bool:
        """Curated, or a task the source lists agree on: named without further evidence."""
        return self.curated or self.confirmed

    def takes_any_long_form(self, short: str) -> bool:
        """Whether a paper's own "Long Form (short)" names this entry whatever the long
        form says: a method or dataset with no name longer than ``short`` (it lists no
        long form), where ``short`` is a coined name ("DiffiT", "Re-Imagen", "E2 TTS")
        rather than a plain or prefixed acronym, which mean other things elsewhere
        ("SAM", "GAD", "mGPT").

        >>> LexiconEntry("DiffiT", "method").takes_any_long_form("DiffiT")
        True
        >>> LexiconEntry("LiT", "method", ("Locked-image Tuning",)).takes_any_long_form("LiT")
        False
        >>> LexiconEntry("GAD", "method").takes_any_long_form("GAD"), LexiconEntry(
        ...     "mGPT", "method").takes_any_long_form("mGPT")
        (False, False)
        """
        if self.type not in ("method", "dataset") or self.family or short[:1].islower():
            return False  # "mGPT", "vLLM": a prefix letter on an acronym, reused by many
        letters = [c for c in short if c.isalpha()]
        coined = any(c.isupper() for c in short[1:]) and any(c.islower() for c in short) or \
            any(c.isdigit() for c in short) and len(letters) >= 3
        base = len(name_key(short))
        return coined and not any(len(name_key(n)) > base + 3 for n in self.names)


# Greek letters and a few symbols get an ASCII spelling so "PixArt-α" = "PixArt-alpha".
_GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ζ": "zeta",
    "η": "eta", "θ": "theta", "κ": "kappa", "λ": "lambda", "μ": "mu", "ν": "nu", "ξ": "xi",
    "π": "pi", "ρ": "rho", "σ": "sigma", "τ": "tau", "φ": "phi", "χ": "chi", "ψ": "psi",
    "ω": "omega", "Σ": "Sigma", "Δ": "Delta", "Ω": "Omega", "Φ": "Phi", "Ψ": "Psi",
    "Λ": "Lambda", "Γ": "Gamma", "Θ": "Theta", "Π": "Pi", "µ": "mu",
}
_GREEK_RE = re.compile("|".join(map(re.escape, _GREEK)))


def ascii_name(name: str) -> str:
    """``"PixArt-Σ"`` -> ``"PixArt-Sigma"``; names without symbols come back unchanged."""
    return _GREEK_RE.sub(lambda m: _GREEK[m.group()], name)


_NON_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=1 << 16)  # the rules key the same names over and over
def name_key(name: str) -> str:
    """Case-, hyphen-, space- and symbol-insensitive key used to compare names.

    >>> name_key("GPT-4") == name_key("gpt4") == name_key("GPT 4")
    True
    >>> name_key("PixArt-Σ") == name_key("PixArt-sigma")
    True
    """
    if name.isascii():  # the common case, without normalisation work
        return _NON_WORD.sub("", name.lower())
    text = unicodedata.normalize("NFKC", ascii_name(name)).casefold()
    return _NON_WORD.sub("", text)


def surface_variants(name: str) -> set[str]:
    """Spellings of one name that tokenize differently: hyphen, space and joined forms."""
    variants = {name}
    if "-" in name:
        variants |= {name.replace("-", " "), name.replace("-", "")}
    if " " in name:
        variants |= {name.replace(" ", "-"), name.replace(" ", "")}
    ascii_form = ascii_name(name)
    if ascii_form != name:
        variants |= surface_variants(ascii_form)
    return {v for v in variants if v.strip()}


def load_jsonl(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    try:  # one parse of the whole file; line by line only to report an error
        return json.loads("[" + ",".join(line for line in lines if line.strip()) + "]")
    except json.JSONDecodeError:
        pass
    records = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as err:
                    raise KgError(f"{path}:{number}: malformed lexicon line: {err.msg}") from None
    return records


@dataclass(frozen=True)
class LexiconFile:
    """One lexicon file and the type its entries get."""

    filename: str
    type: str  # the entity type of its entries; "negative" names only block other types
    family: bool = False  # technique families (GUIDELINES table)
    kind: str | None = None  # what a negative is, when the file does not say per entry


# The files in ``schemas/lexicons/`` (built by ``scripts/build_lexicons.py``).
# Tasks and metrics have no entity type yet, so their names only block wrong
# method/dataset typing; typing them is the ``type`` column ("task", "metric").
LEXICON_FILES = (
    LexiconFile("methods.jsonl", "method"),
    LexiconFile("families.jsonl", "method", family=True),
    LexiconFile("datasets.jsonl", "dataset"),
    LexiconFile("tasks.jsonl", "negative", kind="task"),
    LexiconFile("metrics.jsonl", "negative", kind="metric"),
    LexiconFile("negatives.jsonl", "negative"),
)


@cache
def load_lexicon() -> tuple[LexiconEntry, ...]:
    """Every named entry of the shipped lexicons (modality cues are loaded separately)."""
    with without_cycle_collection():
        return read_lexicons(LEXICON_FILES)


def read_lexicons(files: tuple[LexiconFile, ...]) -> tuple[LexiconEntry, ...]:
    """The entries of ``files`` (in ``schemas/lexicons/``), typed by their file."""
    entries = []
    for spec in files:
        path = schema_path("lexicons", spec.filename)
        if not path.exists():
            continue
        for number, record in enumerate(load_jsonl(path), 1):
            if "label" not in record:
                raise KgError(f"{path}:{number}: lexicon entry without a label")
            entries.append(LexiconEntry(
                label=record["label"],
                type=spec.type,
                aliases=tuple(a for a in record.get("aliases", ()) if a),
                family=spec.family,
                ambiguous=bool(record.get("ambiguous")),
                kind=record.get("kind", spec.kind),
                implies=tuple(record.get("implies", ())),
                exact_case=tuple(record.get("exact_case", ())),
                context=record.get("context"),
                verb_forms=tuple(record.get("verb_forms", ())),
                direction=record.get("direction"),
                unit=record.get("unit"),
                curated="curated" in record.get("sources", ("curated",)),
                head_tasks=tuple(record.get("head_tasks", ())),
                confirmed=bool(record.get("confirmed")),
            ))
    return tuple(entries)


@cache
def load_rules() -> dict:
    """The cue lists of ``schemas/lexicons/rules.json`` (comparison, proposal, typing cues)."""
    path = schema_path("lexicons", "rules.json")
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except FileNotFoundError:
        raise KgError(f"{path}: rule file missing from this installation") from None
    except json.JSONDecodeError as err:
        raise KgError(f"{path}:{err.lineno}: malformed rule file: {err.msg}") from None


@cache
def _size_suffix_re() -> re.Pattern:
    return re.compile(load_rules()["size_suffix"], re.I)


def strip_size_suffix(name: str) -> str:
    """Drop size, context-length and checkpoint suffixes; versions stay.

    >>> strip_size_suffix("Llama2-7B-Base"), strip_size_suffix("GPT-2 124M")
    ('Llama2', 'GPT-2')
    >>> strip_size_suffix("LLaMA 2"), strip_size_suffix("GPT-3.5")
    ('LLaMA 2', 'GPT-3.5')
    """
    pattern = _size_suffix_re()
    while True:
        stripped = pattern.sub("", name)
        if stripped == name or not stripped.strip():
            return name
        name = stripped


# Names repeat across papers (and resolution asks again): each key is worked out once.
@lru_cache(maxsize=1 << 18)
def plain_key(name: str) -> str:
    """Key of a name without lexicon help: size suffix and acronym plural dropped.

    >>> plain_key("Llama2-7B") == plain_key("llama 2"), plain_key("DiTs") == plain_key("DiT")
    (True, True)
    """
    name = strip_size_suffix(name.strip())
    if len(name) > 2 and name.endswith("s") and name[-2].isupper():
        name = name[:-1]  # "DiTs", "LLMs"
    return name_key(name)
