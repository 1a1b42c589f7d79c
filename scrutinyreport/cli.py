"""The command line: generate, validate, summary, check, region, templates and harvest."""

from __future__ import annotations

import argparse
import csv
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from .analysis import analyse
from .content.dashboard import SUMMARY_COLUMNS, YEAR_COLUMNS, dashboard_rows, year_rows
from .documents.templates import copy_shipped
from .errors import ScrutinyReportError, Terminated
from .formatting import Printer
from .loading import load_inputs
from .model import Period
from .pack.generate import BuildOptions, build_pack
from .version import __version__
from .word.accessibility import check_document

EXIT_FAULT, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_TERMINATED = 1, 2, 130, 143
NOTHING_GENERATED = "Nothing was generated: the previous pack, if any, is as it was."


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


def _period(text: str) -> Period:
    try:
        return Period.parse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"expected a month as YYYY-MM, found {text!r}") from error


def _validate(args: argparse.Namespace) -> int:
    from .pack.validate import validate_inputs
    result = validate_inputs(Path(args.inputs), args.period)
    print(result.problems.report() if result.problems.items else "0 error(s), 0 warning(s)")
    if result.pack is not None:
        pack = result.pack
        print(f"{len(pack.indicators)} indicators, {len(pack.periods)} months "
              f"({pack.periods[0]} to {pack.periods[-1]}), reporting period {pack.period}")
    return 1 if result.problems.errors else 0


def _table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def _summary(args: argparse.Namespace) -> int:
    pack = load_inputs(Path(args.inputs), args.period)
    printer = Printer.for_locale(pack.settings.locale)
    if args.year:
        header, cells = list(YEAR_COLUMNS), [row.cells() for row in year_rows(analyse(pack), args.year, printer)]
        csv_cells = cells
    else:
        rows = dashboard_rows(analyse(pack), printer)
        header = list(SUMMARY_COLUMNS)
        cells = [row.summary_cells(with_arrow=True) for row in rows]
        csv_cells = [row.summary_cells(with_arrow=False) for row in rows]
    if args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(csv_cells)
    else:
        print(_table([header] + cells))
    return 0


def _financial_year(text: str) -> str:
    from .analysis.year_end import financial_year_start
    from .formatting import format_financial_year
    try:
        return format_financial_year(financial_year_start(text))
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"expected a financial year such as 2025/26, found {text!r}") from error


def _silent(line: str) -> None:
    pass


def _say(line: str) -> None:
    print(line, flush=True)


def _progress(args: argparse.Namespace) -> Callable[[str], None]:
    """Progress lines on a terminal (none when the output is piped or --quiet); with --verbose always, each
    with the seconds since the start."""
    if args.verbose:
        start = time.perf_counter()
        return lambda line: print(f"[{time.perf_counter() - start:5.1f}s] {line}", flush=True)
    return _say if sys.stdout.isatty() and not args.quiet else _silent


def _generate(args: argparse.Namespace) -> int:
    progress = _progress(args)
    templates = Path(args.templates) if args.templates else None
    options = BuildOptions(inputs=Path(args.inputs), out=Path(args.out), period=args.period, pdf=args.pdf,
                           templates=templates, wait=args.wait, charts=args.charts)
    if args.verbose:
        progress(f"Templates from {templates or 'the scrutinyreport package'}")
    try:
        result = build_pack(options, progress)
    except ScrutinyReportError as error:
        print(error.report(), file=sys.stderr)
        print(NOTHING_GENERATED, file=sys.stderr)
        return EXIT_FAULT
    if args.verbose and result.written is not None:
        for name in result.written.written:
            progress(f"  {name}")
    if not args.quiet:
        (progress if args.verbose else _say)(result.message)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def _templates(args: argparse.Namespace) -> int:
    written = copy_shipped(Path(args.folder))
    for path in written:
        print(f"Wrote {path}")
    print(f"Restyle them in Word, then: scrutinyreport generate --templates {args.folder}")
    return 0


def _check(args: argparse.Namespace) -> int:
    findings = [finding for path in args.files for finding in check_document(Path(path))]
    for finding in findings:
        print(finding)
    print(f"{len(findings)} accessibility problem(s) in {len(args.files)} document(s)")
    return 1 if findings else 0


def _region(args: argparse.Namespace) -> int:
    from .region import RegionOptions, build_region  # rendering: imported only for this command

    progress = (lambda line: None) if args.quiet else (lambda line: print(line, flush=True))
    options = RegionOptions(out=Path(args.out), files=tuple(Path(p) for p in args.files),
                            folder=Path(args.returns) if args.returns else None, anonymise=args.anonymise,
                            **({"title": args.title} if args.title else {}))
    try:
        result = build_region(options, progress)
    except ScrutinyReportError as error:
        print(error.report(), file=sys.stderr)
        print("Nothing was written: fix the errors above and run again.", file=sys.stderr)
        return EXIT_FAULT
    for warning in result.warnings:
        print(warning if warning.startswith("warning:") else f"warning: {warning}", file=sys.stderr)
    return 0


def _harvest(args: argparse.Namespace) -> int:
    from .harvest import HarvestError, HarvestOptions, harvest

    options = HarvestOptions(Path(args.document), Path(args.inputs), args.changes, args.dry_run,
                             Path(args.record) if args.record else None, Path(args.out) if args.out else None)
    try:
        result = harvest(options)
    except HarvestError as error:
        print(f"error: {error}", file=sys.stderr)
        print("Nothing was harvested: the inputs are as they were.", file=sys.stderr)
        return 1
    print(result.report)        # the comments, tracked changes, files harvested and warnings
    if args.dry_run:
        print(result.diff or "No change to the inputs.")
        print("Dry run: nothing was written.")
        return 0
    print(f"Made from: {result.record_from}")
    if result.report_path:
        print(f"Review report written to {result.report_path}")
    if result.moved_to:
        print(f"The reviewed document was moved to {result.moved_to}, so the next generate writes "
              f"{Path(args.document).name} afresh")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="scrutinyreport", description=__doc__)
    parser.add_argument("--version", action="version", version=f"scrutinyreport {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    generate = commands.add_parser("generate", help="build the Word pack into OUT/<period>/")
    generate.add_argument("--inputs", default="inputs", help="the inputs folder (default: inputs)")
    generate.add_argument("--out", default="out", help="where packs are written (default: out)")
    generate.add_argument("--period", type=_period, help="reporting month YYYY-MM (default: pack.yaml or latest)")
    generate.add_argument("--pdf", action="store_true", help="also write PDF copies (needs LibreOffice)")
    generate.add_argument("--charts", choices=("native", "picture"),
                          help="charts as native Word charts or as pictures (default: pack.yaml's charts, or native)")
    generate.add_argument("--templates", metavar="DIR",
                          help="a folder of restyled templates (default: the ones shipped in the package)")
    talk = generate.add_mutually_exclusive_group()
    talk.add_argument("--quiet", action="store_true", help="print nothing but warnings and errors")
    talk.add_argument("--verbose", action="store_true",
                      help="print every step with its time and every file written, even when piped")
    generate.add_argument("--wait", type=_seconds, default=60.0, metavar="SECONDS",
                          help="how long to wait for another run writing to the same --out (default: 60)")
    generate.set_defaults(run=_generate)

    validate = commands.add_parser("validate", help="check an inputs folder and list every problem")
    validate.add_argument("--inputs", default="inputs", help="the inputs folder (default: inputs)")
    validate.add_argument("--period", type=_period, help="reporting month YYYY-MM (default: pack.yaml or latest)")
    validate.set_defaults(run=_validate)

    summary = commands.add_parser("summary", help="print the dashboard as it will appear")
    summary.add_argument("--inputs", default="inputs", help="the inputs folder (default: inputs)")
    summary.add_argument("--period", type=_period, help="reporting month YYYY-MM")
    summary.add_argument("--format", choices=("table", "csv"), default="table")
    summary.add_argument("--year", type=_financial_year, metavar="YYYY/YY",
                         help="each indicator's figure for a financial year (by its year basis) against the year "
                              "before, instead of the dashboard")
    summary.set_defaults(run=_summary)

    check = commands.add_parser("check", help="report the accessibility problems of Word documents")
    check.add_argument("files", nargs="+", metavar="FILE.docx")
    check.set_defaults(run=_check)

    region = commands.add_parser("region", help="bring councils' self-assessment returns into a regional summary")
    region.add_argument("files", nargs="*", metavar="RETURN.json", help="the councils' returns")
    region.add_argument("--returns", metavar="DIR", help="a folder of returns (*.json), instead of naming them")
    region.add_argument("--out", required=True, metavar="DIR", help="the folder to write the summary into")
    region.add_argument("--anonymise", action="store_true", help="name councils by letter (Council A, B ...)")
    region.add_argument("--title", help="the summary's title")
    region.add_argument("--quiet", action="store_true", help="print nothing but warnings and errors")
    region.set_defaults(run=_region)

    templates = commands.add_parser("templates", help="copy the shipped Word templates into a folder to restyle")
    templates.add_argument("folder", metavar="DIR")
    templates.set_defaults(run=_templates)

    harvest = commands.add_parser("harvest", help="bring a reviewed committee update back into the inputs")
    harvest.add_argument("document", metavar="EDITED.docx")
    harvest.add_argument("--inputs", default="inputs", help="the inputs folder (default: inputs)")
    harvest.add_argument("--changes", choices=("accept", "reject", "stop"), default="accept",
                         help="tracked changes: accept (default), reject, or stop while any are pending")
    harvest.add_argument("--dry-run", action="store_true", help="print the changes it would make; write nothing")
    harvest.add_argument("--record", help="the pack's NAME.record.json, when the document lost its own")
    harvest.add_argument("--out", help="where packs are, to look for the record (default: out beside inputs)")
    harvest.set_defaults(run=_harvest)
    return parser


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 86_400:
        raise argparse.ArgumentTypeError(f"expected a number of seconds from 0 to 86400, found {text!r}")
    return seconds


def _os_fault(error: OSError) -> str:
    where = f"{error.filename}: " if error.filename else ""
    return f"error: {where}{error.strerror or error}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every deliberate error is a message and exit status 1 (2 for a mistyped command
    line, 130 when stopped with Ctrl-C, 143 when terminated), never a traceback. SCRUTINYREPORT_DEBUG=1
    shows the traceback of an unexpected failure."""
    args = build_parser().parse_args(argv)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate)
    try:
        return int(args.run(args))
    except ScrutinyReportError as error:
        print(error.report(), file=sys.stderr)
        return EXIT_FAULT
    except Terminated:
        print("Stopped (terminated). " + NOTHING_GENERATED, file=sys.stderr)
        return EXIT_TERMINATED
    except KeyboardInterrupt:
        print("Stopped (Ctrl-C). " + NOTHING_GENERATED, file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as error:
        print(_os_fault(error), file=sys.stderr)
        return EXIT_FAULT
    except (MemoryError, RecursionError) as error:
        print(f"error: the inputs are too large or too deeply nested to work with ({type(error).__name__})",
              file=sys.stderr)
        return EXIT_FAULT
    except Exception as error:
        if os.environ.get("SCRUTINYREPORT_DEBUG"):
            raise
        print(f"error: unexpected failure ({type(error).__name__}: {error}). This is a fault in scrutinyreport, "
              "not in your inputs: please report it with the command you ran; set SCRUTINYREPORT_DEBUG=1 for "
              "the details. " + NOTHING_GENERATED, file=sys.stderr)
        return EXIT_FAULT


if __name__ == "__main__":
    sys.exit(main())
