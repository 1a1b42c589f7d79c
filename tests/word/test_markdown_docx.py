"""Narrative Markdown -> Word: styles, Word-numbered sections, lists, tables, links, verbatim text;
checked in the XML and, through LibreOffice, in the rendered PDF."""

from __future__ import annotations

import re

import pytest
from docx import Document
from docx.oxml.ns import qn
from docxtpl import DocxTemplate

from helpers.rendering import (
    COMMITTEE_UPDATE,
    NS,
    convert_to_pdf,
    number_of,
    part_xml,
    pdf_text,
    render_committee_update,
    validate_ooxml,
)
from scrutinyreport.word import numbering
from scrutinyreport.word import styles as S
from scrutinyreport.word.markdown import add_heading, add_markdown, add_numbered_paragraph, add_table

SPECIAL = 'Fish & chips <b>not bold</b> "quoted" {{ not_a_tag }} {% not_a_block %} done.'

NARRATIVE = f"""\
Opening words before any heading.

# Origin of report

Origin paragraph one.

# Purpose of report

Purpose paragraph one.

Purpose paragraph two with **bold words** and *italic words* and `code words`.

# Timescales

Timescales paragraph one.

# Background and key issues

Background overview paragraph.

## Key issues

Key issues paragraph one.

Key issues paragraph two.

### Risks and challenges

Risks paragraph one.

- Bullet one
- Bullet two
  - Nested bullet

Risks paragraph two.

1. First list item one
2. First list item two

### Innovation

Innovation paragraph one, see [the Local Account](https://www.example.gov.uk/local-account).

Innovation paragraph two.  
After a hard break.

1. Second list item one
2. Second list item two

{SPECIAL}

| Measure | Fenmoor | England |
| --- | ---: | ---: |
| Direct payments & more | 26.1% | 25.3% |
| Reablement | 83.8% | 80.7% |
"""  # noqa: W291 - the two spaces before a newline are a Markdown hard break


def _new_body():
    template = DocxTemplate(str(COMMITTEE_UPDATE))
    return template, template.new_subdoc()


def _paragraphs(document):
    return [(p.style.name, p.text) for p in document.paragraphs]


# ----------------------------------------------------------------------------- structure (no LibreOffice)

def test_headings_and_paragraph_styles_follow_depth():
    _, body = _new_body()
    add_markdown(body.subdocx, NARRATIVE)
    styles = dict((text, style) for style, text in _paragraphs(body.subdocx))
    assert styles["Opening words before any heading."] == S.BODY_TEXT
    assert styles["Origin of report"] == S.HEADING_1
    assert styles["Origin paragraph one."] == S.NUMBERED_PARAGRAPH_1
    assert styles["Key issues"] == S.HEADING_2
    assert styles["Key issues paragraph one."] == S.NUMBERED_PARAGRAPH_2
    assert styles["Risks and challenges"] == S.HEADING_3
    assert styles["Risks paragraph one."] == S.NUMBERED_PARAGRAPH_3
    assert styles["Bullet one"] == S.LIST_BULLET
    assert styles["Nested bullet"] == S.LIST_BULLET_2
    assert styles["First list item one"] == S.LIST_NUMBER
    assert styles[SPECIAL] == S.NUMBERED_PARAGRAPH_3


def test_depth_argument_continues_a_generated_section():
    _, body = _new_body()
    add_heading(body, "Timescales", 1)
    add_markdown(body, "Continues the section.", depth=1)
    add_numbered_paragraph(body, "Generated paragraph.", 2)
    assert _paragraphs(body.subdocx) == [(S.HEADING_1, "Timescales"),
                                         (S.NUMBERED_PARAGRAPH_1, "Continues the section."),
                                         (S.NUMBERED_PARAGRAPH_2, "Generated paragraph.")]


def test_each_ordered_list_gets_a_fresh_num_restarting_at_one():
    _, body = _new_body()
    add_markdown(body.subdocx, NARRATIVE)
    doc = body.subdocx
    items = [p for p in doc.paragraphs if p.style.name == S.LIST_NUMBER]
    ids = [int(p._p.pPr.numPr.numId.val) for p in items]
    assert len(items) == 4 and ids[0] == ids[1] and ids[2] == ids[3] and ids[0] != ids[2]
    num_el = doc.part.numbering_part.element
    list_abstract = None
    for num_id in (ids[0], ids[2]):
        num = num_el.find(f"w:num[@w:numId='{num_id}']", NS)
        assert num.find("w:lvlOverride[@w:ilvl='0']/w:startOverride", NS).get(qn("w:val")) == "1"
        abstract = num.find("w:abstractNumId", NS).get(qn("w:val"))
        assert list_abstract in (None, abstract)
        list_abstract = abstract
    style_num = numbering.style_num_id(doc, S.LIST_NUMBER)
    assert num_el.find(f"w:num[@w:numId='{style_num}']/w:abstractNumId", NS).get(qn("w:val")) == list_abstract
    assert numbering.numbering_in_schema_order(num_el)


def test_list_items_are_not_section_numbered():
    _, body = _new_body()
    add_markdown(body.subdocx, NARRATIVE)
    sections = numbering.style_num_id(body.subdocx, S.HEADING_1)
    for paragraph in body.subdocx.paragraphs:
        if paragraph.style.name in (*S.BULLETS, *S.NUMBERS):
            num_pr = paragraph._p.pPr.numPr
            assert num_pr is None or int(num_pr.numId.val) != sections


def test_inline_formatting_and_verbatim_text():
    _, body = _new_body()
    add_markdown(body.subdocx, NARRATIVE)
    paragraph = next(p for p in body.subdocx.paragraphs if p.text.startswith("Purpose paragraph two"))
    runs = {r.text: r for r in paragraph.runs}
    assert runs["bold words"].bold and runs["italic words"].italic and runs["code words"].text == "code words"
    special = next(p for p in body.subdocx.paragraphs if p.text.startswith("Fish"))
    assert special.text == SPECIAL
    broken = next(p for p in body.subdocx.paragraphs if p.text.startswith("Innovation paragraph two"))
    assert broken._p.findall(".//w:br", NS) and "After a hard break." in broken.text


def test_links_are_real_hyperlinks_with_external_relationships():
    _, body = _new_body()
    add_markdown(body.subdocx, NARRATIVE)
    links = body.subdocx.element.body.findall(".//w:hyperlink", NS)
    assert len(links) == 1
    rel = body.subdocx.part.rels[links[0].get(qn("r:id"))]
    assert rel.is_external and rel.target_ref == "https://www.example.gov.uk/local-account"
    assert links[0].find("w:r/w:rPr/w:rStyle", NS).get(qn("w:val")) == "Hyperlink"
    assert "".join(t.text for t in links[0].iter(qn("w:t"))) == "the Local Account"


def test_markdown_table_is_accessible_word_table():
    _, body = _new_body()
    add_markdown(body.subdocx, NARRATIVE)
    [table] = body.subdocx.tables
    assert table.style.name == S.TABLE_GRID
    assert [c.text for c in table.rows[0].cells] == ["Measure", "Fenmoor", "England"]
    assert table.rows[1].cells[0].text == "Direct payments & more"
    tbl = table._tbl
    assert tbl.tblPr.find("w:tblW", NS).get(qn("w:type")) == "pct"
    assert tbl.tblPr.find("w:tblW", NS).get(qn("w:w")) == "5000"
    rows = tbl.findall("w:tr", NS)
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    assert all(r.find("w:trPr/w:tblHeader", NS) is None for r in rows[1:])
    assert all(r.find("w:trPr/w:cantSplit", NS) is not None for r in rows)
    assert not tbl.findall(".//w:gridSpan", NS) and not tbl.findall(".//w:vMerge", NS)
    assert table.rows[0].cells[0].paragraphs[0].style.name == S.TABLE_HEADING
    assert table.rows[1].cells[1].paragraphs[0].style.name == S.TABLE_TEXT
    assert table.rows[1].cells[1].paragraphs[0].alignment is not None      # ---: right-aligned


def test_add_table_widths_and_ragged_rows():
    document = Document(str(COMMITTEE_UPDATE))
    table = add_table(document, ["Item", "Answer"], [["Major policy item?", "No"], ["Only one cell"]],
                      widths_cm=[12, 5])
    widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall("w:gridCol", NS)]
    assert widths[0] > 2 * widths[1] and abs(sum(widths) - 9638) <= 2    # scaled to the 17 cm text width
    assert [c.text for c in table.rows[2].cells] == ["Only one cell", ""]
    assert table._tbl.tblPr.find("w:tblLayout", NS).get(qn("w:type")) == "fixed"


# ----------------------------------------------------------------------------- rendered through LibreOffice

@pytest.fixture(scope="module")
def rendered(tmp_path_factory, soffice_profile):
    folder = tmp_path_factory.mktemp("markdown")
    docx = render_committee_update(folder / "narrative.docx", NARRATIVE)
    [pdf] = convert_to_pdf([docx], folder / "pdf", soffice_profile)
    return docx, pdf_text(pdf)


def test_rendered_docx_is_schema_valid(rendered):
    docx, _ = rendered
    validate_ooxml(docx)
    numbering_xml = part_xml(docx, "word/numbering.xml")
    assert numbering_xml.rfind("<w:abstractNum ") < numbering_xml.find("<w:num ")


@pytest.mark.parametrize("words, number", [
    ("Origin of report", "1."),
    ("Origin paragraph one", "1.1"),
    ("Purpose of report", "2."),
    ("Purpose paragraph one", "2.1"),
    ("Purpose paragraph two", "2.2"),
    ("Timescales paragraph one", "3.1"),
    ("Background and key issues", "4."),
    ("Background overview paragraph", "4.1"),
    ("Key issues paragraph one", "4.2.1"),
    ("Key issues paragraph two", "4.2.2"),
    ("Risks and challenges", "4.2.3"),
    ("Risks paragraph one", "4.2.3i"),
    ("Risks paragraph two", "4.2.3ii"),
    ("Innovation paragraph one", "4.2.4i"),
    ("Innovation paragraph two", "4.2.4ii"),
    ("First list item one", "1."),
    ("First list item two", "2."),
    ("Second list item one", "1."),       # a second ordered list restarts at 1
    ("Second list item two", "2."),
    ("Consider and scrutinise", "1."),    # recommendations: their own list
    ("Comment on the self-assessment", "2."),
])
def test_rendered_numbers(rendered, words, number):
    _, text = rendered
    assert number_of(text, words) == number


def test_rendered_key_issues_heading_is_4_2(rendered):
    _, text = rendered
    assert re.search(r"^\s*4\.2\s+Key issues\s*$", text, re.MULTILINE), text


def test_rendered_unnumbered_text(rendered):
    _, text = rendered
    assert re.search(r"^\s*Opening words before any heading\.", text, re.MULTILINE)
    assert re.search(r"^\s*RECOMMENDATIONS\s*$", text, re.MULTILINE), "Recommendations heading is numbered"
    assert re.search(r"^\s*•\s+Bullet one", text, re.MULTILINE)


def test_rendered_special_characters_verbatim(rendered):
    _, text = rendered
    flat = " ".join(text.split())
    assert SPECIAL in flat
    assert "Direct payments & more" in flat


def test_rendered_template_tags_do_not_survive(rendered):
    docx, text = rendered
    for part in ("word/document.xml", "word/header1.xml", "word/footer1.xml"):
        xml = part_xml(docx, part)
        leftovers = [tag for tag in re.findall(r"\{[{%]p?\s*(\w+)", xml) if tag not in ("not_a_tag", "not_a_block")]
        assert not leftovers, f"{part}: template tags left: {leftovers}"
    assert "Fenmoor City Council" in text.splitlines()[0]


def test_markdown_the_report_cannot_show_as_written_is_named_by_line():
    from scrutinyreport.markdown_dialect import flattened_markdown
    text = "# One\n\n#### Too deep\n\n- a\n  - b\n    - c\n"
    found = flattened_markdown(text)
    assert [line for line, _ in found] == [3, 7]
    assert "level-4 heading" in found[0][1] and "three deep" in found[1][1]
    assert flattened_markdown("# One\n\n## Two\n\n### Three\n\n- a\n  - b\n") == []
