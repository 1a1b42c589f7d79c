"""Three-way merge of a narrative file, chunk by chunk: base is the Markdown the document was made from,
ours is the file in inputs/ now, theirs is the reviewed document's text. A chunk changed on one side only
takes that side; changed on both (differently) is a conflict, and nothing is written."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, TypeVar, cast

from merge3 import ConflictRegion, Merge3

from ..content.markdown_chunks import Chunk

T = TypeVar("T")


@dataclass(frozen=True)
class Conflict:
    where: str
    base: str
    ours: str
    theirs: str

    def __str__(self) -> str:
        def show(text: str) -> str:
            return "\n".join("    " + line for line in (text or "(nothing)").splitlines())
        return (f"{self.where}: changed both in the inputs and in the reviewed document\n"
                f"  as generated:\n{show(self.base)}\n  in the inputs now:\n{show(self.ours)}\n"
                f"  in the reviewed document:\n{show(self.theirs)}")


def merge(base: Sequence[T], ours: Sequence[T], theirs: Sequence[T], key: Callable[[T], Any] = lambda item: item
          ) -> tuple[list[T], list[tuple[list[T], list[T], list[T]]]]:
    """The merged sequence and the conflicts (base, ours, theirs) found on the way."""
    merger = Merge3([key(i) for i in base], [key(i) for i in ours], [key(i) for i in theirs],
                    is_cherrypick=False)
    merged: list[T] = []
    conflicts: list[tuple[list[T], list[T], list[T]]] = []
    for region in merger.merge_regions():
        kind = region[0]
        if kind == "unchanged":
            merged.extend(base[region[1]:region[2]])
        elif kind in ("a", "same"):
            merged.extend(ours[region[1]:region[2]])
        elif kind == "b":
            merged.extend(theirs[region[1]:region[2]])
        else:
            _, z1, z2, a1, a2, b1, b2 = cast(ConflictRegion, region)
            sides = list(base[z1:z2]), list(ours[a1:a2]), list(theirs[b1:b2])
            combined = _item_by_item(*sides, key)
            if combined is None:
                conflicts.append(sides)
            else:
                merged.extend(combined)
    return merged, conflicts


def _fates(base: list[T], side: list[T], key: Callable[[T], Any]) -> tuple[dict[int, list[T]], dict[int, list[T]]]:
    """What one side did to each item of base (replaced by a list, empty when deleted), and what it
    inserted before each position."""
    changed: dict[int, list[T]] = {}
    inserted: dict[int, list[T]] = {}
    matcher = SequenceMatcher(None, [key(i) for i in base], [key(i) for i in side], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "insert":
            inserted[i1] = list(side[j1:j2])
        elif tag != "equal":
            for k in range(i2 - i1):
                changed[i1 + k] = list(side[j1 + k:j1 + k + 1]) if j1 + k < j2 else []
            changed[i2 - 1] = changed[i2 - 1] + list(side[j1 + (i2 - i1):j2])
    return changed, inserted


def _item_by_item(base: list[T], ours: list[T], theirs: list[T], key: Callable[[T], Any]) -> list[T] | None:
    """A region diff3 calls a conflict merged item by item when the two sides changed different items
    (one edits a paragraph, the other deletes the next); None when they changed the same one."""
    ours_changed, ours_inserted = _fates(base, ours, key)
    theirs_changed, theirs_inserted = _fates(base, theirs, key)

    def same(one: list[T], other: list[T]) -> bool:
        return [key(i) for i in one] == [key(i) for i in other]

    if any(not same(ours_changed[i], theirs_changed[i]) for i in set(ours_changed) & set(theirs_changed)):
        return None
    if any(not same(ours_inserted[i], theirs_inserted[i]) for i in set(ours_inserted) & set(theirs_inserted)):
        return None
    merged: list[T] = []
    for index in range(len(base) + 1):
        merged += ours_inserted.get(index, theirs_inserted.get(index, []))
        if index < len(base):
            merged += ours_changed.get(index, theirs_changed.get(index, [base[index]]))
    return merged


def merge_chunks(where: str, base: list[Chunk], ours: list[Chunk], theirs: list[Chunk]
                 ) -> tuple[list[Chunk], list[Conflict]]:
    def key(chunk: Chunk) -> str:       # a list item that ends its list differs from one inside it
        return chunk.body + ("\n\n" if chunk.sep.count("\n") > 1 else "\n")

    merged, found = merge(base, ours, theirs, key=key)

    def text(chunks: list[Chunk]) -> str:
        return "\n\n".join(chunk.body for chunk in chunks)

    return merged, [Conflict(where, text(b), text(o), text(t)) for b, o, t in found]
