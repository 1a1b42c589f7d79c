"""RAG table cells: the word, in a shaded cell whose text keeps at least 4.5:1 contrast.

The word is always there, so colour is never the only signal (white on dark red and dark green, black on
amber); "No target" and "No data" cells are left unshaded.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor
from docx.table import _Cell

from ..content.blocks import Shade

RAG_COLOURS: dict[str, tuple[str, str]] = {       # fill and text colour, by the word in the cell
    Shade.GREEN: ("00703C", "FFFFFF"),
    Shade.AMBER: ("FFBF00", "000000"),
    Shade.RED: ("B00020", "FFFFFF"),
}


def shade(cell: _Cell, word: str) -> None:
    """Shade a RAG cell ('Green', 'Amber', 'Red': the word it holds) and colour its text (bold) to keep the
    contrast; any other word ('No target', 'No data') is left unshaded."""
    if word not in RAG_COLOURS:
        return
    fill_cell(cell, *RAG_COLOURS[word])


def fill_cell(cell: _Cell, fill: str, text: str) -> None:
    """Shade a cell with fill ('RRGGBB') and make its text that colour, bold: the caller picks a pair with
    at least 4.5:1 contrast."""
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)
    for paragraph in cell.paragraphs:
        for run in paragraph.runs:
            run.font.color.rgb = RGBColor.from_string(text)
            run.font.bold = True
