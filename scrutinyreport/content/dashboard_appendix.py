"""What the performance dashboard appendix says (A4 landscape), read by a committee in minutes.

A summary and a short key; per theme one table (indicator with its analysis under it, direction, RAG,
target, previous and latest figures, SPC icons); the comparisons with England as one table; charts for the
exceptions, then for the measures where the council does worse than England, two to a row, each with a
caption and a one-sentence reading; with ``dashboard_charts: all`` an annex of every indicator's chart; a
glossary. The rows, columns and sentences come from ``dashboard.py``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..analysis import Analysis, IndicatorAnalysis
from ..analysis.spc import Assurance, Variation
from ..formatting import Printer
from .blocks import (
    Body,
    Cell,
    Column,
    Document,
    FigureMap,
    Paragraph,
    Picture,
    Properties,
    Run,
    Shade,
    Style,
    Table,
    paragraph,
)
from .dashboard import (
    ANALYSIS_LABEL,
    COLUMNS,
    ComparisonRow,
    DashboardRow,
    Headers,
    chart_reading,
    column_headers,
    comparison_rows,
    dashboard_rows,
    printed_analysis,
)
from .figure_names import IndicatorFigure, indicator_figure, main_chart

ICON_WIDTH_CM = 0.8
TEXT_WIDTH_CM = 25.6
CHART_WIDTH_CM = 12.2          # two side by side on a landscape page (25.6 cm of text width)
KEY_ICON_WIDTH_CM = 0.7

def glossary(analysis: Analysis) -> tuple[tuple[str, str], ...]:
    """The jargon, in plain words; the SPC rules with the run lengths this pack uses."""
    rules = analysis.pack.settings.spc
    runs = (f"{rules.trend_run} rising or falling in a row; two of three near a limit; {rules.shift_run} in a row "
            "on one side of the mean")
    return (
        ("ASCOF", "The Adult Social Care Outcomes Framework: national measures every council in England reports. "
                  "Rank 1 is the best."),
        ("Statistical process control (SPC)", "The NHS 'Making Data Count' way of telling real change from the "
                                              "usual ups and downs, on XmR charts (each figure, X, and its movement "
                                              "from the one before, the moving range mR). Not used for year-to-date "
                                              "totals, which climb all year, nor for rolling figures (such as a "
                                              "rolling 12 months), each of which shares most of its months with the "
                                              "one before."),
        ("Mean and process limits", "The average of the figures, and the range they stay within if nothing changes "
                                    "(the mean plus or minus 2.66 times the average movement; at least 13 "
                                    "figures)."),
        ("Common and special cause variation", f"Common cause: the usual ups and downs. Special cause: a change "
                                               f"unlikely to be chance (a figure beyond a limit; {runs}). Runs of "
                                               f"{rules.shift_run} and {rules.trend_run} are set in pack.yaml; 7 is "
                                               "our default, as NHSRplotthedots uses; the Making Data Count tool "
                                               "uses 6."),
        ("Assurance", "Whether the target will reliably be met, reliably be missed, or sometimes be met, from where "
                      "it sits against the limits; not judged while the process is changing."),
        ("Change to the process (rebase)", "A deliberate change, such as the yearly fee uplift: the mean and limits "
                                           "are worked out again from that month, and the chart says why. Until "
                                           "there are enough figures since the change they are trial limits, "
                                           "drawn but not judged by."),
        ("Exception", "An indicator charted after the tables: Red; a special cause of concern; where SPC cannot "
                      "judge it, worse than its comparison figure by more than its tolerance (by any amount where "
                      "it has none); or asked for. "
                      "Moving the wrong way within the usual ups and downs is not an exception."),
        ("Compared with England", "Better, similar or worse only where the difference was tested with the "
                                  "council's 95% confidence interval (Wilson's method for a proportion of people, "
                                  "Byar's for a rate per population, the published interval for a survey score): "
                                  "England inside the interval means 'similar'. Without an interval, 'higher' or "
                                  "'lower (not tested)'."),
    )


SHADES = (Shade.GREEN, Shade.AMBER, Shade.RED)


def title(appendix_number: int) -> str:
    return f"Appendix {appendix_number}: Performance dashboard"


# ---------------------------------------------------------------- summary and key

def _have(count: int) -> str:
    return f"{count} has" if count == 1 else f"{count} have"


def compared_elsewhere(analysis: Analysis) -> int:
    """How many indicators' direction is against a figure from another period than the previous report's (a
    quarter's or year's own previous figure, the same month a year before, the latest before a month with
    none)."""
    return sum(1 for item in analysis.indicators
               if (figure := item.assessment.previous_figure) is not None
               and figure.period.end != analysis.previous_period)


def summary_sentence(analysis: Analysis, printer: Printer) -> str:
    counts = analysis.counts
    previous, latest = column_headers(analysis, printer)
    elsewhere = compared_elsewhere(analysis)
    if not analysis.previous_period:
        movement = f"{counts.improving} improved and {counts.worsening} worsened on their previous figure."
    elif elsewhere:
        movement = (f"On their previous figure, {counts.improving} improved and {counts.worsening} worsened: for "
                    f"most, the previous report's ({previous}); for {elsewhere}, the period in brackets in the "
                    "tables (a quarterly or annual measure's previous quarter or year, a year-to-date one's same "
                    "month a year before).")
    else:
        movement = (f"Compared with the previous report ({previous}), {counts.improving} improved and "
                    f"{counts.worsening} worsened.")
    return (f"Of the {counts.total} indicators in {latest}, {counts.green} are Green "
            f"(on target), {counts.amber} Amber (close to target) and {counts.red} Red (off target); "
            f"{_have(counts.no_target)} no target and {_have(counts.no_data)} no data. {movement}")


def _summary(body: Body, analysis: Analysis, printer: Printer, charts: str) -> None:
    counts = analysis.counts
    body.heading("Summary", 1)
    body.paragraph(" ".join(filter(None, (summary_sentence(analysis, printer), charts))))
    values = (counts.green, counts.amber, counts.red, counts.no_target, counts.no_data, counts.improving,
              counts.worsening)
    headers = ("Green", "Amber", "Red", "No target", "No data", "Improving", "Worsening")
    shades: list[Shade | None] = [*SHADES, None, None, None, None]
    body.add(Table(tuple(Column(h, align="center", shade=s) for h, s in zip(headers, shades)),
                   (tuple(Cell(str(v)) for v in values),),
                   caption="How many indicators are Green, Amber and Red, and how many improved"))


def _icons_in_use(analysis: Analysis) -> tuple[list[Variation], list[Assurance]]:
    variations = {item.variation for item in analysis.indicators if item.variation is not None}
    assurances = {item.assurance for item in analysis.indicators if item.assurance is not None}
    return [v for v in Variation if v in variations], [a for a in Assurance if a in assurances]


def _key(body: Body, analysis: Analysis, figures: FigureMap) -> None:
    body.heading("How to read this dashboard", 1)
    rows: list[tuple[Cell, ...]] = [
        (Cell("Green", shade=Shade.GREEN), Cell("On target or better."), Cell("Amber", shade=Shade.AMBER),
         Cell("Worse than target, but close to it (within the amber tolerance).")),
        (Cell("Red", shade=Shade.RED), Cell("Worse than target by more than that."), Cell("(no new data)"),
         Cell("No figure yet for this period: the latest earlier one is shown, with its period.")),
        (Cell("\u2191 \u2193 \u2192"), Cell("Up, down or level since the previous report (quarterly and yearly "
                                            "figures: since the previous quarter or year; year-to-date figures: "
                                            "since the same month last year). The word says if that is better or "
                                            "worse."), Cell("Icons"),
         Cell("From statistical process control: variation says if the latest figure shows real change or the "
              "usual ups and downs; assurance, if the target will reliably be met. The glossary explains the "
              "terms.")),
    ]
    variations, assurances = _icons_in_use(analysis)
    icons = [(figures.get(f"key-variation-{v.value}"), v.label) for v in variations]
    icons += [(figures.get(f"key-assurance-{a.value}"), a.label) for a in assurances]
    present = [(figure, label) for figure, label in icons if figure is not None]
    for start in range(0, len(present), 2):
        pair = present[start:start + 2]
        cells: list[Cell] = []
        for figure, label in pair:
            cells += [Cell(picture=Picture(figure, KEY_ICON_WIDTH_CM), middle=True), Cell(label, middle=True)]
        if len(pair) == 1:
            cells += [Cell(middle=True), Cell(middle=True)]
        rows.append(tuple(cells))
    body.add(Table((Column("Symbol", 2.6), Column("Meaning", 10.2), Column("Symbol", 2.6), Column("Meaning", 10.2)),
                   tuple(rows), caption="What the colours, arrows and icons mean"))


# ---------------------------------------------------------------- theme tables

def _analysis_note(note: str) -> Paragraph:
    """The analysis under the indicator's name, labelled as the seed dashboards label it."""
    return Paragraph((Run(ANALYSIS_LABEL, bold=True), Run(note)), Style.NOTE)


def _theme_table(body: Body, theme: str, rows: list[DashboardRow], headers: Headers, printer: Printer,
                 figures: FigureMap) -> None:
    body.heading(theme, 1)
    table_rows = []
    for row in rows:
        cells = []
        for index, column in enumerate(COLUMNS):
            icon = figures.get(indicator_figure(column.icon, row.id)) if column.icon else None
            note = printed_analysis(row, printer) if index == 0 else ""
            cells.append(Cell(
                "" if icon else column.text(row, headers),
                notes=(_analysis_note(note),) if note else (),
                shade=Shade(row.rag) if column.rag and row.rag in SHADES else None,
                picture=Picture(icon, ICON_WIDTH_CM) if icon is not None else None))
        table_rows.append(tuple(cells))
    body.add(Table(tuple(Column(c.heading(headers), c.width_cm, c.align) for c in COLUMNS), tuple(table_rows),
                   caption=f"{theme}: each indicator's latest figure against its target"))


# ---------------------------------------------------------------- charts, two to a row

Chart = tuple[Picture, str, str]    # the chart placed, its name in the caption, and what the caption says of it


def _chart(item: IndicatorAnalysis, figures: FigureMap) -> Picture | None:
    figure = figures.get(indicator_figure(main_chart(item.spc_result is not None), item.indicator.id))
    return Picture(figure, CHART_WIDTH_CM) if figure is not None else None


def _pairs(body: Body, charts: Sequence[Chart]) -> None:
    """Charts side by side in pairs, each pair followed by one caption paragraph that numbers, names (left,
    right) and reads both."""
    for start in range(0, len(charts), 2):
        pair = charts[start:start + 2]
        sides = (" (left)", " (right)") if len(pair) == 2 else ("",)
        body.figure_row([(picture, f"{name}{side}{detail}") for (picture, name, detail), side in zip(pair, sides)])


def _indicator_charts(items: Sequence[IndicatorAnalysis], rows: dict[str, DashboardRow], headers: Headers,
                      figures: FigureMap, why: bool) -> list[Chart]:
    charts = []
    for item in items:
        picture = _chart(item, figures)
        if picture is None:
            continue
        row = rows[item.indicator.id]
        reasons = ", ".join(reason.value for reason in item.exception)
        shown = f" [{reasons[0].upper()}{reasons[1:]}]" if why and reasons else ""
        charts.append((picture, row.title, f"{shown}. {chart_reading(row, headers)}"))
    return charts


def charts_sentence(exceptions: int, worse: int) -> str:
    """What the charts section holds, said on the first page: '' when it holds nothing."""
    parts = []
    if exceptions:
        parts.append(f"the {exceptions} exceptions (Red; a special cause of concern; worse by more than the "
                     "tolerance where SPC cannot judge; or asked for: the reason is in brackets in each caption)")
    if worse:
        parts.append(f"the {worse} measures where we do worse than England")
    return ("Charts follow the tables for " + ", then ".join(parts) + ".") if parts else ""


# ---------------------------------------------------------------- comparisons with England

def _comparisons(body: Body, analysis: Analysis, compared: list[ComparisonRow]) -> None:
    if not compared:
        return
    council = analysis.pack.settings.council
    body.heading("How we compare with England", 1)
    body.add(paragraph("The latest published comparison for each measure. 'Similar' means the difference from "
                       "England could be chance; 'not tested' that no interval is published to tell.",
                       keep_with_next=True))
    columns = (Column("Indicator", 11.0), Column("Year", 1.6), Column(council, 2.3, "right"),
               Column("England", 1.9, "right"), Column("Region", 1.9, "right"),
               Column("Similar councils", 2.2, "right"), Column("Rank", 2.2, "right"),
               Column("Compared with England", 2.5))
    body.add(Table(columns, tuple(tuple(Cell(text) for text in (r.title, r.year, r.council, r.england, r.region,
                                                                 r.comparator, r.rank, r.verdict))
                                  for r in compared),
                   keep_together=True, caption="How we compare with England, the region and similar councils"))


def _comparison_charts(rows: Sequence[ComparisonRow], figures: FigureMap) -> list[Chart]:
    charts = []
    for row in rows:
        figure = figures.get(indicator_figure(IndicatorFigure.COMPARISON, row.id))
        if figure is not None:
            rank = f", ranked {row.rank}" if row.rank else ""
            charts.append((Picture(figure, CHART_WIDTH_CM), row.title,
                           f", {row.year}: {row.council} against England's {row.england}{rank}."))
    return charts


# ---------------------------------------------------------------- the document

def dashboard_appendix(analysis: Analysis, figures: FigureMap, printer: Printer, appendix_number: int) -> Document:
    """The dashboard appendix's content; ``figures`` are the pack's planned figures by name."""
    pack = analysis.pack
    settings = pack.settings
    heading = title(appendix_number)
    meeting_date = printer.long_date(settings.meeting_date)
    fields = {
        "council": settings.council, "committee": settings.committee, "meeting_date": meeting_date,
        "title": heading,
        "subtitle": f"{settings.council} adult social care performance to the end of {printer.month(pack.period)}.",
    }
    body = Body()
    rows = dashboard_rows(analysis, printer)
    by_id = {row.id: row for row in rows}
    headers = column_headers(analysis, printer)
    compared = comparison_rows(analysis, printer)
    exceptions = _indicator_charts(analysis.exceptions, by_id, headers, figures, why=True)
    worse = _comparison_charts([r for r in compared if r.worse], figures)
    _summary(body, analysis, printer, charts_sentence(len(exceptions), len(worse)))
    _key(body, analysis, figures)
    for theme in pack.themes:
        _theme_table(body, theme, [r for r in rows if r.theme == theme], headers, printer, figures)
    _comparisons(body, analysis, compared)
    if exceptions or worse:
        body.heading("Charts for the exceptions", 1)
        _pairs(body, exceptions + worse)
    if settings.dashboard_charts == "all":
        annex = _indicator_charts(analysis.charted, by_id, headers, figures, why=False)
        if annex:
            body.heading("Annex: a chart for every indicator", 1)
            _pairs(body, annex)
    body.heading("Glossary", 1)
    body.add(Table((Column("Term", 6.0), Column("Meaning", 19.6)),
                   tuple((Cell(term), Cell(meaning)) for term, meaning in glossary(analysis)), keep_together=True,
                   caption="Glossary"))
    properties = Properties(
        title=f"{heading}, {printer.month(pack.period)}", subject=f"{settings.committee}, {meeting_date}",
        author=settings.council, keywords="adult social care; performance dashboard; RAG; statistical process control",
        date=settings.meeting_date, language=printer.language)
    return Document(fields, properties, body.build())
