"""Months written as people write them: in a sheet's name, a file's name, a long sheet's period column or a
wide sheet's column headings.

Read: 2026-09, 2026_09, 2026 09, 202609, 09-2026, 9/2026, Sep 2026, Sept 2026, September 2026, Sep-26,
Sept 26, SEP26, 2026 Sep, 1 Sep 2026, 01-Sep-26, and a date (2026-09-01, or a date cell of a workbook, read as
2026-09-01T00:00:00). A two-digit year is in this century. Anything else is not a month; ``did_you_mean``
suggests the month a near miss ("Setp 2026", "Sept 2062" is a month, but an unlikely one, and is read) was
probably meant to be.
"""

from __future__ import annotations

import difflib
import re

from ..model import Period

NAMES = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
         "september": 9, "october": 10, "november": 11, "december": 12}
SHORT = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
         "oct": 10, "nov": 11, "dec": 12}
_WORDS = {**NAMES, **SHORT}
_SHOWN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
EXAMPLES = "2026-09, Sep 2026 or September 2026"

_SEP = r"[-_./\s']*"
_YEAR_MONTH = re.compile(r"(\d{4})[-_./\s](\d{1,2})|(\d{4})(\d{2})")
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[t\s]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_MONTH_YEAR = re.compile(r"(\d{1,2})[-_./\s](\d{4})")
_NAME_YEAR = re.compile(rf"(?:\d{{1,2}}{_SEP})?([a-z]+)\.?{_SEP}(\d{{4}}|\d{{2}})")
_YEAR_NAME = re.compile(rf"(\d{{4}}){_SEP}([a-z]+)\.?")


def _period(year: int, month: int) -> Period | None:
    try:
        return Period(year, month)
    except ValueError:
        return None


def _year(text: str) -> int:
    return int(text) + 2000 if len(text) == 2 else int(text)


def month_in(text: str) -> Period | None:
    """The month the text names, in any of the forms above; None when it names none."""
    plain = " ".join(text.strip().lower().split())
    if match := _DATE.fullmatch(plain):
        return _period(int(match.group(1)), int(match.group(2)))
    if match := _YEAR_MONTH.fullmatch(plain):
        year, month = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        return _period(int(year), int(month))
    if match := _MONTH_YEAR.fullmatch(plain):
        return _period(int(match.group(2)), int(match.group(1)))
    if (match := _NAME_YEAR.fullmatch(plain)) and match.group(1) in _WORDS:
        return _period(_year(match.group(2)), _WORDS[match.group(1)])
    if (match := _YEAR_NAME.fullmatch(plain)) and match.group(2) in _WORDS:
        return _period(int(match.group(1)), _WORDS[match.group(2)])
    return None


def shown(period: Period) -> str:
    """'Sep 2026 (2026-09)'."""
    return f"{_SHOWN[period.month - 1]} {period.year} ({period})"


def did_you_mean(text: str) -> str | None:
    """For a near miss, the month it was probably meant to be ('Sep 2026 (2026-09)'); None when the text does
    not look like a month at all (a word close to a month's name, beside a year)."""
    plain = " ".join(text.strip().lower().split())
    match = _NAME_YEAR.fullmatch(plain) or _YEAR_NAME.fullmatch(plain)
    if match is None:
        return None
    word, year = (match.group(1), match.group(2)) if _NAME_YEAR.fullmatch(plain) else (match.group(2),
                                                                                        match.group(1))
    close = difflib.get_close_matches(word, list(_WORDS), n=1, cutoff=0.6)
    period = _period(_year(year), _WORDS[close[0]]) if close else None
    return shown(period) if period else None


def as_period(period: Period | str | None) -> Period | None:
    """A reporting month given as a Period or as text ('2026-09', 'Sep 2026'); ValueError for other text."""
    if period is None or isinstance(period, Period):
        return period
    found = month_in(str(period))
    if found is None:
        raise ValueError(f"expected a month such as {EXAMPLES}, found {period!r}")
    return found
