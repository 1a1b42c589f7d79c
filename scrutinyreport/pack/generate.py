"""Building a whole pack: load, analyse, draw, render, check, write. One progress line per step."""

from __future__ import annotations

import errno
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..documents.templates import template_folder
from ..errors import InputError, OutputFolderError
from ..files import is_inside
from ..loading import validate_inputs
from ..model import PackData, Period
from .folder import WriteResult, check_output_folder, is_up_to_date, recover_interrupted_swap
from .lock import OutputLock
from .pdf import require_soffice
from .provenance import fingerprint

FIGURE_CACHE = ".figure-cache"   # in the output folder: one file per figure drawn, reused by the next run

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildOptions:
    inputs: Path = Path("inputs")
    out: Path = Path("out")
    period: Period | None = None
    pdf: bool = False
    templates: Path | None = None   # a council's restyled templates; None: the ones shipped in the package
    processes: int = 2
    wait: float = 60.0   # seconds to wait for another run writing to the same output folder
    charts: str | None = None   # native or picture; None: pack.yaml's charts (native by default)
    notify: Callable[[str], None] | None = None   # told when it waits for another run (None: as progress)


@dataclass
class BuildResult:
    folder: Path
    up_to_date: bool = False
    written: WriteResult | None = None
    warnings: list[str] = field(default_factory=list)
    message: str = ""   # what happened, in one line


def _figure_cache(out: Path) -> Path | None:
    """The figure cache in the output folder; None when it is a link out of the folder (the pack never writes
    through one: its figures are then drawn afresh)."""
    cache = out / FIGURE_CACHE
    if cache.is_symlink() or not is_inside(out, cache):
        return None
    return cache


def _tidy_figure_cache(cache: Path | None) -> None:
    """Half-written cache files of a run that was killed (only called while holding the lock)."""
    if cache is not None and cache.is_dir():
        for leftover in cache.glob("*.tmp"):
            leftover.unlink(missing_ok=True)


def _environment_fault(error: OSError, folder: Path) -> OutputFolderError:
    """An operating-system error while writing, as a message that says what to do."""
    where = error.filename or folder
    if error.errno == errno.ENOSPC:
        advice = "the disk is full: free some space and run again"
    elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        advice = "permission denied: check the folder's permissions, or choose another --out"
    else:
        advice = f"{error.strerror or error}"
    return OutputFolderError(f"{where}: {advice}. Nothing was changed: the previous pack, if any, is as it "
                             f"was in {folder}")


def generate(options: BuildOptions, progress: Progress = lambda line: None) -> BuildResult:
    """Build the pack into options.out/<period>/, or do nothing when it is already up to date.

    Holds the output folder's lock throughout, so two runs never mix their files."""
    with template_folder(options.templates) as templates:
        return _build(options, templates, progress)


def _load(options: BuildOptions) -> PackData:
    """The pack data; InputError with every problem, the narrative's included, when the inputs have errors."""
    result = validate_inputs(options.inputs, options.period)
    if result.pack is None:
        from .validate import completed  # the narrative's checks need the analysis: only for inputs with errors
        raise InputError(completed(result, options.inputs).problems)
    return result.pack


def _build(options: BuildOptions, templates: Path, progress: Progress) -> BuildResult:
    if options.pdf:
        require_soffice()   # asked for PDF copies and they cannot be made: say so before any work
    pack = _load(options)
    folder = options.out / str(pack.period)
    progress(f"Read {len(pack.indicators)} indicators over {len(pack.periods)} months from {options.inputs}; "
             f"reporting period {pack.period}")
    with OutputLock(options.out, options.wait, options.notify or progress) as lock:
        if lock.took_over:
            progress(f"Took over the lock left by a run that was stopped: {lock.took_over}")
        try:
            check_output_folder(folder)
            recover_interrupted_swap(folder)
            _tidy_figure_cache(_figure_cache(options.out))
            return _build_locked(pack, folder, options, templates, progress)
        except OSError as error:
            raise _environment_fault(error, folder) from error


def _build_locked(pack: PackData, folder: Path, options: BuildOptions, templates: Path,
                  progress: Progress) -> BuildResult:
    stamp = fingerprint(pack, templates, pdf=options.pdf, charts=options.charts or pack.settings.charts)
    if is_up_to_date(folder, stamp):
        return BuildResult(folder, up_to_date=True,
                           message=f"Up to date: {folder} was built from these inputs and no file in it has changed")

    from .build import build_pack  # the analysis and the renderers: imported only when there is work

    cache = _figure_cache(options.out)
    built = build_pack(pack, templates=templates, figure_cache=cache,
                       processes=options.processes, fingerprint=stamp,
                       pack_file=f"{options.inputs.as_posix()}/pack.yaml", progress=progress, charts=options.charts)
    if options.pdf:   # a failure stops the run (nothing written), so a scheduler sees it
        built = built.with_pdf()
        progress("Converted the documents to PDF")
    result = BuildResult(folder, warnings=list(built.warnings))
    if cache is None:
        result.warnings.append(f"{options.out / FIGURE_CACHE} is a link out of the output folder: the figures were "
                               "drawn afresh and not cached, since the pack never writes through a link; remove the "
                               "link to have them cached again")
    result.written = built.write(options.out)   # the lock is this run's already: taken again, not waited for
    result.warnings += result.written.warnings
    result.message = f"Wrote {len(built.outputs)} file(s) to {folder}"
    return result
