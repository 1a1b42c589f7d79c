"""The numbers Word shows before numbered paragraphs (4, 4.2, 4.2.3i), worked out from a document's
numbering and styles as Word counts them: each paragraph's list and level come from its own properties or
its style's (through the styles it is based on); levels count per abstract list, a deeper level restarts
when a shallower one moves on, and a list's level overrides restart it where the list is first used."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .tracked_changes import Element, w

ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
         (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str
    style: str | None


@dataclass
class _Numbering:
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)        # abstract id -> ilvl -> level
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # num id -> abstract, restarts


def _roman(number: int) -> str:
    out = []
    for value, letters in ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def _letters(number: int) -> str:
    """a..z, then aa..zz as Word counts."""
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1) if number > 0 else ""


def format_number(number: int, fmt: str) -> str:
    if fmt == "lowerRoman":
        return _roman(number)
    if fmt == "upperRoman":
        return _roman(number).upper()
    if fmt == "lowerLetter":
        return _letters(number)
    if fmt == "upperLetter":
        return _letters(number).upper()
    if fmt == "decimalZero":
        return f"{number:02d}"
    if fmt in ("bullet", "none"):
        return ""
    return str(number)


def _int(element: Element | None, default: int = 0) -> int:
    try:
        return int(element.get(w("val"))) if element is not None else default
    except (TypeError, ValueError):
        return default


def _read_numbering(root: Element | None) -> _Numbering:
    numbering = _Numbering()
    if root is None:
        return numbering
    for abstract in root.findall(w("abstractNum")):
        levels = {}
        for level in abstract.findall(w("lvl")):
            fmt = level.find(w("numFmt"))
            text = level.find(w("lvlText"))
            style = level.find(w("pStyle"))
            levels[_int_attr(level, "ilvl")] = _Level(
                _int(level.find(w("start")), 1), fmt.get(w("val"), "decimal") if fmt is not None else "decimal",
                text.get(w("val"), "") if text is not None else "", style.get(w("val")) if style is not None else None)
        numbering.levels[abstract.get(w("abstractNumId"), "")] = levels
    for num in root.findall(w("num")):
        abstract = num.find(w("abstractNumId"))
        restarts = {_int_attr(o, "ilvl"): _int(o.find(w("startOverride")), 1)
                    for o in num.findall(w("lvlOverride")) if o.find(w("startOverride")) is not None}
        numbering.nums[num.get(w("numId"), "")] = (abstract.get(w("val"), "") if abstract is not None else "",
                                                   restarts)
    return numbering


def _int_attr(element: Element, name: str) -> int:
    try:
        return int(element.get(w(name), "0"))
    except ValueError:
        return 0


def _style_numbering(styles: Element | None) -> dict[str, tuple[str | None, str | None, int | None]]:
    """styleId -> (based on, numId, ilvl) of every paragraph style."""
    found: dict[str, tuple[str | None, str | None, int | None]] = {}
    if styles is None:
        return found
    for style in styles.iter(w("style")):
        based = style.find(w("basedOn"))
        num_pr = style.find(f"{w('pPr')}/{w('numPr')}")
        num_id = num_pr.find(w("numId")) if num_pr is not None else None
        level = num_pr.find(w("ilvl")) if num_pr is not None else None
        found[style.get(w("styleId"), "")] = (based.get(w("val")) if based is not None else None,
                                              num_id.get(w("val")) if num_id is not None else None,
                                              _int(level) if level is not None else None)
    return found


def paragraph_numbers(paragraphs: Iterable[Element], numbering_part: Element | None, styles_part: Element | None
                      ) -> dict[Element, str]:
    """The number Word shows before each numbered paragraph, in document order ('4.2.3i'; a trailing full
    stop left off), from the parsed numbering and styles parts; paragraphs with no number (bullets included)
    are left out."""
    numbering = _read_numbering(numbering_part)
    styles = _style_numbering(styles_part)
    counters: dict[str, dict[int, int]] = {}
    used: set[str] = set()
    labels: dict[Element, str] = {}
    for paragraph in paragraphs:
        properties = paragraph.find(w("pPr"))
        style_element = properties.find(w("pStyle")) if properties is not None else None
        style = style_element.get(w("val")) if style_element is not None else None
        own = properties.find(w("numPr")) if properties is not None else None
        num_id = own.find(w("numId")).get(w("val")) if own is not None and own.find(w("numId")) is not None \
            else None
        level = _int(own.find(w("ilvl"))) if own is not None and own.find(w("ilvl")) is not None else None
        seen: set[str] = set()
        current = style
        while num_id is None and current and current not in seen and current in styles:
            seen.add(current)
            based, style_num, style_level = styles[current]
            if style_num is not None:
                num_id = style_num
                level = style_level if level is None else level
            current = based
        if num_id is None or num_id == "0" or num_id not in numbering.nums:
            continue
        abstract, restarts = numbering.nums[num_id]
        levels = numbering.levels.get(abstract, {})
        if level is None:
            level = next((i for i, lvl in levels.items() if style is not None and lvl.style == style), 0)
        if level not in levels:
            continue
        counts = counters.setdefault(abstract, {})
        if num_id not in used:
            used.add(num_id)
            for restarted, start in restarts.items():
                counts[restarted] = start - 1
                for deeper in [k for k in counts if k > restarted]:
                    del counts[deeper]
        counts[level] = counts[level] + 1 if level in counts else levels[level].start
        for deeper in [k for k in counts if k > level]:
            del counts[deeper]
        if levels[level].fmt in ("bullet", "none"):
            continue
        text = levels[level].text
        for number in range(9, 0, -1):
            placeholder = f"%{number}"
            if placeholder in text:
                shown = levels.get(number - 1)
                value = counts.get(number - 1, shown.start if shown else 1)
                text = text.replace(placeholder, format_number(value, shown.fmt if shown else "decimal"))
        label = text.strip().rstrip(".")
        if label:
            labels[paragraph] = label
    return labels
