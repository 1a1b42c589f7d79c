"""The errors that stop a pack from being built, each saying where to look. Kept apart from the modules
that raise them so the command line can catch them without importing the rendering machinery."""

from __future__ import annotations


class NarrativeError(Exception):
    """A live figure that cannot be worked out: names the file (and line) and the problem."""

    def __init__(self, source: str, line: int | None, message: str):
        where = f"{source}, line {line}" if line else source
        super().__init__(f"{where}: {message}")
        self.source, self.line, self.message = source, line, message


class TemplateVariableError(Exception):
    """A template uses a variable the context does not have."""

    def __init__(self, template: str, message: str):
        super().__init__(f"{template}: {message}")
        self.template = template


class NarrativeErrors(Exception):
    """Every live figure that cannot be worked out, across all narrative files and recommendations."""

    def __init__(self, errors: list[NarrativeError]):
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors


class TemplateFolderError(Exception):
    """A templates folder (generate --templates) that lacks a template or holds something else."""
