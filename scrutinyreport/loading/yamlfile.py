"""YAML input files read with the line of every key, so that an error can point at it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .problems import Problems
from .text import TextFile, UndecodableFile, read_text


@dataclass(frozen=True)
class YamlDocument:
    """The parsed data and, for each key path such as ('author', 'name'), the line it is on."""

    data: Any
    lines: dict[tuple[Any, ...], int]
    source: TextFile

    def line(self, *path: Any) -> int | None:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None


def _index_lines(node: yaml.Node, path: tuple[Any, ...], lines: dict[tuple[Any, ...], int]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = path + (key.value,)
            lines[child] = key.start_mark.line + 1
            _index_lines(value, child, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index_lines(item, path + (index,), lines)


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml's parser when PyYAML was built with it


def read_yaml(path: Path, label: str, problems: Problems) -> YamlDocument | None:
    """Parse a YAML file; a syntax error is recorded with its line and None returned."""
    try:
        source = read_text(path)
    except (UndecodableFile, OSError) as error:
        problems.error(label, str(error))
        return None
    loader = _Loader(source.text)
    try:   # one parse gives both the node tree (for line numbers) and the data
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        problems.error(label, f"is not valid YAML: {error.problem}", line=mark.line + 1 if mark else None)
        return None
    finally:
        loader.dispose()
    lines: dict[tuple[Any, ...], int] = {}
    if node is not None:
        _index_lines(node, (), lines)
    return YamlDocument(data, lines, source)
