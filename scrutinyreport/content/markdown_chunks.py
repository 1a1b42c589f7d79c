"""Narrative Markdown cut into chunks, and the live figures ({{ ... }}) in a chunk.

A chunk is one top-level block of a narrative file (a heading, a paragraph, a table) or one top-level list
item with what is nested in it: the unit a reviewer edits in Word and the unit the harvest merges. The
chunks of a file, joined, give the file back exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from markdown_it import MarkdownIt

from ..markdown_dialect import markdown_parser

EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
STATEMENT = re.compile(r"\{%|\{\{-|-\}\}|\{#")
LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])(?:\s|$)")


def _parser() -> MarkdownIt:
    return markdown_parser()


@dataclass(frozen=True)
class Chunk:
    """A block's source lines (no trailing line break) and the line breaks that follow it in the file."""

    body: str
    sep: str = "\n\n"

    @property
    def list_item(self) -> bool:
        return bool(LIST_MARKER.match(self.body))


def split_chunks(markdown: str) -> list[Chunk]:
    """The chunks of a Markdown file (blank lines before the first block are not kept)."""
    lines = markdown.splitlines(keepends=True)
    ranges: list[tuple[int, int]] = []
    for token in _parser().parse(markdown):
        if token.map is None or token.nesting == -1:
            continue
        if token.level == 0 and token.type not in ("bullet_list_open", "ordered_list_open"):
            ranges.append((token.map[0], token.map[1]))
        elif token.level == 1 and token.type == "list_item_open":
            ranges.append((token.map[0], token.map[1]))
    chunks: list[Chunk] = []
    position = 0

    def add_gap(gap: str) -> None:
        if gap.strip():
            core = gap.rstrip()
            chunks.append(Chunk(core.lstrip("\n"), gap[len(core):]))
        elif chunks:
            chunks[-1] = replace(chunks[-1], sep=chunks[-1].sep + gap)

    for start, end in sorted(ranges):
        if start < position:
            continue
        add_gap("".join(lines[position:start]))
        text = "".join(lines[start:end])
        core = text.rstrip()
        chunks.append(Chunk(core, text[len(core):]))
        position = end
    add_gap("".join(lines[position:]))
    return chunks


def join_chunks(chunks: list[Chunk]) -> str:
    """The file the chunks make, with a blank line wherever one is needed to keep blocks apart."""
    out = []
    for index, chunk in enumerate(chunks):
        sep = chunk.sep if "\n" in chunk.sep else "\n"
        if index + 1 < len(chunks):
            if not (chunk.list_item and chunks[index + 1].list_item) and sep.count("\n") < 2:
                sep = "\n\n"
        else:
            sep = "\n"
        out.append(chunk.body + sep)
    return "".join(out)


def expressions(text: str) -> list[str]:
    """The live figures of a text, in order: ['{{ indicators.x.latest }}', ...]."""
    return EXPRESSION.findall(text)


def is_plain(text: str) -> bool:
    """True when the text's only Jinja is {{ expressions }} (no statements, comments or trimming), so each
    expression can be worked out and put back on its own."""
    return not STATEMENT.search(text)


def substitute(text: str, values: list[str], mark: tuple[str, str] | None = None) -> str:
    """The text with its n-th expression replaced by values[n] (between the mark characters, if given)."""
    found = iter(values)
    opening, closing = mark or ("", "")
    return EXPRESSION.sub(lambda _: f"{opening}{next(found)}{closing}", text)
