"""The analysis as a pandas DataFrame, one row per indicator: numbers as numbers (float64, NaN where there is
none), RAG, direction and SPC readings as printed, and each figure's period three ways, one type a column:

- ``latest_period``: the month the figure is for, or that ends its quarter or financial year (a monthly
  pandas Period, the month whose file holds it);
- ``latest_period_start``: the first day of its period (a date, datetime64), sortable across frequencies;
- ``latest_period_label``: the period as the dashboard prints it ("September 2026", "Q2 2026/27", "2025/26").

The same for ``previous_period``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..formatting import format_reporting_period
from ..model import ReportingPeriod

if TYPE_CHECKING:
    import pandas as pd

    from .pack_analysis import Analysis

COLUMNS = ("id", "title", "theme", "unit", "polarity", "frequency", "ascof", "target", "latest", "latest_period",
           "latest_period_start", "latest_period_label", "no_new_data", "previous", "previous_period",
           "previous_period_start", "previous_period_label", "change", "rag", "direction", "variation", "assurance",
           "exception")
NUMBERS = ("target", "latest", "previous", "change")


def _periods(prefix: str, period: ReportingPeriod | None, locale: str) -> dict[str, Any]:
    if period is None:
        return {prefix: None, f"{prefix}_start": None, f"{prefix}_label": None}
    return {prefix: str(period.end), f"{prefix}_start": period.end.shift(1 - period.months).first_day,
            f"{prefix}_label": format_reporting_period(period, locale)}


def analysis_frame(analysis: Analysis) -> pd.DataFrame:
    import pandas as pd

    locale = analysis.pack.settings.locale
    rows = []
    for item in analysis.indicators:
        assessment, indicator = item.assessment, item.indicator
        latest, previous = assessment.latest_figure, assessment.previous_figure
        rows.append({
            "id": indicator.id, "title": indicator.title, "theme": indicator.theme, "unit": indicator.unit.value,
            "polarity": indicator.polarity.value, "frequency": indicator.frequency.value,
            "ascof": indicator.ascof or None, "target": indicator.target,
            "latest": latest.value if latest else None,
            **_periods("latest_period", latest.period if latest else None, locale),
            "no_new_data": assessment.no_new_data,
            "previous": previous.value if previous else None,
            **_periods("previous_period", previous.period if previous else None, locale),
            "change": assessment.change_on_previous, "rag": assessment.rag.value,
            "direction": assessment.direction.word if assessment.direction else None,
            "variation": item.variation.label if item.variation else None,
            "assurance": item.assurance.label if item.assurance else None,
            "exception": ", ".join(reason.value for reason in item.exception) or None,
        })
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    for column in NUMBERS:
        frame[column] = frame[column].astype("float64")
    for prefix in ("latest_period", "previous_period"):
        frame[prefix] = pd.PeriodIndex(frame[prefix], freq="M")
        frame[f"{prefix}_start"] = pd.to_datetime(frame[f"{prefix}_start"])
    frame["no_new_data"] = frame["no_new_data"].astype("bool")
    return frame
