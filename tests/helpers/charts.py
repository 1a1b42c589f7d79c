"""Charts drawn one at a time, as the figure tests draw them: a few indicators, series and the chart kinds
with the printer the pack uses; and charts whose text is as long as a council's can be."""

from __future__ import annotations

from dataclasses import replace

from scrutinyreport.analysis.series import spc_view
from scrutinyreport.content import charts
from scrutinyreport.figures import style
from scrutinyreport.figures.draw import draw
from scrutinyreport.formatting import Printer
from scrutinyreport.model import Amount, Benchmark, Indicator, Period, Polarity, Unit

REABLEMENT = Indicator(id="reablement", title="People receiving reablement who did not need long-term support",
                       theme="Prevention", unit=Unit.PERCENT, polarity=Polarity.HIGHER_IS_BETTER, target=77.5,
                       decimals=1)


SPEND = Indicator(id="spend", title="Gross spend per client", theme="Long-term support", unit=Unit.CURRENCY,
                  polarity=Polarity.LOWER_IS_BETTER, target=10000)


EN = Printer("en_GB")


def trend_chart(indicator, series, **more):
    return draw(charts.trend_chart(indicator, series, EN, **more))


def spc_chart(indicator, series, result, **more):
    return draw(charts.spc_chart(indicator, series, result, EN, **more))


def comparison_chart(indicator, benchmark, council="Council", **more):
    return draw(charts.comparison_chart(indicator, benchmark, council, EN, **more))


def breakdown_chart(amounts, title, kind="money", name=None, **more):
    name = name or ("breakdown-spend" if kind == "money" else "breakdown-people")
    return draw(charts.breakdown_chart(amounts, title, kind, EN, name=name, **more))


def self_assessment_chart(statements, **more):
    return draw(charts.scores_chart(statements, EN, **more))


END = Period(2025, 7)


def months(values: list[float | None], end: Period = END) -> list[tuple[Period, float | None]]:
    return [(end.shift(i - len(values) + 1), v) for i, v in enumerate(values)]


def reablement_values(n: int = 24) -> list[float | None]:
    base = [80.0, 79.1, 81.3, 78.8, 80.6, 79.4]
    values: list[float | None] = [base[i % 6] for i in range(n)]
    values[-2], values[-1] = 81.9, 82.8
    return values


TITLE = ("Proportion of older people (aged 65 and over) who were still at home 91 days after discharge from "
         "hospital into reablement services")[:120]


COUNCIL = "Royal Borough of Kingston upon Thamesmoor"[:40]


LARGE = [12_000_000 + 900_000 * ((k * 7) % 5 - 2) for k in range(36)]


def spc_at(indicator, series, width_cm):
    """The SPC chart as the analysis judges the series, at the given width."""
    view = spc_view(indicator, tuple(series))
    return spc_chart(view.indicator, view.series, view.result, width_cm=width_cm)


def long_charts():
    """(name, draw) for charts with a 120-character title, a 40-character council name and large values, at
    the widths the pack uses."""
    long_rate = replace(REABLEMENT, title=TITLE)
    large = replace(SPEND, title=TITLE, target=12_500_000)
    benchmark = Benchmark("reablement", "2024/25", council=82.8, england=79.0, region=80.1, comparator=81.2,
                          rank=12, rank_of=153)
    negative = Benchmark("spend", "2024/25", council=-12_345_678, england=11_000_000, region=None,
                         comparator=12_600_000)
    spending = [Amount(year, category, value) for year in ("2024/25", "2025/26")
                for category, value in ((TITLE, 1_234_567_890.0), ("Staffing", 10.3e6))]
    statements = [(COUNCIL, TITLE, 2), (COUNCIL, "Safeguarding", 4), (TITLE, "W" * 60, 1)]
    return [
        ("trend", lambda: trend_chart(long_rate, months(reablement_values(36)), width_cm=style.PAIR_WIDTH_CM)),
        ("spc", lambda: spc_at(long_rate, months(reablement_values(36)), style.PAIR_WIDTH_CM)),
        ("trend-large", lambda: trend_chart(large, months(LARGE), width_cm=style.PAIR_WIDTH_CM)),
        ("spc-large", lambda: spc_at(large, months(LARGE), style.PORTRAIT_WIDTH_CM)),
        ("comparison", lambda: comparison_chart(long_rate, benchmark, council=COUNCIL)),
        ("comparison-large", lambda: comparison_chart(large, negative, council=COUNCIL)),
        ("breakdown", lambda: breakdown_chart(spending, TITLE, "money")),
        ("self-assessment", lambda: self_assessment_chart(statements, title=TITLE)),
    ]
