"""Tracked changes written by LibreOffice itself (through UNO), harvested and regenerated: the
regenerated committee update must read as LibreOffice shows the reviewed copy once it accepts every change,
and a paragraph LibreOffice moved keeps its live figures. About 1.5 s a LibreOffice call."""

from __future__ import annotations

import shutil

import pytest

from helpers.edit_scripts import norm, role_of_style
from helpers.libreoffice_changes import LoEdit, libreoffice_tracked_edits, uno_python
from helpers.round_trip import SamplePack
from helpers.word_habits import accepted_paragraphs

pytestmark = [pytest.mark.libreoffice,
              pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")]

EDITS = {
    "replace": LoEdit("replace", "performance update twice a year", old="twice a year", new="three times a year"),
    "append": LoEdit("append", "Outcomes of enquiries remain good.", new="A peer review is planned for March 2027."),
    "insert_after": LoEdit("insert_after", "This report is presented to allow",
                           new="The Committee also asked for the figures by locality."),
    "delete": LoEdit("delete", "This report reflects issues which affect all wards."),
    "move": LoEdit("move", "people were waiting for a Care Act assessment", new="Reablement continues to perform"),
    "bold": LoEdit("bold", "Reablement continues to perform well", old="continues to perform well"),
}
WAITING = "At the end of {{ period }}, {{ indicators.waiting_assessment.latest }} people were waiting"


@pytest.fixture(scope="module")
def pack(pack: SamplePack) -> SamplePack:
    uno_python()                      # fails the module early, and plainly, without the UNO bridge
    return pack


@pytest.mark.parametrize("name", list(EDITS))
def test_a_change_libreoffice_tracked_comes_back_as_libreoffice_shows_it(pack: SamplePack, name: str) -> None:
    docx, _ = pack.document("committee-update")
    edited = libreoffice_tracked_edits(docx, [EDITS[name]], author="Jo Director")

    result = pack.harvest(edited.docx, pack.name("committee-update"))
    regenerated = pack.regenerate(result.files, "committee-update")

    shown = [(role_of_style(style), norm(content)) for style, content in edited.accepted if norm(content)]
    again = [(role_of_style(style), norm(content)) for style, content in accepted_paragraphs(regenerated)
             if norm(content)]
    assert again == shown
    if name == "move":
        assert WAITING in result.files["narrative/background.md"], "the moved paragraph's live figures froze"
