"""The analysis as a pandas DataFrame, one row per indicator: numbers as numbers, periods as pandas Periods
(months 'M', financial quarters 'Q-MAR', financial years ending in March), RAG, direction and SPC readings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..model import Frequency, ReportingPeriod

if TYPE_CHECKING:
    import pandas as pd

    from .pack_analysis import Analysis

COLUMNS = ("id", "title", "theme", "unit", "polarity", "frequency", "ascof", "target", "latest", "latest_period",
           "no_new_data", "previous", "previous_period", "change", "rag", "direction", "variation", "assurance",
           "exception")


def pandas_period(period: ReportingPeriod | None) -> Any:
    """A reporting period as a pandas Period: 2026-09 ('M'), 2027Q2 ('Q-MAR': the financial year is named
    by the calendar year it ends in, as pandas names fiscal years), 2026 (a year ending in March)."""
    import pandas as pd

    if period is None:
        return pd.NaT
    month = f"{period.end.year:04d}-{period.end.month:02d}"
    if period.frequency is Frequency.QUARTERLY:
        return pd.Period(month, freq="Q-MAR")
    if period.frequency is Frequency.ANNUAL:
        return pd.Period(month, freq="Y-MAR")
    return pd.Period(month, freq="M")


def analysis_frame(analysis: Analysis) -> pd.DataFrame:
    import pandas as pd

    rows = []
    for item in analysis.indicators:
        assessment, indicator = item.assessment, item.indicator
        latest, previous = assessment.latest_figure, assessment.previous_figure
        rows.append({
            "id": indicator.id, "title": indicator.title, "theme": indicator.theme, "unit": indicator.unit.value,
            "polarity": indicator.polarity.value, "frequency": indicator.frequency.value,
            "ascof": indicator.ascof or None, "target": indicator.target,
            "latest": latest.value if latest else None,
            "latest_period": pandas_period(latest.period if latest else None),
            "no_new_data": assessment.no_new_data,
            "previous": previous.value if previous else None,
            "previous_period": pandas_period(previous.period if previous else None),
            "change": assessment.change_on_previous, "rag": assessment.rag.value,
            "direction": assessment.direction.word if assessment.direction else None,
            "variation": item.variation.label if item.variation else None,
            "assurance": item.assurance.label if item.assurance else None,
            "exception": ", ".join(reason.value for reason in item.exception) or None,
        })
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    for column in ("target", "latest", "previous", "change"):
        frame[column] = frame[column].astype("float64")
    return frame
