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

from .styles import FIGURE, add_paragraph


class Picture(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def png(self) -> bytes: ...
    @property
    def alt_text(self) -> str: ...


def place_picture(paragraph: Paragraph, figure: Picture, width_cm: float) -> None:
    """Append the picture to a paragraph, its alt text in the picture's description (Word's Alt Text box)."""
    shape = paragraph.add_run().add_picture(io.BytesIO(figure.png), width=Cm(width_cm))
    for side in ("distT", "distB", "distL", "distR"):   # no gap around it, as Word draws inline pictures
        shape._inline.set(side, "0")
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", figure.alt_text)
    doc_pr.set("name", figure.name)


def add_picture(document: WordDocument, figure: Picture, width_cm: float, style: str = FIGURE) -> Paragraph:
    """A new paragraph (in the Figure style: kept with the caption that follows) holding the picture."""
    paragraph = add_paragraph(document, style=style)
    place_picture(paragraph, figure, width_cm)
    return paragraph


def _caption_runs(paragraph: Paragraph, number: int, text: str, label: str) -> None:
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


def add_caption(document: WordDocument, number: int, text: str, label: str = "Figure",
                style: str = "Caption") -> Paragraph:
    """'Figure 3: text', the number a SEQ field so Word renumbers it."""
    return add_captions(document, [(number, text)], label, style)


def add_captions(document: WordDocument, items: list[tuple[int, str]], label: str = "Figure",
                 style: str = "Caption") -> Paragraph:
    """Several captions in one paragraph, for figures placed side by side: 'Figure 5: ... Figure 6: ...'.
    The caption goes below its figure and ends the block, so it does not keep with the next paragraph
    (a chain of kept paragraphs across a whole chapter would defeat page breaking)."""
    paragraph = add_paragraph(document, style=style)
    paragraph.paragraph_format.keep_with_next = False
    for index, (number, text) in enumerate(items):
        if index:
            paragraph.add_run(" ")
        _caption_runs(paragraph, number, text, label)
    return paragraph
