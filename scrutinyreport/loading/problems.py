"""Problems found in the inputs: each names the file, line and column, what was found and what was expected."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from ..errors import ScrutinyReportError


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

    def __str__(self) -> str:
        where = [self.file]
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

    def error(self, file: str, message: str, line: int | None = None, column: str | None = None,
              found: str | None = None) -> None:
        self.items.append(Problem(Severity.ERROR, file, message, line, column, found))

    def warning(self, file: str, message: str, line: int | None = None, column: str | None = None,
                found: str | None = None) -> None:
        self.items.append(Problem(Severity.WARNING, file, message, line, column, found))

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
