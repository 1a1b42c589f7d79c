"""Tracked changes (w:ins, w:del, moves, formatting changes) in a document body: listed, accepted or
rejected on an lxml tree, so the rest of the harvest reads the text as it would stand."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

#: An lxml element of a document body. Any, not lxml's _Element: these walks rely on the parents a valid body
#: has, where lxml's types make every getparent() optional.
Element = Any

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


INSERTED = (w("ins"), w("moveTo"))
DELETED = (w("del"), w("moveFrom"))
PROPERTY_CHANGES = (w("pPrChange"), w("rPrChange"), w("sectPrChange"), w("tblPrChange"), w("trPrChange"),
                    w("tcPrChange"), w("tblGridChange"), w("numberingChange"), w("tblPrExChange"))
RANGE_MARKS = (w("moveFromRangeStart"), w("moveFromRangeEnd"), w("moveToRangeStart"), w("moveToRangeEnd"))
MODES = ("accept", "reject", "stop")


@dataclass(frozen=True)
class TrackedChange:
    kind: str          # "insertion", "deletion", "move", "formatting"
    author: str
    date: str
    text: str
    where: str = ""        # where it stands: the section's number (or heading) and the paragraph's first words
    moved_from: str = ""   # a move: where the text was


def _text(element: Element) -> str:
    return "".join(element.itertext()).strip()


def _on_mark(element: Element) -> bool:
    parent = element.getparent()
    return parent is not None and parent.tag == w("rPr")


def _move_names(body: Element) -> dict[Element, str]:
    """The name of the move range each w:moveFrom and w:moveTo lies in (Word names them move1234...)."""
    names: dict[Element, str] = {}
    open_ranges: dict[str, dict[str, str]] = {"from": {}, "to": {}}
    starts = {w("moveFromRangeStart"): "from", w("moveToRangeStart"): "to"}
    ends = {w("moveFromRangeEnd"): "from", w("moveToRangeEnd"): "to"}
    for element in body.iter():
        if element.tag in starts:
            open_ranges[starts[element.tag]][element.get(w("id"), "")] = element.get(w("name"), "")
        elif element.tag in ends:
            open_ranges[ends[element.tag]].pop(element.get(w("id"), ""), None)
        elif element.tag in (w("moveFrom"), w("moveTo")):
            side = open_ranges["from" if element.tag == w("moveFrom") else "to"]
            if side:
                names[element] = list(side.values())[-1]
    return names


def list_changes(body: Element, locate: Callable[[Element], str] | None = None) -> list[TrackedChange]:
    """Every pending change, in document order: a move once (where it went, and where it came from), each
    with where it stands when ``locate`` says where an element is."""
    where = locate or (lambda element: "")
    changes: list[TrackedChange] = []
    names = _move_names(body)
    moves: dict[str, dict[str, list[Element]]] = {}
    first: dict[str, int] = {}
    for element in body.iter(*INSERTED, *DELETED, *PROPERTY_CHANGES):
        if element.tag in (w("moveFrom"), w("moveTo")):
            if _on_mark(element):
                continue
            name = names.get(element) or "text:" + _text(element)     # unnamed: its two halves read the same
            side = "from" if element.tag == w("moveFrom") else "to"
            moves.setdefault(name, {"from": [], "to": []})[side].append(element)
            if name not in first:
                first[name] = len(changes)
                changes.append(TrackedChange("move", "", "", ""))       # its place, filled in below
            continue
        if element.tag in PROPERTY_CHANGES:
            kind, text = "formatting", _text(element.getparent().getparent())
        else:
            kind = "insertion" if element.tag in INSERTED else "deletion"
            text = _text(element)
            if _on_mark(element):
                text = "(paragraph mark)" if element.getparent().getparent().tag == w("pPr") else "(row)"
        changes.append(TrackedChange(kind, element.get(w("author"), ""), element.get(w("date"), ""), text,
                                     where(element)))
    for name, halves in moves.items():
        shown = halves["to"] or halves["from"]
        text = " ".join(_text(e) for e in shown)
        changes[first[name]] = TrackedChange(
            "move", shown[0].get(w("author"), ""), shown[0].get(w("date"), ""), text,
            where(halves["to"][0]) if halves["to"] else "", where(halves["from"][0]) if halves["from"] else "")
    return changes


def _unwrap(element: Element) -> None:
    parent = element.getparent()
    index = parent.index(element)
    for child in list(element):
        parent.insert(index, child)
        index += 1
    parent.remove(element)


def _remove(element: Element) -> None:
    element.getparent().remove(element)


def _merge_with_next(paragraph: Element) -> None:
    """A paragraph whose mark is removed runs on into the next paragraph (Word's join)."""
    following = paragraph.getnext()
    content = [child for child in paragraph if child.tag != w("pPr")]
    if following is None or following.tag != w("p"):
        return
    properties = following.find(w("pPr"))
    index = 0 if properties is None else following.index(properties) + 1
    for child in content:
        following.insert(index, child)
        index += 1
    _remove(paragraph)


def resolve(body: Element, mode: str) -> None:
    """Accept or reject every tracked change under body, in place."""
    keep, drop = (INSERTED, DELETED) if mode == "accept" else (DELETED, INSERTED)
    for mark in list(body.iter(*RANGE_MARKS)):
        _remove(mark)
    # paragraph marks and table rows marked as inserted or deleted
    for marker in list(body.iter(*keep, *drop)):
        parent = marker.getparent()
        if parent is None or parent.tag != w("rPr") and parent.tag != w("trPr"):
            continue
        owner = parent.getparent()
        if marker.tag in drop:
            if owner.tag == w("pPr"):
                paragraph = owner.getparent()
                _remove(marker)
                _merge_with_next(paragraph)
            elif owner.tag == w("tr"):
                _remove(owner)
        else:
            _remove(marker)
    for element in list(body.iter(*drop)):
        if element.getparent() is not None:
            _remove(element)
    for element in list(body.iter(*keep)):
        _unwrap(element)
    for change in list(body.iter(*PROPERTY_CHANGES)):
        current, old = change.getparent(), change.find("*")
        if mode == "reject" and change.tag in (w("pPrChange"), w("rPrChange")) and old is not None:
            kept = (change, current.find(w("rPr")), current.find(w("sectPr"))) \
                if change.tag == w("pPrChange") else (change,)
            for child in list(current):
                if all(child is not k for k in kept):
                    current.remove(child)
            for index, child in enumerate(list(old)):
                current.insert(index, child)
        _remove(change)
    if mode == "reject":
        for deleted_text in list(body.iter(w("delText"))):
            deleted_text.tag = w("t")
        for deleted_instr in list(body.iter(w("delInstrText"))):
            deleted_instr.tag = w("instrText")

