"""Figures: data handling per chart kind, alt text, style rules, rendering, determinism, planning and cache."""

from __future__ import annotations

import datetime as dt
import io
import pickle

import pytest
from PIL import Image

from helpers.charts import (
    EN,
    END,
    REABLEMENT,
    SPEND,
    breakdown_chart,
    comparison_chart,
    months,
    reablement_values,
    self_assessment_chart,
    spc_chart,
    trend_chart,
)
from scrutinyreport.analysis import analyse
from scrutinyreport.analysis.series import spc_view
from scrutinyreport.analysis.spc import Assurance, Variation
from scrutinyreport.content import alt_text, charts
from scrutinyreport.content.charts import Figure
from scrutinyreport.content.figure_plan import indicator_figures
from scrutinyreport.figures import draw as drawing
from scrutinyreport.figures import style
from scrutinyreport.figures.draw import draw, draw_figures, figure_key
from scrutinyreport.figures.rendered import RenderedFigure
from scrutinyreport.model import (
    Amount,
    Author,
    Benchmark,
    Indicator,
    Observation,
    PackData,
    PackSettings,
    Period,
    Polarity,
    QualityStatement,
    SelfAssessment,
    Unit,
)

ADMISSIONS = Indicator(id="admissions_65", title="Permanent admissions 65+ per 100,000", theme="Long-term support",
                       unit=Unit.RATE_PER_100K, polarity=Polarity.LOWER_IS_BETTER, target=550, decimals=1)
CONCERNS = Indicator(id="concerns", title="Safeguarding concerns received", theme="Safeguarding",
                     unit=Unit.COUNT, polarity=Polarity.NEUTRAL)
REVIEWS = Indicator(id="reviews_ytd", title="Reviews completed year to date", theme="Long-term support",
                    unit=Unit.COUNT, polarity=Polarity.HIGHER_IS_BETTER, cumulative=True)


def variation_icon(variation, title="", **more):
    return draw(charts.variation_icon(variation, title, **more))


def assurance_icon(assurance, title="", **more):
    return draw(charts.assurance_icon(assurance, title, **more))


def image(figure: RenderedFigure) -> Image.Image:
    assert figure.png.startswith(b"\x89PNG\r\n\x1a\n")
    return Image.open(io.BytesIO(figure.png)).convert("RGB")


def assert_drawn(figure: RenderedFigure, min_ink: float = 0.01) -> None:
    """Right size for its width at the style's resolution, and not blank."""
    picture = image(figure)
    dpi = style.ICON_DPI if figure.name.startswith(("icon-", "key-")) else style.DPI
    assert picture.width == pytest.approx(figure.width_cm / 2.54 * dpi, abs=1)
    grey = picture.convert("L")
    histogram = grey.histogram()
    ink = 1 - histogram[255] / (picture.width * picture.height)
    assert ink > min_ink, f"{figure.name} looks blank"
    assert len(picture.getcolors(1 << 16) or []) > 3
    assert figure.alt_text and figure.description
    assert len(figure.alt_text) <= alt_text.ALT_TEXT_LIMIT


# ---------------------------------------------------------------- trend chart

def test_trend_alt_text_reads_as_the_brief_example():
    figure = trend_chart(REABLEMENT, months(reablement_values(24)))
    assert figure.alt_text == (
        "Line chart of people receiving reablement who did not need long-term support, August 2023 to July 2025. "
        "Latest 82.8% in July 2025, above the target of 77.5%; up from 81.9% in June 2025.")
    assert figure.name == "trend-reablement"
    assert figure.width_cm == style.PORTRAIT_WIDTH_CM
    assert_drawn(figure)


def test_trend_with_gaps_says_so_and_still_draws():
    values = reablement_values(24)
    values[5] = values[6] = None
    figure = trend_chart(REABLEMENT, months(values))
    assert "2 months have no data (January 2024, February 2024)" in figure.description
    assert_drawn(figure)


def test_trend_latest_month_missing_uses_latest_available():
    values = reablement_values(24)
    values[-1] = None
    figure = trend_chart(REABLEMENT, months(values))
    assert figure.alt_text.endswith("No data for July 2025. Latest 81.9% in June 2025, above the target of 77.5%; "
                                    "up from 78.8% in May 2025.")


def test_trend_single_point():
    figure = trend_chart(REABLEMENT, months([76.0]))
    assert figure.alt_text == ("Line chart of people receiving reablement who did not need long-term support, "
                               "July 2025. Latest 76.0% in July 2025, below the target of 77.5%.")
    assert_drawn(figure)


def test_trend_all_missing():
    figure = trend_chart(REABLEMENT, months([None] * 12))
    assert "There is no data for any month." in figure.alt_text
    assert_drawn(figure)


def test_trend_negative_change_and_no_target():
    figure = trend_chart(CONCERNS, months([1924, 1850]))
    assert figure.alt_text.endswith("Latest 1,850 in July 2025; down from 1,924 in June 2025.")
    assert "target" not in figure.alt_text.lower()
    assert_drawn(figure)


def test_trend_equal_at_printed_precision_is_unchanged():
    figure = trend_chart(REABLEMENT, months([80.04, 79.96]))
    assert "unchanged from 80.0% in June 2025" in figure.alt_text
    assert "on the target" not in figure.alt_text


def test_trend_rate_and_money_units_in_words():
    assert "Latest 540.2 per 100,000 in July 2025, below the target of 550.0 per 100,000" in \
        trend_chart(ADMISSIONS, months([560.0, 540.2])).alt_text
    assert "Latest £10,080 in July 2025, above the target of £10,000" in \
        trend_chart(SPEND, months([9900, 10080])).alt_text


def test_trend_cumulative_compares_with_a_year_earlier():
    values: list[float | None] = [float(10 * ((i + 9) % 12 + 1)) for i in range(16)]  # Apr restarts
    figure = trend_chart(REVIEWS, months(values))
    assert "in July 2024" in figure.alt_text
    assert "year-to-date" in figure.description
    assert_drawn(figure)


def spc(indicator: Indicator, series: list[tuple[Period, float | None]]) -> RenderedFigure:
    """The SPC chart of a series as the analysis judges it."""
    view = spc_view(indicator, tuple(series))
    assert view is not None
    return spc_chart(view.indicator, view.series, view.result)


def test_the_analysis_keeps_the_last_36_months_for_the_charts():
    pack = make_pack(months_of_data=48)
    trend = analyse(pack).indicator("reablement").trend
    assert len(trend) == 36 and trend[0][0] == Period(2022, 8) and trend[-1][0] == END
    assert "August 2022 to July 2025" in trend_chart(REABLEMENT, list(trend)).alt_text


def test_titles_with_braces_and_dollars_are_safe():
    odd = Indicator(id="odd", title="Measure {x} of $5 and $_{6}^ 100%", theme="t", unit=Unit.COUNT,
                    polarity=Polarity.NEUTRAL)
    figure = trend_chart(odd, months([1.0, 2.0]))
    assert figure.alt_text.startswith("Line chart of measure {x} of $5 and $_{6}^ 100%,")
    assert_drawn(figure)


def test_long_title_is_shortened_in_alt_text_but_figures_kept():
    long = Indicator(id="x", title="Permanent admissions to residential and nursing care homes of people aged 65 "
                     "and over, per 100,000 population, rolling twelve months, excluding short stays",
                     theme="t", unit=Unit.RATE_PER_100K, polarity=Polarity.LOWER_IS_BETTER, target=550, decimals=1)
    figure = trend_chart(long, months([560.1, 561.2]))
    assert len(figure.alt_text) <= 250
    assert "\u2026" in figure.alt_text
    assert figure.alt_text.endswith("Latest 561.2 per 100,000 in July 2025, above the target of 550.0 per 100,000; "
                                    "up from 560.1 per 100,000 in June 2025.")


# ---------------------------------------------------------------- SPC chart

def test_spc_chart_with_signals_describes_them():
    values: list[float | None] = [10, 14] * 7 + [30.0]
    figure = spc(Indicator("x", "Test measure", "t", Unit.COUNT, Polarity.HIGHER_IS_BETTER), months(values))
    assert "special cause variation: improving (high)" in figure.alt_text
    assert figure.description.endswith("Special cause variation: 1 point showing improvement (high), July 2025: "
                                       "beyond a process limit.")
    assert_drawn(figure)


def test_spc_chart_too_few_points_has_no_limits():
    figure = spc(REABLEMENT, months(reablement_values(12)))
    assert "too few for process limits" in figure.alt_text
    assert_drawn(figure)


def test_spc_chart_with_gaps_and_all_missing():
    values = reablement_values(24)
    values[3] = values[4] = None
    assert "hit and miss" in spc(REABLEMENT, months(values)).alt_text
    empty = spc(REABLEMENT, months([None] * 20))
    assert "0 points with data" in empty.alt_text
    assert_drawn(empty)


def test_spc_chart_neutral_has_no_assurance():
    values: list[float | None] = [100, 120] * 8
    figure = spc(CONCERNS, months(values))
    assert figure.alt_text.endswith("common cause variation.")
    assert_drawn(figure)


# ---------------------------------------------------------------- comparison chart

BENCHMARK = Benchmark("reablement", "2024/25", council=81.5, england=77.9, region=79.8, comparator=79.1,
                      rank=20, rank_of=153, council_numerator=815, council_denominator=1000)
BEHIND = Benchmark("reablement", "2024/25", council=74.2, england=77.9, region=79.8, comparator=79.1,
                   rank=120, rank_of=153, council_numerator=742, council_denominator=1000)
# worse than England beyond chance (Wilson 71.4% to 76.8%): the dashboard charts it


def test_comparison_chart_values_and_rank():
    figure = comparison_chart(REABLEMENT, BENCHMARK, "Testshire County Council")
    assert "Testshire County Council 81.5%, England 77.9%, region 79.8%, comparator average 79.1%" in figure.alt_text
    assert "Rank 20 of 153 councils." in figure.alt_text
    assert_drawn(figure)


def test_comparison_chart_missing_values_and_no_rank():
    figure = comparison_chart(REABLEMENT, Benchmark("reablement", "2024/25", council=81.5, england=None))
    assert "England No data" in figure.alt_text
    assert "Rank" not in figure.alt_text
    assert_drawn(figure)


def test_comparison_chart_negative_values():
    change = Indicator("c", "Change in spend", "t", Unit.PERCENT, Polarity.LOWER_IS_BETTER, decimals=1)
    figure = comparison_chart(change, Benchmark("c", "2024/25", council=-2.5, england=1.5, region=-0.5,
                                                comparator=0.0))
    assert "Council -2.5%" in figure.alt_text or "Council \u22122.5%" in figure.alt_text
    assert_drawn(figure)


# ---------------------------------------------------------------- breakdown chart

FINANCE = (Amount("2024/25", "Care packages", 55_400_000), Amount("2024/25", "Staffing", 10_300_000),
           Amount("2024/25", "Prevention", 2_100_000), Amount("2025/26", "Care packages", 56_600_000),
           Amount("2025/26", "Staffing", 10_900_000), Amount("2025/26", "Prevention", 2_200_000),
           Amount("2023/24", "Care packages", 50_000_000))


def test_breakdown_uses_the_two_latest_years_largest_first():
    figure = breakdown_chart(FINANCE, "Spending on adult social care", "money")
    assert figure.name == "breakdown-spend"
    assert "2024/25 and 2025/26" in figure.alt_text
    assert "Total £69.7m in 2025/26, compared with £67.8m in 2024/25" in figure.alt_text
    assert "Largest: Care packages £56.6m" in figure.alt_text
    assert figure.description.index("Care packages") < figure.description.index("Prevention")
    assert_drawn(figure)


def test_breakdown_people_counts_and_category_in_one_year_only():
    people = (Amount("2024/25", "Physical support", 1262), Amount("2025/26", "Physical support", 1271),
              Amount("2025/26", "Sensory support", 35))
    figure = breakdown_chart(people, "People supported", "people")
    assert figure.name == "breakdown-people"
    assert "Sensory support: no data in 2024/25, 35 in 2025/26" in figure.description
    assert "Total 1,306 in 2025/26, compared with 1,262 in 2024/25" in figure.alt_text
    assert_drawn(figure)


def test_breakdown_single_year_and_empty_and_bad_kind():
    one = breakdown_chart(FINANCE[:3], "Spending", "money")
    assert "2024/25." in one.alt_text and "compared" not in one.alt_text
    assert_drawn(one)
    empty = breakdown_chart((), "Spending", "money")
    assert "no data" in empty.alt_text
    assert image(empty).width > 0
    with pytest.raises(ValueError):
        breakdown_chart(FINANCE, "Spending", "pies")


# ---------------------------------------------------------------- self-assessment chart

STATEMENTS = [("Working with people", "Assessing needs", 2),
              ("Working with people", "Supporting people to lead healthier lives", 3),
              ("Providing support", "Care provision, integration and continuity", 3),
              ("Working with people", "Equity in experience and outcomes", 2),
              ("Leadership", "Learning, improvement and innovation", 4)]


def test_self_assessment_groups_by_theme_in_first_appearance_order():
    figure = self_assessment_chart(STATEMENTS)
    assert figure.alt_text == ("Bar chart of the self-assessment scores (1 to 4) for 5 quality statements in 3 "
                               "themes: 1 scored 4, 2 scored 3, 2 scored 2.")
    description = figure.description
    assert description.index("Working with people:") < description.index("Providing support:") \
        < description.index("Leadership:")
    assert "Working with people: Assessing needs 2; Supporting people to lead healthier lives 3; Equity in " \
           "experience and outcomes 2." in description
    assert_drawn(figure)


def test_self_assessment_refuses_scores_outside_1_to_4_and_handles_none():
    with pytest.raises(ValueError):
        self_assessment_chart([("Leadership", "Safeguarding", 5)])
    empty = self_assessment_chart([])
    assert "no quality statements" in empty.alt_text


# ---------------------------------------------------------------- icons

@pytest.mark.parametrize("variation", list(Variation))
def test_every_variation_icon(variation):
    figure = variation_icon(variation, "People who did not need long-term support")
    assert figure.alt_text.startswith(variation.label)
    assert figure.width_cm == style.ICON_SIZE_CM
    assert_drawn(figure, min_ink=0.05)


@pytest.mark.parametrize("assurance", [Assurance.CONSISTENTLY_MET, Assurance.CONSISTENTLY_MISSED,
                                       Assurance.HIT_AND_MISS])
def test_every_assurance_icon(assurance):
    figure = assurance_icon(assurance)
    assert figure.alt_text == assurance.label.split(":")[0] + "."
    assert_drawn(figure, min_ink=0.05)


def test_icons_differ_by_state():
    pngs = {variation_icon(v).png for v in Variation} | {assurance_icon(a).png for a in
                                                        (Assurance.PASS, Assurance.FAIL, Assurance.HIT_AND_MISS)}
    assert len(pngs) == len(Variation) + 3


# ---------------------------------------------------------------- style

def test_text_colours_meet_contrast_on_white():
    for colour in style.TEXT_COLOURS:
        assert style.contrast_ratio(colour) >= 4.5, colour


def test_point_colours_differ_in_greyscale_and_against_white():
    luminances = [style.relative_luminance(c) for c in (style.IMPROVEMENT, style.COMMON, style.CONCERN)]
    assert luminances == sorted(luminances)
    assert min(b - a for a, b in zip(luminances, luminances[1:])) > 0.05
    assert style.relative_luminance(style.EARLIER) - style.relative_luminance(style.HIGHLIGHT) > 0.2
    for colour in (style.IMPROVEMENT, style.COMMON, style.NEITHER, style.TARGET, style.SERIES):
        assert style.contrast_ratio(colour) >= 3  # graphics against white (WCAG 1.4.11)


def test_same_data_gives_identical_bytes_and_no_timestamp():
    a = trend_chart(REABLEMENT, months(reablement_values()))
    b = trend_chart(REABLEMENT, months(reablement_values()))
    assert a.png == b.png
    assert b"tIME" not in a.png and b"Software" not in a.png and b"matplotlib" not in a.png.lower()
    assert trend_chart(REABLEMENT, months(reablement_values()[:-1] + [82.9])).png != a.png


# ---------------------------------------------------------------- planning and drawing a pack

def make_pack(months_of_data: int = 24, benchmarks: tuple[Benchmark, ...] = (BENCHMARK,),
              finance: tuple[Amount, ...] = FINANCE, statements: list[tuple[str, str, int]] | None = None) -> PackData:
    indicators = (REABLEMENT, ADMISSIONS, CONCERNS, SPEND)
    periods = tuple(END.shift(i - months_of_data + 1) for i in range(months_of_data))
    series = {"reablement": reablement_values(months_of_data),
              "admissions_65": [560.0 + (i % 5) for i in range(months_of_data)],
              "concerns": [1900.0 + 10 * (i % 3) for i in range(months_of_data)],
              "spend": [None] * months_of_data}
    observations = {key: {p: Observation(key, p, v) for p, v in zip(periods, values)}
                    for key, values in series.items()}
    settings = PackSettings(council="Testshire County Council", committee="Adults Scrutiny",
                            meeting_date=dt.date(2025, 9, 9), report_title="Performance", author=Author("Lead"),
                            dashboard_charts="all")
    return PackData(settings=settings, indicators=indicators, observations=observations, periods=periods,
                    period=END, benchmarks=benchmarks, finance=finance, self_assessment=SelfAssessment(
                        None, tuple(QualityStatement(f"s{i}", name, theme, score)
                                    for i, (theme, name, score) in enumerate(statements or []))),
                    activity=(Amount("2024/25", "Physical support", 1262),
                              Amount("2025/26", "Physical support", 1271)))


def plan(pack: PackData) -> list[Figure]:
    return indicator_figures(analyse(pack), EN)


def test_plan_figures_names_and_choices():
    requests = plan(make_pack(benchmarks=(BEHIND,), statements=STATEMENTS))
    names = [r.name for r in requests]
    assert names == ["spc-reablement", "icon-variation-reablement", "icon-assurance-reablement",
                     "spc-admissions_65", "icon-variation-admissions_65", "icon-assurance-admissions_65",
                     "spc-concerns", "icon-variation-concerns",
                     "comparison-reablement", "self-assessment-scores"]
    better = [r.name for r in plan(make_pack(benchmarks=(BENCHMARK,), statements=STATEMENTS))]
    assert better == [n for n in names if n != "comparison-reablement"]   # charted only where worse
    assert all(len(figure_key(r)) == 64 for r in requests)
    assert requests[0].width_cm == style.PAIR_WIDTH_CM
    assert pickle.loads(pickle.dumps(requests)) == requests


def test_plan_figures_without_enough_points_benchmarks_finance_or_statements():
    requests = plan(make_pack(months_of_data=6, benchmarks=(), finance=FINANCE[:3]))
    names = [r.name for r in requests]
    assert not any(n.startswith(("icon-", "key-", "comparison-", "breakdown-", "self-")) for n in names)
    assert "trend-reablement" in names     # too few points for SPC: a trend


def test_comparison_uses_each_indicators_latest_benchmark_year():
    older = Benchmark("reablement", "2023/24", council=82, england=77)
    only = Benchmark("admissions_65", "2023/24", council=600, england=560, council_numerator=1200,
                     council_denominator=200_000)     # Byar's 566.5 to 635.0: worse than England
    requests = {r.name: r for r in plan(make_pack(benchmarks=(older, BEHIND, only)))}
    assert requests["comparison-reablement"].subtitle.startswith("2024/25.")    # BEHIND's year
    assert requests["comparison-admissions_65"].subtitle.startswith("2023/24.")  # the only one it has
    better_now = {r.name for r in plan(make_pack(benchmarks=(Benchmark("reablement", "2023/24", council=70,
                                                                        england=77), BENCHMARK)))}
    assert "comparison-reablement" not in better_now    # the latest year decides, and it is better


def test_keys_are_stable_and_follow_the_data():
    first = {r.name: figure_key(r) for r in plan(make_pack(benchmarks=(BEHIND,)))}
    assert first == {r.name: figure_key(r) for r in plan(make_pack(benchmarks=(BEHIND,)))}
    other = Benchmark("reablement", "2024/25", council=73.0, england=77.9, region=79.8, comparator=79.1,
                      council_numerator=730, council_denominator=1000)
    changed = {r.name: figure_key(r) for r in plan(make_pack(benchmarks=(other,)))}
    assert changed["comparison-reablement"] != first["comparison-reablement"]
    assert changed["spc-reablement"] == first["spc-reablement"]


def test_draw_figures_caches_and_reuses(tmp_path, monkeypatch):
    requests = plan(make_pack(statements=STATEMENTS))
    drawn = draw_figures(requests, tmp_path, processes=1)
    assert list(drawn) == [r.name for r in requests]
    for figure in drawn.values():
        assert_drawn(figure, min_ink=0.005)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{figure_key(r)}.figure" for r in requests)
    assert not list(tmp_path.glob("*.tmp"))

    def refuse(figure):
        raise AssertionError("a cached figure was drawn again")
    monkeypatch.setattr(drawing, "draw", refuse)
    again = draw_figures(requests, tmp_path, processes=2)
    assert again == drawn


def test_a_damaged_cache_entry_is_redrawn(tmp_path):
    requests = plan(make_pack())[:2]
    first = draw_figures(requests, tmp_path, processes=1)
    entry = tmp_path / f"{figure_key(requests[0])}.figure"
    header = entry.read_bytes().partition(b"\n")[0]
    entry.write_bytes(header + b"\nnot a png")              # the picture does not match its hash
    assert draw_figures(requests, tmp_path, processes=1) == first
    entry.write_bytes(b"{not json")                         # the words are damaged
    assert draw_figures(requests, tmp_path, processes=1) == first
    assert entry.read_bytes().partition(b"\n")[2] == first[requests[0].name].png   # written again whole


def test_pooled_drawing_gives_the_same_bytes_as_sequential(monkeypatch):
    monkeypatch.setattr(drawing, "POOL_MINIMUM", 2)
    requests = plan(make_pack(statements=STATEMENTS))
    assert draw_figures(requests, None, processes=2) == draw_figures(requests, None, processes=1)


def test_a_failing_figure_is_named():
    from dataclasses import replace
    bad = replace(charts.trend_chart(REABLEMENT, months([80.0, 81.0]), EN, name="trend-bad"), texts=())
    with pytest.raises(RuntimeError, match="trend-bad"):
        draw_figures([bad], None, processes=1)
