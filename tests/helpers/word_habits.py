"""Edited copies of a .docx saved the way Microsoft Word saves them: the test kit's emulator.

Open a document (bytes or a path), edit it as a reviewer would, save it to bytes::

    document = WordDocument(docx_bytes, seed=7)
    paragraph = document.find("performance update twice a year")
    document.replace(paragraph, "twice a year", "three times a year", track=Track("Jo Director"))
    document.comment(paragraph, "three times", "Agreed at the last meeting?")
    edited = document.save()

Every edit takes ``track``: None for an untracked edit, or a Track (author, date) for a tracked change
written as Word writes it. Paragraphs are found by their text (find), by their position (paragraphs(),
at()) or, in tables, by the text their row starts with (cell()). Offsets count the text a reader sees
with every tracked change accepted (text()).

save() applies Word's saving habits (see Habits): runs split at every edit and between typing sessions,
each with its revision id (rsid) listed in settings.xml; spelling and grammar marks (proofErr); page
breaks Word laid out (lastRenderedPageBreak, inside a run); the
_GoBack bookmark at the last edit; w14:paraId and w14:textId on every paragraph; every w:id renumbered
(comments on their own, everything else in one sequence in document order); Word's namespace
declarations and mc:Ignorable on every part it rewrites; comment parts (comments, commentsExtended,
commentsIds, people) with their relationships and content types; docProps updated; and the zip entries in
the order Word writes them, dated 1980-01-01, pictures stored rather than deflated.
"""

from __future__ import annotations

import copy
import io
import os
import random
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

#: An lxml element; Any rather than lxml's own type, as in the project's harvest.
Element = Any

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
W16CID = "http://schemas.microsoft.com/office/word/2016/wordml/cid"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
WP14 = "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
V = "urn:schemas-microsoft-com:vml"
VML_O = "urn:schemas-microsoft-com:office:office"
W10 = "urn:schemas-microsoft-com:office:word"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"

#: The namespaces Word 365 declares on the root of document.xml, comments.xml and the other parts it writes.
WORD_NAMESPACES = {
    "wpc": "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
    "cx": "http://schemas.microsoft.com/office/drawing/2014/chartex",
    "cx1": "http://schemas.microsoft.com/office/drawing/2015/9/8/chartex",
    "cx2": "http://schemas.microsoft.com/office/drawing/2015/10/21/chartex",
    "cx3": "http://schemas.microsoft.com/office/drawing/2016/5/9/chartex",
    "cx4": "http://schemas.microsoft.com/office/drawing/2016/5/10/chartex",
    "cx5": "http://schemas.microsoft.com/office/drawing/2016/5/11/chartex",
    "cx6": "http://schemas.microsoft.com/office/drawing/2016/5/12/chartex",
    "cx7": "http://schemas.microsoft.com/office/drawing/2016/5/13/chartex",
    "cx8": "http://schemas.microsoft.com/office/drawing/2016/5/14/chartex",
    "mc": MC,
    "aink": "http://schemas.microsoft.com/office/drawing/2016/ink",
    "am3d": "http://schemas.microsoft.com/office/drawing/2017/model3d",
    "o": VML_O,
    "oel": "http://schemas.microsoft.com/office/2019/extlst",
    "r": R,
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "v": V,
    "wp14": WP14,
    "wp": WP,
    "w10": W10,
    "w": W,
    "w14": W14,
    "w15": W15,
    "w16cex": "http://schemas.microsoft.com/office/word/2018/wordml/cex",
    "w16cid": W16CID,
    "w16": "http://schemas.microsoft.com/office/word/2018/wordml",
    "w16du": "http://schemas.microsoft.com/office/word/2023/wordml/word16du",
    "w16sdtdh": "http://schemas.microsoft.com/office/word/2020/wordml/sdtdatahash",
    "w16sdtfl": "http://schemas.microsoft.com/office/word/2024/wordml/sdtformatlock",
    "w16se": "http://schemas.microsoft.com/office/word/2015/wordml/symex",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "wpi": "http://schemas.microsoft.com/office/word/2010/wordprocessingInk",
    "wne": "http://schemas.microsoft.com/office/word/2006/wordml",
    "wps": WPS,
}
IGNORABLE = "w14 w15 w16se w16cid w16 w16cex w16sdtdh w16sdtfl w16du wp14"

#: Parts added for comments: name -> (content type, relationship type from document.xml).
COMMENT_PARTS = {
    "word/comments.xml": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"),
    "word/commentsExtended.xml": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml",
        "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"),
    "word/commentsIds.xml": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsIds+xml",
        "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds"),
    "word/people.xml": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.people+xml",
        "http://schemas.microsoft.com/office/2011/relationships/people"),
}

#: Where Word puts each part in the zip (observed in packages saved by Word 2016 and 365); others follow.
ZIP_ORDER = (
    "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
    "word/footnotes.xml", "word/endnotes.xml", "word/header*.xml", "word/_rels/header*.xml.rels",
    "word/footer*.xml", "word/_rels/footer*.xml.rels", "word/comments.xml", "word/_rels/comments.xml.rels",
    "word/media/*", "word/theme/theme1.xml", "word/settings.xml", "customXml/item*.xml",
    "customXml/itemProps*.xml", "customXml/_rels/*", "word/numbering.xml", "word/styles.xml",
    "word/webSettings.xml", "word/commentsExtended.xml", "word/commentsIds.xml", "word/commentsExtensible.xml",
    "word/people.xml", "word/fontTable.xml", "docProps/core.xml", "docProps/app.xml", "docProps/custom.xml",
)
STORED = (".png", ".jpeg", ".jpg", ".gif", ".emf", ".wmf")

HIDDEN = ("del", "moveFrom")                       # content a reader no longer sees once changes are accepted
CHANGE_TAGS = ("ins", "del", "moveFrom", "moveTo")
PROPERTY_CHANGES = ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange",
                    "tblGridChange", "numberingChange", "tblPrExChange")
RANGE_PAIRS = ("bookmark", "moveFromRange", "moveToRange", "customXmlInsRange", "customXmlDelRange",
               "customXmlMoveFromRange", "customXmlMoveToRange")
#: The order of a run's properties (CT_RPr), so that an added property lands where Word writes it.
RPR_ORDER = ("ins", "del", "moveFrom", "moveTo", "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps",
             "strike", "dstrike", "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish",
             "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
             "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish",
             "oMath", "rPrChange")
#: Paragraph properties that come after w:rPr in CT_PPr.
AFTER_PARAGRAPH_RPR = ("sectPr", "pPrChange")


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML element or attribute."""
    return f"{{{W}}}{tag}"


def _local(element: Element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


@dataclass(frozen=True)
class Track:
    """A tracked change's author and date (Word writes dates in UTC, to the minute)."""

    author: str = "Jo Director"
    date: str = "2026-10-20T09:30:00Z"

    @property
    def initials(self) -> str:
        return "".join(word[0] for word in self.author.split() if word[:1].isalpha()).upper() or "A"


@dataclass(frozen=True)
class Habits:
    """Which of Word's saving habits save() applies (all, by default)."""

    split_runs: float = 0.3          # chance that an untouched run is split at a word (text typed in two sessions)
    proofing: float = 0.3            # chance that a paragraph gets spelling or grammar marks
    page_breaks: float = 0.05        # chance of a w:lastRenderedPageBreak inside a run (where a page began)
    go_back: bool = True             # the _GoBack bookmark where the last edit was
    para_ids: bool = True            # w14:paraId and w14:textId on every paragraph and table row
    rsids: bool = True               # revision ids on paragraphs, listed in settings.xml
    renumber_ids: bool = True        # every w:id renumbered, as Word does on each save
    namespaces: bool = True          # Word 365's namespace declarations and mc:Ignorable
    zip_order: bool = True           # Word's zip entry order and dates
    properties: bool = True          # docProps/app.xml and core.xml as Word updates them


@dataclass
class _Comment:
    author: str
    date: str
    initials: str
    text: str
    para_id: str
    durable_id: str
    parent: int | None = None
    start: Element = None
    end: Element = None
    reference: Element = None


def _parse(data: bytes) -> Element:
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, huge_tree=True, remove_blank_text=False))


def _serialise(root: Element) -> bytes:
    """As Word writes a part: the declaration, a CRLF, the root element on one line."""
    body = etree.tostring(root, encoding="UTF-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' + body


def read_package(source: bytes | str | os.PathLike[str]) -> dict[str, bytes]:
    """Every part of a .docx by its name, in zip order."""
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


# ------------------------------------------------------------------------------------------ reading text

def owner(element: Element) -> Element | None:
    """The paragraph an element belongs to (the nearest w:p above it)."""
    parent = element.getparent()
    while parent is not None and parent.tag != w("p"):
        parent = parent.getparent()
    return parent


def _hidden(run: Element, paragraph: Element) -> bool:
    parent = run.getparent()
    while parent is not None and parent is not paragraph:
        if parent.tag in (w("del"), w("moveFrom")):
            return True
        parent = parent.getparent()
    return False


def runs(paragraph: Element) -> list[Element]:
    """The paragraph's own runs that a reader sees (not those in its text boxes, nor deleted ones)."""
    return [r for r in paragraph.iter(w("r")) if owner(r) is paragraph and not _hidden(r, paragraph)]


def _atoms(run: Element) -> list[tuple[Element, str]]:
    """The run's children that print text, with the text each prints."""
    found = []
    for child in run:
        tag = _local(child)
        if tag == "t":
            found.append((child, child.text or ""))
        elif tag == "tab":
            found.append((child, "\t"))
        elif tag in ("br", "cr") and child.get(w("type")) in (None, "textWrapping"):
            found.append((child, "\n"))
        elif tag == "noBreakHyphen":
            found.append((child, "-"))
    return found


def text(paragraph: Element) -> str:
    """What a reader sees in the paragraph with every tracked change accepted."""
    return "".join(piece for run in runs(paragraph) for _, piece in _atoms(run))


def mark_change(paragraph: Element) -> str | None:
    """How the paragraph's mark is tracked: 'ins', 'del', 'moveFrom', 'moveTo' or None."""
    marks = paragraph.find(f"{w('pPr')}/{w('rPr')}")
    for tag in CHANGE_TAGS:
        if marks is not None and marks.find(w(tag)) is not None:
            return tag
    return None


def style_of(paragraph: Element) -> str:
    """The paragraph's style id ('' for the default style)."""
    found = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
    return found.get(w("val"), "") if found is not None else ""


def body_paragraphs(body: Element) -> list[Element]:
    """The body's paragraphs in reading order, those in tables included, those in text boxes not."""
    return [p for p in body.iter(w("p")) if not any(_local(a) in ("txbxContent", "comment") for a in p.iterancestors())]


def accepted_paragraphs(docx: bytes) -> list[tuple[str, str]]:
    """(style id, text) of every body paragraph as it stands once every tracked change is accepted: a
    deleted paragraph mark joins the paragraph to the next (which keeps its own style), a paragraph moved
    away is gone. Paragraphs in a text box follow the paragraph that anchors it, once."""
    body = _parse(read_package(docx)["word/document.xml"]).find(w("body"))
    found: list[tuple[str, str]] = []
    carried = ""
    for paragraph in body_paragraphs(body):
        content = carried + text(paragraph)
        if mark_change(paragraph) in HIDDEN:
            following = paragraph.getnext()
            while following is not None and following.tag != w("p") and _local(following).endswith("End"):
                following = following.getnext()
            carried = content if following is not None and following.tag == w("p") else ""
            if not carried and content:
                found.append((style_of(paragraph), content))
            continue
        carried = ""
        found.append((style_of(paragraph), content))
        for box in text_boxes(paragraph):
            found.extend((style_of(p), text(p)) for p in box)
    return found


def text_boxes(paragraph: Element) -> list[list[Element]]:
    """The paragraphs of each text box anchored in the paragraph, read once (the drawing, not its fallback)."""
    boxes = []
    for alternate in paragraph.iter(f"{{{MC}}}AlternateContent"):
        if owner(alternate) is not paragraph:
            continue
        choice = alternate.find(f"{{{MC}}}Choice")
        content = choice.find(f".//{w('txbxContent')}") if choice is not None else None
        if content is not None:
            boxes.append(content.findall(w("p")))
    return boxes


# ------------------------------------------------------------------------------------------ the document

class WordDocument:
    """A .docx opened for editing as a reviewer in Word would edit it; save() returns the new package."""

    def __init__(self, source: bytes | str | os.PathLike[str], *, seed: int = 0):
        self.parts = read_package(source)
        self.root = _parse(self.parts["word/document.xml"])
        self.body = self.root.find(w("body"))
        self.random = random.Random(seed)
        self.original_rsid = self._rsid()
        self.session = self._rsid()
        self.rsids = {self.original_rsid, self.session}
        self.comments: list[_Comment] = []
        self.tracked = False
        self.last_edit: Element | None = None
        self._move_names = 0
        self._next_id = 1000
        self._styles = _parse(self.parts["word/styles.xml"]) if "word/styles.xml" in self.parts else None

    # ---- ids and revision ids
    def _rsid(self) -> str:
        return f"00{self.random.randrange(0x100000, 0xFFFFFF):06X}"

    def _hex_id(self) -> str:
        return f"{self.random.randrange(0x10000000, 0x7FFFFFFF):08X}"

    def new_session(self) -> str:
        """Start a new editing session (Word gives each its own rsid); later edits carry it."""
        self.session = self._rsid()
        self.rsids.add(self.session)
        return self.session

    def _id(self) -> str:
        self._next_id += 1
        return str(self._next_id)

    # ---- finding
    def paragraphs(self) -> list[Element]:
        """Every body paragraph in reading order (table cells included, text boxes not)."""
        return body_paragraphs(self.body)

    def at(self, index: int) -> Element:
        """The paragraph at this position in paragraphs()."""
        return self.paragraphs()[index]

    def find(self, contains: str, *, exact: bool = False, occurrence: int = 0, style: str | None = None) -> Element:
        """The paragraph whose text (as a reader sees it) contains, or is, the given text."""
        hits = [p for p in self.paragraphs() if (text(p) == contains if exact else contains in text(p))
                and (style is None or style_of(p) == style)]
        if len(hits) <= occurrence:
            raise LookupError(f"no paragraph {'is' if exact else 'contains'} {contains!r}")
        return hits[occurrence]

    def cell(self, row_starts: str, column: int = 0) -> Element:
        """The table cell (w:tc) in the given column of the first row whose first cell starts with row_starts."""
        for row in self.body.iter(w("tr")):
            cells = row.findall(w("tc"))
            if cells and "".join(text(p) for p in cells[0].findall(w("p"))).startswith(row_starts):
                return cells[column]
        raise LookupError(f"no table row starts with {row_starts!r}")

    @staticmethod
    def text(paragraph: Element) -> str:
        return text(paragraph)

    @staticmethod
    def style(paragraph: Element) -> str:
        return style_of(paragraph)

    # ---- runs
    def _new_run(self, content: str, properties: Element | None) -> Element:
        run = etree.Element(w("r"))
        run.set(w("rsidR"), self.session)
        if properties is not None and len(properties):
            run.append(properties)
        for index, line in enumerate(content.split("\n")):
            if index:
                etree.SubElement(run, w("br"))
            pieces = line.split("\t")
            for number, piece in enumerate(pieces):
                if number:
                    etree.SubElement(run, w("tab"))
                if piece:
                    t = etree.SubElement(run, w("t"))
                    t.text = piece
                    if piece != piece.strip():
                        t.set(XML_SPACE, "preserve")
        return run

    @staticmethod
    def _run_properties(run: Element | None, leaving_link: bool = False) -> Element | None:
        """A copy of a run's properties for new text typed beside it (without change marks)."""
        if run is None or run.find(w("rPr")) is None:
            return None
        properties = copy.deepcopy(run.find(w("rPr")))
        for child in list(properties):
            tag = _local(child)
            if tag in CHANGE_TAGS or tag == "rPrChange" or \
                    leaving_link and tag == "rStyle" and child.get(w("val")) == "Hyperlink":
                properties.remove(child)
        return properties

    def _split_run(self, run: Element, after: int) -> Element:
        """Split the run after its ``after``-th child (rPr counted): the second half is a new run."""
        second = etree.Element(w("r"))
        for name, value in run.attrib.items():
            second.set(name, value)
        properties = run.find(w("rPr"))
        if properties is not None:
            second.append(copy.deepcopy(properties))
        for child in list(run)[after + 1:]:
            second.append(child)
        run.addnext(second)
        return second

    def _boundary(self, paragraph: Element, offset: int) -> None:
        """Make sure a run starts or ends at this offset of the paragraph's visible text."""
        position = 0
        for run in runs(paragraph):
            atoms = _atoms(run)
            for number, (child, piece) in enumerate(atoms):
                if position < offset < position + len(piece):
                    cut = offset - position
                    tail = etree.Element(w("t"))
                    tail.text = piece[cut:]
                    child.text = piece[:cut]
                    for part in (child, tail):
                        part.set(XML_SPACE, "preserve")
                    child.addnext(tail)
                    self._split_run(run, list(run).index(child))
                    return
                position += len(piece)
                if position == offset and number < len(atoms) - 1:
                    self._split_run(run, list(run).index(child))
                    return
            if position > offset:
                return

    def _span(self, paragraph: Element, start: int, end: int) -> tuple[list[Element], Element | None]:
        """The runs that hold [start, end) (split as needed) and the run just before start."""
        self._boundary(paragraph, start)
        self._boundary(paragraph, end)
        inside, before, position = [], None, 0
        for run in runs(paragraph):
            length = sum(len(piece) for _, piece in _atoms(run))
            if length and start <= position and position + length <= end:
                inside.append(run)
            elif length and position + length <= start:
                before = run
            position += length
        return inside, before

    @staticmethod
    def _inside_change(run: Element, paragraph: Element) -> Element | None:
        parent = run.getparent()
        while parent is not None and parent is not paragraph:
            if parent.tag in (w("ins"), w("moveTo")):
                return parent
            parent = parent.getparent()
        return None

    def _change(self, tag: str, track: Track) -> Element:
        element = etree.Element(w(tag))
        element.set(w("id"), self._id())
        element.set(w("author"), track.author)
        element.set(w("date"), track.date)
        self.tracked = True
        return element

    def _delete_runs(self, paragraph: Element, doomed: list[Element], track: Track | None) -> Element | None:
        """Delete the runs: untracked (or the author's own tracked insertions) outright, tracked as w:del
        holding the runs with w:delText. Returns the last w:del written, if any."""
        last = None
        for run in doomed:
            inserted = self._inside_change(run, paragraph)
            if track is None or inserted is not None and inserted.get(w("author")) == track.author:
                run.getparent().remove(run)
                if inserted is not None and not len(inserted):
                    inserted.getparent().remove(inserted)
                continue
            previous = run.getprevious()
            if previous is not None and previous is last:
                deletion = last
            else:
                deletion = self._change("del", track)
                run.addprevious(deletion)
            deletion.append(run)
            run.set(w("rsidDel"), self.session)
            for child in run:
                if child.tag == w("t"):
                    child.tag = w("delText")
                elif child.tag == w("instrText"):
                    child.tag = w("delInstrText")
            last = deletion
        return last

    @staticmethod
    def _drop_empty(paragraph: Element) -> None:
        """Links and insertions left with no content after an untracked deletion go too, as in Word."""
        for container in list(paragraph.iter(w("hyperlink"), w("ins"), w("smartTag"))):
            if not len(container) and container.getparent() is not None:
                container.getparent().remove(container)

    def _place(self, paragraph: Element, new: Element, *, at: Element | None, after: bool) -> None:
        """Put new content after (or before) ``at``, climbing out of a link or field whose end it is at, and
        out of a tracked insertion when the new content is a tracked change itself."""
        if at is None:
            properties = paragraph.find(w("pPr"))
            if properties is not None:
                properties.addnext(new)
            else:
                paragraph.insert(0, new)
            return
        parent = at.getparent()
        while parent is not paragraph and (
                _local(parent) in ("hyperlink", "fldSimple", "smartTag") and
                (at.getnext() is None if after else at.getprevious() is None) or
                _local(parent) in ("ins", "moveTo") and _local(new) in ("ins", "del")):
            if _local(parent) in ("ins", "moveTo") and (at.getnext() is not None if after else
                                                         at.getprevious() is not None):
                rest = copy.deepcopy(parent)
                for child in list(rest):
                    rest.remove(child)
                siblings = list(parent)
                for child in siblings[siblings.index(at) + (1 if after else 0):]:
                    rest.append(child)
                rest.set(w("id"), self._id())
                parent.addnext(rest)
            at, parent = parent, parent.getparent()
        (at.addnext if after else at.addprevious)(new)

    # ---- editing text inside a paragraph
    def replace_span(self, paragraph: Element, start: int, end: int, new: str, *, track: Track | None = None) -> None:
        """Select [start, end) of the paragraph's visible text and type ``new`` over it (or delete it)."""
        doomed, before = self._span(paragraph, start, end)
        first = doomed[0] if doomed else None
        in_link = before is not None and _local(before.getparent()) == "hyperlink"
        at_link_end = in_link and before is not None and before.getnext() is None
        properties = self._run_properties(first if first is not None else before,
                                          leaving_link=first is None and at_link_end)
        if first is None and before is None:
            following = runs(paragraph)
            properties = self._run_properties(following[0] if following else None)
        marker = etree.Element(w("proofErr"))      # stands where the selection was while it is deleted
        if first is not None:
            first.addprevious(marker)
        last = self._delete_runs(paragraph, doomed, track)
        if new:
            run = self._new_run(new, properties)
            content = run
            if track is not None:
                content = self._change("ins", track)
                content.append(run)
            if last is not None:
                self._place(paragraph, content, at=last, after=True)
            elif first is not None:
                self._place(paragraph, content, at=marker, after=True)
            else:
                self._place(paragraph, content, at=before, after=True)
        holder = marker.getparent()
        if holder is not None:
            holder.remove(marker)
        if track is None:
            self._drop_empty(paragraph)
        self._touch(paragraph)

    def _touch(self, paragraph: Element) -> None:
        self.last_edit = paragraph
        paragraph.set(w("rsidR"), paragraph.get(w("rsidR"), self.session))
        self.rsids.add(self.session)

    def replace(self, paragraph: Element, old: str, new: str, *, track: Track | None = None,
                occurrence: int = 0) -> None:
        """Change the words ``old`` (its n-th occurrence in the paragraph) to ``new``."""
        content = text(paragraph)
        start = -1
        for _ in range(occurrence + 1):
            start = content.index(old, start + 1)
        self.replace_span(paragraph, start, start + len(old), new, track=track)

    def append(self, paragraph: Element, sentence: str, *, track: Track | None = None) -> None:
        """Type a sentence at the end of the paragraph (a space before it)."""
        end = len(text(paragraph))
        self.replace_span(paragraph, end, end, (" " if end else "") + sentence, track=track)

    def replace_paragraph(self, paragraph: Element, new: str, *, track: Track | None = None) -> None:
        """Select the paragraph's text (not its mark) and type new text over it."""
        self.replace_span(paragraph, 0, len(text(paragraph)), new, track=track)

    def bold(self, paragraph: Element, words: str, *, track: Track | None = None, occurrence: int = 0) -> None:
        """Make the words bold (tracked: the old run properties kept in w:rPrChange)."""
        content = text(paragraph)
        start = -1
        for _ in range(occurrence + 1):
            start = content.index(words, start + 1)
        chosen, _ = self._span(paragraph, start, start + len(words))
        for run in chosen:
            properties = run.find(w("rPr"))
            if properties is None:
                properties = etree.Element(w("rPr"))
                run.insert(0, properties)
            old = copy.deepcopy(properties)
            for child in list(old):
                if _local(child) in CHANGE_TAGS or _local(child) == "rPrChange":
                    old.remove(child)
            if properties.find(w("b")) is None:
                _insert_ordered(properties, etree.Element(w("b")), RPR_ORDER)
            if track is not None and properties.find(w("rPrChange")) is None:
                change = self._change("rPrChange", track)
                change.append(old)
                properties.append(change)
            run.set(w("rsidRPr"), self.session)
        self._touch(paragraph)

    # ---- paragraphs
    def _mark_properties(self, paragraph: Element) -> Element:
        """The paragraph mark's run properties (pPr/rPr), made if missing."""
        properties = paragraph.find(w("pPr"))
        if properties is None:
            properties = etree.Element(w("pPr"))
            paragraph.insert(0, properties)
        marks = properties.find(w("rPr"))
        if marks is None:
            marks = etree.Element(w("rPr"))
            later = [c for c in properties if _local(c) in AFTER_PARAGRAPH_RPR]
            if later:
                later[0].addprevious(marks)
            else:
                properties.append(marks)
        return marks

    def _mark(self, paragraph: Element, tag: str, track: Track) -> None:
        marks = self._mark_properties(paragraph)
        marks.insert(sum(1 for c in marks if _local(c) in CHANGE_TAGS[:CHANGE_TAGS.index(tag)]),
                     self._change(tag, track))

    def _next_style(self, style: str) -> str:
        """The style Word gives the paragraph after one of this style (its w:next)."""
        if self._styles is None or not style:
            return style
        for candidate in self._styles.iter(w("style")):
            if candidate.get(w("styleId")) == style:
                following = candidate.find(w("next"))
                return following.get(w("val"), style) if following is not None else style
        return style

    def _empty_like(self, paragraph: Element, next_style: bool = True) -> Element:
        """A new paragraph with the paragraph properties Word's Enter gives it (at the end of a paragraph,
        the style's next style; at its start, the same style)."""
        new = etree.Element(w("p"))
        new.set(w("rsidR"), self.session)
        properties = paragraph.find(w("pPr"))
        if properties is not None:
            copied = copy.deepcopy(properties)
            for child in list(copied):
                if _local(child) in ("sectPr", "pPrChange"):
                    copied.remove(child)
            marks = copied.find(w("rPr"))
            if marks is not None:
                for child in list(marks):
                    if _local(child) in CHANGE_TAGS or _local(child) == "rPrChange":
                        marks.remove(child)
            style = copied.find(w("pStyle"))
            if next_style and style is not None and \
                    self._next_style(style.get(w("val"), "")) != style.get(w("val")):
                style.set(w("val"), self._next_style(style.get(w("val"), "")))
                for numbering in copied.findall(w("numPr")):
                    copied.remove(numbering)
            new.append(copied)
        return new

    def insert_after(self, paragraph: Element, content: str, *, track: Track | None = None) -> Element:
        """Enter at the end of the paragraph, then type: a new paragraph with the same properties (or the
        style's next style). Tracked, the mark Enter inserted is the first paragraph's, as Word records it."""
        new = self._empty_like(paragraph)
        marks = new.find(f"{w('pPr')}/{w('rPr')}")
        run = self._new_run(content, copy.deepcopy(marks) if marks is not None else None)
        if track is None:
            new.append(run)
        else:
            insertion = self._change("ins", track)
            insertion.append(run)
            new.append(insertion)
            self._mark(paragraph, "ins", track)
        paragraph.addnext(new)
        self._touch(new)
        return new

    def insert_before(self, paragraph: Element, content: str, *, track: Track | None = None) -> Element:
        """Type at the start of the paragraph, then Enter: a new paragraph before it with its properties
        (tracked, the new paragraph's mark is the inserted one)."""
        new = self._empty_like(paragraph, next_style=False)
        run = self._new_run(content, None)
        if track is None:
            new.append(run)
        else:
            insertion = self._change("ins", track)
            insertion.append(run)
            new.append(insertion)
            self._mark(new, "ins", track)
        paragraph.addprevious(new)
        self._touch(new)
        return new

    def _last_in_cell(self, paragraph: Element) -> bool:
        parent = paragraph.getparent()
        return _local(parent) == "tc" and len(parent.findall(w("p"))) == 1

    def delete(self, paragraph: Element, *, track: Track | None = None) -> None:
        """Select the whole paragraph, its mark included, and delete it (a cell's only paragraph: its text)."""
        if self._last_in_cell(paragraph):
            self.replace_span(paragraph, 0, len(text(paragraph)), "", track=track)
            return
        if track is None:
            self.last_edit = paragraph.getnext() if paragraph.getnext() is not None else paragraph.getprevious()
            paragraph.getparent().remove(paragraph)
            return
        self._delete_runs(paragraph, runs(paragraph), track)
        self._mark(paragraph, "del", track)
        paragraph.set(w("rsidDel"), self.session)
        self._touch(paragraph)

    def move(self, paragraph: Element, *, after: Element | None = None, before: Element | None = None,
             track: Track | None = None) -> Element:
        """Move the paragraph (mark included) to after or before another: tracked, as w:moveFrom and w:moveTo
        with named range marks; untracked, cut and paste (a fresh copy with the session's rsid)."""
        if (after is None) == (before is None):
            raise ValueError("give after= or before=")
        copied = copy.deepcopy(paragraph)
        for element in copied.iter(w("r"), w("p")):
            if element.get(w("rsidR")) is not None or element.tag == w("p"):
                element.set(w("rsidR"), self.session)
        for attribute in (f"{{{W14}}}paraId", f"{{{W14}}}textId"):
            copied.attrib.pop(attribute, None)
        for bookmark in list(copied.iter(w("bookmarkStart"), w("bookmarkEnd"))):
            bookmark.getparent().remove(bookmark)
        if track is None:
            paragraph.getparent().remove(paragraph)
        else:
            self._move_names += 1
            name = f"move{self.random.randrange(100000000, 999999999)}"
            self._wrap_move(paragraph, "moveFrom", name, track)
            self._wrap_move(copied, "moveTo", name, track)
        if after is not None:
            anchor = after.getnext() if after.getnext() is not None and \
                _local(after.getnext()) in ("moveFromRangeEnd", "moveToRangeEnd") else after
            anchor.addnext(copied)
        else:
            assert before is not None
            previous = before.getprevious()
            if previous is not None and _local(previous) in ("moveFromRangeEnd", "moveToRangeEnd"):
                previous.addprevious(copied)
            else:
                before.addprevious(copied)
        if track is not None:
            end = etree.Element(w("moveToRangeEnd"))
            end.set(w("id"), copied.find(w("moveToRangeStart")).get(w("id")))
            copied.addnext(end)
        self._touch(copied)
        return copied

    def _wrap_move(self, paragraph: Element, kind: str, name: str, track: Track) -> None:
        start = etree.Element(w(f"{kind}RangeStart"))
        start.set(w("id"), self._id())
        start.set(w("author"), track.author)
        start.set(w("date"), track.date)
        start.set(w("name"), name)
        self._wrap_runs(paragraph, kind, track)
        properties = paragraph.find(w("pPr"))
        index = 0 if properties is None else paragraph.index(properties) + 1
        paragraph.insert(index, start)
        self._mark(paragraph, kind, track)
        if kind == "moveFrom":
            end = etree.Element(w("moveFromRangeEnd"))
            end.set(w("id"), start.get(w("id"), ""))
            paragraph.addnext(end)
            paragraph.set(w("rsidDel"), self.session)

    def _wrap_runs(self, parent: Element, kind: str, track: Track) -> None:
        """Each stretch of runs in a change of ``kind``, as Word writes a moved paragraph: a hyperlink keeps
        its place, with the change inside it around its own runs (w:moveFrom may hold runs, not hyperlinks);
        range marks, bookmarks and proofing marks stay between the changes."""
        group: Element | None = None
        for child in list(parent):
            tag = _local(child)
            if tag == "r":
                if group is None:
                    group = self._change(kind, track)
                    child.addprevious(group)
                group.append(child)
                continue
            group = None
            if tag in ("hyperlink", "smartTag", "fldSimple"):
                self._wrap_runs(child, kind, track)

    def join_with_next(self, paragraph: Element, *, track: Track | None = None, separator: str = " ") -> None:
        """Delete the paragraph's mark, joining it to the next paragraph, and type ``separator`` at the join.
        Untracked, the joined paragraph keeps this paragraph's properties (Word 2013 and later); tracked,
        the mark is marked deleted and whoever accepts decides."""
        following = paragraph.getnext()
        while following is not None and following.tag != w("p") and _local(following) in (
                "moveFromRangeEnd", "moveToRangeEnd", "bookmarkEnd", "commentRangeEnd"):
            following = following.getnext()
        if following is None or following.tag != w("p"):
            raise ValueError("the paragraph is not followed by another paragraph")
        if separator:
            end = len(text(paragraph))
            self.replace_span(paragraph, end, end, separator, track=track)
        if track is not None:
            self._mark(paragraph, "del", track)
            self._touch(paragraph)
            return
        for child in list(following):
            if _local(child) != "pPr":
                paragraph.append(child)
        following.getparent().remove(following)
        self._touch(paragraph)

    # ---- comments
    def comment(self, paragraph: Element, anchored: str, content: str, *, track: Track = Track(),
                occurrence: int = 0) -> int:
        """A comment on the words ``anchored``; returns its number (for reply())."""
        full = text(paragraph)
        start = -1
        for _ in range(occurrence + 1):
            start = full.index(anchored, start + 1)
        chosen, _ = self._span(paragraph, start, start + len(anchored))
        number = len(self.comments)
        begin, end = etree.Element(w("commentRangeStart")), etree.Element(w("commentRangeEnd"))
        for mark in (begin, end):
            mark.set(w("id"), str(number))
        chosen[0].addprevious(begin)
        chosen[-1].addnext(end)
        reference = self._reference_run(number)
        end.addnext(reference)
        self.comments.append(_Comment(track.author, track.date, track.initials, content, self._hex_id(),
                                      self._hex_id(), None, begin, end, reference))
        self._touch(paragraph)
        return number

    def _reference_run(self, number: int) -> Element:
        reference = etree.Element(w("r"))
        style = etree.SubElement(etree.SubElement(reference, w("rPr")), w("rStyle"))
        style.set(w("val"), "CommentReference")
        etree.SubElement(reference, w("commentReference")).set(w("id"), str(number))
        return reference

    def reply(self, number: int, content: str, *, track: Track = Track("Sam Patel", "2026-10-21T14:05:00Z")) -> int:
        """A reply to a comment: its own range marks beside the parent's, threaded in commentsExtended."""
        parent = self.comments[number]
        reply = len(self.comments)
        begin, end = etree.Element(w("commentRangeStart")), etree.Element(w("commentRangeEnd"))
        for mark in (begin, end):
            mark.set(w("id"), str(reply))
        parent.start.addnext(begin)
        last = parent.reference
        for later in self.comments[number + 1:]:
            if later.parent == number:
                last = later.reference
        last.addnext(end)
        reference = self._reference_run(reply)
        end.addnext(reference)
        self.comments.append(_Comment(track.author, track.date, track.initials, content, self._hex_id(),
                                      self._hex_id(), number, begin, end, reference))
        return reply

    # ---- text boxes
    def add_text_box(self, paragraph: Element, content: str, *, track: Track | None = None) -> None:
        """A text box anchored at the end of the paragraph, written as Word does: a DrawingML shape
        (mc:Choice Requires="wps") and its VML fallback, so the box's text is in the file twice."""
        ids = [int(d.get("id", "0")) for d in self.root.iter(f"{{{WP}}}docPr") if d.get("id", "").isdigit()]
        number = max(ids + [0]) + 1
        run = etree.Element(w("r"))
        run.set(w("rsidR"), self.session)
        etree.SubElement(etree.SubElement(run, w("rPr")), w("noProof"))
        alternate = etree.SubElement(run, f"{{{MC}}}AlternateContent", nsmap={"mc": MC})
        choice = etree.SubElement(alternate, f"{{{MC}}}Choice", Requires="wps")
        choice.append(self._drawing_box(number, content))
        fallback = etree.SubElement(alternate, f"{{{MC}}}Fallback")
        fallback.append(self._vml_box(number, content, first=not list(self.root.iter(f"{{{V}}}shapetype"))))
        content_run: Element = run
        if track is not None:
            content_run = self._change("ins", track)
            content_run.append(run)
        self._place(paragraph, content_run, at=(runs(paragraph) or [None])[-1], after=True)
        self._touch(paragraph)

    def _box_paragraph(self, content: str) -> Element:
        paragraph = etree.Element(w("p"))
        paragraph.set(w("rsidR"), self.session)
        paragraph.append(self._new_run(content, None))
        return paragraph

    def _drawing_box(self, number: int, content: str) -> Element:
        width, height = 2360520, 640080
        drawing = etree.Element(w("drawing"))
        anchor = etree.SubElement(drawing, f"{{{WP}}}anchor", nsmap={"wp": WP, "wp14": WP14}, distT="45720",
                                  distB="45720", distL="114300", distR="114300", simplePos="0",
                                  relativeHeight=str(251659264 + number), behindDoc="0", locked="0",
                                  layoutInCell="1", allowOverlap="1")
        anchor.set(f"{{{WP14}}}anchorId", self._hex_id())
        anchor.set(f"{{{WP14}}}editId", self._hex_id())
        etree.SubElement(anchor, f"{{{WP}}}simplePos", x="0", y="0")
        for axis, relative in (("H", "column"), ("V", "paragraph")):
            position = etree.SubElement(anchor, f"{{{WP}}}position{axis}", relativeFrom=relative)
            etree.SubElement(position, f"{{{WP}}}posOffset").text = "0"
        etree.SubElement(anchor, f"{{{WP}}}extent", cx=str(width), cy=str(height))
        etree.SubElement(anchor, f"{{{WP}}}effectExtent", l="0", t="0", r="22860", b="11430")
        etree.SubElement(anchor, f"{{{WP}}}wrapSquare", wrapText="bothSides")
        etree.SubElement(anchor, f"{{{WP}}}docPr", id=str(number), name=f"Text Box {number}")
        frame = etree.SubElement(anchor, f"{{{WP}}}cNvGraphicFramePr")
        etree.SubElement(frame, f"{{{A}}}graphicFrameLocks", nsmap={"a": A})
        graphic = etree.SubElement(anchor, f"{{{A}}}graphic", nsmap={"a": A})
        data = etree.SubElement(graphic, f"{{{A}}}graphicData", uri=WPS)
        shape = etree.SubElement(data, f"{{{WPS}}}wsp", nsmap={"wps": WPS})
        locks = etree.SubElement(shape, f"{{{WPS}}}cNvSpPr", txBox="1")
        etree.SubElement(locks, f"{{{A}}}spLocks", noChangeArrowheads="1")
        properties = etree.SubElement(shape, f"{{{WPS}}}spPr", bwMode="auto")
        transform = etree.SubElement(properties, f"{{{A}}}xfrm")
        etree.SubElement(transform, f"{{{A}}}off", x="0", y="0")
        etree.SubElement(transform, f"{{{A}}}ext", cx=str(width), cy=str(height))
        geometry = etree.SubElement(properties, f"{{{A}}}prstGeom", prst="rect")
        etree.SubElement(geometry, f"{{{A}}}avLst")
        fill = etree.SubElement(properties, f"{{{A}}}solidFill")
        etree.SubElement(fill, f"{{{A}}}srgbClr", val="FFFFFF")
        line = etree.SubElement(properties, f"{{{A}}}ln", w="9525")
        etree.SubElement(etree.SubElement(line, f"{{{A}}}solidFill"), f"{{{A}}}srgbClr", val="000000")
        etree.SubElement(line, f"{{{A}}}miter", lim="800000")
        etree.SubElement(line, f"{{{A}}}headEnd")
        etree.SubElement(line, f"{{{A}}}tailEnd")
        box = etree.SubElement(etree.SubElement(shape, f"{{{WPS}}}txbx"), w("txbxContent"))
        box.append(self._box_paragraph(content))
        body = etree.SubElement(shape, f"{{{WPS}}}bodyPr", rot="0", vert="horz", wrap="square", lIns="91440",
                                tIns="45720", rIns="91440", bIns="45720", anchor="t", anchorCtr="0")
        etree.SubElement(body, f"{{{A}}}spAutoFit")
        return drawing

    def _vml_box(self, number: int, content: str, first: bool) -> Element:
        picture = etree.Element(w("pict"))
        if first:
            shape_type = etree.SubElement(picture, f"{{{V}}}shapetype", nsmap={"v": V, "o": VML_O}, id="_x0000_t202",
                                          coordsize="21600,21600", path="m,l,21600r21600,l21600,xe")
            shape_type.set(f"{{{VML_O}}}spt", "202")
            etree.SubElement(shape_type, f"{{{V}}}stroke", joinstyle="miter")
            path = etree.SubElement(shape_type, f"{{{V}}}path", gradientshapeok="t")
            path.set(f"{{{VML_O}}}connecttype", "rect")
        shape = etree.SubElement(picture, f"{{{V}}}shape", nsmap={"v": V, "o": VML_O}, id=f"Text Box {number}",
                                 type="#_x0000_t202",
                                 style="position:absolute;margin-left:0;margin-top:0;width:185.85pt;height:50.4pt;"
                                       f"z-index:{251659264 + number};visibility:visible;mso-wrap-style:square;"
                                       "mso-wrap-distance-left:9pt;mso-wrap-distance-top:3.6pt;"
                                       "mso-wrap-distance-right:9pt;mso-wrap-distance-bottom:3.6pt;"
                                       "mso-position-horizontal:absolute;mso-position-horizontal-relative:text;"
                                       "mso-position-vertical:absolute;mso-position-vertical-relative:text;"
                                       "v-text-anchor:top")
        shape.set(f"{{{VML_O}}}spid", f"_x0000_s{1025 + number}")
        textbox = etree.SubElement(shape, f"{{{V}}}textbox", style="mso-fit-shape-to-text:t")
        etree.SubElement(textbox, w("txbxContent")).append(self._box_paragraph(content))
        etree.SubElement(shape, f"{{{W10}}}wrap", nsmap={"w10": W10}, type="square")
        return picture

    # ---- saving
    def save(self, habits: Habits = Habits()) -> bytes:
        """The package as Word would save it after these edits."""
        parts = dict(self.parts)
        root = self.root
        if habits.split_runs or habits.proofing or habits.page_breaks:
            self._typing_habits(habits)
        if habits.go_back and self.last_edit is not None and self.last_edit.getparent() is not None:
            self._go_back(self.last_edit)
        if habits.rsids:
            self._paragraph_rsids()
        if habits.para_ids:
            self._para_ids(root)
        if habits.renumber_ids:
            self._renumber(root)
        if habits.namespaces:
            root = _with_word_namespaces(copy.deepcopy(root))
        parts["word/document.xml"] = _serialise(root)
        if self.comments:
            parts.update(self._comment_parts(habits))
            parts = _with_parts(parts, list(COMMENT_PARTS))
            if self._styles is not None:
                _add_comment_styles(self._styles)
        if self._styles is not None and "word/styles.xml" in parts:
            parts["word/styles.xml"] = _serialise(self._styles)
        if "word/settings.xml" in parts:
            parts["word/settings.xml"] = self._settings(parts["word/settings.xml"], habits)
        if habits.properties:
            parts.update(self._properties(parts))
        if habits.namespaces:
            for name in [n for n in parts if re.fullmatch(r"word/(header|footer)\d+\.xml", n)]:
                part = _parse(parts[name])
                if habits.para_ids:
                    self._para_ids(part)
                parts[name] = _serialise(_with_word_namespaces(part))
        return _zip(parts, habits.zip_order)

    def _typing_habits(self, habits: Habits) -> None:
        """Runs split between typing sessions, and proofing marks around words Word flags."""
        for paragraph in self.paragraphs():
            plain = [r for r in paragraph if r.tag == w("r") and [_local(c) for c in r if _local(c) != "rPr"] == ["t"]]
            if not plain:
                continue
            if self.random.random() < habits.split_runs:
                run = self.random.choice(plain)
                t = run.find(w("t"))
                spaces = [m.end() for m in re.finditer(r" ", t.text or "")][:-1]
                if spaces:
                    cut = self.random.choice(spaces)
                    rest = etree.Element(w("t"))
                    rest.text, t.text = t.text[cut:], t.text[:cut]
                    for part in (t, rest):
                        part.set(XML_SPACE, "preserve")
                    t.addnext(rest)
                    second = self._split_run(run, list(run).index(t))
                    second.set(w("rsidR"), self._rsid())
                    self.rsids.add(second.get(w("rsidR")))
            if self.random.random() < habits.proofing:
                self._proofing_marks(paragraph)
            if self.random.random() < habits.page_breaks:
                self._page_break(self.random.choice(plain))

    def _page_break(self, run: Element) -> None:
        """Where the last layout began a page: a w:lastRenderedPageBreak between two w:t of one run."""
        t = run.find(w("t"))
        spaces = [m.end() for m in re.finditer(r" ", (t.text if t is not None else "") or "")][:-1]
        if t is None or not spaces or t.getparent() is not run:
            return
        cut = self.random.choice(spaces)
        rest = etree.Element(w("t"))
        rest.text, t.text = t.text[cut:], t.text[:cut]
        for part in (t, rest):
            part.set(XML_SPACE, "preserve")
        t.addnext(rest)
        t.addnext(etree.Element(w("lastRenderedPageBreak")))

    def _proofing_marks(self, paragraph: Element) -> None:
        content = text(paragraph)
        words = [m for m in re.finditer(r"[A-Za-z]{4,}", content)]
        if not words:
            return
        kind = self.random.choice(("spell", "gram"))
        first = self.random.randrange(len(words))
        last = first if kind == "spell" else min(len(words) - 1, first + self.random.randrange(3))
        start, end = words[first].start(), words[last].end()
        chosen, _ = self._span(paragraph, start, end)
        if not chosen or any(r.getparent() is not chosen[0].getparent() for r in chosen):
            return
        begin, finish = etree.Element(w("proofErr")), etree.Element(w("proofErr"))
        begin.set(w("type"), f"{kind}Start")
        finish.set(w("type"), f"{kind}End")
        chosen[0].addprevious(begin)
        chosen[-1].addnext(finish)

    def _go_back(self, paragraph: Element) -> None:
        for old in list(self.root.iter(w("bookmarkStart"))):
            if old.get(w("name")) == "_GoBack":
                for end in list(self.root.iter(w("bookmarkEnd"))):
                    if end.get(w("id")) == old.get(w("id")):
                        end.getparent().remove(end)
                old.getparent().remove(old)
        start, end = etree.Element(w("bookmarkStart")), etree.Element(w("bookmarkEnd"))
        start.set(w("id"), self._id())
        start.set(w("name"), "_GoBack")
        end.set(w("id"), start.get(w("id"), ""))
        paragraph.append(start)
        paragraph.append(end)

    def _paragraph_rsids(self) -> None:
        for paragraph in self.root.iter(w("p")):
            paragraph.set(w("rsidR"), paragraph.get(w("rsidR"), self.original_rsid))
            paragraph.set(w("rsidRDefault"), paragraph.get(w("rsidRDefault"), paragraph.get(w("rsidR"))))
        for row in self.root.iter(w("tr")):
            row.set(w("rsidR"), row.get(w("rsidR"), self.original_rsid))
            row.set(w("rsidTr"), row.get(w("rsidTr"), self.original_rsid))
        for element in self.root.iter():
            for attribute in ("rsidR", "rsidRPr", "rsidDel", "rsidP", "rsidRDefault", "rsidTr"):
                value = element.get(w(attribute))
                if value:
                    self.rsids.add(value)

    def _para_ids(self, root: Element) -> None:
        """w14:paraId (unique) and w14:textId on every paragraph and table row, first among the attributes."""
        used: set[str] = set()
        for element in root.iter(w("p"), w("tr")):
            para_id = element.get(f"{{{W14}}}paraId")
            while para_id is None or para_id in used:
                para_id = self._hex_id()
            used.add(para_id)
            empty = element.tag == w("tr") or not text(element)      # (rows always carry 77777777)
            others = [(n, v) for n, v in element.attrib.items() if n not in (f"{{{W14}}}paraId", f"{{{W14}}}textId")]
            element.attrib.clear()
            element.set(f"{{{W14}}}paraId", para_id)
            element.set(f"{{{W14}}}textId", "77777777" if empty else self._hex_id())
            for name, value in others:
                element.set(name, value)

    def _renumber(self, root: Element) -> None:
        """Comments numbered 0.. in order of their ranges; every other w:id in one sequence, document order."""
        order: list[int] = []
        for element in root.iter(w("commentRangeStart"), w("commentReference")):
            number = int(element.get(w("id"), "-1"))
            if 0 <= number < len(self.comments) and number not in order:
                order.append(number)
        new_number = {old: new for new, old in enumerate(order)}
        for element in root.iter(w("commentRangeStart"), w("commentRangeEnd"), w("commentReference")):
            number = int(element.get(w("id"), "-1"))
            if number in new_number:
                element.set(w("id"), str(new_number[number]))
        self.comments = [self.comments[old] for old in order]
        for comment in self.comments:
            if comment.parent is not None:
                comment.parent = new_number[comment.parent]
        counter = 0
        pairs: dict[tuple[str, str], str] = {}
        for element in root.iter():
            tag = _local(element)
            if element.get(w("id")) is None or tag.startswith("comment"):
                continue
            kind = next((k for k in RANGE_PAIRS if tag in (k + "Start", k + "End")), None)
            if kind is not None and tag.endswith("End"):
                element.set(w("id"), pairs.get((kind, element.get(w("id"))), element.get(w("id"))))
                continue
            new = str(counter)
            counter += 1
            if kind is not None:
                pairs[(kind, element.get(w("id")))] = new
            element.set(w("id"), new)

    def _comment_parts(self, habits: Habits) -> dict[str, bytes]:
        def root_of(tag: str) -> Element:
            return etree.Element(tag, nsmap=WORD_NAMESPACES if habits.namespaces else None)

        comments = root_of(w("comments"))
        extended = root_of(f"{{{W15}}}commentsEx")
        identities = root_of(f"{{{W16CID}}}commentsIds")
        people = root_of(f"{{{W15}}}people")
        for element in (comments, extended, identities, people):
            element.set(f"{{{MC}}}Ignorable", IGNORABLE)
        for number, comment in enumerate(self.comments):
            entry = etree.SubElement(comments, w("comment"))
            entry.set(w("id"), str(number))
            entry.set(w("author"), comment.author)
            entry.set(w("date"), comment.date)
            entry.set(w("initials"), comment.initials)
            paragraph = etree.SubElement(entry, w("p"))
            paragraph.set(f"{{{W14}}}paraId", comment.para_id)
            paragraph.set(f"{{{W14}}}textId", self._hex_id())
            paragraph.set(w("rsidR"), self.session)
            paragraph.set(w("rsidRDefault"), self.session)
            style = etree.SubElement(etree.SubElement(paragraph, w("pPr")), w("pStyle"))
            style.set(w("val"), "CommentText")
            mark = etree.SubElement(paragraph, w("r"))
            etree.SubElement(etree.SubElement(mark, w("rPr")), w("rStyle")).set(w("val"), "CommentReference")
            etree.SubElement(mark, w("annotationRef"))
            paragraph.append(self._new_run(comment.text, None))
            threaded = etree.SubElement(extended, f"{{{W15}}}commentEx")
            threaded.set(f"{{{W15}}}paraId", comment.para_id)
            if comment.parent is not None:
                threaded.set(f"{{{W15}}}paraIdParent", self.comments[comment.parent].para_id)
            threaded.set(f"{{{W15}}}done", "0")
            durable = etree.SubElement(identities, f"{{{W16CID}}}commentId")
            durable.set(f"{{{W16CID}}}paraId", comment.para_id)
            durable.set(f"{{{W16CID}}}durableId", comment.durable_id)
        for author in dict.fromkeys(c.author for c in self.comments):
            person = etree.SubElement(people, f"{{{W15}}}person")
            person.set(f"{{{W15}}}author", author)
            presence = etree.SubElement(person, f"{{{W15}}}presenceInfo")
            presence.set(f"{{{W15}}}providerId", "None")
            presence.set(f"{{{W15}}}userId", author)
        return {"word/comments.xml": _serialise(comments), "word/commentsExtended.xml": _serialise(extended),
                "word/commentsIds.xml": _serialise(identities), "word/people.xml": _serialise(people)}

    def _settings(self, data: bytes, habits: Habits) -> bytes:
        settings = _parse(data)
        if habits.rsids:
            for old in settings.findall(w("rsids")):
                for rsid in old:
                    if rsid.get(w("val")):
                        self.rsids.add(rsid.get(w("val")))
                settings.remove(old)
            listed = etree.Element(w("rsids"))
            etree.SubElement(listed, w("rsidRoot")).set(w("val"), self.original_rsid)
            for rsid in sorted(self.rsids):
                etree.SubElement(listed, w("rsid")).set(w("val"), rsid)
            _insert_before(settings, listed, ("mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
                                              "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures",
                                              "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType",
                                              "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
                                              "decimalSymbol", "listSeparator"))
        if self.tracked and settings.find(w("trackRevisions")) is None:
            _insert_before(settings, etree.Element(w("trackRevisions")),
                           ("doNotTrackMoves", "doNotTrackFormatting", "documentProtection", "autoFormatOverride",
                            "styleLockTheme", "styleLockQFSet", "defaultTabStop"))
        return _serialise(_with_word_namespaces(settings) if habits.namespaces else settings)

    def _properties(self, parts: dict[str, bytes]) -> dict[str, bytes]:
        updated = {}
        author = self.comments[-1].author if self.comments else "Jo Director"
        if "docProps/app.xml" in parts:
            app = _parse(parts["docProps/app.xml"])
            namespace = app.nsmap.get(None, "")
            for name, value in (("Application", "Microsoft Office Word"), ("AppVersion", "16.0000")):
                found = app.find(f"{{{namespace}}}{name}")
                if found is None:
                    found = etree.SubElement(app, f"{{{namespace}}}{name}")
                found.text = value
            updated["docProps/app.xml"] = _serialise(app)
        if "docProps/core.xml" in parts:
            core = _parse(parts["docProps/core.xml"])
            cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
            for name, value in (("lastModifiedBy", author),):
                found = core.find(f"{{{cp}}}{name}")
                if found is None:
                    found = etree.SubElement(core, f"{{{cp}}}{name}")
                found.text = value
            revision = core.find(f"{{{cp}}}revision")
            if revision is not None and (revision.text or "").isdigit():
                revision.text = str(int(revision.text) + 1)
            updated["docProps/core.xml"] = _serialise(core)
        return updated


# ------------------------------------------------------------------------------------------ package helpers

def _insert_ordered(parent: Element, child: Element, order: tuple[str, ...]) -> None:
    rank = order.index(_local(child)) if _local(child) in order else len(order)
    for index, existing in enumerate(parent):
        if _local(existing) in order and order.index(_local(existing)) > rank:
            parent.insert(index, child)
            return
    parent.append(child)


def _insert_before(parent: Element, child: Element, later: tuple[str, ...]) -> None:
    for existing in parent:
        if _local(existing) in later:
            existing.addprevious(child)
            return
    parent.append(child)


def _with_word_namespaces(root: Element) -> Element:
    """The same element with Word's namespace declarations and mc:Ignorable on it."""
    namespaces = dict(WORD_NAMESPACES)
    for prefix, uri in root.nsmap.items():
        if prefix is not None and prefix not in namespaces and uri not in namespaces.values():
            namespaces[prefix] = uri
    if None in root.nsmap:
        return root
    new = etree.Element(root.tag, nsmap=namespaces)
    for name, value in root.attrib.items():
        new.set(name, value)
    new.set(f"{{{MC}}}Ignorable", IGNORABLE)
    new.text = root.text
    for child in root:
        new.append(child)
    return new


def _with_parts(parts: dict[str, bytes], names: list[str]) -> dict[str, bytes]:
    """Content types and document relationships for added parts (once each)."""
    types = _parse(parts["[Content_Types].xml"])
    listed = {o.get("PartName") for o in types}
    rels = _parse(parts["word/_rels/document.xml.rels"])
    targets = {r.get("Target") for r in rels}
    numbers = [int(m.group(1)) for r in rels if (m := re.fullmatch(r"rId(\d+)", r.get("Id", "")))]
    for name in names:
        content_type, relationship = COMMENT_PARTS[name]
        if f"/{name}" not in listed:
            override = etree.SubElement(types, f"{{{CONTENT_TYPES}}}Override")
            override.set("PartName", f"/{name}")
            override.set("ContentType", content_type)
        target = name.removeprefix("word/")
        if target not in targets:
            numbers.append(max(numbers + [0]) + 1)
            entry = etree.SubElement(rels, f"{{{PACKAGE_RELS}}}Relationship")
            entry.set("Id", f"rId{numbers[-1]}")
            entry.set("Type", relationship)
            entry.set("Target", target)
    updated = dict(parts)
    updated["[Content_Types].xml"] = _serialise(types)
    updated["word/_rels/document.xml.rels"] = _serialise(rels)
    return updated


COMMENT_STYLES = (
    ("character", "CommentReference", "annotation reference", '<w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>'),
    ("paragraph", "CommentText", "annotation text", '<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>'),
)


def _add_comment_styles(styles: Element) -> None:
    """The comment styles Word adds to styles.xml with the first comment."""
    present = {s.get(w("styleId")) for s in styles.iter(w("style"))}
    for kind, style_id, name, properties in COMMENT_STYLES:
        if style_id in present:
            continue
        style = _parse(f'<w:style xmlns:w="{W}" w:type="{kind}" w:styleId="{style_id}"><w:name w:val="{name}"/>'
                       f'<w:basedOn w:val="{"DefaultParagraphFont" if kind == "character" else "Normal"}"/>'
                       f'<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>{properties}</w:style>'
                       .encode())
        styles.append(style)


def _rank(name: str) -> int:
    for index, pattern in enumerate(ZIP_ORDER):
        if re.fullmatch(re.escape(pattern).replace(r"\*", "[^/]*"), name):
            return index
    return len(ZIP_ORDER)


def _zip(parts: dict[str, bytes], word_order: bool) -> bytes:
    names = sorted(parts, key=lambda n: (_rank(n), list(parts).index(n))) if word_order else list(parts)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if name.lower().endswith(STORED) else zipfile.ZIP_DEFLATED
            package.writestr(info, parts[name])
    return buffer.getvalue()


def zip_names(docx: bytes) -> list[str]:
    """The package's part names in zip order."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return package.namelist()


def iter_changes(docx: bytes) -> Iterator[tuple[str, str, str]]:
    """(kind, author, date) of every tracked change in document.xml, in document order."""
    root = _parse(read_package(docx)["word/document.xml"])
    for element in root.iter():
        if _local(element) in CHANGE_TAGS + PROPERTY_CHANGES:
            yield _local(element), element.get(w("author"), ""), element.get(w("date"), "")
