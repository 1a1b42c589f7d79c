"""Word list numbering: the lists, their links to styles, ids, schema order, restarts."""

from __future__ import annotations

import pytest
from docx import Document
from docx.oxml.ns import qn

from helpers.rendering import (
    COMMITTEE_UPDATE,
    NS,
    convert_to_pdf,
    number_of,
    pdf_text,
    render_committee_update,
    validate_ooxml,
)
from scrutinyreport.word import numbering
from scrutinyreport.word import styles as S


def _numbering(document):
    return document.part.numbering_part.element


def _abstract_of(document, num_id):
    num = _numbering(document).find(f"w:num[@w:numId='{num_id}']", NS)
    return _numbering(document).find(
        f"w:abstractNum[@w:abstractNumId='{num.find('w:abstractNumId', NS).get(qn('w:val'))}']", NS)


def test_template_section_list_is_one_multilevel_list_linked_to_styles():
    document = Document(str(COMMITTEE_UPDATE))
    links = {name: numbering.style_numbering(document, name) for name in
             (*S.HEADINGS, *S.NUMBERED_PARAGRAPHS)}
    num_ids = {num_id for num_id, _ in links.values()}
    assert len(num_ids) == 1, links
    assert {name: ilvl for name, (_, ilvl) in links.items()} == {
        S.HEADING_1: 0, S.HEADING_2: 1, S.NUMBERED_PARAGRAPH_1: 1,
        S.HEADING_3: 2, S.NUMBERED_PARAGRAPH_2: 2, S.NUMBERED_PARAGRAPH_3: 3}
    abstract = _abstract_of(document, num_ids.pop())
    assert abstract.find("w:multiLevelType", NS).get(qn("w:val")) == "multilevel"
    levels = {int(lvl.get(qn("w:ilvl"))): lvl for lvl in abstract.findall("w:lvl", NS)}
    text = {i: levels[i].find("w:lvlText", NS).get(qn("w:val")) for i in range(4)}
    assert text == {0: "%1.", 1: "%1.%2", 2: "%1.%2.%3", 3: "%1.%2.%3%4"}
    assert levels[3].find("w:numFmt", NS).get(qn("w:val")) == "lowerRoman"
    linked = {i: levels[i].find("w:pStyle", NS).get(qn("w:val")) for i in range(4)}
    assert linked == {0: "Heading1", 1: "Heading2", 2: "Heading3", 3: "NumberedParagraph3"}
    for i in range(4):                       # number, tab, text in one column
        assert levels[i].find("w:suff", NS).get(qn("w:val")) == "tab"
        ind = levels[i].find("w:pPr/w:ind", NS)
        assert ind.get(qn("w:left")) == ind.get(qn("w:hanging")) == str(numbering.NUMBER_COLUMN)


def test_recommendations_list_number_and_bullets_are_separate_lists():
    document = Document(str(COMMITTEE_UPDATE))
    abstracts = {name: _abstract_of(document, numbering.style_num_id(document, name)).get(qn("w:abstractNumId"))
                 for name in (S.HEADING_1, S.RECOMMENDATION, S.LIST_NUMBER, S.LIST_BULLET)}
    assert len(set(abstracts.values())) == 4, abstracts
    assert numbering.style_num_id(document, S.HEADING_1_UNNUMBERED) is None
    assert numbering.style_num_id(document, S.BODY_TEXT) is None


def test_template_numbering_in_schema_order_with_unique_ids():
    document = Document(str(COMMITTEE_UPDATE))
    element = _numbering(document)
    assert numbering.numbering_in_schema_order(element)
    abstract_ids = [a.get(qn("w:abstractNumId")) for a in element.findall("w:abstractNum", NS)]
    num_ids = [n.get(qn("w:numId")) for n in element.findall("w:num", NS)]
    assert len(set(abstract_ids)) == len(abstract_ids) and len(set(num_ids)) == len(num_ids)


def test_add_report_lists_is_idempotent_and_does_not_clash_with_existing_lists():
    document = Document()                     # python-docx's own starter file has lists of its own
    element = _numbering(document)
    before_abstract = {a.get(qn("w:abstractNumId")) for a in element.findall("w:abstractNum", NS)}
    before_num = {n.get(qn("w:numId")) for n in element.findall("w:num", NS)}
    first = numbering.add_report_lists(document)
    second = numbering.add_report_lists(document)
    assert first == second
    after_abstract = [a.get(qn("w:abstractNumId")) for a in element.findall("w:abstractNum", NS)]
    after_num = [n.get(qn("w:numId")) for n in element.findall("w:num", NS)]
    assert len(after_abstract) == len(before_abstract) + 4 and len(set(after_abstract)) == len(after_abstract)
    assert len(after_num) == len(before_num) + 4 and len(set(after_num)) == len(after_num)
    assert not {str(i) for i in (first.sections, first.recommendations, first.list_number, first.bullets)} & before_num
    assert numbering.numbering_in_schema_order(element)
    # the starter file's "Heading 1" now takes its number from the section list
    assert numbering.style_numbering(document, S.HEADING_1) == (first.sections, 0)


def test_add_report_lists_on_template_adds_nothing():
    document = Document(str(COMMITTEE_UPDATE))
    element = _numbering(document)
    count = len(element)
    lists = numbering.add_report_lists(document)
    assert len(element) == count
    assert lists.sections == numbering.style_num_id(document, S.HEADING_1)


def test_new_list_number_adds_restarting_nums_after_the_existing_ones():
    document = Document(str(COMMITTEE_UPDATE))
    element = _numbering(document)
    highest = max(int(n.get(qn("w:numId"))) for n in element.findall("w:num", NS))
    first = numbering.new_list_number(document)
    second = numbering.new_list_number(document, level=1, start=3)
    assert (first, second) == (highest + 1, highest + 2)
    num = element.find(f"w:num[@w:numId='{second}']", NS)
    override = num.find("w:lvlOverride", NS)
    assert override.get(qn("w:ilvl")) == "1"
    assert override.find("w:startOverride", NS).get(qn("w:val")) == "3"
    assert numbering.numbering_in_schema_order(element)


def test_new_list_number_follows_the_list_number_style_of_any_document():
    document = Document()                     # its "List Number" style has a list of its own: use that
    num_id = numbering.new_list_number(document)
    style_abstract = _abstract_of(document, numbering.style_num_id(document, S.LIST_NUMBER))
    assert _abstract_of(document, num_id) is style_abstract
    assert numbering.numbering_in_schema_order(_numbering(document))


def test_new_list_number_adds_the_lists_when_the_style_has_none():
    document = Document()
    document.styles[S.LIST_NUMBER].element.pPr.remove(document.styles[S.LIST_NUMBER].element.pPr.numPr)
    num_id = numbering.new_list_number(document)
    assert numbering.numbering_in_schema_order(_numbering(document))
    assert _abstract_of(document, num_id).find("w:name", NS).get(qn("w:val")) == numbering.LIST_NUMBERS.name


# ----------------------------------------------------------------------------- rendered through LibreOffice

@pytest.fixture(scope="module")
def late_recommendations(tmp_path_factory, soffice_profile):
    """Sections first, then a recommendation list: the recommendations still count 1, 2."""
    from docxtpl import DocxTemplate

    from scrutinyreport.word.markdown import add_markdown

    folder = tmp_path_factory.mktemp("numbering")
    template = DocxTemplate(str(COMMITTEE_UPDATE))
    body = template.new_subdoc()
    add_markdown(body.subdocx, "# First section\n\nFirst section text.\n\n# Second section\n\n"
                               "Second section text.\n\n## Sub-section\n\nSub-section text.\n")
    body.subdocx.add_paragraph("Late recommendation one.", S.RECOMMENDATION)
    body.subdocx.add_paragraph("Late recommendation two.", S.RECOMMENDATION)
    add_markdown(body.subdocx, "After the recommendations.", depth=2)
    docx = folder / "late.docx"
    from helpers.rendering import SAMPLE_CONTEXT
    template.render({**SAMPLE_CONTEXT, "recommendations": [], "body": body}, autoescape=True)
    template.save(str(docx))
    plain = render_committee_update(folder / "plain.docx", "# Only section\n\nOnly text.\n")
    pdfs = convert_to_pdf([docx, plain], folder / "pdf", soffice_profile)
    return docx, [pdf_text(p) for p in pdfs]


def test_recommendations_restart_after_sections(late_recommendations):
    docx, (text, _) = late_recommendations
    validate_ooxml(docx)
    assert number_of(text, "Second section text") == "2.1"
    assert number_of(text, "Late recommendation one") == "1."
    assert number_of(text, "Late recommendation two") == "2."
    assert number_of(text, "After the recommendations") == "2.2.2"


def test_sections_start_at_one_after_recommendations(late_recommendations):
    _, (_, text) = late_recommendations
    assert number_of(text, "Consider and scrutinise") == "1."
    assert number_of(text, "Only section") == "1."
    assert number_of(text, "Only text") == "1.1"
