"""A reviewed .docx read into blocks: tracked changes resolved, comments with the text they are anchored
to, and the record the document carries (if its editor kept it).

Paragraphs are classified by their style's name (not its id, which LibreOffice renames: "Body Text" is
"BodyText" in Word and "TextBody" in LibreOffice).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UnreadableDocument
from .blocks import BULLET, HEADING, NUMBER, PARAGRAPH, RECOMMENDATION, TABLE, Block, Span, block_texts, normalise
from .list_numbers import paragraph_numbers
from .package import Package
from .records import read_embedded_record
from .tracked_changes import Element, TrackedChange, list_changes, resolve, w

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
TYPED = "{urn:scrutinyreport:reading}typed"     # set on the runs of a tracked insertion while reading
FRONT, FIXED_HEADING = "front", "fixed-heading"
FALSE = ("0", "false", "off", "none")


@dataclass(frozen=True)
class Comment:
    id: str
    author: str
    date: str
    text: str
    anchored: str
    section: str
    parent: str | None = None      # the id of the comment this one replies to
    where: str = ""                # the section's number (or heading) and the paragraph's first words


@dataclass
class ReviewedDocument:
    path: Path
    blocks: list[Block]
    sections_of_blocks: list[str]          # the Heading 1 each block sits under ("" before the first)
    comments: list[Comment] = field(default_factory=list)
    changes: list[TrackedChange] = field(default_factory=list)
    record: dict[str, Any] | None = None
    record_id: str | None = None
    record_part: str | None = None     # the part the record was read from (customXml/item1.xml)


def _style_names(styles: Element | None) -> tuple[dict[str, str], str]:
    """styleId -> name (lower case, no spaces) for every style, and the default paragraph style's name."""
    names: dict[str, str] = {}
    default = "normal"
    if styles is None:
        return names, default
    for style in styles.iter(w("style")):
        name_element = style.find(w("name"))
        name = (name_element.get(w("val")) if name_element is not None else style.get(w("styleId"))) or ""
        names[style.get(w("styleId"), "")] = name.lower().replace(" ", "")
        if style.get(w("type")) == "paragraph" and style.get(w("default")) in ("1", "true"):
            default = names[style.get(w("styleId"), "")]
    return names, default


def _field_link(instruction: str) -> str | None:
    """The address of a HYPERLINK field ('HYPERLINK "https://..."'); None for other fields and bookmarks."""
    words = instruction.strip().split(None, 1)
    if len(words) < 2 or words[0].upper() != "HYPERLINK" or words[1].lstrip().startswith("\\l"):
        return None
    address = words[1].strip()
    return address.split('"')[1] if address.startswith('"') and address.count('"') >= 2 else address.split()[0]


def _on(properties: Element, tag: str) -> bool:
    element = properties.find(w(tag)) if properties is not None else None
    return element is not None and element.get(w("val"), "true").lower() not in FALSE


class _Reader:
    def __init__(self, package: Package):
        self.styles_part = package.xml("word/styles.xml")
        self.styles, self.default_style = _style_names(self.styles_part)
        self.links: dict[str, str] = {}
        relationships = package.xml("word/_rels/document.xml.rels")
        for relationship in relationships if relationships is not None else []:
            if relationship.get("TargetMode") == "External":
                self.links[relationship.get("Id", "")] = relationship.get("Target", "")

    def style(self, paragraph: Element) -> str:
        properties = paragraph.find(w("pPr"))
        style = properties.find(w("pStyle")) if properties is not None else None
        return self.styles.get(style.get(w("val")), "") if style is not None else self.default_style

    def spans(self, paragraph: Element) -> list[Span]:
        spans = []
        field_code: list[str] | None = None     # a complex field's instruction being read
        field_link: str | None = None           # a HYPERLINK field's address, while its result is read
        for run in paragraph.iter(w("r")):
            if next(run.iterancestors(w("p")), None) is not paragraph:
                continue                        # a text box's run: its paragraphs are read on their own
            mark = run.find(w("fldChar"))
            if mark is not None:
                kind = mark.get(w("fldCharType"))
                if kind == "begin":
                    field_code, field_link = [], None
                elif kind == "separate" and field_code is not None:
                    field_link, field_code = _field_link("".join(field_code)), None
                elif kind == "end":
                    field_code, field_link = None, None
                continue
            if field_code is not None:
                field_code += [t.text or "" for t in run.iter(w("instrText"))]
                continue
            link = next((a for a in run.iterancestors(w("hyperlink"))), None)
            href = self.links.get(link.get(f"{{{R}}}id", "")) if link is not None else None
            simple = next((a for a in run.iterancestors(w("fldSimple"))), None)
            href = href or field_link or (_field_link(simple.get(w("instr"), "")) if simple is not None else None)
            properties = run.find(w("rPr"))
            character = properties.find(w("rStyle")) if properties is not None else None
            character_style = self.styles.get(character.get(w("val")), "") if character is not None else ""
            bold = _on(properties, "b") or character_style == "strong"
            italic = _on(properties, "i") or character_style == "emphasis"
            text = []
            for child in run:
                if child.tag == w("t"):
                    text.append(child.text or "")
                elif child.tag == w("tab"):
                    text.append("\t")
                elif child.tag in (w("br"), w("cr")) and child.get(w("type")) in (None, "textWrapping"):
                    text.append("\n")
                elif child.tag == w("noBreakHyphen"):
                    text.append("-")
            spans.append(Span("".join(text), bold, italic, href or None, run.get(TYPED) == "1"))
        return spans

    def paragraph(self, paragraph: Element) -> tuple[Block, str]:
        style = self.style(paragraph)
        spans = normalise(self.spans(paragraph))
        if style == "heading1unnumbered":
            return Block(FIXED_HEADING, spans), style
        if style.startswith("heading") and style[7:].isdigit():
            return Block(HEADING, spans, min(int(style[7:]), 3)), style
        if style == "recommendation":
            return Block(RECOMMENDATION, spans), style
        for prefix, kind in (("listbullet", BULLET), ("listnumber", NUMBER)):
            if style.startswith(prefix) and (style == prefix or style[len(prefix):].isdigit()):
                return Block(kind, spans, 1 if style == prefix else 2), style
        if style == "listparagraph":
            level = paragraph.find(f"{w('pPr')}/{w('numPr')}/{w('ilvl')}")
            text = level.get(w("val"), "0") if level is not None else "0"
            depth = int(text) + 1 if text.isdigit() else 1
            return Block(BULLET, spans, min(depth, 2)), style
        if style in ("title", "titleblock", "reportdetails"):
            return Block(FRONT, spans), style
        return Block(PARAGRAPH, spans), style

    def table(self, table: Element) -> Block:
        rows = []
        for row in table.iter(w("tr")):
            cells = []
            for cell in row.findall(w("tc")):
                spans: list[Span] = []
                for number, paragraph in enumerate(p for top in cell.findall(w("p"))
                                                   for p in (top, *text_box_paragraphs(top))):
                    if number:
                        spans.append(Span("\n"))
                    spans.extend(self.spans(paragraph))
                cells.append(normalise(spans))
            rows.append(tuple(cells))
        return Block(TABLE, rows=tuple(rows))


def text_box_paragraphs(paragraph: Element) -> list[Element]:
    """The paragraphs of the text boxes anchored in a paragraph (a box's text is not the paragraph's own)."""
    found = []
    for box in paragraph.iter(w("txbxContent")):
        if next(box.iterancestors(w("txbxContent")), None) is None:
            found += [p for p in box.iter(w("p")) if next(p.iterancestors(w("txbxContent"))) is box]
    return found


def _one_alternative(body: Element) -> None:
    """Markup-compatibility alternatives (a text box drawn as DrawingML, with a VML copy as the fallback)
    read once: the first choice, its fallback dropped."""
    for alternative in list(body.iter(f"{{{MC}}}AlternateContent")):
        if alternative.find(f"{{{MC}}}Choice") is not None:
            for fallback in alternative.findall(f"{{{MC}}}Fallback"):
                alternative.remove(fallback)


def _mark_typed(body: Element) -> None:
    """Mark the runs of tracked insertions (not moves), before the changes are accepted."""
    for insertion in body.iter(w("ins")):
        for run in insertion.iter(w("r")):
            run.set(TYPED, "1")


def _unwrap_containers(body: Element) -> None:
    """Content controls, custom XML and smart tags hold ordinary content: read through them."""
    for tag in ("sdt", "customXml", "smartTag"):
        for element in list(body.iter(w(tag))):
            content = element.find(w("sdtContent")) if tag == "sdt" else element
            parent = element.getparent()
            index = parent.index(element)
            for child in list(content if content is not None else []):
                if child.tag not in (w("sdtPr"), w("sdtEndPr"), w("customXmlPr"), w("smartTagPr")):
                    parent.insert(index, child)
                    index += 1
            parent.remove(element)


W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"


def _first_words(paragraph: Element, count: int = 8) -> str:
    words = "".join(t.text or "" for t in paragraph.iter(w("t"), w("delText"))).split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def _locator(package: Package, body: Element, reader: _Reader) -> Callable[[Element], str]:
    """Where an element of the body stands, as a reviewer finds it in Word: the number Word shows for the
    section (the last numbered paragraph at or before it: 4.2.3i) or, in a document without numbers, the
    last heading's text; and the first words of its paragraph."""
    paragraphs = list(body.iter(w("p")))
    numbers = paragraph_numbers(paragraphs, package.xml("word/numbering.xml"), reader.styles_part)
    section: dict[Element, str] = {}
    current = ""
    for paragraph in paragraphs:
        if paragraph in numbers:
            current = numbers[paragraph]
        elif reader.style(paragraph).startswith("heading") and not numbers:
            current = "“" + " ".join(_first_words(paragraph, 12).split()) + "”"
        section[paragraph] = current

    def locate(element: Element) -> str:
        paragraph = element if element.tag == w("p") else next(element.iterancestors(w("p")), None)
        if paragraph is None:
            paragraph = next(element.itersiblings(w("p")), None)
        if paragraph is None or paragraph not in section:
            return ""
        first = _first_words(paragraph)
        place = section[paragraph]
        return f"{place}, “{first}”" if place and first else place or (f"“{first}”" if first else "")
    return locate


def _replies(package: Package, comments_part: Element) -> dict[str, str]:
    """comment id -> the id of the comment it replies to (Word threads replies in commentsExtended.xml, by
    the w14:paraId of each comment's last paragraph)."""
    extended = package.xml("word/commentsExtended.xml")
    if extended is None:
        return {}
    by_paragraph: dict[str, str] = {}
    for comment in comments_part.iter(w("comment")):
        paragraphs = comment.findall(f".//{w('p')}")
        if paragraphs and paragraphs[-1].get(f"{{{W14}}}paraId"):
            by_paragraph[paragraphs[-1].get(f"{{{W14}}}paraId")] = comment.get(w("id"), "")
    parents: dict[str, str] = {}
    for entry in extended.iter(f"{{{W15}}}commentEx"):
        child = by_paragraph.get(entry.get(f"{{{W15}}}paraId", ""))
        parent = by_paragraph.get(entry.get(f"{{{W15}}}paraIdParent", ""))
        if child is not None and parent is not None and child != parent:
            parents[child] = parent
    return parents


def _comment_places(body: Element, locate: Callable[[Element], str]) -> dict[str, str]:
    """comment id -> where it stands (its range's start, else its reference), before changes are resolved."""
    places: dict[str, str] = {}
    for element in body.iter(w("commentRangeStart"), w("commentReference")):
        places.setdefault(element.get(w("id"), ""), locate(element))
    return places


def _comments(package: Package, body: Element, section_of: Callable[[Element], str],
              places: dict[str, str]) -> list[Comment]:
    comments_part = package.xml("word/comments.xml")
    if comments_part is None:
        return []
    parents = _replies(package, comments_part)
    anchored: dict[str, list[str]] = {}
    open_ids: list[str] = []
    where: dict[str, str] = {}
    for element in body.iter():
        if element.tag == w("commentRangeStart"):
            comment_id = element.get(w("id"), "")
            open_ids.append(comment_id)
            anchored.setdefault(comment_id, [])
            where[comment_id] = section_of(element)
        elif element.tag == w("commentRangeEnd"):
            comment_id = element.get(w("id"), "")
            if comment_id in open_ids:
                open_ids.remove(comment_id)
        elif element.tag == w("commentReference"):
            where.setdefault(element.get(w("id"), ""), section_of(element))
        elif element.tag == w("t") and open_ids:
            for comment_id in open_ids:
                anchored[comment_id].append(element.text or "")
        elif element.tag == w("p") and open_ids:
            for comment_id in open_ids:
                anchored[comment_id].append(" ")
    comments = []
    for comment in comments_part.iter(w("comment")):
        comment_id = comment.get(w("id"), "")
        text = "\n".join("".join(t.text or "" for t in p.iter(w("t"))) for p in comment.iter(w("p")))
        comments.append(Comment(comment_id, comment.get(w("author"), ""), comment.get(w("date"), ""),
                                text.strip(), " ".join("".join(anchored.get(comment_id, [])).split()),
                                where.get(comment_id, ""), parents.get(comment_id), places.get(comment_id, "")))
    return comments


def table_rows(docx: bytes) -> list[list[str]]:
    """The plain text of every table row's cells (a generated document, read back at generation)."""
    package = Package.from_bytes(docx, "the generated document", bounded=False)
    reader = _Reader(package)
    body = package.xml("word/document.xml").find(w("body"))
    return [["".join(s.text for s in cell) for cell in row] for table in body.iter(w("tbl"))
            for row in reader.table(table).rows]


def _read_blocks(body: Element, reader: _Reader) -> tuple[list[Block], list[str], dict[Element, str]]:
    """The body's blocks (text boxes' paragraphs after the paragraph they are anchored in), the Heading 1
    each sits under, and the Heading 1 of each top-level element."""
    blocks: list[Block] = []
    sections: list[str] = []
    top_section: dict[Element, str] = {}
    current = ""
    for element in body:
        if element.tag == w("p"):
            block, _ = reader.paragraph(element)
            if block.kind == HEADING and block.level == 1:
                current = block.text
            elif block.kind == FIXED_HEADING:
                current = block.text
        elif element.tag == w("tbl"):
            block = reader.table(element)
        else:
            continue
        top_section[element] = current
        if block.kind == TABLE or block.spans or block.kind == HEADING:
            blocks.append(block)
            sections.append(current)
        if element.tag == w("p"):
            for inside in text_box_paragraphs(element):
                box, _ = reader.paragraph(inside)
                if box.spans:
                    blocks.append(Block(PARAGRAPH, box.spans))
                    sections.append(current)
    return blocks, sections, top_section


def section_texts(docx: bytes) -> dict[str, list[str]]:
    """A generated document's text by Heading 1 (the heading's text -> the text of each paragraph and table
    cell under it, white space squeezed), so that a harvest can tell when a reviewer edited text the document
    writes itself."""
    package = Package.from_bytes(docx, "the generated document", bounded=False)
    body = package.xml("word/document.xml").find(w("body"))
    reader = _Reader(package)
    _one_alternative(body)
    _unwrap_containers(body)
    blocks, sections, _ = _read_blocks(body, reader)
    return texts_by_section(blocks, sections)


def texts_by_section(blocks: list[Block], sections: list[str]) -> dict[str, list[str]]:
    """The texts (block_texts) of the blocks under each Heading 1, the heading itself left out."""
    found: dict[str, list[str]] = {}
    for block, section in zip(blocks, sections):
        if block.kind == HEADING and block.level == 1 and block.text == section:
            found.setdefault(section, [])
        elif section:
            found.setdefault(section, []).extend(block_texts(block))
    return found


def read_document(path: Path, changes: str) -> ReviewedDocument:
    """Read a reviewed document; ``changes`` is accept, reject or stop (stop: changes listed, none resolved)."""
    package = Package.open(path)
    document = package.xml("word/document.xml")
    if document is None:
        raise UnreadableDocument(f"{path}: not a Word document (.docx): it has no word/document.xml")
    body = document.find(w("body"))
    if body is None:
        raise UnreadableDocument(f"{path}: the part word/document.xml has no body: not a Word document's text")
    reader = _Reader(package)
    _one_alternative(body)
    locate = _locator(package, body, reader)
    pending = list_changes(body, locate)
    places = _comment_places(body, locate)
    if changes != "reject":
        _mark_typed(body)
    resolve(body, "accept" if changes == "stop" else changes)
    _unwrap_containers(body)
    blocks, sections, top_section = _read_blocks(body, reader)

    def section_of(element: Element) -> str:
        while element is not None and element.getparent() is not body:
            element = element.getparent()
        return top_section.get(element, "")

    record, record_id, part = read_embedded_record(package)
    comments = _comments(package, body, section_of, places)
    return ReviewedDocument(path, blocks, sections, comments, pending, record, record_id, part)
