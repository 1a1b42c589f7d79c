"""The Local Account: adult social care's yearly report to residents, a document of its own (A4 portrait,
under the council's own header, not the committee's).

In order, as published Local Accounts have them: a message from the director or lead member (Markdown in
the inputs); who we supported, by age group and by support need, two years side by side; what we spent and
where the money came from; how we are doing on the key measures (last year, target, this year, and what each
means); how we compare with England on every benchmarked measure, the weak ones too; what we are proud of
and what we are working to improve (from the self-assessment); and how to give your views. Counts about
people follow the pack's disclosure control.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..analysis import Analysis, disclosure
from ..content import local_account as content
from ..figures.rendered import RenderedFigure
from ..formatting import format_month
from ..word.markdown import add_markdown, add_table
from ..word.render import DocumentProperties, render_template
from .self_assessment_summary import _Writer

TEMPLATE = "local_account.docx"
OUTPUT = "local-account.docx"


class _AccountWriter(_Writer):
    """The body of the Local Account; ``withheld`` records whether any figure was hidden."""

    withheld = False

    def introduction(self) -> None:
        section = self.pack.local_account_introduction
        if section is None:
            return
        by = self.pack.settings.local_account.introduction_by
        self.heading(f"A message from {by}" if by else "Introduction", 1)
        add_markdown(self.document, section.text, depth=1)

    def people(self, age: content.PeopleTable | None, need: content.PeopleTable | None) -> None:
        described = need or age
        if described is None:
            return
        self.heading("Who we supported", 1)
        self.paragraph(content.people_sentence(described))
        for table, figure, caption in ((age, content.AGE_FIGURE, "People we supported, by age group"),
                                       (need, content.NEED_FIGURE, "People we supported, by their main support need")):
            if table is None:
                continue
            self.withheld = self.withheld or table.shown.hidden > 0
            self.heading(f"By {table.label.lower()}", 2)
            self.lead_in(f"The number of people who had long-term care and support from us, by "
                         f"{table.label.lower()}, in {' and '.join(table.years)}.")
            add_table(self.document, [table.label, *table.years], [*table.rows, table.total],
                      widths_cm=[9.0] + [4.0] * len(table.years), align=[None] + ["right"] * len(table.years))
            self.spacer()
            self.figure(figure, caption)

    def money(self) -> None:
        pack, locale = self.pack, self.locale
        net = ", after taking off the money we received" if pack.income else ""
        spent = content.money_sentence(pack.finance, "We spent {now} on adult social care in {year}" + net +
                                       ". In {earlier_year} we spent {earlier}.", locale)
        received = content.money_sentence(pack.income, "We also received {now} in {year} from other sources "
                                          "(in {earlier_year}, {earlier}).", locale)
        if not spent and not received:
            return
        self.heading("What we spent and where the money came from", 1)
        if spent:
            self.heading("What we spent", 2)
            self.paragraph(spent)
            largest = content.largest_part(pack.finance, locale)
            if largest:
                self.paragraph(f"The largest part, {largest[1]}, paid for {content.lower_first(largest[0])}.")
            self.figure(content.SPEND_FIGURE, "What we spent, by area of spending")
        if received:
            self.heading("Where the money came from", 2)
            self.paragraph("Most of the money comes from the council's budget, paid for by council tax and "
                           "government grants. " + received)
            self.figure(content.INCOME_FIGURE, "Money we received, by where it came from")

    def measures(self, year: str) -> None:
        rows = content.measure_rows(self.analysis, year)
        if not rows:
            return
        end = content.year_end(self.pack, year)
        this, last = format_month(end, self.locale), format_month(end.shift(-12), self.locale)
        self.heading("How we are doing", 1)
        self.lead_in(f"These are some of the measures we use to check how we are doing. \u201cThis year\u201d is "
                     f"our figure for {this} and \u201clast year\u201d is our figure for {last}. Under each measure, "
                     "a sentence says what it means and how we did.")
        table = add_table(self.document, ["Measure", "Last year", "Target", "This year"],
                          [[row.indicator.title, row.last_year, row.target, row.this_year] for row in rows],
                          widths_cm=[9.2, 2.6, 2.6, 2.6], align=[None, "right", "right", "right"])
        hidden = {disclosure.WITHHELD, disclosure.small_text(content.control(self.pack))}
        self.withheld = self.withheld or any({r.last_year, r.this_year} & hidden for r in rows)
        for table_row, row in zip(table.rows[1:], rows):
            cell = table_row.cells[0]
            cell.paragraphs[0].runs[0].bold = True
            explanation = cell.add_paragraph(f"{row.meaning} {row.result}")
            explanation.style = cell.paragraphs[0].style
        self.spacer()

    def comparisons(self) -> None:
        year, groups = content.compare_rows(self.analysis)
        if not groups:
            return
        self.heading("How we compare with other councils", 1)
        self.paragraph("Every council in England reports the same national measures, the Adult Social Care "
                       f"Outcomes Framework (ASCOF). The latest published figures are for {year}. Councils are "
                       "ranked from 1, the best. Here is every measure we have, where we do well and where we do "
                       "not. \u201cSimilar\u201d means our figure is close enough to England\u2019s that the "
                       "difference could be down to chance, even where our rank is low.")
        self.paragraph(content.compare_summary(groups, self.locale))
        self.withheld = self.withheld or any(r.ours == disclosure.WITHHELD for _, rows in groups for r in rows)
        for heading, rows in groups:
            self.heading(heading, 2)
            add_table(self.document, ["Measure", "Our figure", "England", "Our rank"],
                      [[row.indicator.title, row.ours, row.england, row.rank] for row in rows],
                      widths_cm=[9.0, 2.6, 2.6, 2.8], align=[None, "right", "right", "right"])
            self.spacer()

    def self_assessment(self) -> None:
        assessment = self.pack.self_assessment
        if assessment is None:
            return
        self.heading("What we are proud of", 1)
        self.bullets(assessment.adass.proud_of)
        self.heading("What we are working to improve", 1)
        self.bullets(assessment.adass.working_to_improve)

    def about_the_figures(self) -> None:
        lines = disclosure.notes(content.control(self.pack), self.withheld)
        if not lines:
            return
        self.heading("About the figures", 1)
        for line in lines:
            self.paragraph(line)

    def views(self) -> None:
        settings = self.pack.settings
        self.heading("Tell us what you think", 1)
        self.paragraph("We want to hear from you about adult social care in "
                       f"{settings.local_account.area or settings.council}, and about this Local Account.")
        contact = settings.local_account.contact or ((f"Email: {settings.author.email}",) if settings.author.email
                                                     else ())
        self.bullets(list(contact), empty=f"Contact {settings.council}.")


def build_local_account(analysis: Analysis, figures: Mapping[str, RenderedFigure], templates: Path) -> bytes:
    """The rendered .docx of the Local Account. Figures that were not drawn are left out with their captions."""
    pack = analysis.pack
    settings = pack.settings
    year = content.account_year(pack)
    title = content.title(pack)
    area = settings.local_account.area or settings.council
    subtitle = (f"How we supported adults in {area} in {year}, what it cost, how we are doing and what we "
                f"want to do better. Published by {settings.council}.")
    context = {"council": settings.council, "title": title, "subtitle": subtitle,
               "header": f"Adult social care: our Local Account {year}"}
    age, need = content.people_tables(pack)

    def write_body(document: Any) -> None:
        writer = _AccountWriter(document, analysis, figures)
        writer.introduction()
        writer.people(age, need)
        writer.money()
        writer.measures(year)
        writer.comparisons()
        writer.self_assessment()
        writer.about_the_figures()
        writer.views()

    properties = DocumentProperties(
        title=title, subject=f"Adult social care in {area}, {year}", author=settings.council,
        keywords="adult social care; Local Account; ASCOF", date=settings.meeting_date,
        language=settings.locale.replace("_", "-"))
    return render_template(templates / TEMPLATE, context, properties, write_body)

