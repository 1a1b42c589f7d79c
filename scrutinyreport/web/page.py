"""A content-model document (``content.blocks.Document``) as one self-contained, accessible HTML page:
``render_page(document)``. The web page's counterpart of ``word/writer.py``: nothing here decides what the
page says.

Everything is in the file: the styles in one <style> element (allowed by a content security policy that
refuses every other load and all script), charts as inline SVG, each with its long description and data table
in a <details> element beside it. The look follows the GOV.UK Design System: 19px text (16px on small
screens), a measure of about 40em, GOV.UK's link and focus colours, tables that stack on a small screen
(or scroll inside their own labelled, focusable region, never the page), and a print stylesheet that
prints the data tables. The page title is the only h1; a heading of level 1 is an h2. All text is escaped;
an officer's Markdown is rendered with raw HTML and images turned off. The same document gives the same
bytes.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Sequence
from html import escape
from typing import Any
from urllib.parse import quote

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..content.blocks import (
    Block,
    Cell,
    Column,
    Document,
    FigureBlock,
    FigureRow,
    Heading,
    Markdown,
    NumberedParagraph,
    Paragraph,
    Picture,
    Run,
    Style,
    Table,
)
from ..content.charts import BarChart, Icon, LineChart
from .figures_csv import Record, chart_records
from .svg import chart_id, chart_svg

STACK_FROM = 4          # tables of this many columns or more (or with notes in cells) stack on small screens

CSS = """
*, *::before, *::after { box-sizing: border-box; }
html { background: #ffffff; -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; color: #0b0c0c; background: #ffffff; overflow-wrap: break-word;
  font-family: Arial, "Liberation Sans", "Helvetica Neue", Helvetica, sans-serif;
  font-size: 1rem; line-height: 1.4;
}
.width-container { max-width: 960px; margin: 0 auto; padding: 0 15px; }
.content { max-width: 40em; }
a { color: #1d70b8; text-decoration: underline; text-decoration-thickness: max(1px, .0625rem);
    text-underline-offset: .15em; }
a:visited { color: #4c2c92; }
a:hover { color: #003078; text-decoration-thickness: max(3px, .1875rem); }
a:active { color: #0b0c0c; }
a:focus, summary:focus {
  outline: 3px solid transparent; color: #0b0c0c; background-color: #ffdd00; text-decoration: none;
  box-shadow: 0 -2px #ffdd00, 0 4px #0b0c0c; -webkit-box-decoration-break: clone; box-decoration-break: clone;
}
.skip-link { display: block; padding: 10px 15px; }
.skip-link:not(:focus):not(:active) {
  position: absolute !important; width: 1px !important; height: 1px !important; margin: 0 !important;
  padding: 0 !important; overflow: hidden !important; clip: rect(0 0 0 0) !important;
  clip-path: inset(50%) !important; border: 0 !important; white-space: nowrap !important;
}
.site-header { background: #0b0c0c; color: #ffffff; border-bottom: 10px solid #1d70b8; }
.site-header p { margin: 0; padding: 12px 0; font-size: 1.25rem; font-weight: 700; }
.site-footer { border-top: 1px solid #b1b4b6; background: #f3f2f1; color: #0b0c0c; margin-top: 30px; }
.site-footer p { margin: 0; padding: 20px 0; font-size: .875rem; }
main { display: block; padding: 20px 0 30px; }
h1, h2, h3, h4, h5, h6 { font-weight: 700; margin: 0 0 15px; }
h1 { font-size: 2rem; line-height: 1.09; margin-bottom: 20px; }
h2 { font-size: 1.5rem; line-height: 1.2; margin-top: 35px; }
h3 { font-size: 1.125rem; line-height: 1.25; margin-top: 25px; }
h4, h5, h6 { font-size: 1rem; line-height: 1.3; margin-top: 20px; }
p { margin: 0 0 15px; }
.lead { font-size: 1.125rem; line-height: 1.35; }
.meta, .note { color: #505a5f; font-size: .875rem; }
ul, ol { margin: 0 0 15px; padding-left: 20px; }
li { margin-bottom: 5px; }
.visually-hidden {
  position: absolute !important; width: 1px !important; height: 1px !important; margin: 0 !important;
  padding: 0 !important; overflow: hidden !important; clip: rect(0 0 0 0) !important;
  clip-path: inset(50%) !important; border: 0 !important; white-space: nowrap !important;
}
.contents { margin: 30px 0; }
.contents h2 { font-size: 1rem; margin: 0 0 10px; }
.contents ol { list-style: none; padding: 0; }
.contents li { position: relative; padding-left: 1.5em; }
.contents li::before { content: "\\2014"; position: absolute; left: 0; width: 1.2em; overflow: hidden; }
.table-wrap { overflow-x: auto; margin: 0 0 30px; }
.table-wrap.stack { overflow: visible; }
.table-wrap:focus { outline: 3px solid #ffdd00; outline-offset: 0; box-shadow: 0 0 0 7px #0b0c0c; }
table { width: 100%; border-collapse: collapse; border-spacing: 0; }
caption { text-align: left; font-weight: 700; line-height: 1.3; margin-bottom: 10px; }
th, td { padding: 10px 12px 10px 0; border-bottom: 1px solid #b1b4b6; text-align: left; vertical-align: top; }
th:last-child, td:last-child { padding-right: 0; }
th { font-weight: 700; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
.center { text-align: center; }
th.group { background: #f3f2f1; padding-left: 8px; }
.cell-note { display: block; margin: 5px 0 0; font-weight: 400; font-size: .875rem; color: #505a5f; }
.shade-green { background: #cce2d8; color: #005a30; }
.shade-amber { background: #fff7bf; color: #594d00; }
.shade-red { background: #f4cdc6; color: #942514; }
.shade-green, .shade-amber, .shade-red { padding-left: 8px; padding-right: 8px; font-weight: 700; }
.chart-block { margin: 0 0 30px; }
figure { margin: 0; }
figcaption { font-weight: 700; line-height: 1.3; margin-bottom: 5px; }
.chart-subtitle { color: #505a5f; margin-bottom: 10px; }
.chart-svg { display: block; width: 100%; height: auto; margin: 0 0 15px; }
.chart-line { max-width: 500px; }
.chart-bar { max-width: 420px; }
details { margin: 0 0 20px; }
summary {
  display: inline-block; position: relative; margin-bottom: 5px; padding-left: 25px;
  color: #1d70b8; cursor: pointer; list-style: none;
}
summary::-webkit-details-marker { display: none; }
summary::before {
  content: ""; position: absolute; top: -1px; bottom: 0; left: 0; margin: auto; display: block;
  width: 0; height: 0; border-style: solid; border-color: transparent;
  border-width: 7px 0 7px 12.124px; border-left-color: currentColor;
  clip-path: polygon(0% 0%, 100% 50%, 0% 100%);
}
details[open] > summary::before {
  border-width: 12.124px 7px 0 7px; border-color: transparent; border-top-color: currentColor;
  clip-path: polygon(0% 0%, 50% 100%, 100% 0%);
}
.summary-text { text-decoration: underline; text-decoration-thickness: max(1px, .0625rem);
                text-underline-offset: .15em; }
summary:hover { color: #003078; }
summary:focus .summary-text { text-decoration: none; }
.details-text { padding: 15px 0 5px 15px; border-left: 5px solid #b1b4b6; }
.details-text .table-wrap { margin-bottom: 15px; }
@media (max-width: 40.0525em) {
  .stack table, .stack tbody, .stack caption { display: block; }
  .stack thead {
    position: absolute; width: 1px; height: 1px; margin: 0; padding: 0; overflow: hidden;
    clip: rect(0 0 0 0); clip-path: inset(50%); border: 0; white-space: nowrap;
  }
  .stack tr {
    display: grid; grid-template-columns: repeat(auto-fill, minmax(5.5em, 1fr)); column-gap: 10px;
    padding: 10px 0; border-bottom: 1px solid #b1b4b6;
  }
  .stack th, .stack td { display: block; border: 0; padding: 0; text-align: left; white-space: normal; }
  .stack th[scope="row"] { grid-column: 1 / -1; margin-bottom: 8px; }
  .stack td::before {
    content: attr(data-label); content: attr(data-label) / ""; display: block;
    font-size: .875rem; font-weight: 400; color: #505a5f;
  }
}
@media (min-width: 40.0625em) {
  body { font-size: 1.1875rem; line-height: 1.32; }
  .width-container { padding: 0 30px; }
  main { padding: 40px 0 45px; }
  h1 { font-size: 3rem; line-height: 1.04; margin-bottom: 30px; }
  h2 { font-size: 2.25rem; line-height: 1.11; margin-top: 45px; margin-bottom: 20px; }
  h3 { font-size: 1.5rem; line-height: 1.25; margin-top: 30px; margin-bottom: 20px; }
  h4, h5, h6 { font-size: 1.1875rem; }
  p { margin-bottom: 20px; }
  .lead { font-size: 1.5rem; line-height: 1.25; }
  .meta, .note { font-size: 1rem; }
  .contents h2 { font-size: 1.1875rem; }
  th, td { padding-right: 20px; }
  th.num { white-space: nowrap; }
  .cell-note { font-size: 1rem; }
  .site-header p { font-size: 1.5rem; }
  .site-footer p { font-size: 1rem; }
}
@media print {
  body { font-size: 12pt; line-height: 1.3; color: #000000; }
  .skip-link, .contents, .site-footer { display: none !important; }
  .site-header { background: none; color: #000000; border-bottom: 2pt solid #000000; }
  .width-container { max-width: none; padding: 0; }
  .content { max-width: none; }
  main { padding-top: 10pt; }
  h1 { font-size: 24pt; } h2 { font-size: 18pt; } h3 { font-size: 14pt; }
  h2, h3, h4, caption, figcaption, thead { break-after: avoid; page-break-after: avoid; }
  a, a:visited { color: #000000; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 90%; overflow-wrap: anywhere; }
  tr, figure { break-inside: avoid; page-break-inside: avoid; }
  .chart-line { max-width: 11cm; }
  .chart-bar { max-width: 9cm; }
  .table-wrap { overflow: visible; }
  table { font-size: 10pt; }
  details > summary { display: none; }
  details::details-content { content-visibility: visible; display: block; }
  .details-text { border-left: 0; padding: 0; }
}
"""


# ------------------------------------------------------------------------------------------------ small helpers

def _attribute(text: str) -> str:
    return escape(text, quote=True)


def slug(text: str) -> str:
    """An id from text: 'How we are doing' -> 'how-we-are-doing'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def _runs(runs: Sequence[Run]) -> str:
    return "".join(f"<strong>{escape(run.text)}</strong>" if run.bold else escape(run.text) for run in runs)


def _align(column: Column) -> str:
    return {"right": "num", "center": "center"}.get(column.align or "", "")


def _class(*names: str) -> str:
    joined = " ".join(n for n in names if n)
    return f' class="{joined}"' if joined else ""


def _shade(cell: Cell | Column) -> str:
    return f"shade-{cell.shade.value.lower()}" if cell.shade is not None else ""


def _markdown_parser() -> MarkdownIt:
    """CommonMark with raw HTML shown as text (never passed through), and images as their alt text (the page
    loads nothing). markdown-it refuses javascript:, vbscript:, file: and data: links."""
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})

    def image(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        return escape(tokens[idx].content)

    parser.add_render_rule("image", image)
    return parser


_MARKDOWN = _markdown_parser()


class _Roles:
    """ARIA roles repeated on a stacked table: its small-screen layout changes the elements' CSS display,
    which makes some browsers forget that they are a table."""

    def __init__(self, stack: bool) -> None:
        self.stack = stack

    def __call__(self, name: str) -> str:
        return f' role="{name}"' if self.stack else ""


def _wrapped_table(caption_id: str, caption: str, body: str, stack: bool = False, hidden: bool = False) -> str:
    """A table in its wrapper. A stacked table reflows on a small screen, so its wrapper never scrolls (nor
    becomes a scroller that the browser puts in the keyboard's order for a fraction of a pixel of text); any
    other may scroll sideways inside its wrapper, which is then a region named by the caption that the
    keyboard can reach and scroll. A ``hidden`` caption is there for screen readers only (it repeats the
    heading above)."""
    wrapper = ('<div class="table-wrap stack">' if stack else
               f'<div class="table-wrap" role="region" tabindex="0" aria-labelledby="{caption_id}">')
    caption_class = _class("visually-hidden" if hidden else "")
    return (f'{wrapper}<table{_Roles(stack)("table")}><caption id="{caption_id}"{caption_class}>{caption}</caption>'
            f"{body}</table></div>")


# ------------------------------------------------------------------------------------------------ the body

class _Renderer:
    """Renders blocks in order, keeping heading levels in sequence and ids unique."""

    def __init__(self) -> None:
        self.level = 1                                  # the HTML level of the latest heading (h1: the title)
        self.ids: set[str] = {"main-content", "contents-title"}
        self.sections: list[tuple[str, str]] = []       # each h2's id and text, for the contents list
        self.tables = 0
        self.charts: list[LineChart | BarChart] = []   # in the order they appear

    def unique(self, base: str) -> str:
        ident, n = base, 1
        while ident in self.ids:
            n += 1
            ident = f"{base}-{n}"
        self.ids.add(ident)
        return ident

    def body(self, blocks: Sequence[Block]) -> str:
        """The blocks in order; consecutive bullet paragraphs become one list."""
        out: list[str] = []
        bullets: list[str] = []
        previous: Block | None = None
        for block in blocks:
            if isinstance(block, Paragraph) and block.style is Style.BULLET:
                bullets.append(f"<li>{_runs(block.runs)}</li>")
                continue
            if bullets:
                out.append(f"<ul>{''.join(bullets)}</ul>")
                bullets = []
            if isinstance(block, Table):
                out.append(self.table(block, hide_caption=isinstance(previous, Heading) and
                                      previous.text == block.caption))
            else:
                out.append(self.block(block))
            previous = block
        if bullets:
            out.append(f"<ul>{''.join(bullets)}</ul>")
        return "\n".join(part for part in out if part)

    def block(self, block: Block) -> str:
        if isinstance(block, Heading):
            return self.heading(block)
        if isinstance(block, Paragraph):
            if block.spacer or not block.runs:
                return ""
            return f"<p{_class('note' if block.style is Style.NOTE else '')}>{_runs(block.runs)}</p>"
        if isinstance(block, NumberedParagraph):
            return f"<p>{escape(block.text)}</p>"
        if isinstance(block, Markdown):
            return self.markdown(block)
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, FigureBlock):
            return self.figure(block.picture, block.number, block.caption)
        if isinstance(block, FigureRow):
            return "\n".join(self.figure(picture, number, caption)
                             for picture, (number, caption) in zip(block.pictures, block.captions))
        raise TypeError(f"not a content block: {type(block).__name__}")

    def heading(self, heading: Heading) -> str:
        """Level 1 is an h2 (the title is the h1); a level never skips one on the way down."""
        level = max(2, min(heading.level + 1, self.level + 1, 6))
        self.level = level
        ident = self.unique(slug(heading.text))
        if level == 2:
            self.sections.append((ident, heading.text))
        return f'<h{level} id="{ident}">{escape(heading.text)}</h{level}>'

    def markdown(self, block: Markdown) -> str:
        """Markdown's headings sit under the current heading ('#' is one level below it)."""
        tokens = _MARKDOWN.parse(block.text)
        base = previous = self.level
        for token in tokens:
            if token.type == "heading_open":
                previous = max(2, min(base + int(token.tag[1]), previous + 1, 6))
                token.tag = f"h{previous}"
            elif token.type == "heading_close":
                token.tag = f"h{previous}"
        return f'<div class="markdown">{_MARKDOWN.renderer.render(tokens, _MARKDOWN.options, {})}</div>'

    def table(self, table: Table, hide_caption: bool = False) -> str:
        """A table of four or more columns, or with notes under its cells' text, is stacked on a small screen:
        each row's header (and its notes) on a line of its own, its figures in a grid below it, each under its
        column's name. ``hide_caption`` when the caption
        says what the heading just above it says (it stays, for screen readers)."""
        self.tables += 1
        caption_id = self.unique(f"table-{self.tables}")
        stack = len(table.columns) >= STACK_FROM or any(cell.notes for row in table.rows for cell in row)
        role = _Roles(stack)
        head = "".join(f'<th scope="col"{role("columnheader")}{_class(_align(c), _shade(c))}>{escape(c.header)}</th>'
                       for c in table.columns)
        rows = "".join(self.row(table.columns, row, role) for row in table.rows)
        return _wrapped_table(caption_id, escape(table.caption or f"Table {self.tables}"),
                              f'<thead{role("rowgroup")}><tr{role("row")}>{head}</tr></thead>'
                              f'<tbody{role("rowgroup")}>{rows}</tbody>', stack, hide_caption)

    @staticmethod
    def row(columns: Sequence[Column], cells: Sequence[Cell], role: _Roles) -> str:
        parts = []
        for i, cell in enumerate(cells):
            column = columns[i] if i < len(columns) else Column("")
            text = escape(cell.picture.figure.alt_text if cell.picture is not None else cell.text)
            if cell.bold and i:
                text = f"<strong>{text}</strong>"
            notes = "".join(f'<span class="cell-note">{_runs(note.runs)}</span>' for note in cell.notes)
            classes = _class(_align(column), _shade(cell))
            if i == 0:
                parts.append(f'<th scope="row"{role("rowheader")}{classes}>{text}{notes}</th>')
            else:
                label = f' data-label="{_attribute(column.header)}"' if role.stack else ""
                parts.append(f'<td{role("cell")}{label}{classes}>{text}{notes}</td>')
        return f'<tr{role("row")}>{"".join(parts)}</tr>'

    def figure(self, picture: Picture, number: int, caption: str) -> str:
        """The chart with its numbered caption and subtitle (a <figure>, kept on one printed page), then its
        description and data in <details> right after it."""
        chart = picture.figure
        if isinstance(chart, Icon):     # an SPC icon: its words are all it says
            return f"<p>{escape(chart.alt_text)}</p>"
        ident = chart_id(chart)
        names = {ident, f"{ident}-title", f"{ident}-desc", f"figure-{ident}"}
        if names & self.ids:
            raise ValueError(f"two charts (or a chart and a heading) share the id {sorted(names & self.ids)[0]!r}: "
                             "give each chart its own name")
        self.ids |= names
        self.charts.append(chart)
        records = chart_records(chart)
        table, notes = _line_table(records, chart.spc) if isinstance(chart, LineChart) else _bar_table(records)
        data_id = self.unique(f"{ident}-data")
        extra = "".join(f"<li>{escape(note)}</li>" for note in notes)
        subtitle = f'<p class="chart-subtitle">{escape(chart.subtitle)}</p>' if chart.subtitle else ""
        return (f'<div class="chart-block"><figure id="figure-{ident}">'
                f"<figcaption>Figure {number}: {escape(caption)}</figcaption>{subtitle}{chart_svg(chart)}</figure>"
                f'<details><summary><span class="summary-text">Figure {number}: description and data</span>'
                f'</summary><div class="details-text"><p>{escape(chart.description)}</p>'
                + _wrapped_table(data_id, f"Figure {number} data: {escape(caption)}", table)
                + (f"<ul>{extra}</ul>" if extra else "") + "</div></details></div>")


def _line_table(records: Sequence[Record], spc: bool) -> tuple[str, list[str]]:
    """Period and figure (and what an SPC point shows); the target and each stage's limits as sentences."""
    head = '<th scope="col">Period</th><th scope="col" class="num">Figure</th>'
    if spc:
        head += '<th scope="col">What it shows</th>'
    rows = []
    for record in (r for r in records if r.kind == "value"):
        meaning = f"<td>{escape(record.note)}</td>" if spc else ""
        rows.append(f'<tr><th scope="row">{escape(record.category)}</th><td class="num">{escape(record.text)}</td>'
                    f"{meaning}</tr>")
    notes = [f"Target: {r.text}." for r in records if r.kind == "target"]
    stages: dict[str, dict[str, str]] = {}
    for record in records:
        if record.kind in ("mean", "upper", "lower"):
            stages.setdefault(record.category, {})[record.kind] = record.text
    notes += [f"{period}: mean {stage.get('mean', '')}, process limits {stage.get('lower', '')} to "
              f"{stage.get('upper', '')}." for period, stage in stages.items()]
    return f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody>", notes


def _bar_table(records: Sequence[Record]) -> tuple[str, list[str]]:
    """A row per category and a column per series; a group's heading (a theme) as a row of its own."""
    series = list(dict.fromkeys(r.series for r in records if r.kind == "value"))
    cells: dict[str, dict[str, str]] = {}
    groups: dict[str, str] = {}
    for record in records:
        if record.kind == "value":
            cells.setdefault(record.category, {})[record.series] = record.text
            groups[record.category] = record.note
    head = '<th scope="col">Category</th>' + "".join(f'<th scope="col" class="num">{escape(s)}</th>' for s in series)
    bodies: list[list[str]] = [[]]
    heading = ""
    for category, texts in cells.items():
        if groups[category] != heading:
            heading = groups[category]
            bodies.append([f'<tr><th scope="rowgroup" colspan="{len(series) + 1}" class="group">'
                           f"{escape(heading)}</th></tr>"])
        bodies[-1].append(f'<tr><th scope="row">{escape(category)}</th>'
                          + "".join(f'<td class="num">{escape(texts.get(s, ""))}</td>' for s in series) + "</tr>")
    tbodies = "".join(f"<tbody>{''.join(rows)}</tbody>" for rows in bodies if rows)
    return f"<thead><tr>{head}</tr></thead>{tbodies}", [f"Reference line: {r.text}." for r in records
                                                         if r.kind == "reference"]


# ------------------------------------------------------------------------------------------------ the page

def style_hash(css: str = CSS) -> str:
    """The styles' hash, as the content security policy names the one <style> element it allows."""
    return "sha256-" + base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")


def _field(document: Document, name: str) -> str:
    value = document.fields.get(name, "")
    return value if isinstance(value, str) else " ".join(value)


def render_page(document: Document, *, csv_name: str = "") -> tuple[str, list[LineChart | BarChart]]:
    """The document as one HTML page, and the charts it shows in order (for the figures CSV). ``csv_name`` is
    the file name of the page's figures as CSV, linked near the top when given and the page has a chart.
    The header and footer name the ``council`` field; the title is the ``title`` field (else the
    properties' title), under it the ``subtitle``."""
    renderer = _Renderer()
    body = renderer.body(document.body)
    title = _field(document, "title") or document.properties.title
    council = _field(document, "council")
    subtitle = _field(document, "subtitle")
    policy = f"default-src 'none'; style-src '{style_hash()}'; base-uri 'none'; form-action 'none'"
    meta = (f'<p class="meta"><a href="{_attribute(quote(csv_name))}" type="text/csv" download>'
            "Download the figures in this page\u2019s charts (CSV file)</a></p>" if csv_name and renderer.charts
            else "")
    contents = ""
    if len(renderer.sections) > 1:
        items = "".join(f'<li><a href="#{ident}">{escape(text)}</a></li>' for ident, text in renderer.sections)
        contents = (f'<nav class="contents" aria-labelledby="contents-title">'
                    f'<h2 id="contents-title">Contents</h2><ol>{items}</ol></nav>')
    header = (f'<header class="site-header"><div class="width-container"><p>{escape(council)}</p></div></header>'
              if council else "")
    footer_text = " \u00b7 ".join(escape(t) for t in (council, title) if t)
    page_title = f"{title} \u2013 {council}" if council else title
    html = (
        "<!DOCTYPE html>\n"
        f'<html lang="{_attribute(document.properties.language or "en-GB")}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        f"<title>{escape(page_title)}</title>\n"
        + (f'<meta name="description" content="{_attribute(subtitle)}">\n' if subtitle else "")
        + f"<style>{CSS}</style>\n</head>\n<body>\n"
        '<a class="skip-link" href="#main-content">Skip to main content</a>\n'
        f"{header}\n"
        '<div class="width-container">\n<main id="main-content">\n<div class="content">\n'
        f"<h1>{escape(title)}</h1>\n"
        + (f'<p class="lead">{escape(subtitle)}</p>\n' if subtitle else "")
        + f"{meta}\n{contents}\n{body}\n</div>\n</main>\n</div>\n"
        f'<footer class="site-footer"><div class="width-container"><p>{footer_text}</p></div></footer>\n'
        "</body>\n</html>\n")
    return html, renderer.charts
