"""Placing pictures in Word documents: the same document as python-docx's add_picture gives, one image part
per distinct picture (every icon of a kind shares one), and no re-hashing of the pictures already placed."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

import docx
from docx.parts.image import ImagePart
from docx.shared import Cm
from PIL import Image

from scrutinyreport.analysis.spc import Assurance, Variation
from scrutinyreport.content.charts import assurance_icon, variation_icon
from scrutinyreport.figures.draw import draw
from scrutinyreport.word.pictures import place_picture


@dataclass(frozen=True)
class Png:
    name: str
    png: bytes
    alt_text: str


def png(colour: tuple[int, int, int], size: tuple[int, int] = (120, 80)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG", dpi=(200, 200))
    return buffer.getvalue()


def pictures() -> list[Png]:
    """Charts that differ and icons that repeat, as in a dashboard."""
    icons = [draw(variation_icon(Variation.COMMON_CAUSE)), draw(assurance_icon(Assurance.HIT_AND_MISS))]
    items = []
    for i in range(12):
        items.append(Png(f"chart-{i}", png((i * 20, 90, 200 - i * 10), (120 + i, 80)), f"Chart {i}."))
        icon = icons[i % 2]
        items.append(Png(f"icon-{i}", icon.png, icon.alt_text))
    return items


def parts(document) -> dict[str, bytes]:
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_placing_gives_the_same_document_as_python_docx():
    ours, theirs = docx.Document(), docx.Document()
    for item in pictures():
        place_picture(ours.add_paragraph(), item, 3.0)
        shape = theirs.add_paragraph().add_run().add_picture(io.BytesIO(item.png), width=Cm(3.0))
        for side in ("distT", "distB", "distL", "distR"):
            shape._inline.set(side, "0")
        shape._inline.docPr.set("descr", item.alt_text)
        shape._inline.docPr.set("name", item.name)
    assert parts(ours) == parts(theirs)


def test_one_image_part_per_distinct_picture_and_icons_share_theirs():
    document = docx.Document()
    for item in pictures():
        place_picture(document.add_paragraph(), item, 3.0)
    media = sorted(name for name in parts(document) if name.startswith("word/media/"))
    assert len(media) == 12 + 2
    xml = document.element.xml
    assert xml.count("<pic:pic") == 24
    rels = [rel for rel in document.part.rels.values() if rel.reltype.endswith("/image")]
    assert len(rels) == 14


def test_pictures_already_placed_are_not_hashed_again(monkeypatch):
    document = docx.Document()
    document.add_paragraph().add_run().add_picture(io.BytesIO(png((1, 2, 3))))  # one placed before, the plain way
    hashed = []
    real = ImagePart.sha1

    def counting(self):
        hashed.append(self.partname)
        return real.fget(self)

    monkeypatch.setattr(ImagePart, "sha1", property(counting))
    for item in pictures() * 3:
        place_picture(document.add_paragraph(), item, 3.0)
    assert hashed == ["/word/media/image1.png"]   # indexed once, when the first picture was placed
