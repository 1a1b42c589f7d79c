"""YAML input files read with the line of every key, so that an error can point at it.

Read safely and with limits: no Python objects, no expansion of anchors and aliases beyond
``MAX_YAML_NODES`` values (a "billion laughs" file is refused before it is built), no nesting deeper than
``MAX_YAML_DEPTH``, an impossible date (2026-02-30) is an error on its line, text holding control
characters is refused on its line, and a key given twice in one mapping (which YAML would settle silently
by taking the last) is an error naming both lines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problems, Reason, UnreadableInput, YamlRefused
from .limits import MAX_YAML_DEPTH, MAX_YAML_NODES
from .text import CONTROL, TextFile, read_text


@dataclass(frozen=True)
class YamlDocument:
    """The parsed data and, for each key path such as ('author', 'name'), the line it is on and, for a
    single value, how it was written ('yes' where the data holds True)."""

    data: Any
    lines: dict[tuple[Any, ...], int]
    source: TextFile
    written: dict[tuple[Any, ...], str] = field(default_factory=dict)

    def line(self, *path: Any) -> int | None:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None


def _index_lines(node: yaml.Node, path: tuple[Any, ...], lines: dict[tuple[Any, ...], int],
                 written: dict[tuple[Any, ...], str]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.ScalarNode):
        written.setdefault(path, node.value)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = path + (key.value,)
            lines[child] = key.start_mark.line + 1
            _index_lines(value, child, lines, written)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index_lines(item, path + (index,), lines, written)


def _check_size(root: yaml.Node) -> None:
    """Count the values the document would hold with every alias expanded, without expanding them."""
    sizes: dict[int, int] = {}
    depth_of: dict[int, int] = {}
    in_progress: set[int] = set()

    def size(node: yaml.Node, depth: int) -> int:
        key = id(node)
        if key in sizes and depth_of[key] >= depth:
            return sizes[key]
        if key in in_progress:
            raise YamlRefused("refers to itself through an alias (*name inside its own &name)",
                              node.start_mark.line + 1)
        if depth > MAX_YAML_DEPTH:
            raise YamlRefused(f"is nested more than {MAX_YAML_DEPTH} levels deep", node.start_mark.line + 1)
        in_progress.add(key)
        children = [v for pair in node.value for v in pair] if isinstance(node, yaml.MappingNode) else \
            node.value if isinstance(node, yaml.SequenceNode) else []
        total = 1
        for child in children:
            total += size(child, depth + 1)
            if total > MAX_YAML_NODES:
                raise YamlRefused(f"expands to more than {MAX_YAML_NODES:,} values (through &anchors and "
                                  "*aliases): write the values out instead", node.start_mark.line + 1)
        in_progress.discard(key)
        sizes[key], depth_of[key] = total, depth
        return total

    size(root, 0)


def _nodes(root: yaml.Node) -> Iterator[yaml.Node]:
    """Every node of a document once (a node an alias refers to is not visited again), without recursion."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        if isinstance(current, yaml.MappingNode):
            stack.extend(v for pair in current.value for v in pair)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


def _check_text(node: yaml.Node) -> None:
    """A control character in any text (typed as "\\0" escapes, say) is refused on its line."""
    for current in _nodes(node):
        if isinstance(current, yaml.ScalarNode):
            match = CONTROL.search(current.value)
            if match:
                raise YamlRefused(f"holds a control character (U+{ord(match.group()):04X}) that Word cannot "
                                  "show: remove it", current.start_mark.line + 1)


def _duplicate_keys(root: yaml.Node) -> list[tuple[str, int, int]]:
    """(key, first line, second line) for every key given twice in one mapping (merge keys '<<' aside)."""
    found: list[tuple[str, int, int]] = []
    for mapping in _nodes(root):
        if not isinstance(mapping, yaml.MappingNode):
            continue
        first: dict[tuple[str, str], int] = {}
        for key, _ in mapping.value:
            if not isinstance(key, yaml.ScalarNode) or key.tag == "tag:yaml.org,2002:merge":
                continue
            line = key.start_mark.line + 1
            if (key.tag, key.value) in first:
                found.append((key.value, first[(key.tag, key.value)], line))
            else:
                first[(key.tag, key.value)] = line
    return sorted(found, key=lambda item: item[2])


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):   # type: ignore[misc]
    """The safe loader (libyaml's parser when PyYAML was built with it) with dates checked on their line."""


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> dt.date | dt.datetime:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as error:
        raise yaml.constructor.ConstructorError(None, None, f"{node.value!r} is not a real date ({error}); "
                                                "expected YYYY-MM-DD", node.start_mark) from error


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def not_text(value: Any) -> str | None:
    """Why a value read where text is expected is not text: YAML reads unquoted yes, no, on, off, true and false
    as a yes/no, and figures as numbers (a council called 'yes' would print as 'True'); None for text."""
    if isinstance(value, bool):
        return ("expected text, found a yes/no (YAML reads yes, no, on, off, true and false without quotes as "
                "a yes/no): put the text in quotes")
    if isinstance(value, (int, float)):
        return "expected text, found a number (YAML reads figures without quotes as numbers): put the text in quotes"
    return None


class YamlChecker:
    """Checks on one YAML document's values, each bad value recorded as an error with its line and path."""

    def __init__(self, document: YamlDocument, label: str, problems: Problems):
        self.document, self.label, self.problems = document, label, problems

    def fail(self, path: tuple[Any, ...], expected: str, found: Any, *, reason: Reason) -> None:
        self.problems.error(self.label, expected, line=self.document.line(*path),
                            column=".".join(str(p) for p in path), found=str(found), reason=reason)

    def is_text(self, path: tuple[Any, ...], value: Any) -> bool:
        """False (with the error recorded) for a yes/no or a number where text is expected."""
        problem = not_text(value)
        if problem:
            self.fail(path, problem, self.document.written.get(path, value), reason=Reason.WRONG_TYPE)
        return problem is None


def read_yaml(path: Path, label: str, problems: Problems) -> YamlDocument | None:
    """Parse a YAML file; a syntax error is recorded with its line and None returned."""
    try:
        source = read_text(path)
    except UnreadableInput as error:
        problems.error(label, str(error), reason=Reason.UNREADABLE)
        return None
    loader = _Loader(source.text)
    try:   # one parse gives both the node tree (for line numbers) and the data
        node = loader.get_single_node()
        if node is not None:
            _check_size(node)
            _check_text(node)
            duplicates = _duplicate_keys(node)
            for key, first, second in duplicates:
                problems.error(label, f"the key {key!r} is given twice, on lines {first} and {second}: keep one "
                                      "of them (YAML would silently take the last)", line=second, column=key,
                               reason=Reason.DUPLICATE)
            if duplicates:
                return None
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        problems.error(label, f"is not valid YAML: {error.problem}", line=mark.line + 1 if mark else None,
                       reason=Reason.UNREADABLE)
        return None
    except yaml.YAMLError as error:
        problems.error(label, f"is not valid YAML: {error}", reason=Reason.UNREADABLE)
        return None
    except YamlRefused as error:
        problems.error(label, str(error), line=error.line, reason=Reason.UNREADABLE)
        return None
    except RecursionError:
        problems.error(label, f"is nested too deeply (more than {MAX_YAML_DEPTH} levels)", reason=Reason.TOO_LARGE)
        return None
    finally:
        loader.dispose()
    lines: dict[tuple[Any, ...], int] = {}
    written: dict[tuple[Any, ...], str] = {}
    if node is not None:
        _index_lines(node, (), lines, written)
    return YamlDocument(data, lines, source, written)
