"""Published IRIs never change: the registry of entity and paper ids a build has published.

A build directory keeps ``state/ids.json``. Each id published so far is stored with
the *keys* of what it named: for an entity, the keys of its group in resolution
(its lexicon entry, the normalised forms of its names); for a paper, its title key
and arXiv id. The next build over the same directory gives every group and paper
the id already published for one of its keys, so adding papers never renames:

- a group that holds keys of one published id keeps that id, even when its best
  label or its majority type changed (the label and type are data, the id is a name);
- two published entities that now are one group (a new paper defines one as the
  acronym of the other) keep the id published first; the other id stays in the
  export as ``owl:sameAs`` the kept one (``G.graph["same_as"]``);
- a published group that splits (an acronym several papers define differently)
  leaves its id to the part that holds the id's first key; the other parts get new ids;
- new groups get ids made from their labels, never one published before, so no id
  is ever reused for something else (the registry keeps every id it has seen).

A build without a registry (a new output directory) gives the same ids as plain
:func:`kg.resolve.resolve`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.errors import KgError
from kg.ingest.records import title_key
from kg.model import Paper
from kg.resolve import IdRequest, slug_id

__all__ = ["IdRegistry", "REGISTRY_FILE"]

REGISTRY_FILE = "ids.json"
FORMAT = 1


def _key_text(key: tuple[str, str]) -> str:
    return f"{key[0]}\t{key[1]}"


def _paper_keys(paper: Paper) -> list[str]:
    """The arXiv id first (it names the paper best), then the title key."""
    keys = [f"arxiv\t{paper.arxiv_id}"] if paper.arxiv_id else []
    return [*keys, f"title\t{title_key(paper.title)}"]


@dataclass
class _Published:
    keys: set[str]
    anchor: str  # the key it was first published for: decides who keeps it on a split
    seq: int  # publication order: on a merge the earliest id stays


@dataclass
class IdRegistry:
    """Ids published by earlier builds (empty for a new output directory)."""

    entities: dict[str, _Published] = field(default_factory=dict)
    papers: dict[str, _Published] = field(default_factory=dict)
    same_as: dict[str, str] = field(default_factory=dict)  # merged-away id -> kept id

    # ------------------------------------------------------------------ files

    @classmethod
    def load(cls, path: Path) -> IdRegistry:
        if not path.is_file():
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                raise ValueError(f"format {data.get('format')!r}")

            def table(rows):
                return {i: _Published(set(r["keys"]), r["anchor"], r["seq"])
                        for i, r in rows.items()}

            return cls(table(data["entities"]), table(data["papers"]), dict(data["same_as"]))
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
            raise KgError(f"{path}: unreadable id registry ({err}); the ids this build "
                          "published cannot be kept (move the directory away to start "
                          "afresh)") from None

    def to_json(self) -> str:
        def table(rows):
            return {i: {"keys": sorted(p.keys), "anchor": p.anchor, "seq": p.seq}
                    for i, p in sorted(rows.items())}

        return json.dumps({"format": FORMAT, "entities": table(self.entities),
                           "papers": table(self.papers),
                           "same_as": dict(sorted(self.same_as.items()))},
                          ensure_ascii=False, indent=0) + "\n"

    # ------------------------------------------------------------------ ids

    def _resolve_alias(self, entity_id: str) -> str:
        seen = set()
        while entity_id in self.same_as and entity_id not in seen:
            seen.add(entity_id)
            entity_id = self.same_as[entity_id]
        return entity_id

    def _assign(self, table: dict[str, _Published], requests: list[tuple[object, list[str], str]]
                ) -> dict:
        """requests: (request key, keys as text, default id) -> {request key: id}."""
        owners: dict[str, set[str]] = {}
        for entity_id, published in table.items():
            for key in published.keys:
                owners.setdefault(key, set()).add(entity_id)
        taken = set(table) | set(self.same_as)
        ids: dict = {}
        claimed: dict[str, object] = {}
        candidates: dict = {}
        for request, keys, _ in requests:
            found = {self._resolve_alias(i) for k in keys for i in owners.get(k, ())}
            candidates[request] = sorted((i for i in found if i in table),
                                         key=lambda i: (table[i].seq, i))
        # A published id goes to the group holding its first key, else to the first group
        # (in entity order) that holds any of its keys.
        for request, keys, _ in requests:
            keyset = set(keys)
            for entity_id in candidates[request]:
                if entity_id not in claimed and table[entity_id].anchor in keyset:
                    claimed[entity_id] = request
                    ids[request] = entity_id
                    break
        for request, _, _ in requests:
            if request in ids:
                continue
            for entity_id in candidates[request]:
                if entity_id not in claimed:
                    claimed[entity_id] = request
                    ids[request] = entity_id
                    break
        next_seq = max((p.seq for p in table.values()), default=-1) + 1
        for request, keys, default in requests:
            if request not in ids:
                ids[request] = default(taken | set(claimed)) if callable(default) else default
                claimed[ids[request]] = request
                table[ids[request]] = _Published(set(), keys[0] if keys else "", next_seq)
                next_seq += 1
            table[ids[request]].keys = set(keys)
        # Published ids that lost their group to another published id: same as that one.
        for request, _, _ in requests:
            for entity_id in candidates[request]:
                if claimed.get(entity_id) is not request and entity_id not in claimed:
                    self.same_as[entity_id] = ids[request]
        for old in list(self.same_as):
            self.same_as[old] = self._resolve_alias(old)
            if self.same_as[old] == old or old in claimed:
                del self.same_as[old]  # an id back in use names its own group again
        return ids

    def assign_entities(self, requests: list[IdRequest]) -> dict:
        """Entity ids for resolution's groups (``kg.resolve.resolve(assign_ids=...)``)."""
        rows = [(r.root, sorted({_key_text(k) for k in (r.root, *r.keys)},
                                key=lambda k: (k != _key_text(r.root), k)),
                 lambda taken, r=r: slug_id(r.kind, r.label, taken)) for r in requests]
        return self._assign(self.entities, rows)

    def assign_papers(self, papers: list[Paper]) -> list[Paper]:
        """The papers with the ids published for them before (new papers keep theirs).

        A paper is the published one with its arXiv id, else with its title when the
        published one has no other arXiv id; a new paper whose own id was published
        for another paper gets a suffix (``-2``, ...), so no id names two papers.
        """
        owners: dict[str, str] = {}
        for paper_id, published in sorted(self.papers.items(), key=lambda i: i[1].seq):
            for key in published.keys:
                owners.setdefault(key, paper_id)
        taken = set(self.papers) | set(self.same_as)
        claimed: set[str] = set()
        next_seq = max((p.seq for p in self.papers.values()), default=-1) + 1
        result = []
        for paper in papers:
            keys = _paper_keys(paper)
            found = None
            for key in keys:
                candidate = owners.get(key)
                if candidate is None or candidate in claimed:
                    continue
                other_arxiv = {k for k in self.papers[candidate].keys if k.startswith("arxiv\t")}
                if key.startswith("title\t") and other_arxiv and keys[0] not in other_arxiv:
                    continue  # the same title, another arXiv paper
                found = candidate
                break
            if found is None:
                found, suffix = paper.id, 2
                while found in taken or found in claimed:
                    found = f"{paper.id}-{suffix}"
                    suffix += 1
                self.papers[found] = _Published(set(), keys[0], next_seq)
                next_seq += 1
            claimed.add(found)
            self.papers[found].keys |= set(keys)
            result.append(paper if found == paper.id else replace(paper, id=found))
        return result

    def entity_same_as(self) -> dict[str, str]:
        return {old: new for old, new in self.same_as.items() if old in self.entities}

    def paper_same_as(self) -> dict[str, str]:
        return {old: new for old, new in self.same_as.items() if old in self.papers}
