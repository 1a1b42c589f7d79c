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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .analysis.assessment import Assessment, assess
from .analysis.self_assessment import IndicativeRating, indicative_rating
from .cqc_framework import RATING_BANDS, SCORE_MEANINGS
from .formatting import format_long_date, format_month, format_number, format_percentage, format_value
from .model import Indicator, PackData, Period, QualityStatement, SelfAssessment

SCHEMA_VERSION = "1.1"
_SCHEMAS = Path(__file__).resolve().parent / "schemas"
SCHEMA_PATHS: dict[str, Path] = {
    "1.0": _SCHEMAS / "self_assessment_return.schema.json",
    "1.1": _SCHEMAS / "self_assessment_return-1.1.schema.json",
}
RETURN_SCHEMA_PATH = SCHEMA_PATHS[SCHEMA_VERSION]
FRAMEWORK = "Care Quality Commission assessment framework for local authorities"
NO_TARGET = "No target"


@dataclass(frozen=True)
class EvidenceLine:
    """One evidence indicator of a quality statement, assessed for the pack's period, with its printed texts."""

    indicator: Indicator
    assessment: Assessment
    latest: str           # '82.8%', or 'No data'
    target: str           # '77.5%', or 'No target'
    rag: str              # the RAG word: Green, Amber, Red, No target, No data
    direction: str        # '↑ Improving'; 'No data' with no latest figure; 'No earlier figure' without one


def evidence_lines(pack: PackData, statement: QualityStatement) -> list[EvidenceLine]:
    """The statement's evidence indicators in the order given, each assessed for the pack's period (ids not in
    the catalogue are skipped: loading has already reported them)."""
    locale = pack.settings.locale
    known = {indicator.id: indicator for indicator in pack.indicators}
    lines = []
    for indicator_id in statement.evidence:
        indicator = known.get(indicator_id)
        if indicator is None:
            continue
        assessment = assess(pack, indicator, pack.period)
        if assessment.direction is not None:
            direction = str(assessment.direction)
        else:
            direction = "No data" if assessment.latest is None else "No earlier figure"
        lines.append(EvidenceLine(
            indicator=indicator, assessment=assessment,
            latest=format_value(assessment.latest, indicator.unit, indicator.decimals, locale),
            target=NO_TARGET if indicator.target is None else
            format_value(indicator.target, indicator.unit, indicator.decimals, locale),
            rag=assessment.rag.value, direction=direction))
    return lines


@dataclass(frozen=True)
class IndicatorPosition:
    """An indicator's latest figure, the month it is for and its RAG."""

    indicator: Indicator
    period: Period
    value: float | None
    rag: str


LATEST_WINDOW_MONTHS = 12


def latest_positions(pack: PackData) -> list[IndicatorPosition]:
    """Every indicator of the catalogue at its latest figure: the reporting month's, or where that month has
    none the latest earlier one within a year (then assessed for that month); 'No data' when there is none.

    The one place the return reads indicator results from, so that it follows the pack's analysis."""
    positions = []
    for indicator in pack.indicators:
        found = assess(pack, indicator, pack.period)
        if found.latest is None:
            earlier = next((pack.period.shift(-months) for months in range(1, LATEST_WINDOW_MONTHS + 1)
                            if pack.value(indicator.id, pack.period.shift(-months)) is not None), None)
            if earlier is not None:
                found = assess(pack, indicator, earlier)
        positions.append(IndicatorPosition(indicator, found.period, found.latest, found.rag.value))
    return positions


def _key_indicator(position: IndicatorPosition, locale: str) -> dict[str, Any]:
    indicator = position.indicator
    return {
        "id": indicator.id,
        "title": indicator.title,
        "ascof": indicator.ascof or None,
        "unit": indicator.unit.value,
        "polarity": indicator.polarity.value,
        "decimals": indicator.decimals,
        "period": str(position.period),
        "period_label": format_month(position.period, locale),
        "value": _value(position.value, format_value(position.value, indicator.unit, indicator.decimals, locale)),
        "target": _value(indicator.target, NO_TARGET if indicator.target is None else
                         format_value(indicator.target, indicator.unit, indicator.decimals, locale)),
        "rag": position.rag,
    }


def key_indicators(pack: PackData) -> list[dict[str, Any]]:
    """The return's key indicators (schema 1.1): every indicator of the catalogue at its latest figure."""
    return [_key_indicator(position, pack.settings.locale) for position in latest_positions(pack)]


def _band_ranges(locale: str) -> list[str]:
    """'25 to 38% Inadequate', ..., '88% and over Outstanding', lowest first, from the framework's bands."""
    bands = sorted(RATING_BANDS)
    parts = []
    for index, (floor, name) in enumerate(bands):
        if index + 1 < len(bands):
            high = format_percentage(bands[index + 1][0] - 1, 0, locale)
            parts.append(f"{format_number(floor, 0, locale)} to {high} {name}")
        else:
            parts.append(f"{format_percentage(floor, 0, locale)} and over {name}")
    return parts


def rating_method(locale: str = "en_GB") -> str:
    """One sentence on how the indicative rating is worked out, and that it is not CQC's judgement."""
    return ("This rating is indicative only, not CQC's judgement: CQC's published method counts every quality "
            "statement equally and turns the total, as a share of the highest possible score, into a rating ("
            + ", ".join(_band_ranges(locale)) + ").")


def rating_text(rating: IndicativeRating, locale: str = "en_GB") -> str:
    """'24 of 36 (67%): Good'."""
    return (f"{format_number(rating.total, 0, locale)} of {format_number(rating.maximum, 0, locale)} "
            f"({format_percentage(rating.percentage, 0, locale)}): {rating.rating}")


def _value(number: float | None, text: str) -> dict[str, Any]:
    return {"value": number, "text": text}


def _evidence(line: EvidenceLine, locale: str) -> dict[str, Any]:
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


def _statement(pack: PackData, statement: QualityStatement) -> dict[str, Any]:
    locale = pack.settings.locale
    return {
        "id": statement.id,
        "name": statement.name,
        "score": statement.score,
        "score_meaning": SCORE_MEANINGS[statement.score],
        "i_statements": list(statement.i_statements),
        "commitment": statement.commitment,
        "strengths": list(statement.strengths),
        "areas_for_development": list(statement.areas_for_development),
        "evidence": [_evidence(line, locale) for line in evidence_lines(pack, statement)],
    }


def _self_assessment(pack: PackData) -> SelfAssessment:
    if pack.self_assessment is None:
        raise ValueError("the pack has no self-assessment (self_assessment.yaml), so there is no return to make")
    return pack.self_assessment


def regional_return(pack: PackData) -> dict[str, Any]:
    """The return as plain JSON-ready data (see the schema for every field)."""
    assessment = _self_assessment(pack)
    settings, locale = pack.settings, pack.settings.locale
    rating = None
    if assessment.statements:
        found = indicative_rating(assessment.statements)
        rating = {"total": found.total, "maximum": found.maximum, "percentage": found.percentage,
                  "rating": found.rating, "text": rating_text(found, locale), "method": rating_method(locale)}
    adass = assessment.adass
    return {
        "schema_version": SCHEMA_VERSION,
        "council": settings.council,
        "period": str(pack.period),
        "period_label": format_month(pack.period, locale),
        "submitted": assessment.submitted.isoformat() if assessment.submitted else None,
        "submitted_label": format_long_date(assessment.submitted, locale) if assessment.submitted else None,
        "framework": FRAMEWORK,
        "themes": [{"name": theme,
                    "statements": [_statement(pack, s) for s in assessment.statements if s.theme == theme]}
                   for theme in assessment.themes],
        "indicative_rating": rating,
        "indicators": key_indicators(pack),
        "adass": {
            "risks_and_challenges": list(adass.risks_and_challenges),
            "innovations_and_achievements": list(adass.innovations_and_achievements),
            "proud_of": list(adass.proud_of),
            "working_to_improve": list(adass.working_to_improve),
            "next_steps": list(adass.next_steps),
        },
    }


def regional_return_bytes(pack: PackData) -> bytes:
    """The return as UTF-8 JSON: indent 2, keys sorted, a trailing newline; the same pack gives the same bytes."""
    text = json.dumps(regional_return(pack), ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False)
    return (text + "\n").encode("utf-8")


def load_return_schema(version: str = SCHEMA_VERSION) -> dict[str, Any]:
    """The JSON Schema of the return (of the version given; KeyError for a version there is none of)."""
    return json.loads(SCHEMA_PATHS[version].read_text(encoding="utf-8"))
