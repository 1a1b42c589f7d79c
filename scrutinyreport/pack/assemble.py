"""Assembling a pack's files in memory: the figures planned and drawn (or taken from the cache), each
document's content built and written into its template, the records and the return, and the accessibility
check. Imported only when a pack has to be built, so that an up-to-date check starts quickly."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..analysis import Analysis
from ..content.blocks import Document
from ..content.charts import Figure, Icon
from ..content.committee_update import LiveNarrative, committee_update, live_text, render_narrative
from ..content.cross_references import DASHBOARD, Appendix, appendices, references
from ..content.dashboard import dashboard_rows
from ..content.dashboard_appendix import dashboard_appendix
from ..content.dashboard_appendix import title as dashboard_title
from ..content.figure_plan import pack_figures
from ..content.live_text import LiveText
from ..content.local_account import local_account
from ..content.record import (
    dashboard_record,
    local_account_record,
    narrative_record,
    record_bytes,
    record_name,
    self_assessment_record,
)
from ..content.regional_return import regional_return_bytes
from ..content.self_assessment_summary import self_assessment_summary
from ..documents import committee_update as update_document
from ..documents import dashboard_appendix as dashboard_document
from ..documents import local_account as account_document
from ..documents import self_assessment_summary as summary_document
from ..figures.rendered import NativeChart, RenderedFigure
from ..formatting import Printer
from ..web import local_account as account_page
from ..word.accessibility import check_document_bytes
from ..word.reader import section_texts
from ..word.records import embed_record
from .folder import OutputFile

RETURN = "self-assessment-return.json"

Progress = Callable[[str], None]


CHART_MODES = ("native", "picture")

Figures = Mapping[str, RenderedFigure | NativeChart]


def figure_outputs(figures: Mapping[str, RenderedFigure | NativeChart]) -> list[OutputFile]:
    """The figures drawn as pictures, as files (a native chart lives in its document only)."""
    return [OutputFile(f"figures/{name}.png", figure.png, "figure", alt_text=figure.alt_text,
                       description=figure.description) for name, figure in figures.items()
            if isinstance(figure, RenderedFigure)]


def draw(planned: list[Figure], mode: str, figure_cache: Path | None,
         processes: int) -> dict[str, RenderedFigure | NativeChart]:
    """Every planned figure drawn. ``native``: each chart a native Word chart, the icons the shipped pictures
    (matplotlib is not imported); ``picture``: every figure a picture (matplotlib), from the cache where it
    can."""
    if mode == "picture":
        from ..figures.draw import draw_figures

        return dict(draw_figures(planned, figure_cache, processes))
    from ..figures.drawingml import native_chart
    from ..figures.icon_files import icon_picture

    if len({figure.name for figure in planned}) != len(planned):
        raise ValueError("two figures would share a name; indicator ids must differ after making them safe")
    return {figure.name: icon_picture(figure) if isinstance(figure, Icon) else native_chart(figure)
            for figure in planned}


def _with_record(name: str, document: bytes, record: bytes, title: str, about: str) -> list[OutputFile]:
    """A document with its record inside, and the record beside it."""
    return [OutputFile(name, embed_record(document, record), "document", title),
            OutputFile(record_name(name), record, "data", about)]


@dataclass(frozen=True)
class PackContent:
    """What the pack's documents say, worked out once from the analysis: the figures planned, the appendices
    numbered, the dashboard's content (which the committee update's cross-references point into), the live
    figures and the narrative rendered with them."""

    analysis: Analysis
    printer: Printer
    planned: list[Figure]
    numbered: list[Appendix]
    dashboard_number: int
    dashboard: Document
    live: LiveText
    narrative: LiveNarrative

    @property
    def charts(self) -> dict[str, Figure]:
        return {figure.name: figure for figure in self.planned}


def pack_content(analysis: Analysis, pack_file: str) -> PackContent:
    """The content every document is built from; ``pack_file`` names pack.yaml in what the narrative says."""
    pack = analysis.pack
    printer = Printer.for_locale(pack.settings.locale)
    planned = pack_figures(analysis, printer)
    charts = {figure.name: figure for figure in planned}
    numbered = appendices(analysis)
    number = next(a.number for a in numbered if a.key == DASHBOARD)
    dashboard = dashboard_appendix(analysis, charts, printer, number)
    live = live_text(analysis, references(analysis, dashboard), printer)
    return PackContent(analysis, printer, planned, numbered, number, dashboard, live,
                       render_narrative(pack, live, pack_file))


def committee_update_document(content: PackContent, templates: Path) -> bytes:
    """The committee update (.docx), without its record."""
    return update_document.build_committee_update(
        committee_update(content.analysis.pack, content.narrative, content.numbered, content.printer), templates)


def self_assessment_document(content: PackContent, templates: Path, figures: Figures) -> bytes:
    """The self-assessment summary (.docx), Appendix 1, without its record."""
    return summary_document.build_self_assessment_summary(
        self_assessment_summary(content.analysis, content.charts, content.printer, 1), templates, figures)


def dashboard_document_bytes(content: PackContent, templates: Path, figures: Figures) -> bytes:
    """The performance dashboard (.docx), without its record."""
    return dashboard_document.build_dashboard_appendix(content.dashboard, templates, figures)


def local_account_content(content: PackContent) -> Document:
    """The Local Account's content, which the Word document and the web page both render."""
    return local_account(content.analysis, content.charts, content.printer)


def assemble_outputs(analysis: Analysis, templates: Path, figure_cache: Path | None, processes: int, pack_file: str,
                     progress: Progress, mode: str = "native") -> tuple[list[OutputFile], list[str]]:
    """Every file of the pack, and the accessibility warnings on its documents; ``mode`` says how the
    documents carry their charts (``native`` Word charts, or ``picture``s)."""
    pack = analysis.pack
    content = pack_content(analysis, pack_file)
    printer = content.printer
    outputs: list[OutputFile] = []

    figures = draw(content.planned, mode, figure_cache, processes)
    progress(f"Drew {len(figures)} figures")

    update = committee_update_document(content, templates)
    record = record_bytes(narrative_record(pack, content.live, [(s.key, s.title, markdown)
                                                                for s, markdown in content.narrative.sections],
                                           update_document.OUTPUT, section_texts(update)))
    outputs += _with_record(update_document.OUTPUT, update, record, pack.settings.report_title,
                            "What the committee update was made from, for harvesting a reviewed copy")
    progress(f"Rendered {update_document.OUTPUT}")
    if pack.self_assessment is not None:
        name = summary_document.output_name(1)
        summary = self_assessment_document(content, templates, figures)
        outputs += _with_record(name, summary, record_bytes(self_assessment_record(pack, name, section_texts(summary))),
                                "Appendix 1: Self-assessment summary",
                                "What the self-assessment summary's text was made from, for harvesting")
        outputs.append(OutputFile(RETURN, regional_return_bytes(analysis, printer), "data",
                                  "Self-assessment return for the region"))
        progress(f"Rendered {name} and {RETURN}")
    name = dashboard_document.output_name(content.dashboard_number)
    dashboard = dashboard_document_bytes(content, templates, figures)
    record = record_bytes(dashboard_record(pack, dashboard_rows(analysis, printer), printer, name,
                                           section_texts(dashboard)))
    outputs += _with_record(name, dashboard, record, dashboard_title(content.dashboard_number),
                            "What the dashboard's commentary was made from, for harvesting a reviewed copy")
    progress(f"Rendered {name}")
    account_content = local_account_content(content)
    account = account_document.build_local_account(account_content, templates, figures)
    record = record_bytes(local_account_record(pack, account_document.OUTPUT, section_texts(account)))
    outputs += _with_record(account_document.OUTPUT, account, record, "Local Account",
                            "What the Local Account's introduction was made from, for harvesting a reviewed copy")
    page, page_figures = account_page.build_local_account_page(account_content)
    outputs.append(OutputFile(account_page.OUTPUT, page, "page", "Local Account (web page)"))
    if page_figures is not None:
        outputs.append(OutputFile(account_page.FIGURES, page_figures, "data",
                                  "The figures of the Local Account web page's charts"))
    progress(f"Rendered {account_document.OUTPUT} and {account_page.OUTPUT}")
    outputs.extend(figure_outputs(figures))

    warnings = [str(finding) for output in outputs if output.kind == "document"
                for finding in check_document_bytes(output.data, output.path)]
    progress("Checked accessibility: " + (f"{len(warnings)} problem(s)" if warnings else "no problems"))
    return outputs, warnings
