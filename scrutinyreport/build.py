"""Building a whole pack: load, analyse, draw, render, check, write. One progress line per step."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .built_pack import FIGURE_CACHE, templates_digest, versions
from .built_pack import build_pack as build_in_memory
from .loading import load_inputs
from .model import PackData, Period
from .pack import WriteResult, is_up_to_date
from .templates import template_folder

PACKAGE_DIR = Path(__file__).resolve().parent

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
        "templates": templates_digest(templates),
        "code": _digest_tree(PACKAGE_DIR, "*.py"),
        "period": str(pack.period), "pdf": options.pdf, "versions": versions(),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


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

    built = build_in_memory(pack, templates=templates, figure_cache=options.out / FIGURE_CACHE,
                            processes=options.processes, pdf=options.pdf, fingerprint=stamp,
                            pack_file=f"{options.inputs.as_posix()}/pack.yaml", progress=progress)
    result = BuildResult(folder, warnings=list(built.warnings))
    result.written = built.write(options.out)
    for kept, new in result.written.kept_edited:
        result.warnings.append(f"{folder / kept} was edited since it was generated, so it was kept as it is; "
                               f"the new version is {folder / new}")
    result.message = f"Wrote {len(built.outputs)} file(s) to {folder}"
    return result
