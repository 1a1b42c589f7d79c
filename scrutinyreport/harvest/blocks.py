"""Markdown read into the blocks a reviewed document is read into (word/blocks.py), following
word/markdown.py's mapping, so that "left alone" is simply "equal blocks"."""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it.tree import SyntaxTreeNode

from ..markdown_dialect import markdown_parser
from ..word.blocks import BULLET, HEADING, NUMBER, PARAGRAPH, TABLE, Block, Span, normalise

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
