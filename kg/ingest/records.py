"""Turning raw fields into `Paper` records: ids, arXiv ids, URLs, dates, title keys."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from kg.model import Paper, Source

_URL = re.compile(r"https?://[^\s<>\"'\]\)]+")
# New-style (2301.01234, optional version) and old-style (cs/0101001) arXiv identifiers.
_ARXIV = re.compile(
    r"(?:arxiv\.org/(?:abs|pdf)/|arXiv:\s*)"
    r"(?P<id>\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?",
    re.IGNORECASE,
)
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_MONTH_DAY = re.compile(r"^(?P<mon>[A-Za-z]{3})[a-z]*\.?\s+(?P<day>\d{1,2})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


# \w is exactly str.isalnum() plus "_" in Python's re: dropping [\W_] keeps letters and digits.
_NOT_ALNUM = re.compile(r"[\W_]+")


def title_key(title: str) -> str:
    """The key two listings of the same paper share: case-folded letters and digits only.

    A title with neither (``"🚀🚀"``, ``"???"``) keys on all its characters instead, so
    such titles do not all become one paper.

    Examples
    --------
    >>> title_key("Attention Is All You Need!"), title_key("🚀 🚀"), title_key("???")
    ('attentionisallyouneed', '~🚀🚀', '~???')
    """
    text = unicodedata.normalize("NFKC", title).casefold()
    return _NOT_ALNUM.sub("", text) or "~" + "".join(text.split())


def find_urls(text: str) -> tuple[str, ...]:
    urls = (u.rstrip(".,;:") for u in _URL.findall(text))
    return tuple(dict.fromkeys(urls))


def find_arxiv_id(*texts: str | None) -> str | None:
    for text in texts:
        if text and (match := _ARXIV.search(text)):
            return match.group("id")
    return None


def parse_month_day(text: str) -> str | None:
    """``"Mar 18"`` -> ``"--03-18"`` (an xsd:gMonthDay); None when it is no such date."""
    match = _MONTH_DAY.match(text.strip())
    if not match or match.group("mon").lower() not in _MONTHS:
        return None
    day = int(match.group("day"))
    if not 1 <= day <= 31:
        return None
    return f"--{_MONTHS[match.group('mon').lower()]:02d}-{day:02d}"


def normalise_date(text: str | None) -> str | None:
    """ISO dates keep their ``YYYY-MM-DD`` part; month-day dates become gMonthDay.

    Anything else is kept as given, for :func:`is_valid_date` to refuse with a
    message naming it.
    """
    if not text:
        return None
    text = str(text).strip()
    if match := _ISO_DATE.match(text):
        return "-".join(match.groups())
    return parse_month_day(text) or text


def is_valid_date(value: str) -> bool:
    """Whether ``value`` is a real xsd:date, xsd:gMonthDay or xsd:gYear (what the export writes).

    Examples
    --------
    >>> [is_valid_date(v) for v in ("2024-02-29", "2024-02-30", "--02-29", "--02-31", "2024",
    ...                             "NaN", "0000")]
    [True, False, True, False, True, False, False]
    """
    import datetime

    try:
        if re.fullmatch(r"\d{4}", value):
            return int(value) > 0
        if re.fullmatch(r"--\d{2}-\d{2}", value):
            datetime.date(2000, int(value[2:4]), int(value[5:7]))  # 2000: Feb 29 exists
            return True
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            datetime.date.fromisoformat(value)
            return int(value[:4]) > 0
    except ValueError:
        return False
    return False


def clean_text(text: str | None) -> str:
    return " ".join(str(text or "").split())


def paper_id(title: str, arxiv_id: str | None) -> str:
    """Stable across runs: the arXiv id when known, else a slug of the title plus a hash."""
    if arxiv_id:
        return "arxiv-" + arxiv_id.replace("/", "_")
    key = title_key(title)
    words = re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKD", title).casefold())
    slug = "-".join(words[:6])[:48].strip("-") or "paper"
    return f"{slug}-{hashlib.sha1(key.encode()).hexdigest()[:8]}"


def make_paper(
    title: str,
    abstract: str,
    source: Source,
    *,
    date: str | None = None,
    url: str | None = None,
    arxiv_id: str | None = None,
    authors: tuple[str, ...] = (),
) -> Paper:
    title, abstract = clean_text(title), clean_text(abstract)
    urls = find_urls(" ".join(filter(None, (url, abstract))))
    arxiv_id = arxiv_id or find_arxiv_id(url, title, abstract)
    return Paper(
        id=paper_id(title, arxiv_id),
        title=title,
        abstract=abstract,
        date=normalise_date(date),
        arxiv_id=arxiv_id,
        urls=urls,
        authors=tuple(a for a in (clean_text(x) for x in authors) if a),
        sources=(source,),
    )
