"""The three edits of issue 20 that the harvest lost or changed, as plain tests (each failed before the
matching was rebuilt, for the reason the issue gives). The reviewed copies are saved as Word saves them
(word_habits), and harvested with --dry-run, so each test reads what the harvest would write.

1. Adding a sentence to a dashboard analysis erases the analysis (and changing a word warns falsely).
2. Moving a paragraph freezes its live figures, tracked or cut and pasted, within a section or across.
3. Deleting a paragraph and typing a new one in its place gives the new text the old paragraph's
   expressions ("September 2026" becomes {{ period }}), with a warning quoting unrelated text.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from helpers.round_trip import SamplePack, sample_inputs
from helpers.word_habits import Track, WordDocument

TRACK = Track("Jo Director", "2026-10-20T09:30:00Z")
WAITING = ("At the end of {{ period }}, {{ indicators.waiting_assessment.latest }} people were waiting for a Care "
           "Act assessment.")
REABLEMENT = "Reablement continues to perform well: {{ indicators.reablement_no_ongoing.latest }}"



def original(pack: SamplePack, name: str) -> str:
    return pack.originals[name]


def chunk_starting(markdown: str, start: str) -> str:
    """The paragraph (Markdown chunk) of a narrative file that starts with ``start``."""
    at = markdown.index(start)
    return markdown[at:markdown.index("\n\n", at)]


def commentary(csv_text: str, indicator: str) -> str:
    rows = csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff")))
    return next(row["commentary"] for row in rows if row["indicator_id"] == indicator)


# ---------------------------------------------------------------------------------------- 1. dashboard

@pytest.mark.parametrize("track", [None, TRACK], ids=["untracked", "tracked"])
def test_a_sentence_added_to_a_dashboard_analysis_is_an_addition(pack: SamplePack, track: Track | None) -> None:
    docx, _ = pack.document("dashboard")
    document = WordDocument(docx, seed=1)
    analysis = document.find("48 of the 58 people who completed reablement")
    document.append(analysis, "October's figure is provisional.", track=track)

    result = pack.harvest(document.save(), pack.name("dashboard"))

    month = "monthly/2026-09.csv"
    before = commentary(original(pack, month), "reablement_no_ongoing")
    assert before.startswith("Analysis: 48 of the 58 people")
    assert commentary(result.files[month], "reablement_no_ongoing") == before + " October's figure is provisional."


def test_a_word_changed_in_a_dashboard_analysis_gives_no_false_warning(pack: SamplePack) -> None:
    docx, _ = pack.document("dashboard")
    document = WordDocument(docx, seed=2)
    document.replace(document.find("has been above target since July"), "been above", "been well above")

    result = pack.harvest(document.save(), pack.name("dashboard"))

    month = "monthly/2026-09.csv"
    assert not [w for w in result.warnings if "writes itself" in w], result.warnings
    assert commentary(result.files[month], "reablement_no_ongoing") == commentary(
        original(pack, month), "reablement_no_ongoing").replace("been above", "been well above")


# ---------------------------------------------------------------------------------------- 2. moves

@pytest.mark.parametrize("track", [None, TRACK], ids=["cut-and-paste", "tracked-move"])
def test_a_paragraph_moved_within_its_section_keeps_its_live_figures(pack: SamplePack, track: Track | None) -> None:
    docx, _ = pack.document("committee-update")
    document = WordDocument(docx, seed=3)
    document.move(document.find("people were waiting for a Care Act assessment"),
                  before=document.find("Reablement continues to perform well"), track=track)

    result = pack.harvest(document.save(), pack.name("committee-update"))

    background = original(pack, "narrative/background.md")
    moved = chunk_starting(background, WAITING)
    expected = background.replace(moved + "\n\n", "").replace(REABLEMENT, moved + "\n\n" + REABLEMENT)
    harvested = result.files["narrative/background.md"]
    assert moved in harvested, "the moved paragraph came back as: " + chunk_starting(harvested, "At the end of ")
    assert harvested == expected
    assert not [w for w in result.warnings if "typed over" in w], result.warnings


@pytest.mark.parametrize("track", [None, TRACK], ids=["cut-and-paste", "tracked-move"])
def test_a_paragraph_moved_to_another_section_keeps_its_live_figures(pack: SamplePack, track: Track | None) -> None:
    docx, _ = pack.document("committee-update")
    document = WordDocument(docx, seed=4)
    document.move(document.find("people were waiting for a Care Act assessment"),
                  after=document.find("This report reflects issues which affect all wards."), track=track)

    result = pack.harvest(document.save(), pack.name("committee-update"))

    background = original(pack, "narrative/background.md")
    moved = chunk_starting(background, WAITING)
    consultation = original(pack, "narrative/consultation.md")
    assert result.files["narrative/background.md"] == background.replace(moved + "\n\n", "")
    harvested = result.files["narrative/consultation.md"]
    assert moved in harvested, "the moved paragraph came back as: " + chunk_starting(harvested + "\n\n",
                                                                                     "At the end of ")
    assert harvested == consultation.rstrip("\n") + "\n\n" + moved + "\n"


# ---------------------------------------------------------------------------------------- 3. retyped paragraph

TYPED = "From September 2026 we will publish the waiting list each month."


@pytest.mark.parametrize("track", [None, TRACK], ids=["untracked", "tracked"])
def test_a_paragraph_typed_in_place_of_a_deleted_one_gets_none_of_its_expressions(
        pack: SamplePack, track: Track | None) -> None:
    docx, _ = pack.document("committee-update")
    document = WordDocument(docx, seed=5)
    waiting = document.find("people were waiting for a Care Act assessment")
    heading = document.find("Workforce and waiting lists", exact=True)
    document.delete(waiting, track=track)
    document.insert_after(heading, TYPED, track=track)       # Enter at the end of the heading above it, type

    result = pack.harvest(document.save(), pack.name("committee-update"))

    background = original(pack, "narrative/background.md")
    replaced = chunk_starting(background, WAITING)
    harvested = result.files["narrative/background.md"]
    assert TYPED in harvested, "the reviewer's new paragraph came back changed: " + chunk_starting(
        harvested, TYPED.replace("September 2026", "{{ period }}")[:20])
    assert harvested == background.replace(replaced, TYPED)
    stray = [w for w in result.warnings if "typed over" in w and f"“{TYPED}”" not in w]
    assert not stray, f"warnings that do not quote what the reviewer typed: {stray}"


def test_the_kit_finds_the_sample_inputs() -> None:
    assert (sample_inputs() / "narrative" / "background.md").is_file()
    assert Path(sample_inputs(), "pack.yaml").is_file()
