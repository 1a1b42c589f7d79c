"""The pack on disk: atomic replacement, the manifest, and documents edited by a person are never lost."""

import json

import pytest

from scrutinyreport.pack.folder import OutputFile, edited_documents, is_up_to_date, write_pack


def outputs(version: str) -> list[OutputFile]:
    return [OutputFile("committee-update.docx", f"report {version}".encode(), "document", "Update"),
            OutputFile("figures/trend-a.png", f"png {version}".encode(), "figure", alt_text="Line chart of A")]


def test_writes_files_and_a_manifest_with_hashes(tmp_path):
    folder = tmp_path / "out" / "2026-09"
    result = write_pack(folder, outputs("1"), {"fingerprint": "f1"})
    manifest = json.loads((folder / "manifest.json").read_text())
    assert (folder / "committee-update.docx").read_bytes() == b"report 1"
    assert sorted(result.written) == ["committee-update.docx", "figures/trend-a.png"]
    figure = next(e for e in manifest["outputs"] if e["kind"] == "figure")
    assert figure["alt_text"] == "Line chart of A" and len(figure["sha256"]) == 64
    assert is_up_to_date(folder, "f1") and not is_up_to_date(folder, "f2")
    assert not list((tmp_path / "out").glob(".*")), "no staging folder is left behind"


def test_a_document_edited_by_a_reviewer_is_kept_and_the_new_one_written_beside_it(tmp_path):
    folder = tmp_path / "2026-09"
    write_pack(folder, outputs("1"), {"fingerprint": "f1"})
    (folder / "committee-update.docx").write_bytes(b"report 1, with the reviewer's edits")
    assert edited_documents(folder) == {"committee-update.docx"}
    assert not is_up_to_date(folder, "f1")
    result = write_pack(folder, outputs("2"), {"fingerprint": "f2"})
    assert (folder / "committee-update.docx").read_bytes() == b"report 1, with the reviewer's edits"
    assert (folder / "committee-update.new.docx").read_bytes() == b"report 2"
    assert result.kept_edited == [("committee-update.docx", "committee-update.new.docx")]
    # and again: still kept, the edit is still detected against what was generated
    write_pack(folder, outputs("3"), {"fingerprint": "f3"})
    assert (folder / "committee-update.docx").read_bytes() == b"report 1, with the reviewer's edits"
    assert (folder / "committee-update.new.docx").read_bytes() == b"report 3"


def test_files_a_person_put_in_the_folder_are_kept(tmp_path):
    folder = tmp_path / "2026-09"
    write_pack(folder, outputs("1"), {})
    (folder / "notes from the chair.txt").write_text("keep me")
    write_pack(folder, outputs("2"), {})
    assert (folder / "notes from the chair.txt").read_text() == "keep me"


def test_a_failure_while_writing_leaves_the_previous_pack_as_it_was(tmp_path):
    folder = tmp_path / "2026-09"
    write_pack(folder, outputs("1"), {"fingerprint": "f1"})
    before = {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    # the second file cannot be written: its folder name is taken by the first, a file
    broken = outputs("2")[:1] + [OutputFile("figures", b"x", "figure"), OutputFile("figures/x.png", b"", "figure")]
    with pytest.raises(OSError):
        write_pack(folder, broken, {"fingerprint": "f2"})
    after = {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert after == before
    assert not list(tmp_path.glob(".*")), "no staging folder is left behind"


def test_an_edited_new_version_is_not_overwritten_either(tmp_path):
    folder = tmp_path / "2026-09"
    write_pack(folder, outputs("1"), {"fingerprint": "f1"})
    (folder / "committee-update.docx").write_bytes(b"reviewer A's edits")
    write_pack(folder, outputs("2"), {"fingerprint": "f2"})
    (folder / "committee-update.new.docx").write_bytes(b"reviewer B's edits to the new version")
    result = write_pack(folder, outputs("3"), {"fingerprint": "f3"})
    assert (folder / "committee-update.docx").read_bytes() == b"reviewer A's edits"
    assert (folder / "committee-update.new.docx").read_bytes() == b"reviewer B's edits to the new version"
    assert (folder / "committee-update.new-2.docx").read_bytes() == b"report 3"
    assert result.kept_edited == [("committee-update.docx", "committee-update.new-2.docx")]


def test_a_kept_edit_does_not_stop_a_rerun_being_up_to_date(tmp_path):
    folder = tmp_path / "2026-09"
    write_pack(folder, outputs("1"), {"fingerprint": "f1"})
    (folder / "committee-update.docx").write_bytes(b"edited")
    write_pack(folder, outputs("2"), {"fingerprint": "f2"})
    assert is_up_to_date(folder, "f2")


def test_once_the_edited_file_is_moved_away_the_stale_new_version_goes(tmp_path):
    folder = tmp_path / "2026-09"
    write_pack(folder, outputs("1"), {"fingerprint": "f1"})
    (folder / "committee-update.docx").write_bytes(b"edited")
    write_pack(folder, outputs("2"), {"fingerprint": "f2"})
    (folder / "committee-update.docx").rename(tmp_path / "kept-elsewhere.docx")
    write_pack(folder, outputs("3"), {"fingerprint": "f3"})
    assert (folder / "committee-update.docx").read_bytes() == b"report 3"
    assert not (folder / "committee-update.new.docx").exists()


def test_a_run_interrupted_mid_swap_loses_nothing(tmp_path):
    folder = tmp_path / "2026-09"
    write_pack(folder, outputs("1"), {"fingerprint": "f1"})
    (folder / "committee-update.docx").write_bytes(b"edited")
    (folder / "notes.txt").write_text("mine")
    folder.rename(tmp_path / ".2026-09.previous")          # as if the process died between the two renames
    write_pack(folder, outputs("2"), {"fingerprint": "f2"})
    assert (folder / "committee-update.docx").read_bytes() == b"edited"
    assert (folder / "notes.txt").read_text() == "mine"
    assert (folder / "committee-update.new.docx").read_bytes() == b"report 2"


def test_a_rebuild_links_the_files_that_did_not_change_and_writes_the_rest(tmp_path):
    folder = tmp_path / "2026-09"
    write_pack(folder, outputs("1"), {})
    inodes = {p.name: p.stat().st_ino for p in folder.rglob("*") if p.is_file()}
    write_pack(folder, [outputs("2")[0], outputs("1")[1]], {})   # the report changes, the figure does not
    figure, report = folder / "figures" / "trend-a.png", folder / "committee-update.docx"
    assert figure.stat().st_ino == inodes["trend-a.png"] and figure.read_bytes() == b"png 1"
    assert figure.stat().st_nlink == 1                           # the previous pack's name for it is gone
    assert report.stat().st_ino != inodes["committee-update.docx"] and report.read_bytes() == b"report 2"


def test_a_file_changed_or_replaced_by_a_link_since_is_written_afresh(tmp_path):
    folder = tmp_path / "2026-09"
    write_pack(folder, outputs("1"), {})
    figure = folder / "figures" / "trend-a.png"
    figure.write_bytes(b"png 1, redrawn by hand")
    write_pack(folder, outputs("1"), {})
    assert figure.read_bytes() == b"png 1"
    elsewhere = tmp_path / "elsewhere.png"
    elsewhere.write_bytes(b"png 1")
    figure.unlink()
    figure.symlink_to(elsewhere)
    write_pack(folder, outputs("1"), {})
    assert not figure.is_symlink() and figure.read_bytes() == b"png 1"
    assert figure.stat().st_ino != elsewhere.stat().st_ino       # not tied to a file outside the pack


def test_a_file_reached_through_a_linked_folder_is_written_not_linked(tmp_path):
    folder = tmp_path / "2026-09"
    write_pack(folder, outputs("1"), {})
    outside = tmp_path / "elsewhere"
    (folder / "figures").rename(outside)             # the figures now live outside the pack ...
    (folder / "figures").symlink_to(outside)         # ... reached through a linked folder
    write_pack(folder, outputs("1"), {})
    figure = folder / "figures" / "trend-a.png"
    assert not (folder / "figures").is_symlink() and figure.read_bytes() == b"png 1"
    assert figure.stat().st_ino != (outside / "trend-a.png").stat().st_ino
