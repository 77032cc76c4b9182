"""Listing dates for people: ``2024-03-18`` stays, ``--03-18`` (no year) reads ``Mar 18``."""

from __future__ import annotations

import re

__all__ = ["readable_date"]

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_DAY = re.compile(r"^--(\d\d)(?:-(\d\d))?$")  # xsd:gMonthDay / gMonth: no year given


def readable_date(value: str | None, *, no_year: str = " (year not given)") -> str:
    """A listing date as people read it.

    >>> readable_date("2024-03-18"), readable_date("--03-18"), readable_date(None)
    ('2024-03-18', 'Mar 18 (year not given)', '')
    >>> readable_date("--03-18", no_year=""), readable_date("--03", no_year="")
    ('Mar 18', 'Mar')
    """
    if not value:
        return ""
    match = _MONTH_DAY.match(str(value))
    if match and 1 <= int(match.group(1)) <= 12:
        day = f" {int(match.group(2))}" if match.group(2) else ""
        return f"{MONTHS[int(match.group(1)) - 1]}{day}{no_year}"
    return str(value)
