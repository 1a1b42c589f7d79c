"""The dashboard as printed: one row of formatted strings per indicator, shared by the CLI and documents."""

from __future__ import annotations

from dataclasses import dataclass

from .analysis.assessment import Assessment, assess_all
from .formatting import indicator_value
from .model import PackData, Period

SUMMARY_COLUMNS = ("theme", "id", "title", "previous", "latest", "target", "rag", "direction")


@dataclass(frozen=True)
class DashboardRow:
    theme: str
    id: str
    title: str
    ascof: str
    previous: str
    latest: str
    target: str
    rag: str
    arrow: str
    direction: str
    commentary: str
    assessment: Assessment

    def summary_cells(self, with_arrow: bool) -> list[str]:
        direction = f"{self.arrow} {self.direction}".strip() if with_arrow else self.direction
        return [self.theme, self.id, self.title, self.previous, self.latest, self.target, self.rag, direction]


def dashboard_row(assessment: Assessment, locale: str) -> DashboardRow:
    indicator = assessment.indicator
    return DashboardRow(
        theme=indicator.theme, id=indicator.id, title=indicator.title, ascof=indicator.ascof,
        previous=indicator_value(indicator, assessment.previous, locale),
        latest=indicator_value(indicator, assessment.latest, locale),
        target="" if indicator.target is None else indicator_value(indicator, indicator.target, locale),
        rag=assessment.rag.value,
        arrow=assessment.direction.arrow if assessment.direction else "",
        direction=assessment.direction.word if assessment.direction else "",
        commentary=assessment.commentary, assessment=assessment)


def dashboard_rows(pack: PackData, period: Period | None = None) -> list[DashboardRow]:
    """Every indicator, in catalogue (and so theme) order."""
    return [dashboard_row(a, pack.settings.locale) for a in assess_all(pack, period)]
