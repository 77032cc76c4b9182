"""Mentions to entities: one id per real thing across the corpus, and evidenced links.

Names are grouped by type and a normalised key (:func:`kg.extract.lexicon.name_key`
after dropping size suffixes, so ``Llama2-7B`` = ``LLaMA 2`` but ``LLaMA 2`` ≠
``LLaMA``). Lexicon entries tie all their aliases together; an acronym defined in
one paper ("Big Little Decoder (BiLD)") ties its long form to every bare use of
the short form in other papers, unless papers define it differently.

>>> from kg.model import Evidence, Extraction, Mention
>>> ev = Evidence("abstract", 0, 4, "x", "x", "test", 0.9)
>>> a = Extraction("p1", (Mention("BiLD", "method", ev, aliases=("Big Little Decoder",)),))
>>> b = Extraction("p2", (Mention("BiLD", "method", ev, roles=("uses", "baseline")),))
>>> entities, links = resolve([a, b])
>>> [(e.id, e.paper_count) for e in entities]
[('method/bild', 2)]
>>> sorted((l.paper_id, l.relation) for l in links)
[('p1', 'usesMethod'), ('p2', 'comparesWith'), ('p2', 'usesMethod')]
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from kg.extract.lexicon import load_lexicon, name_key
from kg.extract.lexicon import plain_key as _plain_key
from kg.markup import clean_markup
from kg.model import Entity, Extraction, Link, Mention, Result
from kg.schema import ENTITY_TYPES, relation_for_role

__all__ = ["resolve", "resolve_all", "Resolution", "Resolver", "entity_slug", "mention_key",
           "IdRequest", "slug_id", "slug_ids"]

MAX_LEXICON_ALIASES = 12
# Rules whose aliases are definitions ("Long Form (LF)", "Name: Long Form"), so they merge groups.
DEFINING_RULES = {"acronym-definition", "acronym-use", "title-name"}
# Rules whose surface text is the family's own word ("transformers", the "Transformer"
# in "Diffusion Transformer"); an implied family's surface is another name ("DiT-XL").
FAMILY_WORD_RULES = {"family", "family-in-name"}
_USES = ("uses",)


# Pure and called for every mention and alias: memoised (a corpus repeats its names).
plain_key = lru_cache(maxsize=1 << 17)(_plain_key)


@lru_cache(maxsize=1 << 17)
def _clean_surface(text: str) -> str:
    return clean_markup(text).text


def entity_slug(label: str) -> str:
    """A readable, stable id part: ``"GPT-4"`` -> ``"gpt-4"``, ``"PixArt-Σ"`` -> ``"pixart-σ"``."""
    text = unicodedata.normalize("NFKC", label).casefold()
    return re.sub(r"[\W_]+", "-", text).strip("-") or "x"


@cache
def _lexicon_keys() -> dict[tuple[str, str], str]:
    """(type, key of any lexicon name) -> lexicon entry id."""
    keys = {}
    for entry in load_lexicon():
        # Negatives a rule types (tasks, metrics) are found under that type.
        kind = entry.type if entry.type in ENTITY_TYPES else entry.kind
        if kind in ENTITY_TYPES:
            for name in entry.names:
                keys.setdefault((kind, name_key(name)), entry.id)
    return keys


def mention_key(mention: Mention) -> tuple[str, str]:
    """The group a mention starts in: its lexicon entry, or (type, normalised name).

    A name found by a rule that turns out to be a lexicon name once its size suffix
    is dropped ("Mistral-7B") joins that entry.
    """
    if mention.lexicon_id:
        return ("lexicon", mention.lexicon_id)
    return _name_key(mention.type, mention.label, tuple(mention.aliases))


@lru_cache(maxsize=1 << 17)
def _name_key(kind: str, label: str, aliases: tuple[str, ...]) -> tuple[str, str]:
    """:func:`mention_key` of a mention found by no lexicon entry (a function of its type,
    label and aliases; memoised: a corpus names the same things again and again)."""
    key = (kind, plain_key(label))
    entry_id = _lexicon_keys().get(key)
    if entry_id is None:
        return key
    long_form = _other_long_form(label, aliases, entry_id)
    if long_form is not None:
        # "Neighboring Autoregressive Modeling (NAR)" is no Non-autoregressive model: the
        # paper's own definition keys the name by its long form.
        return (kind, plain_key(long_form))
    return ("lexicon", entry_id)


def _other_long_form(label: str, aliases: tuple[str, ...], entry_id: str) -> str | None:
    """The long form the paper gave this mention (its aliases come from a definition)
    when the lexicon entry with the same short name does not name it: an acronym that
    means something else here."""
    names = [n for n in _entry_name_keys(entry_id) if len(n) > 4]
    long_forms = [a for a in aliases if " " in a.strip()]
    entry = _entries_by_id().get(entry_id)
    if not long_forms or entry is not None and entry.takes_any_long_form(
            label):
        return None  # no definition, or one the entry accepts ("... (DiffiT)")
    for long_form in long_forms:
        key = plain_key(long_form)
        # "Byte-Pair Encoding algorithm (BPE)" still names Byte-pair encoding.
        if any(n in key or key in n for n in names):
            return None
    return long_forms[0]


def _family_word(mention: Mention) -> bool:
    """Is the mention's text the family's own word (or the paper's acronym of it:
    "autoregressive models (ARMs)")?"""
    return mention.evidence.rule in FAMILY_WORD_RULES or (
        mention.evidence.rule == "acronym-definition" and mention.lexicon_id is not None)


@cache
def _entry_name_keys(entry_id: str) -> frozenset[str]:
    """The plain keys of one lexicon entry's names (worked out for the entries asked about,
    not for all 9,000)."""
    entry = _entries_by_id().get(entry_id)
    return frozenset(plain_key(n) for n in entry.names) if entry else frozenset()


@cache
def _entries_by_id() -> dict:
    return {entry.id: entry for entry in load_lexicon()}


class _Groups:
    """Union-find over group keys."""

    def __init__(self):
        self.parent: dict = {}

    def find(self, key):
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # Lexicon groups stay roots so their canonical label wins.
            if rb[0] == "lexicon" and ra[0] != "lexicon":
                ra, rb = rb, ra
            self.parent[rb] = ra


class IdRequest(NamedTuple):
    """One group asking for its entity id: its root key, type, best label, and every key
    (lexicon entry, normalised names) it holds, in no particular order."""

    root: tuple[str, str]
    kind: str
    label: str
    keys: tuple[tuple[str, str], ...]


def slug_id(kind: str, label: str, taken: set[str]) -> str:
    """``kind/slug-of-label``, with ``-2``, ``-3``... while the id is in ``taken``."""
    base = f"{kind}/{entity_slug(label)}"
    entity_id, suffix = base, 2
    while entity_id in taken:  # two names whose slugs collide stay two entities
        entity_id = f"{base}-{suffix}"
        suffix += 1
    return entity_id


def slug_ids(requests: list[IdRequest]) -> dict:
    """Ids made from labels, in request order (no ids published before)."""
    taken: set[str] = set()
    ids = {}
    for request in requests:
        ids[request.root] = slug_id(request.kind, request.label, taken)
        taken.add(ids[request.root])
    return ids


@dataclass(frozen=True)
class Resolution:
    """What :func:`resolve_all` makes of the extractions: entities, links and results."""

    entities: list[Entity]
    links: list[Link]
    results: list[Result]


def resolve(extractions: Iterable[Extraction], *,
            assign_ids: Callable[[list[IdRequest]], dict] | None = None
            ) -> tuple[list[Entity], list[Link]]:
    """Group mentions into entities across papers and merge links per paper.

    ``assign_ids`` gives each group (an :class:`IdRequest`, in the entities' order)
    its id; by default ids are made from labels (:func:`slug_ids`). A build keeps
    the ids it published before with :meth:`kg.ids.IdRegistry.assign_entities`.
    """
    resolution = resolve_all(extractions, assign_ids=assign_ids)
    return resolution.entities, resolution.links


def resolve_all(extractions: Iterable[Extraction], *,
                assign_ids: Callable[[list[IdRequest]], dict] | None = None) -> Resolution:
    """:func:`resolve`, plus every result with the ids of its method, dataset and metric.

    A result whose metric or method did not become an entity is dropped (the
    paper's own unnamed system has no method id and is kept).
    """
    resolver = Resolver()
    resolver.add(list(extractions))
    return resolver.finish(assign_ids)


STATE_FORMAT = 1


def _mention_count(x) -> int:
    """How many mentions an extraction has (one kept undecoded says so itself)."""
    count = getattr(x, "mention_count", None)
    return len(x.mentions) if count is None else count

_NONE: frozenset = frozenset()


class Resolver:
    """:func:`resolve_all` in two steps that an update can resume: :meth:`add` the
    extractions (groups, then each mention's counts and links), :meth:`finish` (entities,
    ids, links and results); :meth:`state` is what :meth:`resume` needs to add more
    papers after those resolved, without going through theirs again.

    Resuming gives what resolving every paper at once gives, or nothing: :meth:`resume`
    returns None (resolve everything) unless the papers resolved before come first,
    unchanged, and the new ones leave every group of theirs as it was — no new name of
    the corpus pass met by an earlier paper's word, no acronym given a second meaning, no
    lexicon entry or definition that joins two earlier groups or moves a group's root.
    Then the earlier papers' keys, counts and links are those they had, and counting
    the new ones after them adds what a single pass over all would (the counts are
    sums, their insertion orders those of a pass in paper order).
    """

    def __init__(self):
        self.lexicon = {entry.id: entry for entry in load_lexicon()}
        self.groups = _Groups()
        self.used: set[str] = set()
        self.long_forms: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.root_of: dict = {}
        self.labels: dict = defaultdict(Counter)
        self.lexicon_label: dict = {}
        self.surfaces: dict = defaultdict(Counter)
        self.papers_of: dict = defaultdict(set)
        self.earlier_papers: dict = {}  # root -> papers counted before resuming
        self.types: dict = defaultdict(Counter)
        self.families: set = set()
        self.evidence: dict = {}
        self.order: list = []
        self.extractions: list[Extraction] = []
        # Papers resumed from a state: (paper id, mentions, ((role, root, evidence at), ...))
        self.resumed: list[tuple] = []
        self.made: list | None = None  # (paper id, role, root, evidence) of finish's links
        self.ids: dict = {}

    def _ambiguous(self) -> dict:
        return {key: meanings for key, meanings in self.long_forms.items() if len(meanings) > 1}

    def _key_of(self, ambiguous: dict) -> Callable[[Mention], tuple[str, str]]:
        def key_of(m: Mention) -> tuple[str, str]:
            if m.lexicon_id:
                return ("lexicon", m.lexicon_id)
            key = _name_key(m.type, m.label, tuple(m.aliases))
            meanings = ambiguous.get(key)
            if meanings is not None:
                # The acronym means different things in different papers: this paper's
                # meaning is its long form; bare uses elsewhere stay on the short form.
                long_keys = [k for k in map(plain_key, m.aliases) if k in meanings]
                if long_keys:
                    return (m.type, long_keys[0])
            return key

        return key_of

    def add(self, extractions: list[Extraction], *, resuming: bool = False) -> bool:
        """Group and count ``extractions`` after those added before. ``resuming``: stop
        (False) as soon as they would change a group of the papers added before (the
        caller then resolves everything afresh); without it, always True."""
        lexicon, groups = self.lexicon, self.groups
        earlier = self.root_of  # each earlier key's root (empty before the first papers)

        # 1. Lexicon names anchor their groups: any mention with the same key joins them.
        used = {m.lexicon_id for x in extractions for m in x.mentions if m.lexicon_id}
        for entry_id in sorted(used - self.used):
            entry = lexicon.get(entry_id)
            if entry is None:
                continue
            # A negative that a rule types (a task, a metric) joins the names of that type.
            kinds = {entry.type, entry.kind} if entry.kind in ENTITY_TYPES else {entry.type}
            for name in entry.names:
                for kind in kinds:
                    key = (kind, name_key(name))
                    if resuming and key in earlier:
                        return False  # a whole pass would have joined it before the papers
                    groups.union(("lexicon", entry_id), key)
        self.used |= used

        # 2. Acronym definitions: short form <-> long form, across papers when unambiguous.
        added: dict[tuple[str, str], set[str]] = defaultdict(set)
        for x in extractions:
            for m in x.mentions:
                if m.evidence.rule.startswith("acronym") and not m.lexicon_id:
                    for alias in m.aliases:
                        if plain_key(alias) != plain_key(m.label) and " " in alias.strip():
                            added[(m.type, plain_key(m.label))].add(plain_key(alias))
        for key, meanings in added.items():
            before = self.long_forms.get(key, _NONE)
            if resuming and not meanings <= before and len(meanings | before) > 1:
                return False  # an acronym becomes ambiguous: earlier keys may change
            self.long_forms[key] |= meanings
        key_of = self._key_of(self._ambiguous())

        # Each mention's starting group, computed once (three passes read it).
        keys = [_follow_definitions(x, [key_of(m) for m in x.mentions]) for x in extractions]
        parent = groups.parent
        for x, x_keys in zip(extractions, keys, strict=True):
            for m, key in zip(x.mentions, x_keys, strict=True):
                if key not in parent:  # every key is a group (the unions below only merge)
                    parent[key] = key
                if m.lexicon_id or m.evidence.rule not in DEFINING_RULES:
                    continue
                for alias in m.aliases:
                    alias_key = (m.type, plain_key(alias))
                    if alias_key[1] == key[1] or not alias_key[1]:
                        continue
                    groups.union(key, alias_key)

        # 3. Collect per group and per (paper, relation, group).
        # No group merges from here on: each key's root, found once (keys repeat a lot).
        root_of = {key: groups.find(key) for key in list(groups.parent)}
        if resuming and any(root_of[key] != root for key, root in earlier.items()):
            return False
        self.root_of = root_of
        self.extractions.extend(extractions)
        labels, lexicon_label, surfaces = self.labels, self.lexicon_label, self.surfaces
        papers_of, types, families = self.papers_of, self.types, self.families
        evidence, order = self.evidence, self.order
        # The loop below runs for every mention of the corpus: plain dict operations only
        # (``counts.get``: a Counter's missing key costs a Python call), the same counts and
        # insertion orders as ``counter[key] += 1``.
        lexicon_get = lexicon.get
        for x, x_keys in zip(extractions, keys, strict=True):
            paper_id = x.paper_id
            mentions = x.mentions
            roots = [root_of[key] for key in x_keys]
            proposed_here = {root for m, root in zip(mentions, roots, strict=True)
                             if "proposed" in m.roles}
            for m, root in zip(mentions, roots, strict=True):
                label = m.label
                if root[0] == "lexicon":
                    entry = lexicon_get(root[1])
                    if entry is not None:
                        # The extractor names a lexicon entity (a task by its headed name,
                        # "text-to-image generation"); other mentions of the group take the
                        # entry's.
                        if m.lexicon_id == root[1]:
                            lexicon_label[root] = label
                        else:
                            lexicon_label.setdefault(root, entry.label)
                        if entry.family:
                            families.add(root)
                elif m.aliases and root[1] != plain_key(label):
                    # Grouped under its long form (an ambiguous acronym): name it by that form.
                    label = next((a for a in m.aliases if plain_key(a) == root[1]), label)
                counts = labels[root]
                counts[label] = counts.get(label, 0) + 1
                kind = m.type
                counts = types[root]
                counts[kind] = counts.get(kind, 0) + 1
                # A cue ("image captioning") is no name of "image"; a family takes as aliases
                # only its own words, never the names that imply it ("DiT" -> Transformer).
                if kind != "modality" and (root not in families or _family_word(m)):
                    # Evidence is a slice of the stored text: "PIXART-{\delta}" is spelt
                    # "PIXART-δ".
                    counts = surfaces[root]
                    surface = _clean_surface(m.evidence.text)
                    counts[surface] = counts.get(surface, 0) + 1
                    for alias in m.aliases:
                        counts[alias] = counts.get(alias, 0) + 1
                roles = m.roles
                if not roles:  # a mention that links no paper (an unnamed score's) counts none
                    continue
                papers_of[root].add(paper_id)
                if len(roles) == 1 and roles[0] == "uses":
                    relations = _USES
                else:
                    relations = ["uses"] if "uses" in roles else []
                    for role in roles:
                        if role == "baseline" and root in proposed_here:
                            continue  # the paper's own system is never its own baseline
                        if role != "uses":
                            relations.append(role)
                found = m.evidence
                for relation in relations:
                    link_key = (paper_id, relation, root)
                    listed = evidence.get(link_key)
                    if listed is None:
                        order.append(link_key)
                        evidence[link_key] = [found]
                    else:
                        listed.append(found)
        return True

    def finish(self, assign_ids: Callable[[list[IdRequest]], dict] | None = None
               ) -> Resolution:
        """4. One entity per group, the links with their entities' ids, the results."""
        lexicon, labels, surfaces = self.lexicon, self.labels, self.surfaces
        papers_of, earlier_papers = self.papers_of, self.earlier_papers
        entities = []
        kinds = {root: counts.most_common(1)[0][0] for root, counts in self.types.items()}
        best = {root: _best_label(root, labels, self.lexicon_label) for root in labels}
        roots = sorted(labels, key=lambda root: (kinds[root], best[root]))
        if assign_ids is None:
            ids = slug_ids([IdRequest(root, kinds[root], best[root], ()) for root in roots])
        else:
            members: dict = defaultdict(list)
            for key, root in self.root_of.items():
                members[root].append(key)
            ids = assign_ids([IdRequest(root, kinds[root], best[root], tuple(members[root]))
                              for root in roots])
        self.ids = ids
        for root in roots:
            kind, label, entity_id = kinds[root], best[root], ids[root]
            aliases = {s for s in surfaces[root] if s and s != label}
            entry = lexicon.get(root[1]) if root[0] == "lexicon" else None
            if entry is not None:
                extra = [a for a in entry.names if a != label]
                aliases |= set(extra[:MAX_LEXICON_ALIASES])
            entities.append(Entity(
                id=entity_id,
                type=kind,
                label=label,
                aliases=tuple(_dedupe_aliases(aliases, label)),
                paper_count=len(papers_of.get(root, ())) + earlier_papers.get(root, 0),
                family=root in self.families,
                # Metrics say which way is better and their unit, when the lexicon knows.
                direction=getattr(entry, "direction", None) if kind == "metric" else None,
                unit=getattr(entry, "unit", None) if kind == "metric" else None,
            ))
        links = []
        # The papers resumed from a state come first, their links' evidence by place.
        for (paper_id, _, paper_links), x in zip(self.resumed, self.extractions, strict=False):
            # an extraction kept undecoded (kg.update) gives the evidence at a place itself
            evidence_at = getattr(x, "evidence_at", None)
            mentions = x.mentions if evidence_at is None else None
            for role, root, places in paper_links:
                relation = relation_for_role(role, kinds[root])
                if relation is None:
                    continue
                links.append(Link(paper_id=paper_id, relation=relation, entity_id=ids[root],
                                  evidence=tuple(mentions[i].evidence for i in places)
                                  if evidence_at is None else tuple(map(evidence_at, places))))
        made = self.made = []
        evidence = self.evidence
        for paper, role, root in self.order:
            # The table's ranges decide: only methods are compared against, only methods and
            # datasets are proposed (the ontology says so; the shapes check it).
            found = evidence[(paper, role, root)]
            if len(found) > 1:  # most links have one piece of evidence: nothing to sort
                found = sorted(dict.fromkeys(found), key=_evidence_order)
            made.append((paper, role, root, found))
            relation = relation_for_role(role, kinds[root])
            if relation is None:
                continue
            links.append(Link(paper_id=paper, relation=relation, entity_id=ids[root],
                              evidence=tuple(found)))
        results = []
        groups, key_of = self.groups, self._key_of(self._ambiguous())
        for x in self.extractions:
            for r in x.results:
                metric_id = ids.get(groups.find(key_of(r.metric)))
                method_id = ids.get(groups.find(key_of(r.method))) if r.method else None
                dataset_id = ids.get(groups.find(key_of(r.dataset))) if r.dataset else None
                if metric_id is None or r.method is not None and method_id is None:
                    continue
                results.append(Result(
                    paper_id=x.paper_id, metric_id=metric_id, value=r.value, number=r.number,
                    evidence=r.evidence, method_id=method_id, dataset_id=dataset_id,
                    own=r.own, unit=r.unit))
        return Resolution(entities, links, results)

    # ------------------------------------------------------------------ resuming

    def state(self, paper_keys: list[str], version: str) -> tuple:
        """After :meth:`finish`: what :meth:`resume` needs (plain values, for ``marshal``).
        ``paper_keys``: each paper's content key, in order (a paper resumes only with the
        same id and key); ``version``: the code and data this resolution depends on."""
        if self.made is None:
            raise RuntimeError("Resolver.state() before finish()")
        papers = [(paper_id, _mention_count(x), paper_links) for (paper_id, _, paper_links), x
                  in zip(self.resumed, self.extractions, strict=False)]
        made = self.made
        at = 0
        for x in self.extractions[len(self.resumed):]:
            paper_links = []
            place = None
            while at < len(made) and made[at][0] == x.paper_id:
                _, role, root, found = made[at]
                if place is None:
                    place = {id(m.evidence): i for i, m in enumerate(x.mentions)}
                paper_links.append((role, root, tuple(place[id(e)] for e in found)))
                at += 1
            papers.append((x.paper_id, len(x.mentions), tuple(paper_links)))
        if at != len(made):
            raise RuntimeError("links out of paper order")
        counts = {root: len(found) + self.earlier_papers.get(root, 0)
                  for root, found in self.papers_of.items()}
        for root, count in self.earlier_papers.items():
            counts.setdefault(root, count)
        return (STATE_FORMAT, version,
                [(paper_id, key, mentions, paper_links)
                 for (paper_id, mentions, paper_links), key
                 in zip(papers, paper_keys, strict=True)],
                self.root_of, sorted(self.used),
                {key: sorted(meanings) for key, meanings in self.long_forms.items()},
                {root: dict(c) for root, c in self.labels.items()}, self.lexicon_label,
                {root: dict(c) for root, c in self.surfaces.items()}, counts,
                {root: dict(c) for root, c in self.types.items()}, sorted(self.families))

    @classmethod
    def resume(cls, state, extractions: list[Extraction], paper_keys: list[str],
               version: str) -> Resolver | None:
        """A resolver that has added ``extractions`` (each paper's content key in
        ``paper_keys``) by resuming ``state`` (of :meth:`state`), or None when it cannot
        give what resolving them all at once would (then resolve them all)."""
        try:
            (form, made_by, papers, root_of, used, long_forms, labels, lexicon_label,
             surfaces, counts, types, families) = state
        except (TypeError, ValueError):
            return None
        if form != STATE_FORMAT or made_by != version or len(papers) > len(extractions):
            return None
        resumed = []
        for (paper_id, key, mentions, paper_links), x, now in zip(papers, extractions,
                                                                 paper_keys, strict=False):
            # The same paper, the same text (so the same first pass), no mention gained
            # from a name a new paper brings to the corpus pass.
            if paper_id != x.paper_id or key != now or mentions != _mention_count(x):
                return None
            resumed.append((paper_id, mentions, paper_links))
        self = cls()
        self.groups.parent = dict(root_of)
        self.root_of = root_of
        self.used = set(used)
        self.long_forms = defaultdict(set, {key: set(m) for key, m in long_forms.items()})
        self.labels = defaultdict(Counter, {root: Counter(c) for root, c in labels.items()})
        self.lexicon_label = lexicon_label
        self.surfaces = defaultdict(Counter, {root: Counter(c) for root, c in surfaces.items()})
        self.earlier_papers = counts
        self.types = defaultdict(Counter, {root: Counter(c) for root, c in types.items()})
        self.families = set(families)
        self.extractions = list(extractions[:len(resumed)])
        self.resumed = resumed
        if not self.add(list(extractions[len(resumed):]), resuming=True):
            return None
        return self


# A version after a name: "OmniHuman-1", "ARMOR v0.1", "Quill 2.0".
_VERSION_TAIL = re.compile(r"^(.+?[A-Za-z])[\s-]?v?\d+(?:\.\d+)*$")


def _follow_definitions(x: Extraction, x_keys: list) -> list:
    """The keys of one paper's mentions, made consistent within the paper.

    The paper's own definition of a name decides what its other bare uses there are
    (the title's "LiT" follows the abstract's "Linear Diffusion Transformer (LiT)", not
    the lexicon's other LiT); a name written in the plural elsewhere in the paper
    ("Brainformers" in the title, "Brainformer" in the abstract) is the same name, and
    so is the bare name of the title's versioned own name.
    """
    defined = {}
    names = set()
    for m, key in zip(x.mentions, x_keys, strict=True):
        if m.type not in ("method", "dataset"):
            continue
        if key[0] != "lexicon":
            names.add(key)
        if m.evidence.rule.startswith("acronym") and not m.lexicon_id and key[0] != "lexicon":
            defined.setdefault((m.type, plain_key(m.label)), key)
    for key in names:
        if key[1].endswith("s") and (key[0], key[1][:-1]) in names:
            defined.setdefault(key, (key[0], key[1][:-1]))
    # "OmniHuman-1: ..." / "we propose OmniHuman": the title's versioned own name and the
    # bare name the abstract proposes are one system (a listed bare name stays apart: a
    # predecessor, "LLaDA" before "LLaDA2.1").
    proposed = {key for m, key in zip(x.mentions, x_keys, strict=True)
                if "proposed" in m.roles and key in names}
    for m, key in zip(x.mentions, x_keys, strict=True):
        if m.evidence.rule != "title-name" or key not in proposed:
            continue
        bare = _VERSION_TAIL.match(m.label)
        stem = (key[0], plain_key(bare.group(1))) if bare else None
        if stem is not None and stem != key and stem in proposed:
            defined.setdefault(stem, key)
    if not defined:
        return x_keys
    return [defined.get(key, key) if key[0] != "lexicon" else
            defined.get((m.type, plain_key(m.label)), key) if not m.lexicon_id else key
            for m, key in zip(x.mentions, x_keys, strict=True)]


def _evidence_order(e) -> tuple:
    """A link's evidence: the title's first, then by place in the text and rule."""
    return (e.field != "title", e.start, e.rule)


def _best_label(root, labels, lexicon_label) -> str:
    if root in lexicon_label:
        return lexicon_label[root]
    counts = labels[root]
    # Most frequent; ties go to the shorter name (the acronym), then alphabetical.
    return sorted(counts, key=lambda s: (-counts[s], len(s), s))[0]


def _dedupe_aliases(aliases: set[str], label: str) -> list[str]:
    seen = {label}
    result = []
    for alias in sorted(aliases, key=lambda a: (a.casefold(), a)):
        if alias not in seen:
            seen.add(alias)
            result.append(alias)
    return result
