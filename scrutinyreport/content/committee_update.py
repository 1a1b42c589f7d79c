"""What the committee update report says: the cover paper, in the shape English councils publish.

Title block and recommendations come from pack.yaml; the numbered sections come from the narrative
Markdown (live figures rendered first), with Timescales, Background documents and Appendices generated.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..analysis import Analysis
from ..errors import NarrativeError, NarrativeErrors
from ..formatting import Printer
from ..model import PackData
from .blocks import (
    Block,
    Cell,
    Column,
    Document,
    Heading,
    Markdown,
    NumberedParagraph,
    Properties,
    Style,
    Table,
    paragraph,
)
from .cross_references import DASHBOARD, Appendix, References, appendices, references
from .dashboard_appendix import dashboard_appendix
from .figure_plan import pack_figures
from .live_figures import live_figures
from .live_text import LiveText

NOT_APPLICABLE = "Not applicable."
BACKGROUND_DOCUMENTS_ACT = ("Used to prepare this report, in accordance with the Local Government (Access to "
                            "Information) Act 1985:")


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    generated: bool = False


SECTIONS = (
    Section("origin", "Origin of report"),
    Section("purpose", "Purpose and reason for report"),
    Section("timescales", "Timescales", generated=True),
    Section("background", "Background and key issues"),
    Section("consultation", "Consultation"),
    Section("outcomes", "Anticipated outcomes or impact"),
    Section("reasons", "Reason for the recommendation"),
    Section("alternatives", "Alternative options considered"),
    Section("implications", "Implications"),
    Section("background_documents", "Background documents", generated=True),
    Section("appendices", "Appendices", generated=True),
)


def _with_heading(markdown: str, title: str) -> str:
    """Narrative files normally open with '# Title'; one that does not gets the standard title."""
    first = next((line for line in markdown.splitlines() if line.strip()), "")
    return markdown if first.startswith("# ") else f"# {title}\n\n{markdown}"


@dataclass(frozen=True)
class LiveNarrative:
    """The report's narrative with every live figure worked out: sections in order (Markdown, or None for
    a generated section) and the recommendations."""

    sections: tuple[tuple[Section, str | None], ...]
    recommendations: tuple[str, ...]


def _section_title(key: str) -> str:
    return key.replace("_", " ").replace("-", " ").strip().capitalize()


def render_narrative(pack: PackData, live: LiveText, pack_file: str) -> LiveNarrative:
    """Render every narrative file and recommendation, collecting every error before raising them together.

    Extra narrative files (keys not in the standard list) come before Implications, in file-name order."""
    errors: list[NarrativeError] = []

    def render(text: str, source: str, first_line: int = 1) -> str:
        try:
            return live.render(text, source, first_line)
        except NarrativeError as error:
            errors.append(error)
        except NarrativeErrors as several:
            errors.extend(several.errors)
        return ""

    by_key = {section.key: section for section in pack.narrative}
    known = {section.key for section in SECTIONS}
    extras = [n for n in pack.narrative if n.key not in known]
    ordered: list[tuple[Section, str | None]] = []
    for section in SECTIONS:
        if section.key == "implications":
            for narrative in extras:
                extra = Section(narrative.key, _section_title(narrative.key))
                ordered.append((extra, _with_heading(render(narrative.text, narrative.path), extra.title)))
        if section.generated:
            ordered.append((section, None))
        elif section.key in by_key:
            narrative = by_key[section.key]
            ordered.append((section, _with_heading(render(narrative.text, narrative.path), section.title)))
        elif pack.settings.missing_sections == "not_applicable":
            ordered.append((section, f"# {section.title}\n\n{NOT_APPLICABLE}\n"))
    lines = pack.settings.recommendation_lines
    recommended = tuple(" ".join(render(text, pack_file, (lines[n] or 1) if n < len(lines) else 1).split())
                        for n, text in enumerate(pack.settings.recommendations))
    if errors:
        raise NarrativeErrors(errors)
    return LiveNarrative(tuple(ordered), recommended)


def _generated(section: Section, pack: PackData, appendices: list[Appendix], printer: Printer) -> list[Block]:
    settings = pack.settings
    blocks: list[Block] = [Heading(section.title, 1)]
    if section.key == "timescales":
        cabinet = printer.long_date(settings.cabinet_date) if settings.cabinet_date else "Not applicable"
        major = settings.major_policy_item
        blocks.append(Table((Column("Question", 11.0), Column("Answer", 5.0)), (
            (Cell("Is this a major policy item or statutory plan?"), Cell("Yes" if major else "No")),
            (Cell("If yes, date for Cabinet meeting"), Cell(cabinet if major else "Not applicable")),
        ), caption="Timescales"))
    elif section.key == "background_documents":
        blocks.append(NumberedParagraph(BACKGROUND_DOCUMENTS_ACT if settings.background_documents else "None.", 1))
        blocks += [paragraph(item, Style.BULLET) for item in settings.background_documents]
    elif section.key == "appendices":
        if not appendices:
            blocks.append(NumberedParagraph("None", 1))
        blocks += [NumberedParagraph(f"Appendix {appendix.number}: {appendix.title}", 1) for appendix in appendices]
    return blocks


def committee_update(pack: PackData, narrative: LiveNarrative, appendices: list[Appendix],
                     printer: Printer) -> Document:
    """The committee update's content: the title block, the recommendations and the numbered sections."""
    settings = pack.settings
    meeting_date = printer.long_date(settings.meeting_date)
    fields: dict[str, str | list[str]] = {
        "council": settings.council, "committee": settings.committee, "meeting_date": meeting_date,
        "report_title": settings.report_title, "period": printer.month(pack.period),
        "author_name": settings.author.name, "author_role": settings.author.role,
        "author_email": settings.author.email, "cabinet_member": settings.cabinet_member,
        "recommendations": list(narrative.recommendations),
    }
    body: list[Block] = []
    for section, markdown in narrative.sections:
        body += _generated(section, pack, appendices, printer) if markdown is None else [Markdown(markdown)]
    properties = Properties(
        title=settings.report_title, subject=f"{settings.committee}, {meeting_date}", author=settings.council,
        keywords="adult social care; scrutiny; performance", date=settings.meeting_date, language=printer.language)
    return Document(fields, properties, tuple(body))


def live_text(analysis: Analysis, refs: References, printer: Printer) -> LiveText:
    """The live figures narrative quotes, and the cross-references it can make."""
    return LiveText({**live_figures(analysis, printer), **refs.functions()}, printer.locale)


def narrative_problems(analysis: Analysis, printer: Printer, pack_file: str) -> list[NarrativeError]:
    """Every live figure in the narrative and recommendations that cannot be worked out (for validate),
    cross-references to charts the dashboard would not draw included."""

    charts = {figure.name: figure for figure in pack_figures(analysis, printer)}
    number = next(a.number for a in appendices(analysis) if a.key == DASHBOARD)
    live = live_text(analysis, references(analysis, dashboard_appendix(analysis, charts, printer, number)), printer)
    try:
        render_narrative(analysis.pack, live, pack_file)
    except NarrativeErrors as error:
        return error.errors
    return []
