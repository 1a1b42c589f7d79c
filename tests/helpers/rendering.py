"""Helpers for tests that build Word documents from the report templates and look at them through
LibreOffice (PDF) and an OOXML validator. Import what you need: ``from helpers.rendering import ...``.

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

REPO = Path(__file__).resolve().parents[2]
TEMPLATES = REPO / "scrutinyreport" / "templates"
COMMITTEE_UPDATE = TEMPLATES / "committee_update.docx"
SECOND_OPINION = REPO.parent / "shared" / "tools" / "validate_ooxml.py"   # only where it exists
CHART_SCHEMA = REPO.parent / "shared" / "ooxml-schemas" / "dml-chart.xsd"  # ECMA-376's, only where it exists

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


def ooxml_errors(path: Path) -> list[str]:
    """What openxml-audit finds wrong with a package, from a validator of its own. openxml-audit 0.8 caches
    its cross-part lookups (the comment ids a comment range may name, and the like) by ``id()`` of the
    package object, and CPython gives a freed package's id to the next one: a validator kept for a session
    checked one document's comment ranges against another's comments part, now and then, as memory fell.
    A fresh validator costs about as much as a second validation with the same one (its schemas are loaded
    once per process)."""
    from openxml_audit import OpenXmlValidator
    return [str(e) for e in OpenXmlValidator().validate(str(path)).errors]


def validate_ooxml(*paths: Path) -> None:
    """Fail unless every file is a valid Office Open XML package: schema order and values, relationships
    and content types (openxml-audit, a port of the Open XML SDK's validator, which checks chart parts
    too), and every chart part related, typed and with its workbook (``chart_part_problems``). Where the
    project's shared schema validator sits beside the repository, it gives a second opinion, and the
    ECMA-376 chart schema a third on the chart parts."""
    for path in paths:
        errors = ooxml_errors(path)
        assert not errors, f"{path.name} is not valid OOXML:\n" + "\n".join(errors)
        problems = chart_part_problems(path)
        assert not problems, f"{path.name}: chart parts:\n" + "\n".join(problems)
    if SECOND_OPINION.is_file():
        result = subprocess.run([sys.executable, str(SECOND_OPINION), *map(str, paths)],
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, f"schema validation failed:\n{result.stdout}\n{result.stderr}"


@functools.cache
def _chart_schema():
    from lxml import etree
    return etree.XMLSchema(etree.parse(str(CHART_SCHEMA)))


def chart_schema_errors(xml: bytes) -> list[str]:
    """A chart part's errors against ECMA-376's dml-chart.xsd, where the schemas sit beside the repository
    (they are not the project's to ship); openxml-audit checks the same parts everywhere."""
    from lxml import etree
    if not CHART_SCHEMA.is_file():
        return []
    schema = _chart_schema()
    return [] if schema.validate(etree.fromstring(xml)) else [f"{e.line}: {e.message}" for e in schema.error_log]


_CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
_PACKAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"
_CHART_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def chart_part_problems(path: Path) -> list[str]:
    """Every problem with a package's chart parts: each related from the document and typed as a chart, its
    workbook related through the part's c:externalData as a package and present with a content type, and
    (where the schema is at hand) valid against dml-chart.xsd."""
    import posixpath

    from lxml import etree
    problems: list[str] = []
    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())
        types = etree.fromstring(package.read("[Content_Types].xml"))
        overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(f"{_TYPES}Override")}
        defaults = {d.get("Extension"): d.get("ContentType") for d in types.iter(f"{_TYPES}Default")}
        related = {posixpath.normpath(posixpath.join("word", r.get("Target")))
                   for r in etree.fromstring(package.read("word/_rels/document.xml.rels")).iter(_RELS)
                   if r.get("Type") == _CHART_REL}
        for name in sorted(n for n in names if re.fullmatch(r"word/charts/chart\d+\.xml", n)):
            xml = package.read(name)
            if name not in related:
                problems.append(f"{name}: not related from the document")
            if overrides.get("/" + name) != _CHART_TYPE:
                problems.append(f"{name}: content type {overrides.get('/' + name)!r}")
            problems += [f"{name}:{error}" for error in chart_schema_errors(xml)]
            rels_name = f"word/charts/_rels/{posixpath.basename(name)}.rels"
            if rels_name not in names:
                problems.append(f"{name}: no relationships part")
                continue
            targets = {r.get("Id"): r for r in etree.fromstring(package.read(rels_name)).iter(_RELS)}
            external = etree.fromstring(xml).find("{http://schemas.openxmlformats.org/drawingml/2006/chart}"
                                                  "externalData")
            rid = None if external is None else external.get(f"{{{NS['r']}}}id")
            if rid not in targets or targets[rid].get("Type") != _PACKAGE_REL:
                problems.append(f"{name}: c:externalData {rid!r} is not a package relationship")
                continue
            workbook = posixpath.normpath(posixpath.join("word/charts", targets[rid].get("Target")))
            if workbook not in names:
                problems.append(f"{name}: its workbook {workbook} is missing")
            elif overrides.get("/" + workbook, defaults.get(workbook.rsplit(".", 1)[-1])) is None:
                problems.append(f"{workbook}: no content type")
        problems += [f"{chart}: related from the document but missing" for chart in sorted(related - names)]
    return problems


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        pytest.fail(f"'{name}' is required for the rendering tests (LibreOffice / poppler); install it")
    return found




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
