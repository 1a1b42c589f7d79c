"""Writing the regional summary (regional-summary.docx, A4 portrait) through the report templates'
rendering: headings in order, tables with repeating header rows and no merged cells, score cells shaded
light to dark blue with the number and its words in the cell (text at 4.5:1 contrast or more), every chart
with its alt text and a numbered caption."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..content.blocks import Properties
from ..content.contrast import contrast_ratio
from ..figures.rendered import RenderedFigure
from ..word import styles
from ..word.markdown import add_heading, add_table
from ..word.pictures import add_caption, add_picture
from ..word.render import render_template
from ..word.shading import fill_cell, shade
from .content import RegionalContent, ScoreTable

TEMPLATE = "regional_summary.docx"
TEXT_WIDTH_CM = 17.0
# score -> (fill, text): a light-to-dark blue scale, never the only signal (the number and words are there)
SCORE_COLOURS: dict[int, tuple[str, str]] = {1: ("DEEBF7", "000000"), 2: ("9ECAE1", "000000"),
                                             3: ("2171B5", "FFFFFF"), 4: ("08306B", "FFFFFF")}
assert all(contrast_ratio(text, fill) >= 4.5 for fill, text in SCORE_COLOURS.values())


def keep_together(table: Any) -> None:
    """Keep a short table on one page: every row but the last keeps with the next."""
    for row in table.rows[:-1]:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


class _Writer:
    def __init__(self, document: Any, figures: Mapping[str, RenderedFigure]):
        self.document, self.figures = document, figures
        self.figure_number = 0

    def heading(self, text: str, level: int) -> None:
        add_heading(self.document, text, level)

    def paragraph(self, text: str) -> None:
        styles.add_paragraph(self.document, text, styles.BODY_TEXT)

    def lead_in(self, text: str) -> None:
        styles.add_paragraph(self.document, text, styles.BODY_TEXT).paragraph_format.keep_with_next = True

    def spacer(self) -> None:
        styles.add_paragraph(self.document, style=styles.BODY_TEXT).paragraph_format.space_after = 0

    def labelled_bullets(self, items: list[tuple[str, str]]) -> None:
        for label, text in items:
            paragraph = styles.add_paragraph(self.document, style=styles.LIST_BULLET)
            paragraph.add_run(f"{label}:").bold = True
            paragraph.add_run(f" {text}")

    def figure(self, name: str, caption: str) -> None:
        figure = self.figures.get(name)
        if figure is None:
            return
        self.figure_number += 1
        add_picture(self.document, figure, min(figure.width_cm, TEXT_WIDTH_CM))
        add_caption(self.document, self.figure_number, caption)

    def score_table(self, table: ScoreTable) -> None:
        self.lead_in(table.lead)
        columns = len(table.header)
        word_table = add_table(self.document, table.header, [[cell.text for cell in row] for row in table.rows],
                               widths_cm=table.widths_cm, align=[None] + ["center"] * (columns - 1))
        for word_row, row in zip(word_table.rows[1:], table.rows):
            for word_cell, cell in zip(word_row.cells, row):
                if cell.score in SCORE_COLOURS:
                    fill_cell(word_cell, *SCORE_COLOURS[cell.score])
        self.spacer()

    def lists(self, heading: str, groups: list[tuple[str, list[tuple[str, str]]]], lead: str) -> None:
        self.heading(heading, 1)
        if not groups:
            self.paragraph("No council listed any.")
            return
        self.paragraph(lead)
        for theme, items in groups:
            self.heading(theme, 2)
            self.labelled_bullets(items)


def write_summary(document: Any, content: RegionalContent, figures: Mapping[str, RenderedFigure]) -> None:
    """The body of the summary, in reading order."""
    writer = _Writer(document, figures)
    writer.heading("About this summary", 1)
    for text in content.about:
        writer.paragraph(text)
    writer.heading("Where the region stands", 1)
    for text in content.reading:
        writer.paragraph(text)

    writer.heading("Scores by quality statement", 1)
    writer.paragraph("Each cell gives the score and what it means; the darker the shading, the higher the "
                     "score. \u201cNot scored\u201d means the council's return has no score for that statement.")
    for table in content.score_tables:
        writer.score_table(table)

    writer.heading("Indicative ratings", 1)
    writer.lead_in("The rating each council's scores imply:")
    add_table(document, content.rating_header, content.rating_rows, widths_cm=[5.2, 2.6, 2.6, 2.6, 4.0],
              align=[None, "center", "center", "center", None])
    writer.spacer()
    writer.paragraph(content.rating_method)

    writer.heading("How the scores spread", 1)
    writer.lead_in("For each quality statement, the number of councils giving each score (1 to 4), the average "
                   "score, and the councils at the highest and lowest scores:")
    add_table(document, content.spread_header, content.spread_rows,
              widths_cm=[4.2, 0.8, 0.8, 0.8, 0.8, 2.0, 3.8, 3.8],
              align=[None, "center", "center", "center", "center", "center", None, None])
    writer.spacer()

    lead = ("Grouped by the theme of the framework whose subjects each line mentions most (lines that mention "
            "none are under Other).")
    writer.lists("Top risks and challenges", content.risks, lead)
    writer.lists("Top innovations and achievements", content.innovations, lead)

    if content.measures:
        writer.heading("Comparable indicators", 1)
        writer.paragraph(content.measures_lead)
        for measure in content.measures:
            writer.heading(measure.heading, 2)
            writer.lead_in(measure.lead)
            for note in measure.notes:          # before the table, so a page break cannot part them
                writer.lead_in(note)
            measure_table = add_table(document, measure.header, measure.rows, widths_cm=[5.4, 2.8, 3.2, 2.8, 2.8],
                                      align=[None, "right", None, "right", "center"])
            for row, rag in zip(measure_table.rows[1:], measure.rags):
                shade(row.cells[4], rag)
            keep_together(measure_table)
            writer.spacer()
            writer.figure(measure.figure, measure.caption)


def build_regional_summary(content: RegionalContent, figures: Mapping[str, RenderedFigure], templates: Path,
                           date: dt.date, language: str) -> bytes:
    """The rendered .docx (``language``: the document's, as 'en-GB')."""
    properties = Properties(
        title=content.title, subject=f"ADASS sector-led improvement: self-assessment returns, {content.period_label}",
        author="", keywords="adult social care; self-assessment; CQC; ADASS; region", date=date, language=language)
    context = {"title": content.title, "subtitle": content.subtitle, "period": content.period_label}
    return render_template(templates / TEMPLATE, context, properties,
                           lambda document: write_summary(document, content, figures))
