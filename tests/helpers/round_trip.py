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
    """One document, as the pack builds it (pack/assemble.py's pieces; without its embedded record, which
    the text does not need), its charts drawn as the pack draws them (native by default)."""
    from scrutinyreport.documents.local_account import build_local_account
    from scrutinyreport.documents.templates import template_folder
    from scrutinyreport.pack import assemble

    content = assemble.pack_content(analysis, "pack.yaml")

    def drawn(prefix: str = "") -> dict[str, Any]:
        wanted = [f for f in content.planned if f.name.startswith(prefix)]
        return assemble.draw(wanted, analysis.pack.settings.charts, figure_cache, 1)

    with template_folder(None) as templates:
        if kind == "committee-update":
            return assemble.committee_update_document(content, templates)
        if kind == "self-assessment":
            return assemble.self_assessment_document(content, templates, drawn("self-assessment-scores"))
        if kind == "local-account":
            return build_local_account(assemble.local_account_content(content), templates, drawn("local-account-"))
        return assemble.dashboard_document_bytes(content, templates, drawn())
