"""Editing a generated .docx the way Word writes its edits, with lxml on the real package: text spread over
several runs with revision ids and proofing marks, paragraphs inserted (copying the neighbour's paragraph
properties, as Enter does) and deleted, tracked insertions and deletions (w:ins, w:del with w:delText and
a deleted paragraph mark), and comments (comments.xml, its relationship and content type, and the range
marks in the body). Also the LibreOffice round trip: open and save through soffice --convert-to docx."""

from __future__ import annotations

import copy
import shutil
import subprocess
import zipfile
from pathlib import Path

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
DATE = "2026-10-20T09:30:00Z"


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


class WordDocument:
    """A .docx opened for editing; save() writes every part back (changed or not) to a new file."""

    def __init__(self, path: Path):
        with zipfile.ZipFile(path) as package:
            self.parts = {name: package.read(name) for name in package.namelist()}
        self.root = etree.fromstring(self.parts["word/document.xml"])
        self.body = self.root.find(w("body"))
        self._rsid = 0x00A1B2C0
        self._change_id = 900
        self.comments: list[tuple[int, str, str]] = []

    # ---- finding
    def paragraph(self, contains: str, exact: bool = False):
        for paragraph in self.body.iter(w("p")):
            text = "".join(t.text or "" for t in paragraph.iter(w("t")))
            if text == contains or not exact and contains in text:
                return paragraph
        raise AssertionError(f"no paragraph contains {contains!r}")

    @staticmethod
    def text(paragraph) -> str:
        return "".join(t.text or "" for t in paragraph.iter(w("t")))

    # ---- Word's way of writing runs
    def _rsid_next(self) -> str:
        self._rsid += 1
        return f"{self._rsid:08X}"

    def _run(self, text: str, properties=None):
        run = etree.Element(w("r"))
        run.set(w("rsidR"), self._rsid_next())
        if properties is not None:
            run.append(copy.deepcopy(properties))
        t = etree.SubElement(run, w("t"))
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        return run

    def set_text(self, paragraph, pieces: list[str]) -> None:
        """Replace the paragraph's text by pieces, one run each (formatting of the first run kept), with a
        proofing mark between runs, as Word leaves text a reviewer retyped."""
        first = paragraph.find(f"{w('r')}/{w('rPr')}")
        for child in list(paragraph):
            if child.tag != w("pPr"):
                paragraph.remove(child)
        paragraph.set(f"{{{W14}}}paraId", self._rsid_next())
        for index, piece in enumerate(pieces):
            if index:
                etree.SubElement(paragraph, w("proofErr")).set(w("type"), "spellStart" if index % 2 else "spellEnd")
            paragraph.append(self._run(piece, first))

    def replace_text(self, paragraph, old: str, new: str, cuts: int = 3) -> None:
        """Change old to new inside a paragraph of plain runs, leaving the text in ``cuts`` runs."""
        text = self.text(paragraph)
        assert old in text, f"{old!r} not in {text!r}"
        changed = text.replace(old, new, 1)
        at = changed.index(new)
        points = sorted({max(1, at - 5), at + len(new) // 2, min(len(changed) - 1, at + len(new) + 3)})[:cuts - 1]
        pieces, last = [], 0
        for point in points:
            pieces.append(changed[last:point])
            last = point
        pieces.append(changed[last:])
        self.set_text(paragraph, [p for p in pieces if p])

    def edit_in_run(self, paragraph, old: str, new: str) -> None:
        """Change old to new inside the run that holds it, Word-style: the run is split in three (before,
        the new text, after), each keeping the run's formatting, so bold, italic and links stay as they are."""
        for run in self._runs(paragraph):
            t = run.find(w("t"))
            if t.text and old in t.text:
                before, after = t.text.split(old, 1)
                pieces = [p for p in (before, new, after) if p]
                for piece in reversed(pieces[1:]):
                    copied = copy.deepcopy(run)
                    copied.set(w("rsidR"), self._rsid_next())
                    copied.find(w("t")).text = piece
                    copied.find(w("t")).set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                    run.addnext(copied)
                t.text = pieces[0]
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                return
        raise AssertionError(f"no single run holds {old!r}")

    def type_analysis(self, row_starts: str, text: str) -> None:
        """Type analysis under the indicator's name, in the first cell of the table row that starts with
        row_starts: at the end of its analysis paragraph, or in a new paragraph (Enter after the name)."""
        for row in self.body.iter(w("tr")):
            cells = row.findall(w("tc"))
            if cells and "".join(t.text or "" for t in cells[0].iter(w("t"))).startswith(row_starts):
                paragraphs = cells[0].findall(w("p"))
                if len(paragraphs) > 1:
                    paragraphs[-1].append(self._run(" "))
                    paragraphs[-1].append(self._run(text))
                else:
                    paragraph = etree.SubElement(cells[0], w("p"))
                    paragraph.append(self._run(text))
                return
        raise AssertionError(f"no table row starts with {row_starts!r}")

    def link_as_field(self, paragraph) -> None:
        """Rewrite the paragraph's w:hyperlink as a HYPERLINK field (begin, instruction, separate, result,
        end), the other way Word stores a link."""
        R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        link = paragraph.find(w("hyperlink"))
        rels = etree.fromstring(self.parts["word/_rels/document.xml.rels"])
        target = next(r.get("Target") for r in rels if r.get("Id") == link.get(f"{{{R_NS}}}id"))

        def field_run(kind: str | None = None, instruction: str | None = None):
            run = etree.Element(w("r"))
            if kind:
                etree.SubElement(run, w("fldChar")).set(w("fldCharType"), kind)
            else:
                etree.SubElement(run, w("instrText")).text = instruction
            return run

        runs = [field_run("begin"), field_run(None, f' HYPERLINK "{target}" '), field_run("separate"),
                *list(link), field_run("end")]
        for run in runs:
            link.addprevious(run)
        paragraph.remove(link)

    def insert_after(self, paragraph, text: str):
        """A new paragraph after this one with the same paragraph properties (Word's Enter at the end)."""
        new = etree.Element(w("p"))
        properties = paragraph.find(w("pPr"))
        if properties is not None:
            new.append(copy.deepcopy(properties))
        new.append(self._run(text))
        paragraph.addnext(new)
        return new

    def delete(self, paragraph) -> None:
        paragraph.getparent().remove(paragraph)

    # ---- tracked changes
    def _change(self, tag: str, author: str):
        element = etree.Element(w(tag))
        self._change_id += 1
        element.set(w("id"), str(self._change_id))
        element.set(w("author"), author)
        element.set(w("date"), DATE)
        return element

    def tracked_insert(self, paragraph, after: str, inserted: str, author: str = "Jo Director") -> None:
        """Insert text after the words ``after`` as a tracked insertion (the run is split around it)."""
        self._split_at(paragraph, after, len(after))
        anchor = self._run_ending_with(paragraph, after)
        insertion = self._change("ins", author)
        insertion.append(self._run(inserted))
        anchor.addnext(insertion)

    def tracked_delete(self, paragraph, deleted: str, author: str = "Jo Director") -> None:
        """Mark the words ``deleted`` as a tracked deletion (w:del holding runs of w:delText)."""
        text = self.text(paragraph)
        start = text.index(deleted)
        self._split_at(paragraph, text[:start], start)
        self._split_at(paragraph, text[:start + len(deleted)], start + len(deleted))
        run = self._run_at(paragraph, start)
        deletion = self._change("del", author)
        run.addprevious(deletion)
        deletion.append(run)
        for t in run.iter(w("t")):
            t.tag = w("delText")

    def tracked_delete_paragraph(self, paragraph, author: str = "Jo Director") -> None:
        """Delete a whole paragraph with changes tracked: its runs and its paragraph mark."""
        for run in [r for r in paragraph if r.tag == w("r")]:
            deletion = self._change("del", author)
            run.addprevious(deletion)
            deletion.append(run)
            for t in run.iter(w("t")):
                t.tag = w("delText")
        properties = paragraph.find(w("pPr"))
        if properties is None:
            properties = etree.SubElement(paragraph, w("pPr"))
            paragraph.insert(0, properties)
        run_properties = properties.find(w("rPr"))
        if run_properties is None:
            run_properties = etree.SubElement(properties, w("rPr"))
        run_properties.append(self._change("del", author))

    def tracked_insert_paragraph(self, paragraph, text: str, author: str = "Jo Director"):
        """A new paragraph after this one, inserted with changes tracked (content and mark)."""
        new = self.insert_after(paragraph, "")
        for run in [r for r in new if r.tag == w("r")]:
            new.remove(run)
        insertion = self._change("ins", author)
        insertion.append(self._run(text))
        new.append(insertion)
        properties = new.find(w("pPr"))
        run_properties = properties.find(w("rPr"))
        if run_properties is None:
            run_properties = etree.SubElement(properties, w("rPr"))
        run_properties.append(self._change("ins", author))
        return new

    def _runs(self, paragraph):
        return [r for r in paragraph.iter(w("r")) if r.find(w("t")) is not None
                and not any(a.tag == w("del") for a in r.iterancestors())]

    def _split_at(self, paragraph, prefix: str, position: int) -> None:
        offset = 0
        for run in self._runs(paragraph):
            t = run.find(w("t"))
            length = len(t.text or "")
            if offset < position < offset + length:
                second = copy.deepcopy(run)
                second.find(w("t")).text = t.text[position - offset:]
                t.text = t.text[:position - offset]
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                second.find(w("t")).set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                run.addnext(second)
                return
            offset += length

    def _run_ending_with(self, paragraph, prefix: str):
        offset = 0
        for run in self._runs(paragraph):
            offset += len(run.find(w("t")).text or "")
            if offset == len(prefix):
                return run
        raise AssertionError(f"no run ends after {prefix!r}")

    def _run_at(self, paragraph, position: int):
        offset = 0
        for run in self._runs(paragraph):
            if offset == position:
                return run
            offset += len(run.find(w("t")).text or "")
        raise AssertionError(f"no run starts at {position}")

    # ---- comments
    def comment(self, paragraph, anchored: str, text: str, author: str = "Jo Director") -> None:
        """A comment on the words ``anchored`` (range marks around their run, a reference run after)."""
        full = self.text(paragraph)
        start = full.index(anchored)
        self._split_at(paragraph, full[:start], start)
        self._split_at(paragraph, full[:start + len(anchored)], start + len(anchored))
        run = self._run_at(paragraph, start)
        comment_id = len(self.comments)
        begin = etree.Element(w("commentRangeStart"))
        begin.set(w("id"), str(comment_id))
        end = etree.Element(w("commentRangeEnd"))
        end.set(w("id"), str(comment_id))
        run.addprevious(begin)
        run.addnext(end)
        reference = etree.Element(w("r"))
        style = etree.SubElement(etree.SubElement(reference, w("rPr")), w("rStyle"))
        style.set(w("val"), "CommentReference")
        etree.SubElement(reference, w("commentReference")).set(w("id"), str(comment_id))
        end.addnext(reference)
        self.comments.append((comment_id, author, text))

    def _comments_part(self) -> bytes:
        root = etree.Element(w("comments"), nsmap={"w": W_NS})
        for comment_id, author, text in self.comments:
            comment = etree.SubElement(root, w("comment"))
            comment.set(w("id"), str(comment_id))
            comment.set(w("author"), author)
            comment.set(w("date"), DATE)
            comment.set(w("initials"), "".join(word[0] for word in author.split()))
            paragraph = etree.SubElement(comment, w("p"))
            run = etree.SubElement(paragraph, w("r"))
            etree.SubElement(run, w("t")).text = text
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def save(self, path: Path) -> Path:
        parts = dict(self.parts)
        parts["word/document.xml"] = etree.tostring(self.root, xml_declaration=True, encoding="UTF-8",
                                                    standalone=True)
        if self.comments:
            parts["word/comments.xml"] = self._comments_part()
            rels = parts["word/_rels/document.xml.rels"].decode()
            rels = rels.replace("</Relationships>", '<Relationship Id="rIdComments1" Type="http://schemas.'
                                'openxmlformats.org/officeDocument/2006/relationships/comments" '
                                'Target="comments.xml"/></Relationships>')
            parts["word/_rels/document.xml.rels"] = rels.encode()
            types = parts["[Content_Types].xml"].decode()
            types = types.replace("</Types>", '<Override PartName="/word/comments.xml" ContentType="application/'
                                  'vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>')
            parts["[Content_Types].xml"] = types.encode()
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
            for name, data in parts.items():
                package.writestr(name, data)
        return path


def libreoffice_round_trip(path: Path, outdir: Path, profile: Path) -> Path:
    """Open and save the document in LibreOffice (soffice --convert-to docx); returns the saved copy."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) is required for the round-trip tests"
    outdir.mkdir(parents=True, exist_ok=True)
    result = subprocess.run([soffice, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
                             "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(outdir), str(path)],
                            capture_output=True, text=True, timeout=300)
    saved = outdir / path.name
    assert saved.is_file(), f"LibreOffice did not save {path.name}:\n{result.stdout}\n{result.stderr}"
    return saved


def drop_custom_parts(path: Path, target: Path) -> Path:
    """The document without custom XML parts or custom properties, as editors that drop them save it."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name in source.namelist():
            if name.startswith("customXml/") or name == "docProps/custom.xml":
                continue
            data = source.read(name)
            if name.endswith(".rels") or name == "[Content_Types].xml":
                data = _without_references(data)
            out.writestr(name, data)
    return target


def _without_references(data: bytes) -> bytes:
    root = etree.fromstring(data)
    for element in list(root):
        reference = element.get("Target", "") + element.get("PartName", "")
        if "customXml" in reference or "custom.xml" in reference:
            root.remove(element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
