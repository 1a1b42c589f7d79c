"""Text the documents write themselves (a committee update's Timescales, a dashboard's figures, the
self-assessment summary's scores and evidence, the Local Account's sections after its introduction): not
harvested, but never silently dropped either. Each record holds what such text printed, section by section
(the text of each paragraph and table cell), and a reviewer's edit there comes back as a warning that quotes
it and says where to make the change instead."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from ..word.reader import ReviewedDocument, texts_by_section


def _short(text: str, length: int = 120) -> str:
    return text if len(text) <= length else text[:length - 1] + "…"


def generated_edits(printed: dict[str, list[str]], document: ReviewedDocument, harvested: Callable[[str], bool],
                    sections: set[str] | None = None) -> list[str]:
    """A warning for each section (of ``sections``, or all) whose text, other than what ``harvested`` says the
    harvest brings back itself, the reviewer changed: what they added or changed, else what they deleted."""
    now = texts_by_section(document.blocks, document.sections_of_blocks)
    warnings = []
    for title, texts in printed.items():
        if sections is not None and title not in sections or title not in now:
            continue
        before = Counter(" ".join(t.split()) for t in texts if not harvested(" ".join(t.split())))
        after = Counter(t for t in now[title] if not harvested(t))
        added, removed = list((after - before).elements()), list((before - after).elements())
        if not added and not removed:
            continue
        what = f"the reviewer's text “{_short(added[0])}”" if added else f"“{_short(removed[0])}” deleted or moved"
        warnings.append(f"the section “{title}” is written by scrutinyreport itself, so edits in it are not "
                        f"harvested ({what}): make the change in the inputs it is made from")
    return warnings
