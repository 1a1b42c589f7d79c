"""Placing a figure in a Word document: the picture with its alt text, and a numbered caption.

Captions number themselves with Word's SEQ field (as Insert Caption does), so they renumber when a
reviewer adds or removes a figure; the number computed here is the field's cached result.
"""

from __future__ import annotations

import hashlib
import weakref
from typing import Any, Protocol

from docx.document import Document as WordDocument
from docx.image.image import Image
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.shape import CT_Inline
from docx.parts.image import ImagePart
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


class _PackageImages:
    """A package's image parts by the SHA-1 of their bytes, indexed once. python-docx's own look-up hashes
    every image already in the package for each new one (a document of n pictures costs n squared hashes);
    this gives the same parts, names and sharing (identical bytes, such as every icon of one kind, share one
    part) for one hash per picture."""

    def __init__(self, package: Any):
        self.package = package
        self.parts = {part.sha1: (part, part.image) for part in package.image_parts}
        self.used = {part.partname.idx for part in package.image_parts}
        self.count = len(package.image_parts)
        self.next_number = 1

    def get_or_add(self, png: bytes) -> tuple[ImagePart, Image]:
        digest = hashlib.sha1(png).hexdigest()
        found = self.parts.get(digest)
        if found is None:
            image = Image.from_blob(png)
            while self.next_number in self.used:   # the lowest free number, as python-docx names parts
                self.next_number += 1
            part = ImagePart.from_image(image, PackURI(f"/word/media/image{self.next_number}.{image.ext}"))
            self.package.image_parts.append(part)
            self.used.add(self.next_number)
            self.count += 1
            found = self.parts[digest] = (part, image)
        return found


class _PartPictures:
    """One story part's image relationships by target, and the next shape id (python-docx finds both by
    scanning every relationship and the whole document for each picture)."""

    def __init__(self, part: Any):
        self.part = part
        self.rel_ids = {rel.target_part: rel.rId for rel in part.rels.values()
                        if rel.reltype == RT.IMAGE and not rel.is_external}
        self.next_rel = 1
        self.next_shape = part.next_id

    def rel_id(self, image_part: ImagePart) -> str:
        rel_id = self.rel_ids.get(image_part)
        if rel_id is None:
            rel_id = self.rel_ids[image_part] = self.relate(RT.IMAGE, image_part)
        return rel_id

    def relate(self, reltype: str, target: Any) -> str:
        """A new relationship from the part to ``target``, under the lowest free id (as python-docx numbers
        them)."""
        while f"rId{self.next_rel}" in self.part.rels:
            self.next_rel += 1
        rel_id = f"rId{self.next_rel}"
        self.part.rels.add_relationship(reltype, target, rel_id)
        return rel_id


_PACKAGES: weakref.WeakKeyDictionary[Any, _PackageImages] = weakref.WeakKeyDictionary()
_PARTS: weakref.WeakKeyDictionary[Any, _PartPictures] = weakref.WeakKeyDictionary()


def _indexes(part: Any) -> tuple[_PackageImages, _PartPictures]:
    package = part.package
    images = _PACKAGES.get(package)
    if images is None or len(package.image_parts) != images.count:   # built, and no picture added elsewhere
        images = _PACKAGES[package] = _PackageImages(package)
    pictures = _PARTS.get(part)
    if pictures is None:
        pictures = _PARTS[part] = _PartPictures(part)
    return images, pictures


def place_picture(paragraph: Paragraph, figure: Picture, width_cm: float) -> None:
    """Append the picture to a paragraph, its alt text in the picture's description (Word's Alt Text box).
    The same as python-docx's ``Run.add_picture`` (the same parts, relationships and XML), through indexes
    kept per document, so placing a picture costs the same however many the document already holds."""
    part = paragraph.part
    images, pictures = _indexes(part)
    image_part, image = images.get_or_add(figure.png)
    width, height = image.scaled_dimensions(Cm(width_cm), None)
    inline = CT_Inline.new_pic_inline(pictures.next_shape, pictures.rel_id(image_part), image.filename, width,
                                      height)
    pictures.next_shape += 1
    paragraph.add_run()._r.add_drawing(inline)
    for side in ("distT", "distB", "distL", "distR"):   # no gap around it, as Word draws inline pictures
        inline.set(side, "0")
    doc_pr = inline.docPr
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
                style: str = "Caption", note: str = "") -> Paragraph:
    """'Figure 3: text', the number a SEQ field so Word renumbers it; ``note`` follows in plain type."""
    return add_captions(document, [(number, text)], label, style, [note])


def add_captions(document: WordDocument, items: list[tuple[int, str]], label: str = "Figure",
                 style: str = "Caption", notes: list[str] | None = None) -> Paragraph:
    """Several captions in one paragraph, for figures placed side by side: 'Figure 5: ... Figure 6: ...'.
    The caption goes below its figure and ends the block, so it does not keep with the next paragraph
    (a chain of kept paragraphs across a whole chapter would defeat page breaking); its lines are kept
    together, so that the figure (kept with its caption) and the whole caption share a page. ``notes``, one per
    caption ('' for none), follow each caption's text in plain (not bold) type: what a native chart does not
    print itself, such as its subtitle."""
    paragraph = add_paragraph(document, style=style)
    paragraph.paragraph_format.keep_with_next = False
    paragraph.paragraph_format.keep_together = True
    for index, ((number, text), note) in enumerate(zip(items, notes or [""] * len(items))):
        if index:
            paragraph.add_run(" ")
        _caption_runs(paragraph, number, text, label)
        if note:
            paragraph.add_run((" " if text.endswith(".") else ". ") + note).bold = False
    return paragraph
