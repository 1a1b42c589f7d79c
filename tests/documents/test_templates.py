"""The templates: ordinary Word documents read (never written) at run time, holding every style the code names;
the committee update's page and title block as promised; renders cleanly."""

from __future__ import annotations

import re

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn

from helpers.rendering import (
    COMMITTEE_UPDATE,
    NS,
    REPO,
    TEMPLATES,
    convert_to_pdf,
    number_of,
    part_xml,
    pdf_text,
    render_committee_update,
    validate_ooxml,
)
from scrutinyreport.word import styles as S

ALLOWED_VARIABLES = {"council", "committee", "meeting_date", "report_title", "period", "author_name",
                     "author_role", "author_email", "cabinet_member", "recommendations", "body"}


def test_the_code_never_writes_the_shipped_templates(tmp_path):
    """The templates are data a designer edits in Word: building a pack reads them and leaves them as they are."""
    import hashlib

    from scrutinyreport.pack.generate import BuildOptions, generate
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in TEMPLATES.glob("*.docx")}
    generate(BuildOptions(inputs=REPO / "inputs", out=tmp_path / "out", processes=1))
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in TEMPLATES.glob("*.docx")} == before
    assert len(before) == 5


def test_templates_are_schema_valid():
    validate_ooxml(*sorted(TEMPLATES.glob("*.docx")))


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.docx")))
def test_every_style_the_code_names_exists_in_every_template_with_the_right_type(template):
    styles = Document(str(TEMPLATES / template)).styles
    for name in S.PARAGRAPH_STYLES:
        assert styles[name].type == WD_STYLE_TYPE.PARAGRAPH, (template, name)
    for name in S.CHARACTER_STYLES:
        assert styles[name].type == WD_STYLE_TYPE.CHARACTER, (template, name)
    for name in S.TABLE_STYLES:
        assert styles[name].type == WD_STYLE_TYPE.TABLE, (template, name)


def test_every_style_named_in_the_code_is_in_the_style_lists():
    """The lists the test above walks hold every style name the package's code uses (a new one cannot be
    forgotten): each constant of word/styles.py, and every literal style name passed to python-docx."""
    import ast

    named = {value for key, value in vars(S).items() if key.isupper() and isinstance(value, str)}
    listed = set(S.PARAGRAPH_STYLES) | set(S.CHARACTER_STYLES) | set(S.TABLE_STYLES)
    assert named <= listed | {"Heading {level}"}, named - listed
    for path in (REPO / "scrutinyreport").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg == "style" and isinstance(node.value, ast.Constant) \
                    and isinstance(node.value.value, str):
                assert node.value.value in listed, (path.name, node.value.value)


def test_headings_are_real_heading_styles_with_outline_levels():
    styles = Document(str(COMMITTEE_UPDATE)).styles
    expected = {S.HEADING_1: "0", S.HEADING_2: "1", S.HEADING_3: "2", S.HEADING_1_UNNUMBERED: "0"}
    for name, level in expected.items():
        outline = styles[name].element.find("w:pPr/w:outlineLvl", NS)
        assert outline is not None and outline.get(qn("w:val")) == level, name
    assert styles[S.HEADING_1].style_id == "Heading1"         # Word's built-in, not a look-alike
    assert styles[S.HEADING_1].font.all_caps


def test_formatting_lives_in_styles_arial_en_gb_a4():
    document = Document(str(COMMITTEE_UPDATE))
    defaults = document.styles.element.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert defaults.find("w:rFonts", NS).get(qn("w:ascii")) == "Arial"
    assert defaults.find("w:lang", NS).get(qn("w:val")) == "en-GB"
    assert 22 <= int(defaults.find("w:sz", NS).get(qn("w:val"))) <= 24
    body_xml = part_xml(COMMITTEE_UPDATE)
    for direct in ("<w:b/>", "<w:sz ", "<w:rFonts", "<w:color", "<w:ind ", "<w:spacing "):
        assert direct not in body_xml, f"direct formatting {direct} in the template body"
    section = document.sections[0]
    assert (section.page_width.cm, section.page_height.cm) == pytest.approx((21.0, 29.7), abs=0.01)


def test_header_and_footer_on_every_page():
    document = Document(str(COMMITTEE_UPDATE))
    section = document.sections[0]
    assert "{{ council }}" in section.header.paragraphs[0].text
    footer = part_xml(COMMITTEE_UPDATE, "word/footer1.xml")
    instructions = [i.strip() for i in re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", footer)]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert not section.different_first_page_header_footer


def test_template_uses_only_the_agreed_context_variables():
    text = "".join(part_xml(COMMITTEE_UPDATE, part) for part in
                   ("word/document.xml", "word/header1.xml", "word/footer1.xml"))
    loop_variables = set(re.findall(r"\{%p?\s*for\s+(\w+)\s+in", text))
    used = set(re.findall(r"\{\{p?\s*(\w+)", text)) | set(re.findall(r"\{%p?\s*for\s+\w+\s+in\s+(\w+)", text))
    used -= loop_variables
    assert used <= ALLOWED_VARIABLES, used - ALLOWED_VARIABLES
    assert {"council", "committee", "report_title", "recommendations", "body"} <= used


def test_title_block_is_paragraphs_not_a_layout_table():
    document = Document(str(COMMITTEE_UPDATE))
    assert not document.tables
    styles = [p.style.name for p in document.paragraphs]
    assert styles[:3] == [S.TITLE_BLOCK, S.TITLE_BLOCK, S.TITLE]
    labels = [p.runs[0].text for p in document.paragraphs if p.style.name == S.REPORT_DETAILS]
    assert labels[:3] == ["Report of:", "Cabinet Member(s) responsible:", "Contact Officer(s):"]
    assert all(p.runs[0].style.name == S.LABEL for p in document.paragraphs if p.style.name == S.REPORT_DETAILS)


# ----------------------------------------------------------------------------- rendered through LibreOffice

NARRATIVE = "# Origin of report\n\nOrigin text.\n\n# Background\n\nBackground text.\n"
AWKWARD = {"council": 'Smith & Jones "Borough" <Council>', "author_role": "Head of {{ performance }}",
           "recommendations": ["Note the report & its <appendices>.", "Agree the actions.", "Comment."]}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, soffice_profile):
    folder = tmp_path_factory.mktemp("templates")
    plain = render_committee_update(folder / "plain.docx", NARRATIVE)
    awkward = render_committee_update(folder / "awkward.docx", NARRATIVE, **AWKWARD)
    pdfs = convert_to_pdf([plain, awkward], folder / "pdf", soffice_profile)
    return [plain, awkward], [pdf_text(p) for p in pdfs]


def test_rendered_template_is_valid_and_has_no_tags_left(rendered):
    docs, texts = rendered
    validate_ooxml(*docs)
    for part in ("word/document.xml", "word/header1.xml", "word/footer1.xml"):
        xml = part_xml(docs[0], part)
        assert "{{" not in xml and "{%" not in xml and "%}" not in xml, part
    assert "{{" not in texts[0] and "{%" not in texts[0]


def test_rendered_page_furniture(rendered):
    _, (text, _) = rendered
    first_page = text.split("\f")[0]
    lines = [line.strip() for line in first_page.splitlines() if line.strip()]
    assert lines[0].startswith("Fenmoor City Council") and "17 November 2026" in lines[0]
    assert lines[-1] == "Page 1 of 1"
    assert "ADULTS AND COMMUNITIES SCRUTINY COMMITTEE" in first_page
    assert "Adult Social Care performance update" in first_page
    assert re.search(r"Report of:\s+Sam Patel, Head of Adult Social Care Performance", first_page)
    assert re.search(r"Contact Officer\(s\):\s+Sam Patel, performance@fenmoor", first_page)


def test_rendered_recommendations_then_sections(rendered):
    _, (text, _) = rendered
    assert re.search(r"^\s*RECOMMENDATIONS\s*$", text, re.MULTILINE)
    assert "It is recommended that the Adults and Communities Scrutiny Committee:" in text
    assert number_of(text, "Consider and scrutinise") == "1."
    assert number_of(text, "Comment on the self-assessment") == "2."
    assert number_of(text, "Origin of report") == "1."
    assert number_of(text, "Origin text") == "1.1"
    assert number_of(text, "Background text") == "2.1"


def test_rendered_context_values_verbatim(rendered):
    docs, (_, text) = rendered
    flat = " ".join(text.split())
    assert 'Smith & Jones "Borough" <Council>' in flat
    assert "Head of {{ performance }}" in flat
    assert number_of(text, "Note the report & its <appendices>.") == "1."
    assert number_of(text, "Comment.") == "3."
