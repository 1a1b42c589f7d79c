"""Problems found in the inputs: each names the file, line and column, what was found and what was expected."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from ..errors import ScrutinyReportError

Place = Callable[[int, "str | None"], str]   # (line or row number, column) -> "cell B7", "row 3, column 'value'"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


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
    places = [p.file.rsplit("/", 1)[-1] + (f" line {p.line}" if p.line is not None else "") for p in others]
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
              found: str | None = None) -> None:
        place = self._place(file, line, column)
        if place is not None and column and any(
                p.file == file and p.place == place and p.severity is Severity.ERROR for p in self.items):
            return   # one error a cell: the first (such as a spreadsheet error shown in it) says what is wrong
        self.items.append(Problem(Severity.ERROR, file, message, line, column, found, place))

    def warning(self, file: str, message: str, line: int | None = None, column: str | None = None,
                found: str | None = None) -> None:
        self.items.append(Problem(Severity.WARNING, file, message, line, column, found,
                                  self._place(file, line, column)))

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
