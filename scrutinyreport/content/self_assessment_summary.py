"""What the adult social care self-assessment summary says (an appendix, A4 portrait).

In order: an overview (the scores chart, a table of the quality statements and the indicative overall rating);
per CQC theme and quality statement what people expect, our commitment, strengths, areas for development and
the evidence from the performance data; the ADASS sector-led improvement lists; and a pointer to the Local
Account, the public summary that is a document of its own. Every figure is worked out from the data; nothing
is typed into the text.
"""

from __future__ import annotations

from ..analysis import Analysis
from ..cqc_framework import SCORE_MEANINGS
from ..formatting import Printer
from ..model import PackData, QualityStatement, SelfAssessment
from .blocks import Body, Cell, Column, Document, FigureMap, Paragraph, Properties, Run, Shade, Table
from .charts import SCORES_FIGURE, width_of
from .dashboard import indicator_name
from .local_account_parts import title as local_account_title
from .regional_return import evidence_lines, rating_method, rating_text

TITLE = "Adult social care self-assessment summary"
TEXT_WIDTH_CM = 17.0
NO_STATEMENTS = "CQC publishes no \u201cI statements\u201d for this quality statement."
NONE_RECORDED = "None recorded."
RATING_LEAD = "Taken together, our scores give an indicative overall rating of "
SHADES = (Shade.GREEN, Shade.AMBER, Shade.RED)


def title(appendix_number: int) -> str:
    return f"Appendix {appendix_number}: {TITLE}"


def subtitle(pack: PackData, printer: Printer) -> str:
    """'Self-assessment submitted on 31 October 2026. Performance figures for September 2026.'"""
    assessment = pack.self_assessment
    submitted = assessment.submitted if assessment else None
    first = (f"Self-assessment submitted on {printer.long_date(submitted)}." if submitted
             else "Draft self-assessment, not yet submitted.")
    return f"{first} Performance figures for {printer.month(pack.period)}."


def statement_heading(statement: QualityStatement) -> str:
    """'Assessing needs: 2 - Evidence shows some shortfalls'."""
    return f"{statement.name}: {statement.score} - {SCORE_MEANINGS[statement.score]}"


def statement_rows(assessment: SelfAssessment, printer: Printer) -> list[list[str]]:
    """Theme | Quality statement | Score | What the score means (the theme repeated on each row: no merged
    cells)."""
    return [[s.theme, s.name, printer.number(s.score), SCORE_MEANINGS[s.score]] for s in assessment.statements]


def _overview(body: Body, analysis: Analysis, assessment: SelfAssessment, figures: FigureMap,
              printer: Printer) -> None:
    body.heading("Overview", 1)
    count = printer.number(len(assessment.statements))
    body.paragraph(f"We have assessed our adult social care services against the {count} quality statements "
                   "of the Care Quality Commission's (CQC's) assessment framework for local "
                   "authorities. We scored each one on CQC's scale of 1 to 4, where 1 means the evidence "
                   "shows significant shortfalls and 4 means it shows an exceptional standard.")
    scores = figures.get(SCORES_FIGURE)
    if scores is not None:
        body.figure(scores, min(width_of(scores), TEXT_WIDTH_CM),
                    "Our self-assessment score for each quality statement")
    body.add(Table((Column("Theme", 4.6), Column("Quality statement", 5.4), Column("Score", 1.4, "center"),
                    Column("What the score means", 5.6)),
                   tuple(tuple(Cell(text) for text in row) for row in statement_rows(assessment, printer)),
                   caption="Our score for each quality statement"))
    if assessment.statements:
        body.spacer()
        rating = analysis.rating
        assert rating is not None
        body.add(Paragraph((Run(RATING_LEAD), Run(rating_text(rating, printer), bold=True), Run("."))))
        body.paragraph(rating_method(printer))


def _statement(body: Body, analysis: Analysis, statement: QualityStatement, printer: Printer) -> None:
    body.heading(statement_heading(statement), 2)
    body.heading("What people expect", 3)
    body.bullets(statement.i_statements, NO_STATEMENTS)
    body.heading("Our commitment", 3)
    body.paragraph(statement.commitment or NONE_RECORDED)
    body.heading("Strengths", 3)
    body.bullets(statement.strengths, NONE_RECORDED)
    body.heading("Areas for development", 3)
    body.bullets(statement.areas_for_development, NONE_RECORDED)
    body.heading("Evidence", 3)
    lines = evidence_lines(analysis, statement, printer)
    if not lines:
        body.paragraph("No performance indicators are linked to this quality statement.")
        return
    columns = (Column("Indicator", 6.6), Column(f"Latest ({printer.month(analysis.pack.period)})", 3.2, "right"),
               Column("Target", 2.2, "right"), Column("RAG", 2.2, "center"), Column("Direction", 2.8))
    rows = tuple((Cell(indicator_name(line.indicator)), Cell(line.latest), Cell(line.target),
                  Cell(line.rag, shade=Shade(line.rag) if line.rag in SHADES else None), Cell(line.direction))
                 for line in lines)
    body.add(Table(columns, rows, keep_together=True, caption=f"Evidence for {statement.name}"))


def _adass(body: Body, assessment: SelfAssessment, printer: Printer) -> None:
    lists = assessment.adass
    body.heading("ADASS sector-led improvement", 1)
    body.paragraph("Councils in the region take part in a sector-led improvement programme led by the "
                   "Association of Directors of Adult Social Services (ADASS). Each year we send the region "
                   "a self-assessment with our top risks and challenges, our top innovations and "
                   "achievements, and our next steps.")
    body.heading("Top risks and challenges", 2)
    body.bullets(lists.risks_and_challenges, NONE_RECORDED)
    body.heading("Top innovations and achievements", 2)
    body.bullets(lists.innovations_and_achievements, NONE_RECORDED)
    body.heading("Next steps", 2)
    body.bullets(lists.next_steps, NONE_RECORDED)
    body.heading("Date of submission", 2)
    body.paragraph(f"We submitted this self-assessment on {printer.long_date(assessment.submitted)}."
                   if assessment.submitted else "This self-assessment is a draft and has not yet been submitted.")


def _local_account_pointer(body: Body, pack: PackData) -> None:
    """The public summary is a document of its own: a short pointer to it."""
    body.heading("Local Account", 1)
    body.paragraph(f"Our report to residents, \u201c{local_account_title(pack)}\u201d, is a separate "
                   "document in this pack. It says who we supported, what we spent, how we are doing, how we "
                   "compare with other councils and what we are working to improve, with small numbers "
                   "protected so that it is safe to publish.")


def self_assessment_summary(analysis: Analysis, figures: FigureMap, printer: Printer,
                            appendix_number: int) -> Document:
    """The self-assessment summary's content; ``figures`` are the pack's planned figures by name (a figure
    not among them is left out, with its caption)."""
    pack = analysis.pack
    if pack.self_assessment is None:
        raise ValueError("the pack has no self-assessment (self_assessment.yaml), so there is no summary to build")
    settings = pack.settings
    assessment = pack.self_assessment
    meeting_date = printer.long_date(settings.meeting_date)
    fields = {"council": settings.council, "committee": settings.committee, "meeting_date": meeting_date,
              "title": title(appendix_number), "subtitle": subtitle(pack, printer)}
    body = Body()
    _overview(body, analysis, assessment, figures, printer)
    for theme in assessment.themes:
        body.heading(theme, 1)
        for statement in (s for s in assessment.statements if s.theme == theme):
            _statement(body, analysis, statement, printer)
    _adass(body, assessment, printer)
    _local_account_pointer(body, pack)
    properties = Properties(
        title=title(appendix_number), subject=f"{settings.committee}, {meeting_date}", author=settings.council,
        keywords="adult social care; self-assessment; CQC; ADASS; Local Account", date=settings.meeting_date,
        language=printer.language)
    return Document(fields, properties, body.build())
