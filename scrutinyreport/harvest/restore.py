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


def _typed_between(figure: Figure, blocks: list[tuple[int, int, int]], new: str) -> tuple[int, int]:
    """Where, in the new text, the reviewer's text stands in place of a figure: after the last matching block
    that starts before the figure (and through any of the figure's printed words it still holds), up to the
    first that ends after it (from where the printed text resumes). Blocks wholly inside the figure's value
    are left out, and so is a part of a word: a few characters the reviewer typed may match it by chance
    ("77.5%" typed over "79.2%" shares its first 7), so what they typed is taken in whole words."""
    before = [(b + min(size, figure.start - a), b + min(size, figure.end - a)) for a, b, size in blocks
              if a < figure.start]
    after = [(b + max(0, figure.start - a), b + max(0, figure.end - a)) for a, b, size in blocks
             if a + size > figure.end]
    outer_left, left = before[-1] if before else (0, 0)
    right, outer_right = after[0] if after else (len(new), len(new))
    if not any(character.isspace() for character in new[outer_left:left]):
        left = outer_left
    if not any(character.isspace() for character in new[right:outer_right]):
        right = outer_right
    return left, right


def _common_ends(old: str, new: str, figure: Figure) -> set[tuple[int, int, int]]:
    """The text both share at their start (up to the figure) and at their end (from the figure on), as
    matching blocks: what the reviewer typed over a figure ends where the text as printed resumes, even when
    a diff matched the last full stop to one they typed."""
    prefix = 0
    while prefix < min(figure.start, len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old) - figure.end, len(new) - prefix) and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return {block for block in ((0, 0, prefix), (len(old) - suffix, len(new) - suffix, suffix)) if block[2]}


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
        around = sorted(set(solid) | _common_ends(old, new, figure))
        left, right = _typed_between(figure, around, new)
        inserted = [i for i in range(left, right) if typed[i]]
        if block is not None:        # its value stands where it was printed, typed anew there
            shift = block[1] - block[0]
            inserted += [i for i in range(figure.start + shift, figure.end + shift) if typed[i]]
        if inserted:                 # a tracked insertion says exactly what was typed: all of it, including
            left, right = min(inserted), max(inserted) + 1      # the words it shares with the printed text
            while left > 0 and typed[left - 1]:
                left -= 1
            while right < len(new) and typed[right]:
                right += 1
        typed_over.append(figure)
        replaced_by.append(" ".join(new[left:right].split()) if left < right else "")
    return kept, typed_over, replaced_by
