"""The self-assessment summary appendix, rendered from the sample inputs and from a small fixture, and read
back as a reviewer sees it: through LibreOffice (PDF text), the OOXML schema and the accessibility check."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from helpers.documents import EN, summary_docx
from helpers.inputs_factory import FIXTURE_SELF_ASSESSMENT, PACK_YAML, month_csv, write_inputs
from helpers.rendering import convert_to_pdf, pdf_text, validate_ooxml
from scrutinyreport.analysis import analyse
from scrutinyreport.analysis.self_assessment import indicative_rating
from scrutinyreport.content.regional_return import rating_method
from scrutinyreport.content.self_assessment_summary import NO_STATEMENTS, subtitle
from scrutinyreport.cqc_framework import SCORE_MEANINGS
from scrutinyreport.figures import RenderedFigure
from scrutinyreport.formatting import format_value
from scrutinyreport.loading import load_inputs
from scrutinyreport.word.accessibility import check_document_bytes

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "scrutinyreport" / "templates"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


FIXTURE_PACK = PACK_YAML + """\
public_summary:
  indicators: [reablement, concerns]
"""


def fixture_inputs(root: Path) -> Path:
    """Two months (June and July 2025), direct payments missing in July, one year of finance, no activity,
    one benchmark without a rank."""
    inputs = write_inputs(root, pack_yaml=FIXTURE_PACK, months={
        "2025-06": month_csv(reablement="79.0", direct="26%", concerns="1,850"),
        "2025-07": month_csv(direct=""),
    })
    (inputs / "self_assessment.yaml").write_text(FIXTURE_SELF_ASSESSMENT, encoding="utf-8")
    (inputs / "finance.csv").write_text("year,category,amount\n2024/25,Care packages,41000000\n"
                                        "2024/25,Staffing,9000000\n", encoding="utf-8")
    (inputs / "benchmarks.csv").write_text(
        "indicator_id,year,council,england,region,comparator,rank,rank_of,council_numerator,council_denominator\n"
        "reablement,2024/25,80.1,77.9,79.8,79.1,,,,\n", encoding="utf-8")
    return inputs


def tiny_png() -> bytes:
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    figure = Figure(figsize=(3, 1.5), dpi=60)
    figure.add_subplot().barh([0, 1], [3, 2])
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, soffice_profile):
    """Both appendices built, written and converted to PDF with one LibreOffice start."""
    folder = tmp_path_factory.mktemp("self-assessment-summary")
    sample = load_inputs(ROOT / "inputs")
    small = load_inputs(fixture_inputs(folder / "inputs"))
    scores = RenderedFigure("self-assessment-scores", tiny_png(), "Bar chart of two self-assessment scores: 3 and 2.",
                            "Two scores.", 8.0)
    documents = {
        "sample": (sample, summary_docx(analyse(sample))),
        "small": (small, summary_docx(analyse(small), {"self-assessment-scores": scores}, 3)),
    }
    paths = []
    for name, (_, data) in documents.items():
        path = folder / f"{name}.docx"
        path.write_bytes(data)
        paths.append(path)
    pdfs = convert_to_pdf(paths, folder / "pdf", soffice_profile)
    return {name: {"pack": pack, "data": data, "path": path, "text": pdf_text(pdf)}
            for (name, (pack, data)), path, pdf in zip(documents.items(), paths, pdfs)}


def flat(text: str) -> str:
    """PDF text with line breaks and layout spacing folded to single spaces."""
    return " ".join(text.split())


def body_xml(data: bytes) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))


def tables(data: bytes) -> list[list[list[str]]]:
    document = docx.Document(io.BytesIO(data))
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


def headings(data: bytes) -> list[tuple[str, str]]:
    document = docx.Document(io.BytesIO(data))
    return [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]


# ------------------------------------------------------------------------------------------------ both documents

@pytest.mark.parametrize("name", ["sample", "small"])
def test_every_quality_statement_appears_with_its_score_and_meaning(rendered, name):
    pack, text = rendered[name]["pack"], flat(rendered[name]["text"])
    for statement in pack.self_assessment.statements:
        meaning = SCORE_MEANINGS[statement.score]
        assert f"{statement.name}: {statement.score} - {meaning}" in text
    rows = next(t for t in tables(rendered[name]["data"]) if t[0][0] == "Theme")
    assert rows[0] == ["Theme", "Quality statement", "Score", "What the score means"]
    assert rows[1:] == [[s.theme, s.name, str(s.score), SCORE_MEANINGS[s.score]]
                        for s in pack.self_assessment.statements]


@pytest.mark.parametrize("name, rating", [("sample", "24 of 36 (67%): Good"), ("small", "5 of 8 (63%): Good")])
def test_the_indicative_rating_and_its_method_are_stated(rendered, name, rating):
    text = flat(rendered[name]["text"])
    assert f"Taken together, our scores give an indicative overall rating of {rating}." in text
    assert rating_method(EN) in text
    assert "not CQC's judgement" in text and "25 to 38% Inadequate" in text and "88% and over Outstanding" in text


@pytest.mark.parametrize("name", ["sample", "small"])
def test_the_evidence_tables_hold_the_figures_worked_out_from_the_data(rendered, name):
    pack, data = rendered[name]["pack"], rendered[name]["data"]
    evidence = [t for t in tables(data) if t[0][:1] == ["Indicator"] and "RAG" in t[0]]
    linked = [s for s in pack.self_assessment.statements if s.evidence]
    assert len(evidence) == len(linked)
    month = {"sample": "September 2026", "small": "July 2025"}[name]
    for table, statement in zip(evidence, linked):
        assert table[0] == ["Indicator", f"Latest ({month})", "Target", "RAG", "Direction"]
        for row, indicator_id in zip(table[1:], statement.evidence, strict=True):
            indicator = pack.indicator(indicator_id)
            found = analyse(pack).indicator(indicator.id).assessment
            assert row[0].startswith(indicator.title)
            assert row[1].startswith(format_value(found.latest, indicator.unit, indicator.decimals, locale="en_GB"))
            assert row[3] == found.rag.value
    text = flat(rendered[name]["text"])
    for word in ("Green", "Amber", "Red") if name == "sample" else ("Green", "No target"):
        assert f" {word} " in text


def test_sample_evidence_rows_match_the_september_figures(rendered):
    rows = [row for table in tables(rendered["sample"]["data"]) for row in table]
    assert ["People waiting for a Care Act assessment", "162", "150", "Amber", "\u2193 Improving"] in rows
    assert ["People receiving long-term support without a review in the last 12 months", "352", "300", "Red",
            "\u2191 Worsening"] in rows


@pytest.mark.parametrize("name", ["sample", "small"])
def test_no_template_tag_survives(rendered, name):
    data, text = rendered[name]["data"], rendered[name]["text"]
    package = zipfile.ZipFile(io.BytesIO(data))
    xml = "".join(package.read(part).decode("utf-8") for part in package.namelist()
                  if part.startswith("word/") and part.endswith(".xml"))
    assert "{%" not in xml and "{%" not in text
    # the only '{{' is the one a strength in the fixture contains, printed as written
    expected = 1 if name == "small" else 0
    assert xml.count("{{") == expected and flat(text).count("{{ not a tag }}") == expected


@pytest.mark.parametrize("name", ["sample", "small"])
def test_the_document_is_schema_valid_and_accessible(rendered, name):
    validate_ooxml(rendered[name]["path"])
    assert check_document_bytes(rendered[name]["data"], name) == []


@pytest.mark.parametrize("name, count", [("sample", 1), ("small", 1)])
def test_every_picture_has_alt_text_a_caption_and_its_own_id(rendered, name, count):
    data, text = rendered[name]["data"], flat(rendered[name]["text"])
    pictures = list(body_xml(data).iter(f"{{{WP}}}docPr"))
    assert len(pictures) == count
    assert all(p.get("descr", "").strip() for p in pictures)
    assert len({p.get("id") for p in pictures}) == count
    for number in range(1, count + 1):
        assert f"Figure {number}:" in text
    assert f"Figure {count + 1}:" not in text


@pytest.mark.parametrize("name", ["sample", "small"])
def test_headings_come_in_the_right_order_and_never_skip_a_level(rendered, name):
    pack, data = rendered[name]["pack"], rendered[name]["data"]
    found = headings(data)
    level_1 = [text for style, text in found if style == "Heading 1"]
    assert level_1 == ["Overview", *pack.self_assessment.themes, "ADASS sector-led improvement", "Local Account"]
    previous = 0
    for style, _ in found:
        level = int(style[-1])
        assert level <= previous + 1
        previous = level
    under_statement = [text for style, text in found if style == "Heading 3"][:5]
    assert under_statement == ["What people expect", "Our commitment", "Strengths", "Areas for development",
                               "Evidence"]
    adass = [text for style, text in found if style == "Heading 2"]
    assert ["Top risks and challenges", "Top innovations and achievements", "Next steps",
            "Date of submission"] == [t for t in adass if t in ("Top risks and challenges",
                                                                  "Top innovations and achievements",
                                                                  "Next steps", "Date of submission")]


@pytest.mark.parametrize("name, title", [("sample", "Appendix 1: Adult social care self-assessment summary"),
                                         ("small", "Appendix 3: Adult social care self-assessment summary")])
def test_title_and_document_properties(rendered, name, title):
    document = docx.Document(io.BytesIO(rendered[name]["data"]))
    pack = rendered[name]["pack"]
    assert document.core_properties.title == title
    assert document.core_properties.language == "en-GB"
    assert document.core_properties.author == pack.settings.council
    assert pack.settings.committee in document.core_properties.subject
    text = flat(rendered[name]["text"])
    assert title in text and subtitle(pack, EN) in text


# ------------------------------------------------------------------------------------------------ the sample

def test_the_public_summary_is_now_a_pointer_to_the_local_account(rendered):
    text = flat(rendered["sample"]["text"])
    assert ("Our report to residents, \u201cAdult social care in Fenmoor 2025/26: our Local Account\u201d, is a "
            "separate document in this pack.") in text
    for gone in ("a summary for the public", "Our budget", "How we compare with other councils",
                 "What we are proud of", "Last year (September 2025)"):
        assert gone not in text


def test_the_same_inputs_give_the_same_bytes(rendered):
    pack = rendered["sample"]["pack"]
    again = summary_docx(analyse(pack))
    assert again == rendered["sample"]["data"]


# ------------------------------------------------------------------------------------------------ the fixture

def test_gaps_in_the_fixture_are_said_not_hidden(rendered):
    text = flat(rendered["small"]["text"])
    assert NO_STATEMENTS in text                               # Leadership statements have no I statements
    assert "No performance indicators are linked to this quality statement." in text
    assert "None recorded." in text                            # governance has no strengths
    assert "Waits > 28 days fell; <none> of this is markup;" in text
    assert "We assess needs with people & their carers." in text
    rows = [row for table in tables(rendered["small"]["data"]) for row in table]
    assert ["People receiving direct payments (ASCOF 1C(2A))", "26% (June 2025, no new data)", "25%", "Green",
            "No earlier figure"] in rows
    assert ["Safeguarding concerns received", "1,924", "No target", "No target", "\u2191 Increased"] in rows


def test_a_pack_without_a_self_assessment_is_refused(tmp_path):
    pack = load_inputs(write_inputs(tmp_path / "in"))
    with pytest.raises(ValueError, match="no self-assessment"):
        summary_docx(analyse(pack), {})


# ------------------------------------------------------------------------------------------------ the sentences

def test_the_rating_rounds_half_up_at_the_band_edge():
    from scrutinyreport.model import QualityStatement
    statements = [QualityStatement("a", "A", "T", 3), QualityStatement("b", "B", "T", 2)]
    assert indicative_rating(statements).rating == "Good"          # 5 of 8 is 62.5%, printed 63%


def test_a_draft_says_it_is_not_yet_submitted(rendered):
    from dataclasses import replace
    pack = rendered["small"]["pack"]
    draft = replace(pack, self_assessment=replace(pack.self_assessment, submitted=None))
    assert subtitle(draft, EN) == "Draft self-assessment, not yet submitted. Performance figures for July 2025."
    xml = zipfile.ZipFile(io.BytesIO(summary_docx(analyse(draft), {}))).read(
        "word/document.xml").decode("utf-8")
    assert "This self-assessment is a draft and has not yet been submitted." in re.sub(r"<[^>]+>", "", xml)
