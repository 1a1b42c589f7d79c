"""A content-model document written into its Word template: every block turned into the template's named
styles, Word's own numbering, tables with repeating headers, pictures with their alt text, numbered
captions. Nothing here decides what a document says; ``content/`` has done that."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, cast

from docx.enum.table import WD_ALIGN_VERTICAL
from docx.table import Table as WordTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as WordParagraph

from ..content.blocks import (
    Block,
    Document,
    FigureBlock,
    FigureRow,
    Heading,
    Markdown,
    NumberedParagraph,
    Paragraph,
    Picture,
    Style,
    Table,
)
from . import styles
from .charts import NativeChart, is_native_chart, place_chart
from .markdown import add_heading, add_markdown, add_numbered_paragraph, add_table, keep_together
from .pictures import Picture as PlacedPicture
from .pictures import add_caption, add_captions, place_picture
from .render import render_template
from .shading import shade

STYLES = {Style.BODY: styles.BODY_TEXT, Style.BULLET: styles.LIST_BULLET, Style.NOTE: styles.TABLE_NOTE,
          Style.CELL: styles.TABLE_TEXT}

Placed = PlacedPicture | NativeChart   # a figure drawn: a picture (name, PNG, alt text) or a native chart
PictureFor = Callable[[Picture], Placed]


def write_document(document: Document, template: Path, pictures: Mapping[str, Placed]) -> bytes:
    """The .docx of the document written into ``template``; ``pictures`` holds every figure it places,
    drawn, by name: a picture, or a native chart (whose subtitle then follows its caption, since the chart
    does not print it)."""
    def write_body(target: Any) -> None:
        writer = _Writer(target, pictures)
        for block in document.body:
            writer.block(block)

    return render_template(template, dict(document.fields), document.properties, write_body)


class _Writer:
    def __init__(self, document: Any, pictures: Mapping[str, Placed]):
        self.document, self.pictures = document, pictures

    def picture(self, picture: Picture) -> Placed:
        return self.pictures[picture.figure.name]

    def place(self, paragraph: WordParagraph, picture: Picture) -> None:
        """The figure at the end of the paragraph: a native chart where there is one, else its picture."""
        placed = self.picture(picture)
        if is_native_chart(placed):
            place_chart(paragraph, placed, picture.width_cm)
        else:
            place_picture(paragraph, cast(PlacedPicture, placed), picture.width_cm)

    def note(self, picture: Picture) -> str:
        """What follows the figure's caption: a native chart's subtitle (a picture prints its own)."""
        placed = self.picture(picture)
        return placed.subtitle if is_native_chart(placed) else ""

    def block(self, block: Block) -> None:
        if isinstance(block, Heading):
            add_heading(self.document, block.text, block.level)
        elif isinstance(block, Paragraph):
            self.paragraph(self.document, block)
        elif isinstance(block, NumberedParagraph):
            add_numbered_paragraph(self.document, block.text, block.depth)
        elif isinstance(block, Markdown):
            add_markdown(self.document, block.text, depth=block.depth)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, FigureBlock):
            self.place(styles.add_paragraph(self.document, style=styles.FIGURE), block.picture)
            add_caption(self.document, block.number, block.caption, note=self.note(block.picture))
        else:
            self.figure_row(block)

    @staticmethod
    def paragraph(container: Any, block: Paragraph) -> WordParagraph:
        first, *rest = block.runs or (None,)
        plain = first is not None and not first.bold
        paragraph = styles.add_paragraph(container, first.text if plain and first else "", STYLES[block.style])
        for run in ([] if plain else [first]) + rest:
            if run is not None:
                added = paragraph.add_run(run.text)
                if run.bold:
                    added.bold = True
        if block.keep_with_next:
            paragraph.paragraph_format.keep_with_next = True
        if block.spacer:
            paragraph.paragraph_format.space_after = 0
        return paragraph

    def table(self, block: Table) -> WordTable:
        widths = [c.width_cm for c in block.columns]
        table = add_table(self.document, block.headers,
                          [["" if cell.picture is not None else cell.text for cell in row] for row in block.rows],
                          widths_cm=None if None in widths else [float(w or 0) for w in widths],
                          align=[c.align for c in block.columns])
        for word_cell, column in zip(table.rows[0].cells, block.columns):
            if column.shade is not None:
                shade(word_cell, column.shade)
        for word_row, row in zip(table.rows[1:], block.rows):
            for word_cell, cell in zip(word_row.cells, row):
                self.cell(word_cell, cell)
        if block.keep_together:
            keep_together(table)
        return table

    def cell(self, word_cell: _Cell, cell: Any) -> None:
        if cell.bold and word_cell.paragraphs[0].runs:
            word_cell.paragraphs[0].runs[0].bold = True
        for note in cell.notes:
            self.paragraph(word_cell, note)
        if cell.shade is not None:
            shade(word_cell, cell.shade)
        if cell.picture is not None:
            self.place(word_cell.paragraphs[0], cell.picture)
        if cell.middle:
            word_cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER

    def figure_row(self, block: FigureRow) -> None:
        paragraph = styles.add_paragraph(self.document, style=styles.FIGURE)
        for index, picture in enumerate(block.pictures):
            if index:
                paragraph.add_run(" ")
            self.place(paragraph, picture)
        add_captions(self.document, list(block.captions), notes=[self.note(p) for p in block.pictures])
