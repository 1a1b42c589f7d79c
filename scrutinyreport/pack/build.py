"""A whole pack in memory, for the library: ``build_pack(pack_or_analysis) -> Pack``, then ``Pack.write(folder)``.

The command line's ``generate`` goes through the same two steps (see ``generate.py``), adding the up-to-date
check that only a folder of input files allows.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..analysis import Analysis, analyse
from ..documents.templates import template_folder
from ..errors import PdfUnavailable
from ..model import PackData
from ..version import __version__
from .folder import OutputFile, WriteResult, write_pack
from .lock import OutputLock
from .pdf import convert_to_pdf
from .provenance import versions

Progress = Callable[[str], None]
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Pack:
    """Every file of one pack in memory (documents, figures, the regional return, records), the analysis it
    was built from and the accessibility warnings on its documents. ``write`` puts it on disk."""

    analysis: Analysis
    outputs: tuple[OutputFile, ...]
    warnings: tuple[str, ...]
    fingerprint: str

    @property
    def files(self) -> dict[str, bytes]:
        """Every file by its path in the pack folder ('committee-update.docx', 'figures/spc-x.png', ...)."""
        return {output.path: output.data for output in self.outputs}

    @property
    def documents(self) -> dict[str, bytes]:
        """The Word documents by file name."""
        return {output.path: output.data for output in self.outputs if output.kind == "document"}

    def with_pdf(self) -> Pack:
        """The pack with PDF copies of its documents (made by LibreOffice in one call); PdfUnavailable when
        LibreOffice cannot be found."""
        pdfs = convert_to_pdf([o for o in self.outputs if o.kind == "document"])
        return Pack(self.analysis, self.outputs + tuple(pdfs), self.warnings, self.fingerprint)

    def write(self, out: str | os.PathLike[str] = "out", inputs: Mapping[str, str] | None = None,
              wait: float = 60.0) -> WriteResult:
        """Write the pack into ``out/<period>/``: built beside any previous pack and swapped in, with a
        manifest; a document a reviewer edited, or that is open in Word or LibreOffice, is kept, the new one
        written beside it (``WriteResult.warnings`` says which). Holds the output folder's lock, as
        ``generate`` does, waiting up to ``wait`` seconds for another run (OutputLocked after that)."""
        pack = self.analysis.pack
        manifest = {"generator": f"scrutinyreport {__version__}", "fingerprint": self.fingerprint,
                    "period": str(pack.period), "versions": versions(),
                    "inputs": [{"path": path, "sha256": digest} for path, digest in
                               (inputs or {f.path: f.sha256 for f in pack.files}).items()]}
        folder = Path(out) / str(pack.period)
        with OutputLock(Path(out), wait, advice="try again when it has finished (or give write() a longer wait)"):
            written = write_pack(folder, list(self.outputs), manifest)
        log.info("Wrote %d file(s) to %s", len(written.written), folder.as_posix())
        for kept, new in written.kept_edited:
            log.warning("%s was edited since it was generated, so it was kept as it is; the new version is %s",
                        (folder / kept).as_posix(), (folder / new).as_posix())
        return written


def content_fingerprint(outputs: tuple[OutputFile, ...]) -> str:
    """A pack's fingerprint from its own bytes: data that never was a file is fingerprinted by what it gives."""
    return hashlib.sha256(json.dumps(sorted((o.path, o.sha256) for o in outputs)).encode()).hexdigest()


def build_pack(data: PackData | Analysis, *, templates: str | os.PathLike[str] | None = None,
               figure_cache: str | os.PathLike[str] | None = None, processes: int = 1, pdf: bool = False,
               fingerprint: str | None = None, pack_file: str = "pack.yaml",
               progress: Progress | None = None, charts: str | None = None) -> Pack:
    """Every file of the pack for ``data`` (pack data, or its analysis), in memory. ``templates`` is a folder
    of restyled templates (default: the ones shipped in the package); ``figure_cache`` a folder where
    pictures are kept between runs; ``pdf`` adds PDF copies (a warning when LibreOffice is missing);
    ``charts`` is how the documents carry their charts, ``native`` (Word charts a reviewer can edit, with
    their data) or ``picture`` (default: pack.yaml's ``charts``, itself native by default).

    ``processes`` above 1 draws the charts in that many worker processes. The default, 1, draws them in this
    process, which is safe whatever the start method: under spawn (Windows; macOS's default) a pool re-runs
    the calling script in each worker, so a script that asks for more must keep its work under
    ``if __name__ == "__main__":``. The command line uses two.

    Each step is logged (logger ``scrutinyreport``, level INFO) and passed to ``progress`` if given; each of
    the pack's ``warnings`` is logged at level WARNING."""
    from .assemble import CHART_MODES, assemble_outputs  # drawing and rendering: only when a pack is built

    def say(line: str) -> None:
        log.info("%s", line)
        if progress is not None:
            progress(line)

    analysis = data if isinstance(data, Analysis) else analyse(data)
    mode = charts or analysis.pack.settings.charts
    if mode not in CHART_MODES:
        raise ValueError(f"charts must be one of {', '.join(CHART_MODES)}, not {mode!r}")
    chosen = None if templates is None else Path(templates)
    cache = None if figure_cache is None else Path(figure_cache)
    with template_folder(chosen) as folder:
        outputs, warnings = assemble_outputs(analysis, folder, cache, processes, pack_file, say, mode)
    found = tuple(outputs)
    built = Pack(analysis, found, tuple(warnings), fingerprint or content_fingerprint(found))
    if pdf:
        try:
            built = built.with_pdf()
            say("Converted the documents to PDF")
        except PdfUnavailable as error:
            built = Pack(built.analysis, built.outputs, built.warnings + (str(error),), built.fingerprint)
    for warning in built.warnings:
        log.warning("%s", warning)
    return built
