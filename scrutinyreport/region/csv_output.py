"""The region's machine-readable output beside the summary: regional-scores.csv (one row per council and
quality statement) and regional-indicators.csv (one row per council and indicator). UTF-8, a header row,
numbers as plain numbers (percentages in percentage points) and their printed text beside them; text that a
spreadsheet would run as a formula (a council's text starting with '=', '+', '-' or '@') is written with a
leading apostrophe."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..cqc_framework import SCORE_MEANINGS
from ..files import csv_text
from .analysis import RegionalAnalysis

SCORE_COLUMNS = ("council", "period", "theme", "statement_id", "statement", "score", "score_meaning",
                 "indicative_rating")
INDICATOR_COLUMNS = ("council", "return_period", "indicator_id", "title", "ascof", "unit", "polarity", "period",
                     "period_label", "value", "value_text", "target", "target_text", "rag")


def _csv(columns: tuple[str, ...], rows: Iterable[Iterable[Any]]) -> bytes:
    """Numbers as JSON wrote them (82.8, 1924: whole numbers without '.0'), blank for no figure."""
    return csv_text([columns, *rows]).encode("utf-8")


def scores_csv(analysis: RegionalAnalysis) -> bytes:
    """Every council's score for every statement it scored, in council then framework order."""
    rows = []
    for found in analysis.returns:
        rating = analysis.ratings[found.council]
        own = {s.id: s for s in found.statements}
        for statement in analysis.statements:
            if statement.id in own:
                score = own[statement.id].score
                rows.append([found.council, str(found.period), statement.theme, statement.id, statement.name,
                             score, SCORE_MEANINGS[score], rating.rating if rating else ""])
    return _csv(SCORE_COLUMNS, rows)


def indicators_csv(analysis: RegionalAnalysis) -> bytes:
    """Every council's indicators as its return gives them (a 1.0 return: its evidence indicators)."""
    rows = [[found.council, str(found.period), i.id, i.title, i.ascof or "", i.unit.value, i.polarity.value,
             str(i.period), i.period_label, i.value, i.value_text, i.target, i.target_text, i.rag]
            for found in analysis.returns for i in found.indicators]
    return _csv(INDICATOR_COLUMNS, rows)
