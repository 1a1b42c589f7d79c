"""Building a whole pack: load, analyse, draw, render, check, write. One progress line per step."""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import __version__
from .analysis.assessment import assess_all
from .documents.accessibility import check_document_bytes
from .analysis.spc import Assurance, Variation
from .documents.committee_update import Appendix, build_committee_update
from .documents.dashboard_appendix import build_dashboard_appendix
from .documents.self_assessment_summary import build_self_assessment_summary
from .documents.live_figures import live_figures
from .documents.live_text import LiveText
from .figures.pack_figures import FigureRequest, draw_figures, plan_figures, request
from .figures.rendered import RenderedFigure
from .loading import load_inputs
from .model import PackData, Period
from .pack import OutputFile, WriteResult, is_up_to_date, write_pack
from .pdf import PdfUnavailable, convert_to_pdf
from .regional_return import regional_return_bytes

PACKAGE_DIR = Path(__file__).resolve().parent
FIGURE_CACHE = ".figure-cache"
ASSURANCE_KEY = (Assurance.CONSISTENTLY_MET, Assurance.CONSISTENTLY_MISSED, Assurance.HIT_AND_MISS)
DEFAULT_TEMPLATES = PACKAGE_DIR.parent / "report_templates"
LIBRARIES = ("python-docx", "docxtpl", "matplotlib", "babel", "Jinja2", "markdown-it-py", "PyYAML")

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildOptions:
    inputs: Path = Path("inputs")
    out: Path = Path("out")
    period: Period | None = None
    pdf: bool = False
    templates: Path = DEFAULT_TEMPLATES
    processes: int = 2


@dataclass
class BuildResult:
    folder: Path
    up_to_date: bool = False
    written: WriteResult | None = None
    warnings: list[str] = field(default_factory=list)


def _digest_tree(folder: Path, pattern: str) -> list[tuple[str, str]]:
    return [(p.relative_to(folder).as_posix(), hashlib.sha256(p.read_bytes()).hexdigest())
            for p in sorted(folder.rglob(pattern)) if "__pycache__" not in p.parts]


def fingerprint(pack: PackData, options: BuildOptions) -> str:
    """Everything the pack depends on: inputs, templates, this code and the options."""
    parts = {
        "inputs": [(f.path, f.sha256) for f in pack.files],
        "templates": _digest_tree(options.templates, "*.docx"),
        "code": _digest_tree(PACKAGE_DIR, "*.py"),
        "period": str(pack.period), "pdf": options.pdf, "versions": versions(),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def versions() -> dict[str, str]:
    found = {"scrutinyreport": __version__}
    for name in LIBRARIES:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def figure_requests(pack: PackData) -> list[FigureRequest]:
    """The pack's figures, and the icons of the dashboard's key."""
    statements = [(s.theme, s.name, s.score) for s in pack.self_assessment.statements] \
        if pack.self_assessment else None
    key = [request("icon_variation", f"key-variation-{v.value}", v, "") for v in Variation]
    key += [request("icon_assurance", f"key-assurance-{a.value}", a, "") for a in ASSURANCE_KEY]
    return plan_figures(pack, statements) + key


def figure_outputs(figures: dict[str, RenderedFigure]) -> list[OutputFile]:
    return [OutputFile(f"figures/{name}.png", figure.png, "figure", alt_text=figure.alt_text,
                       description=figure.description) for name, figure in figures.items()]


def build_pack(options: BuildOptions, progress: Progress = lambda line: None) -> BuildResult:
    """Build the pack into options.out/<period>/, or do nothing when it is already up to date."""
    pack = load_inputs(options.inputs, options.period)
    folder = options.out / str(pack.period)
    progress(f"Read {len(pack.indicators)} indicators over {len(pack.periods)} months from {options.inputs}; "
             f"reporting period {pack.period}")
    stamp = fingerprint(pack, options)
    if is_up_to_date(folder, stamp):
        progress(f"Up to date: {folder} was built from these inputs and no file in it has changed")
        return BuildResult(folder, up_to_date=True)

    assessments = assess_all(pack)
    live = LiveText(live_figures(pack, assessments), pack.settings.locale)
    appendices = [Appendix(1, "Self-assessment summary")] if pack.self_assessment else []
    appendices.append(Appendix(len(appendices) + 1, "Performance dashboard"))
    outputs: list[OutputFile] = []

    requests = figure_requests(pack)
    figures = draw_figures(requests, options.out / FIGURE_CACHE, options.processes)
    progress(f"Drew {len(figures)} figures")

    update = build_committee_update(pack, live, options.templates, appendices,
                                    f"{options.inputs.as_posix()}/pack.yaml")
    outputs.append(OutputFile("committee-update.docx", update, "document", pack.settings.report_title))
    progress("Rendered committee-update.docx")
    if pack.self_assessment is not None:
        summary = build_self_assessment_summary(pack, figures, options.templates, 1)
        outputs.append(OutputFile("appendix-1-self-assessment-summary.docx", summary, "document",
                                  "Appendix 1: Self-assessment summary"))
        outputs.append(OutputFile("self-assessment-return.json", regional_return_bytes(pack), "data",
                                  "Self-assessment return for the region"))
        progress("Rendered appendix-1-self-assessment-summary.docx and self-assessment-return.json")
    number = appendices[-1].number
    dashboard = build_dashboard_appendix(pack, assessments, figures, options.templates, number)
    outputs.append(OutputFile(f"appendix-{number}-performance-dashboard.docx", dashboard, "document",
                              f"Appendix {number}: Performance dashboard"))
    progress(f"Rendered appendix-{number}-performance-dashboard.docx")
    outputs.extend(figure_outputs(figures))

    result = BuildResult(folder)
    for output in outputs:
        if output.kind == "document":
            result.warnings.extend(str(f) for f in check_document_bytes(output.data, output.path))
    progress("Checked accessibility: " + (f"{len(result.warnings)} problem(s)" if result.warnings else "no problems"))

    if options.pdf:
        try:
            outputs.extend(convert_to_pdf([o for o in outputs if o.kind == "document"]))
            progress("Converted the documents to PDF")
        except PdfUnavailable as error:
            result.warnings.append(str(error))

    manifest = {"generator": f"scrutinyreport {__version__}", "fingerprint": stamp, "period": str(pack.period),
                "versions": versions(), "inputs": [{"path": f.path, "sha256": f.sha256} for f in pack.files]}
    result.written = write_pack(folder, outputs, manifest)
    for kept, new in result.written.kept_edited:
        result.warnings.append(f"{folder / kept} was edited since it was generated, so it was kept as it is; "
                               f"the new version is {folder / new}")
    progress(f"Wrote {len(outputs)} file(s) to {folder}")
    return result


