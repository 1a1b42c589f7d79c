"""Narrative Markdown into a Word document built on a report template.

    add_markdown(document, text, depth=0)      Markdown -> headings, numbered paragraphs, lists, tables
    add_heading(document, text, level)         a numbered heading (Heading 1..3)
    add_numbered_paragraph(document, text, depth)
    add_table(document, header, rows, widths_cm=None)

``document`` is a python-docx Document, or a docxtpl Subdoc (its ``subdocx`` is used). A Subdoc's part is
the template's main part, so the template's styles, numbering and relationships are the ones used.

Numbering follows DESIGN section 4: ``#`` -> Heading 1 (4.), ``##`` -> Heading 2 (4.2), ``###`` -> Heading 3
(4.2.3); a paragraph takes "Numbered Paragraph N", N the depth of the heading it sits under (4.1, 4.2.1,
4.2.3i), or Body Text before any heading. The numbers are Word's own (style-linked list), never typed.
Bullet and ordered lists are not section-numbered; every ordered list restarts at 1 (a fresh w:num).
All text goes in through python-docx, so & < > " and template-like text such as {{ x }} stay verbatim.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, cast

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree
from markdown_it.tree import SyntaxTreeNode

from ..markdown_dialect import markdown_parser
from . import numbering
from . import styles as S
from .numbering import DocumentLike, Element

__all__ = ["add_markdown", "add_heading", "add_numbered_paragraph", "add_table"]


# --------------------------------------------------------------------------------------------------
# public helpers

def add_heading(document: DocumentLike, text: str, level: int) -> Paragraph:
    """A section heading (level 1..3 -> Heading 1..3) numbered by the section list; returns the paragraph."""
    return S.add_paragraph(_docx(document), text, S.heading_style(level))


def add_numbered_paragraph(document: DocumentLike, text: str, depth: int) -> Paragraph:
    """A paragraph under a heading of ``depth`` (1..3: 1.1, 4.2.1, 4.2.3i; 0: unnumbered Body Text)."""
    doc = _docx(document)
    style = S.paragraph_style(depth)
    paragraph = S.add_paragraph(doc, text, style)
    _restate_numbering(paragraph, numbering.style_numbering(doc, style) if style != S.BODY_TEXT else None)
    return paragraph


def _restate_numbering(paragraph: Paragraph, found: tuple[int, int] | None) -> None:
    """Repeat a numbered paragraph style's own w:numPr on the paragraph.

    Word needs no such thing (the style carries the numbering), but LibreOffice gives each level of a
    list to one paragraph style only, so without it "Numbered Paragraph 1" (which shares its level with
    Heading 2) loses its number in LibreOffice and in PDFs made with it. Same list, same level: Word
    shows exactly what the style alone would give.
    """
    if found is not None:
        numbering.set_paragraph_numbering(paragraph, *found)


def add_table(document: DocumentLike, header: list[str], rows: list[list[str]], widths_cm: list[float] | None = None, *,
              align: list[str | None] | None = None) -> Table:
    """A full-width table in the template's "Table Grid" style; returns the python-docx Table.

    The header row is marked to repeat on each page (w:tblHeader) and uses "Table Heading"; body cells
    use "Table Text"; no row splits across pages (w:cantSplit); cells are never merged. ``widths_cm``
    gives relative column widths (scaled to the text width); ``align`` per column: "left", "center",
    "right" or None. Short rows are padded with empty cells.
    """
    def fill(paragraph: Paragraph, value: object) -> None:
        if value:
            paragraph.add_run(str(value))

    return _build_table(_docx(document), [str(h) for h in header], [list(r) for r in rows], fill,
                        widths_cm, align)


SHORT_TABLE_ROWS = 8   # a table of this many data rows or fewer is kept whole on one page


def keep_together(table: Any, rows: int = 2) -> None:
    """Keep a short table (SHORT_TABLE_ROWS data rows or fewer) whole on one page; a longer one's first data
    row with its header and its last ``rows`` rows together, so no page starts with a lone row of a table or
    ends with a heading and one row. The last row is not kept with what follows the table."""
    body = table.rows[1:]
    last = len(body) - 1
    kept = set(range(last)) if len(body) <= max(SHORT_TABLE_ROWS, 2 * rows) else {0, *range(last + 1 - rows, last)}
    for index in kept:
        for cell in body[index].cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
    for cell in table.rows[0].cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True


def add_markdown(document: DocumentLike, markdown_text: str, *, depth: int = 0) -> None:
    """Append ``markdown_text`` to ``document`` (see the module doc for the mapping).

    ``depth`` is the depth of the heading the text starts under (0 = none), so text that continues a
    section added with add_heading takes the right numbered-paragraph style.
    """
    doc = _docx(document)
    tree = SyntaxTreeNode(markdown_parser().parse(markdown_text or ""))
    _Writer(doc, depth).blocks(tree.children, _Context())


# --------------------------------------------------------------------------------------------------
# block level

@dataclass(frozen=True)
class _Context:
    list_style: str | None = None       # style of the list item being written, if any
    num_id: int | None = None           # w:numId of the current ordered list (paragraph-level restart)
    ilvl: int = 0
    bullet_depth: int = 0               # nesting of lists (any kind) around the current block


SPACE_AFTER_TABLE_PT = 9


class _Writer:
    def __init__(self, document: Document, depth: int):
        self.document = document
        self.depth = max(0, min(int(depth), 3))
        self._style_numbering = {style: numbering.style_numbering(document, style)
                                 for style in S.NUMBERED_PARAGRAPHS}
        self._after_table = False

    def blocks(self, nodes: Sequence[SyntaxTreeNode], ctx: _Context) -> None:
        for node in nodes:
            self.block(node, ctx)

    def block(self, node: SyntaxTreeNode, ctx: _Context) -> None:
        kind = node.type
        if kind == "heading":
            level = min(int(node.tag[1:]), 3)
            paragraph = S.add_paragraph(self.document, style=S.heading_style(level))
            _inline(paragraph, node.children)
            self.depth = level
        elif kind == "paragraph":
            self.paragraph(node.children, ctx)
        elif kind in ("bullet_list", "ordered_list"):
            self.list(node, ctx)
        elif kind == "table":
            self.table(node)
            self._after_table = True
        elif kind == "blockquote":
            self.blocks(node.children, ctx)
        elif kind in ("fence", "code_block", "html_block"):
            self.literal(node.content.rstrip("\n"), ctx)
        # hr and anything unknown: nothing to write

    def paragraph_style(self, ctx: _Context) -> str:
        return ctx.list_style or S.paragraph_style(self.depth)

    def new_paragraph(self, ctx: _Context) -> Paragraph:
        style = self.paragraph_style(ctx)
        paragraph = S.add_paragraph(self.document, style=style)
        if self._after_table:   # Word has no space below a table: the paragraph after it keeps its distance
            paragraph.paragraph_format.space_before = Pt(SPACE_AFTER_TABLE_PT)
            self._after_table = False
        if ctx.num_id is not None:
            numbering.set_paragraph_numbering(paragraph, ctx.num_id, ctx.ilvl)
        else:
            _restate_numbering(paragraph, self._style_numbering.get(style))
        return paragraph

    def paragraph(self, inline_nodes: Sequence[SyntaxTreeNode], ctx: _Context) -> None:
        _inline(self.new_paragraph(ctx), inline_nodes)

    def literal(self, text: str, ctx: _Context) -> None:
        paragraph = self.new_paragraph(ctx)
        for i, line in enumerate(text.split("\n")):
            run = paragraph.add_run(line)
            if i:
                run._r.insert(0, etree.Element(qn("w:br")))

    def list(self, node: SyntaxTreeNode, ctx: _Context) -> None:
        nested = ctx.list_style is not None
        if node.type == "bullet_list":
            item_ctx = _Context(list_style=S.LIST_BULLET_2 if nested else S.LIST_BULLET,
                                bullet_depth=ctx.bullet_depth + 1)
        else:
            level = 1 if nested else 0
            start = int(node.attrs.get("start", 1) or 1)
            num_id = numbering.new_list_number(self.document, level=level, start=start)
            item_ctx = _Context(list_style=S.LIST_NUMBER_2 if nested else S.LIST_NUMBER, num_id=num_id,
                                ilvl=level, bullet_depth=ctx.bullet_depth + 1)
        for item in node.children:
            self.list_item(item, item_ctx)

    def list_item(self, item: SyntaxTreeNode, ctx: _Context) -> None:
        """The item's first paragraph carries the bullet or number; further paragraphs of the same item
        join it after a line break; nested lists follow as their own paragraphs."""
        paragraph = None
        for child in item.children:
            if child.type == "paragraph":
                if paragraph is None:
                    paragraph = self.new_paragraph(ctx)
                else:
                    paragraph.add_run()._r.append(etree.Element(qn("w:br")))
                _inline(paragraph, child.children)
            elif child.type in ("bullet_list", "ordered_list"):
                self.list(child, ctx)
                paragraph = None
            elif child.type in ("fence", "code_block", "html_block"):
                self.literal(child.content.rstrip("\n"), ctx)
            elif child.type == "blockquote":
                for grandchild in child.children:
                    if grandchild.type == "paragraph":
                        self.paragraph(grandchild.children, ctx)
            elif child.type == "table":
                self.table(child)
        if paragraph is None and not item.children:
            self.new_paragraph(ctx)      # an empty item still takes its bullet or number

    def table(self, node: SyntaxTreeNode) -> None:
        header, rows, align = [], [], []
        for section in node.children:              # thead, tbody
            for tr in section.children:
                cells = list(tr.children)
                if section.type == "thead":
                    header = [c.children for c in cells]
                    align = [_alignment(c) for c in cells]
                else:
                    rows.append([c.children for c in cells])
        _build_table(self.document, header, rows, _inline, None, align)


def _alignment(cell: SyntaxTreeNode) -> str | None:
    style = str(cell.attrs.get("style", "")) if cell.attrs else ""
    for value in ("left", "center", "right"):
        if f"text-align:{value}" in style.replace(" ", ""):
            return value
    return None


# --------------------------------------------------------------------------------------------------
# inline level

@dataclass(frozen=True)
class _Format:
    bold: bool = False
    italic: bool = False


def _inline(paragraph: Paragraph, nodes: Sequence[SyntaxTreeNode], fmt: _Format = _Format(),
            hyperlink: Element | None = None) -> None:
    """Write Markdown inline nodes (the children of a paragraph/heading/cell node) into ``paragraph``."""
    for node in nodes:
        kind = node.type
        if kind == "inline":
            _inline(paragraph, node.children, fmt, hyperlink)
        elif kind in ("text", "code_inline", "html_inline"):
            _run(paragraph, node.content, fmt, hyperlink)
        elif kind == "softbreak":
            _run(paragraph, " ", fmt, hyperlink)
        elif kind == "hardbreak":
            run = _run(paragraph, "", fmt, hyperlink)
            run._r.append(etree.Element(qn("w:br")))
        elif kind == "strong":
            _inline(paragraph, node.children, replace(fmt, bold=True), hyperlink)
        elif kind == "em":
            _inline(paragraph, node.children, replace(fmt, italic=True), hyperlink)
        elif kind == "link":
            href = str(node.attrs.get("href", ""))
            if hyperlink is not None or not href or href.startswith("#"):
                _inline(paragraph, node.children, fmt, hyperlink)
            else:
                _inline(paragraph, node.children, fmt, _hyperlink(paragraph, href))
        elif kind == "image":
            _run(paragraph, _plain_text(node) or str(node.attrs.get("alt", "")), fmt, hyperlink)
        elif node.children:
            _inline(paragraph, node.children, fmt, hyperlink)
        elif getattr(node, "content", ""):
            _run(paragraph, node.content, fmt, hyperlink)


def _plain_text(node: SyntaxTreeNode) -> str:
    if node.type in ("text", "code_inline"):
        return node.content
    return "".join(_plain_text(child) for child in node.children)


def _run(paragraph: Paragraph, text: str, fmt: _Format, hyperlink: Element | None) -> Run:
    run = paragraph.add_run(text)
    if fmt.bold:
        run.bold = True
    if fmt.italic:
        run.italic = True
    if hyperlink is not None:
        S.set_run_style(run, S.HYPERLINK)
        hyperlink.append(run._r)       # moves the run into the w:hyperlink element
    return run


def _hyperlink(paragraph: Paragraph, url: str) -> Element:
    """An empty w:hyperlink at the end of ``paragraph``, pointing at ``url`` (external relationship)."""
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    element = etree.SubElement(paragraph._p, qn("w:hyperlink"))
    element.set(qn("r:id"), r_id)
    element.set(qn("w:history"), "1")
    return element


# --------------------------------------------------------------------------------------------------
# tables

def _build_table(document: Document, header: list[Any], rows: list[list[Any]], fill: Callable[[Paragraph, Any], None],
                 widths_cm: list[float] | None, align: list[str | None] | None) -> Table:
    columns = max([len(header)] + [len(r) for r in rows] + [1])
    table = S.add_table(document, (1 if header else 0) + len(rows), columns)
    table.style = S.TABLE_GRID

    tbl_pr = table._tbl.tblPr
    _set_child(tbl_pr, "w:tblW", {"w:w": "5000", "w:type": "pct"})
    _set_child(tbl_pr, "w:tblLook", {"w:val": "0420", "w:firstRow": "1", "w:lastRow": "0", "w:firstColumn": "0",
                                     "w:lastColumn": "0", "w:noHBand": "1", "w:noVBand": "1"})

    text_width = _text_width(document)
    if widths_cm and len(widths_cm) == columns and sum(widths_cm) > 0:
        total = sum(widths_cm)
        twips = [int(round(text_width * w / total)) for w in widths_cm]
        _set_child(tbl_pr, "w:tblLayout", {"w:type": "fixed"})
    else:
        twips = [text_width // columns] * columns
    for grid_col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), twips):
        grid_col.set(qn("w:w"), str(width))

    all_rows = ([header] if header else []) + list(rows)
    justify = [_JUSTIFY.get(a or "") for a in list(align or []) + [None] * columns]
    style_ids = {name: S.style_id(table, name) for name in (S.TABLE_HEADING, S.TABLE_TEXT)}
    # Each cell is written straight into the XML that python-docx made for it (a w:tc holding its w:tcPr
    # with a w:tcW, and an empty w:p): the same elements, in schema order, as setting cell.width,
    # paragraph.style and paragraph.alignment, without their look-ups on every cell of a long table.
    for r, (tr, values) in enumerate(zip(table._tbl.tr_lst, all_rows)):
        is_header = bool(header) and r == 0
        tr_pr = tr.get_or_add_trPr()
        etree.SubElement(tr_pr, qn("w:cantSplit"))
        if is_header:
            etree.SubElement(tr_pr, qn("w:tblHeader"))
        style = style_ids[S.TABLE_HEADING if is_header else S.TABLE_TEXT]
        values = list(values) + [None] * (columns - len(values))
        for c, (tc, value) in enumerate(zip(tr.tc_lst, values)):
            tc.get_or_add_tcPr().get_or_add_tcW().set(qn("w:w"), str(twips[c]))
            p = tc.p_lst[0]
            p_pr = OxmlElement("w:pPr")
            etree.SubElement(p_pr, qn("w:pStyle")).set(qn("w:val"), style)
            if jc := justify[c]:
                etree.SubElement(p_pr, qn("w:jc")).set(qn("w:val"), jc)
            p.insert(0, p_pr)
            if value:
                fill(Paragraph(p, _Cell(tc, table)), value)
    return table


_JUSTIFY = {"left": "left", "center": "center", "right": "right"}   # align -> w:jc


def _set_child(parent: Element, tag: str, attributes: dict[str, str]) -> None:
    """Set attributes on parent's child ``tag``, creating it in schema order if missing."""
    child = parent.find(qn(tag))
    if child is None:
        child = etree.Element(qn(tag))
        order = ["w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
                 "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
                 "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"]
        later = order[order.index(tag) + 1:]
        successor = next((el for el in parent if any(el.tag == qn(t) for t in later)), None)
        if successor is not None:
            successor.addprevious(child)
        else:
            parent.append(child)
    for key, value in attributes.items():
        child.set(qn(key), value)


def _text_width(document: Document) -> int:
    """Text width in twips of the last section of the document the part belongs to (the template's for
    a Subdoc, whose own section is python-docx's default one)."""
    try:
        section = document.part.document.sections[-1]
        width = section.page_width - section.left_margin - section.right_margin
        return int(width / 635)          # EMU -> twips
    except Exception:  # noqa: BLE001 - a document without page set-up: A4 with 2 cm margins
        return int(Cm(17) / 635)


def _docx(document: DocumentLike) -> Document:
    """The python-docx Document behind a docxtpl Subdoc, or the document itself."""
    return cast(Document, getattr(document, "subdocx", document))
