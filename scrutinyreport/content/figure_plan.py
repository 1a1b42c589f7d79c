"""Which figures a pack has, in a stable order, as chart specs and icons built from the analysis.

For each indicator the dashboard charts (the exceptions, by default) one chart: SPC where there are enough
points and a trend otherwise, drawn two to a landscape page; the SPC icons wherever the analysis gives
readings for the latest figure; a comparison chart where the council does worse than England (the dashboard
charts no other); the self-assessment's scores when there are statements; the icons of the dashboard's key;
and the Local Account's charts, from its published (disclosure-controlled) figures.
"""

from __future__ import annotations

from ..analysis import Analysis
from ..analysis.spc import Assurance, Variation
from ..formatting import Printer
from .charts import (
    PAIR_HEIGHT_CM,
    PAIR_WIDTH_CM,
    Figure,
    assurance_icon,
    comparison_chart,
    indicator_chart,
    scores_chart,
    variation_icon,
)
from .figure_names import IndicatorFigure, indicator_figure
from .local_account_parts import local_account_charts

ASSURANCE_KEY = (Assurance.CONSISTENTLY_MET, Assurance.CONSISTENTLY_MISSED, Assurance.HIT_AND_MISS)


def key_icons() -> list[Figure]:
    """The icons of the dashboard's key: every variation and assurance state, named by the state."""
    icons: list[Figure] = [variation_icon(v, "", name=f"key-variation-{v.value}") for v in Variation]
    icons += [assurance_icon(a, "", name=f"key-assurance-{a.value}") for a in ASSURANCE_KEY]
    return icons


def indicator_figures(analysis: Analysis, printer: Printer, chart_width_cm: float = PAIR_WIDTH_CM) -> list[Figure]:
    """The dashboard's charts and icons, the comparison charts and the self-assessment's scores."""
    pack = analysis.pack
    figures: list[Figure] = []
    charted = {item.indicator.id for item in analysis.charted}
    for item in analysis.indicators:
        indicator = item.indicator
        if indicator.id in charted:
            figures.append(indicator_chart(item, printer, chart_width_cm, PAIR_HEIGHT_CM))
        if item.variation is not None:
            figures.append(variation_icon(item.variation, indicator.title,
                                          name=indicator_figure(IndicatorFigure.VARIATION_ICON, indicator.id)))
        if item.assurance is not None:
            figures.append(assurance_icon(item.assurance, indicator.title,
                                          name=indicator_figure(IndicatorFigure.ASSURANCE_ICON, indicator.id)))
    for item in analysis.compared_charted:
        if item.benchmark is not None:
            figures.append(comparison_chart(item.indicator, item.benchmark, pack.settings.council, printer))
    if pack.self_assessment is not None and pack.self_assessment.statements:
        figures.append(scores_chart(tuple((s.theme, s.name, s.score) for s in pack.self_assessment.statements),
                                    printer))
    return figures


def pack_figures(analysis: Analysis, printer: Printer) -> list[Figure]:
    """Every figure of the pack, in a stable order."""
    return indicator_figures(analysis, printer) + key_icons() + local_account_charts(analysis.pack, printer)
