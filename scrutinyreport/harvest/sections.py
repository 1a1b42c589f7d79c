"""A reviewed document's blocks mapped back onto what the record says it was made from: each narrative
section's chunks and the recommendations. Paragraphs are matched by content (matching.py), not by position,
across the whole document: a chunk left alone comes back as its recorded Markdown, word for word, wherever
the reviewer moved it (within its section or into another); an edited chunk is written from the document
with its live figures restored where the reviewer left them as printed (restore.py); a paragraph the
reviewer typed, new or in place of an old one, comes back as their text alone."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from ..content.markdown_chunks import Chunk, expressions, split_chunks, substitute
from ..word.blocks import HEADING, NUMBER, PARAGRAPH, RECOMMENDATION, Block, Span, group_chunks, typed_mask
from ..word.reader import ReviewedDocument
from .blocks import markdown_blocks
from .generated import generated_edits
from .markdown_writer import chunk_markdown, escape_jinja, plain_text
from .matching import EDITED, MOVED, NEW, REPLACED, SAME, SIMILAR, Fate, Item, match, similarity
from .restore import Figure, recorded_figures, restore


@dataclass
class SectionHarvest:
    """One narrative file: as recorded at generation (base) and as the reviewed document has it (theirs;
    None when the reviewer left it alone)."""

    key: str
    file: str
    base: list[Chunk]
    theirs: list[Chunk] | None


@dataclass
class BodyHarvest:
    sections: list[SectionHarvest] = field(default_factory=list)
    recommendations_base: list[str] = field(default_factory=list)
    recommendations: list[str] | None = None
    warnings: list[str] = field(default_factory=list)


def _pairs(old: list[Any], new: list[Any]) -> list[tuple[int | None, int | None, bool]]:
    """(old index, new index, equal) for an alignment of section titles: unequal runs are paired by position
    (a renamed heading is still its section), the surplus of either side stands alone."""
    pairs: list[tuple[int | None, int | None, bool]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            pairs.extend((i1 + k, j1 + k, True) for k in range(i2 - i1))
            continue
        common = min(i2 - i1, j2 - j1)
        pairs.extend((i1 + k, j1 + k, False) for k in range(common))
        pairs.extend((i, None, False) for i in range(i1 + common, i2))
        pairs.extend((None, j, False) for j in range(j1 + common, j2))
    return pairs


def _list_numbers(groups: list[tuple[Block, ...]]) -> list[int]:
    numbers, count = [], 0
    for group in groups:
        count = count + 1 if group[0].kind == NUMBER else 0
        numbers.append(count or 1)
    return numbers


@dataclass(frozen=True)
class _Recorded:
    """A recorded chunk that prints something: its section's handler, its number there, what it printed."""

    section: int
    index: int
    printed: tuple[Block, ...]


@dataclass(frozen=True)
class _Reviewed:
    section: int
    group: tuple[Block, ...]
    number: int


class _Section:
    """One narrative section: its recorded chunks, and its chunks once harvested."""

    def __init__(self, entry: dict[str, Any], warnings: list[str]):
        self.entry, self.warnings, self.file = entry, warnings, entry["file"]
        self.synthetic = bool(entry.get("added_heading"))
        if entry.get("exists", True):
            self.chunks = split_chunks(entry["source"])
            self.values = entry.get("values")
        else:
            self.chunks = split_chunks(entry["rendered"])
            self.values = [[] for _ in self.chunks]
        if self.synthetic:
            self.chunks = [Chunk("# " + entry["title"])] + self.chunks
            self.values = None if self.values is None else [[]] + self.values
        self.printed = [tuple(markdown_blocks(substitute(c.body, v))) for c, v in zip(self.chunks, self.values)] \
            if self.values is not None else []

    @property
    def matchable(self) -> bool:
        """False for a file with Jinja statements, whose live figures cannot be told apart from its text."""
        return self.values is not None

    def title(self) -> str:
        if self.values is None:
            blocks = markdown_blocks(self.entry["rendered"])
        else:
            blocks = list(self.printed[0]) if self.chunks else []
        return blocks[0].text if blocks and blocks[0].kind == HEADING else self.entry["title"]

    def as_it_stands(self, blocks: list[Block]) -> list[Chunk] | None:
        """A file with Jinja statements: the reviewed text as it stands (None when left alone)."""
        if markdown_blocks(self.entry["rendered"]) == blocks:
            return None
        self.warnings.append(f"{self.file} uses Jinja statements ({{% ... %}}), so its live figures could "
                             "not be kept apart from the text: the reviewed text is taken as it stands")
        groups = group_chunks(blocks)
        return self._without_synthetic([Chunk(chunk_markdown(g, n)[0])
                                        for g, n in zip(groups, _list_numbers(groups))])

    def assemble(self, placed: list[tuple[Chunk, int | None, bool]]) -> list[Chunk] | None:
        """The file's chunks from the chunks placed in it, in order (each with the recorded chunk of this file
        it continues, if any, and whether it keeps its recorded spacing); the chunks that print nothing
        (comments, rules) stay after the chunk they followed. None when nothing changed."""
        visible = [i for i, printed in enumerate(self.printed) if printed]
        followers: dict[int | None, list[Chunk]] = {}
        anchor: int | None = None
        for index, chunk in enumerate(self.chunks):
            if self.printed[index]:
                anchor = index
            elif visible and index > visible[0]:
                followers.setdefault(anchor, []).append(chunk)
        here = {index for _, index, _ in placed if index is not None}
        for index in [i for i in followers if i is not None and i not in here]:     # its chunk moved or went
            earlier = [i for i in visible if i < index and i in here]
            followers.setdefault(earlier[-1] if earlier else None, []).extend(followers.pop(index))
        chunks = [self.chunks[i] for i in range(visible[0] if visible else len(self.chunks))]
        chunks += followers.pop(None, [])
        for chunk, continues, own_spacing in placed:
            if own_spacing:
                chunks.append(chunk)
            else:
                self._insert(chunks, chunk)
            chunks += followers.pop(continues, []) if continues is not None else []
        if chunks == self.chunks:
            return None
        return self._without_synthetic(chunks)

    @staticmethod
    def _insert(chunks: list[Chunk], chunk: Chunk) -> None:
        """A chunk in a new place takes its predecessor's spacing; list items stay together."""
        if chunks:
            previous = chunks[-1]
            chunk = Chunk(chunk.body, previous.sep)
            if previous.list_item and chunk.list_item:
                chunks[-1] = Chunk(previous.body, "\n")
        chunks.append(chunk)

    def _without_synthetic(self, chunks: list[Chunk]) -> list[Chunk]:
        if self.synthetic and chunks and chunks[0] == self.chunks[0]:
            return chunks[1:]
        return chunks

    def figures(self, index: int) -> tuple[list[Figure], str] | None:
        """The live figures of a recorded chunk, where each was printed; None when they cannot be placed."""
        assert self.values is not None
        if not self.values[index]:
            return [], plain_text(self.printed[index])
        return recorded_figures(self.chunks[index].body, self.values[index], markdown_blocks)

    def edited(self, indices: tuple[int, ...], group: tuple[Block, ...], number: int) -> str:
        """The Markdown of a reviewed paragraph that continues the recorded chunks (one, or two it joined),
        with the live figures it left as printed."""
        figures: list[Figure] = []
        old_parts: list[str] = []
        for index in indices:
            found = self.figures(index)
            if found is None:
                self.warnings.append(f"{self.file}: the live figures of the edited paragraph "
                                     f"“{_short(self.chunks[index].body)}” could not be told apart from its text: "
                                     "the reviewed text is taken as it stands")
                return chunk_markdown(group, number)[0]
            offset = sum(len(part) + 1 for part in old_parts)
            figures += [Figure(f.expression, f.value, f.start + offset, f.end + offset) for f in found[0]]
            old_parts.append(found[1])
        new = plain_text(group)
        kept, typed_over, replaced_by = restore(figures, " ".join(old_parts), new, typed_mask(group))
        body, applied = chunk_markdown(group, number, kept)
        for substitution in kept:
            if substitution not in applied:
                figure = next(f for f in figures if f.expression == substitution.expression)
                typed_over.append(figure)
                replaced_by.append(new[substitution.start:substitution.end])
        for figure, text in zip(typed_over, replaced_by):
            self.warnings.append(_typed_over(self.file, figure.expression, figure.value, text))
        return body

    def replaced(self, index: int, group: tuple[Block, ...]) -> None:
        """Warn that a recorded chunk's live figures went with the text the reviewer typed over it."""
        assert self.values is not None
        typed = " ".join(plain_text(group).split())
        for expression, value in zip(expressions(self.chunks[index].body), self.values[index]):
            self.warnings.append(_typed_over(self.file, expression, value, typed))


def _short(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length - 1] + "…"


def _typed_over(where: str, expression: str, value: str, text: str) -> str:
    if not text:
        return (f"{where}: the live figure {expression} (printed as “{value}”) was deleted by the reviewer, "
                "and stays deleted")
    return (f"{where}: the live figure {expression} (printed as “{value}”) was typed over by the reviewer; "
            f"their text “{text}” is kept in its place, so it will no longer follow the data")


def _split_sections(blocks: list[Block], titles: set[str]) -> tuple[list[Block], list[tuple[str, list[Block]]]]:
    """The blocks before the first section, and each section's blocks (its heading first). A paragraph that
    reads as a recorded section's title where no heading does is that section's heading: LibreOffice gives a
    heading the style of a paragraph deleted just before it, while it still shows the heading."""
    headings = {block.text for block in blocks if block.kind == HEADING and block.level == 1}
    front: list[Block] = []
    sections: list[tuple[str, list[Block]]] = []
    for block in blocks:
        if block.kind == PARAGRAPH and block.text in titles - headings:
            block = Block(HEADING, block.spans, 1)
            headings.add(block.text)
        if block.kind == HEADING and block.level == 1:
            sections.append((block.text, [block]))
        elif sections:
            sections[-1][1].append(block)
        else:
            front.append(block)
    return front, sections


def _recommendations(record: dict[str, Any], front: list[Block], harvest: BodyHarvest) -> None:
    """The recommendations: matched like narrative paragraphs (moved, edited, replaced, new), their live
    figures restored where the reviewer left them as printed; what the reviewer typed stays text."""
    recorded = record.get("recommendations", [])
    harvest.recommendations_base = [r["source"] for r in recorded]
    reviewed = [block for block in front if block.kind == RECOMMENDATION]

    def printed(entry: dict[str, Any]) -> str:
        values = entry["values"]
        return " ".join((substitute(entry["source"], values) if values is not None else entry["source"]).split())

    def as_blocks(text: str) -> list[Block]:
        return [Block(PARAGRAPH, (Span(" ".join(text.split())),))]

    # a recommendation holding a tracked insertion is never the same as one printed, even where it reads the
    # same (a figure retyped with its printed value): as a narrative block with typed text is not
    old = [Item(0, (printed(r), False), printed(r)) for r in recorded]
    new = [Item(0, (" ".join(b.text.split()), any(typed_mask((b,)))), " ".join(b.text.split())) for b in reviewed]
    fates = match(old, new)
    result: list[str] = []
    for block, item, fate in zip(reviewed, new, fates):
        text = item.text
        if fate.kind in (SAME, MOVED):
            result.append(recorded[fate.olds[0]]["source"])
            continue
        if fate.kind == EDITED:
            figures: list[Figure] = []
            old_parts: list[str] = []
            for index in fate.olds:
                entry = recorded[index]
                found = recorded_figures(entry["source"], entry["values"], as_blocks) if entry["values"] else None
                offset = sum(len(part) + 1 for part in old_parts)
                if found is not None:
                    figures += [Figure(f.expression, f.value, f.start + offset, f.end + offset) for f in found[0]]
                old_parts.append(found[1] if found is not None else old[index].text)
            mask = _squeezed_mask(block)
            kept, typed_over, replaced_by = restore(figures, " ".join(old_parts), text, mask)
            pieces, position = [], 0
            for substitution in sorted(kept, key=lambda s: s.start):
                pieces += [escape_jinja(text[position:substitution.start], plain=True), substitution.expression]
                position = substitution.end
            result.append("".join(pieces) + escape_jinja(text[position:], plain=True))
            for figure, typed in zip(typed_over, replaced_by):
                harvest.warnings.append(_typed_over("pack.yaml recommendations", figure.expression,
                                                    figure.value, typed))
            continue
        if fate.kind == REPLACED:
            entry = recorded[fate.olds[0]]
            for expression, value in zip(expressions(entry["source"]), entry["values"] or []):
                harvest.warnings.append(_typed_over("pack.yaml recommendations", expression, value, text))
        result.append(escape_jinja(text, plain=True))
    unchanged = result == harvest.recommendations_base
    harvest.recommendations = None if unchanged else result


def _squeezed_mask(block: Block) -> list[bool]:
    """The typed mask of a block's text with its white space squeezed to single spaces and its ends stripped
    (as recommendations are compared)."""
    text, mask = block.text, typed_mask((block,))
    squeezed: list[bool] = []
    for word in re.finditer(r"\S+", text):
        if squeezed:
            squeezed.append(mask[word.start() - 1])
        squeezed += mask[word.start():word.end()]
    return squeezed


def harvest_body(record: dict[str, Any], document: ReviewedDocument) -> BodyHarvest:
    """What the reviewed document changed, section by section, against the record: paragraphs matched by
    content across the whole document (matching.py), so a paragraph moved to another section is still itself."""
    harvest = BodyHarvest()
    entries = record.get("sections", [])
    handlers = {i: _Section(e, harvest.warnings) for i, e in enumerate(entries) if not e["generated"]}
    titles = [handlers[i].title() if i in handlers else e["title"] for i, e in enumerate(entries)]
    front, doc_sections = _split_sections(document.blocks, set(titles))
    _recommendations(record, front, harvest)
    collected: dict[int, list[Block]] = {}
    last_narrative: int | None = None
    for old, new, _ in _pairs(titles, [title for title, _ in doc_sections]):
        if old is not None and old in handlers:
            last_narrative = old
        if old is not None and new is not None:
            if old in handlers:
                collected[old] = list(doc_sections[new][1])
        elif new is not None:
            if last_narrative is None:
                harvest.warnings.append(f"the new section “{doc_sections[new][0]}” comes before any narrative "
                                        "section, so it was not harvested: add it to a narrative file")
            else:
                collected.setdefault(last_narrative, []).extend(doc_sections[new][1])
        elif old is not None and old in handlers:
            harvest.warnings.append(f"the section “{titles[old]}” is no longer in the document; "
                                    f"{entries[old]['file']} is left as it is: delete the file to drop it")
    generated = {e["title"]: e["printed"] for e in entries if e["generated"] and "printed" in e}
    harvest.warnings += generated_edits(generated, document, lambda text: False)
    for index, handler in handlers.items():
        depth = int(handler.entry.get("depth", 0))
        if depth and index in collected:      # a heading of the document's own, and the file's headings deeper
            heading, *rest = collected[index]
            if heading.text != titles[index]:
                harvest.warnings.append(f"the heading “{heading.text}” (printed as “{titles[index]}”) is written by "
                                        f"scrutinyreport itself, so the change is not harvested into "
                                        f"{handler.file}: make it in the inputs it is made from")
            collected[index] = [Block(HEADING, handler.printed[0][0].spans, 1)] + [
                Block(HEADING, b.spans, max(1, b.level - depth)) if b.kind == HEADING else b for b in rest]
    results: dict[int, list[Chunk] | None] = {}
    matchable = {i: h for i, h in handlers.items() if h.matchable and i in collected}
    for index, handler in handlers.items():
        if index in collected and not handler.matchable:
            results[index] = handler.as_it_stands(collected[index])
    recorded = [_Recorded(i, n, printed) for i, h in matchable.items() for n, printed in enumerate(h.printed)
                if printed]
    reviewed: list[_Reviewed] = []
    for index in matchable:
        groups = group_chunks(collected[index])
        reviewed += [_Reviewed(index, g, n) for g, n in zip(groups, _list_numbers(groups))]
    fates = match([Item(r.section, r.printed, plain_text(r.printed)) for r in recorded],
                  [Item(r.section, r.group, plain_text(r.group)) for r in reviewed])
    placed: dict[int, list[tuple[Chunk, int | None, bool]]] = {i: [] for i in matchable}
    for item, fate in zip(reviewed, fates):
        placed[item.section].append(_place(item, fate, recorded, matchable))
    _moved_and_edited(reviewed, fates, recorded, matchable, harvest)
    for index in matchable:
        results[index] = matchable[index].assemble(placed[index])
    for index in handlers:
        if index not in results:
            continue
        entry = entries[index]
        base = split_chunks(entry["source"]) if entry.get("exists", True) else []
        harvest.sections.append(SectionHarvest(entry["key"], entry["file"], base, results[index]))
    return harvest


def _moved_and_edited(reviewed: list[_Reviewed], fates: list[Fate], recorded: list[_Recorded],
                      handlers: dict[int, _Section], harvest: BodyHarvest) -> None:
    """A warning for a new paragraph that reads like a deleted one with live figures (moved elsewhere and
    edited there): it comes back as the reviewer's text, so its figures no longer follow the data."""
    taken = {i for fate in fates for i in fate.olds}
    gone = [i for i, r in enumerate(recorded) if i not in taken and handlers[r.section].values is not None
            and any(handlers[r.section].values[r.index])]      # type: ignore[index]
    for item, fate in zip(reviewed, fates):
        if fate.kind != NEW or not gone:
            continue
        text = plain_text(item.group)
        score, best = max((similarity(plain_text(recorded[i].printed), text), i) for i in gone)
        if score < SIMILAR:
            continue
        old = recorded[best]
        handler = handlers[old.section]
        figures = ", ".join(expressions(handler.chunks[old.index].body))
        harvest.warnings.append(f"the new paragraph “{_short(text)}” in {handlers[item.section].file} reads like "
                                f"“{_short(plain_text(old.printed))}” of {handler.file}, moved and edited: it comes "
                                f"back as the reviewer's text, so its live figures ({figures}) no longer follow "
                                "the data")


def _place(item: _Reviewed, fate: Fate, recorded: list[_Recorded], handlers: dict[int, _Section]
           ) -> tuple[Chunk, int | None, bool]:
    """A reviewed paragraph as a chunk of its section's file, with the recorded chunk of that file it stands
    for (if any) and whether it keeps its recorded spacing."""
    handler = handlers[item.section]
    olds = [recorded[i] for i in fate.olds]
    if fate.kind in (SAME, MOVED):
        source = handlers[olds[0].section].chunks[olds[0].index]
        if fate.kind == SAME:
            return source, olds[0].index, True
        own = olds[0].index if olds[0].section == item.section else None
        return Chunk(source.body), own, False
    if fate.kind == EDITED:
        body = handler.edited(tuple(o.index for o in olds), item.group, item.number)
        return Chunk(body, handler.chunks[olds[0].index].sep), olds[0].index, True
    if fate.kind == REPLACED:
        handlers[olds[0].section].replaced(olds[0].index, item.group)
    body = chunk_markdown(item.group, item.number)[0]
    return Chunk(body), olds[0].index if fate.kind == REPLACED else None, False
