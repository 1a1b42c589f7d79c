"""The names narrative and recommendations can quote: every value already formatted for print."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from ..analysis import Analysis
from ..analysis.assessment import Assessment
from ..formatting import (
    Printer,
    describe_value,
    format_change,
    format_financial_year,
    format_long_date,
    format_money_compact,
    format_month,
    format_number,
    format_reporting_period,
)
from ..loading.narrative import COMPARISON_NAMES
from ..model import Amount
from .dashboard import ComparisonRow, comparison_rows


def _indicator_figures(assessment: Assessment, locale: str) -> dict[str, str]:
    indicator = assessment.indicator

    def text(value: float | None) -> str:
        return describe_value(value, indicator.unit, indicator.decimals, locale)

    return {
        "title": indicator.title,
        "latest": text(assessment.latest),
        "previous": text(assessment.previous),
        "year_ago": text(assessment.year_ago),
        "target": "No target" if indicator.target is None else text(indicator.target),
        "rag": assessment.rag.value,
        "direction": assessment.direction.word if assessment.direction else "",
        "change": format_change(assessment.change_on_previous, indicator.unit, indicator.decimals, locale),
        "change_on_year": format_change(assessment.change_on_year, indicator.unit, indicator.decimals, locale),
        "latest_period": format_reporting_period(assessment.latest_period, locale),
        "previous_period": format_reporting_period(assessment.previous_figure.period, locale)
        if assessment.previous_figure else "No earlier figure",
    }


def totals_by_year(amounts: tuple[Amount, ...]) -> dict[str, float]:
    """Sum of each year's rows, in year order."""
    totals: dict[str, float] = defaultdict(float)
    for amount in amounts:
        totals[amount.year] += amount.value
    return dict(sorted(totals.items()))


def _totals(amounts: tuple[Amount, ...], format_total: Callable[[float], str]) -> dict[str, str]:
    """The latest year's total and the year before's, as printed; no key for a year the data lacks, so that
    quoting it is an error naming the file and line rather than a blank in the paper."""
    totals = totals_by_year(amounts)
    years = list(totals)
    figures: dict[str, str] = {}
    if years:
        figures.update(year=years[-1], total=format_total(totals[years[-1]]))
    if len(years) > 1:
        figures.update(previous_year=years[-2], previous_total=format_total(totals[years[-2]]))
    return figures


def _compared(rows: list[ComparisonRow]) -> dict[str, dict[str, str]]:
    """Each benchmarked indicator's latest published comparison with England, as the dashboard prints it."""
    found = {}
    for row in rows:
        names = dict(zip(COMPARISON_NAMES, (row.england, row.council, row.year, row.verdict, row.rank)))
        found[row.id] = {name: text for name, text in names.items() if text or name != "rank"}
    return found


def _comparison_counts(rows: list[ComparisonRow]) -> dict[str, str | int]:
    """How many benchmarked measures are better, similar or worse than England (judged with an interval),
    how many were not judged so, and the latest published year; no key without a comparison."""
    if not rows:
        return {}
    verdicts = [row.verdict for row in rows]
    judged = {word.lower(): verdicts.count(word) for word in ("Better", "Similar", "Worse")}
    return {"year": max(row.year for row in rows), "total": len(rows), **judged,
            "not_judged": len(rows) - sum(judged.values())}


def live_figures(analysis: Analysis, printer: Printer) -> dict[str, Any]:
    """The context of live figures (see the README for the list of names), printed by ``printer``."""
    pack = analysis.pack
    locale = printer.locale
    rows = comparison_rows(analysis, printer)
    compared = _compared(rows)
    figures: dict[str, Any] = {
        "council": pack.settings.council,
        "committee": pack.settings.committee,
        "meeting_date": format_long_date(pack.settings.meeting_date, locale),
        "period": format_month(pack.period, locale),
        "financial_year": format_financial_year(pack.period.financial_year_start),
        "indicators": {a.indicator.id: {**_indicator_figures(a, locale), **compared.get(a.indicator.id, {})}
                       for a in analysis.assessments},
        "england": _comparison_counts(rows),
        "counts": asdict(analysis.counts),
        "finance": _totals(pack.finance, lambda total: format_money_compact(total, locale)),
        "people_supported": _totals(pack.activity, lambda total: format_number(total, 0, locale)),
    }
    if pack.previous_period is not None:   # no key without one: quoting it is then an error, never a blank
        figures["previous_period"] = format_month(pack.previous_period, locale)
    return figures
