"""Building the regional summary: read and check the returns, analyse, draw, write the document and the CSVs,
then write the folder (atomically, keeping a summary a person has edited; nothing at all while errors stand)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content.alt_text import measure_text
from ..content.charts import Bar, Reference, measure_chart
from ..documents.templates import template_folder
from ..errors import InputError, Problems, Reason
from ..figures.bar_picture import draw_bar_chart
from ..figures.rendered import RenderedFigure
from ..formatting import DEFAULT_LOCALE, Printer
from ..pack.folder import OutputFile, WriteResult, write_pack
from ..pack.lock import LOCK_NAME, OutputLock
from ..version import __version__
from ..word.accessibility import check_document_bytes
from .analysis import Measure, RegionalAnalysis, analyse_region, order_councils
from .anonymise import anonymise as anonymise_returns
from .anonymise import place_mentions
from .checks import REGION, check_returns
from .content import DEFAULT_TITLE, measure_figure_name, regional_content
from .csv_output import indicators_csv, scores_csv
from .returns import CouncilReturn, read_returns, return_files
from .word import build_regional_summary

SUMMARY = "regional-summary.docx"
SCORES = "regional-scores.csv"
INDICATORS = "regional-indicators.csv"

Progress = Callable[[str], None]


@dataclass(frozen=True)
class RegionOptions:
    out: Path
    files: tuple[Path, ...] = ()          # return files, or
    folder: Path | None = None            # a folder of them (*.json)
    anonymise: bool = False
    title: str = DEFAULT_TITLE
    templates: Path | None = None         # a folder holding a restyled regional_summary.docx; None: the shipped one
    locale: str = DEFAULT_LOCALE          # how figures are printed in the summary
    notify: Callable[[str], None] | None = None   # told when it waits for another run writing the summary
                                                  # (None: said as progress)


@dataclass
class RegionResult:
    folder: Path
    written: WriteResult | None = None
    warnings: list[str] = field(default_factory=list)


def load_returns(options: RegionOptions) -> tuple[list[CouncilReturn], Problems]:
    """The valid returns and every problem, in the files and across them."""
    problems = Problems()
    if options.folder is not None and options.files:
        problems.error(REGION, "give either return files or --returns DIR, not both", reason=Reason.WRONG_TYPE)
        return [], problems
    files = return_files(options.folder, problems) if options.folder is not None else list(options.files)
    if not files and not problems.errors:
        problems.error(REGION, "no returns given: name the return files, or a folder of them with --returns DIR",
                       reason=Reason.NOT_FOUND)
    out = options.out.resolve()
    if options.folder is not None and out == options.folder.resolve():
        problems.error(options.out.as_posix(), "is the folder of returns: write the summary to a folder of its own",
                       reason=Reason.INCONSISTENT)
    elif out == Path.cwd() or out in Path.cwd().parents:
        problems.error(options.out.as_posix(), "holds the current folder: write the summary to a folder of its own "
                                               "(the whole folder is replaced when the summary is written)",
                       reason=Reason.INCONSISTENT)
    returns = read_returns(files, problems)
    check_returns(returns, problems, Printer.for_locale(options.locale))
    return returns, problems


def _bars(measure: Measure) -> list[Bar]:
    return [Bar(f"{council} ({figure.period_label})" if council in measure.other_period else council,
                (figure.value,), (figure.value_text,)) for council, figure in measure.figures]


def draw_measures(analysis: RegionalAnalysis, printer: Printer) -> dict[str, RenderedFigure]:
    """One chart per comparable measure."""
    figures = {}
    for measure in analysis.measures:
        name = measure_figure_name(measure)
        median = printer.describe(measure.median, measure.unit, measure.decimals) \
            if measure.median is not None else None
        subtitle = f"ASCOF {measure.code}. Each council's latest figure, {measure.usual_label}"
        if measure.other_period:
            subtitle += " (other periods shown beside the council)"
        bars = _bars(measure)
        alt, description = measure_text(measure.title, measure.usual_label, bars, median)
        reference = Reference(measure.median, f"Region's median {median}") \
            if measure.median is not None and median else None
        figures[name] = draw_bar_chart(measure_chart(measure.title, subtitle + ".", bars, reference, alt, description,
                                                     measure.unit, measure.decimals, printer, name))
    return figures


def _date(returns: list[CouncilReturn]) -> dt.date:
    """The document's date: the latest submission, or the first day of the latest month."""
    submitted = [found.submitted for found in returns if found.submitted]
    return max(submitted) if submitted else max(found.period for found in returns).first_day


def _manifest(paths: list[Path], anonymised: bool) -> dict[str, Any]:
    """Where the summary came from: the returns' hashes (and names, unless the summary is anonymised)."""
    inputs = []
    for path in paths:
        entry = {"sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
        if not anonymised:
            entry = {"path": path.as_posix(), **entry}
        inputs.append(entry)
    return {"generator": f"scrutinyreport {__version__}", "kind": "regional summary", "anonymised": anonymised,
            "inputs": inputs}


def build_region(options: RegionOptions, progress: Progress = lambda line: None) -> RegionResult:
    """Build regional-summary.docx and the CSVs into options.out; InputError (with every problem) when the
    returns have errors, and then nothing is written."""
    returns, problems = load_returns(options)
    if problems.errors:
        raise InputError(problems)
    result = RegionResult(options.out, warnings=[str(p) for p in problems.warnings])
    progress(f"Read {len(returns)} return(s)")
    ordered = anonymise_returns(returns) if options.anonymise else order_councils(returns)
    if options.anonymise:
        result.warnings += place_mentions(returns)
    analysis = analyse_region(ordered)
    printer = Printer.for_locale(options.locale)
    figures = draw_measures(analysis, printer)
    progress(f"Drew {len(figures)} chart(s)")
    content = regional_content(analysis, printer, options.title, options.anonymise)
    with template_folder(None) as shipped:
        document = build_regional_summary(content, figures, options.templates or shipped, _date(returns),
                                          printer.language)
    result.warnings += [str(finding) for finding in check_document_bytes(document, SUMMARY)]
    outputs = [OutputFile(SUMMARY, document, "document", content.title),
               OutputFile(SCORES, scores_csv(analysis), "data", "Scores by council and quality statement"),
               OutputFile(INDICATORS, indicators_csv(analysis), "data", "Indicators by council")]
    outputs += [OutputFile(f"figures/{name}.png", figure.png, "figure", alt_text=figure.alt_text,
                           description=figure.description) for name, figure in figures.items()]
    sources = [Path(found.source) for found in returns]
    out = options.out.resolve()
    with OutputLock(out.parent, notify=options.notify or progress, name=f".{out.name}{LOCK_NAME}",
                    advice="run again when it has finished"):
        result.written = write_pack(out, outputs, _manifest(sources, options.anonymise))
    result.written.folder = options.out   # as the user gave it, in what is said
    result.warnings += result.written.warnings
    progress(f"Wrote {len(outputs)} file(s) to {options.out}")
    return result
