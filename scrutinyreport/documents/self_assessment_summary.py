"""Appendix: the adult social care self-assessment summary (A4 portrait).

In order: an overview (the scores chart, a table of the quality statements and the indicative overall rating);
per CQC theme and quality statement what people expect, our commitment, strengths, areas for development and
the evidence from the performance data; the ADASS sector-led improvement lists; and a pointer to the Local
Account, the public summary that is a document of its own (documents/local_account.py). Every figure is
worked out from the data; nothing is typed into the text.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..analysis import Analysis
from ..content.dashboard import indicator_name
from ..content.local_account import title as local_account_title
from ..content.regional_return import evidence_lines, rating_method, rating_text
from ..content.self_assessment import statement_heading
from ..cqc_framework import SCORE_MEANINGS
from ..figures.rendered import RenderedFigure
from ..formatting import format_long_date, format_month, format_number
from ..model import PackData, QualityStatement, SelfAssessment
from ..word import styles
from ..word.markdown import add_heading, add_table, keep_together
from ..word.pictures import add_caption, add_picture
from ..word.render import DocumentProperties, render_template
from ..word.shading import shade

TEMPLATE = "self_assessment_summary.docx"
TITLE = "Adult social care self-assessment summary"
TEXT_WIDTH_CM = 17.0
NO_STATEMENTS = "CQC publishes no \u201cI statements\u201d for this quality statement."
NONE_RECORDED = "None recorded."
RATING_LEAD = "Taken together, our scores give an indicative overall rating of "

SCORES_FIGURE = "self-assessment-scores"


# ------------------------------------------------------------------------------------------------ words

def title(appendix_number: int) -> str:
    return f"Appendix {appendix_number}: {TITLE}"


def subtitle(pack: PackData) -> str:
    """'Self-assessment submitted on 31 October 2026. Performance figures for September 2026.'"""
    locale = pack.settings.locale
    assessment = pack.self_assessment
    submitted = assessment.submitted if assessment else None
    first = (f"Self-assessment submitted on {format_long_date(submitted, locale)}." if submitted
             else "Draft self-assessment, not yet submitted.")
    return f"{first} Performance figures for {format_month(pack.period, locale)}."


def statement_rows(assessment: SelfAssessment) -> list[list[str]]:
    """Theme | Quality statement | Score | What the score means (the theme repeated on each row: no merged
    cells)."""
    return [[s.theme, s.name, format_number(s.score), SCORE_MEANINGS[s.score]] for s in assessment.statements]


# ------------------------------------------------------------------------------------------------ writing

class _Writer:
    """Adds the body to the template's subdocument, numbering figures as it goes."""

    def __init__(self, document: Any, analysis: Analysis, figures: Mapping[str, RenderedFigure]):
        self.document, self.analysis, self.pack, self.figures = document, analysis, analysis.pack, figures
        self.locale = self.pack.settings.locale
        self.figure_number = 0

    def heading(self, text: str, level: int) -> None:
        add_heading(self.document, text, level)

    def paragraph(self, text: str) -> None:
        styles.add_paragraph(self.document, text, styles.BODY_TEXT)

    def bullets(self, items: tuple[str, ...] | list[str], empty: str = NONE_RECORDED) -> None:
        if not items:
            self.paragraph(empty)
        for item in items:
            styles.add_paragraph(self.document, item, styles.LIST_BULLET)

    def figure(self, name: str, caption: str) -> bool:
        """Picture with its alt text, kept with its numbered caption below it; False when not drawn."""
        figure = self.figures.get(name)
        if figure is None:
            return False
        self.figure_number += 1
        add_picture(self.document, figure, min(figure.width_cm, TEXT_WIDTH_CM))
        add_caption(self.document, self.figure_number, caption)
        return True

    def lead_in(self, text: str) -> None:
        """A sentence that introduces the table or list after it, kept on the same page as it."""
        styles.add_paragraph(self.document, text, styles.BODY_TEXT).paragraph_format.keep_with_next = True

    # -------------------------------------------------------------------------------------- sections

    def overview(self, assessment: SelfAssessment) -> None:
        self.heading("Overview", 1)
        count = format_number(len(assessment.statements), 0, self.locale)
        self.paragraph(f"We have assessed our adult social care services against the {count} quality statements "
                       "of the Care Quality Commission's (CQC's) assessment framework for local "
                       "authorities. We scored each one on CQC's scale of 1 to 4, where 1 means the evidence "
                       "shows significant shortfalls and 4 means it shows an exceptional standard.")
        self.figure(SCORES_FIGURE, "Our self-assessment score for each quality statement")
        add_table(self.document, ["Theme", "Quality statement", "Score", "What the score means"],
                  statement_rows(assessment), widths_cm=[4.6, 5.4, 1.4, 5.6], align=[None, None, "center", None])
        if assessment.statements:
            self.spacer()
            rating = self.analysis.rating
            assert rating is not None
            paragraph = styles.add_paragraph(self.document, RATING_LEAD, styles.BODY_TEXT)
            paragraph.add_run(rating_text(rating, self.locale)).bold = True
            paragraph.add_run(".")
            self.paragraph(rating_method(self.locale))

    def spacer(self) -> None:
        """Space between a table and the text after it (Body Text's space before is nil)."""
        paragraph = styles.add_paragraph(self.document, style=styles.BODY_TEXT)
        paragraph.paragraph_format.space_after = 0

    def statements(self, assessment: SelfAssessment) -> None:
        for theme in assessment.themes:
            self.heading(theme, 1)
            for statement in (s for s in assessment.statements if s.theme == theme):
                self.statement(statement)

    def statement(self, statement: QualityStatement) -> None:
        self.heading(statement_heading(statement), 2)
        self.heading("What people expect", 3)
        self.bullets(statement.i_statements, NO_STATEMENTS)
        self.heading("Our commitment", 3)
        self.paragraph(statement.commitment or NONE_RECORDED)
        self.heading("Strengths", 3)
        self.bullets(statement.strengths)
        self.heading("Areas for development", 3)
        self.bullets(statement.areas_for_development)
        self.heading("Evidence", 3)
        lines = evidence_lines(self.analysis, statement)
        if not lines:
            self.paragraph("No performance indicators are linked to this quality statement.")
            return
        latest = f"Latest ({format_month(self.pack.period, self.locale)})"
        table = add_table(self.document, ["Indicator", latest, "Target", "RAG", "Direction"],
                          [[indicator_name(line.indicator), line.latest, line.target, line.rag, line.direction]
                           for line in lines],
                          widths_cm=[6.6, 3.2, 2.2, 2.2, 2.8], align=[None, "right", "right", "center", None])
        keep_together(table)
        for row, line in zip(table.rows[1:], lines):
            shade(row.cells[3], line.assessment.rag)

    def adass(self, assessment: SelfAssessment) -> None:
        lists = assessment.adass
        self.heading("ADASS sector-led improvement", 1)
        self.paragraph("Councils in the region take part in a sector-led improvement programme led by the "
                       "Association of Directors of Adult Social Services (ADASS). Each year we send the region "
                       "a self-assessment with our top risks and challenges, our top innovations and "
                       "achievements, and our next steps.")
        self.heading("Top risks and challenges", 2)
        self.bullets(lists.risks_and_challenges)
        self.heading("Top innovations and achievements", 2)
        self.bullets(lists.innovations_and_achievements)
        self.heading("Next steps", 2)
        self.bullets(lists.next_steps)
        self.heading("Date of submission", 2)
        self.paragraph(f"We submitted this self-assessment on {format_long_date(assessment.submitted, self.locale)}."
                       if assessment.submitted else "This self-assessment is a draft and has not yet been submitted.")

    def local_account_pointer(self) -> None:
        """The public summary is a document of its own: a short pointer to it."""
        self.heading("Local Account", 1)
        self.paragraph(f"Our report to residents, \u201c{local_account_title(self.pack)}\u201d, is a separate "
                       "document in this pack. It says who we supported, what we spent, how we are doing, how we "
                       "compare with other councils and what we are working to improve, with small numbers "
                       "protected so that it is safe to publish.")


# ------------------------------------------------------------------------------------------------ building

def build_self_assessment_summary(analysis: Analysis, figures: Mapping[str, RenderedFigure], templates: Path,
                                  appendix_number: int) -> bytes:
    """The rendered .docx of the appendix. Figures that were not drawn are left out with their captions."""
    pack = analysis.pack
    if pack.self_assessment is None:
        raise ValueError("the pack has no self-assessment (self_assessment.yaml), so there is no summary to build")
    settings = pack.settings
    assessment = pack.self_assessment
    meeting_date = format_long_date(settings.meeting_date, settings.locale)
    context = {
        "council": settings.council, "committee": settings.committee, "meeting_date": meeting_date,
        "title": title(appendix_number), "subtitle": subtitle(pack),
    }

    def write_body(document: Any) -> None:
        writer = _Writer(document, analysis, figures)
        writer.overview(assessment)
        writer.statements(assessment)
        writer.adass(assessment)
        writer.local_account_pointer()

    properties = DocumentProperties(
        title=title(appendix_number), subject=f"{settings.committee}, {meeting_date}", author=settings.council,
        keywords="adult social care; self-assessment; CQC; ADASS; Local Account",
        date=settings.meeting_date, language=settings.locale.replace("_", "-"))
    return render_template(templates / TEMPLATE, context, properties, write_body)
