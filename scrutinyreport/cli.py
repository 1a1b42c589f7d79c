"""The command line: generate, validate, summary, init, check, region, templates and harvest."""

from __future__ import annotations

import argparse
import io
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from .errors import ScrutinyReportError, Terminated
from .files import atomic_write
from .formatting import Printer
from .loading.month_names import month_in
from .model import Period
from .pack.generate import BuildOptions, generate
from .version import __version__

EXIT_FAULT, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_TERMINATED = 1, 2, 130, 143
NOTHING_GENERATED = "Nothing was generated: the previous pack, if any, is as it was."
NOTHING_HARVESTED = "Nothing was harvested: the inputs are as they were."


def _not_done(args: argparse.Namespace) -> str:
    """What a run of this command that stopped part-way did not change (each command writes all at once, or
    not at all, so this is true whenever it stops)."""
    command = getattr(args, "command", "")
    if command == "region":
        return f"The regional summary was not written: {args.out}, if it exists, is as it was."
    if command == "harvest":
        return NOTHING_HARVESTED
    if command == "templates":
        return f"Each template written into {args.folder} is whole (each is written at once): look there first."
    if command in ("validate", "summary", "check"):
        return f"{command} writes nothing: no file was changed."
    return NOTHING_GENERATED


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


def _period(text: str) -> Period:
    found = month_in(text)
    if found is None:
        raise argparse.ArgumentTypeError(f"expected a month as YYYY-MM (or Sep 2026), found {text!r}")
    return found


def _validate(args: argparse.Namespace) -> int:
    from .pack.validate import validate_inputs
    result = validate_inputs(Path(args.inputs), args.period)
    print(result.problems.report() if result.problems.items else "0 error(s), 0 warning(s)")
    if result.pack is not None:
        pack = result.pack
        print(f"{len(pack.indicators)} indicators, {len(pack.periods)} months "
              f"({pack.periods[0]} to {pack.periods[-1]}), reporting period {pack.period}")
    return 1 if result.problems.errors else 0


def _summary(args: argparse.Namespace) -> int:
    from .analysis import analyse
    from .content.dashboard import dashboard_rows
    from .loading import load_inputs
    from .pack.summary import records, to_csv, to_table, to_xlsx, year_records

    if args.format == "xlsx" and not args.output:
        args.parser.error("--format xlsx writes a workbook: name it with --output FILE.xlsx")
    if args.numbers and args.format == "table":
        args.parser.error("--numbers goes with --format csv (a workbook always holds numbers)")
    if args.year and (args.numbers or args.format == "xlsx"):
        args.parser.error("--year gives the figures as printed: use --format table or csv")
    analysis = analyse(load_inputs(Path(args.inputs), args.period))
    printer = Printer.for_locale(analysis.pack.settings.locale)
    if args.year:
        columns, rows = year_records(analysis, args.year, printer)
        shown = [[str(cell or "") for cell in row] for row in rows]
    else:
        columns, rows = records(analysis, printer, numbers=args.numbers or args.format == "xlsx")
        shown = [row.summary_cells(with_arrow=True) for row in dashboard_rows(analysis, printer)]
    if args.format == "xlsx":
        data = to_xlsx(columns, rows, f"Dashboard {analysis.period}")
    elif args.format == "csv":
        data = to_csv(columns, rows).encode("utf-8")
    else:
        data = (to_table(columns, shown) + "\n").encode("utf-8")
    if not args.output:
        sys.stdout.write(data.decode("utf-8"))
        return 0
    atomic_write(Path(args.output), data)
    print(f"Wrote {args.output} ({len(rows)} indicators, {analysis.period})")
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


def _tell(line: str) -> None:
    """A line the user needs even when the output is piped (such as waiting for another run), on stderr."""
    print(line, file=sys.stderr, flush=True)


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
                           templates=templates, wait=args.wait, charts=args.charts,
                           notify=None if args.quiet else _tell)
    if args.verbose:
        progress(f"Templates from {templates or 'the scrutinyreport package'}")
    try:
        result = generate(options, progress)
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
    from .documents.templates import copy_shipped
    written = copy_shipped(Path(args.folder))
    for path in written:
        print(f"Wrote {path}")
    print(f"Restyle them in Word, then: scrutinyreport generate --templates {args.folder}")
    return 0


def _init(args: argparse.Namespace) -> int:
    from .pack.starter import write_starter

    written = write_starter(args.folder)
    folder = Path(args.folder)
    inputs = sum(1 for name in written if name.startswith("inputs/"))
    print(f"Wrote a starter folder in {folder}: inputs/ ({inputs} files: the sample pack of a fictional council), "
          "README.md (what to change first) and INPUTS.md (every file and column)")
    go = "" if folder == Path(".") else f"cd {args.folder}, then "
    print(f"Next: {go}scrutinyreport generate")
    return 0


def _check(args: argparse.Namespace) -> int:
    from .word.accessibility import check_document
    missing = [path for path in args.files if not Path(path).exists()]   # a pipe or folder: check says what it is
    for path in missing:
        print(f"error: {path}: not found: nothing to check", file=sys.stderr)
    files = [path for path in args.files if path not in missing]
    findings = [finding for path in files for finding in check_document(Path(path))]
    for finding in findings:
        print(finding)
    if files:
        print(f"{len(findings)} accessibility problem(s) in {len(files)} document(s)")
    return 1 if findings or missing else 0


def _region(args: argparse.Namespace) -> int:
    from .region import RegionOptions, build_region  # rendering: imported only for this command

    if not args.files and not args.returns:
        args.parser.error("name the returns (RETURN.json ...) or a folder of them with --returns DIR")
    shown = _progress(args)
    said: list[str] = []

    def progress(line: str) -> None:
        said.append(line)
        shown(line)

    options = RegionOptions(out=Path(args.out), files=tuple(Path(p) for p in args.files),
                            folder=Path(args.returns) if args.returns else None, anonymise=args.anonymise,
                            notify=None if args.quiet else _tell,
                            **({"title": args.title} if args.title else {}))
    try:
        result = build_region(options, progress)
    except ScrutinyReportError as error:
        print(error.report(), file=sys.stderr)
        print("Nothing was written: fix the errors above and run again.", file=sys.stderr)
        return EXIT_FAULT
    if shown is _silent and not args.quiet and said:
        print(said[-1])   # piped: the outcome alone ("Wrote ..."), as generate prints it
    for warning in result.warnings:
        print(warning if warning.startswith("warning:") else f"warning: {warning}", file=sys.stderr)
    return 0


def _harvest(args: argparse.Namespace) -> int:
    from .errors import HarvestError, HarvestWriteError
    from .harvest import HarvestOptions, harvest

    options = HarvestOptions(Path(args.document), Path(args.inputs), args.changes, args.dry_run,
                             Path(args.record) if args.record else None, Path(args.out) if args.out else None,
                             notify=_tell)
    try:
        result = harvest(options)
    except HarvestWriteError as error:   # it says itself what was and was not changed
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAULT
    except ScrutinyReportError as error:
        print(error.report() if not isinstance(error, HarvestError) else f"error: {error}", file=sys.stderr)
        print(NOTHING_HARVESTED, file=sys.stderr)
        return EXIT_FAULT
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


DESCRIPTION = ("Turns a council's monthly adult social care performance data into the Word pack a scrutiny "
               "committee receives.")
EPILOG = """exit status: 0 done; 1 a problem in the inputs or the environment (the message says which file and
what to do); 2 a mistyped command line; 130 stopped with Ctrl-C; 143 stopped by SIGTERM.
'scrutinyreport COMMAND --help' describes a command. Start with 'scrutinyreport init' in an empty folder."""


def _command(commands: argparse._SubParsersAction[argparse.ArgumentParser], name: str, summary: str,
             run: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
    """A subcommand whose one-line summary is its help in the list and its description on its own page."""
    command = commands.add_parser(name, help=summary, description=summary[0].upper() + summary[1:] + ".")
    command.set_defaults(run=run, parser=command)
    return command


def _inputs(command: argparse.ArgumentParser) -> None:
    command.add_argument("-i", "--inputs", default="inputs", metavar="DIR",
                         help="the inputs folder (default: inputs)")


def _month(command: argparse.ArgumentParser) -> None:
    command.add_argument("-p", "--period", type=_period, metavar="YYYY-MM",
                         help="the reporting month (default: pack.yaml's period, else the latest month with figures)")


def _talk(command: argparse.ArgumentParser) -> None:
    talk = command.add_mutually_exclusive_group()
    talk.add_argument("-q", "--quiet", action="store_true", help="print nothing but warnings and errors")
    talk.add_argument("-v", "--verbose", action="store_true",
                      help="print every step with its time, even when the output is piped")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="scrutinyreport", description=DESCRIPTION, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"scrutinyreport {__version__}",
                        help="print the version and stop")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                     help="one of these (COMMAND --help describes its options):")

    generate = _command(commands, "generate", "build the Word pack into OUT/<period>/", _generate)
    _inputs(generate)
    generate.add_argument("-o", "--out", default="out", metavar="DIR",
                          help="where packs are written, a folder a month (default: out)")
    _month(generate)
    generate.add_argument("--pdf", action="store_true",
                          help="also write PDF copies (needs LibreOffice; stops with exit status 1 without it)")
    generate.add_argument("--charts", choices=("native", "picture"),
                          help="charts as native Word charts or as pictures (default: pack.yaml's charts, or native)")
    generate.add_argument("--templates", metavar="DIR",
                          help="a folder of restyled templates (default: the ones shipped in the package)")
    _talk(generate)
    generate.add_argument("--wait", type=_seconds, default=60.0, metavar="SECONDS",
                          help="how long to wait for another run writing to the same --out (default: 60)")

    validate = _command(commands, "validate", "check an inputs folder and list every problem at once", _validate)
    _inputs(validate)
    _month(validate)

    summary = _command(commands, "summary", "print the dashboard as it will appear (or write it as CSV or Excel)",
                       _summary)
    _inputs(summary)
    _month(summary)
    summary.add_argument("-f", "--format", choices=("table", "csv", "xlsx"), default="table",
                         help="a table to read (default), CSV, or an Excel workbook (needs --output)")
    summary.add_argument("--numbers", action="store_true",
                         help="with csv: figures as numbers (rounded as printed), with their unit, for a spreadsheet")
    summary.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of printing")
    summary.add_argument("--year", type=_financial_year, metavar="YYYY/YY",
                         help="each indicator's figure for a financial year (by its year basis) against the year "
                              "before, instead of the dashboard")

    init = _command(commands, "init", "start a folder of your own: the sample inputs and what to change first",
                    _init)
    init.add_argument("folder", metavar="DIR", nargs="?", default=".",
                      help="the folder to write inputs/, README.md and INPUTS.md into (default: this one); "
                           "no file there is replaced")

    check = _command(commands, "check", "report the accessibility problems of Word documents", _check)
    check.add_argument("files", nargs="+", metavar="FILE.docx", help="the documents to check")

    region = _command(commands, "region", "bring councils' self-assessment returns into a regional summary",
                      _region)
    region.add_argument("files", nargs="*", metavar="RETURN.json", help="the councils' returns")
    region.add_argument("--returns", metavar="DIR", help="a folder of returns (*.json), instead of naming them")
    region.add_argument("-o", "--out", required=True, metavar="DIR", help="the folder to write the summary into")
    region.add_argument("--anonymise", action="store_true", help="name councils by letter (Council A, B ...)")
    region.add_argument("--title", help="the summary's title")
    _talk(region)

    templates = _command(commands, "templates", "copy the shipped Word templates into a folder to restyle",
                         _templates)
    templates.add_argument("folder", metavar="DIR", help="the folder to copy them into (no file there is replaced)")

    harvest = _command(commands, "harvest", "bring a reviewed committee update or dashboard back into the inputs",
                       _harvest)
    harvest.add_argument("document", metavar="EDITED.docx", help="the reviewed document")
    _inputs(harvest)
    harvest.add_argument("--changes", choices=("accept", "reject", "stop"), default="accept",
                         help="tracked changes: accept (default), reject, or stop while any are pending")
    harvest.add_argument("--dry-run", action="store_true", help="print the changes it would make; write nothing")
    harvest.add_argument("--record", metavar="FILE", help="the pack's NAME.record.json, when the document lost its own")
    harvest.add_argument("-o", "--out", metavar="DIR",
                         help="where packs are, to look for the record (default: out beside inputs)")
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


def _printable_anywhere() -> None:
    """Output redirected to a file on Windows is in the code page (cp1252), which has no arrows and no letters
    of many names: such a character is shown as '?' rather than stopping the command."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every deliberate error is a message and exit status 1 (2 for a mistyped command
    line, 130 when stopped with Ctrl-C, 143 when terminated), never a traceback. SCRUTINYREPORT_DEBUG=1
    shows the traceback of an unexpected failure."""
    _printable_anywhere()
    args = build_parser().parse_args(argv)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate)
    try:
        return int(args.run(args))
    except ScrutinyReportError as error:
        print(error.report(), file=sys.stderr)
        return EXIT_FAULT
    except Terminated:
        print("Stopped (terminated). " + _not_done(args), file=sys.stderr)
        return EXIT_TERMINATED
    except KeyboardInterrupt:
        print("Stopped (Ctrl-C). " + _not_done(args), file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as error:
        print(f"{_os_fault(error)}\n{_not_done(args)}", file=sys.stderr)
        return EXIT_FAULT
    except (MemoryError, RecursionError) as error:
        print(f"error: {args.command}: the inputs are too large or too deeply nested to work with "
              f"({type(error).__name__}). {_not_done(args)}", file=sys.stderr)
        return EXIT_FAULT
    except Exception as error:
        if os.environ.get("SCRUTINYREPORT_DEBUG"):
            raise
        print(f"error: {args.command}: unexpected failure ({type(error).__name__}: {error}). This is a fault in "
              "scrutinyreport, not in your inputs: please report it with the command you ran; set "
              f"SCRUTINYREPORT_DEBUG=1 for the details. {_not_done(args)}", file=sys.stderr)
        return EXIT_FAULT


if __name__ == "__main__":
    sys.exit(main())
