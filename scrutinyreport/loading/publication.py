"""pack.yaml's settings for what is published: ``disclosure:`` (small numbers) and ``local_account:``."""

from __future__ import annotations

from typing import Any, Protocol

from ..errors import Reason
from ..model import DISCLOSURE_DOCUMENTS, DISCLOSURE_ROUNDINGS, DisclosureSettings, LocalAccountSettings


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
    the key measures default to public_summary's indicators."""
    found = _mapping(reader, "local_account", "expected the Local Account's settings on indented lines")
    default = LocalAccountSettings()

    def text(key: str, fallback: str) -> str:
        value = found.get(key)
        if value is None:
            return fallback
        if isinstance(value, (dict, list)):
            reader.fail(("local_account", key), "expected a line of text", value, reason=Reason.WRONG_TYPE)
            return fallback
        if not reader.is_text(("local_account", key), value):
            return fallback
        return str(value).strip()

    meanings = found.get("meanings") or {}
    if not isinstance(meanings, dict) or any(isinstance(v, (dict, list)) for v in meanings.values()):
        reader.fail(("local_account", "meanings"), "expected one sentence per indicator id ('id: sentence')",
                    meanings, reason=Reason.WRONG_TYPE)
        meanings = {}
    if not all([reader.is_text(("local_account", "meanings", key), v) for key, v in meanings.items()]):
        meanings = {}
    indicators = _lines(reader, ("local_account", "indicators"), found.get("indicators")) or public_summary
    return LocalAccountSettings(
        title=text("title", default.title), area=text("area", default.area),
        introduction=text("introduction", default.introduction),
        introduction_by=text("introduction_by", default.introduction_by), indicators=indicators,
        meanings={str(k): " ".join(str(v).split()) for k, v in meanings.items() if v is not None},
        contact=_lines(reader, ("local_account", "contact"), found.get("contact"), prose=True))
