"""A reviewer's edits as Word saves them, one kind at a time (issue 20): joins, literal Jinja, Markdown typed
into a list item, text boxes, the review report's moves, replies and section numbers, generated sections,
the Local Account's introduction, and a dashboard record written before the note it writes itself was
recorded. Each reviewed copy is harvested with --dry-run and, where it matters, regenerated."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from helpers.edit_scripts import (
    AUTHORS,
    Edit,
    Layout,
    Target,
    apply_script,
    layout_of,
    live_figure_problems,
    norm,
    regenerated_text_problems,
    role_of_style,
    warning_problems,
)
from helpers.round_trip import SamplePack
from helpers.word_habits import Track, WordDocument, accepted_paragraphs
from scrutinyreport.content.markdown_chunks import split_chunks
from scrutinyreport.harvest import HarvestOptions, harvest
from scrutinyreport.word.records import ITEM

TRACK = Track("Jo Director", "2026-10-20T09:30:00Z")
CARERS = ("at {{ indicators.carers_assessed_rate.latest }} compared with {{ indicators.carers_assessed_rate.year_ago }}"
          " a year earlier")



def read_again(docx: bytes) -> list[tuple[str, str]]:
    return [(role_of_style(style), norm(text)) for style, text in accepted_paragraphs(docx) if norm(text)]


@pytest.mark.parametrize("track", [None, TRACK], ids=["untracked", "tracked"])
def test_two_paragraphs_joined_keep_both_paragraphs_live_figures(pack: SamplePack, track: Track | None) -> None:
    docx, _ = pack.document("committee-update")
    document = WordDocument(docx, seed=7)
    document.join_with_next(document.find("Supporting unpaid carers was an area for development"), track=track)

    result = pack.harvest(document.save(), pack.name("committee-update"))

    harvested = result.files["narrative/background.md"]
    assert CARERS in harvested
    assert not [w for w in result.warnings if "typed over" in w], result.warnings


def test_literal_jinja_typed_in_word_comes_back_as_text(pack: SamplePack) -> None:
    docx, _ = pack.document("committee-update")
    document = WordDocument(docx, seed=8)
    typed = "Typed as text: {{ period }}, {% if x %} and {# note #}."
    document.insert_after(document.find("people were waiting for a Care Act assessment"), typed)
    recommendation = document.find("Comment on the council's self-assessment")
    document.append(recommendation, "Ask about {{ counts.red }} and {% raw %}.")

    result = pack.harvest(document.save(), pack.name("committee-update"))

    assert "{\\{ period }}" in result.files["narrative/background.md"]
    recommendations = yaml.safe_load(result.files["pack.yaml"])["recommendations"]
    assert any(r.endswith("Ask about {{ '{' }}{ counts.red }} and {{ '{' }}% raw %}.") for r in recommendations)
    again = read_again(pack.regenerate(result.files, "committee-update"))
    assert ("paragraph", typed) in again
    assert any(text.endswith("Ask about {{ counts.red }} and {% raw %}.") for _, text in again)


@pytest.mark.parametrize("typed", ["9. A new point", "1. Carers", "# not a heading", "- a dash"])
def test_markdown_typed_at_the_start_of_a_list_item_stays_text(pack: SamplePack, typed: str) -> None:
    docx, _ = pack.document("committee-update")
    document = WordDocument(docx, seed=9)
    document.insert_after(document.find("Care market capacity."), typed)     # Enter after a bullet, type

    result = pack.harvest(document.save(), pack.name("committee-update"))

    again = read_again(pack.regenerate(result.files, "committee-update"))
    assert ("bullet", typed) in again


def test_a_text_box_is_read_once_as_a_paragraph_of_its_own(pack: SamplePack) -> None:
    docx, _ = pack.document("committee-update")
    document = WordDocument(docx, seed=10)
    anchor = document.find("people were waiting for a Care Act assessment")
    document.add_text_box(anchor, "A boxed note.")

    result = pack.harvest(document.save(), pack.name("committee-update"))

    harvested = result.files["narrative/background.md"]
    assert harvested.count("A boxed note.") == 1
    assert "{{ indicators.waiting_assessment.latest }} people were waiting" in harvested


def test_the_review_report_shows_moves_replies_and_where_each_change_is(pack: SamplePack) -> None:
    docx, _ = pack.document("committee-update")
    document = WordDocument(docx, seed=11)
    document.move(document.find("people were waiting for a Care Act assessment"),
                  before=document.find("Reablement continues to perform well"), track=TRACK)
    number = document.comment(document.find("waiting well"), "waiting well", "How many were contacted?", track=TRACK)
    document.reply(number, "About 400 last month.")
    document.replace(document.find("performance update twice a year"), "twice a year", "three times a year",
                     track=TRACK)

    result = pack.harvest(document.save(), pack.name("committee-update"))

    kinds = [change.kind for change in result.changes]
    assert kinds.count("move") == 1 and "insertion" in kinds and "deletion" in kinds
    lines = result.report.splitlines()
    move = next(line for line in lines if line.startswith("- moved by Jo Director"))
    assert re.search(r"from \d+(\.\d+)*[ivx]*, “At the end of September 2026", move)
    assert re.search(r" to \d+(\.\d+)*[ivx]*, “At the end of September 2026", move)
    comment = next(i for i, line in enumerate(lines) if "How many were contacted?" in line)
    assert lines[comment + 2].startswith("  - reply by **Sam Patel**") and "About 400" in lines[comment + 2]
    insertion = next(line for line in lines if line.startswith("- insertion by Jo Director"))
    assert re.search(r"in \d+(\.\d+)*, “The Adults and Communities", insertion), insertion


def test_an_edit_in_a_generated_section_is_a_warning(pack: SamplePack) -> None:
    docx, record = pack.document("committee-update")
    assert any(entry["generated"] and entry.get("printed") for entry in record["sections"])
    document = WordDocument(docx, seed=12)
    heading = document.find("Background documents", exact=True)
    document.insert_after(heading, "The minutes of the last meeting.")

    result = pack.harvest(document.save(), pack.name("committee-update"))

    assert any("“Background documents” is written by scrutinyreport itself" in w and
               "The minutes of the last meeting." in w for w in result.warnings), result.warnings
    assert not result.files


def test_the_local_accounts_introduction_comes_back(pack: SamplePack) -> None:
    docx, record = pack.document("local-account")
    assert record["kind"] == "local-account"
    document = WordDocument(docx, seed=13)
    document.append(document.find("Most people we support want to live in their own homes"),
                    "We opened two new extra care schemes.", track=TRACK)
    document.insert_after(document.find("Who we supported", exact=True), "Edited generated text.")

    result = pack.harvest(document.save(), pack.name("local-account"))

    introduction = result.files["local_account/introduction.md"]
    assert "close to family and friends. This year most people who had" in introduction
    assert "what help they need. We opened two new extra care schemes." in introduction
    before, after = split_chunks(pack.originals["local_account/introduction.md"]), split_chunks(introduction)
    assert [c.body for c in after[:1] + after[2:]] == [c.body for c in before[:1] + before[2:]]
    assert any("“Who we supported” is written by scrutinyreport itself" in w for w in result.warnings)


def test_a_dashboard_record_from_before_the_note_was_recorded_still_harvests(pack: SamplePack) -> None:
    docx, record = pack.document("dashboard")
    assert all("generated" in row for row in record["rows"])
    older = {**record, "rows": [{k: v for k, v in row.items() if k != "generated"} for row in record["rows"]]}
    path = pack.work / "older.record.json"
    path.write_text(json.dumps(older), encoding="utf-8")
    document = WordDocument(docx, seed=14)
    document.append(document.find("48 of the 58 people who completed reablement"), "Provisional.")
    reviewed = pack.work / "reviewed" / "older.docx"
    reviewed.write_bytes(_without_record(document.save()))

    result = harvest(HarvestOptions(reviewed, pack.inputs, dry_run=True, record=path))

    row = next(line for line in result.files["monthly/2026-09.csv"].splitlines()
               if line.startswith("reablement_no_ongoing,") or ",reablement_no_ongoing," in line)
    assert "Analysis: 48 of the 58 people" in row and "just under it in June. Provisional." in row


def _without_record(docx: bytes) -> bytes:
    """The document as an editor that drops custom XML saves it (the record then comes from --record)."""
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != ITEM:
                target.writestr(item, source.read(item.filename))
    return out.getvalue()


def test_a_reworded_recommendation_is_never_folded_inside_an_expression() -> None:
    from scrutinyreport.harvest.pack_yaml import replace_recommendations

    words = " ".join(f"word{n}" for n in range(14))
    text = f"{words} the {{{{ indicators.waiting_assessment.latest }}}} people waiting at the end of {{{{ period }}}}"
    for shift in range(12):
        item = ("x" * shift + " " + text).strip()
        written = replace_recommendations("recommendations:\n  - old\n", [item])
        assert all(line.count("{{") == line.count("}}") for line in written.splitlines()), written
        assert yaml.safe_load(written)["recommendations"] == [item]


def test_a_paragraph_moved_to_another_section_and_edited_there_is_a_warning(pack: SamplePack) -> None:
    docx, _ = pack.document("committee-update")
    document = WordDocument(docx, seed=15)
    moved = document.move(document.find("people were waiting for a Care Act assessment"),
                          after=document.find("This report reflects issues which affect all wards."))
    document.replace(moved, "Everyone waiting", "Every person waiting")

    result = pack.harvest(document.save(), pack.name("committee-update"))

    assert "Every person waiting" in result.files["narrative/consultation.md"]
    assert any("moved and edited" in w and "{{ indicators.waiting_assessment.latest }}" in w
               for w in result.warnings), result.warnings


def test_edits_to_text_the_dashboard_and_the_summary_write_themselves_are_warnings(pack: SamplePack) -> None:
    docx, _ = pack.document("dashboard")
    document = WordDocument(docx, seed=16)
    document.insert_after(document.find("How to read this dashboard", exact=True), "A reviewer's note.")
    result = pack.harvest(document.save(), pack.name("dashboard"))
    assert any("“How to read this dashboard” is written by scrutinyreport itself" in w and "A reviewer's note." in w
               for w in result.warnings), result.warnings
    assert not result.files

    docx, _ = pack.document("self-assessment")
    document = WordDocument(docx, seed=17)
    document.append(document.find("What people expect", exact=True, occurrence=0), " (in CQC's words)")
    result = pack.harvest(document.save(), pack.name("self-assessment"))
    assert any("is written by scrutinyreport itself" in w and "(in CQC's words)" in w for w in result.warnings), \
        result.warnings
    assert not result.files


# ---- live figures typed over, as the property test's reviewers found them (each its shortest script)

def _target(layout: Layout, role: str, text: str) -> Target:
    """The one paragraph (or table cell) of that role whose text is, or starts with, ``text``."""
    found = [t for t in layout.targets if t.role == role and (t.text == text or t.text.startswith(text))]
    assert len(found) == 1, [t.text[:40] for t in found]
    return found[0]


def test_the_kit_knows_each_table_cells_live_figures(pack: SamplePack) -> None:
    docx, record = pack.document("committee-update")
    layout = layout_of(docx, record)
    cells = [t for t in layout.targets if t.role == "cell"]
    assert cells and all(t.text[f.start:f.end] == f.value for t in cells for f in t.figures)
    assert [f.expression for f in _target(layout, "cell", "76.4% (rank").figures] == [
        "{{ indicators.still_home_91_days.benchmark }}", "{{ indicators.still_home_91_days.rank }}"]
    assert [f.expression for f in _target(layout, "cell", "Worse").figures] == [
        "{{ indicators.still_home_91_days.compared }}"]


def test_a_figure_typed_over_in_a_table_cell_is_named_and_the_others_stay_live(pack: SamplePack) -> None:
    """[Edit(text_box p49 ...), Edit(cell p65 [0:5] '{{ period }}!' untracked)]: the verdict “Worse” typed
    over; the row's other figures, and the table's, stay live."""
    docx, record = pack.document("committee-update")
    layout = layout_of(docx, record)
    box = _target(layout, "paragraph", "Of the 10 national Adult Social Care Outcomes Framework")
    cell = _target(layout, "cell", "Worse")
    script = (Edit("text_box", box.index, text=f"Text box {box.index}: {{{{ period }}}} September 2026 2026/27.",
                   track=AUTHORS[2]),
              Edit("cell", cell.index, 0, 5, "{{ period }}!"))
    outcome = apply_script(docx, layout, script, seed=len(script))

    result = pack.harvest(outcome.docx, pack.name("committee-update"))

    typed_over = [w for w in result.warnings if "typed over" in w]
    assert typed_over == ["narrative/background.md: the live figure {{ indicators.still_home_91_days.compared }} "
                          "(printed as “Worse”) was typed over by the reviewer; their text “{{ period }}!” is kept "
                          "in its place, so it will no longer follow the data"], result.warnings
    assert not warning_problems(outcome, result.warnings)
    row = ("| Still at home 91 days after discharge into reablement (2B(1)) | "
           "{{ indicators.still_home_91_days.benchmark }} (rank {{ indicators.still_home_91_days.rank }}) | "
           "{{ indicators.still_home_91_days.england }} | ")
    table = next(c.body for c in split_chunks(pack.originals["narrative/background.md"]) if c.body.startswith("|"))
    harvested = result.files["narrative/background.md"]
    assert table.replace(row + "{{ indicators.still_home_91_days.compared }} |", row + "{\\{ period }}! |") in harvested
    assert harvested.count(f"Text box {box.index}:") == 1
    narrative = {n: t for n, t in pack.after(result.files).items() if n.endswith(".md")}
    assert not live_figure_problems(outcome, narrative, [])
    assert not regenerated_text_problems(outcome, pack.regenerate(result.files, "committee-update"))


def _recommendations(text: str) -> list[str]:
    return [" ".join(str(r).split()) for r in yaml.safe_load(text)["recommendations"]]


def test_a_figure_typed_over_as_a_tracked_insertion_is_quoted_as_typed(pack: SamplePack) -> None:
    """[Edit(type_over p11 [36:46] 'Appendix 3!' tracked), Edit(move p78 before p73 untracked), Edit(bold p17
    [0:5] tracked), Edit(bold p79 [327:329] tracked)]: the printed “Appendix 3” deleted and “Appendix 3!” typed
    in its place, as a tracked insertion; what was typed is all of the insertion, not what differs from the
    printed text."""
    docx, record = pack.document("committee-update")
    layout = layout_of(docx, record)
    recommendation = _target(layout, "recommendation", "Comment on the draft Local Account")
    figure = next(f for f in recommendation.figures if f.value == "Appendix 3")
    moved = _target(layout, "paragraph", "The council received around 140 safeguarding concerns")
    script = (Edit("type_over", recommendation.index, figure.start, figure.end, "Appendix 3!", track=AUTHORS[2]),
              Edit("move", moved.index, anchor=_target(layout, "paragraph", "Reablement continues").index,
                   before=True),
              Edit("bold", _target(layout, "bullet", "Adult Social Care").index, 0, 5, track=AUTHORS[2]),
              Edit("bold", _target(layout, "paragraph", "Outcomes of enquiries").index, 327, 329, track=AUTHORS[2]))
    outcome = apply_script(docx, layout, script, seed=len(script))

    result = pack.harvest(outcome.docx, pack.name("committee-update"))

    typed_over = [w for w in result.warnings if "typed over" in w]
    assert typed_over == ["pack.yaml recommendations: the live figure {{ appendix('local_account') }} (printed as "
                          "“Appendix 3”) was typed over by the reviewer; their text “Appendix 3!” is kept in its "
                          "place, so it will no longer follow the data"], result.warnings
    assert not warning_problems(outcome, result.warnings)
    recommendations = _recommendations(result.files["pack.yaml"])
    assert "Comment on the draft Local Account (Appendix 3!), the council's report to residents on adult social care " \
           "in {{ finance.year }}, before it is published on the council's website." in recommendations
    narrative = {n: t for n, t in pack.after(result.files).items() if n.endswith(".md")}
    assert not live_figure_problems(outcome, narrative, recommendations)


def test_a_figure_in_a_table_cell_typed_over_as_a_tracked_insertion_is_quoted_as_typed(pack: SamplePack) -> None:
    """A rank typed anew as a tracked insertion, words it shares with the printed rank and all: the warning
    quotes the insertion; the figure beside it in the cell stays live."""
    docx, record = pack.document("committee-update")
    layout = layout_of(docx, record)
    cell = _target(layout, "cell", "76.4% (rank 138 of 153)")
    rank = cell.figures[1]
    script = (Edit("cell", cell.index, rank.start, rank.end, "140 of 153", track=AUTHORS[0]),)
    outcome = apply_script(docx, layout, script, seed=len(script))

    result = pack.harvest(outcome.docx, pack.name("committee-update"))

    assert [w for w in result.warnings if "typed over" in w] == [
        "narrative/background.md: the live figure {{ indicators.still_home_91_days.rank }} (printed as “138 of 153”) "
        "was typed over by the reviewer; their text “140 of 153” is kept in its place, so it will no longer follow "
        "the data"], result.warnings
    assert not warning_problems(outcome, result.warnings)
    assert "| {{ indicators.still_home_91_days.benchmark }} (rank 140 of 153) | " \
           "{{ indicators.still_home_91_days.england }} | {{ indicators.still_home_91_days.compared }} |" \
           in result.files["narrative/background.md"]
    narrative = {n: t for n, t in pack.after(result.files).items() if n.endswith(".md")}
    assert not live_figure_problems(outcome, narrative, [])


@pytest.mark.parametrize("role, starts", [("recommendation", "Comment on the draft Local Account"),
                                          ("paragraph", "Reablement continues to perform well")])
def test_a_figure_retyped_with_its_printed_value_as_a_tracked_insertion_is_typed_text(
        pack: SamplePack, role: str, starts: str) -> None:
    """The document says the value was typed (a tracked insertion), so it is the reviewer's text, with a
    warning, even though it reads as printed: in a recommendation as in the narrative."""
    docx, record = pack.document("committee-update")
    layout = layout_of(docx, record)
    target = _target(layout, role, starts)
    figure = target.figures[0]
    script = (Edit("type_over", target.index, figure.start, figure.end, figure.value, track=AUTHORS[1]),)
    outcome = apply_script(docx, layout, script, seed=len(script))

    result = pack.harvest(outcome.docx, pack.name("committee-update"))

    assert [w for w in result.warnings if "typed over" in w] == [
        f"{'pack.yaml recommendations' if role == 'recommendation' else 'narrative/background.md'}: the live figure "
        f"{figure.expression} (printed as “{figure.value}”) was typed over by the reviewer; their text "
        f"“{figure.value}” is kept in its place, so it will no longer follow the data"], result.warnings
    assert not warning_problems(outcome, result.warnings)
    after = pack.after(result.files)
    narrative = {n: t for n, t in after.items() if n.endswith(".md")}
    assert not live_figure_problems(outcome, narrative, _recommendations(after["pack.yaml"]))
