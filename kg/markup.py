"""LaTeX and HTML markup in titles and abstracts, read as plain Unicode text.

Abstracts copied from arXiv keep their authors' LaTeX (``PixArt-{\\alpha}``,
``\\textit{DiffuseKronA}``, ``$256\\times 256$``, ``M{\\"u}ller``, ``20\\%``) and
web listings carry HTML entities and tags (``&amp;``, ``<i>…</i>``).
:func:`clean_markup` turns such a text into what a reader sees (``PixArt-δ``,
``DiffuseKronA``, ``256× 256``, ``Müller``, ``20%``) and keeps, for every
character of the clean text, the span of the raw text it came from: the extractor
reads the clean text, and every offset it reports is mapped back
(:meth:`CleanText.raw_span`), so evidence stays an exact slice of the stored field.

Only constructs that are unmistakably markup are converted: a lone ``$`` (money),
``%``, ``&``, ``^`` or ``_`` stays as written, and so does a macro pylatexenc does
not know (an author's own ``\\ModelName``). The LaTeX itself is converted by
pylatexenc, one small region at a time; text without markup costs one regex search.

>>> clean = clean_markup(r"We extend PixArt-{\\alpha} by 20\\%.")
>>> clean.text
'We extend PixArt-α by 20%.'
>>> start, end = clean.raw_span(10, 18)   # "PixArt-α" in the clean text
>>> clean.raw[start:end]
'PixArt-{\\\\alpha}'
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache, lru_cache

__all__ = ["CleanText", "clean_markup", "has_markup"]

# Cheap check: without one of these characters a text has no markup we convert.
_MAYBE_MARKUP = re.compile(r"[\\$&<{~]")
# An operator macro that lost its backslash on the way: "256\times 256" as "2.4times",
# "ART$\cdot$V" as "ARTcdotV" (arXiv strips the "$\" of math in many abstracts).
# The words to look for before the regex (ddagger and otimes hold dagger and times).
_LOST_WORDS = ("cdot", "times", "star", "dagger", "bullet", "circ", "oplus")
_LOST_OPERATORS = r"(?:cdot|times|star|dagger|ddagger|bullet|circ|oplus|otimes)"
_LOST_TIMES = re.compile(r"\dtimes\b|[A-Z0-9]" + _LOST_OPERATORS + r"[A-Z0-9]")

_BRACED = r"\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}"  # balanced, three levels deep
_REGION = re.compile(
    r"(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    # Formatting tags only: "<EOS>" or "<TRK>" in an abstract are tokens it talks about.
    # Attributes need "=" so that "a<b and c>d" is no tag.
    r"|(?P<tag></?(?:a|b|i|u|em|strong|sup|sub|small|big|code|tt|span|font|br|p|div)"
    r"(?:\s+[\w:-]+=(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s<>\"']+)){0,8}\s*/?>)"
    r"|(?P<latex>\\\(.{1,200}?\\\)|\\\[.{1,200}?\\\]"
    # Inline math is written tight ("$\alpha$", "$256\times 256$"); "$5 and $10" is money.
    r"|\$(?=[^\s$])[^$]{1,80}?(?<=[^\s$\\])\$"
    r"|" + _BRACED +
    # A text-mode symbol eats the space after it, as in TeX ("\textmu P" is "µP").
    r"|\\text[a-z]+ (?=[^\s{])"
    # A macro, its braced arguments, and a stray "$" glued after it ("\alpha$ will").
    r"|\\[A-Za-z]+\*?(?:" + _BRACED + r")*(?:\$(?![^\s.,;:!?)]))?"
    r"|\\['\"^`~=.](?:\{[A-Za-z]?\}|[A-Za-z])|\\[%$&_#{}]|\\[,;:! ]|\\\\)"
    # "Audio~3", "Difference~(TD)": a tie is a space; "~50%" and "Large~sd3" (a lost
    # citation key) stay.
    r"|(?P<tie>(?<=[\w.])~(?=[A-Z0-9(\\]))"
    # "256\times 256" that lost its backslash on the way ("2.4times faster").
    r"|(?P<times>(?<=\d)times\b)"
    # "ARTcdotV": between capitals or digits, a lost operator reads as its symbol ("ART·V").
    r"|(?P<lost>(?<=[A-Z0-9])" + _LOST_OPERATORS + r"(?=[A-Z0-9]))",
    re.S,
)
_BLOCK_TAGS = ("br", "p", "div")
_MATH = re.compile(r"[\\^_{]")
_SPACE = re.compile(r"\s")
_COMMENT = "\ue000"  # stands in for "%" while pylatexenc reads a region (not a comment here)


def has_markup(raw: str) -> bool:
    """True when ``raw`` may hold markup (the cheap check; :func:`clean_markup` decides)."""
    # Substring tests first: the regex costs ~5x more and almost no text holds one.
    return _MAYBE_MARKUP.search(raw) is not None or (
        any(word in raw for word in _LOST_WORDS) and _LOST_TIMES.search(raw) is not None)


@dataclass(frozen=True)
class CleanText:
    """A text without markup and the raw text it was read from.

    ``segments`` maps the clean text back, as ``(clean_start, clean_end, raw_start,
    raw_end, copied)`` runs in order: a copied run maps character to character; any
    other run came from ``raw[raw_start:raw_end]`` as a whole (``\\alpha`` → ``α``).
    ``groups`` are ``(clean_start, clean_end, raw_start, raw_end)`` of the braces, math
    and formatting macros around text (``{\\alpha}``, ``\\textit{Name}``): a span that
    covers a group's whole text maps to the group with its delimiters.
    Without markup, ``text`` is ``raw`` and both are empty.
    """

    raw: str
    text: str
    segments: tuple[tuple[int, int, int, int, bool], ...] = ()
    groups: tuple[tuple[int, int, int, int], ...] = ()
    _starts: tuple[int, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "_starts", tuple(s[0] for s in self.segments))

    @property
    def unchanged(self) -> bool:
        """True when the text had no markup (the map is the identity)."""
        return not self.segments and self.text == self.raw

    def _segment(self, index: int) -> tuple[int, int, int, int, bool]:
        return self.segments[bisect_right(self._starts, index) - 1]

    def raw_start(self, index: int) -> int:
        """Raw offset where clean character ``index`` begins (``len(raw)`` at the end)."""
        if self.unchanged:
            return index
        if index >= len(self.text):
            return len(self.raw)
        c_start, _, r_start, _, copied = self._segment(index)
        return r_start + (index - c_start) if copied else r_start

    def raw_end(self, index: int) -> int:
        """Raw offset just after clean character ``index``."""
        if self.unchanged:
            return index + 1
        c_start, _, r_start, r_end, copied = self._segment(index)
        return r_start + (index - c_start) + 1 if copied else r_end

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw ``(start, end)`` that clean ``text[start:end]`` was read from."""
        if self.unchanged:
            return start, end
        if end <= start:
            point = self.raw_start(start)
            return point, point
        raw_start, raw_end = self.raw_start(start), self.raw_end(end - 1)
        for c_start, c_end, r_start, r_end in self.groups:
            if start <= c_start and c_end <= end:  # the whole group: with its delimiters
                raw_start, raw_end = min(raw_start, r_start), max(raw_end, r_end)
        return raw_start, raw_end

    def clean_span(self, raw_start: int, raw_end: int) -> tuple[int, int]:
        """The clean characters read from inside ``raw[raw_start:raw_end]``."""
        if self.unchanged:
            return raw_start, raw_end
        n = len(self.text)
        lo, hi = 0, n  # first clean character starting at or after raw_start
        while lo < hi:
            mid = (lo + hi) // 2
            if self.raw_start(mid) < raw_start:
                lo = mid + 1
            else:
                hi = mid
        first, hi = lo, n  # first clean character ending after raw_end
        while lo < hi:
            mid = (lo + hi) // 2
            if self.raw_end(mid) <= raw_end:
                lo = mid + 1
            else:
                hi = mid
        return first, max(first, lo)


def clean_markup(raw: str) -> CleanText:
    """The clean text of ``raw`` with its map back to ``raw`` (see the module docstring).

    >>> clean_markup("plain text").segments
    ()
    >>> clean_markup(r"We introduce \\textit{DiffuseKronA}, an adapter.").text
    'We introduce DiffuseKronA, an adapter.'
    >>> clean_markup("R&amp;D on Q&amp;A, 20% off, $5 and $10").text
    'R&D on Q&A, 20% off, $5 and $10'
    """
    if not has_markup(raw):
        return CleanText(raw, raw)
    parts: list[str] = []
    segments: list[tuple[int, int, int, int, bool]] = []
    groups: list[tuple[int, int, int, int]] = []
    done = 0  # raw text before this offset is converted
    length = 0  # of the clean text so far
    changed = False
    for m in _REGION.finditer(raw):
        region = _convert(m)
        if region is None:
            continue
        changed = True
        base = m.start()
        if base > done:  # the plain text before the region, character for character
            parts.append(raw[done:base])
            segments.append((length, length + base - done, done, base, True))
            length += base - done
        pieces, region_groups = region
        groups.extend((length + first, length + last, base + start, base + end)
                      for first, last, start, end in region_groups)
        for char, start, end in pieces:
            parts.append(char)
            start, end = base + start, base + end
            last = segments[-1] if segments else None
            if last and not last[4] and (last[2], last[3]) == (start, end):
                segments[-1] = (last[0], length + 1, start, end, False)  # "\ldots" -> "..."
            elif last and last[4] and end == start + 1 and start == last[3]:
                segments[-1] = (last[0], length + 1, last[2], end, True)
            else:
                segments.append((length, length + 1, start, end, end == start + 1))
            length += 1
        done = m.end()
    if not changed:
        return CleanText(raw, raw)
    if done < len(raw):
        parts.append(raw[done:])
        segments.append((length, length + len(raw) - done, done, len(raw), True))
    return CleanText(raw, "".join(parts), tuple(segments), tuple(groups))


# A region's text: (clean character, raw start, raw end) each, and its groups
# (first character, end character, raw start, raw end); offsets within the region.
Region = tuple[tuple[tuple[str, int, int], ...], tuple[tuple[int, int, int, int], ...]]


def _convert(m: re.Match) -> Region | None:
    """What one markup region reads as, or None when it is not markup after all."""
    text = m.group()
    if m.group("entity"):
        plain = _SPACE.sub(" ", html.unescape(text))  # "&nbsp;" is a space
        return None if plain == text else (tuple((c, 0, len(text)) for c in plain), ())
    if m.group("tag"):
        name = re.match(r"</?([A-Za-z]+)", text).group(1).lower()
        return (((" ", 0, len(text)),) if name in _BLOCK_TAGS else (), ())
    if m.group("tie"):
        return (((" ", 0, 1),), ())
    if m.group("times"):
        return ((("×", 0, len(text)),), ())
    if m.group("lost"):
        symbol = _pylatexenc()[1].latex_to_text("\\" + text)  # as pylatexenc reads "\\cdot"
        return tuple((c, 0, len(text)) for c in symbol), ()
    if text.startswith("{") and "\\" not in text and not _glued(m):
        return None  # "{True, False}": a set the authors meant to show
    if text.startswith("$") and text[1].isdigit() and not _MATH.search(text):
        return None  # "$1M-$": money, not math
    return _latex(text)


def _glued(m: re.Match) -> bool:
    """``1{,}400``: a brace group inside a word is TeX grouping, not a set."""
    raw, start, end = m.string, m.start(), m.end()
    return (0 < start and end < len(raw) and (raw[start - 1].isalnum() or raw[start - 1] == "-")
            and (raw[end].isalnum() or raw[end] == "-") and end - start <= 14
            and not _SPACE.search(m.group()))


class _Output:
    """The characters a region reads as, each with its raw span, and its groups."""

    def __init__(self, to_text):
        self.to_text = to_text
        self.chars: list[tuple[str, int, int]] = []
        self.groups: list[tuple[int, int, int, int]] = []

    def copy(self, text: str, start: int) -> None:
        self.chars.extend((c, start + i, start + i + 1) for i, c in enumerate(text))

    def block(self, text: str, start: int, end: int) -> None:
        self.chars.extend((c, start, end) for c in _SPACE.sub(" ", text))

    def group(self, first: int, start: int, end: int) -> None:
        if len(self.chars) > first:
            self.groups.append((first, len(self.chars), start, end))


@lru_cache(maxsize=4096)
def _latex(region: str) -> Region:
    """One LaTeX region through pylatexenc, each output character with its raw span.

    Text inside groups, math and formatting macros keeps its own characters
    (``\\textit{Diffuse KronA}``: a name inside maps to its letters); a symbol
    maps to its whole macro.
    """
    from pylatexenc.latexwalker import LatexWalker, LatexWalkerError

    walker_context, to_text = _pylatexenc()
    source = re.sub(r"(?<!\\)%", _COMMENT, region)
    out = _Output(to_text)
    try:
        walker = LatexWalker(source, latex_context=walker_context, tolerant_parsing=True)
        nodes, _, _ = walker.get_latex_nodes()
    except LatexWalkerError:
        out.copy(region, 0)
        return tuple(out.chars), ()
    _emit_all(nodes, out)
    chars = tuple((c.replace(_COMMENT, "%"), s, e) for c, s, e in out.chars)
    return chars, tuple(out.groups)


def _emit_all(nodes, out: _Output) -> None:
    from pylatexenc.latexwalker import LatexGroupNode, LatexMacroNode

    nodes = [n for n in nodes if n is not None]
    skip = False
    for node, after in zip(nodes, [*nodes[1:], None], strict=False):
        if skip:
            skip = False
            continue
        if (isinstance(node, LatexMacroNode) and isinstance(after, LatexGroupNode)
                and not node.macro_post_space and not _args(node) and not _known(node, out)):
            # \boldsymbol{x}: a macro nobody knows, with a group after it, formats the group.
            first = len(out.chars)
            _emit_all(after.nodelist, out)
            out.group(first, node.pos, after.pos + after.len)
            skip = True
            continue
        _emit(node, out)


def _args(node) -> list:
    return [a for a in (node.nodeargd.argnlist if node.nodeargd else ()) if a is not None]


def _known(node, out: _Output) -> bool:
    return out.to_text.latex_context.get_macro_spec(node.macroname) is not None


def _emit(node, out: _Output) -> None:
    from pylatexenc.latexwalker import (
        LatexCharsNode,
        LatexGroupNode,
        LatexMacroNode,
        LatexMathNode,
    )

    start, end = node.pos, node.pos + node.len
    if isinstance(node, LatexCharsNode):
        out.copy(node.chars, start)
    elif isinstance(node, (LatexGroupNode, LatexMathNode)):
        first = len(out.chars)
        _emit_all(node.nodelist, out)
        out.group(first, start, end)
    elif isinstance(node, LatexMacroNode):
        space = node.macro_post_space or ""
        end -= len(space)
        args, known = _args(node), _known(node, out)
        text = out.to_text.node_to_text(node) if known else None
        if args and (not known or text == "".join(out.to_text.node_to_text(a) for a in args)):
            first = len(out.chars)  # \textit{X}, \url{X}: the argument is the text
            _emit_all(args, out)
            out.group(first, start, end)
        elif not known:
            # An author's own macro (\ModelName): pylatexenc would drop it, we keep it.
            out.copy(node.latex_verbatim()[: end - start], start)
        else:
            out.block(text, start, end)
            if node.macroname.startswith("text") and not args:
                space = ""  # "\textmu P" is "µP": text-mode symbols eat the space, as in TeX
        out.copy(" " * len(space), end)
    else:  # specials ("--", "``"), environments
        out.block(out.to_text.node_to_text(node), start, end)


# Macros abstracts use that pylatexenc renders otherwise or not at all.
_MACROS = {"url": "%s", "ie": "i.e.", "eg": "e.g.", "etal": "et al.", "romannumeral": "",
           "cite": "", "citep": "", "citet": ""}


@cache
def _pylatexenc():
    """pylatexenc's parsing context and converter, imported and built once, on first use."""
    from pylatexenc import latexwalker
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

    text_context = get_default_latex_context_db()
    text_context.add_context_category(
        "papers-kg", prepend=True,
        macros=[MacroTextSpec(name, simplify_repl=repl) for name, repl in _MACROS.items()])
    to_text = LatexNodes2Text(latex_context=text_context, math_mode="text",
                              strict_latex_spaces=True)
    return latexwalker.get_default_latex_context_db(), to_text
