"""Plain frozen records passed between the stages.

Every record holds only plain values (str, int, float, tuples), so each stage's
output can be serialised, cached and compared in tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Entity types and relations: the table in kg.schema (checked against schemas/kg.ttl).

# How `kg extract` names the system of a result that is the paper's own but has no name
# (shared/eval/GUIDELINES.md, "results").
OWN = "(ours)"


@dataclass(frozen=True)
class Source:
    """Where one occurrence of a paper was read: file and 1-based line (or record number)."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Paper:
    """One paper: title and abstract plus what the input said about it."""

    id: str
    title: str
    abstract: str
    date: str | None = None
    arxiv_id: str | None = None
    urls: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "abstract": self.abstract, "date": self.date,
                "arxiv_id": self.arxiv_id, "urls": self.urls, "authors": self.authors,
                "sources": [str(s) for s in self.sources]}


@dataclass(frozen=True)
class Evidence:
    """Why a link exists: the sentence and character span it was read from, and the rule."""

    field: str  # "title" or "abstract"
    start: int  # character offsets into that field
    end: int
    text: str  # the matched surface text
    sentence: str
    rule: str
    confidence: float

    def to_dict(self) -> dict:
        # Spelt out: dataclasses.asdict deep-copies every value, a tenth of a big build.
        return {"field": self.field, "start": self.start, "end": self.end, "text": self.text,
                "sentence": self.sentence, "rule": self.rule, "confidence": self.confidence}


@dataclass(frozen=True)
class Mention:
    """One mention of a method, dataset or modality in a paper, as the extractor saw it.

    ``label`` is the canonical name the extractor proposes (from a lexicon, or the
    surface form for unseen names); ``roles`` says what the paper does with it:
    ``"uses"``, ``"baseline"`` and/or ``"proposed"``. ``aliases`` are other names
    the paper itself gave it (e.g. the long form of an acronym it defines).
    """

    label: str
    type: str
    evidence: Evidence
    roles: tuple[str, ...] = ("uses",)
    aliases: tuple[str, ...] = ()
    lexicon_id: str | None = None  # set when the name came from a lexicon entry


@dataclass(frozen=True)
class ResultMention:
    """One result a paper states, as the extractor saw it: a value on a metric.

    ``method`` is the mention of the system the value belongs to (``None``: the
    paper's own system, unnamed); ``own`` says the system is the paper's own
    (its proposed method, or a model it trained). The mentions are the same
    records as in the extraction's ``mentions``.
    """

    metric: Mention
    value: str  # the number as written, without unit or %
    number: float
    evidence: Evidence  # the value's span, the sentence, the rule
    method: Mention | None = None
    dataset: Mention | None = None
    own: bool = False
    unit: str | None = None  # as written after the value ("%", "ms")


@dataclass(frozen=True)
class Extraction:
    """All mentions and results found in one paper."""

    paper_id: str
    mentions: tuple[Mention, ...] = ()
    results: tuple[ResultMention, ...] = ()


@dataclass(frozen=True)
class Entity:
    """One real thing across the corpus: one graph node."""

    id: str  # stable key, e.g. "method/gpt-4"
    type: str
    label: str
    aliases: tuple[str, ...] = ()
    paper_count: int = 0
    family: bool = False  # a technique family from the guidelines' table
    direction: str | None = None  # metrics: "higher" or "lower" is better
    unit: str | None = None  # metrics: "%", "ms", ...


@dataclass(frozen=True)
class Result:
    """One reported result, resolved: entity ids for method, dataset and metric.

    ``method_id`` is ``None`` for the paper's own unnamed system; ``dataset_id`` is
    ``None`` when the text names no dataset.
    """

    paper_id: str
    metric_id: str
    value: str
    number: float
    evidence: Evidence
    method_id: str | None = None
    dataset_id: str | None = None
    own: bool = False
    unit: str | None = None

    def to_dict(self) -> dict:
        """The record a paper node keeps in its ``results`` list (see the README)."""
        return {"method": self.method_id, "own": self.own, "dataset": self.dataset_id,
                "metric": self.metric_id, "value": self.value, "number": self.number,
                "unit": self.unit, "evidence": self.evidence.to_dict()}


@dataclass(frozen=True)
class Link:
    """A typed edge from a paper to an entity, with every piece of evidence for it."""

    paper_id: str
    relation: str
    entity_id: str
    evidence: tuple[Evidence, ...] = field(default=())

    @property
    def confidence(self) -> float:
        return max((e.confidence for e in self.evidence), default=0.0)
