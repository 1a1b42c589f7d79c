"""Blocks back into narrative Markdown: headings, paragraphs, bullet and numbered lists (two levels),
bold, italic, links and simple tables. Live figures found in the text (see restore.py) are written back as
their {{ ... }} expressions rather than as the figure printed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..word.blocks import BULLET, HEADING, NUMBER, TABLE, Block, Spans


@dataclass(frozen=True)
class Substitution:
    """Replace the characters [start, end) of a chunk's plain text by a live figure's expression."""

    start: int
    end: int
    expression: str


LINE_START = re.compile(r"^(\s*)([#>+=-]|\d{1,9}[.)](?=\s|$)|\*(?=\s))")
JINJA_OPENER = re.compile(r"\{(?=[{%#])")
EXPRESSION_FIRST = re.compile(r"^\{\{.*?\}\}(?=[.)](\s|$))", re.S)


def escape_jinja(text: str, plain: bool = False) -> str:
    """Text a reviewer typed that Jinja would read as a tag ({{, {% or {#) kept as text: the brace that opens
    the tag is escaped, in Markdown by a backslash after it ({\\{, which Markdown drops), in plain text (pack.yaml's
    recommendations) as an expression that prints the brace ({{ '{' }}{)."""
    return JINJA_OPENER.sub("{{ '{' }}" if plain else "{\\\\", text)


def escape(text: str, table: bool = False) -> str:
    """Text that Markdown prints as written."""
    text = text.replace("\\", "\\\\")
    for character in "*`[]":
        text = text.replace(character, "\\" + character)
    text = re.sub(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])", r"\\_", text)
    text = re.sub(r"<(?=[A-Za-z/!?])", r"\\<", text)
    text = escape_jinja(text)
    return text.replace("|", "\\|") if table else text


def _escape_line_start(markdown: str) -> str:
    """A line that Markdown would read as a heading, quote, list item or rule kept as text. A live figure that
    opens the line and prints a number before a full stop ("{{ counts.red }}." printing "5.") has the stop
    escaped, whatever number it prints."""
    first = EXPRESSION_FIRST.match(markdown)
    if first:
        return markdown[:first.end()] + "\\" + markdown[first.end():]
    match = LINE_START.match(markdown)
    if not match:
        return markdown
    marker = match.group(2)
    escaped = marker[:-1] + "\\" + marker[-1] if marker[0].isdigit() else "\\" + marker
    return markdown[:match.start(2)] + escaped + markdown[match.end(2):]


class _Inline:
    """Writes spans, tracking the plain-text offset so substitutions land on the right characters."""

    def __init__(self, substitutions: list[Substitution]):
        self.pending = sorted(substitutions, key=lambda s: s.start)
        self.applied: set[Substitution] = set()

    def spans(self, spans: Spans, offset: int, indent: str = "", table: bool = False) -> str:
        out = []
        for span in spans:
            text = span.text
            inside = [s for s in self.pending if offset <= s.start and s.end <= offset + len(text)]
            pieces, position = [], 0
            for substitution in inside:
                start, end = substitution.start - offset, substitution.end - offset
                if start < position:
                    continue
                pieces.append(self._text(text[position:start], indent, table))
                pieces.append(substitution.expression)
                self.applied.add(substitution)
                position = end
            pieces.append(self._text(text[position:], indent, table))
            content = "".join(pieces)
            offset += len(text)
            stripped = content.strip(" ")
            lead = content[:len(content) - len(content.lstrip(" "))]
            trail = content[len(content.rstrip(" ")):]
            if stripped and (span.bold or span.italic):
                marks = "***" if span.bold and span.italic else "**" if span.bold else "*"
                stripped = f"{marks}{stripped}{marks}"
            if stripped and span.href:
                target = f"<{span.href}>" if re.search(r"[\s()<>]", span.href) else span.href
                stripped = f"[{stripped}]({target})"
            out.append(lead + stripped + trail)
        return "".join(out)

    @staticmethod
    def _text(text: str, indent: str, table: bool) -> str:
        text = escape(text, table)
        if table:
            return text.replace("\n", " ")
        return text.replace("\n", "\\\n" + indent)


def _table(block: Block, offset: int, inline: _Inline) -> str:
    lines = []
    for number, row in enumerate(block.rows):
        cells = []
        for cell in row:
            cells.append(inline.spans(cell, offset, table=True).strip() or " ")
            offset += len("".join(s.text for s in cell)) + 1
        lines.append("| " + " | ".join(cells) + " |")
        if number == 0:
            lines.append("|" + "|".join(" --- " for _ in row) + "|")
    return "\n".join(lines)


def chunk_markdown(group: tuple[Block, ...], number: int = 1,
                   substitutions: list[Substitution] | None = None) -> tuple[str, set[Substitution]]:
    """The Markdown of one chunk (a block, or a list item with its nested items); ``number`` is an ordered
    item's number. Returns the text and the substitutions it could make (one inside a single span)."""
    inline = _Inline(substitutions or [])
    lines, offset = [], 0
    parent_width = 2
    nested_number = 0
    for index, block in enumerate(group):
        if block.kind == TABLE:
            lines.append(_table(block, offset, inline))
        elif block.kind == HEADING:
            lines.append("#" * block.level + " " + inline.spans(block.spans, offset))
        elif block.kind in (BULLET, NUMBER):
            nested = index > 0 and block.level > 1
            if block.kind == NUMBER:
                nested_number += nested
                marker = f"{nested_number if nested else number}. "
            else:
                marker = "- "
            indent = " " * parent_width if nested else ""
            if not nested:
                parent_width = len(marker)
            text = _escape_line_start(inline.spans(block.spans, offset, indent + " " * len(marker)))
            lines.append(indent + marker + text)
        else:
            lines.append(_escape_line_start(inline.spans(block.spans, offset)))
        offset += len(block.text) + 1
    return "\n".join(lines), inline.applied


def plain_text(group: tuple[Block, ...]) -> str:
    """The chunk's plain text, in the coordinates substitutions use."""
    return "\n".join(block.text for block in group)
