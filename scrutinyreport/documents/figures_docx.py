"""Placing a figure in a Word document: the picture with its alt text, and a numbered caption.

Captions number themselves with Word's SEQ field (as Insert Caption does), so they renumber when a
reviewer adds or removes a figure; the number computed here is the field's cached result.
"""

from __future__ import annotations

import io
from typing import Protocol

from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.text.paragraph import Paragraph


class Picture(Protocol):
    name: str
    png: bytes
    alt_text: str


def add_picture(document: WordDocument, figure: Picture, width_cm: float, style: str | None = None) -> Paragraph:
    """A paragraph holding the picture, its alt text in the picture's description (Word's Alt Text box)."""
    paragraph = document.add_paragraph(style=style)
    run = paragraph.add_run()
    shape = run.add_picture(io.BytesIO(figure.png), width=Cm(width_cm))
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", figure.alt_text)
    doc_pr.set("name", figure.name)
    return paragraph


def add_caption(document: WordDocument, number: int, text: str, label: str = "Figure",
                style: str = "Caption") -> Paragraph:
    """'Figure 3: text', the number a SEQ field so Word renumbers it."""
    paragraph = document.add_paragraph(style=style)
    paragraph.add_run(f"{label} ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" SEQ {label} \\* ARABIC ")
    result = OxmlElement("w:r")
    result_text = OxmlElement("w:t")
    result_text.text = str(number)
    result.append(result_text)
    field.append(result)
    paragraph._p.append(field)
    paragraph.add_run(f": {text}")
    return paragraph
