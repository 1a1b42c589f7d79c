"""Appendix: the performance dashboard (A4 landscape).

A summary of the RAG ratings and directions with a key, then per theme a table (indicator, direction,
RAG, target, previous, latest, SPC icons, analysis), then per theme the trend and SPC charts, and the
comparisons with England where benchmarks exist.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from docx.enum.table import WD_ALIGN_VERTICAL
from docx.shared import Pt
from docx.table import _Cell

from ..analysis import Analysis, IndicatorAnalysis
from ..analysis.assessment import StatusCounts
from ..analysis.rag import Rag
from ..analysis.spc import Assurance, Variation
from ..dashboard import DashboardRow, column_headers, dashboard_rows
from ..formatting import describe_value, format_long_date, format_month
from ..figures.names import IndicatorFigure, indicator_figure
from ..figures.rendered import RenderedFigure
from .figures_docx import add_caption, add_captions, place_picture
from .markdown_docx import SPACE_AFTER_TABLE_PT, add_heading, add_table
from .render import DocumentProperties, render_template
from . import styles
from .rag_cells import shade

TEMPLATE = "dashboard_appendix.docx"
ICON_WIDTH_CM = 0.9
TEXT_WIDTH_CM = 25.6

COLUMNS = ("Indicator", "Direction of travel", "RAG", "Target", "{previous}", "{latest}", "Variation",
           "Assurance", "Analysis")
WIDTHS = (5.6, 2.5, 1.8, 1.7, 2.4, 2.4, 2.0, 2.2, 5.0)
CHART_PAIR_WIDTH_CM = 11.5
SPC_EXPLANATION = (
    "Variation and assurance icons come from statistical process control (the NHS 'Making Data Count' "
    "method), shown where an indicator has at least 13 months of figures. Variation says whether the latest "
    "month shows real change (special cause) or the normal ups and downs (common cause); assurance says "
    "whether, on current performance, the target will reliably be met, reliably be missed, or sometimes be met.")
COMPARISON_EXPLANATION = (
    "Where the council's figure is a proportion of people, it is compared with England using a 95% confidence "
    "interval (Wilson's method): 'similar to' means the difference could be chance. Other figures are compared "
    "as a plain difference.")


def _icon(cell: _Cell, figure: RenderedFigure | None) -> None:
    if figure is not None:
        place_picture(cell.paragraphs[0], figure, ICON_WIDTH_CM)


def _analysis(row: DashboardRow, locale: str) -> str:
    assessment = row.assessment
    notes = [assessment.commentary] if assessment.commentary else []
    indicator = assessment.indicator
    if indicator.cumulative and assessment.latest is not None:
        def text(value: float | None) -> str:
            return describe_value(value, indicator.unit, indicator.decimals, locale)
        month = "" if assessment.month_only is None else \
            f", of which {text(assessment.month_only)} in {format_month(assessment.period, locale)}"
        earlier = f" ({row.previous_period}: {text(assessment.previous)})" if row.previous_period else ""
        notes.append(f"Year to date from April: {text(assessment.latest)}{month}. Direction compares with the "
                     f"same month last year{earlier}.")
    return " ".join(notes)


def _indicator_cell(row: DashboardRow) -> str:
    return f"{row.title} (ASCOF {row.ascof})" if row.ascof else row.title


def _have(count: int) -> str:
    return f"{count} has" if count == 1 else f"{count} have"


def summary_sentence(analysis: Analysis) -> str:
    counts, locale = analysis.counts, analysis.pack.settings.locale
    previous, latest = column_headers(analysis)
    movement = (f"Compared with the previous report ({previous}), {counts.improving} improved and "
                f"{counts.worsening} worsened." if analysis.previous_period else
                f"{counts.improving} improved and {counts.worsening} worsened on their previous figure.")
    return (f"Of the {counts.total} indicators in {latest}, {counts.green} are Green "
            f"(on target), {counts.amber} Amber (close to target) and {counts.red} Red (off target); "
            f"{_have(counts.no_target)} no target and {_have(counts.no_data)} no data. {movement}")


def _add_summary(document: Any, analysis: Analysis) -> None:
    counts = analysis.counts
    add_heading(document, "Summary", 1)
    styles.add_paragraph(document, summary_sentence(analysis), styles.BODY_TEXT)
    table = add_table(document, ["Green", "Amber", "Red", "No target", "No data", "Improving", "Worsening"],
                      [[str(counts.green), str(counts.amber), str(counts.red), str(counts.no_target),
                        str(counts.no_data), str(counts.improving), str(counts.worsening)]],
                      align=["center"] * 7)
    for cell, rag in zip(table.rows[0].cells, (Rag.GREEN, Rag.AMBER, Rag.RED)):
        shade(cell, rag)


def _add_key(document: Any, figures: Mapping[str, RenderedFigure]) -> None:
    add_heading(document, "Key", 1)
    rows = [
        ["Green", "On target or better."],
        ["Amber", "Worse than target, but within the amber tolerance set for the indicator."],
        ["Red", "Worse than target by more than the tolerance."],
        ["No target / No data", "The indicator has no target (it is shown for context), or no figure this month."],
        ["\u2191 \u2193 \u2192", "Direction of travel: the figure went up, down or stayed level compared with the "
                                 "previous report (a quarterly or yearly figure: its previous quarter or year; a "
                                 "year-to-date figure: the same month last year). The word says whether that is "
                                 "Improving or Worsening; Increased or Decreased where neither direction is better."],
        ["(no new data)", "No figure yet for this period: the latest earlier figure is shown with its period."],
    ]
    icon_rows: list[tuple[str, RenderedFigure]] = []
    for variation in Variation:
        figure = figures.get(f"key-variation-{variation.value}")
        if figure is not None:
            icon_rows.append((variation.label, figure))
    for assurance in (Assurance.CONSISTENTLY_MET, Assurance.CONSISTENTLY_MISSED, Assurance.HIT_AND_MISS):
        figure = figures.get(f"key-assurance-{assurance.value}")
        if figure is not None:
            icon_rows.append((assurance.label, figure))
    rows += [["", label] for label, _ in icon_rows]
    table = add_table(document, ["Symbol", "Meaning"], rows, widths_cm=[4.0, 21.6])
    for row, rag in zip(table.rows[1:4], (Rag.GREEN, Rag.AMBER, Rag.RED)):
        shade(row.cells[0], rag)
    for row, (_, figure) in zip(table.rows[7:], icon_rows):
        _icon(row.cells[0], figure)
        for cell in row.cells:   # the meaning level with its icon, not at the top of the row
            cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
    explanation = styles.add_paragraph(document, SPC_EXPLANATION, styles.BODY_TEXT)
    explanation.paragraph_format.space_before = Pt(SPACE_AFTER_TABLE_PT)


def _add_theme_table(document: Any, theme: str, rows: list[DashboardRow], analysis: Analysis,
                     figures: Mapping[str, RenderedFigure]) -> None:
    locale = analysis.pack.settings.locale
    add_heading(document, theme, 1)
    previous, latest = column_headers(analysis)
    header = [c.format(previous=previous, latest=latest) for c in COLUMNS]
    cells = [[_indicator_cell(row), f"{row.arrow} {row.direction}".strip(), row.rag, row.target,
              row.previous_cell(previous), row.latest_cell(latest), "", "", _analysis(row, locale)] for row in rows]
    table = add_table(document, header, cells, widths_cm=list(WIDTHS),
                      align=[None, None, "center", "right", "right", "right", "center", "center", None])
    for table_row, row in zip(table.rows[1:], rows):
        shade(table_row.cells[2], row.assessment.rag)
        indicator = row.analysis.indicator
        variation = figures.get(indicator_figure(IndicatorFigure.VARIATION_ICON, indicator.id))
        assurance = figures.get(indicator_figure(IndicatorFigure.ASSURANCE_ICON, indicator.id))
        for cell, icon, reason in ((table_row.cells[6], variation, row.variation_note),
                                   (table_row.cells[7], assurance, row.assurance_note)):
            if icon is not None:
                _icon(cell, icon)
            else:
                cell.paragraphs[0].add_run(reason or "Not available")


class _Captions:
    def __init__(self) -> None:
        self.number = 0

    def next(self) -> int:
        self.number += 1
        return self.number


def _add_charts(document: Any, theme: str, items: list[IndicatorAnalysis], figures: Mapping[str, RenderedFigure],
                captions: _Captions) -> None:
    pairs = [(a, [f for f in (figures.get(indicator_figure(IndicatorFigure.TREND, a.indicator.id)),
                              figures.get(indicator_figure(IndicatorFigure.SPC, a.indicator.id))) if f is not None])
             for a in items]
    pairs = [(a, pair) for a, pair in pairs if pair]
    if pairs:
        add_heading(document, f"{theme}: charts", 2)
    for a, pair in pairs:
        add_heading(document, a.indicator.title, 3)
        paragraph = styles.add_paragraph(document, style=styles.FIGURE)
        for number, figure in enumerate(pair):
            if number:
                paragraph.add_run("  ")
            place_picture(paragraph, figure, min(figure.width_cm, CHART_PAIR_WIDTH_CM))
        kinds = ("trend", "statistical process control (XmR) chart")
        add_captions(document, [(captions.next(), f"{kind}.") for kind, _ in zip(kinds, pair)])
        styles.add_paragraph(document, pair[-1].description, styles.BODY_TEXT)


def _add_comparisons(document: Any, analysis: Analysis, figures: Mapping[str, RenderedFigure],
                     captions: _Captions) -> None:
    benchmarked = [item for item in analysis.indicators if item.benchmark is not None]
    if not benchmarked:
        return
    years = sorted({item.benchmark.year for item in benchmarked if item.benchmark})
    add_heading(document, f"How we compare with England ({years[-1]})" if len(years) == 1 else
                "How we compare with England", 1)
    styles.add_paragraph(document, COMPARISON_EXPLANATION, styles.BODY_TEXT)
    settings = analysis.pack.settings
    locale = settings.locale
    for item in benchmarked:
        indicator, benchmark, result = item.indicator, item.benchmark, item.england
        assert benchmark is not None
        add_heading(document, indicator.title, 2)
        if result is not None:
            council = describe_value(result.council, indicator.unit, indicator.decimals, locale)
            england = describe_value(result.england, indicator.unit, indicator.decimals, locale)
            how = "statistically" if result.statistical else "as a plain difference"
            rank = f" It ranks {benchmark.rank} of {benchmark.rank_of} councils (1 is best)." \
                if benchmark.rank and benchmark.rank_of else ""
            text = (f"In {benchmark.year} {settings.council} ({council}) was {result.comparison.value} the "
                    f"England average ({england}), judged {how}.{rank}")
            sentence = styles.add_paragraph(document, text, styles.BODY_TEXT)
            sentence.paragraph_format.keep_with_next = True
        figure = figures.get(indicator_figure(IndicatorFigure.COMPARISON, indicator.id))
        if figure is not None:
            paragraph = styles.add_paragraph(document, style=styles.FIGURE)
            place_picture(paragraph, figure, min(figure.width_cm, TEXT_WIDTH_CM))
            add_caption(document, captions.next(), f"Comparison with England, region and similar councils, "
                                                   f"{indicator.title}")


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
        _add_summary(document, analysis)
        _add_key(document, figures)
        rows = dashboard_rows(analysis)
        for theme in pack.themes:
            _add_theme_table(document, theme, [r for r in rows if r.theme == theme], analysis, figures)
        add_heading(document, "Trends and statistical process control", 1)
        for theme, items in analysis.by_theme().items():
            _add_charts(document, theme, items, figures, captions)
        _add_comparisons(document, analysis, figures, captions)

    properties = DocumentProperties(
        title=f"{title}, {format_month(pack.period, locale)}", subject=f"{settings.committee}, {context['meeting_date']}",
        author=settings.council, keywords="adult social care; performance dashboard; RAG; statistical process control",
        date=settings.meeting_date, language=locale.replace("_", "-"))
    return render_template(templates / TEMPLATE, context, properties, write_body)
