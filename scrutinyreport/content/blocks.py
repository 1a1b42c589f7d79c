"""The content model: what a document says, as plain frozen data that knows nothing of Word or HTML.

A document is a title block (the template's fields, already printed) and a body of blocks in order:
headings, paragraphs of runs, bullet lists, numbered paragraphs, narrative Markdown, tables of formatted
strings with their column definitions, and figures (a chart spec or an icon, its width and its numbered
caption). The Word writer (``word/writer.py``) renders a document into its template; the web page renders
the same blocks as HTML. Every number in a block is already text, printed by the pack's printer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from .charts import Figure


class Style(StrEnum):
    """What a paragraph is, for the renderer to style: running text, a bullet, a note under a table cell's
    text, a table cell's own text."""

    BODY = "body"
    BULLET = "bullet"
    NOTE = "note"
    CELL = "cell"


class Shade(StrEnum):
    """A table cell's shading, always with the word in the cell as well (RAG is never colour alone)."""

    GREEN = "Green"
    AMBER = "Amber"
    RED = "Red"


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Paragraph:
    """Runs of text in one style; ``keep_with_next`` keeps it on the page of what follows (a sentence that
    introduces a table); ``spacer`` is an empty paragraph with no space after it, between a table and the
    text that follows."""

    runs: tuple[Run, ...]
    style: Style = Style.BODY
    keep_with_next: bool = False
    spacer: bool = False

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def paragraph(text: str, style: Style = Style.BODY, keep_with_next: bool = False) -> Paragraph:
    """A paragraph of one plain run."""
    return Paragraph((Run(text),), style, keep_with_next)


SPACER = Paragraph((), Style.BODY, spacer=True)


@dataclass(frozen=True)
class Heading:
    text: str
    level: int                 # 1 to 3


@dataclass(frozen=True)
class NumberedParagraph:
    """A paragraph numbered by Word under a heading of ``depth`` (1.1, 4.2.1, 4.2.3i)."""

    text: str
    depth: int


@dataclass(frozen=True)
class Markdown:
    """Narrative written by an officer, as Markdown (numbered by heading depth, starting under ``depth``)."""

    text: str
    depth: int = 0


@dataclass(frozen=True)
class Column:
    header: str
    width_cm: float | None = None      # relative width; None when the table's columns share the width evenly
    align: str | None = None           # 'left', 'right', 'center', or None for the style's own
    shade: Shade | None = None         # the header cell's shading (a header that is a RAG word)


@dataclass(frozen=True)
class Picture:
    """A figure placed at a width: a chart spec (drawn as a picture or a native chart) or an icon."""

    figure: Figure
    width_cm: float


@dataclass(frozen=True)
class Cell:
    """A table cell: its text (bold when ``bold``), then ``notes`` (further paragraphs: a dashboard row's
    analysis, a measure's meaning), ``shade`` (RAG), or ``picture`` in place of the text (an SPC icon);
    ``middle`` centres it vertically (a key's meaning beside its icon)."""

    text: str = ""
    bold: bool = False
    notes: tuple[Paragraph, ...] = ()
    shade: Shade | None = None
    picture: Picture | None = None
    middle: bool = False


@dataclass(frozen=True)
class Table:
    """A table with a header row (repeated across pages; no merged cells). ``keep_together`` keeps its first
    rows with the header and its last rows together on a page. ``caption`` says what it is, for renderers
    that name tables (the web page)."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    keep_together: bool = False
    caption: str = ""

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]


@dataclass(frozen=True)
class FigureBlock:
    """A figure with its numbered caption below it ('Figure 3: ...')."""

    picture: Picture
    number: int
    caption: str


@dataclass(frozen=True)
class FigureRow:
    """Figures side by side, followed by one caption paragraph that numbers and names each."""

    pictures: tuple[Picture, ...]
    captions: tuple[tuple[int, str], ...]


Block = Heading | Paragraph | NumberedParagraph | Markdown | Table | FigureBlock | FigureRow


@dataclass(frozen=True)
class Properties:
    """What Word shows under File > Info and screen readers announce: title, subject, author, keywords, the
    document's date and its language ('en-GB')."""

    title: str
    subject: str
    author: str
    keywords: str
    date: dt.date
    language: str


@dataclass(frozen=True)
class Document:
    """One document's content: its title block (``fields``, already printed: the council, the committee, the
    meeting date, the title ...), its properties and its body."""

    fields: Mapping[str, str | list[str]]
    properties: Properties
    body: tuple[Block, ...] = field(default_factory=tuple)

    @property
    def pictures(self) -> list[Picture]:
        """Every picture of the body, in order (in figures, figure rows and table cells)."""
        found: list[Picture] = []
        for block in self.body:
            if isinstance(block, FigureBlock):
                found.append(block.picture)
            elif isinstance(block, FigureRow):
                found.extend(block.pictures)
            elif isinstance(block, Table):
                found.extend(cell.picture for row in block.rows for cell in row if cell.picture is not None)
        return found


class Body:
    """A body built block by block, numbering figures as they are added."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.figures = 0

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def heading(self, text: str, level: int) -> None:
        self.blocks.append(Heading(text, level))

    def paragraph(self, text: str, style: Style = Style.BODY, keep_with_next: bool = False) -> None:
        self.blocks.append(paragraph(text, style, keep_with_next))

    def bullets(self, items: tuple[str, ...] | list[str], empty: str) -> None:
        """A bullet per item, or ``empty`` as a paragraph when there are none."""
        if not items:
            self.paragraph(empty)
        for item in items:
            self.paragraph(item, Style.BULLET)

    def spacer(self) -> None:
        self.blocks.append(SPACER)

    def figure(self, figure: Figure | None, width_cm: float, caption: str) -> bool:
        """The figure with its numbered caption; False (and nothing added) when there is no such figure."""
        if figure is None:
            return False
        self.figures += 1
        self.blocks.append(FigureBlock(Picture(figure, width_cm), self.figures, caption))
        return True

    def figure_row(self, pictures: list[tuple[Picture, str]]) -> None:
        """Figures side by side with one caption paragraph naming each."""
        numbers = []
        for _, caption in pictures:
            self.figures += 1
            numbers.append((self.figures, caption))
        self.blocks.append(FigureRow(tuple(p for p, _ in pictures), tuple(numbers)))

    def build(self) -> tuple[Block, ...]:
        return tuple(self.blocks)


FigureMap = Mapping[str, Figure]
