"""Lexicons as data: named methods, families, datasets, negatives and modality cues.

The files live in ``schemas/lexicons/`` (one JSON object per line); see the
README there for each file's schema.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.errors import KgError
from kg.resources import schema_path

__all__ = ["LexiconEntry", "load_lexicon", "load_jsonl", "name_key"]


@dataclass(frozen=True)
class LexiconEntry:
    label: str
    type: str  # method | dataset | modality | negative
    aliases: tuple[str, ...] = ()
    family: bool = False
    ambiguous: bool = False  # only matched in its exact case
    kind: str | None = None  # for negatives: metric, task, organisation, ...

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


def name_key(name: str) -> str:
    """Case-, hyphen- and space-insensitive key used to compare names."""
    return re.sub(r"[\W_]+", "", name.casefold())


def load_jsonl(path: Path) -> list[dict]:
    records = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as err:
                    raise KgError(f"{path}:{number}: malformed lexicon line: {err.msg}") from None
    return records


_FILES = (
    ("methods.jsonl", "method", False),
    ("families.jsonl", "method", True),
    ("datasets.jsonl", "dataset", False),
    ("negatives.jsonl", "negative", False),
)


@cache
def load_lexicon() -> tuple[LexiconEntry, ...]:
    """Every named entry of the shipped lexicons (modality cues are loaded separately)."""
    entries = []
    for filename, entry_type, family in _FILES:
        path = schema_path("lexicons", filename)
        if not path.exists():
            continue
        for record in load_jsonl(path):
            entries.append(LexiconEntry(
                label=record["label"],
                type=entry_type,
                aliases=tuple(a for a in record.get("aliases", ()) if a),
                family=family,
                ambiguous=bool(record.get("ambiguous")),
                kind=record.get("kind"),
            ))
    return tuple(entries)
