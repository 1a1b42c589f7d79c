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


def restore(figures: list[Figure], old: str, new: str) -> tuple[list[Substitution], list[Figure], list[str]]:
    """Substitutions for the figures whose printed text survives unchanged in ``new``; the figures typed
    over, with the text that now stands in their place."""
    opcodes = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    kept, typed_over, replaced_by = [], [], []
    for figure in figures:
        equal = next((o for o in opcodes if o[0] == "equal" and o[1] <= figure.start and figure.end <= o[2]),
                     None)
        if equal is not None:
            shift = equal[3] - equal[1]
            kept.append(Substitution(figure.start + shift, figure.end + shift, figure.expression))
            continue
        touched = [new[j1:j2] for tag, i1, i2, j1, j2 in opcodes
                   if i1 < figure.end and i2 > figure.start or (tag == "insert" and figure.start <= i1 <= figure.end)]
        typed_over.append(figure)
        replaced_by.append("".join(touched).strip())
    return kept, typed_over, replaced_by
