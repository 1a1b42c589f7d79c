"""Word's own list numbering for committee reports (word/numbering.xml).

Section numbers (1., 1.1, 4.2.3, 4.2.3i) come from ONE multilevel list whose levels are linked to the
heading and numbered-paragraph styles, so a reviewer who inserts or deletes a paragraph in Word sees the
numbers follow. Recommendations, "List Number" lists and bullets each have a list of their own.

    add_report_lists(document)       add the four lists and link them to the styles (idempotent)
    new_list_number(document)        a fresh w:num for one Markdown ordered list, restarting at 1

Lists are recognised by a fixed w:nsid (and w:name), so calling add_report_lists again, or on a template
that already has them, adds nothing. New ids never clash with ids already in the part, and every
w:abstractNum is kept before the first w:num, as the schema requires.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

from . import styles as S

#: A python-docx Document, or anything with its ``part`` (a docxtpl Subdoc's ``subdocx``).
DocumentLike = Any
#: An element of python-docx's oxml tree, whose child accessors (get_or_add_pPr ...) are made at run time.
Element = Any

# Layout, in twentieths of a point (567 to the centimetre).
NUMBER_COLUMN = 1134        # section numbers sit in a 2 cm column; the text starts after it
LIST_INDENT = 397           # bullets and list numbers hang 0.7 cm, starting at the text column


@dataclass(frozen=True)
class Level:
    ilvl: int
    num_fmt: str             # decimal, lowerRoman, lowerLetter, bullet
    text: str                # w:lvlText, e.g. "%1.%2"
    style: str | None        # the style this level is linked to (w:pStyle), by name
    left: int                # w:ind w:left
    hanging: int             # w:ind w:hanging


@dataclass(frozen=True)
class ListDefinition:
    name: str                            # w:name; also seeds the fixed w:nsid
    multi_level_type: str                # multilevel, hybridMultilevel, singleLevel
    levels: tuple[Level, ...]
    style_links: tuple[tuple[str, int], ...]   # (style name, ilvl): styles that take numbers from this list

    @property
    def nsid(self) -> str:
        return f"{zlib.crc32(self.name.encode('utf-8')):08X}"


def _filler(first: int, left: int, hanging: int, fmt: str = "decimal", text: str | None = None) -> tuple[Level, ...]:
    """Levels nobody uses on purpose, defined so that demoting a paragraph in Word gives something sane."""
    return tuple(Level(i, fmt, text if text is not None else f"({'%'}{i + 1})", None, left, hanging)
                 for i in range(first, 9))


SECTIONS = ListDefinition(
    name="Report sections",
    multi_level_type="multilevel",
    levels=(
        Level(0, "decimal", "%1.", S.HEADING_1, NUMBER_COLUMN, NUMBER_COLUMN),
        Level(1, "decimal", "%1.%2", S.HEADING_2, NUMBER_COLUMN, NUMBER_COLUMN),
        Level(2, "decimal", "%1.%2.%3", S.HEADING_3, NUMBER_COLUMN, NUMBER_COLUMN),
        Level(3, "lowerRoman", "%1.%2.%3%4", S.NUMBERED_PARAGRAPH_3, NUMBER_COLUMN, NUMBER_COLUMN),
        *_filler(4, NUMBER_COLUMN + LIST_INDENT, LIST_INDENT, "lowerLetter"),
    ),
    style_links=((S.HEADING_1, 0), (S.HEADING_2, 1), (S.NUMBERED_PARAGRAPH_1, 1),
                 (S.HEADING_3, 2), (S.NUMBERED_PARAGRAPH_2, 2), (S.NUMBERED_PARAGRAPH_3, 3)),
)

RECOMMENDATIONS = ListDefinition(
    name="Recommendations",
    multi_level_type="singleLevel",
    levels=(Level(0, "decimal", "%1.", S.RECOMMENDATION, NUMBER_COLUMN, NUMBER_COLUMN),),
    style_links=((S.RECOMMENDATION, 0),),
)

LIST_NUMBERS = ListDefinition(
    name="List Number",
    multi_level_type="hybridMultilevel",
    levels=(
        Level(0, "decimal", "%1.", S.LIST_NUMBER, NUMBER_COLUMN + LIST_INDENT, LIST_INDENT),
        Level(1, "lowerLetter", "%2)", S.LIST_NUMBER_2, NUMBER_COLUMN + 2 * LIST_INDENT, LIST_INDENT),
        *_filler(2, NUMBER_COLUMN + 3 * LIST_INDENT, LIST_INDENT, "lowerRoman"),
    ),
    style_links=((S.LIST_NUMBER, 0), (S.LIST_NUMBER_2, 1)),
)

BULLETS = ListDefinition(
    name="List Bullet",
    multi_level_type="hybridMultilevel",
    levels=(
        Level(0, "bullet", "\u2022", S.LIST_BULLET, NUMBER_COLUMN + LIST_INDENT, LIST_INDENT),
        Level(1, "bullet", "\u2013", S.LIST_BULLET_2, NUMBER_COLUMN + 2 * LIST_INDENT, LIST_INDENT),
        *_filler(2, NUMBER_COLUMN + 3 * LIST_INDENT, LIST_INDENT, "bullet", "\u2022"),
    ),
    style_links=((S.LIST_BULLET, 0), (S.LIST_BULLET_2, 1)),
)

REPORT_LISTS = (SECTIONS, RECOMMENDATIONS, LIST_NUMBERS, BULLETS)


@dataclass(frozen=True)
class ReportLists:
    """w:numId of each list as the styles use it."""
    sections: int
    recommendations: int
    list_number: int
    bullets: int


# --------------------------------------------------------------------------------------------------
# public functions

def add_report_lists(document: DocumentLike) -> ReportLists:
    """Add the section, recommendation, list-number and bullet lists to ``document`` and link the
    report styles that exist in it to them (w:numPr in the style, w:pStyle in the level).

    Idempotent: a list already present (same w:nsid or w:name) is reused, never duplicated.
    ``document`` is a python-docx Document, or anything with its ``part`` (a docxtpl Subdoc's
    ``subdocx`` works: its part is the template's).
    """
    numbering = _numbering(document)
    num_ids = []
    for definition in REPORT_LISTS:
        abstract = _find_abstract(numbering, definition)
        if abstract is None:
            abstract = _new_abstract(numbering, definition, _style_ids(document))
        abstract_id = int(abstract.get(qn("w:abstractNumId")))
        num_id = _plain_num(numbering, abstract_id)
        if num_id is None:
            num_id = _new_num(numbering, abstract_id)
        num_ids.append(num_id)
        _link_styles(document, definition, num_id)
    return ReportLists(*num_ids)


def new_list_number(document: DocumentLike, *, level: int = 0, start: int = 1) -> int:
    """A new w:num on the "List Number" list that starts again at ``start`` on ``level``.

    Give its id to every item of one ordered list (w:numPr on the paragraph) so that list counts
    1, 2, 3 ... independently of every other list in the document.
    """
    numbering = _numbering(document)
    abstract_id = _abstract_id_of_style(document, numbering, S.LIST_NUMBER)
    if abstract_id is None:
        add_report_lists(document)
        abstract = _find_abstract(numbering, LIST_NUMBERS)
        assert abstract is not None  # add_report_lists has just added it
        abstract_id = int(abstract.get(qn("w:abstractNumId")))
    return _new_num(numbering, abstract_id, {level: start})


def style_numbering(document: DocumentLike, style_name: str) -> tuple[int, int] | None:
    """(w:numId, w:ilvl) a paragraph style takes its numbers from, following w:basedOn; None when the
    style does not exist or is not numbered (a w:numId of 0 switches inherited numbering off)."""
    style = _style_element(document, style_name)
    seen: set[int] = set()
    while style is not None and id(style) not in seen:
        seen.add(id(style))
        num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        num_id = num_pr.find(qn("w:numId")) if num_pr is not None else None
        if num_id is not None:
            value = int(num_id.get(qn("w:val")))
            ilvl = num_pr.find(qn("w:ilvl"))
            return (value, int(ilvl.get(qn("w:val"))) if ilvl is not None else 0) if value else None
        based_on = style.find(qn("w:basedOn"))
        if based_on is None:
            return None
        style = _style_element_by_id(document, based_on.get(qn("w:val")))
    return None


def style_num_id(document: DocumentLike, style_name: str) -> int | None:
    """The w:numId a paragraph style takes its numbers from (following w:basedOn), or None."""
    found = style_numbering(document, style_name)
    return found[0] if found else None


def set_paragraph_numbering(paragraph: Paragraph, num_id: int, ilvl: int) -> None:
    """Direct w:numPr on one paragraph (python-docx keeps it in schema position within w:pPr)."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()  # type: ignore[attr-defined]  # made at run time by python-docx
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


def numbering_in_schema_order(numbering_element: Element) -> bool:
    """True when every w:abstractNum comes before the first w:num (and numPicBullets before both)."""
    rank = {qn("w:numPicBullet"): 0, qn("w:abstractNum"): 1, qn("w:num"): 2, qn("w:numIdMacAtCleanup"): 3}
    ranks = [rank.get(child.tag, -1) for child in numbering_element if isinstance(child.tag, str)]
    return all(r >= 0 for r in ranks) and ranks == sorted(ranks)


# --------------------------------------------------------------------------------------------------
# internals

def _numbering(document: DocumentLike) -> Element:
    return document.part.numbering_part.element


def _style_ids(document: DocumentLike) -> dict[str, str]:
    """Style name (as python-docx shows it) -> style id, for the styles of the document."""
    ids: dict[str, str] = {}
    for style in document.styles:
        ids[style.name] = style.style_id
    return ids


def _style_element(document: DocumentLike, name: str) -> Element | None:
    try:
        return document.styles[name].element
    except KeyError:
        return None


def _style_element_by_id(document: DocumentLike, style_id: str | None) -> Element | None:
    for style in document.styles.element.findall(qn("w:style")):
        if style.get(qn("w:styleId")) == style_id:
            return style
    return None


def _find_abstract(numbering: Element, definition: ListDefinition) -> Element | None:
    for abstract in numbering.findall(qn("w:abstractNum")):
        nsid = abstract.find(qn("w:nsid"))
        name = abstract.find(qn("w:name"))
        if (nsid is not None and nsid.get(qn("w:val"), "").upper() == definition.nsid) or \
                (name is not None and name.get(qn("w:val")) == definition.name):
            return abstract
    return None


def _next_id(numbering: Element, tag: str, attribute: str) -> int:
    used = [int(el.get(qn(attribute))) for el in numbering.findall(qn(tag)) if el.get(qn(attribute))]
    return max(used, default=0) + 1


def _sub(parent: Element, tag: str, **attributes: object) -> Element:
    element = etree.SubElement(parent, qn(tag))
    for key, value in attributes.items():
        element.set(qn(f"w:{key}"), str(value))
    return element


def _new_abstract(numbering: Element, definition: ListDefinition, style_ids: dict[str, str]) -> Element:
    abstract = etree.Element(qn("w:abstractNum"))
    abstract.set(qn("w:abstractNumId"), str(_next_id(numbering, "w:abstractNum", "w:abstractNumId")))
    _sub(abstract, "w:nsid", val=definition.nsid)
    _sub(abstract, "w:multiLevelType", val=definition.multi_level_type)
    _sub(abstract, "w:name", val=definition.name)
    for level in definition.levels:
        lvl = _sub(abstract, "w:lvl", ilvl=level.ilvl)
        _sub(lvl, "w:start", val=1)
        _sub(lvl, "w:numFmt", val=level.num_fmt)
        if level.style and level.style in style_ids:
            _sub(lvl, "w:pStyle", val=style_ids[level.style])
        _sub(lvl, "w:suff", val="tab")
        _sub(lvl, "w:lvlText", val=level.text)
        _sub(lvl, "w:lvlJc", val="left")
        ppr = _sub(lvl, "w:pPr")
        _sub(ppr, "w:ind", left=level.left, hanging=level.hanging)
    # schema order: numPicBullet*, abstractNum*, num*, numIdMacAtCleanup?
    existing = numbering.findall(qn("w:abstractNum"))
    if existing:
        existing[-1].addnext(abstract)
    else:
        later = [el for el in numbering if el.tag in (qn("w:num"), qn("w:numIdMacAtCleanup"))]
        if later:
            later[0].addprevious(abstract)
        else:
            numbering.append(abstract)
    return abstract


def _plain_num(numbering: Element, abstract_id: int) -> int | None:
    """The first w:num on the abstract list without level overrides (the one styles link to)."""
    for num in numbering.findall(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        if ref is not None and int(ref.get(qn("w:val"))) == abstract_id and num.find(qn("w:lvlOverride")) is None:
            return int(num.get(qn("w:numId")))
    return None


def _new_num(numbering: Element, abstract_id: int, restarts: dict[int, int] | None = None) -> int:
    num_id = _next_id(numbering, "w:num", "w:numId")
    num = etree.Element(qn("w:num"))
    num.set(qn("w:numId"), str(num_id))
    _sub(num, "w:abstractNumId", val=abstract_id)
    for ilvl, start in sorted((restarts or {}).items()):
        override = _sub(num, "w:lvlOverride", ilvl=ilvl)
        _sub(override, "w:startOverride", val=start)
    cleanup = numbering.find(qn("w:numIdMacAtCleanup"))
    if cleanup is not None:
        cleanup.addprevious(num)
    else:
        numbering.append(num)
    return num_id


def _abstract_id_of_style(document: DocumentLike, numbering: Element, style_name: str) -> int | None:
    num_id = style_num_id(document, style_name)
    if num_id is None:
        return None
    for num in numbering.findall(qn("w:num")):
        if int(num.get(qn("w:numId"))) == num_id:
            return int(num.find(qn("w:abstractNumId")).get(qn("w:val")))
    return None


def _link_styles(document: DocumentLike, definition: ListDefinition, num_id: int) -> None:
    for style_name, ilvl in definition.style_links:
        style = _style_element(document, style_name)
        if style is None:
            continue
        num_pr = style.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = ilvl
        num_pr.get_or_add_numId().val = num_id
