"""Which reviewed paragraph is which recorded one, by content rather than by position.

Both sides are lists of items, each in a group (a narrative section; the recommendations are one group):
the recorded items as generated, the reviewed items as the document has them now. Each reviewed item is
given one of these fates:

    same      equal to a recorded item and in its place (the longest run of equal items, group by group)
    moved     equal to a recorded item found elsewhere: in its group (a move within a section) or another
    edited    in the place of one recorded item (or two, joined by deleting the mark between them), and
              still like it: most of its words stand as they were printed
    replaced  in the place of a recorded item but unlike it (the reviewer typed it anew over the old text)
    new       typed by the reviewer where nothing was

A recorded item no reviewed item took was deleted. Only ``same``, ``moved`` and ``edited`` items keep what
the record knows of them (their live figures); a replaced or new item is the reviewer's text alone.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

SAME, MOVED, EDITED, REPLACED, NEW = "same", "moved", "edited", "replaced", "new"
SIMILAR = 0.5            # the share of words two texts have in common for one to be an edit of the other
WORD = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class Fate:
    kind: str
    olds: tuple[int, ...] = ()       # recorded items it comes from (two for a join), in order


@dataclass(frozen=True)
class Item:
    group: int                       # the section (or the recommendations) it belongs to
    key: Hashable                    # equal keys: the item is unchanged
    text: str                        # its plain text, to tell an edit from a new text


def similarity(old: str, new: str) -> float:
    """2 * words in common (in order) / words in both: 1.0 for the same words, 0.0 for none in common."""
    a, b = WORD.findall(old.lower()), WORD.findall(new.lower())
    if not a or not b:
        return 1.0 if a == b else 0.0
    common = sum(block.size for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return 2 * common / (len(a) + len(b))


def _gap_pairs(olds: list[int], news: list[int], old: Sequence[Item], new: Sequence[Item]
               ) -> list[tuple[tuple[int, ...], int, float]]:
    """Every candidate (recorded items, reviewed item, similarity) within a gap: one recorded item, or two
    consecutive ones joined."""
    candidates: list[tuple[tuple[int, ...], int, float]] = []
    for n in news:
        for position, o in enumerate(olds):
            candidates.append(((o,), n, similarity(old[o].text, new[n].text)))
            if position + 1 < len(olds) and olds[position + 1] == o + 1:
                joined = old[o].text + " " + old[o + 1].text
                candidates.append(((o, o + 1), n, similarity(joined, new[n].text)))
    return candidates


def match(old: Sequence[Item], new: Sequence[Item]) -> list[Fate]:
    """The fate of each reviewed item (see the module's doc)."""
    fates: list[Fate | None] = [None] * len(new)
    taken: set[int] = set()
    gaps: list[tuple[list[int], list[int]]] = []
    for group in sorted({item.group for item in old} | {item.group for item in new}):
        olds = [i for i, item in enumerate(old) if item.group == group]
        news = [j for j, item in enumerate(new) if item.group == group]
        matcher = SequenceMatcher(None, [old[i].key for i in olds], [new[j].key for j in news], autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for k in range(i2 - i1):
                    fates[news[j1 + k]] = Fate(SAME, (olds[i1 + k],))
                    taken.add(olds[i1 + k])
            else:
                gaps.append((olds[i1:i2], news[j1:j2]))
    # moves: an unchanged item found elsewhere, in its own group first
    for j, item in enumerate(new):
        if fates[j] is not None:
            continue
        candidates = [i for i, recorded in enumerate(old) if i not in taken and recorded.key == item.key]
        candidates.sort(key=lambda i: old[i].group != item.group)
        if candidates:
            fates[j] = Fate(MOVED, (candidates[0],))
            taken.add(candidates[0])
    # edits (and joins) within the gap they sit in; then what is left in a gap, in order, replaced
    for olds, news in gaps:
        olds = [i for i in olds if i not in taken]
        news = [j for j in news if fates[j] is None]
        pairs = _gap_pairs(olds, news, old, new)
        pairs.sort(key=lambda pair: (-pair[2], len(pair[0]), pair[1]))
        for recorded, j, score in pairs:
            if score < SIMILAR:
                break
            if fates[j] is None and not taken.intersection(recorded):
                fates[j] = Fate(EDITED, recorded)
                taken.update(recorded)
        left_old = [i for i in olds if i not in taken]
        left_new = [j for j in news if fates[j] is None]
        for i, j in zip(left_old, left_new):
            fates[j] = Fate(REPLACED, (i,))
            taken.add(i)
    return [fate or Fate(NEW) for fate in fates]
