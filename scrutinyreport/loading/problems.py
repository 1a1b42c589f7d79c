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
        """Errors first, then warnings, each in file order, with a closing count."""
        ordered = self.errors + self.warnings
        lines = [str(p) for p in ordered]
        lines.append(f"{len(self.errors)} error(s), {len(self.warnings)} warning(s)")
        return "\n".join(lines)


class InputError(ScrutinyReportError):
    """The inputs have errors; nothing was generated. Carries every problem found."""

    def __init__(self, problems: Problems):
        self.problems = problems
        super().__init__(problems.report())

    def report(self) -> str:
        return self.problems.report()
