"""Building a whole pack: load, analyse, draw, render, check, write. One progress line per step."""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .loading import load_inputs
from .model import PackData, Period
from .pack import WriteResult, is_up_to_date, write_pack
from .pdf import PdfUnavailable, convert_to_pdf
from .templates import FILES as TEMPLATE_FILES
from .templates import template_folder

PACKAGE_DIR = Path(__file__).resolve().parent
FIGURE_CACHE = ".figure-cache"
LIBRARIES = ("python-docx", "docxtpl", "matplotlib", "babel", "Jinja2", "markdown-it-py", "PyYAML")

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildOptions:
    inputs: Path = Path("inputs")
    out: Path = Path("out")
    period: Period | None = None
    pdf: bool = False
    templates: Path | None = None   # a council's restyled templates; None: the ones shipped in the package
    processes: int = 2


@dataclass
class BuildResult:
    folder: Path
    up_to_date: bool = False
    written: WriteResult | None = None
    warnings: list[str] = field(default_factory=list)
    message: str = ""   # what happened, in one line


def _digest_tree(folder: Path, pattern: str) -> list[tuple[str, str]]:
    return [(p.relative_to(folder).as_posix(), hashlib.sha256(p.read_bytes()).hexdigest())
            for p in sorted(folder.rglob(pattern)) if "__pycache__" not in p.parts]


def fingerprint(pack: PackData, options: BuildOptions, templates: Path) -> str:
    """Everything the pack depends on: inputs, templates, this code and the options."""
    parts = {
        "inputs": [(f.path, f.sha256) for f in pack.files],
        "templates": [(name, hashlib.sha256((templates / name).read_bytes()).hexdigest()) for name in TEMPLATE_FILES],
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


def build_pack(options: BuildOptions, progress: Progress = lambda line: None) -> BuildResult:
    """Build the pack into options.out/<period>/, or do nothing when it is already up to date."""
    with template_folder(options.templates) as templates:
        return _build(options, templates, progress)


def _build(options: BuildOptions, templates: Path, progress: Progress) -> BuildResult:
    pack = load_inputs(options.inputs, options.period)
    folder = options.out / str(pack.period)
    progress(f"Read {len(pack.indicators)} indicators over {len(pack.periods)} months from {options.inputs}; "
             f"reporting period {pack.period}")
    stamp = fingerprint(pack, options, templates)
    if is_up_to_date(folder, stamp):
        return BuildResult(folder, up_to_date=True,
                           message=f"Up to date: {folder} was built from these inputs and no file in it has changed")

    from .assemble import assemble_outputs  # drawing and rendering: imported only when there is work

    outputs, warnings = assemble_outputs(pack, templates, options.out / FIGURE_CACHE, options.processes,
                                         f"{options.inputs.as_posix()}/pack.yaml", progress)
    result = BuildResult(folder, warnings=warnings)

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
    result.message = f"Wrote {len(outputs)} file(s) to {folder}"
    return result
