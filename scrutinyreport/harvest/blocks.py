"""The unit both sides of a harvest are compared in: a block (heading, paragraph, list item, table,
recommendation) made of spans of text with their bold, italic and link.

A reviewed document is read into blocks (docx_reader), and so is the Markdown a chunk was rendered from
(markdown_blocks here), so "left alone" is simply "equal blocks", however the editor split the runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markdown_it.tree import SyntaxTreeNode

from ..documents.markdown_docx import markdown_parser

HEADING, PARAGRAPH, BULLET, NUMBER, TABLE, RECOMMENDATION = \
    "heading", "paragraph", "bullet", "number", "table", "recommendation"
LIST_KINDS = (BULLET, NUMBER)


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None

    def same_format(self, other: Span) -> bool:
        return (self.bold, self.italic, self.href) == (other.bold, other.italic, other.href)


Spans = tuple[Span, ...]


@dataclass(frozen=True)
class Block:
    kind: str
    spans: Spans = ()
    level: int = 1                               # heading level 1..3; list level 1..2
    rows: tuple[tuple[Spans, ...], ...] = ()     # a table's rows of cells, the header first

    @property
    def text(self) -> str:
        """The plain text: a table's cells joined by tabs and its rows by line breaks."""
        if self.kind == TABLE:
            return "\n".join("\t".join(span_text(cell) for cell in row) for row in self.rows)
        return span_text(self.spans)

    @property
    def starts_chunk(self) -> bool:
        return not (self.kind in LIST_KINDS and self.level > 1)


def span_text(spans: Spans) -> str:
    return "".join(span.text for span in spans)


def normalise(spans: list[Span]) -> Spans:
    """Adjacent spans of the same format joined, empty ones dropped, the ends of the text stripped."""
    joined: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if joined and joined[-1].same_format(span):
            last = joined.pop()
            span = Span(last.text + span.text, span.bold, span.italic, span.href)
        joined.append(span)
    if joined:
        joined[0] = Span(joined[0].text.lstrip(), joined[0].bold, joined[0].italic, joined[0].href)
        joined[-1] = Span(joined[-1].text.rstrip(), joined[-1].bold, joined[-1].italic, joined[-1].href)
    return tuple(span for span in joined if span.text)


def group_chunks(blocks: list[Block]) -> list[tuple[Block, ...]]:
    """Blocks grouped as narrative chunks: a top-level list item with the nested items under it."""
    groups: list[list[Block]] = []
    for block in blocks:
        if groups and not block.starts_chunk and groups[-1][0].kind in LIST_KINDS:
            groups[-1].append(block)
        else:
            groups.append([block])
    return [tuple(group) for group in groups]


# --------------------------------------------------------------------------------------------------
# Markdown -> blocks, following markdown_docx.add_markdown's mapping

def markdown_blocks(markdown: str) -> list[Block]:
    """The blocks add_markdown writes for this Markdown (empty paragraphs left out)."""
    tree = SyntaxTreeNode(markdown_parser().parse(markdown or ""))
    found: list[Block] = []
    _blocks(tree.children, None, 0, found)
    return [block for block in found if block.kind == TABLE or block.spans]


def _blocks(nodes: Sequence[SyntaxTreeNode], list_kind: str | None, list_level: int, found: list[Block]) -> None:
    for node in nodes:
        _block(node, list_kind, list_level, found)


def _paragraph(spans: list[Span], list_kind: str | None, list_level: int) -> Block:
    if list_kind:
        return Block(list_kind, normalise(spans), min(list_level, 2))
    return Block(PARAGRAPH, normalise(spans))


def _block(node: SyntaxTreeNode, list_kind: str | None, list_level: int, found: list[Block]) -> None:
    kind = node.type
    if kind == "heading":
        found.append(Block(HEADING, normalise(_inline(node.children)), min(int(node.tag[1:]), 3)))
    elif kind == "paragraph":
        found.append(_paragraph(_inline(node.children), list_kind, list_level))
    elif kind in ("bullet_list", "ordered_list"):
        item_kind = BULLET if kind == "bullet_list" else NUMBER
        for item in node.children:
            _list_item(item, item_kind, list_level + 1, found)
    elif kind == "table":
        rows = []
        for section in node.children:
            for row in section.children:
                rows.append(tuple(normalise(_inline(cell.children)) for cell in row.children))
        found.append(Block(TABLE, rows=tuple(rows)))
    elif kind == "blockquote":
        _blocks(node.children, list_kind, list_level, found)
    elif kind in ("fence", "code_block", "html_block"):
        found.append(_paragraph([Span(node.content.rstrip("\n"))], list_kind, list_level))


def _list_item(item: SyntaxTreeNode, kind: str, level: int, found: list[Block]) -> None:
    spans: list[Span] | None = None
    for child in item.children:
        if child.type == "paragraph":
            if spans is None:
                spans = []
                found.append(Block(kind, (), min(level, 2)))    # placeholder, filled below
                at = len(found) - 1
            else:
                spans.append(Span("\n"))
            spans.extend(_inline(child.children))
            found[at] = Block(kind, normalise(spans), min(level, 2))
        elif child.type in ("bullet_list", "ordered_list"):
            _block(child, kind, level, found)
            spans = None
        elif child.type in ("fence", "code_block", "html_block", "blockquote"):
            _block(child, kind, level, found)
        elif child.type == "table":
            _block(child, None, 0, found)


def _inline(nodes: Sequence[SyntaxTreeNode], bold: bool = False, italic: bool = False,
            href: str | None = None) -> list[Span]:
    spans: list[Span] = []
    for node in nodes:
        kind = node.type
        if kind == "inline":
            spans += _inline(node.children, bold, italic, href)
        elif kind in ("text", "code_inline", "html_inline"):
            spans.append(Span(node.content, bold, italic, href))
        elif kind == "softbreak":
            spans.append(Span(" ", bold, italic, href))
        elif kind == "hardbreak":
            spans.append(Span("\n", bold, italic, href))
        elif kind == "strong":
            spans += _inline(node.children, True, italic, href)
        elif kind == "em":
            spans += _inline(node.children, bold, True, href)
        elif kind == "link":
            target = str(node.attrs.get("href", ""))
            keep = href is None and target and not target.startswith("#")
            spans += _inline(node.children, bold, italic, target if keep else href)
        elif kind == "image":
            spans.append(Span(_plain(node) or str(node.attrs.get("alt", "")), bold, italic, href))
        elif node.children:
            spans += _inline(node.children, bold, italic, href)
        elif getattr(node, "content", ""):
            spans.append(Span(node.content, bold, italic, href))
    return spans


def _plain(node: SyntaxTreeNode) -> str:
    if node.type in ("text", "code_inline"):
        return str(node.content)
    return "".join(_plain(child) for child in node.children)
