"""Readers: files and directories in, de-duplicated `Paper` records out.

Each format module has a pure ``parse_*`` over text; this module does the thin
I/O around them: reading bytes, detecting the format, decoding, and merging the
same paper listed in several files.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.errors import InputError
from kg.ingest.atom import parse_atom
from kg.ingest.bibtex import parse_bibtex
from kg.ingest.jsonrecords import parse_json_array, parse_jsonl
from kg.ingest.listing import parse_listing
from kg.ingest.records import paper_id, title_key
from kg.ingest.tabular import parse_csv
from kg.model import Paper

__all__ = ["FORMATS", "IngestReport", "detect_format", "merge_papers", "read_papers", "read_file"]


def _tsv(text: str, path: str):
    return parse_csv(text, path, delimiter="\t")


# format name -> (parser over the decoded text, file extensions)
FORMATS: dict[str, tuple[Callable[[str, str], Iterable[Paper | InputError]], tuple[str, ...]]] = {
    "listing": (lambda text, path: parse_listing(text.splitlines(), path), (".txt",)),
    "jsonl": (lambda text, path: parse_jsonl(text.splitlines(), path), (".jsonl", ".ndjson")),
    "json": (parse_json_array, (".json",)),
    "csv": (parse_csv, (".csv",)),
    "tsv": (_tsv, (".tsv",)),
    "atom": (parse_atom, (".atom", ".xml")),
    "bibtex": (parse_bibtex, (".bib", ".bibtex")),
}
_BY_EXTENSION = {ext: name for name, (_, exts) in FORMATS.items() for ext in exts}


@dataclass
class IngestReport:
    """What reading the inputs gave: unique papers, and what was skipped or merged."""

    papers: list[Paper] = field(default_factory=list)
    records: int = 0  # paper records read, before merging duplicates
    files: int = 0
    skipped: list[InputError] = field(default_factory=list)
    ignored_files: list[str] = field(default_factory=list)  # unknown formats inside directories

    @property
    def duplicates(self) -> int:
        return self.records - len(self.papers)


def detect_format(path: str | Path, text: str) -> str:
    """By extension first, then by the first non-blank character of the content."""
    suffix = Path(path).suffix.casefold()
    if suffix == ".json" and text.lstrip().startswith("{"):
        return "jsonl"  # JSON Lines saved with a .json extension
    if suffix in _BY_EXTENSION:
        return _BY_EXTENSION[suffix]
    head = text.lstrip()[:200]
    if head.startswith("<"):
        return "atom"
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("@"):
        return "bibtex"
    return "listing"


def decode(path: str, data: bytes) -> str:
    """UTF-8 text, or an `InputError` naming the line of the first bad byte."""
    nul = data.find(b"\x00", 0, 8192)
    if nul != -1:
        raise InputError(path, data.count(b"\n", 0, nul) + 1, "binary file, not a text format")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise InputError(path, line, f"not UTF-8 text (byte 0x{data[err.start]:02x})") from None


def read_file(path: str | Path, fmt: str | None = None) -> Iterator[Paper | InputError]:
    """Yield the records of one file; errors that spoil the whole file are raised."""
    path = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise InputError(path, None, f"cannot read: {err.strerror or err}") from None
    text = decode(path, data)
    parse, _ = FORMATS[fmt or detect_format(path, text)]
    yield from parse(text, path)


def iter_input_files(inputs: Iterable[str | Path], ignored: list[str]) -> Iterator[Path]:
    """Files as given, and files of known formats under directories (recursively, sorted)."""
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    child = Path(root) / name
                    if child.suffix.casefold() in _BY_EXTENSION:
                        yield child
                    else:
                        ignored.append(str(child))
        elif path.exists():
            yield path
        else:
            raise InputError(str(path), None, "no such file or directory")


def read_papers(
    inputs: Iterable[str | Path],
    *,
    skip_bad: bool = False,
    fmt: str | None = None,
    on_file: Callable[[Path], None] | None = None,
    reader: Callable[[Path, str | None], Iterable[Paper | InputError]] | None = None,
) -> IngestReport:
    """Read every input into unique papers.

    With ``skip_bad`` a bad record (or an unreadable file) is counted in
    ``report.skipped`` and reading goes on; without it the first one is raised.
    ``reader`` replaces :func:`read_file` (a build reuses what it read before).
    """
    report = IngestReport()
    papers: list[Paper] = []
    for path in iter_input_files(inputs, report.ignored_files):
        report.files += 1
        if on_file:
            on_file(path)
        try:
            for record in (reader or read_file)(path, fmt):
                if isinstance(record, InputError):
                    if not skip_bad:
                        raise record
                    report.skipped.append(record)
                else:
                    papers.append(record)
                    report.records += 1
        except InputError as err:
            if not skip_bad:
                raise
            report.skipped.append(err)
    report.papers = merge_papers(papers)
    return report


def merge_papers(papers: Iterable[Paper]) -> list[Paper]:
    """One paper per arXiv id or normalised title, keeping every source, in first-seen order."""
    groups: list[list[Paper]] = []
    by_key: dict[str, int] = {}
    for paper in papers:
        keys = [f"title:{title_key(paper.title)}"]
        if paper.arxiv_id:
            keys.append(f"arxiv:{paper.arxiv_id}")
        found = sorted({by_key[k] for k in keys if k in by_key})
        if not found:
            index = len(groups)
            groups.append([paper])
        else:
            index = found[0]
            groups[index].append(paper)
            for other in found[1:]:  # this paper joins two groups seen apart so far
                groups[index].extend(groups[other])
                groups[other] = []
                for key, value in by_key.items():
                    if value == other:
                        by_key[key] = index
        for key in keys:
            by_key[key] = index
    return [_merge_group(group) for group in groups if group]


def _merge_group(group: list[Paper]) -> Paper:
    first = group[0]
    if len(group) == 1:
        return first

    def pick(attr: str):
        return next((getattr(p, attr) for p in group if getattr(p, attr)), getattr(first, attr))

    arxiv_id = pick("arxiv_id")
    abstract = max((p.abstract for p in group), key=len)
    return replace(
        first,
        id=paper_id(first.title, arxiv_id),
        abstract=abstract,
        date=pick("date"),
        arxiv_id=arxiv_id,
        urls=tuple(dict.fromkeys(u for p in group for u in p.urls)),
        authors=pick("authors"),
        sources=tuple(dict.fromkeys(s for p in group for s in p.sources)),
    )
