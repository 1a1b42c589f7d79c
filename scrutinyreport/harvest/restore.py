"""Live figures kept live: where a reviewer left a figure printed from {{ ... }} alone, the expression
goes back into the Markdown; where they typed over it, their text stays and a warning names the
expression it replaced."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..content.markdown_chunks import expressions, substitute
from ..word.blocks import Block
from .markdown_writer import Substitution, plain_text

OPEN, CLOSE = "\ue000", "\ue001"


@dataclass(frozen=True)
class Figure:
    """A live figure of a chunk: its expression, the value printed, and where that sits in the plain text."""

    expression: str
    value: str
    start: int
    end: int


def recorded_figures(source: str, values: list[str],
                     to_blocks: Callable[[str], list[Block]]) -> tuple[list[Figure], str] | None:
    """Where each live figure of a recorded chunk was printed; None when the positions cannot be found
    (a figure inside a link's address, say)."""
    found = expressions(source)
    if len(found) != len(values):
        return None
    marked = plain_text(tuple(to_blocks(substitute(source, values, (OPEN, CLOSE)))))
    figures: list[tuple[int, int]] = []
    plain: list[str] = []
    starts: list[int] = []
    for character in marked:
        if character == OPEN:
            starts.append(len(plain))
        elif character == CLOSE and starts:
            figures.append((starts.pop(), len(plain)))
        else:
            plain.append(character)
    if len(figures) != len(values):
        return None
    return [Figure(e, v, s, t) for e, v, (s, t) in zip(found, values, figures)], "".join(plain)


CONTEXT = 3     # characters of the printed text either side that must stand as printed, on one side at least


def _printed_in_place(figure: Figure, block: tuple[int, int, int], old: str, new: str) -> bool:
    """The matching block holds the figure's value with the text printed next to it, on one side at least:
    CONTEXT characters of it, or the start or end of the paragraph on both sides of the diff."""
    a, b, size = block
    left, right = figure.start - a, a + size - figure.end
    return (left >= CONTEXT or left == figure.start and b == 0) or \
        (right >= CONTEXT or right == len(old) - figure.end and b + size == len(new))


def _mapped(old_position: int, blocks: list[tuple[int, int, int]], before: bool) -> int | None:
    """Where a position of the old text stands in the new, through the matching blocks (the end of the last
    block before it, or the start of the first block after it)."""
    if before:
        found = [b + min(size, old_position - a) for a, b, size in blocks if a < old_position]
        return found[-1] if found else None
    found = [b + max(0, old_position - a) for a, b, size in blocks if a + size > old_position]
    return found[0] if found else None


def restore(figures: list[Figure], old: str, new: str, typed: list[bool] | None = None
            ) -> tuple[list[Substitution], list[Figure], list[str]]:
    """Substitutions for the figures the reviewer left where they were printed (the value unchanged, not typed
    as a tracked insertion, and standing beside the text printed next to it); the figures typed over, with
    exactly the text the reviewer left in their place ('' when they deleted it)."""
    typed = typed or [False] * len(new)
    matching = [(a, b, size) for a, b, size in SequenceMatcher(None, old, new, autojunk=False).get_matching_blocks()
                if size]
    solid = [m for m in matching if m[2] >= CONTEXT or m[0] == 0 and m[1] == 0 or
             m[0] + m[2] == len(old) and m[1] + m[2] == len(new)]
    kept, typed_over, replaced_by = [], [], []
    for figure in figures:
        block = next((m for m in matching if m[0] <= figure.start and figure.end <= m[0] + m[2]), None)
        if block is not None and _printed_in_place(figure, block, old, new):
            start, end = figure.start + block[1] - block[0], figure.end + block[1] - block[0]
            if not any(typed[start:end]):
                kept.append(Substitution(start, end, figure.expression))
                continue
        left = _mapped(figure.start, solid, before=True)
        right = _mapped(figure.end, solid, before=False)
        left, right = left or 0, len(new) if right is None else right
        inserted = [i for i in range(left, right) if typed[i]]
        if inserted:                 # a tracked insertion says exactly what was typed
            left, right = inserted[0], inserted[-1] + 1
        typed_over.append(figure)
        replaced_by.append(" ".join(new[left:right].split()) if left < right else "")
    return kept, typed_over, replaced_by
