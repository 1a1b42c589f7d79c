"""A reviewed document's blocks mapped back onto what the record says it was made from: each narrative
section's chunks (left alone: the recorded Markdown, word for word; edited: Markdown written from the
document, live figures restored) and the recommendations."""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from ..content.markdown_chunks import Chunk, split_chunks, substitute
from ..word.blocks import HEADING, NUMBER, PARAGRAPH, RECOMMENDATION, Block, Span, group_chunks
from ..word.reader import ReviewedDocument
from .blocks import markdown_blocks
from .markdown_writer import chunk_markdown, plain_text
from .restore import recorded_figures, restore


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
    """(old index, new index, equal) for an alignment: unequal runs are paired by position, the surplus
    of either side stands alone (an insertion or a deletion)."""
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


class _Section:
    """Harvests one narrative section."""

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

    def title(self) -> str:
        if self.values is None:
            blocks = markdown_blocks(self.entry["rendered"])
        else:
            blocks = markdown_blocks(substitute(self.chunks[0].body, self.values[0])) if self.chunks else []
        return blocks[0].text if blocks and blocks[0].kind == HEADING else self.entry["title"]

    def harvest(self, blocks: list[Block]) -> list[Chunk] | None:
        groups = group_chunks(blocks)
        numbers = _list_numbers(groups)
        if self.values is None:
            if markdown_blocks(self.entry["rendered"]) == blocks:
                return None
            self.warnings.append(f"{self.file} uses Jinja statements ({{% ... %}}), so its live figures could "
                                 "not be kept apart from the text: the reviewed text is taken as it stands")
            return self._without_synthetic([Chunk(chunk_markdown(g, n)[0]) for g, n in zip(groups, numbers)])
        expected = [tuple(markdown_blocks(substitute(c.body, v))) for c, v in zip(self.chunks, self.values)]
        visible = [i for i, signature in enumerate(expected) if signature]
        theirs: list[Chunk] = []
        changed = False
        for old, new, equal in _pairs([expected[i] for i in visible], groups):
            index = visible[old] if old is not None else None
            if equal:
                assert index is not None  # an equal pair has both sides
                theirs.append(self.chunks[index])
            elif new is None:
                changed = True
            else:
                changed = True
                body = self._edited(index, groups[new], numbers[new])
                if index is not None:
                    theirs.append(Chunk(body, self.chunks[index].sep))
                else:
                    self._insert(theirs, Chunk(body))
            if index is not None:   # chunks that print nothing (comments, rules) stay after their neighbour
                following = index + 1
                while following < len(self.chunks) and not expected[following]:
                    theirs.append(self.chunks[following])
                    following += 1
        leading = [self.chunks[i] for i in range(visible[0] if visible else len(self.chunks))]
        return self._without_synthetic(leading + theirs) if changed else None

    @staticmethod
    def _insert(chunks: list[Chunk], chunk: Chunk) -> None:
        """A new chunk takes its predecessor's spacing; list items stay together."""
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

    def _edited(self, index: int | None, group: tuple[Block, ...], number: int) -> str:
        assert self.values is not None  # only called once the live figures are known
        if index is None or not self.values[index]:
            return chunk_markdown(group, number)[0]
        source, values = self.chunks[index].body, self.values[index]
        found = recorded_figures(source, values, markdown_blocks)
        if found is None:
            self.warnings.append(f"{self.file}: the live figures of the edited paragraph “{_short(source)}” "
                                 "could not be told apart from its text: the reviewed text is taken as it stands")
            return chunk_markdown(group, number)[0]
        figures, old = found
        kept, typed_over, replaced_by = restore(figures, old, plain_text(group))
        body, applied = chunk_markdown(group, number, kept)
        for substitution in kept:
            if substitution not in applied:
                figure = next(f for f in figures if f.expression == substitution.expression)
                typed_over.append(figure)
                replaced_by.append(plain_text(group)[substitution.start:substitution.end])
        for figure, text in zip(typed_over, replaced_by):
            self.warnings.append(_typed_over(self.file, figure.expression, figure.value, text))
        return body


def _short(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length - 1] + "…"


def _typed_over(where: str, expression: str, value: str, text: str) -> str:
    return (f"{where}: the live figure {expression} (printed as “{value}”) was typed over by the reviewer; "
            f"their text “{text}” is kept in its place, so it will no longer follow the data")


def _split_sections(blocks: list[Block]) -> tuple[list[Block], list[tuple[str, list[Block]]]]:
    front: list[Block] = []
    sections: list[tuple[str, list[Block]]] = []
    for block in blocks:
        if block.kind == HEADING and block.level == 1:
            sections.append((block.text, [block]))
        elif sections:
            sections[-1][1].append(block)
        else:
            front.append(block)
    return front, sections


def _recommendations(record: dict[str, Any], front: list[Block], harvest: BodyHarvest) -> None:
    recorded = record.get("recommendations", [])
    harvest.recommendations_base = [r["source"] for r in recorded]
    reviewed = [" ".join(b.text.split()) for b in front if b.kind == RECOMMENDATION]

    def printed(entry: dict[str, Any]) -> str:
        values = entry["values"]
        return " ".join((substitute(entry["source"], values) if values is not None else entry["source"]).split())

    def as_blocks(text: str) -> list[Block]:
        return [Block(PARAGRAPH, (Span(" ".join(text.split())),))]

    result, changed = [], False
    for old, new, equal in _pairs([printed(r) for r in recorded], reviewed):
        if equal:
            result.append(recorded[old]["source"])
        elif new is not None:
            changed = True
            text = reviewed[new]
            entry = recorded[old] if old is not None else None
            if entry and entry["values"]:
                found = recorded_figures(entry["source"], entry["values"], as_blocks)
                if found:
                    kept, typed_over, replaced_by = restore(found[0], found[1], text)
                    for substitution in sorted(kept, key=lambda s: -s.start):
                        text = text[:substitution.start] + substitution.expression + text[substitution.end:]
                    for figure, typed in zip(typed_over, replaced_by):
                        harvest.warnings.append(_typed_over("pack.yaml recommendations", figure.expression,
                                                            figure.value, typed))
            result.append(text)
        else:
            changed = True
    harvest.recommendations = result if changed else None


def harvest_body(record: dict[str, Any], document: ReviewedDocument) -> BodyHarvest:
    """What the reviewed document changed, section by section, against the record."""
    harvest = BodyHarvest()
    front, doc_sections = _split_sections(document.blocks)
    _recommendations(record, front, harvest)
    entries = record.get("sections", [])
    handlers = {i: _Section(e, harvest.warnings) for i, e in enumerate(entries) if not e["generated"]}
    titles = [handlers[i].title() if i in handlers else e["title"] for i, e in enumerate(entries)]
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
    for index, handler in handlers.items():
        if index not in collected:
            continue
        theirs = handler.harvest(collected[index])
        entry = entries[index]
        base = split_chunks(entry["source"]) if entry.get("exists", True) else []
        harvest.sections.append(SectionHarvest(entry["key"], entry["file"], base, theirs))
    return harvest
