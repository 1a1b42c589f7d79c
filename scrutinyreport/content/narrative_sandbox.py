"""The sandbox narrative expressions (and, with the same bounds, a council's Word templates) run in: enough
to quote and lightly shape figures, nothing more.

- immutable: nothing in the pack's figures can be changed (``{{ counts.update(...) }}`` is refused), and
  methods of text, lists and mappings are refused but for a few harmless ones;
- only printable figures print: text and numbers; a group of figures (``{{ indicators.ID }}``), a list,
  ``none``, a yes/no or a macro left uncalled is an error, never "None" or a dict in a published paper;
- bounded: ``range`` up to MAX_RANGE, powers up to MAX_POWER, no text or list longer than MAX_TEXT_CHARS,
  at most MAX_NARRATIVE_STEPS template lines run and MAX_NARRATIVE_SECONDS spent on one text;
- only the filters listed in SAFE_FILTERS (besides the pack's own) and no lorem-ipsum, cycler or namespace.

Word templates (``template_environment``) get the same sandbox and bounds, but print what docxtpl places (the
generated body, escaped values) and may build a larger text: the document's XML, up to MAX_TEMPLATE_CHARS
beyond the generated body it places (``allow``).
"""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Callable, Mapping, MutableMapping
from typing import Any, TypeVar

import jinja2
from jinja2.compiler import CodeGenerator
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..errors import NarrativeLimit, NotPrintable
from ..loading.limits import (
    MAX_NARRATIVE_SECONDS,
    MAX_NARRATIVE_STEPS,
    MAX_POWER,
    MAX_RANGE,
    MAX_TEMPLATE_CHARS,
    MAX_TEXT_CHARS,
)

SAFE_FILTERS = ("abs", "capitalize", "count", "d", "default", "first", "float", "int", "join", "last", "length",
                "list", "lower", "max", "min", "round", "sort", "string", "sum", "title", "trim", "unique",
                "upper")
SAFE_METHODS = frozenset({"lower", "upper", "title", "capitalize", "strip", "startswith", "endswith", "get"})
MAX_INT_BITS = 4_000   # about 1,200 digits


def _check_size(value: Any) -> Any:
    if isinstance(value, (str, list, tuple)) and len(value) > MAX_TEXT_CHARS:
        raise NarrativeLimit(f"an expression builds a text or list longer than {MAX_TEXT_CHARS:,}: narrative "
                             "quotes figures, it does not generate text")
    if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        raise NarrativeLimit("an expression builds a number with more than 1,000 digits")
    return value


def _limited_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise NarrativeLimit(f"range() of {len(numbers):,} numbers: at most {MAX_RANGE:,} are allowed")
    return numbers


def _printable(value: Any) -> Any:
    """finalize: what {{ ... }} may print."""
    if isinstance(value, (str, jinja2.Undefined)) or (isinstance(value, (int, float)) and
                                                        not isinstance(value, bool)):
        return value   # an undefined name fails as it prints, naming itself
    if value is None:
        raise NotPrintable("an expression prints nothing ('none'): quote a figure or text")
    if isinstance(value, bool):
        raise NotPrintable("an expression prints a yes/no (true or false): quote a figure or text")
    if isinstance(value, Mapping):
        names = ", ".join(list(map(str, value))[:4])
        raise NotPrintable(f"an expression prints a group of figures ({names} ...), not one figure: quote one "
                           "of them, such as .latest")
    if callable(value):
        raise NotPrintable("an expression prints a macro or function without calling it: add ()")
    raise NotPrintable(f"an expression prints a {type(value).__name__}, not a figure or text")


def _checked_join(parts: tuple[Any, ...]) -> str:
    """The ~ operator, with the size limit."""
    text = "".join(str(part) for part in parts)
    _check_size(text)
    return text


class _Generator(CodeGenerator):
    """Compiles ~ to a joining that checks the size of what it builds."""

    def visit_Concat(self, node: jinja2.nodes.Concat, frame: Any) -> None:   # noqa: N802 - Jinja's name
        self.write("environment.checked_join((")
        for argument in node.nodes:
            self.visit(argument, frame)
            self.write(", ")
        self.write("))")


class NarrativeSandbox(ImmutableSandboxedEnvironment):
    """An immutable sandbox with bounded arithmetic, text sizes and attribute access."""

    code_generator_class = _Generator
    intercepted_binops = frozenset({"*", "**", "+", "%", "//"})
    checked_join = staticmethod(_checked_join)

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > MAX_POWER:
            raise NarrativeLimit(f"a power above {MAX_POWER} ({right!r})")
        if operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0 \
                and left.bit_length() * right > MAX_INT_BITS:
            raise NarrativeLimit("an expression builds a number with more than 1,000 digits")
        if operator == "*" and any(isinstance(v, (str, list, tuple)) for v in (left, right)):
            count = right if isinstance(right, int) else left
            sized = left if isinstance(right, int) else right
            if isinstance(count, int) and hasattr(sized, "__len__") and len(sized) * count > MAX_TEXT_CHARS:
                raise NarrativeLimit(f"an expression builds a text or list longer than {MAX_TEXT_CHARS:,}")
        if operator == "%" and isinstance(left, str):
            raise NarrativeLimit("'%' formatting is not available in narrative: quote the figures as printed")
        return _check_size(super().call_binop(context, operator, left, right))

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if callable(value) and isinstance(obj, (str, list, tuple, dict)) and attr not in SAFE_METHODS:
            return False
        return super().is_safe_attribute(obj, attr, value)

    def call(__self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        return _check_size(super().call(__context, __obj, *args, **kwargs))


def _sized(function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)   # keeps Jinja's pass_context / pass_environment marks
    def checked(*args: Any, **kwargs: Any) -> Any:
        return _check_size(function(*args, **kwargs))
    return checked


_Sandbox = TypeVar("_Sandbox", bound=NarrativeSandbox)


def narrative_environment(undefined: type[jinja2.Undefined],
                          filters: Mapping[str, Callable[..., Any]]) -> NarrativeSandbox:
    """A sandbox for narrative text, with the given undefined behaviour and the pack's own filters."""
    environment = NarrativeSandbox(undefined=undefined, autoescape=False, keep_trailing_newline=True,
                                   finalize=_printable)
    return _bounded(environment, filters)


class BoundedTemplate(jinja2.Template):
    """A template whose ``render`` (as docxtpl calls it) runs within the sandbox's step, time and size limits."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        environment = self.environment
        limit = environment.max_chars if isinstance(environment, TemplateSandbox) else MAX_TEMPLATE_CHARS
        return render_within_limits(self, dict(*args, **kwargs), limit)


class TemplateSandbox(NarrativeSandbox):
    """The narrative sandbox for a Word template's XML: autoescaped, printing what docxtpl places."""

    template_class = BoundedTemplate
    source: str = ""   # the last text compiled (the XML of the part being rendered), to trace an error to its tag
    max_chars: int = MAX_TEMPLATE_CHARS

    def allow(self, chars: int) -> None:
        """Let the rendered text be longer by ``chars``: the size of the generated body the template places."""
        self.max_chars = MAX_TEMPLATE_CHARS + chars

    def from_string(self, source: str | jinja2.nodes.Template, globals: MutableMapping[str, Any] | None = None,
                    template_class: type[jinja2.Template] | None = None) -> jinja2.Template:
        self.source = source if isinstance(source, str) else ""
        return super().from_string(source, globals, template_class)


def template_environment(undefined: type[jinja2.Undefined]) -> TemplateSandbox:
    """A sandbox for rendering a Word template (docxtpl's ``jinja_env``), with the narrative's bounds."""
    return _bounded(TemplateSandbox(undefined=undefined, autoescape=True), {})


def _bounded(environment: _Sandbox, filters: Mapping[str, Callable[..., Any]]) -> _Sandbox:
    """Only the safe filters (each with the size limit) and the given ones; no globals but a bounded range."""
    builtin = {name: _sized(environment.filters[name]) for name in SAFE_FILTERS}
    environment.filters.clear()
    environment.filters.update(builtin)
    environment.filters.update({name: _sized(f) for name, f in filters.items()})
    environment.globals.clear()
    environment.globals.update(range=_limited_range, dict=dict)
    return environment


class _Steps:
    """Counts the template lines run and the time spent; stops the text past the limits."""

    def __init__(self) -> None:
        self.steps, self.deadline = 0, time.monotonic() + MAX_NARRATIVE_SECONDS
        self.code_line = 0   # the line of the compiled template last run

    def line(self, frame: Any, event: str, argument: Any) -> Any:
        if event == "line":
            self.steps += 1
            self.code_line = frame.f_lineno
            if self.steps > MAX_NARRATIVE_STEPS or (self.steps % 1000 == 0 and time.monotonic() > self.deadline):
                raise NarrativeLimit("the expressions take too long to work out (is there a loop without end, or "
                                     "loops inside loops?)")
        return self.line

    def call(self, frame: Any, event: str, argument: Any) -> Any:
        return self.line if frame.f_code.co_filename == "<template>" else None


def render_within_limits(template: jinja2.Template, context: Mapping[str, Any],
                         max_chars: int = MAX_TEXT_CHARS) -> str:
    """Render with the step and time budget, and the size limit (``max_chars``) on the whole text."""
    steps, before = _Steps(), sys.gettrace()
    sys.settrace(steps.call)
    try:
        parts: list[str] = []
        size = 0
        for part in template.generate(context):
            size += len(part)
            if size > max_chars:
                raise NarrativeLimit(f"the text comes to more than {max_chars:,} characters",
                                     template.get_corresponding_lineno(steps.code_line) if steps.code_line else None)
            parts.append(part)
        return "".join(parts)
    finally:
        sys.settrace(before)
