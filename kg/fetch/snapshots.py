"""Raw snapshots on disk: one file per request, never rewritten.

Layout under ``--into DIR`` (every name sorts in fetch order)::

    DIR/hf/2026-11-30/20261201T060012Z.p0001.json       one page of a day's listing
    DIR/arxiv/cs.CL/2026-11-30/20261201T060015Z.p0001.atom
    DIR/arxiv/query-diffusion-models-1a2b3c4d/any-date/20261201T060018Z.p0001.atom
    DIR/arxiv/ids/20261201T060021Z-5e6f7a8b.p0001.atom  one batch of --id

A *unit* (one source day, one query, one id batch) is fetched by *runs*; a run
is named by the UTC time it started and holds one file per page. Files are
written under a hidden temporary name and linked into place, so a reader never
sees half a file and an existing snapshot is never replaced; an interrupted run
is resumed by the next one from its last complete page. Hidden files (``.*``)
are skipped by the readers, so the temporary files and the lock stay out of builds.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kg.errors import FetchError

__all__ = ["Run", "runs_in", "write_snapshot", "stamp", "parse_stamp", "fetch_lock"]

_PAGE = re.compile(r"^(?P<run>\d{8}T\d{6}Z(?:-[0-9a-f]{8})?)\.p(?P<page>\d{4})\.(?P<ext>\w+)$")
LOCK_NAME = ".kg-fetch.lock"


def stamp(when: datetime) -> str:
    """``20261201T060012Z``: a UTC time that sorts as text and is safe in file names."""
    return when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def parse_stamp(text: str) -> datetime:
    return datetime.strptime(text[:16], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


@dataclass
class Run:
    """One run of a unit: its name (start stamp, maybe a batch tag) and its pages in order."""

    name: str
    pages: list[Path]

    @property
    def started(self) -> datetime:
        return parse_stamp(self.name)


def runs_in(folder: Path, extension: str) -> list[Run]:
    """The runs found in a unit's folder, oldest first; pages of each run in page order."""
    runs: dict[str, list[tuple[int, Path]]] = {}
    if folder.is_dir():
        for path in folder.iterdir():
            match = _PAGE.match(path.name)
            if match and match["ext"] == extension:
                runs.setdefault(match["run"], []).append((int(match["page"]), path))
    return [Run(name, [p for _, p in sorted(pages)]) for name, pages in sorted(runs.items())]


def page_path(folder: Path, run: str, page: int, extension: str) -> Path:
    return folder / f"{run}.p{page:04d}.{extension}"


def write_snapshot(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; refuse to replace an existing file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.link(temporary, path)  # fails instead of replacing a snapshot already there
    except FileExistsError:
        raise FetchError(f"{path}: a snapshot with this name exists already; "
                         "snapshots are never rewritten") from None
    except OSError as err:
        raise FetchError(f"{path}: cannot write the snapshot: {err.strerror or err}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


@contextlib.contextmanager
def fetch_lock(into: Path) -> Iterator[None]:
    """Hold ``DIR/.kg-fetch.lock`` so two fetches never write into one directory at once;
    leftover temporary files of an interrupted fetch are removed once the lock is ours."""
    try:
        into.mkdir(parents=True, exist_ok=True)
        handle = open(into / LOCK_NAME, "a+")  # noqa: SIM115 (held for the whole block)
    except OSError as err:
        raise FetchError(f"{into}: cannot use as the snapshot directory: "
                         f"{err.strerror or err}") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise FetchError(f"{into}: another kg fetch is writing into this directory; "
                             "wait for it to finish") from None
        for leftover in into.rglob(".*.tmp-*"):
            with contextlib.suppress(OSError):
                leftover.unlink()
        yield
