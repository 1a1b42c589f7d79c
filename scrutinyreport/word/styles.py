"""Names of the styles the report templates define (Word's user-interface names).

All formatting of generated documents lives in these named styles, so a council restyles its papers in
Word (Home > Styles > Modify) without touching Python. Code refers to styles only through these names.
"""

from __future__ import annotations

from typing import Any, cast

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.oxml.text.paragraph import CT_P
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

# Paragraph styles: title block
TITLE = "Title"
TITLE_BLOCK = "Title Block"          # committee name and meeting date above the report title
REPORT_DETAILS = "Report Details"    # "Report of:" <tab> name, role (hanging indent, one tab stop)

# Paragraph styles: headings (real heading styles, outline levels 0..2) and the numbered paragraphs
HEADING_1 = "Heading 1"
HEADING_2 = "Heading 2"
HEADING_3 = "Heading 3"
HEADING_1_UNNUMBERED = "Heading 1 Unnumbered"  # "Recommendations": a level-1 heading outside the section list
NUMBERED_PARAGRAPH_1 = "Numbered Paragraph 1"  # 1.1   (a paragraph under a level-1 heading)
NUMBERED_PARAGRAPH_2 = "Numbered Paragraph 2"  # 4.2.1 (under a level-2 heading)
NUMBERED_PARAGRAPH_3 = "Numbered Paragraph 3"  # 4.2.3i (under a level-3 heading)

# Paragraph styles: running text, lists, recommendations, tables
BODY_TEXT = "Body Text"
LIST_BULLET = "List Bullet"
LIST_BULLET_2 = "List Bullet 2"
LIST_NUMBER = "List Number"
LIST_NUMBER_2 = "List Number 2"
RECOMMENDATION = "Recommendation"
TABLE_TEXT = "Table Text"
TABLE_HEADING = "Table Heading"
TABLE_NOTE = "Table Note"            # a note under a table cell's text, such as a dashboard row's analysis
CAPTION = "Caption"
FIGURE = "Figure"                    # the paragraph holding a picture: single spacing, kept with its caption
HEADER = "Header"
FOOTER = "Footer"

# Character styles
LABEL = "Label"                      # bold label such as "Report of:"
HYPERLINK = "Hyperlink"

# Table style
TABLE_GRID = "Table Grid"

HEADINGS = (HEADING_1, HEADING_2, HEADING_3)
NUMBERED_PARAGRAPHS = (NUMBERED_PARAGRAPH_1, NUMBERED_PARAGRAPH_2, NUMBERED_PARAGRAPH_3)
BULLETS = (LIST_BULLET, LIST_BULLET_2)
NUMBERS = (LIST_NUMBER, LIST_NUMBER_2)

PARAGRAPH_STYLES = (
    TITLE, TITLE_BLOCK, REPORT_DETAILS, *HEADINGS, HEADING_1_UNNUMBERED, *NUMBERED_PARAGRAPHS, BODY_TEXT,
    *BULLETS, *NUMBERS, RECOMMENDATION, TABLE_TEXT, TABLE_HEADING, TABLE_NOTE, FIGURE, CAPTION, HEADER, FOOTER,
)
CHARACTER_STYLES = (LABEL, HYPERLINK)
TABLE_STYLES = (TABLE_GRID,)


def heading_style(level: int) -> str:
    """The heading style for a Markdown heading level (1..3; deeper levels use Heading 3)."""
    if level < 1:
        raise ValueError(f"heading level must be 1 or more, not {level}")
    return HEADINGS[min(level, 3) - 1]


def paragraph_style(depth: int) -> str:
    """The style of a paragraph under a heading of ``depth`` (0: before any heading, Body Text)."""
    if depth < 0:
        raise ValueError(f"depth must be 0 or more, not {depth}")
    return BODY_TEXT if depth == 0 else NUMBERED_PARAGRAPHS[min(depth, 3) - 1]


# Applying styles. python-docx resolves a style name by scanning every style (twice) on each assignment,
# which dominated rendering time; these resolve each name once per document part and set the id directly.

def style_id(element: Any, name: str) -> str:
    """The styleId of a named style of the document that element (a document, paragraph or run) belongs to;
    KeyError when the template lacks it."""
    part = element.part
    cache: dict[str, str] = part.__dict__.setdefault("_style_ids_by_name", {})
    if name not in cache:
        cache[name] = part.styles[name].style_id
    return cache[name]


def append_to_body(document: Document, block: Any) -> None:
    """Put a block (w:p, w:tbl) at the end of a document's body, before the body's closing w:sectPr, in a
    constant time. python-docx looks for the w:sectPr among all the body's children on every insertion, so a
    document of n paragraphs took time growing as n squared (the region's summary of 300,000 listed risks
    would have taken hours)."""
    body = document.element.body
    try:
        last = body[-1]   # lxml walks back from the last child: no scan of the others
    except IndexError:
        last = None
    if last is not None and last.tag == qn("w:sectPr"):
        last.addprevious(block)
    else:
        body.append(block)


def add_paragraph(document: Any, text: str = "", style: str | None = None) -> Paragraph:
    """document.add_paragraph(text, style), with the style resolved once per document, and (for a whole
    document, not a table cell) added in constant time (``append_to_body``)."""
    if isinstance(document, Document):
        element = cast(CT_P, OxmlElement("w:p"))   # python-docx's own class for w:p, as its parser makes it
        append_to_body(document, element)
        paragraph = Paragraph(element, document._body)
        if text:
            paragraph.add_run(text)
    else:
        paragraph = document.add_paragraph(text)
    if style:
        set_paragraph_style(paragraph, style)
    return paragraph


def add_table(document: Document, rows: int, cols: int) -> Table:
    """document.add_table(rows, cols), added in constant time (``append_to_body``)."""
    element = CT_Tbl.new_tbl(rows, cols, document._block_width)
    append_to_body(document, element)
    table = Table(element, document._body)
    table.style = None
    return table


def set_paragraph_style(paragraph: Paragraph, style: str) -> None:
    paragraph._p.get_or_add_pPr().style = style_id(paragraph, style)


def set_run_style(run: Run, style: str) -> None:
    run._r.get_or_add_rPr().style = style_id(run, style)
