"""Appendix: the adult social care self-assessment summary (A4 portrait).

In order: an overview (the scores chart, a table of the quality statements and the indicative overall rating);
per CQC theme and quality statement what people expect, our commitment, strengths, areas for development and
the evidence from the performance data; the ADASS sector-led improvement lists; and a public-facing summary
in the style of a Local Account (budget, people supported, how we are doing, what we are proud of and what we
are working to make better). Every figure is worked out from the data; nothing is typed into the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping


from ..analysis.benchmarks import EnglandComparison
from ..analysis import Analysis
from ..cqc_framework import SCORE_MEANINGS
from ..figures.rendered import RenderedFigure
from ..figures.names import IndicatorFigure, indicator_figure
from ..formatting import (describe_value, format_long_date, format_money_compact, format_month, format_number,
                          format_value)
from ..model import Amount, Benchmark, Indicator, PackData, QualityStatement, SelfAssessment
from ..regional_return import evidence_lines, rating_method, rating_text
from . import styles
from .figures_docx import add_caption, add_picture
from .live_figures import totals_by_year
from .markdown_docx import add_heading, add_table
from .rag_cells import shade
from .render import DocumentProperties, render_template

TEMPLATE = "self_assessment_summary.docx"
TITLE = "Adult social care self-assessment summary"
TEXT_WIDTH_CM = 17.0
NO_STATEMENTS = "CQC publishes no \u201cI statements\u201d for this quality statement."
NONE_RECORDED = "None recorded."
RATING_LEAD = "Taken together, our scores give an indicative overall rating of "

SCORES_FIGURE = "self-assessment-scores"
SPEND_FIGURE = "breakdown-spend"
PEOPLE_FIGURE = "breakdown-people"


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


def statement_heading(statement: QualityStatement) -> str:
    """'Assessing needs: 2 - Evidence shows some shortfalls'."""
    return f"{statement.name}: {statement.score} - {SCORE_MEANINGS[statement.score]}"


def statement_rows(assessment: SelfAssessment) -> list[list[str]]:
    """Theme | Quality statement | Score | What the score means (the theme repeated on each row: no merged
    cells)."""
    return [[s.theme, s.name, format_number(s.score), SCORE_MEANINGS[s.score]] for s in assessment.statements]


def _change_word(latest: float, earlier: float, latest_text: str, earlier_text: str) -> str:
    """'up from', 'down from', or 'the same as' when the two print the same."""
    if latest_text == earlier_text:
        return "the same as"
    return "up from" if latest > earlier else "down from"


def spend_sentence(finance: tuple[Amount, ...], locale: str) -> str | None:
    """'We spent £78.2m in 2025/26 on adult social care, up from £75.9m in 2024/25.'"""
    totals = totals_by_year(finance)
    if not totals:
        return None
    years = list(totals)
    now = format_money_compact(totals[years[-1]], locale)
    if len(years) < 2:
        return f"We spent {now} in {years[-1]} on adult social care."
    before = format_money_compact(totals[years[-2]], locale)
    change = _change_word(totals[years[-1]], totals[years[-2]], now, before)
    return f"We spent {now} in {years[-1]} on adult social care, {change} {before} in {years[-2]}."


def people_sentence(activity: tuple[Amount, ...], locale: str) -> str | None:
    """'We supported 2,318 people in 2025/26, up from 2,291 in 2024/25.'"""
    totals = totals_by_year(activity)
    if not totals:
        return None
    years = list(totals)
    now = format_number(totals[years[-1]], 0, locale)
    if len(years) < 2:
        return f"We supported {now} people in {years[-1]}."
    before = format_number(totals[years[-2]], 0, locale)
    change = _change_word(totals[years[-1]], totals[years[-2]], now, before)
    return f"We supported {now} people in {years[-1]}, {change} {before} in {years[-2]}."


def largest_sentence(amounts: tuple[Amount, ...], kind: str, locale: str) -> str | None:
    """The largest category in the latest year: 'The largest part, £56.6m, paid for care packages (net of
    income).' or 'The largest group, 1,271 people, needed physical support.'"""
    totals = totals_by_year(amounts)
    if not totals:
        return None
    year = list(totals)[-1]
    rows = sorted((a for a in amounts if a.year == year), key=lambda a: (-a.value, a.category))
    if not rows:
        return None
    top = rows[0]
    if kind == "money":
        return (f"The largest part, {format_money_compact(top.value, locale)}, paid for "
                f"{_lower_first(top.category)}.")
    return f"The largest group, {format_number(top.value, 0, locale)} people, needed {_lower_first(top.category)}."


def _lower_first(text: str) -> str:
    """'Care packages' -> 'care packages', leaving acronyms ('NHS funded') as written."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def benchmark_sentence(indicator: Indicator, benchmark: Benchmark, comparison: EnglandComparison | None,
                       locale: str) -> str | None:
    """'rank 52 of 153 councils in England in 2024/25. Our figure of 26.1% was similar to the England average
    of 25.3%.' (to follow the indicator's title and a colon); None with nothing to say."""
    parts = []
    if benchmark.rank is not None and benchmark.rank_of is not None:
        parts.append(f"rank {format_number(benchmark.rank, 0, locale)} of {format_number(benchmark.rank_of, 0, locale)}"
                     f" councils in England in {benchmark.year}.")
    if comparison is not None:
        ours = describe_value(comparison.council, indicator.unit, indicator.decimals, locale)
        england = describe_value(comparison.england, indicator.unit, indicator.decimals, locale)
        when = "" if parts else f" in {benchmark.year}"
        parts.append(f"Our figure{when} of {ours} was {comparison.comparison.value} the England average of "
                     f"{england}.")
    if not parts:
        return None
    return " ".join(parts)


@dataclass(frozen=True)
class PublicRow:
    indicator: Indicator
    last_year: str
    target: str
    current: str


def public_rows(analysis: Analysis) -> list[PublicRow]:
    """The public summary's indicators (pack.yaml), each with last year's figure (a year before the latest
    figure), the target and the latest figure; ids not in the catalogue are skipped."""
    pack = analysis.pack
    locale = pack.settings.locale
    known = {item.indicator.id: item.assessment for item in analysis.indicators}
    rows = []
    for indicator_id in pack.settings.public_summary_indicators:
        if indicator_id not in known:
            continue
        assessment = known[indicator_id]
        indicator = assessment.indicator

        def text(value: float | None, _i: Indicator = indicator) -> str:
            return format_value(value, _i.unit, _i.decimals, locale)

        rows.append(PublicRow(
            indicator=indicator, last_year=text(assessment.year_ago),
            target="No target" if indicator.target is None else text(indicator.target),
            current=text(assessment.latest)))
    return rows


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

    def labelled_bullets(self, items: list[tuple[str, str]]) -> None:
        """Bullets that open with a bold label: 'Label: text'."""
        for label, text in items:
            paragraph = styles.add_paragraph(self.document, style=styles.LIST_BULLET)
            paragraph.add_run(f"{label}:").bold = True
            paragraph.add_run(f" {text}")

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
                          [[_titled(line.indicator), line.latest, line.target, line.rag, line.direction]
                           for line in lines],
                          widths_cm=[6.6, 3.2, 2.2, 2.2, 2.8], align=[None, "right", "right", "center", None])
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

    def public_summary(self, assessment: SelfAssessment) -> None:
        pack, locale = self.pack, self.locale
        council = pack.settings.council
        heading = add_heading(self.document, "Adult social care: a summary for the public", 1)
        heading.paragraph_format.page_break_before = True   # a part of its own, for the council's website
        self.paragraph(f"This summary is for people who live in the area of {council}. It says how we spent "
                       "our money on adult social care, who we supported, how we are doing and what we are "
                       "working to make better. It can be published as our Local Account.")
        spend = spend_sentence(pack.finance, locale)
        if spend:
            self.heading("Our budget", 2)
            self.paragraph(spend)
            self.heading("Where the money was spent", 3)
            self.figure(SPEND_FIGURE, "Where the money was spent, by area of spending")
            largest = largest_sentence(pack.finance, "money", locale)
            if largest:
                self.paragraph(largest)
        people = people_sentence(pack.activity, locale)
        if people:
            self.heading("People we support", 2)
            if PEOPLE_FIGURE in self.figures:
                self.lead_in(people)
            else:
                self.paragraph(people)
            self.figure(PEOPLE_FIGURE, "People we supported, by their main support need")
            largest = largest_sentence(pack.activity, "people", locale)
            if largest:
                self.paragraph(largest)
        rows = public_rows(self.analysis)
        if rows:
            self.how_we_are_doing(rows)
        self.heading("What we are proud of", 2)
        self.bullets(assessment.adass.proud_of)
        self.heading("What we are working to make better", 2)
        self.bullets(assessment.adass.working_to_improve)

    def how_we_are_doing(self, rows: list[PublicRow]) -> None:
        pack, locale = self.pack, self.locale
        self.heading("How we are doing", 2)
        self.lead_in(f"This table shows some of our key measures for {format_month(pack.period, locale)}, "
                     "for the same month last year, and our targets.")
        add_table(self.document,
                  ["Indicator", f"Last year ({format_month(pack.period.shift(-12), locale)})", "Target",
                   f"Current ({format_month(pack.period, locale)})"],
                  [[row.indicator.title, row.last_year, row.target, row.current] for row in rows],
                  widths_cm=[8.6, 2.9, 2.6, 2.9], align=[None, "right", "right", "right"])
        compared = []
        for row in rows:
            item = self.analysis.indicator(row.indicator.id)
            benchmark = item.benchmark
            sentence = benchmark_sentence(row.indicator, benchmark, item.england, locale) if benchmark else None
            if sentence:
                compared.append((row.indicator, benchmark, sentence))
        if not compared:
            return
        self.heading("How we compare with other councils", 3)
        self.lead_in("Every council in England reports the same national measures, the Adult Social Care "
                     "Outcomes Framework (ASCOF). Councils are ranked from 1, the best. This is how we compare.")
        self.labelled_bullets([(indicator.title, sentence) for indicator, _, sentence in compared])
        for indicator, benchmark, _ in compared:
            self.figure(indicator_figure(IndicatorFigure.COMPARISON, indicator.id), f"{indicator.title}: how we compare, {benchmark.year}")


def _titled(indicator: Indicator) -> str:
    return f"{indicator.title} (ASCOF {indicator.ascof})" if indicator.ascof else indicator.title


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
        writer.public_summary(assessment)

    properties = DocumentProperties(
        title=title(appendix_number), subject=f"{settings.committee}, {meeting_date}", author=settings.council,
        keywords="adult social care; self-assessment; CQC; ADASS; Local Account",
        date=settings.meeting_date, language=settings.locale.replace("_", "-"))
    return render_template(templates / TEMPLATE, context, properties, write_body)
