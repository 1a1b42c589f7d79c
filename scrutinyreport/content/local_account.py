"""What the Local Account says: adult social care's yearly report to residents, a document of its own (A4
portrait, under the council's own header, not the committee's), and a web page with the same content.

In order, as published Local Accounts have them: a message from the director or lead member (Markdown in
the inputs) and our priorities; who we supported, by age group and by support need, two years side by side;
what we did in the year (the activity measures, each by its year basis); what we spent and where the money
came from, in words as well as figures; the local care market; how we are doing on the key measures (last
year, target, this year, what each means, our aim for next year and why a target changed); how we compare
with England on every benchmarked measure, the weak ones too; our self-assessment (what ADASS peer challenge
is, our top achievements and challenges); what we are proud of and what we are working to improve; working
with people who use services (the co-production forum and its priorities, how we gather views); and how to
give your views, with the date it was last updated. Every part is left out when its inputs are missing.
Counts about people follow the pack's disclosure control (``local_account_parts``).
"""

from __future__ import annotations

from ..analysis import Analysis, disclosure
from ..formatting import Printer, format_financial_year
from ..model import Indicator, PackData
from . import local_account_parts as parts
from .blocks import Body, Cell, Column, Document, FigureMap, Markdown, Paragraph, Properties, Run, Style, Table
from .charts import width_of

TEXT_WIDTH_CM = 17.0
NONE_RECORDED = "None recorded."


INTRODUCTION_DEPTH = 1     # the introduction's own headings sit one level below its heading


def introduction_heading(pack: PackData) -> str:
    """The heading the introduction (the director's message) is printed under."""
    by = pack.settings.local_account.introduction_by
    return f"A message from {by}" if by else "Introduction"


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
        self.body.heading(introduction_heading(self.pack), 1)
        self.body.add(Markdown(section.text, depth=INTRODUCTION_DEPTH))

    def priorities(self) -> None:
        settings = self.pack.settings
        if not settings.local_account.priorities:
            return
        self.body.heading("Our priorities", 1)
        self.body.paragraph(f"These are our priorities for adult social care in "
                            f"{settings.local_account.area or settings.council}:", keep_with_next=True)
        self.body.bullets(settings.local_account.priorities, NONE_RECORDED)

    def activity(self, year: str) -> None:
        rows = parts.activity_rows(self.analysis, year, self.printer)
        if not rows:
            return
        earlier = format_financial_year(int(year[:4]) - 1)
        body = self.body
        body.heading("What we did this year", 1)
        body.paragraph(f"Some of the work we did in {year}, with {earlier} beside it where we have the figure. "
                       "Under each, a note says whether the figure is the year\u2019s total, the average month or "
                       "where we were at the end of the year.", keep_with_next=True)

        def notes(row: parts.ActivityRow) -> tuple[Paragraph, ...]:
            text = f"{row.meaning} " if row.meaning else ""
            text += f"{year}: {row.period}." + (f" {earlier}: {row.last_period}." if row.last_period else "")
            return (Paragraph((Run(text[0].upper() + text[1:]),), Style.CELL),)

        columns = (Column("What we did", 9.2), Column(earlier, 3.9, "right"), Column(year, 3.9, "right"))
        body.add(Table(columns, tuple((Cell(row.indicator.title, bold=True, notes=notes(row)), Cell(row.last_year),
                                       Cell(row.this_year)) for row in rows),
                       caption=f"What we did in {year}"))
        hidden = {disclosure.WITHHELD, disclosure.small_text(parts.control(self.pack))}
        self.withheld = self.withheld or any({r.last_year, r.this_year} & hidden for r in rows)
        body.spacer()

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
                           keep_together=True, caption=f"People we supported, by {table.label.lower()}"))
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
            split = parts.split_sentence(pack.finance, "Of the {total} we spent in {year},", "was for", "for", locale)
            largest = parts.largest_part(pack.finance, locale)
            if split:
                body.paragraph(split)
            elif largest:
                body.paragraph(f"The largest part, {largest[1]}, paid for {parts.lower_first(largest[0])}.")
            self.figure(parts.SPEND_FIGURE, "What we spent, by area of spending")
        if received:
            body.heading("Where the money came from", 2)
            body.paragraph("Most of the money comes from the council's budget, paid for by council tax and "
                           "government grants. " + received)
            split = parts.split_sentence(pack.income, "Of the {total} we received in {year},", "came from", "from",
                                         locale)
            if split:
                body.paragraph(split)
            self.figure(parts.INCOME_FIGURE, "Money we received, by where it came from")

    def care_market(self, year: str) -> None:
        settings = self.pack.settings.local_account
        sentences = parts.care_market_sentences(self.analysis, year, self.printer)
        if not sentences and not settings.care_market_notes:
            return
        self.body.heading("The local care market", 1)
        self.body.paragraph("Most care is given by independent providers: care homes, home care agencies and "
                            "others. The Care Quality Commission (CQC) inspects them and rates each one "
                            "Outstanding, Good, Requires improvement or Inadequate.")
        for sentence in (*sentences, *settings.care_market_notes):
            self.body.paragraph(sentence)

    def measures(self, year: str) -> None:
        rows = parts.measure_rows(self.analysis, year, self.printer)
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
        settings = self.pack.settings.local_account
        next_year = format_financial_year(start + 1)

        def notes(row: parts.MeasureRow) -> tuple[Paragraph, ...]:
            found = [f"{row.meaning} This year: {row.period}." + (f" Last year: {row.last_period}."
                                                                   if row.last_period else "") + f" {row.result}"]
            if row.indicator.id in settings.target_changes:
                found.append(f"Why the target changed: {settings.target_changes[row.indicator.id]}")
            if row.indicator.id in settings.aims:
                found.append(f"Our aim for {next_year}: {settings.aims[row.indicator.id]}")
            return tuple(Paragraph((Run(text),), Style.CELL) for text in found)

        body.add(Table(columns, tuple((Cell(row.indicator.title, bold=True, notes=notes(row)),
                                       Cell(row.last_year), Cell(row.target), Cell(row.this_year)) for row in rows),
                       caption="How we are doing on our key measures"))
        hidden = {disclosure.WITHHELD, disclosure.small_text(parts.control(self.pack))}
        self.withheld = self.withheld or any({r.last_year, r.this_year} & hidden for r in rows)
        body.spacer()

    def comparisons(self) -> None:
        year, groups = parts.compare_rows(self.analysis, self.printer)
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
            body.add(Table(columns, tuple((self.measure_cell(row.indicator), Cell(row.ours), Cell(row.england),
                                           Cell(row.rank)) for row in rows), caption=heading))
            body.spacer()

    def measure_cell(self, indicator: Indicator) -> Cell:
        """A compared measure's title, with what it means under it (a key measure says so in its own table)."""
        meaning = parts.meaning_of(indicator, self.pack)
        if not meaning or indicator.id in self.pack.settings.local_account.indicators:
            return Cell(indicator.title)
        return Cell(indicator.title, notes=(Paragraph((Run(meaning),), Style.CELL),))

    def self_assessment(self) -> None:
        assessment = self.pack.self_assessment
        if assessment is None:
            return
        adass = assessment.adass
        if adass.innovations_and_achievements or adass.risks_and_challenges:
            body = self.body
            body.heading("Our self-assessment", 1)
            sent = (f" We sent ours to the region on {self.printer.long_date(assessment.submitted)}."
                    if assessment.submitted else "")
            body.paragraph("Each year we check our work against the Care Quality Commission\u2019s assessment "
                           "framework for councils. This self-assessment is part of the sector-led improvement "
                           "programme that councils run together with the Association of Directors of Adult Social "
                           "Services (ADASS)." + sent)
            body.paragraph("In a peer challenge, a director of adult social services from another council reads "
                           "our self-assessment, tests it against the evidence and tells us what we could do "
                           "better. The councils of the region then compare notes at a challenge event.")
            if adass.innovations_and_achievements:
                body.heading("Our top achievements", 2)
                body.bullets(adass.innovations_and_achievements, NONE_RECORDED)
            if adass.risks_and_challenges:
                body.heading("Our biggest challenges", 2)
                body.bullets(adass.risks_and_challenges, NONE_RECORDED)
        self.body.heading("What we are proud of", 1)
        self.body.bullets(assessment.adass.proud_of, NONE_RECORDED)
        self.body.heading("What we are working to improve", 1)
        self.body.bullets(assessment.adass.working_to_improve, NONE_RECORDED)

    def working_with_you(self) -> None:
        settings = self.pack.settings.local_account
        forum = settings.forum
        if not (forum.name or forum.about or forum.priorities) and not settings.views:
            return
        body = self.body
        body.heading("Working with you", 1)
        if forum.name or forum.about or forum.priorities:
            name = forum.name or "Our co-production forum"
            body.heading(name[0].upper() + name[1:], 2)
            if forum.about:
                body.paragraph(forum.about)
            if forum.priorities:
                body.paragraph(f"The priorities {parts.lower_first(name) if forum.name else 'it'} has agreed with "
                               "us are:", keep_with_next=True)
                body.bullets(forum.priorities, NONE_RECORDED)
        if settings.views:
            body.heading("How we hear your views", 2)
            body.paragraph("We ask people who use care and support, and their carers, what they think in several "
                           "ways:", keep_with_next=True)
            body.bullets(settings.views, NONE_RECORDED)

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
        self.body.paragraph(f"Last updated: {self.printer.long_date(settings.meeting_date)}", Style.NOTE)


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
    age, need = parts.people_tables(pack, printer)
    account.introduction()
    account.priorities()
    account.people(age, need)
    account.activity(year)
    account.money()
    account.care_market(year)
    account.measures(year)
    account.comparisons()
    account.self_assessment()
    account.working_with_you()
    account.about_the_figures()
    account.views()
    properties = Properties(
        title=heading, subject=f"Adult social care in {area}, {year}", author=settings.council,
        keywords="adult social care; Local Account; ASCOF", date=settings.meeting_date, language=printer.language)
    return Document(fields, properties, account.body.build())
