"""Appendix: the performance dashboard (A4 landscape), read by a committee in minutes.

A summary and a short key; per theme one table (indicator with its analysis under it, direction, RAG,
target, previous and latest figures, SPC icons); charts for the exceptions two to a page, each with a
caption and a one-sentence reading; the comparisons with England as one table, with charts where the
council does worse; with ``dashboard_charts: all`` an annex of every indicator's chart; a glossary.

The rows, columns and sentences come from ``scrutinyreport.dashboard``; this module only writes Word.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from docx.enum.table import WD_ALIGN_VERTICAL
from docx.table import _Cell

from ..analysis import Analysis, IndicatorAnalysis
from ..analysis.rag import Rag
from ..analysis.spc import Assurance, Variation
from ..content.dashboard import (
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
from ..content.figure_names import IndicatorFigure, indicator_figure, main_chart
from ..figures.rendered import RenderedFigure
from ..formatting import format_long_date, format_month
from ..word import styles
from ..word.markdown import add_heading, add_table, keep_together
from ..word.pictures import add_captions, place_picture
from ..word.render import DocumentProperties, render_template
from ..word.shading import shade

TEMPLATE = "dashboard_appendix.docx"
ICON_WIDTH_CM = 0.8
TEXT_WIDTH_CM = 25.6
CHART_WIDTH_CM = 12.2          # two side by side on a landscape page (25.6 cm of text width)
KEY_ICON_WIDTH_CM = 0.7

GLOSSARY = (
    ("ASCOF", "The Adult Social Care Outcomes Framework: national measures every council in England reports. "
              "Rank 1 is the best."),
    ("Statistical process control (SPC)", "The NHS 'Making Data Count' way of telling real change from the usual "
                                          "ups and downs, on XmR charts (each figure, X, and its movement from the "
                                          "one before, the moving range mR)."),
    ("Mean and process limits", "The average of the figures, and the range they stay within if nothing changes "
                                "(the mean plus or minus 2.66 times the average movement; at least 13 figures)."),
    ("Common and special cause variation", "Common cause: the usual ups and downs. Special cause: a change unlikely "
                                           "to be chance (a figure beyond a limit; 7 rising or falling in a row; two "
                                           "of three near a limit; 7 in a row on one side of the mean)."),
    ("Assurance", "Whether the target will reliably be met, reliably be missed, or sometimes be met, from where it "
                  "sits against the limits; not judged while the process is changing."),
    ("Change to the process (rebase)", "A deliberate change, such as the yearly fee uplift: the mean and limits are "
                                       "worked out again from that month."),
    ("95% confidence interval", "For a proportion of people, the range the true figure probably lies in (Wilson's "
                                "method): England inside it means 'similar'."),
)


# ---------------------------------------------------------------- summary and key

def _have(count: int) -> str:
    return f"{count} has" if count == 1 else f"{count} have"


def summary_sentence(analysis: Analysis) -> str:
    counts = analysis.counts
    previous, latest = column_headers(analysis)
    movement = (f"Compared with the previous report ({previous}), {counts.improving} improved and "
                f"{counts.worsening} worsened." if analysis.previous_period else
                f"{counts.improving} improved and {counts.worsening} worsened on their previous figure.")
    return (f"Of the {counts.total} indicators in {latest}, {counts.green} are Green "
            f"(on target), {counts.amber} Amber (close to target) and {counts.red} Red (off target); "
            f"{_have(counts.no_target)} no target and {_have(counts.no_data)} no data. {movement}")


def _add_summary(document: Any, analysis: Analysis, charts: str) -> None:
    counts = analysis.counts
    add_heading(document, "Summary", 1)
    styles.add_paragraph(document, " ".join(filter(None, (summary_sentence(analysis), charts))), styles.BODY_TEXT)
    table = add_table(document, ["Green", "Amber", "Red", "No target", "No data", "Improving", "Worsening"],
                      [[str(counts.green), str(counts.amber), str(counts.red), str(counts.no_target),
                        str(counts.no_data), str(counts.improving), str(counts.worsening)]],
                      align=["center"] * 7)
    for cell, rag in zip(table.rows[0].cells, (Rag.GREEN, Rag.AMBER, Rag.RED)):
        shade(cell, rag)


def _icons_in_use(analysis: Analysis) -> tuple[list[Variation], list[Assurance]]:
    variations = {item.variation for item in analysis.indicators if item.variation is not None}
    assurances = {item.assurance for item in analysis.indicators if item.assurance is not None}
    return [v for v in Variation if v in variations], [a for a in Assurance if a in assurances]


def _add_key(document: Any, analysis: Analysis, figures: Mapping[str, RenderedFigure]) -> None:
    add_heading(document, "How to read this dashboard", 1)
    rows = [
        ["Green", "On target or better.", "Amber", "Worse than target, but close to it (within the amber tolerance)."],
        ["Red", "Worse than target by more than that.", "(no new data)",
         "No figure yet for this period: the latest earlier one is shown, with its period."],
        ["\u2191 \u2193 \u2192", "Up, down or level since the previous report (quarterly and yearly figures: since "
                                 "the previous quarter or year; year-to-date figures: since the same month last "
                                 "year). The word says if that is better or worse.", "Icons",
         "From statistical process control: variation says if the latest figure shows real change or the usual "
         "ups and downs; assurance, if the target will reliably be met. The glossary explains the terms."],
    ]
    variations, assurances = _icons_in_use(analysis)
    icons = [(figures.get(f"key-variation-{v.value}"), v.label) for v in variations]
    icons += [(figures.get(f"key-assurance-{a.value}"), a.label) for a in assurances]
    icons = [(figure, label) for figure, label in icons if figure is not None]
    for start in range(0, len(icons), 2):
        pair = icons[start:start + 2]
        rows.append(["", pair[0][1], "", pair[1][1] if len(pair) > 1 else ""])
    table = add_table(document, ["Symbol", "Meaning", "Symbol", "Meaning"], rows, widths_cm=[2.6, 10.2, 2.6, 10.2])
    for cell, rag in zip((table.rows[1].cells[0], table.rows[1].cells[2], table.rows[2].cells[0]),
                         (Rag.GREEN, Rag.AMBER, Rag.RED)):
        shade(cell, rag)
    for index, (figure, _) in enumerate(icons):
        row = table.rows[4 + index // 2]
        assert figure is not None
        place_picture(row.cells[2 * (index % 2)].paragraphs[0], figure, KEY_ICON_WIDTH_CM)
        for cell in row.cells:   # the meaning level with its icon, not at the top of the row
            cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER


# ---------------------------------------------------------------- theme tables

def _add_analysis(cell: _Cell, note: str) -> None:
    """The analysis under the indicator's name, labelled as the seed dashboards label it."""
    paragraph = styles.add_paragraph(cell, style=styles.TABLE_NOTE)
    paragraph.add_run(ANALYSIS_LABEL).bold = True
    paragraph.add_run(note)


def _add_theme_table(document: Any, theme: str, rows: list[DashboardRow], headers: Headers, locale: str,
                     figures: Mapping[str, RenderedFigure]) -> None:
    add_heading(document, theme, 1)
    icons = [[figures.get(indicator_figure(c.icon, row.id)) if c.icon else None for c in COLUMNS] for row in rows]
    table = add_table(document, [c.heading(headers) for c in COLUMNS],
                      [["" if icon else c.text(row, headers) for c, icon in zip(COLUMNS, row_icons)]
                       for row, row_icons in zip(rows, icons)],
                      widths_cm=[c.width_cm for c in COLUMNS], align=[c.align for c in COLUMNS])
    for table_row, row, row_icons in zip(table.rows[1:], rows, icons):
        note = printed_analysis(row, locale)
        if note:
            _add_analysis(table_row.cells[0], note)
        for cell, column, icon in zip(table_row.cells, COLUMNS, row_icons):
            if column.rag:
                shade(cell, row.assessment.rag)
            if icon is not None:
                place_picture(cell.paragraphs[0], icon, ICON_WIDTH_CM)


# ---------------------------------------------------------------- charts, two to a page

class _Captions:
    def __init__(self) -> None:
        self.number = 0

    def next(self) -> int:
        self.number += 1
        return self.number


def _chart(item: IndicatorAnalysis, figures: Mapping[str, RenderedFigure]) -> RenderedFigure | None:
    return figures.get(indicator_figure(main_chart(item.spc_result is not None), item.indicator.id))


Chart = tuple[RenderedFigure, str, str]    # the figure, its name in the caption, and what the caption says of it


def _add_pairs(document: Any, charts: Sequence[Chart], captions: _Captions) -> None:
    """Charts side by side in pairs, each pair followed by one caption paragraph that numbers, names (left,
    right) and reads both."""
    for start in range(0, len(charts), 2):
        pair = charts[start:start + 2]
        paragraph = styles.add_paragraph(document, style=styles.FIGURE)
        for index, (figure, _, _) in enumerate(pair):
            if index:
                paragraph.add_run(" ")
            place_picture(paragraph, figure, CHART_WIDTH_CM)
        sides = (" (left)", " (right)") if len(pair) == 2 else ("",)
        add_captions(document, [(captions.next(), f"{name}{side}{detail}")
                                for (_, name, detail), side in zip(pair, sides)])


def _indicator_charts(items: Sequence[IndicatorAnalysis], rows: Mapping[str, DashboardRow], headers: Headers,
                      figures: Mapping[str, RenderedFigure], why: bool) -> list[Chart]:
    charts = []
    for item in items:
        figure = _chart(item, figures)
        if figure is None:
            continue
        row = rows[item.indicator.id]
        reasons = ", ".join(reason.value for reason in item.exception)
        shown = f" [{reasons[0].upper()}{reasons[1:]}]" if why and reasons else ""
        charts.append((figure, row.title, f"{shown}. {chart_reading(row, headers)}"))
    return charts


def charts_sentence(exceptions: int, worse: int) -> str:
    """What the charts section holds, said on the first page: '' when it holds nothing."""
    parts = []
    if exceptions:
        parts.append(f"the {exceptions} exceptions (Red, worsening, a special cause of concern or asked for; the "
                     "reason is in brackets in each caption)")
    if worse:
        parts.append(f"the {worse} measures where we do worse than England")
    return ("Charts follow the tables for " + ", then ".join(parts) + ".") if parts else ""


def _add_charts(document: Any, charts: list[Chart], captions: _Captions) -> None:
    """The exceptions' charts, then the comparisons where the council does worse than England, in one run of
    pairs so that the pages fill."""
    if charts:
        add_heading(document, "Charts for the exceptions", 1)
        _add_pairs(document, charts, captions)


# ---------------------------------------------------------------- comparisons with England

def _add_comparisons(document: Any, analysis: Analysis, compared: list[ComparisonRow]) -> None:
    if not compared:
        return
    council = analysis.pack.settings.council
    add_heading(document, "How we compare with England", 1)
    lead = styles.add_paragraph(document, "The latest published comparison for each measure. 'Similar' means the "
                                          "difference from England could be chance.", styles.BODY_TEXT)
    lead.paragraph_format.keep_with_next = True
    table = add_table(document, ["Indicator", "Year", council, "England", "Region", "Similar councils", "Rank",
                                 "Compared with England"],
                      [[r.title, r.year, r.council, r.england, r.region, r.comparator, r.rank, r.verdict]
                       for r in compared],
                      widths_cm=[11.0, 1.6, 2.3, 1.9, 1.9, 2.2, 2.2, 2.5],
                      align=[None, None, "right", "right", "right", "right", "right", None])
    keep_together(table)


def _comparison_charts(rows: Sequence[ComparisonRow], figures: Mapping[str, RenderedFigure]
                       ) -> list[Chart]:
    charts = []
    for row in rows:
        figure = figures.get(indicator_figure(IndicatorFigure.COMPARISON, row.id))
        if figure is not None:
            rank = f", ranked {row.rank}" if row.rank else ""
            charts.append((figure, row.title, f", {row.year}: {row.council} against England's {row.england}{rank}."))
    return charts


# ---------------------------------------------------------------- annex and glossary

def _add_annex(document: Any, analysis: Analysis, rows: Mapping[str, DashboardRow],
               figures: Mapping[str, RenderedFigure], captions: _Captions) -> None:
    if analysis.pack.settings.dashboard_charts != "all":
        return
    charts = _indicator_charts(analysis.charted, rows, column_headers(analysis), figures, why=False)
    if charts:
        add_heading(document, "Annex: a chart for every indicator", 1)
        _add_pairs(document, charts, captions)


def _add_glossary(document: Any) -> None:
    add_heading(document, "Glossary", 1)
    table = add_table(document, ["Term", "Meaning"], [list(entry) for entry in GLOSSARY], widths_cm=[6.0, 19.6])
    keep_together(table)


# ---------------------------------------------------------------- the document

def build_dashboard_appendix(analysis: Analysis, figures: Mapping[str, RenderedFigure], templates: Path,
                             appendix_number: int) -> bytes:
    """The rendered .docx of the performance dashboard appendix."""
    pack = analysis.pack
    settings = pack.settings
    locale = settings.locale
    title = f"Appendix {appendix_number}: Performance dashboard"
    context = {
        "council": settings.council, "committee": settings.committee,
        "meeting_date": format_long_date(settings.meeting_date, locale), "title": title,
        "subtitle": f"{settings.council} adult social care performance to the end of "
                    f"{format_month(pack.period, locale)}.",
    }

    def write_body(document: Any) -> None:
        captions = _Captions()
        rows = dashboard_rows(analysis)
        by_id = {row.id: row for row in rows}
        headers = column_headers(analysis)
        compared = comparison_rows(analysis)
        exceptions = _indicator_charts(analysis.exceptions, by_id, headers, figures, why=True)
        worse = _comparison_charts([r for r in compared if r.worse], figures)
        _add_summary(document, analysis, charts_sentence(len(exceptions), len(worse)))
        _add_key(document, analysis, figures)
        for theme in pack.themes:
            _add_theme_table(document, theme, [r for r in rows if r.theme == theme], headers, locale, figures)
        _add_comparisons(document, analysis, compared)
        _add_charts(document, exceptions + worse, captions)
        _add_annex(document, analysis, by_id, figures, captions)
        _add_glossary(document)

    properties = DocumentProperties(
        title=f"{title}, {format_month(pack.period, locale)}",
        subject=f"{settings.committee}, {context['meeting_date']}",
        author=settings.council, keywords="adult social care; performance dashboard; RAG; statistical process control",
        date=settings.meeting_date, language=locale.replace("_", "-"))
    return render_template(templates / TEMPLATE, context, properties, write_body)
