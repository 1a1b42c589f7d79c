"""What the Local Account says: adult social care's yearly report to residents, a document of its own (A4
portrait, under the council's own header, not the committee's), and a web page with the same content.

In order, as published Local Accounts have them: a message from the director or lead member (Markdown in
the inputs); who we supported, by age group and by support need, two years side by side; what we spent and
where the money came from; how we are doing on the key measures (last year, target, this year, and what each
means); how we compare with England on every benchmarked measure, the weak ones too; what we are proud of
and what we are working to improve (from the self-assessment); and how to give your views. Counts about
people follow the pack's disclosure control (``local_account_parts``).
"""

from __future__ import annotations

from ..analysis import Analysis, disclosure
from ..formatting import Printer
from . import local_account_parts as parts
from .blocks import Body, Cell, Column, Document, FigureMap, Markdown, Paragraph, Properties, Run, Style, Table
from .charts import width_of

TEXT_WIDTH_CM = 17.0
NONE_RECORDED = "None recorded."


class _Account:
    """The body, built section by section; ``withheld`` records whether any figure was hidden."""

    def __init__(self, analysis: Analysis, figures: FigureMap, printer: Printer):
        self.analysis, self.pack, self.figures, self.printer = analysis, analysis.pack, figures, printer
        self.body = Body()
        self.withheld = False

    def figure(self, name: str, caption: str) -> None:
        figure = self.figures.get(name)
        if figure is not None:
            self.body.figure(figure, min(width_of(figure), TEXT_WIDTH_CM), caption)

    def introduction(self) -> None:
        section = self.pack.local_account_introduction
        if section is None:
            return
        by = self.pack.settings.local_account.introduction_by
        self.body.heading(f"A message from {by}" if by else "Introduction", 1)
        self.body.add(Markdown(section.text, depth=1))

    def people(self, age: parts.PeopleTable | None, need: parts.PeopleTable | None) -> None:
        described = need or age
        if described is None:
            return
        body = self.body
        body.heading("Who we supported", 1)
        body.paragraph(parts.people_sentence(described))
        for table, figure, caption in ((age, parts.AGE_FIGURE, "People we supported, by age group"),
                                       (need, parts.NEED_FIGURE, "People we supported, by their main support need")):
            if table is None:
                continue
            self.withheld = self.withheld or table.shown.hidden > 0
            body.heading(f"By {table.label.lower()}", 2)
            body.paragraph(f"The number of people who had long-term care and support from us, by "
                           f"{table.label.lower()}, in {' and '.join(table.years)}.", keep_with_next=True)
            columns = (Column(table.label, 9.0), *(Column(year, 4.0, "right") for year in table.years))
            body.add(Table(columns, tuple(tuple(Cell(text) for text in row) for row in [*table.rows, table.total]),
                           caption=f"People we supported, by {table.label.lower()}"))
            body.spacer()
            self.figure(figure, caption)

    def money(self) -> None:
        pack, locale, body = self.pack, self.printer.locale, self.body
        net = ", after taking off the money we received" if pack.income else ""
        spent = parts.money_sentence(pack.finance, "We spent {now} on adult social care in {year}" + net +
                                     ". In {earlier_year} we spent {earlier}.", locale)
        received = parts.money_sentence(pack.income, "We also received {now} in {year} from other sources "
                                        "(in {earlier_year}, {earlier}).", locale)
        if not spent and not received:
            return
        body.heading("What we spent and where the money came from", 1)
        if spent:
            body.heading("What we spent", 2)
            body.paragraph(spent)
            largest = parts.largest_part(pack.finance, locale)
            if largest:
                body.paragraph(f"The largest part, {largest[1]}, paid for {parts.lower_first(largest[0])}.")
            self.figure(parts.SPEND_FIGURE, "What we spent, by area of spending")
        if received:
            body.heading("Where the money came from", 2)
            body.paragraph("Most of the money comes from the council's budget, paid for by council tax and "
                           "government grants. " + received)
            self.figure(parts.INCOME_FIGURE, "Money we received, by where it came from")

    def measures(self, year: str) -> None:
        rows = parts.measure_rows(self.analysis, year)
        if not rows:
            return
        start = int(year[:4])
        body = self.body
        body.heading("How we are doing", 1)
        body.paragraph(f"These are some of the measures we use to check how we are doing. \u201cThis year\u201d is "
                       f"{year}, April {start} to March {start + 1}, and \u201clast year\u201d the year before. Some "
                       "measures count the whole year, some the average month and some where we were at the end "
                       "of the year: under each measure, a sentence says which, what it means and how we did.",
                       keep_with_next=True)
        columns = (Column("Measure", 9.2), Column("Last year", 2.6, "right"), Column("Target", 2.6, "right"),
                   Column("This year", 2.6, "right"))
        body.add(Table(columns, tuple((Cell(row.indicator.title, bold=True, notes=(Paragraph((Run(
            f"{row.meaning} This year: {row.period}." + (f" Last year: {row.last_period}." if row.last_period else "")
            + f" {row.result}"),), Style.CELL),)),
            Cell(row.last_year), Cell(row.target), Cell(row.this_year)) for row in rows),
            caption="How we are doing on our key measures"))
        hidden = {disclosure.WITHHELD, disclosure.small_text(parts.control(self.pack))}
        self.withheld = self.withheld or any({r.last_year, r.this_year} & hidden for r in rows)
        body.spacer()

    def comparisons(self) -> None:
        year, groups = parts.compare_rows(self.analysis)
        if not groups:
            return
        body = self.body
        body.heading("How we compare with other councils", 1)
        body.paragraph("Every council in England reports the same national measures, the Adult Social Care "
                       f"Outcomes Framework (ASCOF). The latest published figures are for {year}. Councils are "
                       "ranked from 1, the best. Here is every measure we have, where we do well and where we do "
                       "not. \u201cBetter\u201d and \u201cworse\u201d mean the difference from England is too big "
                       "to be down to chance; \u201csimilar\u201d means it could be, even where our rank is low.")
        body.paragraph(parts.compare_summary(groups, self.printer.locale))
        self.withheld = self.withheld or any(r.ours == disclosure.WITHHELD for _, rows in groups for r in rows)
        for heading, rows in groups:
            body.heading(heading, 2)
            columns = (Column("Measure", 9.0), Column("Our figure", 2.6, "right"), Column("England", 2.6, "right"),
                       Column("Our rank", 2.8, "right"))
            body.add(Table(columns, tuple(tuple(Cell(text) for text in (row.indicator.title, row.ours, row.england,
                                                                        row.rank)) for row in rows),
                           caption=heading))
            body.spacer()

    def self_assessment(self) -> None:
        assessment = self.pack.self_assessment
        if assessment is None:
            return
        self.body.heading("What we are proud of", 1)
        self.body.bullets(assessment.adass.proud_of, NONE_RECORDED)
        self.body.heading("What we are working to improve", 1)
        self.body.bullets(assessment.adass.working_to_improve, NONE_RECORDED)

    def about_the_figures(self) -> None:
        lines = disclosure.notes(parts.control(self.pack), self.withheld)
        if not lines:
            return
        self.body.heading("About the figures", 1)
        for line in lines:
            self.body.paragraph(line)

    def views(self) -> None:
        settings = self.pack.settings
        self.body.heading("Tell us what you think", 1)
        self.body.paragraph("We want to hear from you about adult social care in "
                            f"{settings.local_account.area or settings.council}, and about this Local Account.")
        contact = settings.local_account.contact or ((f"Email: {settings.author.email}",) if settings.author.email
                                                     else ())
        self.body.bullets(list(contact), f"Contact {settings.council}.")


def local_account(analysis: Analysis, figures: FigureMap, printer: Printer) -> Document:
    """The Local Account's content; ``figures`` are the pack's planned figures by name (a figure not among
    them is left out, with its caption)."""
    pack = analysis.pack
    settings = pack.settings
    year = parts.account_year(pack)
    heading = parts.title(pack)
    area = settings.local_account.area or settings.council
    subtitle = (f"How we supported adults in {area} in {year}, what it cost, how we are doing and what we "
                f"want to do better. Published by {settings.council}.")
    fields = {"council": settings.council, "title": heading, "subtitle": subtitle,
              "header": f"Adult social care: our Local Account {year}"}
    account = _Account(analysis, figures, printer)
    age, need = parts.people_tables(pack)
    account.introduction()
    account.people(age, need)
    account.money()
    account.measures(year)
    account.comparisons()
    account.self_assessment()
    account.about_the_figures()
    account.views()
    properties = Properties(
        title=heading, subject=f"Adult social care in {area}, {year}", author=settings.council,
        keywords="adult social care; Local Account; ASCOF", date=settings.meeting_date, language=printer.language)
    return Document(fields, properties, account.body.build())
