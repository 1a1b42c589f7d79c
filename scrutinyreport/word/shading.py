"""RAG table cells: the word, in a shaded cell whose text keeps at least 4.5:1 contrast.

The word is always there, so colour is never the only signal (white on dark red and dark green, black on
amber); "No target" and "No data" cells are left unshaded.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor
from docx.table import _Cell

from ..analysis.rag import Rag

RAG_COLOURS: dict[Rag, tuple[str, str]] = {
    Rag.GREEN: ("00703C", "FFFFFF"),
    Rag.AMBER: ("FFBF00", "000000"),
    Rag.RED: ("B00020", "FFFFFF"),
}


def shade(cell: _Cell, rag: Rag) -> None:
    """Shade a RAG cell and colour its text (bold) to keep the contrast."""
    if rag not in RAG_COLOURS:
        return
    fill_cell(cell, *RAG_COLOURS[rag])


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
