"""Readers: files and directories in, de-duplicated `Paper` records out.

Each format module has a pure ``parse_*`` over text; this module does the thin
I/O around them: reading bytes, detecting the format, decoding, and merging the
same paper listed in several files.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.errors import InputError
from kg.ingest.atom import parse_atom
from kg.ingest.bibtex import parse_bibtex
from kg.ingest.jsonrecords import parse_json_array, parse_jsonl
from kg.ingest.listing import parse_listing
from kg.ingest.records import is_valid_date, paper_id, title_key
from kg.ingest.tabular import parse_csv
from kg.model import Paper

__all__ = ["FORMATS", "IngestReport", "detect_format", "merge_papers", "read_papers", "read_file",
           "require_papers", "split_lines", "MAX_FILE_BYTES", "MAX_TITLE_CHARS",
           "MAX_ABSTRACT_CHARS"]

# Bounds that no real listing reaches; past them the input is not what it claims to be.
MAX_FILE_BYTES = 512 * 2**20
MAX_TITLE_CHARS = 2_000
MAX_ABSTRACT_CHARS = 100_000  # abstracts run to a few thousand; spaCy refuses 1,000,000
_SURROGATE = re.compile("[\ud800-\udfff]")


def split_lines(text: str) -> list[str]:
    r"""Lines split on ``\n`` (and ``\r\n``) only: U+2028, U+0085 and form feeds stay inside.

    Examples
    --------
    >>> split_lines("a\u2028b\r\nc\x85d\n")
    ['a\u2028b', 'c\x85d']
    """
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def _tsv(text: str, path: str):
    return parse_csv(text, path, delimiter="\t")


# format name -> (parser over the decoded text, file extensions)
FORMATS: dict[str, tuple[Callable[[str, str], Iterable[Paper | InputError]], tuple[str, ...]]] = {
    "listing": (lambda text, path: parse_listing(split_lines(text), path), (".txt",)),
    "jsonl": (lambda text, path: parse_jsonl(split_lines(text), path), (".jsonl", ".ndjson")),
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
    warnings: list[InputError] = field(default_factory=list)  # kept records, a value dropped

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
    nul = data.find(b"\x00")
    if nul != -1:
        raise InputError(path, data.count(b"\n", 0, nul) + 1,
                         "binary file, not a text format (NUL byte)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise InputError(path, line, f"not UTF-8 text (byte 0x{data[err.start]:02x})") from None


def read_bytes(path: str) -> bytes:
    """The bytes of a regular file of at most ``MAX_FILE_BYTES``, or a one-line `InputError`."""
    try:
        info = os.stat(path)
    except OSError as err:
        raise InputError(path, None, f"cannot read: {err.strerror or err}") from None
    if not stat.S_ISREG(info.st_mode):
        kind = ("a directory" if stat.S_ISDIR(info.st_mode) else
                "a FIFO" if stat.S_ISFIFO(info.st_mode) else
                "a socket" if stat.S_ISSOCK(info.st_mode) else "a device")
        raise InputError(path, None, f"not a regular file ({kind}); give files or directories")
    if info.st_size > MAX_FILE_BYTES:
        raise InputError(path, None, f"file too large ({info.st_size:,} bytes; at most "
                         f"{MAX_FILE_BYTES:,}); split it into several files")
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)  # a file growing while read stops here
    except OSError as err:
        raise InputError(path, None, f"cannot read: {err.strerror or err}") from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError(path, None, f"file too large (more than {MAX_FILE_BYTES:,} bytes)")
    return data


def read_file(path: str | Path, fmt: str | None = None) -> Iterator[Paper | InputError]:
    """Yield the records of one file; errors that spoil the whole file are raised.

    A file that holds no paper record at all (empty, blank, a header or page
    chrome only) is an error too, whatever its format.
    """
    path = str(path)
    text = decode(path, read_bytes(path))
    parse, _ = FORMATS[fmt or detect_format(path, text)]
    found = 0
    try:
        for record in parse(text, path):
            found += 1
            yield record
    except RecursionError:
        raise InputError(path, None, "nested too deeply to read (JSON or XML nesting of "
                         "thousands of levels)") from None
    if not found:
        raise InputError(path, None, "holds no paper records (empty, or only headers or page "
                         "chrome)")


def vet_paper(paper: Paper) -> tuple[Paper | InputError, InputError | None]:
    """Check one record: sizes and valid Unicode (else it is a bad record) and a real date
    (else the date is dropped, with a warning)."""
    source = paper.sources[0] if paper.sources else None
    where = (source.file, source.line) if source else ("<input>", None)
    if len(paper.title) > MAX_TITLE_CHARS:
        return InputError(*where, f"title too long ({len(paper.title):,} characters; at most "
                          f"{MAX_TITLE_CHARS:,})"), None
    if len(paper.abstract) > MAX_ABSTRACT_CHARS:
        return InputError(*where, f"abstract too long ({len(paper.abstract):,} characters; "
                          f"at most {MAX_ABSTRACT_CHARS:,})"), None
    texts = (paper.title, paper.abstract, paper.date or "", paper.arxiv_id or "", *paper.urls,
             *paper.authors)
    if bad := next((m for t in texts if (m := _SURROGATE.search(t))), None):
        return InputError(*where, f"text holds a lone surrogate ({ascii(bad.group())[1:-1]}), "
                          "which is not valid Unicode"), None
    if paper.date and not is_valid_date(paper.date):
        warning = InputError(*where, f"date {paper.date[:40]!r} is not a valid date; dropped")
        return replace(paper, date=None), warning
    return paper, None


def iter_input_files(inputs: Iterable[str | Path], ignored: list[str]) -> Iterator[Path]:
    """Every input file once, in sorted order whatever the order given: files as given, and
    files of known formats under directories (recursively; hidden ones skipped)."""
    found: dict[str, Path] = {}
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
                        found.setdefault(os.path.realpath(child), child)
                    else:
                        ignored.append(str(child))
        elif path.exists() or path.is_symlink():
            found.setdefault(os.path.realpath(path), path)
        else:
            raise InputError(str(path), None, "no such file or directory")
    # The same set of inputs in any order gives the same papers, merges and outputs.
    yield from (found[key] for key in sorted(found))


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
    A value that cannot be kept (an invalid date) is dropped and listed in
    ``report.warnings``. ``reader`` replaces :func:`read_file` (a build reuses what it
    read before).
    """
    inputs = list(inputs)
    report = IngestReport()
    papers: list[Paper] = []
    for path in iter_input_files(inputs, report.ignored_files):
        report.files += 1
        if on_file:
            on_file(path)
        try:
            for record in (reader or read_file)(path, fmt):
                if isinstance(record, Paper):
                    record, warning = vet_paper(record)
                    if warning:
                        report.warnings.append(warning)
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


def require_papers(report: IngestReport, inputs: Iterable[str | Path]) -> IngestReport:
    """``report`` if it holds papers; else the one-line error that says why there are none."""
    if report.papers:
        return report
    why = (f"every record or file was skipped ({len(report.skipped)})" if report.skipped
           else "no input file of a known format, or no record in any")
    raise InputError(" ".join(map(str, inputs))[:200], None, f"no papers to build from: {why}")


def merge_papers(papers: Iterable[Paper]) -> list[Paper]:
    """One paper per arXiv id or normalised title, keeping every source, in first-seen order.

    A title joins records only when their arXiv ids do not differ: two papers
    with the same title and different ids stay two papers.
    """
    groups: list[list[Paper]] = []
    ids: list[str | None] = []  # each group's arXiv id, once one of its records has one
    by_arxiv: dict[str, int] = {}
    by_title: dict[str, list[int]] = {}
    for paper in papers:
        key = title_key(paper.title)
        index = by_arxiv.get(paper.arxiv_id) if paper.arxiv_id else None
        same_title = [g for g in by_title.get(key, ()) if groups[g]
                      and (ids[g] is None or paper.arxiv_id is None or ids[g] == paper.arxiv_id)]
        if index is None and same_title:
            index = same_title[0]
        if index is None:
            index = len(groups)
            groups.append([])
            ids.append(None)
        groups[index].append(paper)
        ids[index] = ids[index] or paper.arxiv_id
        if paper.arxiv_id:
            by_arxiv.setdefault(paper.arxiv_id, index)
            for other in same_title:  # an id-less group of the same title is this paper too
                if other != index and ids[other] is None:
                    groups[index].extend(groups[other])
                    groups[other] = []
        if index not in by_title.setdefault(key, []):
            by_title[key].append(index)
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
