"""BibTeX files: one paper per entry that has a title and an ``abstract`` field.

Entries, ``@string`` macros, ``@comment``/``@preamble`` blocks and the line of
every block come from bibtexparser 2; values joined with ``#`` (which
bibtexparser 2.1 leaves as written) are expanded here, with the ``@string``
macros and the month names; LaTeX (``{\\"o}``, ``{\\ss}``, ``$\\beta$``,
``\\emph{…}``, ``---``) becomes Unicode text with pylatexenc, citations and
labels are dropped.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from functools import lru_cache

from kg.errors import InputError
from kg.ingest.records import make_paper
from kg.model import Paper, Source

__all__ = ["parse_bibtex", "latex_to_text"]

_MONTHS = {m: name for m, name in zip(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    ("January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"), strict=True)}
# One part of a value: {braced}, "quoted" (braces inside may hold quotes), a number or a macro.
_PART = re.compile(r'\s*(?:(\{)|"((?:[^"{}\\]|\\.|\{[^{}]*\})*)"|(\d+)|([A-Za-z_][\w\-:.+/]*))\s*')
_ARXIV_ID = re.compile(r"^\d{4}\.\d{4,5}")


@lru_cache(maxsize=1)
def _decoder():
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

    context = get_default_latex_context_db()
    context.add_context_category("papers-kg", prepend=True, macros=[
        *(MacroTextSpec(name, simplify_repl="") for name in
          ("cite", "citep", "citet", "citeauthor", "citeyear", "ref", "eqref", "label",
           "footnote")),
        MacroTextSpec("LaTeX", simplify_repl="LaTeX"), MacroTextSpec("TeX", simplify_repl="TeX"),
    ])
    return LatexNodes2Text(latex_context=context, math_mode="text")


_LATEX_MARKS = re.compile(r"[\\{}$~]|--|``|''")


def _words(value: str) -> list[str]:
    """``value`` split at whitespace outside braces and ``$…$`` (so a group stays whole)."""
    words, start, depth, math = [], 0, 0, False
    for index, char in enumerate(value):
        if char == "\\" and index + 1 < len(value):
            continue
        if char == "{" and (index == 0 or value[index - 1] != "\\"):
            depth += 1
        elif char == "}" and (index == 0 or value[index - 1] != "\\"):
            depth = max(depth - 1, 0)
        elif char == "$" and (index == 0 or value[index - 1] != "\\"):
            math = not math
        elif char.isspace() and not depth and not math:
            if index > start:
                words.append(value[start:index])
            start = index + 1
    if start < len(value):
        words.append(value[start:])
    return words


def latex_to_text(value: str) -> str:
    r"""A BibTeX field's LaTeX as plain Unicode text.

    pylatexenc converts the runs of words that hold LaTeX (it is slow on long
    plain text, which is left as it is). Bare ``%`` and ``&`` are text here
    (abstracts are not typeset), never a comment or a table column.

    Examples
    --------
    >>> latex_to_text(r'{$\beta$-VAE \cite{x}} for G{\"o}del, {\ss}, {\o}, {\"\i}: 5% -- \emph{ok}')
    'β-VAE for Gödel, ß, ø, ï: 5% – ok'
    """
    out: list[str] = []
    run: list[str] = []
    for word in [*_words(value), None]:
        if word is not None and _LATEX_MARKS.search(word):
            run.append(word)
            continue
        if run:
            out.append(_decode(" ".join(run)))
            run = []
        if word is not None:
            out.append(word)
    return " ".join(" ".join(out).split())


@lru_cache(maxsize=8192)  # the same LaTeX words recur across entries (names, accents)
def _decode(latex: str) -> str:
    escaped = re.sub(r"(?<!\\)([%&])", r"\\\1", latex)
    try:
        return _decoder().latex_to_text(escaped)
    except Exception:  # noqa: BLE001 - pylatexenc is lenient; keep the raw text if it gives up
        return latex.replace("{", "").replace("}", "")


def _expand(raw: str, strings: dict[str, str]) -> str:
    """A raw field value with ``#`` joins, ``@string`` macros and month names resolved."""
    parts, position = [], 0
    while position < len(raw):
        match = _PART.match(raw, position)
        if not match:
            raise ValueError(f"cannot read the value near {raw[position:position + 20]!r}")
        if match.group(1):  # a braced part: up to its matching brace
            depth, index = 0, match.start(1)
            for index in range(match.start(1), len(raw)):
                depth += {"{": 1, "}": -1}.get(raw[index], 0)
                if depth == 0:
                    break
            if depth:
                raise ValueError("unbalanced braces in the value")
            parts.append(raw[match.start(1) + 1:index])
            position = index + 1
        else:
            quoted, number, macro = match.group(2, 3, 4)
            if quoted is not None:
                parts.append(quoted)
            elif number is not None:
                parts.append(number)
            else:
                parts.append(strings.get(macro.casefold(), _MONTHS.get(macro.casefold(), macro)))
            position = match.end()
        while position < len(raw) and raw[position].isspace():
            position += 1
        if position < len(raw):
            if raw[position] != "#":
                raise ValueError(f"expected '#' between parts of the value, found "
                                 f"{raw[position]!r}")
            position += 1
    return "".join(parts)


def _failure(block) -> str:
    error = getattr(block, "error", None)
    reason = getattr(error, "abort_reason", None) or str(error or "")
    return " ".join(reason.split()) or "cannot read this block"


def parse_bibtex(text: str, path: str) -> Iterator[Paper | InputError]:
    import bibtexparser
    from bibtexparser.model import DuplicateBlockKeyBlock, Entry

    log = logging.getLogger("bibtexparser.splitter")
    was_disabled, log.disabled = log.disabled, True  # its warnings become our InputErrors
    try:
        library = bibtexparser.parse_string(text, parse_stack=[])
    except Exception as err:  # noqa: BLE001 - a parser failure is this file's one-line error
        raise InputError(path, None, f"cannot read as BibTeX: {err}") from None
    finally:
        log.disabled = was_disabled
    strings: dict[str, str] = {}
    for string in library.strings:  # in file order: a macro may use the ones before it
        try:
            strings[string.key.casefold()] = _expand(string.value, strings)
        except ValueError:
            strings[string.key.casefold()] = string.value
    blocks: list = list(library.entries)
    for block in library.failed_blocks:
        kept = getattr(block, "ignore_error_block", None)
        # Two entries with one key are kept: merging decides whether they are one paper.
        blocks.append(kept if isinstance(block, DuplicateBlockKeyBlock)
                      and isinstance(kept, Entry) else block)
    for block in sorted(blocks, key=lambda b: b.start_line or 0):
        line = (block.start_line or 0) + 1
        if not isinstance(block, Entry):
            yield InputError(path, line, f"malformed BibTeX: {_failure(block)}")
            continue
        yield _paper_from_entry(block, strings, path, line)


def _paper_from_entry(entry, strings: dict[str, str], path: str, line: int
                      ) -> Paper | InputError:
    name = f"entry {entry.key!r}" if entry.key.strip() else "entry (no citation key)"
    raw = {field.key.casefold(): field.value for field in entry.fields}
    try:
        fields = {key: _expand(str(value), strings) for key, value in raw.items()}
    except ValueError as err:
        return InputError(path, line, f"malformed @{entry.entry_type} {name}: {err}")
    title = latex_to_text(fields.get("title", ""))
    abstract = latex_to_text(fields.get("abstract", ""))
    if not title:
        return InputError(path, line, f"{name} has no title")
    if not abstract:
        return InputError(path, line, f"{name} has no abstract field")
    authors = tuple(a for a in (latex_to_text(x) for x in
                                re.split(r"\s+and\s+", fields.get("author", ""))) if a)
    on_arxiv = "arxiv" in fields.get("archiveprefix", "arxiv").casefold()
    ident = fields.get("eprint", "").strip() if on_arxiv else ""
    return make_paper(
        title,
        abstract,
        Source(path, line),
        date=fields.get("date") or fields.get("year"),
        url=fields.get("url", "").strip() or None,
        arxiv_id=ident if _ARXIV_ID.match(ident) else None,
        authors=authors,
    )
