"""The typed records the extraction components pass along, and the per-document log.

Every component reads the records the earlier stages left and adds its own; no
component changes or deletes another's record. Records are frozen dataclasses of
plain values (plus the lexicon entry a name came from), with character offsets
into the text :func:`kg.extract.pipeline.make_doc` built (title, a blank line,
abstract).

Three rules decide which candidates survive, all applied here and nowhere else:

* a candidate added with ``supersedes=True`` (a longer name found by a later
  rule: "Sparse Routing Memory" over the lexicon's "Memory") replaces the
  method/dataset candidates strictly inside its span, except families (a family
  inside a name still counts: "Diffusion Transformer" → Transformer);
* a :class:`Retraction` (the paper defines "SST" its own way) withdraws the
  candidates of one lexicon entry written exactly so;
* a re-typing (:meth:`Findings.retype`: a measure the paper names is no method,
  "Semantic Sufficiency Criterion (SSC)") replaces one candidate by a copy of
  another type; the original is kept in ``dropped`` with the reason.

Candidates are names (``method``, ``dataset``), research tasks (``task``) and
measures (``metric``); a ``negative`` only blocks other types. The results a
paper reports are :class:`~kg.extract.results.ResultHit` records in ``results``.

After every name rule, one decision stage may retype or drop candidates (one
type per name in a paper, no template placeholders); the reason is kept too.

>>> findings = Findings(DocText.of("Memory. We use Sparse Memory.", 6, 8))
>>> inner = findings.add(Candidate(22, 28, "method", "Memory", "lexicon", 0.95))
>>> outer = findings.add(Candidate(15, 28, "method", "SM", "acronym-definition", 0.85),
...                      supersedes=True)
>>> [c.label for c in findings.live], findings.dropped[0][1]
(['SM'], 'inside acronym-definition:SM')
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from kg.extract.cued import cued_compile
from kg.extract.lexicon import LexiconEntry
from kg.markup import CleanText

__all__ = [
    "DocText",
    "Candidate",
    "SpanHit",
    "RoleClaim",
    "Retraction",
    "Definition",
    "ModalityCue",
    "PendingName",
    "TypedSpan",
    "Findings",
    "NAME_TYPES",
    "COMPONENT_RULES",
    "findings_of",
]

# Candidate types that are names (a "negative" only blocks other types: metric, task...).
NAME_TYPES = ("method", "dataset")
# The rules whose "proposed" claim names a part of the paper's system ("we integrate the
# Gated Relay Module (GRM)", "a Sparse Relay module"), not the system itself: a part is
# the paper's own, but the system's results are not the part's.
COMPONENT_RULES = ("component-cue", "own-component")
_FINDINGS = "kg"


@dataclass(frozen=True)
class DocText:
    """The text of one document, where the title ends, and its sentence starts.

    ``fields`` are title and abstract as :func:`kg.markup.clean_markup` read them (the
    text is made of them), each with its map back to the stored field; None when the
    text was given directly.
    """

    text: str
    title_end: int
    abstract_start: int
    sent_starts: tuple[int, ...] = ()
    fields: tuple[CleanText, CleanText] | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, text: str, title_end: int | None = None, abstract_start: int | None = None,
           fields: tuple[CleanText, CleanText] | None = None) -> DocText:
        title_end = len(text) if title_end is None else title_end
        abstract_start = len(text) if abstract_start is None else abstract_start
        starts = [0, abstract_start] if abstract_start < len(text) else [0]
        starts += [_SENT_END.match(text, m.end()).end()
                   for m in _SENT_BREAK.finditer(text, abstract_start)]
        return cls(text, title_end, abstract_start, tuple(sorted(set(starts))), fields)

    def sentence(self, pos: int) -> tuple[int, int]:
        """(start, end) of the sentence holding character ``pos``; the title is one."""
        starts = self.sent_starts or (0,)
        i = bisect_right(starts, pos) - 1
        start = starts[max(i, 0)]
        end = starts[i + 1] if i + 1 < len(starts) else len(self.text)
        if start < self.title_end <= end and pos < self.title_end:
            end = self.title_end
        return start, end

    def in_title(self, pos: int) -> bool:
        return pos < self.title_end


# A sentence ends at . ! ? followed by space and an upper-case letter, digit or quote.
_SENT_BREAK = cued_compile(r"[.!?](?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bvs\.)(?<!\bet al\.)(?<!\bcf\.)"
                           r"(?=\s+(?:[A-Z0-9\"'(\[]|[a-z]+[A-Z]))")  # "... world. bGPT matches"
_SENT_END = cued_compile(r"\s*")


@dataclass(frozen=True)
class Candidate:
    """One name a rule found: where, what type, its canonical label and why."""

    start: int
    end: int
    type: str  # method | dataset | task | metric | negative
    label: str  # canonical name (lexicon label) or the surface form
    rule: str
    confidence: float
    entry: LexiconEntry | None = field(default=None, repr=False)
    family: bool = False
    aliases: tuple[str, ...] = ()
    surface: str = ""  # the matched text (may extend beyond the canonical name)
    # Candidates with the same span and label are one mention (set from those fields).
    key: tuple[int, int, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "key", (self.start, self.end, self.label))

    @property
    def is_name(self) -> bool:
        return self.type == "method" or self.type == "dataset"


@dataclass(frozen=True)
class SpanHit:
    """What the task and metric finders return (pure functions, no document): a span of
    the text, its canonical label, the rule and confidence, and the lexicon entry."""

    start: int
    end: int
    label: str
    rule: str  # task-lexicon | task-phrase | ... | metric-lexicon | metric-score-of | ...
    confidence: float
    entry: LexiconEntry | None = None

    def candidate(self, kind: str, text: str) -> Candidate:
        """The hit as a ``kind`` candidate of the document whose text is ``text``."""
        return Candidate(self.start, self.end, kind, self.label, self.rule, self.confidence,
                         self.entry, surface=text[self.start:self.end])


@dataclass(frozen=True)
class RoleClaim:
    """A role (``proposed``, ``baseline``) given to the mention at a span, and why."""

    start: int
    end: int
    label: str
    role: str
    rule: str
    confidence: float

    @property
    def key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.label)


@dataclass(frozen=True)
class Retraction:
    """Withdraws the candidates of one lexicon entry whose text is one of ``surfaces``."""

    entry_id: str
    surfaces: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class Definition:
    """An acronym definition ("Long Form (LF)") that no rule could type (yet)."""

    short: str
    short_start: int
    short_end: int
    long_start: int
    long_end: int


@dataclass(frozen=True)
class ModalityCue:
    """A modality cue ("text-to-image" gives two, one per modality)."""

    start: int
    end: int
    label: str
    rule: str
    confidence: float
    surface: str = ""


@dataclass(frozen=True)
class PendingName:
    """A name-shaped word no rule could type; the corpus pass may link it. ``shaped``:
    the word has the shape of a name of its own ("QuillNet-2"), not just a capital."""

    start: int
    end: int
    word: str
    shaped: bool = False


@dataclass(frozen=True)
class TypedSpan:
    """A candidate as the later rules read it: span, type, label, lexicon entry, and the
    roles the findings gave it (a plain record for the pure task, metric and result
    functions)."""

    start: int
    end: int
    type: str
    label: str
    entry: LexiconEntry | None = field(default=None, repr=False)
    roles: frozenset = frozenset()
    family: bool = False  # a technique family ("Transformer"), not one named system


class Findings:
    """Everything the components found in one document, as an append-only log.

    ``live`` are the candidates that survive so far (see the module docstring);
    ``dropped`` keeps the others with the reason, for explanation and tests.
    """

    __slots__ = ("doc_text", "live", "dropped", "claims", "retractions", "acronyms",
                 "definitions", "modalities", "pending", "results", "_roles")

    def __init__(self, doc_text: DocText):
        self.doc_text = doc_text
        self.live: list[Candidate] = []
        self.dropped: list[tuple[Candidate, str]] = []
        self.claims: list[RoleClaim] = []
        self.retractions: list[Retraction] = []
        # short form -> what it stands for in this paper (a typed candidate, or a
        # "negative" one when the long form is no name).
        self.acronyms: dict[str, Candidate] = {}
        self.definitions: list[Definition] = []
        self.modalities: list[ModalityCue] = []
        self.pending: list[PendingName] = []
        self.results: list = []  # kg.extract.results.ResultHit, in text order
        self._roles: dict[tuple[int, int, str], dict[str, RoleClaim]] = {}

    # -- the text
    @property
    def text(self) -> str:
        return self.doc_text.text

    @property
    def title_end(self) -> int:
        return self.doc_text.title_end

    @property
    def abstract_start(self) -> int:
        return self.doc_text.abstract_start

    @property
    def sent_starts(self) -> tuple[int, ...]:
        return self.doc_text.sent_starts

    def sentence(self, pos: int) -> tuple[int, int]:
        return self.doc_text.sentence(pos)

    # -- candidates
    def add(self, cand: Candidate, supersedes: bool = False) -> Candidate:
        """Add ``cand``; with ``supersedes`` it replaces the names strictly inside it."""
        if supersedes:
            keep = []
            for c in self.live:
                if not c.family and c.type != "negative" and cand.start <= c.start and \
                        c.end <= cand.end and (c.start, c.end) != (cand.start, cand.end):
                    self.dropped.append((c, f"inside {cand.rule}:{cand.label}"))
                else:
                    keep.append(c)
            self.live = keep
        self.live.append(cand)
        return cand

    def retract(self, retraction: Retraction) -> None:
        """Withdraw the live candidates of one lexicon entry written as ``surfaces``."""
        self.retractions.append(retraction)
        keep = []
        text = self.text
        for c in self.live:
            if c.entry is not None and c.entry.id == retraction.entry_id and \
                    text[c.start:c.end] in retraction.surfaces:
                self.dropped.append((c, retraction.reason))
            else:
                keep.append(c)
        self.live = keep

    def drop(self, cand: Candidate, reason: str) -> None:
        """Withdraw the live ``cand`` alone (not the other uses of its entry)."""
        self.live = [c for c in self.live if c is not cand]
        self.dropped.append((cand, reason))

    def retype(self, cand: Candidate, type_: str, reason: str,
               label: str | None = None) -> Candidate:
        """Replace the live ``cand`` by a copy of type ``type_`` (same span; same label
        unless ``label`` is given)."""
        self.live = [c for c in self.live if c is not cand]
        self.dropped.append((cand, reason))
        new = replace(cand, type=type_, label=label or cand.label)
        self.live.append(new)
        return new

    def decide(self, cand: Candidate, replacement: Candidate | None, reason: str) -> None:
        """Replace (or, with None, drop) a live candidate: only for the decision stage
        that runs after every name rule (``kg_type_decisions``), so no name rule's
        view changes under it."""
        self.live = [replacement if c is cand else c for c in self.live if
                     c is not cand or replacement is not None]
        self.dropped.append((cand, reason))

    def overlapping(self, start: int, end: int,
                    types=("method", "dataset", "negative")) -> list[Candidate]:
        return [c for c in self.live if c.start < end and start < c.end and c.type in types]

    def is_free(self, start: int, end: int) -> bool:
        """No name or negative covers any of ``start:end`` yet."""
        return not self.overlapping(start, end)

    # -- roles
    def claim(self, cand: Candidate | PendingName | tuple, role: str, rule: str,
              confidence: float) -> None:
        """Give ``cand`` a role; the first rule that gives a role is the one kept."""
        if isinstance(cand, PendingName):
            key = (cand.start, cand.end, cand.word)
        elif isinstance(cand, tuple):
            key = cand
        else:
            key = cand.key
        roles = self._roles.setdefault(key, {})
        if role not in roles:
            claim = RoleClaim(key[0], key[1], key[2], role, rule, round(float(confidence), 3))
            roles[role] = claim
            self.claims.append(claim)

    def roles_of(self, cand: Candidate | PendingName) -> dict[str, RoleClaim]:
        """Role -> the claim that gave it, for one candidate (or pending name)."""
        key = (cand.start, cand.end, cand.word) if isinstance(cand, PendingName) else cand.key
        return self._roles.get(key, {})

    def has_role(self, cand: Candidate, role: str) -> bool:
        return role in self._roles.get(cand.key, ())

    def with_role(self, role: str) -> list[Candidate]:
        if not self._roles:
            return []
        roles = self._roles
        return [c for c in self.live if c.key in roles and role in roles[c.key]]

    # -- the read-out
    def mentions(self) -> list[Candidate]:
        """The surviving names, one per span and label, in the order they were found."""
        seen, mentions = set(), []
        for c in self.live:
            if c.type != "negative" and c.key not in seen:
                seen.add(c.key)
                mentions.append(c)
        return mentions


def findings_of(doc: Doc) -> Findings:
    """The findings of ``doc``, created on first use from what ``make_doc`` stored."""
    findings = doc.user_data.get(_FINDINGS)
    if findings is None:
        # doc.text builds a Token object per token; make_doc stores the text it tokenized.
        text = doc.user_data.get("text") or doc.text
        findings = doc.user_data[_FINDINGS] = Findings(DocText.of(
            text, doc.user_data.get("title_end"), doc.user_data.get("abstract_start"),
            doc.user_data.get("fields")))
    return findings
