"""Narrative and recommendations with live figures: Jinja in a sandbox, with StrictUndefined.

A misspelt name is an error that names the file and line, never a blank in a published paper. The
sandbox (see ``narrative_sandbox``) lets a narrative quote and lightly shape figures, nothing more.
"""

from __future__ import annotations

import re
import sys
from types import FrameType
from typing import Any

import jinja2

from ..errors import MissingReference, NarrativeError, NarrativeErrors, NarrativeLimit, NotPrintable
from ..formatting import jinja_filters
from .narrative_sandbox import narrative_environment, render_within_limits


def _error_line(source: str) -> int | None:
    """The template line of the innermost traceback frame that belongs to this source."""
    line = None
    trace = sys.exc_info()[2]
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == source:
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


def _quote_expression(text: str, line: int | None, message: str) -> str:
    """' in {{ counts.totl }}': the expression on the failing line that holds the unknown name."""
    lines = text.splitlines()
    if not line or line > len(lines):
        return ""
    names = re.findall(r"'([^']+)'", message)
    expressions = re.findall(r"\{\{.*?\}\}|\{%.*?%\}", lines[line - 1])
    found = next((e for e in expressions if names and names[-1] in e), None)
    return f" in {found}" if found else ""


def _template_line(template: jinja2.Template) -> int | None:
    """The template line being rendered, from the innermost frame of the template's compiled code."""
    frame: FrameType | None = sys._getframe(2)
    while frame is not None and frame.f_code.co_filename != "<template>":
        frame = frame.f_back
    return template.get_corresponding_lineno(frame.f_lineno) if frame is not None else None


class LiveText:
    """Renders Markdown (or plain) text that quotes figures from the pack, e.g. {{ counts.red }}."""

    def __init__(self, context: dict[str, Any], locale: str):
        self.context = context
        self.environment = narrative_environment(jinja2.StrictUndefined, jinja_filters(locale))

    def _every_unknown_name(self, text: str) -> list[tuple[int | None, str]]:
        """Render again, recording every unknown name with its line instead of stopping at the first."""
        found: list[tuple[int | None, str]] = []
        rendering: list[jinja2.Template] = []

        class Recorder(jinja2.ChainableUndefined):
            def __str__(self) -> str:
                found.append((_template_line(rendering[0]), self._undefined_message))
                return ""

        environment = narrative_environment(Recorder, self.environment.filters)
        try:
            rendering.append(environment.from_string(text))
            render_within_limits(rendering[0], self.context)
        except Exception:   # noqa: BLE001 - a second, lenient pass: the strict error is reported anyway
            pass
        return found

    def render(self, text: str, source: str, first_line: int = 1) -> str:
        """The text with every expression replaced; source names it in errors (a file, or pack.yaml)."""
        offset = first_line - 1
        try:
            template = self.environment.from_string(text)
            template.filename = source
            return render_within_limits(template, self.context)
        except jinja2.TemplateSyntaxError as error:
            raise NarrativeError(source, (error.lineno or 1) + offset,
                                 f"cannot read the expression: {error.message}") from error
        except jinja2.UndefinedError as error:
            found = self._every_unknown_name(text) or [(_error_line(source), error.message or "")]
            problems = [NarrativeError(source, None if line is None else line + offset,
                                       f"{message}{_quote_expression(text, line, message)}; "
                                       "check the name against the list in the README")
                        for line, message in found]
            raise (problems[0] if len(problems) == 1 else NarrativeErrors(problems)) from error
        except jinja2.exceptions.SecurityError as error:
            raise NarrativeError(source, _error_line(source), f"not allowed in narrative: {error}") from error
        except (NarrativeLimit, NotPrintable, MissingReference) as error:
            raise NarrativeError(source, _error_line(source), str(error)) from error
        except RecursionError as error:
            raise NarrativeError(source, _error_line(source), "a macro calls itself without end") from error
        except (TypeError, ValueError, ArithmeticError) as error:
            raise NarrativeError(source, _error_line(source), f"cannot work out an expression: {error}") from error
