"""A generated pack to review: its documents and records, a harvest of a reviewed copy (a dry run, so the
pack's inputs stay as generated), and the document regenerated from what the harvest would write.

    pack = SamplePack(sample_pack, work_folder)           # the session's sample pack, scratch space of its own
    docx, record = pack.document("committee-update")
    result = pack.harvest(edited_docx, "committee-update.docx")
    regenerated = pack.regenerate(result.files, "committee-update")
"""

from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path
from typing import Any

import scrutinyreport
from helpers.sample_pack import SampleBuild
from scrutinyreport import analyse, load_inputs
from scrutinyreport.harvest import HarvestOptions, HarvestResult, harvest
from scrutinyreport.pack.generate import FIGURE_CACHE

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
    """The sample pack (built once a session), harvested against (its inputs only read: the harvest is a dry
    run) and regenerated from (scratch inputs and a figure cache in ``work``)."""

    def __init__(self, sample: SampleBuild, work: Path):
        self.work = work
        self.inputs = sample.inputs
        self.figure_cache = work / "figure-cache"
        if (sample.out / FIGURE_CACHE).is_dir():
            shutil.copytree(sample.out / FIGURE_CACHE, self.figure_cache)
        self.files = sample.files()
        self.originals = {p.relative_to(self.inputs).as_posix(): _decoded(p.read_bytes())
                          for p in sorted(self.inputs.rglob("*")) if p.is_file()}
        self.scratch = work / "scratch-inputs"
        shutil.copytree(self.inputs, self.scratch)
        self._changed: set[str] = set()
        self._drawn: dict[bytes, Any] = {}       # each figure spec drawn once: drawing is a pure function of it
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
        return _build_one(analysis, kind, self.figure_cache, self._drawn)


def _build_one(analysis: Any, kind: str, figure_cache: Path, drawn_before: dict[bytes, Any]) -> bytes:
    """One document, as the pack builds it (pack/assemble.py's pieces; without its embedded record, which
    the text does not need), its charts drawn as the pack draws them (native by default). A figure whose
    spec was drawn before (``drawn_before``, keyed by the pickled spec and the chart mode) is taken from
    there: the same spec always draws the same bytes, and most edits leave every chart as it was."""
    from scrutinyreport.documents.local_account import build_local_account
    from scrutinyreport.documents.templates import template_folder
    from scrutinyreport.pack import assemble

    content = assemble.pack_content(analysis, "pack.yaml")

    def drawn(prefix: str = "") -> dict[str, Any]:
        mode = analysis.pack.settings.charts
        wanted = {pickle.dumps((mode, f)): f for f in content.planned if f.name.startswith(prefix)}
        new = [f for key, f in wanted.items() if key not in drawn_before]
        fresh = assemble.draw(new, mode, figure_cache, 1)
        drawn_before.update((key, fresh[f.name]) for key, f in wanted.items() if f.name in fresh)
        return {f.name: drawn_before[key] for key, f in wanted.items()}

    with template_folder(None) as templates:
        if kind == "committee-update":
            return assemble.committee_update_document(content, templates)
        if kind == "self-assessment":
            return assemble.self_assessment_document(content, templates, drawn("self-assessment-scores"))
        if kind == "local-account":
            return build_local_account(assemble.local_account_content(content), templates, drawn("local-account-"))
        return assemble.dashboard_document_bytes(content, templates, drawn())
