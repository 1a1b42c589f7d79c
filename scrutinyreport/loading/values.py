"""Parsing the figures that spreadsheets export: '27%', '1,924', '£10,080', '791.4', and the missing markers."""

from __future__ import annotations

import re

from ..errors import ValueProblem
from ..model import Unit
from .limits import MAX_NUMBER

MISSING_MARKERS = frozenset({"", "-", "\u2013", "\u2014", "n/a", "na", "no data", "new data unavailable",
                             "not available"})
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$")
EXPECTED_NUMBER = ("expected a number such as 27%, 1,924, £10,080 or 791.4, "
                   "or blank, '-', 'n/a', 'No data' or 'New data unavailable' when there is no figure")


SPREADSHEET_ERRORS = {
    "#DIV/0!": "a division by zero", "#N/A": "a value not available to a lookup", "#VALUE!": "a wrong type of value",
    "#REF!": "a reference to a cell that was deleted", "#NAME?": "an unknown name in a formula",
    "#NUM!": "a number that cannot be worked out", "#NULL!": "ranges that do not meet",
    "#SPILL!": "a result that cannot spill", "#CALC!": "a calculation that cannot be done",
}


def spreadsheet_error(code: str) -> str:
    """What to say about a cell that shows a spreadsheet error such as #DIV/0!."""
    meaning = SPREADSHEET_ERRORS.get(code.strip().upper(), "a formula that cannot be worked out")
    return (f"the cell shows the spreadsheet error {code.strip()} ({meaning}): correct the formula so that it "
            "gives a figure, or leave the cell blank when there is no figure")


def is_missing(text: str) -> bool:
    return " ".join(text.split()).lower() in MISSING_MARKERS


def parse_number(text: str, unit: Unit | None = None) -> float:
    """Parse one figure; '%' only for percent, '£' only for currency (or any unit when unit is None)."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if cleaned.upper() in SPREADSHEET_ERRORS:
        raise ValueProblem(spreadsheet_error(cleaned))
    negative = cleaned.startswith("(") and cleaned.endswith(")")
    if negative:
        cleaned = cleaned[1:-1]
    if cleaned.endswith("%"):
        if unit not in (None, Unit.PERCENT):
            raise ValueProblem(f"a percent sign on a {unit.value} indicator; expected a plain number")
        cleaned = cleaned[:-1]
    for sign in ("-£", "£"):
        if cleaned.startswith(sign):
            if unit not in (None, Unit.CURRENCY):
                raise ValueProblem(f"a pound sign on a {unit.value} indicator; expected a plain number")
            cleaned = cleaned.replace("£", "", 1)
            break
    if not cleaned or cleaned in "+-" or not _NUMBER.match(cleaned) or cleaned.endswith("."):
        raise ValueProblem(EXPECTED_NUMBER)
    value = float(cleaned.replace(",", ""))
    if not abs(value) < MAX_NUMBER:   # 'inf' too
        raise ValueProblem(f"a number of {len(cleaned.split('.')[0].lstrip('+-').replace(',', ''))} digits, far "
                           f"beyond any figure a pack shows (at most {MAX_NUMBER:,.0f}): is a cell pasted wrongly?")
    return -value if negative else value


def parse_optional_number(text: str, unit: Unit | None = None) -> float | None:
    """A figure, or None for a missing marker."""
    return None if is_missing(text) else parse_number(text, unit)
