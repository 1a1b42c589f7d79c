"""Every error the library raises, and the input problems it reports, in one place.

Every deliberate error inherits ScrutinyReportError, so a caller (the command line among them) catches that
one class; its ``report()`` is the text for the user, one problem a line. Problems found in the inputs are
collected (``Problems``) so that one run reports them all, each naming the file, line and column, what was
found and what was expected, and carrying a ``Reason`` code that tests and callers can rely on (the words
may be improved; the codes stay).

Kept apart from the modules that raise them, with no imports from the rest of the package, so the command
line can catch them without importing the rendering machinery.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class ScrutinyReportError(Exception):
    """Base of every error the library raises on purpose: the message says what is wrong and where."""

    def report(self) -> str:
        return f"error: {self}"


class Terminated(KeyboardInterrupt):
    """SIGTERM (a scheduler or `kill` stopping the run): unwound like Ctrl-C, so nothing half-done stays."""


# ---------------------------------------------------------------------------------------------- input problems

class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Reason(StrEnum):
    """Why an input problem was reported (as pandera's SchemaErrorReason classifies schema errors)."""

    NOT_FOUND = "not_found"                        # a file, folder, sheet or month that is not there
    UNREADABLE = "unreadable"                      # not the kind of file expected, or cannot be decoded or parsed
    OUTSIDE_INPUTS = "outside_inputs"              # a path or link that leaves the inputs folder
    TOO_LARGE = "too_large"                        # beyond a limit on size, rows, files or nesting
    WRONG_TYPE = "wrong_type"                      # a value of the wrong kind (a list for a text, a frame's type)
    BAD_HEADER = "bad_header"                      # a column missing, repeated or not named
    MISSING_VALUE = "missing_value"                # a required value left blank
    NOT_A_NUMBER = "not_a_number"                  # a figure that does not parse as a number
    OUT_OF_RANGE = "out_of_range"                  # a number outside what the field or unit allows
    NOT_A_CHOICE = "not_a_choice"                  # a value outside the field's list of choices
    BAD_PERIOD = "bad_period"                      # a month, year or date that is not one
    DUPLICATE = "duplicate"                        # the same id, month, key or council twice
    UNKNOWN_ID = "unknown_id"                      # an indicator id the catalogue does not have
    UNKNOWN_KEY = "unknown_key"                    # a key the file format does not know (ignored)
    INCONSISTENT = "inconsistent"                  # values that contradict each other
    SPREADSHEET_ERROR = "spreadsheet_error"        # a cell showing #DIV/0! and the like
    NO_RESULT = "no_result"                        # a formula cell saved without its result (only Excel works it out)
    CONTROL_CHARACTERS = "control_characters"      # characters Word cannot show
    IGNORED = "ignored"                            # a file, sheet or row that is read past, with why
    LEFT_OUT = "left_out"                          # an optional part missing: that part of the pack is left out
    NO_FIGURE = "no_figure"                        # no figure for the period the report expects
    NARRATIVE = "narrative"                        # a live figure in the narrative that cannot be worked out
    SCHEMA = "schema"                              # a return that its schema does not allow


Place = Callable[[int, "str | None"], str]   # (line or row number, column) -> "cell B7", "row 3, column 'value'"


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a look) in one place of one input file."""

    severity: Severity
    file: str
    message: str
    line: int | None = None
    column: str | None = None
    found: str | None = None
    place: str | None = None   # in a worksheet or frame, printed for line and column: "cell B7", "row 3, ..."
    reason: Reason = Reason.INCONSISTENT

    def __str__(self) -> str:
        where = [self.file]
        if self.place is not None:
            where.append(self.place)
        else:
            if self.line is not None:
                where.append(f"line {self.line}")
            if self.column:
                where.append(f"column {self.column!r}")
        found = f"found {self.found!r}: " if self.found is not None else ""
        return f"{self.severity}: {', '.join(where)}: {found}{self.message}"


def _elsewhere(others: list[Problem], shown: int = 3) -> str:
    """' (the same in 2025-08.csv line 4, 2025-09.csv line 4 and 12 more places)' or nothing."""
    if not others:
        return ""
    places = [p.file.rsplit("/", 1)[-1] + (f", {p.place}" if p.place is not None else
                                           f" line {p.line}" if p.line is not None else "") for p in others]
    listed = ", ".join(places[:shown])
    more = f" and {len(places) - shown} more place(s)" if len(places) > shown else ""
    return f" (the same in {listed}{more})"


@dataclass
class Problems:
    """Collects every problem so that one run reports them all at once."""

    items: list[Problem] = field(default_factory=list)
    places: dict[str, Place] = field(default_factory=dict)

    def name_places(self, label: str, place: Place) -> None:
        """Problems in this table say where they are as place(line, column) does: a worksheet's cell (B7), a
        DataFrame's row, in place of a file's line and column."""
        self.places[label] = place

    def _place(self, file: str, line: int | None, column: str | None) -> str | None:
        place = self.places.get(file)
        return None if place is None or line is None else place(line, column)

    def error(self, file: str, message: str, line: int | None = None, column: str | None = None,
              found: str | None = None, *, reason: Reason) -> None:
        place = self._place(file, line, column)
        if place is not None and column and any(
                p.file == file and p.place == place and p.severity is Severity.ERROR for p in self.items):
            return   # one error a cell: the first (such as a spreadsheet error shown in it) says what is wrong
        self.items.append(Problem(Severity.ERROR, file, message, line, column, found, place, reason))

    def warning(self, file: str, message: str, line: int | None = None, column: str | None = None,
                found: str | None = None, *, reason: Reason) -> None:
        self.items.append(Problem(Severity.WARNING, file, message, line, column, found,
                                  self._place(file, line, column), reason))

    def reasons(self, severity: Severity | None = None) -> list[Reason]:
        """The reason of every problem (of one severity), in the order found."""
        return [p.reason for p in self.items if severity is None or p.severity is severity]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.WARNING]

    def report(self) -> str:
        """Errors first, then warnings, each in file order, with a closing count. The same problem in
        several places (one mistyped id in every monthly file) is said once, with where else it is."""
        groups: dict[tuple[object, ...], list[Problem]] = {}
        for problem in self.errors + self.warnings:
            key = (problem.severity, problem.message, problem.column, problem.found)
            groups.setdefault(key, []).append(problem)
        lines = [str(first) + _elsewhere(rest) for first, *rest in groups.values()]
        lines.append(f"{len(self.errors)} error(s), {len(self.warnings)} warning(s)")
        return "\n".join(lines)


class InputError(ScrutinyReportError):
    """The inputs have errors; nothing was generated. Carries every problem found."""

    def __init__(self, problems: Problems):
        self.problems = problems
        super().__init__(problems.report())

    def report(self) -> str:
        return self.problems.report()


class ValueProblem(ScrutinyReportError, ValueError):
    """A cell that is not a figure; the message says what was expected."""


class UnreadableInput(ScrutinyReportError, ValueError):
    """An input file that cannot be used as it is: the message says why and what to do."""


class UndecodableFile(UnreadableInput):
    """Neither UTF-8 nor Windows-1252: names the byte offset and line of the first bad byte."""


class WorkbookRefused(UnreadableInput):
    """A workbook refused before it is read (a sheet that runs past the limits, parts that unpack to too
    much): the message says where; ``sheet`` is the sheet at fault, if any."""

    def __init__(self, message: str, sheet: str | None = None):
        super().__init__(message)
        self.sheet = sheet


class YamlRefused(Exception):
    """A YAML document refused while it is read (too many values with aliases expanded, a tag, a key that
    is not text): the message says why; ``line`` is where (1-based), when known."""

    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.line = line


# ---------------------------------------------------------------------------------------------- narrative

class NarrativeError(ScrutinyReportError):
    """A live figure that cannot be worked out: names the file (and line) and the problem."""

    def __init__(self, source: str, line: int | None, message: str):
        where = f"{source}, line {line}" if line else source
        super().__init__(f"{where}: {message}")
        self.source, self.line, self.message = source, line, message


class TemplateVariableError(ScrutinyReportError):
    """A template uses a variable the context does not have."""

    def __init__(self, template: str, message: str):
        super().__init__(f"{template}: {message}")
        self.template = template


class NarrativeErrors(ScrutinyReportError):
    """Every live figure that cannot be worked out, across all narrative files and recommendations."""

    def __init__(self, errors: list[NarrativeError]):
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors

    def report(self) -> str:
        return "\n".join(error.report() for error in self.errors)


class MissingReference(ScrutinyReportError, ValueError):
    """A cross-reference in narrative to a document or chart the pack does not have: says which, and what to do."""


class NarrativeLimit(Exception):
    """A narrative expression went past one of the sandbox's limits; ``line`` is the template's line it was
    running, when the limit was found outside the template's own code (the size of the whole text)."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


class NotPrintable(TypeError):
    """An expression that is not one figure or piece of text was printed."""


# ---------------------------------------------------------------------------------------------- figures

class TextOutsideFigureError(ScrutinyReportError):
    """A figure's text does not lie inside its canvas: the figure would print with words cut off."""

    def __init__(self, figure: str, text: str, where: str):
        shown = text.replace("\n", " ")
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        super().__init__(f"figure {figure!r}: the text {shown!r} {where}")
        self.figure, self.text = figure, text


class FontMissingError(ScrutinyReportError):
    """A file of the font every figure is drawn in is missing from the installed package, or is not that font."""

    def __init__(self, family: str, path: str):
        super().__init__(f"the charts are drawn in {family}, whose file {path} is missing from this installation "
                         "of scrutinyreport or is not that font: install scrutinyreport again (pip install "
                         "--force-reinstall scrutinyreport) and run again")


# ---------------------------------------------------------------------------------------------- the pack

class OutputFolderError(ScrutinyReportError):
    """The output folder cannot be used (it is a file, cannot be created or written, the disk is full)."""


class OutputLocked(ScrutinyReportError):
    """Another run holds the output folder's lock and did not let go within the time allowed."""


class TemplateFolderError(ScrutinyReportError):
    """A templates folder (generate --templates) that lacks a template or holds something else."""


class StarterError(ScrutinyReportError):
    """A starter folder (init DIR) that cannot be written: a file of it is already there, or the package lacks
    the sample."""


class PdfUnavailable(ScrutinyReportError):
    """LibreOffice is not installed, or the conversion failed: the Word documents are still written."""


# ---------------------------------------------------------------------------------------------- harvest

class HarvestError(ScrutinyReportError):
    """A document that cannot be harvested: says which and why."""


class UnreadableDocument(HarvestError):
    """A Word document that cannot be read safely (for harvest or check): not a .docx, too large once
    unpacked, a part that is not well-formed XML or declares entities, a record that is not as generated.
    The message names the file and the part."""


class HarvestWriteError(HarvestError):
    """Writing the harvested inputs failed part-way: the message says which files were changed, which were
    put back as they were and which were not touched."""


class HarvestConflict(HarvestError):
    """The same paragraph changed in the reviewed document and in inputs/: one line for each."""

    def __init__(self, conflicts: Sequence[object]):
        super().__init__("\n".join(str(conflict) for conflict in conflicts))
        self.conflicts = list(conflicts)


class PendingChanges(HarvestError):
    """--changes stop and the document has tracked changes: ``changes`` lists each in words."""

    def __init__(self, document: Path, changes: Sequence[str]):
        listed = "\n".join(f"  {change}" for change in changes)
        super().__init__(f"{document}: {len(changes)} tracked change(s) are pending; accept or reject them in "
                         f"Word, or harvest with --changes accept or --changes reject:\n{listed}")
        self.changes = list(changes)
