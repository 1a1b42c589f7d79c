"""The emulator's own tests: every edit, tracked and not, on each generated document kind, saved as Word
saves it, reads as its model says (changes accepted), is a valid OOXML package, and opens in LibreOffice;
and the saved package shows Word's habits."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

from helpers.edit_scripts import OPS_BY_KIND, Edit, accepted_text_problems, apply_script, edit_scripts, layout_of
from helpers.rendering import ooxml_errors
from helpers.round_trip import SamplePack
from helpers.word_habits import W14, W15, Habits, Track, WordDocument, read_package, w, zip_names

TRACK = Track("Jo Director", "2026-10-20T09:30:00Z")
SAVED: list[tuple[str, bytes]] = []          # a few saved documents per edit, for one LibreOffice call



@pytest.mark.parametrize(("kind", "op"), [(kind, op) for kind, ops in OPS_BY_KIND.items() for op in ops])
def test_every_edit_reads_as_its_model_and_is_valid_ooxml(pack: SamplePack, kind: str, op: str,
                                                          tmp_path: Path) -> None:
    docx, record = pack.document(kind)
    layout = layout_of(docx, record)
    seen: list[tuple[Edit, ...]] = []

    @settings(max_examples=4, derandomize=True, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(script=edit_scripts(layout, max_edits=2, ops=(op,)))
    def check(script: tuple[Edit, ...]) -> None:
        seen.append(script)
        # the emulator's seed comes from the script, so that Hypothesis, replaying a failure, sees it again
        outcome = apply_script(docx, layout, script, seed=zlib.crc32(repr(script).encode()))
        assert not accepted_text_problems(outcome), (script, accepted_text_problems(outcome))
        path = tmp_path / f"{kind}-{op}-{len(seen)}.docx"
        path.write_bytes(outcome.docx)
        errors = ooxml_errors(path)
        assert not errors, (script, errors[:5])
        if len(seen) <= 2:
            SAVED.append((f"{kind}-{op}-{len(seen)}", outcome.docx))

    check()
    assert any(e.op == op for script in seen for e in script), f"no {op} edit could be drawn for {kind}"


@pytest.mark.libreoffice
def test_the_saved_documents_open_in_libreoffice(tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None or not SAVED:
        pytest.skip("LibreOffice is not installed, or no documents were saved")
    for name, data in SAVED:
        (tmp_path / f"{name}.docx").write_bytes(data)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
                    str(tmp_path / "pdf"), *sorted(str(p) for p in tmp_path.glob("*.docx"))],
                   capture_output=True, timeout=600, check=False)
    missing = [name for name, _ in SAVED if not (tmp_path / "pdf" / f"{name}.pdf").is_file()]
    assert not missing, f"LibreOffice made no PDF of {missing}"


def _all_edits(pack: SamplePack) -> bytes:
    docx, _ = pack.document("committee-update")
    document = WordDocument(docx, seed=11)
    document.replace(document.find("performance update twice a year"), "twice a year", "three times a year",
                     track=TRACK)
    document.move(document.find("Each was co-produced"), before=document.find("The therapy-led reablement"),
                  track=TRACK)
    document.bold(document.find("Reablement continues"), "Reablement", track=TRACK)
    number = document.comment(document.find("waiting well"), "waiting well", "How many were contacted?")
    document.reply(number, "About 400 last month.")
    document.add_text_box(document.find("The peer challenge will take place"), "A boxed note.")
    document.delete(document.find("This report reflects issues which affect all wards."), track=TRACK)
    return document.save(Habits(split_runs=1.0, proofing=1.0))


def test_the_saved_package_shows_words_habits(pack: SamplePack) -> None:
    saved = _all_edits(pack)
    names = zip_names(saved)
    assert names[:3] == ["[Content_Types].xml", "_rels/.rels", "word/document.xml"]
    with zipfile.ZipFile(io.BytesIO(saved)) as package:
        assert {i.date_time for i in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    parts = read_package(saved)
    document = parts["word/document.xml"]
    assert document.startswith(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:document ')
    root = etree.fromstring(document)
    assert "w15" in root.nsmap and "w16cid" in root.nsmap
    assert root.get("{http://schemas.openxmlformats.org/markup-compatibility/2006}Ignorable").startswith("w14 w15")
    paragraphs = list(root.iter(w("p")))
    para_ids = [p.get(f"{{{W14}}}paraId") for p in paragraphs]
    assert None not in para_ids and len(set(para_ids)) == len(para_ids)
    used = {v for e in root.iter() for k, v in e.attrib.items() if k.startswith(w("rsid"))}
    listed = set(re.findall(rb'<w:rsid w:val="([0-9A-F]{8})"', parts["word/settings.xml"]))
    assert {u.encode() for u in used} <= listed and b"<w:trackRevisions/>" in parts["word/settings.xml"]
    assert root.findall(f".//{w('proofErr')}") and any(b.get(w("name")) == "_GoBack"
                                                        for b in root.iter(w("bookmarkStart")))
    ids = [int(e.get(w("id"))) for e in root.iter() if e.get(w("id")) is not None and
           not etree.QName(e).localname.startswith("comment") and not etree.QName(e).localname.endswith("End")]
    assert ids == list(range(len(ids))), "every revision and bookmark id renumbered in document order"
    assert [int(e.get(w("id"))) for e in root.iter(w("commentReference"))] == [0, 1]
    moves = {e.get(w("name")) for e in root.iter(w("moveFromRangeStart"), w("moveToRangeStart"))}
    assert len(moves) == 1 and moves.pop().startswith("move")
    box = next(root.iter("{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"))
    assert etree.tostring(box).count(b"A boxed note.") == 2          # the drawing and its VML fallback
    extended = etree.fromstring(parts["word/commentsExtended.xml"])
    assert [e.get(f"{{{W15}}}paraIdParent") is not None for e in extended] == [False, True]
    for part in ("comments", "commentsExtended", "commentsIds", "people"):
        assert f"/word/{part}.xml".encode() in parts["[Content_Types].xml"]
        assert f'Target="{part}.xml"'.encode() in parts["word/_rels/document.xml.rels"]


def test_the_same_seed_saves_the_same_bytes(pack: SamplePack) -> None:
    assert _all_edits(pack) == _all_edits(pack)
