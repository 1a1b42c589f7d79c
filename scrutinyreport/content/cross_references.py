"""Cross-references that cannot dangle: live text for the pack's documents and the dashboard's charts.

In narrative and recommendations, ``{{ appendix('dashboard') }}`` prints "Appendix 2" and
``{{ chart('carers_assessed_rate') }}`` prints "Figure 7 in Appendix 2", worked out from the pack as it is
built: the appendices it has, and the figure each chart is numbered in the dashboard. A reference to a chart
the dashboard does not draw (the indicator is not an exception, and not in ``spotlight:``) stops the build
with the file and line, never a paper that points at nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..analysis import Analysis
from ..errors import MissingReference
from .blocks import Document, FigureBlock, FigureRow
from .figure_names import IndicatorFigure, indicator_figure

SELF_ASSESSMENT, DASHBOARD, LOCAL_ACCOUNT = "self_assessment", "dashboard", "local_account"


@dataclass(frozen=True)
class Appendix:
    key: str
    number: int
    title: str


def appendices(analysis: Analysis) -> list[Appendix]:
    """The pack's documents after the committee update, numbered as section 11 lists them: the
    self-assessment summary (when there is one), the performance dashboard, the Local Account."""
    found = [Appendix(SELF_ASSESSMENT, 1, "Self-assessment summary")] if analysis.pack.self_assessment else []
    found.append(Appendix(DASHBOARD, len(found) + 1, "Performance dashboard"))
    found.append(Appendix(LOCAL_ACCOUNT, len(found) + 1, "Local Account (for publication)"))
    return found


def figure_numbers(document: Document) -> dict[str, int]:
    """Each figure's number in a document, by the figure's name."""
    numbers: dict[str, int] = {}
    for block in document.body:
        if isinstance(block, FigureBlock):
            numbers[block.picture.figure.name] = block.number
        elif isinstance(block, FigureRow):
            for picture, (number, _) in zip(block.pictures, block.captions):
                numbers[picture.figure.name] = number
    return numbers


@dataclass(frozen=True)
class References:
    """The pack's appendices by key, and the dashboard's figure numbers by indicator id."""

    appendices: Mapping[str, Appendix]
    charts: Mapping[str, int]

    def appendix(self, key: str) -> str:
        """'Appendix 2'."""
        found = self.appendices.get(key)
        if found is None:
            raise MissingReference(f"appendix({key!r}): the pack has no such document; the documents are "
                                   + ", ".join(repr(k) for k in self.appendices))
        return f"Appendix {found.number}"

    def chart(self, indicator_id: str) -> str:
        """'Figure 7 in Appendix 2'."""
        number = self.charts.get(indicator_id)
        if number is None:
            raise MissingReference(f"chart({indicator_id!r}): the dashboard draws no chart for this indicator "
                                   "(it charts the exceptions, and those listed under spotlight: in pack.yaml); "
                                   "add it to spotlight: to chart it, or do not refer to its chart")
        return f"Figure {number} in {self.appendix(DASHBOARD)}"

    def functions(self) -> dict[str, Callable[[str], str]]:
        """The names narrative can call."""
        return {"appendix": self.appendix, "chart": self.chart}


def references(analysis: Analysis, dashboard: Document) -> References:
    """The references of a pack whose dashboard content is ``dashboard``: an indicator's chart is the first
    of its charts the dashboard numbers (its SPC or trend chart, else its comparison with England)."""
    numbers = figure_numbers(dashboard)
    charts: dict[str, int] = {}
    for item in analysis.indicators:
        for kind in (IndicatorFigure.SPC, IndicatorFigure.TREND, IndicatorFigure.COMPARISON):
            number = numbers.get(indicator_figure(kind, item.indicator.id))
            if number is not None:
                charts[item.indicator.id] = number
                break
    return References({a.key: a for a in appendices(analysis)}, charts)
