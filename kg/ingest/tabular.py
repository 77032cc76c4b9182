"""CSV (and TSV) files whose header names a title and an abstract column."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from kg.errors import InputError
from kg.ingest.jsonrecords import ABSTRACT_KEYS, TITLE_KEYS, paper_from_record
from kg.model import Paper


def parse_csv(text: str, path: str, delimiter: str = ",") -> Iterator[Paper | InputError]:
    # Lines end at \n, \r\n or \r only (not at U+2028 or U+0085 inside a field); strict
    # quoting makes an unterminated quote an error instead of one field to the end of file.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as err:
        raise InputError(path, 1, f"malformed CSV header: {err}") from None
    names = [h.strip().casefold() for h in header]
    for wanted, keys in (("title", TITLE_KEYS), ("abstract", ABSTRACT_KEYS)):
        if not any(k in names for k in keys):
            found = ", ".join(header)
            raise InputError(path, 1, f"CSV header has no {wanted} column (found: {found})")
    while True:
        started = reader.line_num + 1  # the first line of the next record
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            if "unexpected end of data" in str(err):
                raise InputError(path, started, "malformed CSV: a quoted field opened in the "
                                 "record starting on this line is never closed (everything "
                                 "after it would be one field)") from None
            yield InputError(path, started, f"malformed CSV: {err}")
            continue
        if not any(cell.strip() for cell in row):
            continue
        # csv reports the last physical line of a record; a quoted abstract may span several.
        line = reader.line_num
        if len(row) != len(names):
            yield InputError(path, line, f"expected {len(names)} columns, found {len(row)}")
            continue
        yield paper_from_record(dict(zip(names, row, strict=True)), path, line)
