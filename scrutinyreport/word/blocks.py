"""The unit both sides of a harvest are compared in: a block (heading, paragraph, list item, table,
recommendation) made of spans of text with their bold, italic and link. A reviewed document is read
into blocks (reader.py), and so is the Markdown a chunk was rendered from (harvest/blocks.py), so "left
alone" is simply "equal blocks", however the editor split the runs."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

HEADING, PARAGRAPH, BULLET, NUMBER, TABLE, RECOMMENDATION = \
    "heading", "paragraph", "bullet", "number", "table", "recommendation"
LIST_KINDS = (BULLET, NUMBER)


@dataclass(frozen=True)
class Span:
    """A piece of text in one format. ``typed`` marks text a reviewer typed as a tracked insertion: it is not
    compared (two blocks that read the same are equal), but it keeps the span apart from its neighbours, so a
    harvest can tell text the reviewer typed from text that was printed."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None
    typed: bool = field(default=False, compare=False)

    def same_format(self, other: Span) -> bool:
        return (self.bold, self.italic, self.href, self.typed) == (other.bold, other.italic, other.href, other.typed)


Spans = tuple[Span, ...]


@dataclass(frozen=True)
class Block:
    kind: str
    spans: Spans = ()
    level: int = 1                               # heading level 1..3; list level 1..2
    rows: tuple[tuple[Spans, ...], ...] = ()     # a table's rows of cells, the header first

    @property
    def text(self) -> str:
        """The plain text: a table's cells joined by tabs and its rows by line breaks."""
        if self.kind == TABLE:
            return "\n".join("\t".join(span_text(cell) for cell in row) for row in self.rows)
        return span_text(self.spans)

    @property
    def starts_chunk(self) -> bool:
        return not (self.kind in LIST_KINDS and self.level > 1)


def span_text(spans: Spans) -> str:
    return "".join(span.text for span in spans)


def block_texts(block: Block) -> list[str]:
    """The texts a block shows, white space squeezed: a paragraph's, or each cell of a table ('' left out)."""
    if block.kind == TABLE:
        texts = [" ".join(span_text(cell).split()) for row in block.rows for cell in row]
    else:
        texts = [" ".join(block.text.split())]
    return [text for text in texts if text]


def typed_mask(group: tuple[Block, ...]) -> list[bool]:
    """For each character of the group's plain text (blocks joined by line breaks, a table's cells by tabs
    and its rows by line breaks), whether the reviewer typed it as a tracked insertion."""
    mask: list[bool] = []
    for number, block in enumerate(group):
        if number:
            mask.append(False)
        if block.kind == TABLE:
            for row_number, row in enumerate(block.rows):
                if row_number:
                    mask.append(False)
                for cell_number, cell in enumerate(row):
                    if cell_number:
                        mask.append(False)
                    mask += [span.typed for span in cell for _ in span.text]
        else:
            mask += [span.typed for span in block.spans for _ in span.text]
    return mask


def normalise(spans: list[Span]) -> Spans:
    """Adjacent spans of the same format joined, empty ones dropped, the ends of the text stripped."""
    joined: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if joined and joined[-1].same_format(span):
            last = joined.pop()
            span = replace(span, text=last.text + span.text)
        joined.append(span)
    if joined:
        joined[0] = replace(joined[0], text=joined[0].text.lstrip())
        joined[-1] = replace(joined[-1], text=joined[-1].text.rstrip())
    return tuple(span for span in joined if span.text)


def group_chunks(blocks: list[Block]) -> list[tuple[Block, ...]]:
    """Blocks grouped as narrative chunks: a top-level list item with the nested items under it."""
    groups: list[list[Block]] = []
    for block in blocks:
        if groups and not block.starts_chunk and groups[-1][0].kind in LIST_KINDS:
            groups[-1].append(block)
        else:
            groups.append([block])
    return [tuple(group) for group in groups]
