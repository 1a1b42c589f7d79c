"""Accessibility marks of any Word document (Public Sector Bodies Accessibility Regulations, GOV.UK guidance).

Reads the .docx parts directly, so it checks what a reviewer saved, not what we meant to write: images
without alt text, headings out of order, tables without a repeating header row or with merged cells,
no title, no language, and text in shaded cells below 4.5:1 contrast.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..content.contrast import contrast_ratio
from ..errors import UnreadableDocument
from .package import Package

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W, "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "dc": "http://purl.org/dc/elements/1.1/",
      "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"}
MINIMUM_CONTRAST = 4.5
_HEADING_NAME = re.compile(r"^heading ([1-9])$", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """One accessibility problem, located well enough for a reviewer to find it in Word."""

    file: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.message}"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _whole(text: str | None, default: int) -> int:
    """A whole-number attribute (a level, a span), or the default where a damaged document has something else."""
    try:
        return int(text or default)
    except ValueError:
        return default


def _heading_levels(styles: etree._Element | None) -> dict[str | None, int]:
    """styleId -> heading level (1-based), from the built-in names or an outline level."""
    levels: dict[str | None, int] = {}
    if styles is None:
        return levels
    for style in styles.iterfind("w:style[@w:type='paragraph']", NS):
        style_id = style.get(_w("styleId"))
        name = style.find("w:name", NS)
        match = _HEADING_NAME.match((name.get(_w("val")) or "") if name is not None else "")
        outline = style.find("w:pPr/w:outlineLvl", NS)
        if match:
            levels[style_id] = int(match.group(1))
        elif outline is not None and 0 <= _whole(outline.get(_w("val")), 9) < 9:
            levels[style_id] = _whole(outline.get(_w("val")), 9) + 1
    return levels


def _text(element: etree._Element) -> str:
    return "".join(element.itertext()).strip()  # type: ignore[arg-type]  # text of parsed XML is str


def _short(text: str) -> str:
    return text if len(text) <= 50 else text[:47] + "..."


def _check_images(body: etree._Element, label: str) -> list[Finding]:
    findings = []
    for number, doc_pr in enumerate(body.iterfind(".//wp:docPr", NS), start=1):
        if not (doc_pr.get("descr") or "").strip():
            findings.append(Finding(label, f"image {number} ({doc_pr.get('name', 'unnamed')})",
                                    "has no alt text: right-click > Edit Alt Text and describe what it shows"))
    return findings


def _check_headings(body: etree._Element, levels: dict[str | None, int], label: str) -> list[Finding]:
    findings, previous = [], 0
    for paragraph in body.iter(_w("p")):
        style = paragraph.find("w:pPr/w:pStyle", NS)
        level = levels.get(style.get(_w("val")) if style is not None else "", 0)
        if level and level > previous + 1:
            findings.append(Finding(label, f"heading {_short(_text(paragraph))!r}",
                                    f"is level {level} after level {previous}: headings must not skip a level"))
        if level:
            previous = level
    return findings


def _check_tables(body: etree._Element, label: str) -> list[Finding]:
    findings = []
    for number, table in enumerate(body.iter(_w("tbl")), start=1):
        rows = table.findall("w:tr", NS)
        first = _short(_text(rows[0])) if rows else ""
        where = f"table {number} ({first!r})"
        if not rows or rows[0].find("w:trPr/w:tblHeader", NS) is None:
            findings.append(Finding(label, where, "has no header row marked to repeat (Table Properties > Row > "
                                                  "Repeat as header row at the top of each page)"))
        if table.find(".//w:tcPr/w:vMerge", NS) is not None or any(
                _whole(span.get(_w("val")), 1) > 1 for span in table.iterfind(".//w:tcPr/w:gridSpan", NS)):
            findings.append(Finding(label, where, "has merged cells, which screen readers cannot follow"))
    return findings


_HEX = re.compile(r"[0-9A-Fa-f]{6}")


class _StyleColours:
    """Text colours and table shading that styles give, following basedOn (direct formatting wins)."""

    def __init__(self, styles: etree._Element | None):
        self.by_id = {s.get(_w("styleId")): s for s in styles.iterfind("w:style", NS)} if styles is not None else {}
        default = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:color", NS) if styles is not None else None
        self.default_colour = _colour(default) or "000000"

    def _chain(self, style_id: str | None) -> Iterator[etree._Element]:
        seen: set[str] = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            yield self.by_id[style_id]
            based_on = self.by_id[style_id].find("w:basedOn", NS)
            style_id = based_on.get(_w("val")) if based_on is not None else None

    def colour(self, style_id: str | None) -> str | None:
        for style in self._chain(style_id):
            found = _colour(style.find("w:rPr/w:color", NS))
            if found:
                return found
        return None

    def table_fill(self, table_style: str | None, first_row: bool) -> str | None:
        for style in self._chain(table_style):
            if first_row:
                for conditional in style.iterfind("w:tblStylePr[@w:type='firstRow']", NS):
                    fill = _fill(conditional.find("w:tcPr/w:shd", NS))
                    if fill:
                        return fill
            fill = _fill(style.find("w:tcPr/w:shd", NS))
            if fill:
                return fill
        return None


def _colour(element: etree._Element | None) -> str | None:
    value = element.get(_w("val"), "") if element is not None else ""
    return value if _HEX.fullmatch(value) else None


def _fill(element: etree._Element | None) -> str | None:
    value = element.get(_w("fill"), "") if element is not None else ""
    return value if _HEX.fullmatch(value) else None


def _style_of(element: etree._Element, path: str) -> str | None:
    found = element.find(path, NS)
    return found.get(_w("val")) if found is not None else None


def _check_contrast(body: etree._Element, styles: etree._Element | None, label: str) -> list[Finding]:
    """Text in shaded cells, shading and colour taken from direct formatting or from the styles."""
    findings = []
    colours = _StyleColours(styles)
    for table in body.iter(_w("tbl")):
        table_style = _style_of(table, "w:tblPr/w:tblStyle")
        for row_number, row in enumerate(table.iterfind("w:tr", NS)):
            for cell in row.iterfind("w:tc", NS):
                fill = _fill(cell.find("w:tcPr/w:shd", NS)) or colours.table_fill(table_style, row_number == 0)
                if fill is None:
                    continue
                for paragraph in cell.iter(_w("p")):
                    paragraph_colour = colours.colour(_style_of(paragraph, "w:pPr/w:pStyle"))
                    for run in paragraph.iter(_w("r")):
                        foreground = (_colour(run.find("w:rPr/w:color", NS))
                                      or colours.colour(_style_of(run, "w:rPr/w:rStyle"))
                                      or paragraph_colour or colours.default_colour)
                        ratio = contrast_ratio(foreground, fill)
                        if _text(run) and ratio < MINIMUM_CONTRAST:
                            findings.append(Finding(label, f"cell {_short(_text(cell))!r}",
                                                    f"text contrast {ratio:.1f}:1 on its shading is below 4.5:1"))
                            break
                    else:
                        continue
                    break
    return findings


def _check_properties(package: Package, styles: etree._Element | None, label: str) -> list[Finding]:
    findings = []
    core = package.xml("docProps/core.xml")
    title = core.findtext("dc:title", default="", namespaces=NS).strip() if core is not None else ""
    if not title:
        findings.append(Finding(label, "document properties", "has no title (File > Info > Title)"))
    language = core.findtext("dc:language", default="", namespaces=NS).strip() if core is not None else ""
    default_lang = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS) if styles is not None else None
    if not language and (default_lang is None or not default_lang.get(_w("val"))):
        findings.append(Finding(label, "document properties", "has no language (Review > Language)"))
    return findings


def _unreadable(error: UnreadableDocument, label: str) -> list[Finding]:
    """A document that cannot be read safely, as one finding (its message without the file's name)."""
    message = str(error)
    return [Finding(label, "file", message[len(label) + 2:] if message.startswith(f"{label}: ") else message)]


def check_document(path: Path) -> list[Finding]:
    """Every accessibility problem found in one .docx file (a file that cannot be read safely is one finding
    saying why)."""
    try:
        package = Package.open(path)
    except UnreadableDocument as error:
        return _unreadable(error, str(path))
    return _check_package(package, str(path))


def check_document_bytes(data: bytes, label: str) -> list[Finding]:
    """Every accessibility problem found in the bytes of a .docx this program has just generated (read without
    the limits on a document from outside); label names it in findings."""
    try:
        package = Package.from_bytes(data, label, bounded=False)
    except UnreadableDocument as error:
        return _unreadable(error, label)
    return _check_package(package, label)


def _check_package(package: Package, label: str) -> list[Finding]:
    try:
        body = package.xml("word/document.xml")
        if body is None:
            return [Finding(label, "file", "not a Word document (.docx): it has no word/document.xml")]
        styles = package.xml("word/styles.xml")
        return (_check_properties(package, styles, label) + _check_images(body, label)
                + _check_headings(body, _heading_levels(styles), label) + _check_tables(body, label)
                + _check_contrast(body, styles, label))
    except UnreadableDocument as error:
        return _unreadable(error, label)
