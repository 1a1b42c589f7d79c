"""The reviewer's round trip: a generated committee update edited the way Word and LibreOffice write
edits comes back exactly into inputs/, and the next generate builds from it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from helpers.rendering import convert_to_pdf, part_xml, pdf_text, render_committee_update, visible_text
from helpers.word_edits import WordDocument, drop_custom_parts, libreoffice_round_trip
from scrutinyreport.errors import HarvestConflict, PendingChanges
from scrutinyreport.harvest import HarvestOptions, harvest
from scrutinyreport.pack.generate import BuildOptions, generate

REPO = Path(__file__).resolve().parents[2]
UPDATE = "committee-update.docx"
REABLEMENT = "{{ indicators.reablement_no_ongoing.latest }}"


@pytest.fixture
def pack(sample_pack_copy) -> Path:
    """A copy of the sample pack (out/2026-09/, with the figure cache) and its inputs for one test to edit."""
    return sample_pack_copy


def narrative(root: Path, key: str) -> str:
    return (root / "inputs" / "narrative" / f"{key}.md").read_text(encoding="utf-8")


def reablement_printed(document: WordDocument) -> str:
    text = document.text(document.paragraph("Reablement continues to perform well: "))
    return text.split("Reablement continues to perform well: ")[1].split(" of people")[0]


def edit_like_a_reviewer(document: WordDocument) -> None:
    """The edits of the issue, made as Word writes them."""
    # text changed across split runs, in a paragraph with a live figure left alone
    document.replace_text(document.paragraph("performance update twice a year"), "twice a year", "three times a year")
    # a paragraph inserted (Enter at the end of a numbered paragraph copies its properties)
    document.insert_after(document.paragraph("This report is presented to allow"),
                          "The Committee also asked for the figures to be shown by locality.")
    # a paragraph deleted
    document.delete(document.paragraph("This report reflects issues which affect all wards."))
    # a heading renamed
    document.set_text(document.paragraph("Innovation and achievements"), ["Innovation and ", "good practice"])
    # tracked changes: an insertion and a deletion in one paragraph, a paragraph deleted, one inserted
    risks = document.paragraph("These risks are recorded on the directorate risk register")
    document.tracked_insert(risks, "These risks are recorded on the directorate risk register",
                            " and the corporate risk register")
    document.tracked_delete(risks, "each month ")
    document.tracked_delete_paragraph(document.paragraph("The council received around 140 safeguarding"))
    document.tracked_insert_paragraph(document.paragraph("Outcomes of enquiries remain good."),
                                      "A safeguarding peer review is planned for March 2027.")
    # a comment
    document.comment(document.paragraph("waiting well"), "waiting well",
                     "Please say how many people were contacted last month.")
    # a live figure typed over
    reablement = document.paragraph("Reablement continues to perform well: ")
    document.replace_text(reablement, reablement_printed(document), "over four in five")
    # a list item added, to a bullet list and to a numbered list
    document.insert_after(document.paragraph("Safeguarding Adults"), "Carers")
    document.insert_after(document.paragraph("Fenmoor Connect, the online form"),
                          "The shared care record, used by every team since June 2026.")
    # a section heading renamed
    document.set_text(document.paragraph("Consultation", exact=True), ["Consultation and ", "engagement"])
    # a recommendation reworded
    document.replace_text(document.paragraph("Comment on the council's self-assessment"),
                          "Comment on the council's", "Note and comment on the council's")


def expected_inputs(original: Path) -> dict[str, str]:
    """The inputs as the edits above should leave them, written by hand from the originals."""
    def text(name: str) -> str:
        return (original / name).read_text(encoding="utf-8")

    origin = text("narrative/origin.md").replace("twice a year", "three times a year")
    purpose = text("narrative/purpose.md").replace(
        "for the council's website.\n\n",
        "for the council's website.\n\nThe Committee also asked for the figures to be shown by locality.\n\n"
    ).replace("- Safeguarding Adults\n", "- Safeguarding Adults\n- Carers\n")
    consultation = text("narrative/consultation.md").replace(
        "set out at Appendix 1.\n\nThis report reflects issues which affect all wards.\n", "set out at Appendix 1.\n"
    ).replace("# Consultation\n", "# Consultation and engagement\n")
    background = text("narrative/background.md")
    spending = background[background.index("The council received around 140 safeguarding"):]
    spending = spending[:spending.index("\n\n") + 2]
    background = (background.replace("### Innovation and achievements", "### Innovation and good practice")
                  .replace("directorate risk register and are reviewed each month by",
                           "directorate risk register and the corporate risk register and are reviewed by")
                  .replace(spending, "")
                  .replace(f"perform well: {REABLEMENT} of people", "perform well: over four in five of people"))
    outcomes = background.index("Outcomes of enquiries remain good.")
    end = background.index("\n\n", outcomes) + 2
    background = (background[:end] + "A safeguarding peer review is planned for March 2027.\n\n"
                  + background[end:])
    connect = background.index("3. Fenmoor Connect")
    end = background.index("\n", connect) + 1
    background = (background[:end] + "4. The shared care record, used by every team since June 2026.\n"
                  + background[end:])
    pack_yaml = text("pack.yaml").replace(
        "  - >-\n    Comment on the council's self-assessment against the Care Quality Commission's assessment\n"
        "    framework for local authorities, submitted on 31 October 2026 ({{ appendix('self_assessment') }}).\n",
        "  - >-\n    Note and comment on the council's self-assessment against the Care Quality Commission's\n"
        "    assessment framework for local authorities, submitted on 31 October 2026\n"
        "    ({{ appendix('self_assessment') }}).\n")     # folded between words, never inside a live figure
    return {"narrative/origin.md": origin, "narrative/purpose.md": purpose,
            "narrative/consultation.md": consultation, "narrative/background.md": background,
            "pack.yaml": pack_yaml}


def assert_inputs(root: Path, expected: dict[str, str]) -> None:
    for name, text in expected.items():
        assert (root / "inputs" / name).read_text(encoding="utf-8") == text, name
    unchanged = {"narrative/alternatives.md", "narrative/implications.md", "narrative/outcomes.md",
                 "narrative/reasons.md"}
    for name in unchanged:
        assert (root / "inputs" / name).read_bytes() == (REPO / "inputs" / name).read_bytes(), name


def next_month(root: Path) -> Path:
    """Add October's figures (waiting list changed) and make October the reporting month; generate."""
    inputs = root / "inputs"
    september = (inputs / "monthly" / "2026-09.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    october = [line if not line.startswith("waiting_assessment,") else
               "waiting_assessment,777" + line[line.index(",", len("waiting_assessment,")):] for line in september]
    (inputs / "monthly" / "2026-10.csv").write_text("".join(october), encoding="utf-8")
    pack_yaml = (inputs / "pack.yaml").read_text(encoding="utf-8")
    (inputs / "pack.yaml").write_text(pack_yaml.replace("period: 2026-09", "period: 2026-10"), encoding="utf-8")
    result = generate(BuildOptions(inputs=inputs, out=root / "out"))
    return result.folder / UPDATE


def assert_next_month_shows_the_edits(document: Path) -> None:
    text = " ".join(visible_text(part_xml(document)).split())
    assert "performance update three times a year" in text
    assert "At the end of October 2026, 777 people were waiting" in text      # a live figure, next month's
    assert "Innovation and good practice" in text and "Consultation and engagement" in text
    assert "The shared care record, used by every team since June 2026." in text
    assert "over four in five of people" in text
    assert "the corporate risk register and are reviewed by the" in text
    assert "around 140 safeguarding concerns" not in text
    assert "A safeguarding peer review is planned for March 2027." in text
    assert "Note and comment on the council's self-assessment" in text
    assert "including the" in text and "to the end of October 2026" in text


def test_edits_made_in_word_come_back_exactly_and_the_next_month_builds_from_them(pack):
    document = WordDocument(pack / "out" / "2026-09" / UPDATE)
    edit_like_a_reviewer(document)
    reviewed = document.save(pack / "out" / "2026-09" / UPDATE)

    result = harvest(HarvestOptions(reviewed, pack / "inputs"))

    assert_inputs(pack, expected_inputs(REPO / "inputs"))
    assert result.record_from == "the document itself"
    typed_over = [w for w in result.warnings if REABLEMENT in w]
    assert len(typed_over) == 1 and "over four in five" in typed_over[0], result.warnings
    assert "{{ indicators.reablement_no_ongoing.target }}" in narrative(pack, "background")
    report = (pack / "inputs" / "review" / "committee-update-comments.md").read_text(encoding="utf-8")
    assert re.search(r"\*\*Jo Director\*\*, 2026-10-20 09:30, in “Background and key issues” \(4\.2\.\d+[ivx]*, "
                     r"“[^”]+”\): Please say how many people were contacted last month\.", report), report
    assert "on the text: “waiting well”" in report
    assert "Tracked changes (" in report and "accepted" in report
    # the reviewed document left the pack folder, so regenerating September writes it afresh, no warning
    assert result.moved_to == pack / "out" / "2026-09" / "reviewed" / UPDATE
    again = generate(BuildOptions(inputs=pack / "inputs", out=pack / "out"))
    assert not again.written.kept_edited and (pack / "out" / "2026-09" / "reviewed" / UPDATE).is_file()
    assert not [w for w in again.warnings if "edited" in w]
    assert_next_month_shows_the_edits(next_month(pack))


def test_edits_saved_by_libreoffice_come_back_exactly(pack, soffice_profile):
    document = WordDocument(pack / "out" / "2026-09" / UPDATE)
    edit_like_a_reviewer(document)
    edited = document.save(pack / "edited" / UPDATE) if (pack / "edited").mkdir() is None else None
    saved = libreoffice_round_trip(edited, pack / "libreoffice", soffice_profile)

    result = harvest(HarvestOptions(saved, pack / "inputs"))

    assert_inputs(pack, expected_inputs(REPO / "inputs"))
    assert any(REABLEMENT in w for w in result.warnings)
    assert any(c.author == "Jo Director" and c.anchored == "waiting well" for c in result.comments)
    assert result.moved_to is None                       # not in a pack folder: left where it is
    october = next_month(pack)
    assert_next_month_shows_the_edits(october)
    printed = " ".join(pdf_text(convert_to_pdf([october], pack / "pdf", soffice_profile)[0]).split())
    assert "update three times a year" in printed and "At the end of October 2026, 777 people" in printed


def test_a_copy_that_lost_its_record_is_matched_to_the_pack_by_its_text(pack, soffice_profile):
    document = WordDocument(pack / "out" / "2026-09" / UPDATE)
    document.replace_text(document.paragraph("performance update twice a year"), "twice a year", "three times a year")
    (pack / "edited").mkdir()
    saved = libreoffice_round_trip(document.save(pack / "edited" / UPDATE), pack / "libreoffice", soffice_profile)
    stripped = drop_custom_parts(saved, pack / "stripped.docx")
    with zipfile.ZipFile(stripped) as package:
        assert not [n for n in package.namelist() if n.startswith("customXml") or n == "docProps/custom.xml"]

    result = harvest(HarvestOptions(stripped, pack / "inputs", out=pack / "out"))

    assert "committee-update.record.json (matched" in result.record_from
    assert narrative(pack, "origin") == (REPO / "inputs/narrative/origin.md").read_text(encoding="utf-8") \
        .replace("twice a year", "three times a year")
    assert "{{ financial_year }}" in narrative(pack, "origin")


def test_rejecting_tracked_changes_keeps_the_original_and_stop_refuses(pack):
    document = WordDocument(pack / "out" / "2026-09" / UPDATE)
    risks = document.paragraph("These risks are recorded on the directorate risk register")
    document.tracked_insert(risks, "These risks are recorded on the directorate risk register",
                            " and the corporate risk register")
    document.tracked_delete_paragraph(document.paragraph("Spending on care packages rose by"))
    document.replace_text(document.paragraph("performance update twice a year"), "twice a year", "three times a year")
    reviewed = document.save(pack / "reviewed.docx")

    with pytest.raises(PendingChanges) as stopped:
        harvest(HarvestOptions(reviewed, pack / "inputs", changes="stop", out=pack / "out"))
    assert "and the corporate risk register" in str(stopped.value) and "Jo Director" in str(stopped.value)
    assert not (pack / "inputs" / "review").exists()

    harvest(HarvestOptions(reviewed, pack / "inputs", changes="reject", out=pack / "out"))
    assert narrative(pack, "background") == (REPO / "inputs/narrative/background.md").read_text(encoding="utf-8")
    assert "three times a year" in narrative(pack, "origin")


def test_the_same_paragraph_changed_on_both_sides_stops_with_both_shown(pack):
    origin = pack / "inputs" / "narrative" / "origin.md"
    origin.write_text(origin.read_text(encoding="utf-8").replace("twice a year", "two times a year"),
                      encoding="utf-8")
    before = {p: p.read_bytes() for p in (pack / "inputs").rglob("*") if p.is_file()}
    document = WordDocument(pack / "out" / "2026-09" / UPDATE)
    document.replace_text(document.paragraph("performance update twice a year"), "twice a year", "three times a year")
    document.delete(document.paragraph("This report reflects issues which affect all wards."))
    reviewed = document.save(pack / "out" / "2026-09" / UPDATE)

    with pytest.raises(HarvestConflict) as conflict:
        harvest(HarvestOptions(reviewed, pack / "inputs"))
    message = str(conflict.value)
    assert "narrative/origin.md" in message
    assert "update two times a year" in message and "update three times a year" in message
    assert "{{ financial_year }}" in message
    after = {p: p.read_bytes() for p in (pack / "inputs").rglob("*") if p.is_file()}
    assert after == before                                  # nothing written, not even the other file
    assert reviewed.is_file()                               # and the document stays where it was

    command = [sys.executable, "-m", "scrutinyreport.cli", "harvest", str(reviewed), "--inputs",
               str(pack / "inputs")]
    run = subprocess.run(command, capture_output=True, text=True, cwd=pack, timeout=120)
    assert run.returncode == 1
    assert "update two times a year" in run.stderr and "update three times a year" in run.stderr
    assert "Traceback" not in run.stderr


def test_changes_on_different_paragraphs_merge_and_dry_run_writes_nothing(pack):
    consultation = pack / "inputs" / "narrative" / "consultation.md"
    ours = consultation.read_text(encoding="utf-8").replace("three workshops", "four workshops")
    consultation.write_text(ours, encoding="utf-8")
    document = WordDocument(pack / "out" / "2026-09" / UPDATE)
    document.delete(document.paragraph("This report reflects issues which affect all wards."))
    reviewed = document.save(pack / "out" / "2026-09" / UPDATE)

    command = [sys.executable, "-m", "scrutinyreport.cli", "harvest", str(reviewed), "--inputs",
               str(pack / "inputs"), "--dry-run"]
    run = subprocess.run(command, capture_output=True, text=True, cwd=pack, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "-This report reflects issues which affect all wards." in run.stdout
    assert "+++ b/narrative/consultation.md" in run.stdout
    assert consultation.read_text(encoding="utf-8") == ours and reviewed.is_file()

    harvest(HarvestOptions(reviewed, pack / "inputs"))
    assert consultation.read_text(encoding="utf-8") == ours.replace(
        "\n\nThis report reflects issues which affect all wards.\n", "\n")


def test_bold_italic_links_and_tables_come_back_as_markdown(pack):
    document = WordDocument(pack / "out" / "2026-09" / UPDATE)
    document.edit_in_run(document.paragraph("Receiving direct payments (1C(2A))"), "Receiving direct payments",
                         "People receiving direct payments")
    linked = document.paragraph("is included in Appendix 2. More about")
    document.link_as_field(linked)
    document.edit_in_run(linked, "Appendix 2.", "Appendix 2 (pages 4 to 9).")
    document.edit_in_run(document.paragraph("was approved by Cabinet in November 2025"), "November 2025",
                         "December 2025")
    document.edit_in_run(document.paragraph("no direct financial implications arising"), "arising from",
                         "at present arising from")
    reviewed = document.save(pack / "out" / "2026-09" / UPDATE)

    harvest(HarvestOptions(reviewed, pack / "inputs"))

    background = (REPO / "inputs/narrative/background.md").read_text(encoding="utf-8")
    assert narrative(pack, "background") == (
        background.replace("| Receiving direct payments (1C(2A)) |", "| People receiving direct payments (1C(2A)) |")
        .replace("is included in {{ appendix('dashboard') }}. More",      # the cross-reference stays live
                 "is included in {{ appendix('dashboard') }} (pages 4 to 9). More")
        .replace("by Cabinet in November 2025", "by Cabinet in December 2025"))
    implications = (REPO / "inputs/narrative/implications.md").read_text(encoding="utf-8")
    assert narrative(pack, "implications") == implications.replace(
        "no direct financial implications arising from", "no direct financial implications at present arising from")


def test_dashboard_commentary_goes_back_into_the_months_csv(pack):
    dashboard = pack / "out" / "2026-09" / "appendix-2-performance-dashboard.docx"
    document = WordDocument(dashboard)
    document.edit_in_run(document.paragraph("has been above target since July"), "above target since July",
                         "well above target since July")
    document.type_analysis("Contacts received by the Adult Early Help", "Contacts rose after the new online form.")
    document.type_analysis("Planned reviews of long-term care", "Reviews are on plan.")
    document.comment(document.paragraph("has been well above target since July"), "well above target",
                     "Is this the latest regional average?")
    document.save(dashboard)
    month = pack / "inputs" / "monthly" / "2026-09.csv"
    original = month.read_bytes()

    result = harvest(HarvestOptions(dashboard, pack / "inputs"))

    lines, before = month.read_bytes().decode("utf-8-sig").splitlines(), original.decode("utf-8-sig").splitlines()
    assert month.read_bytes().startswith(b"\xef\xbb\xbf") == original.startswith(b"\xef\xbb\xbf")
    changed = {i for i, (a, b) in enumerate(zip(before, lines)) if a != b}
    assert len(lines) == len(before) and len(changed) == 3
    assert 'contacts_front_door,"3,618",,,Contacts rose after the new online form.' in lines
    reablement = next(line for line in lines if line.startswith("reablement_no_ongoing,"))
    assert reablement.endswith('has been well above target since July, after a dip to just under it in June."')
    reviews = next(line for line in lines if line.startswith("reviews_ytd,"))
    assert reviews.endswith(",Reviews are on plan.")          # the dashboard's own year-to-date note left out
    assert [c.text for c in result.comments] == ["Is this the latest regional average?"]
    generate(BuildOptions(inputs=pack / "inputs", out=pack / "out"))
    text = " ".join(visible_text(part_xml(dashboard)).split())
    assert "Contacts rose after the new online form." in text and "well above target since July" in text
    assert "Reviews are on plan. Year to date from April" in text


def run_harvest(*arguments: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrutinyreport.cli", "harvest", *arguments],
                          capture_output=True, text=True, cwd=cwd, timeout=120)


def test_what_cannot_be_harvested_is_said_plainly(pack):
    not_word = pack / "notes.docx"
    not_word.write_text("not a Word document", encoding="utf-8")
    run = run_harvest(str(not_word), "--inputs", str(pack / "inputs"), cwd=pack)
    assert run.returncode == 1 and "notes.docx: not a Word document (.docx)" in run.stderr

    elsewhere = render_committee_update(pack / "elsewhere.docx", "# A paper\n\nWritten by hand, not generated.\n")
    run = run_harvest(str(elsewhere), "--inputs", str(pack / "inputs"), cwd=pack)
    assert run.returncode == 1 and "no record of what this document was made from" in run.stderr

    run = run_harvest(str(pack / "out" / "2026-09" / UPDATE), "--inputs", str(pack / "nowhere"), cwd=pack)
    assert run.returncode == 1 and "nowhere: no such inputs folder" in run.stderr
    for run_output in (run.stderr, run.stdout):
        assert "Traceback" not in run_output


def test_harvesting_the_same_document_twice_changes_nothing_more(pack):
    document = WordDocument(pack / "out" / "2026-09" / UPDATE)
    document.replace_text(document.paragraph("performance update twice a year"), "twice a year", "three times a year")
    reviewed = document.save(pack / "reviewed.docx")
    harvest(HarvestOptions(reviewed, pack / "inputs"))
    once = {p: p.read_bytes() for p in (pack / "inputs" / "narrative").iterdir()}
    again = harvest(HarvestOptions(reviewed, pack / "inputs"))
    assert again.files == {} and {p: p.read_bytes() for p in (pack / "inputs" / "narrative").iterdir()} == once


def test_self_assessment_text_goes_back_into_its_yaml(pack):
    summary = pack / "out" / "2026-09" / "appendix-1-self-assessment-summary.docx"
    document = WordDocument(summary)
    document.edit_in_run(document.paragraph("case file audits rated 84%"), "84%", "86%")
    document.insert_after(document.paragraph("Waiting times for occupational therapy assessment"),
                          "Reviews of people in care homes are behind plan.")
    document.edit_in_run(document.paragraph("We maximise the effectiveness of people's care"), "We maximise",
                         "Together we maximise")
    document.delete(document.paragraph("Peer challenge by a Director of Adult Social Services"))
    document.save(summary)
    original = (REPO / "inputs" / "self_assessment.yaml").read_text(encoding="utf-8")

    harvest(HarvestOptions(summary, pack / "inputs"))

    peer = original[original.index('    - "Peer challenge by a Director'):]
    peer = peer[:peer.index("\n") + 1]
    occupational = original.index("Waiting times for occupational therapy assessment")
    end = original.index("\n", occupational) + 1
    expected = (original[:end] + '          - "Reviews of people in care homes are behind plan."\n' + original[end:])
    expected = (expected.replace("case file audits rated 84%", "case file audits rated 86%")
                .replace('commitment: "We maximise the effectiveness',
                         'commitment: "Together we maximise the effectiveness')
                .replace(peer, ""))
    assert (pack / "inputs" / "self_assessment.yaml").read_text(encoding="utf-8") == expected
    generate(BuildOptions(inputs=pack / "inputs", out=pack / "out"))
    text = " ".join(visible_text(part_xml(summary)).split())
    assert "Reviews of people in care homes are behind plan." in text and "rated 86%" in text


def test_the_record_is_in_the_pack_and_inside_the_document(sample_pack):
    folder = sample_pack.folder
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert "committee-update.record.json" in {entry["path"] for entry in manifest["outputs"]}
    record = json.loads((folder / "committee-update.record.json").read_text(encoding="utf-8"))
    origin = next(s for s in record["sections"] if s["key"] == "origin")
    assert "{{ financial_year }}" in origin["source"] and ["2026/27"] in origin["values"]
    with zipfile.ZipFile(folder / UPDATE) as package:
        assert "customXml/item1.xml" in package.namelist()
        assert b"scrutinyreport-record" in package.read("docProps/custom.xml")
