"""A generated pack to review: its documents and records, a harvest of a reviewed copy (a dry run, so the
pack's inputs stay as generated), and the document regenerated from what the harvest would write.

    pack = SamplePack(inputs_folder, work_folder)         # generates the pack once (figures cached)
    docx, record = pack.document("committee-update")
    result = pack.harvest(edited_docx, "committee-update.docx")
    regenerated = pack.regenerate(result.files, "committee-update")
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import scrutinyreport
from scrutinyreport import analyse, build_pack, load_inputs
from scrutinyreport.harvest import HarvestOptions, HarvestResult, harvest

KINDS = {"committee-update": "committee-update", "dashboard": "performance-dashboard",
         "self-assessment": "self-assessment-summary", "local-account": "local-account"}


def sample_inputs() -> Path:
    """The sample inputs shipped beside the package (the repository's inputs/)."""
    return Path(scrutinyreport.__file__).resolve().parents[1] / "inputs"


def _decoded(data: bytes) -> str:
    """A text input as the loader reads it (UTF-8, with or without a BOM, or Windows-1252)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


class SamplePack:
    """A pack generated from a copy of ``inputs`` in ``work``, harvested against and regenerated from."""

    def __init__(self, inputs: Path, work: Path):
        self.work = work
        self.inputs = work / "inputs"
        shutil.copytree(inputs, self.inputs)
        self.figure_cache = work / "figure-cache"
        built = build_pack(analyse(load_inputs(self.inputs)), figure_cache=self.figure_cache, processes=1)
        self.files = built.files
        self.originals = {p.relative_to(self.inputs).as_posix(): _decoded(p.read_bytes())
                          for p in sorted(self.inputs.rglob("*")) if p.is_file()}
        self.scratch = work / "scratch-inputs"
        shutil.copytree(self.inputs, self.scratch)
        self._changed: set[str] = set()
        (work / "reviewed").mkdir()

    def name(self, kind: str) -> str:
        """The document's file name in the pack ('appendix-2-performance-dashboard.docx', ...)."""
        return next(n for n in self.files if n.endswith(KINDS[kind] + ".docx"))

    def document(self, kind: str) -> tuple[bytes, dict[str, Any]]:
        """The generated document and its record."""
        name = self.name(kind)
        return self.files[name], json.loads(self.files[name.removesuffix(".docx") + ".record.json"])

    def harvest(self, docx: bytes, name: str, changes: str = "accept") -> HarvestResult:
        """Harvest a reviewed copy against the pack's inputs, writing nothing (--dry-run)."""
        path = self.work / "reviewed" / name
        path.write_bytes(docx)
        return harvest(HarvestOptions(path, self.inputs, changes=changes, dry_run=True))

    def after(self, files: dict[str, str]) -> dict[str, str]:
        """Every input file's text once the harvested files are written."""
        return {**self.originals, **files}

    def regenerate(self, files: dict[str, str], kind: str) -> bytes:
        """The document built from the inputs with the harvested files written over them."""
        for name in self._changed - set(files):
            source = self.inputs / name
            shutil.copyfile(source, self.scratch / name) if source.exists() else (self.scratch / name).unlink()
        for name, content in files.items():
            (self.scratch / name).parent.mkdir(parents=True, exist_ok=True)
            (self.scratch / name).write_text(content, encoding="utf-8")
        self._changed = set(files)
        analysis = analyse(load_inputs(self.scratch))
        return _build_one(analysis, kind, self.figure_cache)


def _build_one(analysis: Any, kind: str, figure_cache: Path) -> bytes:
    """One document, as the pack builds it (pack/assemble.py; without its embedded record, which the text
    does not need)."""
    from scrutinyreport.content.committee_update import committee_update, live_text, render_narrative
    from scrutinyreport.content.cross_references import DASHBOARD, appendices, references
    from scrutinyreport.content.dashboard_appendix import dashboard_appendix
    from scrutinyreport.content.figure_plan import pack_figures
    from scrutinyreport.content.local_account import local_account
    from scrutinyreport.content.self_assessment_summary import self_assessment_summary
    from scrutinyreport.documents.committee_update import build_committee_update
    from scrutinyreport.documents.dashboard_appendix import build_dashboard_appendix
    from scrutinyreport.documents.local_account import build_local_account
    from scrutinyreport.documents.self_assessment_summary import build_self_assessment_summary
    from scrutinyreport.documents.templates import template_folder
    from scrutinyreport.formatting import Printer
    from scrutinyreport.pack.assemble import draw

    def draw_figures(wanted: list[Any], cache: Path, processes: int) -> dict[str, Any]:
        return draw(wanted, pack.settings.charts, cache, processes)   # as the pack draws them (native by default)

    pack = analysis.pack
    printer = Printer.for_locale(pack.settings.locale)
    planned = pack_figures(analysis, printer)
    charts = {figure.name: figure for figure in planned}
    numbered = appendices(analysis)
    number = next(a.number for a in numbered if a.key == DASHBOARD)
    with template_folder(None) as templates:
        if kind == "committee-update":
            dashboard_content = dashboard_appendix(analysis, charts, printer, number)
            live = live_text(analysis, references(analysis, dashboard_content), printer)
            narrative = render_narrative(pack, live, "pack.yaml")
            return build_committee_update(committee_update(pack, narrative, numbered, printer), templates)
        if kind == "self-assessment":
            wanted = [f for f in planned if f.name == "self-assessment-scores"]
            return build_self_assessment_summary(self_assessment_summary(analysis, charts, printer, 1), templates,
                                                 draw_figures(wanted, figure_cache, 1))
        if kind == "local-account":
            wanted = [f for f in planned if f.name.startswith("local-account-")]
            return build_local_account(local_account(analysis, charts, printer), templates,
                                       draw_figures(wanted, figure_cache, 1))
        return build_dashboard_appendix(dashboard_appendix(analysis, charts, printer, number), templates,
                                        draw_figures(planned, figure_cache, 1))
