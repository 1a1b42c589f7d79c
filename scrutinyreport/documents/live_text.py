"""Narrative and recommendations with live figures: Jinja in a sandbox, with StrictUndefined.

A misspelt name is an error that names the file and line, never a blank in a published paper.
"""

from __future__ import annotations

import sys
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from ..errors import NarrativeError
from ..formatting import jinja_filters


def _error_line(source: str) -> int | None:
    """The template line of the innermost traceback frame that belongs to this source."""
    line = None
    trace = sys.exc_info()[2]
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == source:
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


class LiveText:
    """Renders Markdown (or plain) text that quotes figures from the pack, e.g. {{ counts.red }}."""

    def __init__(self, context: dict[str, Any], locale: str):
        self.context = context
        self.environment = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False,
                                                keep_trailing_newline=True)
        self.environment.filters.update(jinja_filters(locale))

    def render(self, text: str, source: str, first_line: int = 1) -> str:
        """The text with every expression replaced; source names it in errors (a file, or pack.yaml)."""
        offset = first_line - 1
        try:
            template = self.environment.from_string(text)
            template.filename = source
            return template.render(self.context)
        except jinja2.TemplateSyntaxError as error:
            raise NarrativeError(source, (error.lineno or 1) + offset,
                                 f"cannot read the expression: {error.message}") from error
        except jinja2.UndefinedError as error:
            line = _error_line(source)
            quoted = f" in {text.splitlines()[line - 1].strip()!r}" if line and line <= len(text.splitlines()) else ""
            raise NarrativeError(source, None if line is None else line + offset,
                                 f"{error.message}{quoted}; check the name against the list in the README") from error
        except jinja2.exceptions.SecurityError as error:
            raise NarrativeError(source, _error_line(source), f"not allowed in narrative: {error}") from error
        except (TypeError, ValueError, ArithmeticError) as error:
            raise NarrativeError(source, _error_line(source), f"cannot work out an expression: {error}") from error
