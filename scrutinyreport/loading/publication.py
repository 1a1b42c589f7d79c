"""pack.yaml's settings for what is published: ``disclosure:`` (small numbers) and ``local_account:``."""

from __future__ import annotations

from typing import Any, Protocol

from ..errors import Reason
from ..model import DISCLOSURE_DOCUMENTS, DISCLOSURE_ROUNDINGS, DisclosureSettings, Forum, LocalAccountSettings


class Reader(Protocol):
    data: dict[str, Any]

    def fail(self, path: tuple[Any, ...], expected: str, found: Any, *, reason: Reason) -> None: ...

    def is_text(self, path: tuple[Any, ...], value: Any) -> bool: ...


def _mapping(reader: Reader, key: str, expected: str) -> dict[str, Any]:
    value = reader.data.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        reader.fail((key,), expected, value, reason=Reason.WRONG_TYPE)
        return {}
    return value


def _lines(reader: Reader, path: tuple[Any, ...], value: Any, prose: bool = False) -> tuple[str, ...]:
    """A list of lines (or one line); ``prose`` (lines printed as text, not ids or choices) refuses a yes/no or
    a number in it."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value.strip(),)
    if not isinstance(value, list) or any(isinstance(v, (dict, list)) for v in value):
        reader.fail(path, "expected a list of lines of text (each starting with '- ')", value, reason=Reason.WRONG_TYPE)
        return ()
    if prose and not all([reader.is_text(path + (index,), v) for index, v in enumerate(value)]):
        return ()
    return tuple(str(v).strip() for v in value if v is not None)


def read_disclosure(reader: Reader) -> DisclosureSettings:
    """``disclosure: {threshold: 5, rounding: 5, apply_to: [local_account, regional_return]}``; every entry
    optional."""
    found = _mapping(reader, "disclosure", "expected threshold, rounding and apply_to on indented lines")
    default = DisclosureSettings()
    threshold = found.get("threshold", default.threshold)
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 1:
        reader.fail(("disclosure", "threshold"), "expected a whole number of people, 1 or more (e.g. 5)", threshold,
                    reason=Reason.OUT_OF_RANGE)
        threshold = default.threshold
    rounding = found.get("rounding")
    if rounding in (None, "none", False):
        rounding = None
    elif rounding not in DISCLOSURE_ROUNDINGS or isinstance(rounding, bool):
        reader.fail(("disclosure", "rounding"), "expected 5, 10 or none", rounding, reason=Reason.NOT_A_CHOICE)
        rounding = None
    apply_to = _lines(reader, ("disclosure", "apply_to"), found.get("apply_to", list(default.apply_to)))
    for index, name in enumerate(apply_to):
        if name not in DISCLOSURE_DOCUMENTS:
            reader.fail(("disclosure", "apply_to", index), "expected one of: " + ", ".join(DISCLOSURE_DOCUMENTS),
                        name, reason=Reason.NOT_A_CHOICE)
    return DisclosureSettings(threshold=threshold, rounding=rounding,
                              apply_to=tuple(n for n in apply_to if n in DISCLOSURE_DOCUMENTS))


def read_local_account(reader: Reader, public_summary: tuple[str, ...]) -> LocalAccountSettings:
    """``local_account:`` with title, area, introduction, introduction_by, indicators, meanings and contact;
    priorities, activity, care_market (indicators and notes), forum (name, about and priorities), views,
    aims and target_changes. The key measures default to public_summary's indicators; the activity to the
    catalogue's yearly totals (None here)."""
    found = _mapping(reader, "local_account", "expected the Local Account's settings on indented lines")
    default = LocalAccountSettings()

    def text(key: str, fallback: str, within: dict[str, Any] = found, path: tuple[str, ...] = ("local_account",)
             ) -> str:
        value = within.get(key)
        if value is None:
            return fallback
        if isinstance(value, (dict, list)):
            reader.fail((*path, key), "expected a line of text", value, reason=Reason.WRONG_TYPE)
            return fallback
        if not reader.is_text((*path, key), value):
            return fallback
        return " ".join(str(value).split())

    def by_id(key: str, expected: str) -> dict[str, str]:
        """A sentence per indicator id ('id: sentence'), its lines joined."""
        value = found.get(key) or {}
        if not isinstance(value, dict) or any(isinstance(v, (dict, list)) for v in value.values()):
            reader.fail(("local_account", key), expected, value, reason=Reason.WRONG_TYPE)
            return {}
        if not all([reader.is_text(("local_account", key, k), v) for k, v in value.items()]):
            return {}
        return {str(k): " ".join(str(v).split()) for k, v in value.items() if v is not None}

    def inner(key: str, expected: str) -> dict[str, Any]:
        value = found.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            reader.fail(("local_account", key), expected, value, reason=Reason.WRONG_TYPE)
            return {}
        return value

    def lines(*path: str, within: dict[str, Any] = found, prose: bool = True) -> tuple[str, ...]:
        return tuple(" ".join(line.split()) for line in _lines(reader, ("local_account", *path),
                                                               within.get(path[-1]), prose=prose) if line.strip())

    indicators = _lines(reader, ("local_account", "indicators"), found.get("indicators")) or public_summary
    market = inner("care_market", "expected indicators and notes on indented lines")
    forum = inner("forum", "expected name, about and priorities on indented lines")
    return LocalAccountSettings(
        title=text("title", default.title), area=text("area", default.area),
        introduction=text("introduction", default.introduction),
        introduction_by=text("introduction_by", default.introduction_by), indicators=indicators,
        meanings=by_id("meanings", "expected one sentence per indicator id ('id: sentence')"),
        contact=_lines(reader, ("local_account", "contact"), found.get("contact"), prose=True),
        priorities=lines("priorities"),
        activity=None if found.get("activity") is None else lines("activity", prose=False),
        care_market=lines("care_market", "indicators", within=market, prose=False),
        care_market_notes=lines("care_market", "notes", within=market),
        forum=Forum(name=text("name", "", forum, ("local_account", "forum")),
                    about=text("about", "", forum, ("local_account", "forum")),
                    priorities=lines("forum", "priorities", within=forum)),
        views=lines("views"),
        aims=by_id("aims", "expected our aim for next year, one per key measure's id ('id: sentence')"),
        target_changes=by_id("target_changes", "expected why the target changed, one per key measure's id "
                             "('id: sentence')"))
