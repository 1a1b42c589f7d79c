"""Helpers for tests that build Word documents from the report templates and look at them through
LibreOffice (PDF) and an OOXML validator. Import what you need: ``from conftest_word import ...``.

LibreOffice and poppler are required, not optional: a missing ``soffice`` or ``pdftotext`` fails the
test with a clear message (CI installs both).
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = REPO / "scrutinyreport" / "templates"
COMMITTEE_UPDATE = TEMPLATES / "committee_update.docx"
SECOND_OPINION = REPO.parent / "shared" / "tools" / "validate_ooxml.py"   # only where it exists

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W_NS, "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}

SAMPLE_CONTEXT = {
    "council": "Fenmoor City Council",
    "committee": "Adults and Communities Scrutiny Committee",
    "meeting_date": "17 November 2026",
    "report_title": "Adult Social Care performance update",
    "period": "September 2026",
    "author_name": "Sam Patel",
    "author_role": "Head of Adult Social Care Performance",
    "author_email": "performance@fenmoor.example.gov.uk",
    "cabinet_member": "Councillor Alex Morgan, Cabinet Member for Adult Social Care and Health",
    "recommendations": [
        "Consider and scrutinise the performance update.",
        "Comment on the self-assessment at Appendix 1.",
    ],
}


def render_committee_update(path: Path, markdown: str, **context) -> Path:
    """Render the committee update template with ``markdown`` as the numbered body; returns ``path``."""
    from docxtpl import DocxTemplate

    from scrutinyreport.word.markdown import add_markdown

    template = DocxTemplate(str(COMMITTEE_UPDATE))
    body = template.new_subdoc()
    add_markdown(body.subdocx, markdown)
    values = {**SAMPLE_CONTEXT, **context, "body": body}
    template.render(values, autoescape=True)
    template.save(str(path))
    return path


def part_xml(docx: Path, name: str = "word/document.xml") -> str:
    with zipfile.ZipFile(docx) as archive:
        return archive.read(name).decode("utf-8")


def visible_text(xml: str) -> str:
    """The text of the w:t elements of a part, concatenated."""
    return "".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", xml))


@functools.cache
def _validator():
    """One validator for the test session: loading its schemas takes longer than checking a document."""
    from openxml_audit import OpenXmlValidator
    return OpenXmlValidator()


def validate_ooxml(*paths: Path) -> None:
    """Fail unless every file is a valid Office Open XML package: schema order and values, relationships
    and content types (openxml-audit, a port of the Open XML SDK's validator). Where the project's
    shared schema validator sits beside the repository, it gives a second opinion."""
    for path in paths:
        result = _validator().validate(str(path))
        assert result.is_valid, f"{path.name} is not valid OOXML:\n" + "\n".join(str(e) for e in result.errors)
    if SECOND_OPINION.is_file():
        result = subprocess.run([sys.executable, str(SECOND_OPINION), *map(str, paths)],
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, f"schema validation failed:\n{result.stdout}\n{result.stderr}"


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        pytest.fail(f"'{name}' is required for the rendering tests (LibreOffice / poppler); install it")
    return found


@pytest.fixture(scope="session")
def soffice_profile(tmp_path_factory) -> Path:
    """A LibreOffice user profile of the test session's own, so a stale or busy profile cannot hang it."""
    return tmp_path_factory.mktemp("soffice-profile")


def convert_to_pdf(paths: list[Path], outdir: Path, profile: Path) -> list[Path]:
    """Convert several .docx files with ONE LibreOffice start; returns the PDF paths in order."""
    soffice = _tool("soffice")
    outdir.mkdir(parents=True, exist_ok=True)
    command = [soffice, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
               "--convert-to", "pdf", "--outdir", str(outdir), *map(str, paths)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    pdfs = [outdir / (Path(p).stem + ".pdf") for p in paths]
    missing = [p.name for p in pdfs if not p.is_file()]
    assert not missing, f"LibreOffice made no PDF for {missing}:\n{result.stdout}\n{result.stderr}"
    return pdfs


def pdf_text(pdf: Path) -> str:
    """pdftotext -layout output (pages separated by form feeds)."""
    result = subprocess.run([_tool("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True,
                            timeout=120, check=True)
    return result.stdout


_NUMBERED = re.compile(r"^\s*(\d+\.(?:\d+(?:\.\d+)?[ivxlc]*)?)\s+(\S.*?)\s*$")


def numbered_lines(text: str) -> list[tuple[str, str]]:
    """(number, first words) for every line of PDF text that starts with a list/section number,
    e.g. ("4.2.3i", "Paragraph text ..."), in reading order."""
    found = []
    for line in text.splitlines():
        match = _NUMBERED.match(line)
        if match:
            found.append((match.group(1), match.group(2)))
    return found


def number_of(text: str, words: str) -> str:
    """The number printed in front of the line that starts with ``words`` (case-insensitive)."""
    hits = [number for number, rest in numbered_lines(text) if rest.lower().startswith(words.lower())]
    assert hits, f"no numbered line starts with {words!r}; numbered lines:\n" + "\n".join(
        f"  {n}  {r[:60]}" for n, r in numbered_lines(text))
    assert len(hits) == 1, f"{words!r} is numbered more than once: {hits}"
    return hits[0]
