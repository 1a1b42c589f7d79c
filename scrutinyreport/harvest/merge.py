"""Three-way merge of a narrative file, chunk by chunk: base is the Markdown the document was made from,
ours is the file in inputs/ now, theirs is the reviewed document's text. A chunk changed on one side only
takes that side; changed on both (differently) is a conflict, and nothing is written."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence, TypeVar

from merge3 import Merge3

from ..markdown_chunks import Chunk

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


def merge(base: Sequence[T], ours: Sequence[T], theirs: Sequence[T], key=lambda item: item
          ) -> tuple[list[T], list[tuple[list[T], list[T], list[T]]]]:
    """The merged sequence and the conflicts (base, ours, theirs) found on the way."""
    merger = Merge3([key(i) for i in base], [key(i) for i in ours], [key(i) for i in theirs],
                    is_cherrypick=False)
    merged: list[T] = []
    conflicts = []
    for region in merger.merge_regions():
        kind = region[0]
        if kind == "unchanged":
            merged.extend(base[region[1]:region[2]])
        elif kind in ("a", "same"):
            merged.extend(ours[region[1]:region[2]])
        elif kind == "b":
            merged.extend(theirs[region[1]:region[2]])
        else:
            _, z1, z2, a1, a2, b1, b2 = region
            conflicts.append((list(base[z1:z2]), list(ours[a1:a2]), list(theirs[b1:b2])))
    return merged, conflicts


def merge_chunks(where: str, base: list[Chunk], ours: list[Chunk], theirs: list[Chunk]
                 ) -> tuple[list[Chunk], list[Conflict]]:
    def key(chunk: Chunk) -> str:       # a list item that ends its list differs from one inside it
        return chunk.body + ("\n\n" if chunk.sep.count("\n") > 1 else "\n")

    merged, found = merge(base, ours, theirs, key=key)

    def text(chunks: list[Chunk]) -> str:
        return "\n\n".join(chunk.body for chunk in chunks)

    return merged, [Conflict(where, text(b), text(o), text(t)) for b, o, t in found]
