"""The self-assessment as a machine-readable return for the region (ADASS sector-led improvement).

The same content as the self-assessment summary appendix: the framework's themes and quality statements with
their scores, strengths, areas for development and evidence (each indicator's latest value worked out from
the data, as a number and as printed), the indicative overall rating and the ADASS lists. The shape is
described by ``RETURN_SCHEMA_PATH`` (JSON Schema, draft 2020-12), which ships inside the package. Version 1.1
adds the council's key indicators at their latest figures (``key_indicators``); the region still reads 1.0
returns, each against its own version's schema (``SCHEMA_PATHS``).

The helpers here (``evidence_lines``, ``rating_method``) are also what the appendix prints, so the Word
document and the return cannot drift apart.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..analysis import Analysis, disclosure
from ..analysis.assessment import Assessment
from ..analysis.self_assessment import IndicativeRating
from ..cqc_framework import RATING_BANDS, SCORE_MEANINGS
from ..formatting import Printer
from ..model import Figure, Indicator, PackData, QualityStatement, SelfAssessment
from .dashboard import DashboardRow, dashboard_row

SCHEMA_VERSION = "1.1"
_SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
SCHEMA_PATHS: dict[str, Path] = {
    "1.0": _SCHEMAS / "self_assessment_return.schema.json",
    "1.1": _SCHEMAS / "self_assessment_return-1.1.schema.json",
}
RETURN_SCHEMA_PATH = SCHEMA_PATHS[SCHEMA_VERSION]
FRAMEWORK = "Care Quality Commission assessment framework for local authorities"


@dataclass(frozen=True)
class EvidenceLine:
    """One evidence indicator of a quality statement, as the dashboard prints it."""

    indicator: Indicator
    assessment: Assessment
    latest: str           # '82.8%'; '19.2 (2025/26)' when its period is not the reporting month; 'No data'
    target: str           # '77.5%', or 'No target'
    rag: str              # the RAG word: Green, Amber, Red, No target, No data
    direction: str        # '↑ Improving'; 'No data' with no latest figure; 'No earlier figure' without one


def evidence_lines(analysis: Analysis, statement: QualityStatement, printer: Printer,
                   protect: bool = False) -> list[EvidenceLine]:
    """The statement's evidence indicators in the order given, as the analysis assessed them (ids not in
    the catalogue are skipped: loading has already reported them); with ``protect``, latest figures as the
    pack's disclosure control publishes them."""
    month = printer.month(analysis.period)
    known = {item.indicator.id: item for item in analysis.indicators}
    lines = []
    for indicator_id in statement.evidence:
        if indicator_id not in known:
            continue
        row = dashboard_row(known[indicator_id], printer)
        assessment, latest = row.assessment, row.latest_cell(month)
        direction = f"{row.arrow} {row.direction}".strip()
        if protect:
            assessment, latest = _protected(analysis.pack, assessment, latest, printer)
            direction = direction if assessment.direction else "No data"
        lines.append(EvidenceLine(
            indicator=row.analysis.indicator, assessment=assessment, latest=latest,
            target=row.target, rag=row.rag, direction=direction))
    return lines


def _protected(pack: PackData, assessment: Assessment, latest: str, printer: Printer) -> tuple[Assessment, str]:
    """The latest figure as the pack's disclosure control publishes it: a small count or a percentage of few
    people is withheld, with no direction of travel that would hint at it; a count is rounded if asked."""
    observation = pack.observation(assessment.indicator.id, assessment.period)
    shown = disclosure.protect_indicator(assessment.indicator.unit.value, assessment.latest,
                                         observation.denominator if observation else None,
                                         pack.settings.disclosure, printer.locale)
    if shown is None or assessment.latest_figure is None:
        return assessment, latest
    if shown.hidden:
        return replace(assessment, latest_figure=None, direction=None), shown.text
    assert shown.value is not None  # a figure not hidden has its value
    figure = Figure(float(shown.value), assessment.latest_figure.period)
    return replace(assessment, latest_figure=figure), shown.text


def latest_positions(analysis: Analysis, printer: Printer) -> list[DashboardRow]:
    """Every indicator of the catalogue at its latest available figure, as the dashboard prints it: the one
    place the return's key indicators are read from."""
    return [dashboard_row(item, printer) for item in analysis.indicators]


def _key_indicator(row: DashboardRow, pack: PackData, protect: bool, printer: Printer) -> dict[str, Any]:
    indicator, assessment, latest = row.analysis.indicator, row.assessment, row.latest
    if protect:
        assessment, latest = _protected(pack, assessment, latest, printer)
    return {
        "id": indicator.id,
        "title": indicator.title,
        "ascof": indicator.ascof or None,
        "unit": indicator.unit.value,
        "polarity": indicator.polarity.value,
        "decimals": indicator.decimals,
        "period": str(assessment.period),
        "period_label": row.latest_period or printer.reporting_period(assessment.latest_period),
        "value": _value(assessment.latest, latest),
        "target": _value(indicator.target, row.target),
        "rag": row.rag,
    }


def key_indicators(analysis: Analysis, printer: Printer) -> list[dict[str, Any]]:
    """The return's key indicators (schema 1.1): every indicator of the catalogue at its latest figure, as
    the pack's disclosure control publishes it when it applies to the return."""
    pack = analysis.pack
    protect = disclosure.applies(pack.settings.disclosure, "regional_return")
    return [_key_indicator(row, pack, protect, printer) for row in latest_positions(analysis, printer)]


def _band_ranges(printer: Printer) -> list[str]:
    """'25 to 38% Inadequate', ..., '88% and over Outstanding', lowest first, from the framework's bands."""
    bands = sorted(RATING_BANDS)
    parts = []
    for index, (floor, name) in enumerate(bands):
        if index + 1 < len(bands):
            high = printer.percentage(bands[index + 1][0] - 1)
            parts.append(f"{printer.number(floor)} to {high} {name}")
        else:
            parts.append(f"{printer.percentage(floor)} and over {name}")
    return parts


def rating_method(printer: Printer) -> str:
    """One sentence on how the indicative rating is worked out, and that it is not CQC's judgement."""
    return ("This rating is indicative only, not CQC's judgement: CQC's published method counts every quality "
            "statement equally and turns the total, as a share of the highest possible score, into a rating ("
            + ", ".join(_band_ranges(printer)) + ").")


def rating_text(rating: IndicativeRating, printer: Printer) -> str:
    """'24 of 36 (67%): Good'."""
    return (f"{printer.number(rating.total)} of {printer.number(rating.maximum)} "
            f"({printer.percentage(rating.percentage)}): {rating.rating}")


def _value(number: float | None, text: str) -> dict[str, Any]:
    return {"value": number, "text": text}


def _evidence(line: EvidenceLine) -> dict[str, Any]:
    indicator, assessment = line.indicator, line.assessment
    return {
        "indicator_id": indicator.id,
        "title": indicator.title,
        "unit": indicator.unit.value,
        "polarity": indicator.polarity.value,
        "ascof": indicator.ascof or None,
        "period": str(assessment.period),
        "latest": _value(assessment.latest, line.latest),
        "target": _value(indicator.target, line.target),
        "rag": line.rag,
        "direction": assessment.direction.word if assessment.direction else None,
    }


def _statement(analysis: Analysis, statement: QualityStatement, printer: Printer) -> dict[str, Any]:
    return {
        "id": statement.id,
        "name": statement.name,
        "score": statement.score,
        "score_meaning": SCORE_MEANINGS[statement.score],
        "i_statements": list(statement.i_statements),
        "commitment": statement.commitment,
        "strengths": list(statement.strengths),
        "areas_for_development": list(statement.areas_for_development),
        "evidence": [_evidence(line) for line in
                     evidence_lines(analysis, statement, printer,
                                    disclosure.applies(analysis.pack.settings.disclosure, "regional_return"))],
    }


def _self_assessment(pack: PackData) -> SelfAssessment:
    if pack.self_assessment is None:
        raise ValueError("the pack has no self-assessment (self_assessment.yaml), so there is no return to make")
    return pack.self_assessment


def regional_return(analysis: Analysis, printer: Printer) -> dict[str, Any]:
    """The return as plain JSON-ready data (see the schema for every field)."""
    pack = analysis.pack
    assessment = _self_assessment(pack)
    settings = pack.settings
    rating = None
    if analysis.rating is not None:
        found = analysis.rating
        rating = {"total": found.total, "maximum": found.maximum, "percentage": found.percentage,
                  "rating": found.rating, "text": rating_text(found, printer), "method": rating_method(printer)}
    adass = assessment.adass
    return {
        "schema_version": SCHEMA_VERSION,
        "council": settings.council,
        "period": str(pack.period),
        "period_label": printer.month(pack.period),
        "submitted": assessment.submitted.isoformat() if assessment.submitted else None,
        "submitted_label": printer.long_date(assessment.submitted) if assessment.submitted else None,
        "framework": FRAMEWORK,
        "themes": [{"name": theme,
                    "statements": [_statement(analysis, s, printer) for s in assessment.statements
                                   if s.theme == theme]}
                   for theme in assessment.themes],
        "indicative_rating": rating,
        "indicators": key_indicators(analysis, printer),
        "adass": {
            "risks_and_challenges": list(adass.risks_and_challenges),
            "innovations_and_achievements": list(adass.innovations_and_achievements),
            "proud_of": list(adass.proud_of),
            "working_to_improve": list(adass.working_to_improve),
            "next_steps": list(adass.next_steps),
        },
    }


def regional_return_bytes(analysis: Analysis, printer: Printer) -> bytes:
    """The return as UTF-8 JSON: indent 2, keys sorted, a trailing newline; the same pack gives the same bytes."""
    text = json.dumps(regional_return(analysis, printer), ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False)
    return (text + "\n").encode("utf-8")


def load_return_schema(version: str = SCHEMA_VERSION) -> dict[str, Any]:
    """The JSON Schema of the return (of the version given; KeyError for a version there is none of)."""
    schema: dict[str, Any] = json.loads(SCHEMA_PATHS[version].read_text(encoding="utf-8"))
    return schema
