"""The errors that stop a pack from being built, each saying where to look. Kept apart from the modules
that raise them so the command line can catch them without importing the rendering machinery.

Every deliberate error of the library inherits ScrutinyReportError, so a caller (the command line among
them) catches that one class; its ``report()`` is the text for the user, one problem a line."""

from __future__ import annotations


class ScrutinyReportError(Exception):
    """Base of every error the library raises on purpose: the message says what is wrong and where."""

    def report(self) -> str:
        return f"error: {self}"


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


class OutputFolderError(ScrutinyReportError):
    """The output folder cannot be used (it is a file, cannot be created or written, the disk is full)."""


class OutputLocked(ScrutinyReportError):
    """Another run holds the output folder's lock and did not let go within the time allowed."""


class TemplateFolderError(ScrutinyReportError):
    """A templates folder (generate --templates) that lacks a template or holds something else."""
