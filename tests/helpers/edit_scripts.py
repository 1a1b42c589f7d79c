"""Random reviewers for property tests: Hypothesis strategies that draw a script of edits for a generated
document (committee update, dashboard appendix, self-assessment summary), and apply_script(), which makes
the edits as Word saves them (word_habits) and keeps a model of what a reader now sees.

    layout = layout_of(docx, record)                 # which paragraphs a reviewer may edit, and how
    @given(edit_scripts(layout))
    def test_...(script):
        outcome = apply_script(docx, layout, script)  # .docx bytes, expected paragraphs, comments, boxes
        ...harvest outcome.docx, regenerate...
        assert not regenerated_text_problems(outcome, regenerated_docx)
        assert not live_figure_problems(outcome, narrative_files, recommendations)
        assert not untouched_problems(outcome, original_files, harvested_files)

The model is kept apart from the XML: each edit changes the expected text with plain string operations,
and accepted_text_problems() checks that the saved document reads the same (the emulator's own test).
"""

from __future__ import annotations

import csv
import difflib
import functools
import io
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import yaml
from hypothesis import strategies as st

from helpers.word_habits import Element, Habits, Track, WordDocument, accepted_paragraphs, style_of, text
from scrutinyreport.content.markdown_chunks import expressions, split_chunks, substitute
from scrutinyreport.harvest.blocks import markdown_blocks
from scrutinyreport.word.blocks import TABLE

OPEN, CLOSE = "\ue010", "\ue011"
LABEL = "Analysis:"
ADASS = "ADASS sector-led improvement"
SA_FIELDS = {"Strengths": "strengths", "Areas for development": "areas_for_development",
             "Our commitment": "commitment"}
ADASS_FIELDS = {"Top risks and challenges": "risks_and_challenges",
                "Top innovations and achievements": "innovations_and_achievements", "Next steps": "next_steps"}
PLACEHOLDER = "None recorded."
AUTHORS = (Track("Jo Director", "2026-10-20T09:30:00Z"), Track("Sam Patel", "2026-10-21T14:05:00Z"),
           Track("Cllr Alex Morgan", "2026-10-22T08:15:00Z"))
WORDS = ("the", "Committee", "noted", "closely", "monitored", "with", "partners", "this", "month", "quarter",
         "improving", "waiting", "carers", "people", "reablement", "target", "and", "review", "of", "in")
AWKWARD = ("*", "_draft_", "[note]", "a|b", "<b>", "\\", "#1", "1.", "- dash", "`code`", "50%", "£1.2m", "&", "“q”")

OPS_BY_KIND = {
    "committee-update": ("edit", "append", "insert", "delete", "move", "replace", "retype", "type_over", "cell",
                         "join", "bold", "comment", "text_box"),
    "dashboard": ("edit", "append", "replace", "delete", "bold", "comment", "analysis", "text_box"),
    "self-assessment": ("edit", "append", "insert", "delete", "move", "replace", "retype", "join", "bold",
                        "comment", "text_box"),
    "local-account": ("edit", "append", "insert", "delete", "move", "replace", "retype", "join", "bold", "comment",
                      "text_box"),
}


def norm(value: str) -> str:
    return " ".join(value.split())


# ------------------------------------------------------------------------------------------ the layout

@dataclass(frozen=True)
class Figure:
    """A live figure: its expression, the value printed, and where that stands in the paragraph's text."""

    expression: str
    value: str
    start: int
    end: int


@dataclass(frozen=True)
class Target:
    """One paragraph of the generated document and what a reviewer may do with it."""

    index: int                      # position in WordDocument.paragraphs()
    style: str
    text: str
    region: str                     # where it is harvested to ('' for generated text)
    role: str                       # heading, paragraph, bullet, cell, recommendation, name, analysis, commitment
    figures: tuple[Figure, ...] = ()
    chunk: tuple[str, int] | None = None    # narrative file and chunk number; recommendation number; row id
    span: tuple[int, int] | None = None     # the part of the text that is the reviewer's (dashboard analysis)


@dataclass(frozen=True)
class Layout:
    kind: str                        # committee-update, dashboard, self-assessment
    targets: tuple[Target, ...]
    record: dict[str, Any] = field(hash=False, compare=False)
    values: dict[str, str] = field(hash=False, compare=False, default_factory=dict)   # expression -> printed

    def editable(self, *roles: str) -> list[Target]:
        return [t for t in self.targets if t.region and (not roles or t.role in roles)]


def _marked(markdown: str) -> list[tuple[str, str, list[tuple[int, int, int]]]]:
    """(kind, text, [(marker number, start, end)]) of each paragraph the Markdown prints; table cells one each.
    Markers are numbered across the whole Markdown (a table's cells in reading order), as its expressions are."""
    found = []
    number = 0
    for block in markdown_blocks(markdown):
        texts = ["".join(s.text for s in cell) for row in block.rows for cell in row] if block.kind == TABLE \
            else [block.text]
        for marked in texts:
            plain: list[str] = []
            figures: list[tuple[int, int, int]] = []
            opened: list[int] = []
            for character in marked:
                if character == OPEN:
                    opened.append(len(plain))
                elif character == CLOSE:
                    figures.append((number, opened.pop(), len(plain)))
                    number += 1
                else:
                    plain.append(character)
            found.append(("cell" if block.kind == TABLE else block.kind, "".join(plain), figures))
    return found


def _numbered(text: str, values: Sequence[str]) -> str:
    """The text with each live figure printed between marks (numbered in order by the caller)."""
    return str(substitute(text, list(values), (OPEN, CLOSE)))


def _committee_targets(paragraphs: list[Element], record: dict[str, Any]) -> tuple[list[Target], dict[str, str]]:
    expected: list[tuple[str, str, str, tuple[Figure, ...], tuple[str, int] | None]] = []
    values: dict[str, str] = {}
    for number, entry in enumerate(record.get("recommendations", [])):
        found = _marked(_numbered(entry["source"], entry["values"] or []))
        exprs = expressions(entry["source"])
        values.update(zip(exprs, entry["values"] or []))
        kind, plain, marks = found[0]
        expected.append(("recommendations", "recommendation", norm(plain),
                         tuple(Figure(exprs[i], entry["values"][i], s, e) for i, s, e in marks),
                         ("pack.yaml", number)))
    sections: list[tuple[str, list[tuple[str, str, str, tuple[Figure, ...], tuple[str, int] | None]]]] = []
    for entry in record.get("sections", []):
        items: list[tuple[str, str, str, tuple[Figure, ...], tuple[str, int] | None]] = []
        if not entry["generated"]:
            if entry.get("added_heading"):       # (a heading printed deeper than the file's: from pack.yaml)
                items.append(("" if entry.get("depth") else entry["key"], "heading", entry["title"], (), None))
            chunk_values = entry.get("values") or [[] for _ in split_chunks(entry["source"])]
            for number, (chunk, chunk_value) in enumerate(zip(split_chunks(entry["source"]), chunk_values)):
                exprs = expressions(chunk.body)
                values.update(zip(exprs, chunk_value))
                for kind, plain, marks in _marked(_numbered(chunk.body, chunk_value)):
                    role = {"heading": "heading", "bullet": "bullet", "number": "bullet", "cell": "cell"}.get(
                        kind, "paragraph")
                    items.append((entry["key"], role, plain,
                                  tuple(Figure(exprs[i], chunk_value[i], s, e) for i, s, e in marks),
                                  (entry["file"], number)))
        sections.append((entry["title"], items))
    targets: list[Target] = []
    recommendations = list(expected)
    section = -1
    queue: list[tuple[str, str, str, tuple[Figure, ...], tuple[str, int] | None]] = []
    for index, paragraph in enumerate(paragraphs):
        style, content = style_of(paragraph), text(paragraph)
        if style == "Heading1":
            if queue:
                raise AssertionError(f"section {sections[section][0]!r}: {len(queue)} paragraph(s) not found")
            section += 1
            queue = list(sections[section][1])
        if style == "Recommendation":
            region, role, plain, figures, chunk = recommendations.pop(0)
        elif queue and norm(content) == norm(queue[0][2]):
            region, role, plain, figures, chunk = queue.pop(0)
        elif queue and norm(content) and role_of_style(style) == "heading" and queue[0][1] != "heading":
            raise AssertionError(f"unexpected heading {content!r}")
        else:
            targets.append(Target(index, style, content, "", "generated"))
            continue
        if norm(content) != norm(plain):
            raise AssertionError(f"paragraph {index}: {content!r} is not the recorded {plain!r}")
        targets.append(Target(index, style, content, region, role, figures, chunk))
    return targets, values


def role_of_style(style: str) -> str:
    """What kind of block a paragraph style makes, as the harvest and the regenerated document read it."""
    lowered = style.lower()
    if lowered.startswith("heading") and lowered[7:8].isdigit():
        return "heading" + lowered[7:8]
    if lowered.startswith(("listbullet", "listnumber", "listparagraph")):
        return "bullet"
    if lowered == "recommendation":
        return "recommendation"
    return "paragraph"


def _dashboard_targets(document: WordDocument, record: dict[str, Any]) -> list[Target]:
    rows = {norm(r["indicator"]): r for r in record.get("rows", [])}
    seen: set[str] = set()
    roles: dict[int, Target] = {}
    position = {id(p): i for i, p in enumerate(document.paragraphs())}
    for row in document.body.iter(f"{{{W_NS}}}tr"):
        cells = row.findall(f"{{{W_NS}}}tc")
        paragraphs = cells[0].findall(f"{{{W_NS}}}p") if cells else []
        entry = rows.get(norm(text(paragraphs[0]))) if paragraphs else None
        if entry is None or entry["id"] in seen or len(cells) < 2:
            continue
        seen.add(entry["id"])
        name = paragraphs[0]
        roles[position[id(name)]] = Target(position[id(name)], style_of(name), text(name), f"row:{entry['id']}",
                                           "name", chunk=(entry["file"], 0))
        for paragraph in paragraphs[1:]:
            content = text(paragraph)
            commentary = norm(entry["commentary"])
            if commentary.lower().startswith("analysis:"):
                commentary = norm(commentary[len(LABEL):])
            start = content.index(":") + 1 if content.startswith(LABEL) else 0
            while start < len(content) and content[start] == " ":
                start += 1
            end = start + len(commentary) if commentary and content[start:].startswith(commentary) else start
            roles[position[id(paragraph)]] = Target(position[id(paragraph)], style_of(paragraph), content,
                                                    f"row:{entry['id']}", "analysis", chunk=(entry["file"], 0),
                                                    span=(start, end))
    return [roles.get(i) or Target(i, style_of(p), text(p), "", "generated")
            for i, p in enumerate(document.paragraphs())]


def _self_assessment_targets(paragraphs: list[Element], record: dict[str, Any]) -> list[Target]:
    headings = {norm(s["heading"]): s["id"] for s in record.get("statements", [])}
    targets: list[Target] = []
    owner: str | None = None
    current: str | None = None
    for index, paragraph in enumerate(paragraphs):
        style, content = style_of(paragraph), text(paragraph)
        role = role_of_style(style)
        if role.startswith("heading"):
            current = None
            if role == "heading1":
                owner = "adass" if norm(content) == ADASS else None
            elif role == "heading2" and norm(content) in headings:
                owner = headings[norm(content)]
            elif role == "heading2" and owner == "adass" and norm(content) in ADASS_FIELDS:
                current = f"sa:adass:{ADASS_FIELDS[norm(content)]}"
            elif role == "heading3" and owner not in (None, "adass") and norm(content) in SA_FIELDS:
                current = f"sa:{owner}:{SA_FIELDS[norm(content)]}"
            targets.append(Target(index, style, content, "", "generated"))
            continue
        in_table = paragraph.getparent().tag == f"{{{W_NS}}}tc"
        if current is None or in_table or norm(content) == PLACEHOLDER or not norm(content):
            targets.append(Target(index, style, content, "", "generated"))
            continue
        kind = "commitment" if current.endswith(":commitment") else "bullet" if role == "bullet" else "paragraph"
        targets.append(Target(index, style, content, current, kind))
    return targets


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def layout_of(docx: bytes, record: dict[str, Any]) -> Layout:
    """Which paragraphs of a generated document come from the inputs, with their live figures."""
    document = WordDocument(docx)
    paragraphs = document.paragraphs()
    kind = record.get("kind", "committee-update")
    values: dict[str, str] = {}
    if kind == "dashboard":
        targets = _dashboard_targets(document, record)
    elif kind == "self-assessment":
        targets = _self_assessment_targets(paragraphs, record)
    else:
        targets, values = _committee_targets(paragraphs, record)
    return Layout(kind, tuple(targets), record, values)


# ------------------------------------------------------------------------------------------ edits

@dataclass(frozen=True)
class Edit:
    """One reviewer's edit. ``target`` and ``anchor`` are paragraph positions in the generated document;
    start and end are offsets in the target's text; ``track`` is None for an untracked edit."""

    op: str
    target: int
    start: int = 0
    end: int = 0
    text: str = ""
    anchor: int | None = None
    before: bool = False
    reply: str = ""
    track: Track | None = None

    def __repr__(self) -> str:
        shown = [f"{self.op} p{self.target}"]
        if self.end or self.start:
            shown.append(f"[{self.start}:{self.end}]")
        if self.text:
            shown.append(repr(self.text))
        if self.anchor is not None:
            shown.append(f"{'before' if self.before else 'after'} p{self.anchor}")
        if self.reply:
            shown.append(f"reply {self.reply!r}")
        shown.append(f"tracked by {self.track.author}" if self.track else "untracked")
        return "Edit(" + " ".join(shown) + ")"


@dataclass
class Expected:
    """A paragraph as a reader sees it after the edits (changes accepted)."""

    key: str
    style: str
    text: str
    region: str
    role: str
    origin: int | None                     # its position in the generated document; None when new
    figures: list[Figure] = field(default_factory=list)       # live figures whose printed value is untouched
    typed_over: list[tuple[Figure, str]] = field(default_factory=list)
    typed: bool = False                    # the reviewer typed all of it
    edited: bool = False
    moved: bool = False
    bold: list[str] = field(default_factory=list)
    history: list[str] = field(default_factory=list)          # what was done to it, for the reports


@dataclass(frozen=True)
class ExpectedComment:
    author: str
    text: str
    anchored: str
    parent: int | None


@dataclass
class Outcome:
    kind: str
    docx: bytes
    script: tuple[Edit, ...]
    paragraphs: list[Expected]
    comments: list[ExpectedComment]
    boxes: list[str]
    layout: Layout

    deleted_regions: set[str] = field(default_factory=set)
    touched_chunks: set[tuple[str, int]] = field(default_factory=set)


def _shift(figures: list[Figure], start: int, end: int, new: str) -> tuple[list[Figure], list[Figure]]:
    """The figures left untouched by replacing [start, end) with new (moved along), and those typed over
    (an edit that overlaps the printed value, or an insertion inside it)."""
    kept, lost = [], []
    delta = len(new) - (end - start)
    for figure in figures:
        moved = replace(figure, start=figure.start + delta, end=figure.end + delta)
        if start == end:
            kept.append(moved if start <= figure.start else figure) if not figure.start < start < figure.end \
                else lost.append(figure)
        elif figure.end <= start:
            kept.append(figure)
        elif figure.start >= end:
            kept.append(moved)
        else:
            lost.append(figure)
    return kept, lost


class _Applier:
    """Applies a script to a WordDocument and to the model side by side."""

    def __init__(self, docx: bytes, layout: Layout, seed: int):
        self.layout = layout
        self.document = WordDocument(docx, seed=seed)
        self.elements = self.document.paragraphs()
        self.model = [Expected(f"p{t.index}", t.style, t.text, t.region, t.role, t.index, list(t.figures))
                      for t in layout.targets]
        self.comments: list[ExpectedComment] = []
        self.boxes: list[str] = []
        self.new = 0
        self.deleted_regions: set[str] = set()
        self.touched_chunks: set[tuple[str, int]] = set()

    def at(self, index: int) -> int:
        return next(i for i, p in enumerate(self.model) if p.origin == index)

    def entry(self, index: int) -> Expected:
        return self.model[self.at(index)]

    def touch(self, index: int) -> None:
        chunk = self.layout.targets[index].chunk
        if chunk is not None:
            self.touched_chunks.add(chunk)

    def span(self, edit: Edit, new: str) -> None:
        paragraph = self.entry(edit.target)
        element = self.elements[edit.target]
        self.document.replace_span(element, edit.start, edit.end, new, track=edit.track)
        kept, lost = _shift(paragraph.figures, edit.start, edit.end, new)
        paragraph.text = paragraph.text[:edit.start] + new + paragraph.text[edit.end:]
        paragraph.figures = kept
        paragraph.typed_over += [(f, new) for f in lost]
        paragraph.edited = True
        self.touch(edit.target)

    def new_paragraph(self, element: Element, content: str, region: str, role: str) -> Expected:
        self.new += 1
        return Expected(f"n{self.new}", style_of(element), content, region, role, None, typed=True, edited=True)

    def apply(self, edit: Edit) -> None:
        getattr(self, "op_" + edit.op)(edit)
        how = f"{edit.op} ({'tracked' if edit.track else 'untracked'})"
        for position in (edit.target, edit.anchor):
            found = [p for p in self.model if p.origin == position]
            if position is not None and found and (position == edit.target or edit.op == "move"):
                found[0].history.append(how if position == edit.target else f"{how}, as anchor")
        if edit.op in ("insert", "retype", "analysis"):
            for paragraph in self.model:
                if paragraph.origin is None and not paragraph.history:
                    paragraph.history.append(how)

    def op_edit(self, edit: Edit) -> None:
        self.span(edit, edit.text)

    op_cell = op_edit
    op_type_over = op_edit

    def op_append(self, edit: Edit) -> None:
        paragraph = self.entry(edit.target)
        end = len(paragraph.text)
        self.span(replace(edit, start=end, end=end), (" " if end else "") + edit.text)

    def op_analysis(self, edit: Edit) -> None:
        """Type analysis for a row: after the label of a generated note, or in a new paragraph under the name."""
        target = self.layout.targets[edit.target]
        if target.role == "analysis":
            self.span(replace(edit, start=edit.start, end=edit.start), edit.text + " ")
            return
        element = self.document.insert_after(self.elements[edit.target], edit.text, track=edit.track)
        self.model.insert(self.at(edit.target) + 1, self.new_paragraph(element, edit.text, target.region, "analysis"))
        self.touch(edit.target)

    def op_replace(self, edit: Edit) -> None:
        paragraph = self.entry(edit.target)
        own = self.layout.targets[edit.target].span
        self.span(replace(edit, start=own[0] if own else 0, end=len(paragraph.text)), edit.text)
        paragraph.typed = True

    def op_insert(self, edit: Edit) -> None:
        target = self.layout.targets[edit.target]
        element = self.document.insert_after(self.elements[edit.target], edit.text, track=edit.track)
        self.model.insert(self.at(edit.target) + 1, self.new_paragraph(element, edit.text, target.region,
                                                                       role_of_style(style_of(element))))
        self.touch(edit.target)

    def op_delete(self, edit: Edit) -> None:
        own = self.layout.targets[edit.target].span
        if own is not None:
            self.span(replace(edit, start=own[0], end=len(self.entry(edit.target).text)), "")
            return
        element = self.elements[edit.target]
        last_in_cell = element.getparent().tag == f"{{{W_NS}}}tc" and len(element.getparent().findall(
            f"{{{W_NS}}}p")) == 1
        self.document.delete(element, track=edit.track)
        paragraph = self.entry(edit.target)
        self.deleted_regions.add(paragraph.region)
        self.touch(edit.target)
        if last_in_cell:
            paragraph.text, paragraph.figures, paragraph.edited = "", [], True
        else:
            self.model.remove(paragraph)

    def op_retype(self, edit: Edit) -> None:
        """Delete the paragraph, mark and all, then Enter at the end of the one before it and type anew."""
        assert edit.anchor is not None
        paragraph = self.entry(edit.target)
        self.document.delete(self.elements[edit.target], track=edit.track)
        element = self.document.insert_after(self.elements[edit.anchor], edit.text, track=edit.track)
        position = self.model.index(paragraph)
        self.model[position] = self.new_paragraph(element, edit.text, paragraph.region,
                                                  role_of_style(style_of(element)))
        self.deleted_regions.add(paragraph.region)
        self.touch(edit.target)

    def op_move(self, edit: Edit) -> None:
        assert edit.anchor is not None
        paragraph = self.entry(edit.target)
        anchor = self.elements[edit.anchor]
        element = self.document.move(self.elements[edit.target], after=None if edit.before else anchor,
                                     before=anchor if edit.before else None, track=edit.track)
        self.elements[edit.target] = element
        self.model.remove(paragraph)
        position = self.at(edit.anchor) + (0 if edit.before else 1)
        self.model.insert(position, paragraph)
        paragraph.moved = True
        self.deleted_regions.add(paragraph.region)
        paragraph.region = self.layout.targets[edit.anchor].region or paragraph.region
        self.touch(edit.target)
        self.touch(edit.anchor)

    def op_join(self, edit: Edit) -> None:
        paragraph = self.entry(edit.target)
        following = self.model[self.model.index(paragraph) + 1]
        assert following.origin is not None
        self.document.join_with_next(self.elements[edit.target], track=edit.track)
        offset = len(paragraph.text) + 1
        paragraph.figures += [replace(f, start=f.start + offset, end=f.end + offset) for f in following.figures]
        paragraph.text = paragraph.text + " " + following.text
        paragraph.edited = True
        paragraph.history += [f"joined with p{following.origin}"] + following.history
        self.model.remove(following)
        self.touch(edit.target)
        self.touch(following.origin)

    def op_bold(self, edit: Edit) -> None:
        paragraph = self.entry(edit.target)
        words = paragraph.text[edit.start:edit.end]
        self.document.bold(self.elements[edit.target], words, track=edit.track,
                           occurrence=paragraph.text[:edit.start].count(words))
        paragraph.bold.append(words)
        paragraph.edited = True
        self.touch(edit.target)

    def op_comment(self, edit: Edit) -> None:
        paragraph = self.entry(edit.target)
        anchored = paragraph.text[edit.start:edit.end]
        track = edit.track or AUTHORS[0]
        number = self.document.comment(self.elements[edit.target], anchored, edit.text, track=track,
                                       occurrence=paragraph.text[:edit.start].count(anchored))
        self.comments.append(ExpectedComment(track.author, edit.text, anchored, None))
        if edit.reply:
            self.document.reply(number, edit.reply, track=AUTHORS[1])
            self.comments.append(ExpectedComment(AUTHORS[1].author, edit.reply, anchored, len(self.comments) - 1))

    def op_text_box(self, edit: Edit) -> None:
        self.document.add_text_box(self.elements[edit.target], edit.text, track=edit.track)
        self.boxes.append(edit.text)
        self.entry(edit.target).edited = True
        self.touch(edit.target)


def apply_script(docx: bytes, layout: Layout, script: Sequence[Edit], *, seed: int = 0,
                 habits: Habits | None = None) -> Outcome:
    """The document after the edits, saved as Word saves it, and what a reader now sees."""
    applier = _Applier(docx, layout, seed)
    for edit in script:
        applier.apply(edit)
    saved = applier.document.save(habits or Habits())
    return Outcome(layout.kind, saved, tuple(script), applier.model, applier.comments, applier.boxes, layout,
                   applier.deleted_regions, applier.touched_chunks)


# ------------------------------------------------------------------------------------------ strategies

def _words(content: str, within: tuple[int, int] | None = None) -> list[tuple[int, int]]:
    low, high = within or (0, len(content))
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", content) if low <= m.start() and m.end() <= high]


@st.composite
def typed_text(draw: st.DrawFn, values: Sequence[str] = (), awkward: bool = True, jinja: bool = False) -> str:
    """A few words a reviewer types: plain words, now and then a printed figure of the month (which the
    harvest must not turn back into an expression), Markdown's special characters, or literal Jinja."""
    pool: list[st.SearchStrategy[str]] = [st.sampled_from(WORDS)]
    if values:
        pool.append(st.sampled_from(sorted(values)))
    if awkward:
        pool.append(st.sampled_from(AWKWARD))
    if jinja:
        pool.append(st.sampled_from(("{{ period }}", "{% if x %}", "{# note #}")))
    words = draw(st.lists(st.one_of(*pool), min_size=1, max_size=6))
    sentence = " ".join(words)
    return sentence[:1].upper() + sentence[1:] + draw(st.sampled_from(("", ".", "!", "?")))


@st.composite
def _track(draw: st.DrawFn) -> Track | None:
    return draw(st.one_of(st.none(), st.sampled_from(AUTHORS)))


@st.composite
def edit_scripts(draw: st.DrawFn, layout: Layout, max_edits: int = 5, ops: Sequence[str] | None = None,
                 awkward: bool = True, jinja: bool = False) -> tuple[Edit, ...]:
    """A script of 1 to max_edits edits of different paragraphs, each tracked or not, drawn from ``ops``
    (by default every edit that makes sense for the document's kind)."""
    allowed = list(ops or OPS_BY_KIND[layout.kind])
    values = sorted(set(layout.values.values()))
    targets = layout.targets
    used: set[int] = set()
    anchors_taken: set[int] = set()
    script: list[Edit] = []
    count = draw(st.integers(1, max_edits))
    for _ in range(count):
        op = draw(st.sampled_from(allowed))
        edit = _draw_edit(draw, layout, op, used, anchors_taken, values, awkward, jinja)
        if edit is None:
            continue
        script.append(edit)
        used.add(edit.target)
        if edit.anchor is not None:
            anchors_taken.add(edit.anchor)
            if edit.op in ("retype",):
                used.add(edit.anchor)
        if edit.op == "join":
            used.add(edit.target + 1)
    if not script:
        target = draw(st.sampled_from([t for t in targets if t.region and t.text.strip()]))
        script.append(Edit("append", target.index, text=draw(typed_text(values, awkward, jinja))))
    return tuple(script)


def _free(layout: Layout, used: set[int], anchors: set[int], roles: tuple[str, ...],
          test: Callable[[Target], bool] = lambda t: True) -> list[Target]:
    return [t for t in layout.editable(*roles) if t.index not in used and t.index not in anchors and test(t)]


def _draw_edit(draw: st.DrawFn, layout: Layout, op: str, used: set[int], anchors: set[int], values: list[str],
               awkward: bool, jinja: bool) -> Edit | None:
    """An edit of a paragraph no earlier edit touched (see edit_scripts). Untracked typing over a live figure
    never retypes its printed value: from the text alone that reads as a figure left in place, so no harvest
    could tell (tracked typing, where the document says what was typed, may)."""
    edit = _draw_raw_edit(draw, layout, op, used, anchors, values, awkward, jinja)
    if edit is None or edit.track is not None or not edit.text or op not in ("edit", "type_over", "replace", "cell"):
        return edit
    target = layout.targets[edit.target]
    end = len(target.text) if op == "replace" else edit.end
    start = (target.span[0] if target.span else 0) if op == "replace" else edit.start
    typed = edit.text
    for figure in target.figures:
        if figure.start < end and figure.end > start:
            typed = typed.replace(figure.value, "figure")
    return replace(edit, text=typed)


def _draw_raw_edit(draw: st.DrawFn, layout: Layout, op: str, used: set[int], anchors: set[int], values: list[str],
                   awkward: bool, jinja: bool) -> Edit | None:
    track = draw(_track())
    say = typed_text(values, awkward, jinja)
    kind = layout.kind
    text_roles = ("paragraph", "bullet", "recommendation", "heading", "commitment", "analysis")

    def pick(candidates: list[Target]) -> Target | None:
        """One of the candidates; for typing over text, as often as not one that prints live figures."""
        with_figures = [t for t in candidates if t.figures]
        if op in ("replace", "retype", "edit") and with_figures and draw(st.booleans()):
            candidates = with_figures
        return draw(st.sampled_from(candidates)) if candidates else None

    def words(target: Target) -> tuple[int, int] | None:
        spans = _words(target.text, target.span)
        if not spans:
            return None
        first = draw(st.integers(0, len(spans) - 1))
        last = draw(st.integers(first, min(len(spans) - 1, first + 3)))
        return spans[first][0], spans[last][1]

    def own(target: Target) -> st.SearchStrategy[str]:
        """Typed text that now and then repeats a value printed in this very paragraph."""
        printed = sorted({f.value for f in target.figures})
        biased: bool = draw(st.booleans())
        return typed_text(printed, awkward, jinja) if printed and biased else say

    if op in ("edit", "bold", "comment", "cell"):
        roles = ("cell",) if op == "cell" else text_roles
        target = pick(_free(layout, used, anchors, roles, lambda t: bool(_words(t.text, t.span))))
        if target is None:
            return None
        say = own(target)
        span = words(target)
        assert span is not None
        if op == "comment":
            reply = draw(st.one_of(st.just(""), say))
            return Edit(op, target.index, *span, text=draw(say), reply=reply, track=draw(st.sampled_from(AUTHORS)))
        return Edit(op, target.index, *span, text="" if op == "bold" else draw(say), track=track)
    if op == "type_over":
        target = pick(_free(layout, used, anchors, text_roles, lambda t: bool(t.figures)))
        if target is None:
            return None
        figure = draw(st.sampled_from(target.figures))
        return Edit(op, target.index, figure.start, figure.end, draw(own(target)), track=track)
    if op in ("append", "replace"):
        target = pick(_free(layout, used, anchors, text_roles, lambda t: t.role != "heading" and _own_end(t)))
        return None if target is None else Edit(op, target.index, text=draw(own(target)), track=track)
    if op == "analysis":
        target = pick([t for t in layout.targets if t.role in ("name", "analysis") and t.index not in used and (
            t.role == "analysis" and t.span is not None and t.span[0] == t.span[1] or
            t.role == "name" and not any(o.role == "analysis" and o.region == t.region for o in layout.targets))])
        if target is None:
            return None
        start = target.span[0] if target.span else 0
        return Edit(op, target.index, start, start, draw(say), track=track)
    if op == "text_box":
        target = pick(_free(layout, used, anchors, ("paragraph", "bullet", "analysis", "commitment")))
        return None if target is None else Edit(op, target.index, text=f"Text box {target.index}: " + draw(say),
                                                track=track)
    if op == "delete":
        target = pick(_free(layout, used, anchors, ("paragraph", "bullet", "recommendation", "analysis"),
                            lambda t: _not_last_of_list(layout, t, used) and _own_end(t) and bool(norm(t.text))))
        return None if target is None else Edit(op, target.index, track=track)
    if op == "insert":
        target = pick(_free(layout, used, anchors, ("paragraph", "bullet", "recommendation", "heading"),
                            lambda t: not (t.role == "heading" and kind == "self-assessment")))
        return None if target is None else Edit(op, target.index, text=draw(say), track=track)
    if op in ("move", "retype"):
        movable = ("paragraph", "bullet", "recommendation")
        target = pick(_free(layout, used, anchors, movable, lambda t: _not_last_of_list(layout, t, used)))
        if target is None:
            return None
        if op == "retype":
            previous = layout.targets[target.index - 1]
            if previous.region != target.region or previous.index in used or \
                    previous.role not in (*movable, "heading"):
                return None
            return Edit(op, target.index, text=draw(own(target)), anchor=previous.index, track=track)
        same_kind = [t for t in layout.editable(*movable, "heading")
                     if t.index not in used and t.index != target.index and
                     _same_family(t, target) and abs(t.index - target.index) > 1]
        anchor = pick(same_kind)
        if anchor is None:
            return None
        before = anchor.role != "heading" and draw(st.booleans())
        return Edit(op, target.index, anchor=anchor.index, before=before, track=track)
    if op == "join":
        pairs = [t for t in _free(layout, used, anchors, ("paragraph", "bullet"))
                 if t.index + 1 < len(layout.targets) and layout.targets[t.index + 1].style == t.style and
                 layout.targets[t.index + 1].region and t.index + 1 not in used and t.index + 1 not in anchors and
                 layout.targets[t.index + 1].region.split(":")[:2] == t.region.split(":")[:2] and
                 _not_last_of_list(layout, layout.targets[t.index + 1], used)]
        target = pick(pairs)
        return None if target is None else Edit(op, target.index, track=track)
    raise ValueError(f"unknown edit {op!r}")


def _own_end(target: Target) -> bool:
    """The paragraph ends with the reviewer's own text (not with a note the document writes itself)."""
    return target.span is None or target.span[0] < target.span[1] == len(target.text)


def _same_family(anchor: Target, target: Target) -> bool:
    """Where a paragraph may be moved: a recommendation among recommendations, narrative within the
    narrative, a self-assessment item within the lists (not into a commitment)."""
    if target.role == "recommendation":
        return anchor.role == "recommendation"
    if anchor.role == "recommendation":
        return False
    if target.region.startswith("sa:"):
        return anchor.region.startswith("sa:") and anchor.role == "bullet" == target.role
    return not anchor.region.startswith(("sa:", "row:")) and anchor.role != "cell"


def _not_last_of_list(layout: Layout, target: Target, used: set[int]) -> bool:
    """A self-assessment list keeps at least one item (an empty list prints a placeholder)."""
    if not target.region.startswith("sa:"):
        return True
    return sum(1 for t in layout.targets if t.region == target.region and t.index not in used) > 1


# ------------------------------------------------------------------------------------------ checks

def accepted_text_problems(outcome: Outcome) -> list[str]:
    """The emulator's own check: the saved document, changes accepted, reads as the model says."""
    found = [(role_of_style(s), norm(t)) for s, t in accepted_paragraphs(outcome.docx) if norm(t)]
    boxes = Counter(norm(b) for b in outcome.boxes)
    found = [f for f in found if not (f[1] in boxes and boxes[f[1]] > 0 and not boxes.subtract([f[1]]))]
    wanted = [(role_of_style(p.style), norm(p.text)) for p in outcome.paragraphs if norm(p.text)]
    return _diff(wanted, found, "model", "saved document")


def _diff(wanted: list[tuple[str, str]], found: list[tuple[str, str]], left: str, right: str) -> list[str]:
    if wanted == found:
        return []
    lines = difflib.unified_diff([f"{k}: {t}" for k, t in wanted], [f"{k}: {t}" for k, t in found], left, right,
                                 lineterm="", n=1)
    return ["\n".join(list(lines)[:60])]


def _strip_label(content: str) -> str:
    content = norm(content)
    return norm(content[len(LABEL):]) if content.startswith(LABEL) else content


def _dashboard_rows(docx: bytes) -> dict[str, str]:
    """Indicator name -> analysis (label taken off), read from a dashboard's tables."""
    document = WordDocument(docx)
    rows: dict[str, str] = {}
    for row in document.body.iter(f"{{{W_NS}}}tr"):
        cells = row.findall(f"{{{W_NS}}}tc")
        paragraphs = [norm(text(p)) for p in cells[0].findall(f"{{{W_NS}}}p")] if cells else []
        if len(cells) > 1 and paragraphs:
            rows.setdefault(paragraphs[0], _strip_label(" ".join(p for p in paragraphs[1:] if p)))
    return rows


def regenerated_text_problems(outcome: Outcome, regenerated: bytes) -> list[str]:
    """The regenerated document reads as the edited one did (what the reviewer saw, changes accepted). Each
    text box's text must come back exactly once, wherever it lands."""
    if outcome.kind == "dashboard":
        now = _dashboard_rows(regenerated)
        names = {t.region: norm(t.text) for t in outcome.layout.targets if t.role == "name"}
        rows: dict[str, str] = {}
        for paragraph in outcome.paragraphs:
            if paragraph.region.startswith("row:") and paragraph.role == "analysis":
                name = names[paragraph.region]
                rows[name] = norm(rows.get(name, "") + " " + _strip_label(paragraph.text))
        problems = []
        for name, analysis in rows.items():
            got = now.get(name, "")
            for box in outcome.boxes:           # a box's text comes back in its row, as text of its own
                got = norm(got.replace(norm(box), " ")) if norm(box) not in analysis else got
            if got == analysis:
                continue
            if any(norm(box) in got for box in outcome.boxes):
                why = "a text box's text replaced the analysis"
            elif got and analysis.endswith(got) and len(got) < len(analysis):
                why = "the printed analysis is lost, only the reviewer's addition kept"
            else:
                why = "the analysis differs"
            problems.append(f"dashboard row {name!r} ({why}):\n  edited:      {analysis!r}\n  regenerated: {got!r}")
        for box in outcome.boxes:
            count = sum(v.count(norm(box)) for v in now.values())
            if count != 1:
                problems.append(f"text box {box!r} comes back {count} time(s)")
        return problems
    read = [(role_of_style(s), norm(t)) for s, t in accepted_paragraphs(regenerated) if norm(t)]
    problems = []
    for box in outcome.boxes:
        count = sum(t.count(norm(box)) for _, t in read)
        if count != 1:
            problems.append(f"text box {box!r} comes back {count} time(s)")
        read = [(k, norm(t.replace(norm(box), " "))) for k, t in read if t != norm(box)]
    wanted = [(role_of_style(p.style), norm(p.text)) for p in outcome.paragraphs if norm(p.text)]
    return problems + _diff(wanted, read, "edited", "regenerated")


def _chunk_texts(markdown: str, values: dict[str, str]) -> list[tuple[str, list[str]]]:
    """(printed text, its live figures' expressions) of every paragraph a narrative file prints."""
    found = []
    for chunk in split_chunks(markdown):
        exprs = expressions(chunk.body)
        for _, plain, marks in _marked(_numbered(chunk.body, [values.get(e, e) for e in exprs])):
            found.append((norm(plain), [exprs[number] for number, _, _ in marks]))
    return found


def live_figure_problems(outcome: Outcome, narrative: dict[str, str], recommendations: list[str]) -> list[str]:
    """Committee update: each paragraph, found in the harvested inputs by its printed text, carries exactly
    the live figures whose printed value the reviewer left alone, and no others (a typed word is never
    turned into another paragraph's expression). ``narrative`` maps each narrative file to its harvested
    Markdown; ``recommendations`` are pack.yaml's, harvested."""
    if outcome.kind != "committee-update":
        return []
    values = outcome.layout.values
    printed: dict[str, list[list[str]]] = {}
    for markdown in narrative.values():
        for content, exprs in _chunk_texts(markdown, values):
            printed.setdefault(content, []).append(exprs)
    for source in recommendations:
        exprs = expressions(source)
        printed.setdefault(norm(substitute(source, [values.get(e, e) for e in exprs])), []).append(exprs)
    problems = []
    for paragraph in outcome.paragraphs:
        if not paragraph.region or paragraph.region.startswith(("row:", "sa:")) or not norm(paragraph.text):
            continue
        wanted = Counter(f.expression for f in paragraph.figures)
        chunks = printed.get(norm(paragraph.text))
        if chunks is None or any(Counter(exprs) == wanted for exprs in chunks):
            continue                       # (text that did not come back: regenerated_text_problems says so)
        got = Counter(chunks[0])
        what = []
        if wanted - got:
            what.append(f"frozen, no longer live: {', '.join(sorted((wanted - got).elements()))}")
        if got - wanted:
            what.append(f"given expressions it did not have: {', '.join(sorted((got - wanted).elements()))}")
        state = "moved" if paragraph.moved else "typed by the reviewer" if paragraph.typed else \
            "edited" if paragraph.edited else "untouched"
        done = ", ".join(paragraph.history) or "no edit of its own"
        problems.append(f"{state} paragraph “{paragraph.text[:70]}” [{done}]: " + "; ".join(what))
    return problems


def untouched_problems(outcome: Outcome, before: dict[str, str], after: dict[str, str]) -> list[str]:
    """Nothing outside the edited chunks changes: every chunk no edit touched comes back byte for byte in
    its file (committee update), every row no edit touched keeps its line (dashboard CSV), every field no
    edit touched keeps its value (self-assessment YAML). ``before`` and ``after`` map input files to text."""
    problems = []
    touched = outcome.touched_chunks
    if outcome.kind in ("committee-update", "local-account"):
        for name, text_before in before.items():
            if not name.endswith(".md"):
                continue
            kept = {c.body for c in split_chunks(after.get(name, text_before))}
            for number, chunk in enumerate(split_chunks(text_before)):
                if (name, number) not in touched and chunk.body not in kept and chunk.body.strip():
                    problems.append(f"{name}: an untouched chunk changed or went: “{chunk.body[:80]}”")
        if "pack.yaml" in before:
            old = _yaml_list(before["pack.yaml"], "recommendations")
            new = _yaml_list(after.get("pack.yaml", before["pack.yaml"]), "recommendations")
            for number, item in enumerate(old):
                if ("pack.yaml", number) not in touched and item not in new:
                    problems.append(f"pack.yaml: the untouched recommendation “{item[:80]}” changed or went")
    elif outcome.kind == "dashboard":
        edited = {t.region[4:] for t in outcome.layout.targets if t.chunk and (t.chunk[0], 0) in touched
                  and any(p.region == t.region and (p.edited or p.origin is None) for p in outcome.paragraphs)}
        edited |= {r[4:] for r in outcome.deleted_regions if r.startswith("row:")}
        for name, text_before in before.items():
            if not name.endswith(".csv"):
                continue
            old_rows = {r.get("indicator_id", "").lstrip("\ufeff"): line for r, line in _csv_lines(text_before)}
            new_rows = {r.get("indicator_id", "").lstrip("\ufeff"): line for r, line in
                        _csv_lines(after.get(name, text_before))}
            for indicator, line in old_rows.items():
                if indicator not in edited and new_rows.get(indicator) != line:
                    problems.append(f"{name}: the row of {indicator}, not edited, changed: {new_rows.get(indicator)!r}")
    else:
        edited_fields = {p.region for p in outcome.paragraphs if p.edited or p.moved or p.origin is None}
        edited_fields |= outcome.deleted_regions
        for name, text_before in before.items():
            if not name.endswith(".yaml"):
                continue
            fields_before, fields_after = _sa_fields(text_before), _sa_fields(after.get(name, text_before))
            for path, value in fields_before.items():
                if path not in edited_fields and fields_after.get(path) != value:
                    problems.append(f"{name}: {path}, not edited, changed: {value!r} -> {fields_after.get(path)!r}")
    return problems


def warning_problems(outcome: Outcome, warnings: Sequence[str]) -> list[str]:
    """A figure typed over is named in a warning that quotes exactly what the reviewer typed in its place;
    no warning says the reviewer edited text the document writes itself when they did not."""
    problems = []
    for paragraph in outcome.paragraphs:
        for figure, typed in paragraph.typed_over:
            naming = [w for w in warnings if figure.expression in w]
            if not naming:
                problems.append(f"no warning names {figure.expression}, typed over with “{typed}”")
            elif typed.strip() and not any(f"“{typed.strip()}”" in w for w in naming):
                problems.append(f"the warning for {figure.expression} does not quote what was typed, “{typed}”: "
                                f"{naming[0]}")
    if outcome.kind == "dashboard":
        problems += [f"a false warning: {w}" for w in warnings if "writes itself" in w]
    # the scripts edit only text that comes from the inputs: none of what the documents write themselves
    problems += [f"a false warning: {w}" for w in warnings if "is written by scrutinyreport itself" in w]
    return problems


def report_problems(outcome: Outcome, changes: Sequence[Any], report: str) -> list[str]:
    """The review report shows a tracked move as a move (not an insertion and a deletion) and a reply under
    the comment it answers."""
    problems = []
    moves = [e for e in outcome.script if e.op == "move" and e.track is not None]
    if moves and not any("move" in str(getattr(c, "kind", "")).lower() for c in changes):
        problems.append(f"{len(moves)} tracked move(s) listed as: {sorted({c.kind for c in changes})}")
    for comment in outcome.comments:
        if comment.parent is None:
            continue
        lines = report.splitlines()
        quoted = _straight_quotes(comment.text.strip()[:40])
        if not any(quoted in _straight_quotes(line) and (line.startswith("  ") or "repl" in line.lower())
                   for line in lines):
            problems.append(f"the reply “{comment.text}” is not threaded under its comment")
    return problems


def _straight_quotes(text: str) -> str:
    """The report quotes with straight quotes inside its own curly ones."""
    return text.replace("“", '"').replace("”", '"')


def comment_problems(outcome: Outcome, comments: Sequence[Any]) -> list[str]:
    """Every comment and reply comes back with its author, its text and the words it is anchored to."""
    problems = []
    found = [(c.author, norm(c.text), norm(c.anchored)) for c in comments]
    for comment in outcome.comments:
        if (comment.author, norm(comment.text), norm(comment.anchored)) not in found:
            problems.append(f"comment by {comment.author} “{comment.text}” on “{comment.anchored}” is missing or "
                            f"anchored elsewhere: {found}")
    return problems


@functools.lru_cache(maxsize=16)
def _yaml(source: str) -> Any:
    """A YAML file's data, parsed once per text (the originals are compared with every example's files);
    read, never changed, by its callers."""
    return yaml.safe_load(source) or {}


def _yaml_list(source: str, key: str) -> list[str]:
    data = _yaml(source)
    return [norm(str(item)) for item in data.get(key) or []]


def _csv_lines(source: str) -> list[tuple[dict[str, str], str]]:
    lines = source.splitlines(keepends=True)
    header = next(csv.reader([lines[0]])) if lines else []
    return [(dict(zip([h.lstrip("\ufeff") for h in header], row)), line)
            for line, row in zip(lines[1:], csv.reader(io.StringIO("".join(lines[1:]))))]


def _sa_fields(source: str) -> dict[str, Any]:
    data = _yaml(source)
    found: dict[str, Any] = {}
    for theme in data.get("themes") or []:
        for statement in theme.get("statements") or []:
            for name in ("strengths", "areas_for_development", "commitment"):
                found[f"sa:{statement.get('id')}:{name}"] = statement.get(name)
    for name, value in (data.get("adass") or {}).items():
        found[f"sa:adass:{name}"] = value
    return found
