"""Assembling a pack's files in memory: figures drawn (or taken from the cache), documents rendered and
checked. Imported only when a pack has to be built, so that an up-to-date check starts quickly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..analysis import Analysis
from ..content.dashboard import dashboard_rows
from ..content.figure_plan import pack_figures
from ..content.live_figures import live_figures
from ..content.live_text import LiveText
from ..content.record import (
    dashboard_record,
    narrative_record,
    record_bytes,
    record_name,
    self_assessment_record,
)
from ..content.regional_return import regional_return_bytes
from ..documents.committee_update import Appendix, build_committee_update, render_narrative
from ..documents.dashboard_appendix import build_dashboard_appendix
from ..documents.local_account import OUTPUT as LOCAL_ACCOUNT
from ..documents.local_account import build_local_account
from ..documents.self_assessment_summary import build_self_assessment_summary
from ..figures.draw import draw_figures
from ..figures.rendered import RenderedFigure
from ..formatting import Printer
from ..word.accessibility import check_document_bytes
from ..word.records import embed_record
from .folder import OutputFile

UPDATE = "committee-update.docx"

Progress = Callable[[str], None]


def figure_outputs(figures: dict[str, RenderedFigure]) -> list[OutputFile]:
    return [OutputFile(f"figures/{name}.png", figure.png, "figure", alt_text=figure.alt_text,
                       description=figure.description) for name, figure in figures.items()]


def assemble_outputs(analysis: Analysis, templates: Path, figure_cache: Path | None, processes: int, pack_file: str,
                     progress: Progress) -> tuple[list[OutputFile], list[str]]:
    """Every file of the pack, and the accessibility warnings on its documents."""
    pack = analysis.pack
    live = LiveText(live_figures(analysis), pack.settings.locale)
    narrative = render_narrative(pack, live, pack_file)
    appendices = [Appendix(1, "Self-assessment summary")] if pack.self_assessment else []
    appendices.append(Appendix(len(appendices) + 1, "Performance dashboard"))
    outputs: list[OutputFile] = []

    printer = Printer.for_locale(pack.settings.locale)
    figures = draw_figures(pack_figures(analysis, printer), figure_cache, processes)
    progress(f"Drew {len(figures)} figures")

    update = build_committee_update(pack, narrative, templates, appendices)
    record = record_bytes(narrative_record(pack, live, [(s.key, s.title, markdown)
                                                        for s, markdown in narrative.sections], UPDATE))
    outputs.append(OutputFile(UPDATE, embed_record(update, record), "document", pack.settings.report_title))
    outputs.append(OutputFile(record_name(UPDATE), record, "data",
                              "What the committee update was made from, for harvesting a reviewed copy"))
    progress("Rendered committee-update.docx")
    if pack.self_assessment is not None:
        summary = build_self_assessment_summary(analysis, figures, templates, 1)
        name = "appendix-1-self-assessment-summary.docx"
        record = record_bytes(self_assessment_record(pack, name))
        outputs.append(OutputFile(name, embed_record(summary, record), "document",
                                  "Appendix 1: Self-assessment summary"))
        outputs.append(OutputFile(record_name(name), record, "data",
                                  "What the self-assessment summary's text was made from, for harvesting"))
        outputs.append(OutputFile("self-assessment-return.json", regional_return_bytes(analysis), "data",
                                  "Self-assessment return for the region"))
        progress("Rendered appendix-1-self-assessment-summary.docx and self-assessment-return.json")
    number = appendices[-1].number
    dashboard = build_dashboard_appendix(analysis, figures, templates, number)
    name = f"appendix-{number}-performance-dashboard.docx"
    record = record_bytes(dashboard_record(pack, dashboard_rows(analysis), name))
    outputs.append(OutputFile(name, embed_record(dashboard, record), "document",
                              f"Appendix {number}: Performance dashboard"))
    outputs.append(OutputFile(record_name(name), record, "data",
                              "What the dashboard's commentary was made from, for harvesting a reviewed copy"))
    progress(f"Rendered appendix-{number}-performance-dashboard.docx")
    outputs.append(OutputFile(LOCAL_ACCOUNT, build_local_account(analysis, figures, templates), "document",
                              "Local Account"))
    progress(f"Rendered {LOCAL_ACCOUNT}")
    outputs.extend(figure_outputs(figures))

    warnings = [str(finding) for output in outputs if output.kind == "document"
                for finding in check_document_bytes(output.data, output.path)]
    progress("Checked accessibility: " + (f"{len(warnings)} problem(s)" if warnings else "no problems"))
    return outputs, warnings
