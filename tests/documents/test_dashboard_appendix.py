"""The performance dashboard appendix, built from real input files and read back through LibreOffice."""

import re
import zipfile
from pathlib import Path

import pytest

from helpers.inputs_factory import month_csv, write_inputs
from helpers.rendering import convert_to_pdf, pdf_text, validate_ooxml
from scrutinyreport.model import Period
from scrutinyreport.pack.generate import BuildOptions, generate
from scrutinyreport.word.accessibility import check_document, contrast_ratio
from scrutinyreport.word.shading import RAG_COLOURS

DASHBOARD = "appendix-1-performance-dashboard.docx"   # no self-assessment in the fixture: it is Appendix 1


def fourteen_months() -> dict[str, str]:
    months = {}
    start = Period(2024, 6)
    for n in range(14):
        period = start.shift(n)
        months[str(period)] = month_csv(
            reablement=f"{76 + (n % 5) * 0.9:.1f}", direct="n/a" if n == 13 else f"{24 + n % 3}%",
            admissions=f"{560 - n:.1f}",
            concerns=f"{1800 + 10 * n:,}", spend=f"\u00a3{10000 + 20 * n:,}", reviews=str(10 * (n + 1)),
            commentary="Waits > 28 days fell & \"long\" waits too" if n == 13 else "")
    return months


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory, soffice_profile):
    root = tmp_path_factory.mktemp("dashboard")
    inputs = write_inputs(root / "inputs", months=fourteen_months())
    result = generate(BuildOptions(inputs=inputs, out=root / "out", processes=1))
    document = result.folder / DASHBOARD
    pdf = convert_to_pdf([document], root / "pdf", soffice_profile)[0]
    # reading order text, hyphens dropped: a title may break across lines at "long-term"
    return document, " ".join(pdf_text(pdf).split()), " ".join(_raw_text(pdf).replace("-", "").split())


def _raw_text(pdf: Path) -> str:
    import subprocess
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_period_headers_name_the_months(dashboard):
    assert "June 2025" in dashboard[2] and "July 2025" in dashboard[2]


@pytest.mark.parametrize("title, direction, rag", [
    ("People who did not need longterm support after reablement (ASCOF 2D)", "\u2191 Improving", "Green 77.5%"),
    ("Permanent admissions 65+ per 100,000 (ASCOF 2A(2))", "\u2193 Improving", "Green 550.0"),
    ("Safeguarding concerns received", "\u2191 Increased", "No target"),
    ("Gross spend per client", "\u2191 Worsening", "Amber \u00a310,000 \u00a310,240 \u00a310,260"),
    ("Reviews completed year to date", "\u2191 Improving", "No target"),
])
def test_every_indicator_shows_its_direction_and_rag_words(dashboard, title, direction, rag):
    assert f"{title} {direction} {rag}" in dashboard[2]


def test_a_missing_latest_figure_shows_the_latest_earlier_one_never_zero(dashboard):
    # July 2025 is "n/a": June's figure is shown as no new data, compared with the month before it
    assert ("People receiving direct payments (ASCOF 1C(2A)) \u2193 Worsening Amber 25% 26% (May 2025) "
            "24% (June 2025, no new data)") in dashboard[2]


def test_summary_and_key(dashboard):
    text = dashboard[1]
    assert "Of the 6 indicators in July 2025" in text
    assert "Target consistently met" in text or "Target hit and miss" in text
    assert "Common cause variation" in text


def test_commentary_is_verbatim_and_no_tag_survives(dashboard):
    assert 'Waits > 28 days fell & "long" waits too' in dashboard[2]
    assert not re.search(r"\{[{%#]|[}%#]\}", dashboard[1])


def test_the_exceptions_are_charted_with_numbered_captions_that_say_why(dashboard):
    text = dashboard[1]
    # spend per client shows a special cause of concern; direct payments worsened too, but SPC judges its 13
    # points common cause variation, which is noise and not an exception; nothing else is Red or of concern
    assert "Figure 1: Gross spend per client [A special cause of concern]. Amber (close to target): \u00a310,260 " \
           "against a target of \u00a310,000" in text
    assert "Figure 2" not in text and "People receiving direct payments (left)" not in text


def test_accessibility_marks(dashboard):
    document = dashboard[0]
    assert check_document(document) == []
    validate_ooxml(document)
    xml = zipfile.ZipFile(document).read("word/document.xml").decode()
    descriptions = re.findall(r'<wp:docPr [^>]*?descr="([^"]*)"', xml)
    images = xml.count("<wp:docPr ")
    assert images > 12 and len(descriptions) == images and all(d.strip() for d in descriptions)
    tables = xml.count("<w:tbl>")
    assert tables >= 5 and xml.count("<w:tblHeader/>") >= tables
    assert "<w:vMerge" not in xml and 'w:gridSpan w:val="2"' not in xml
    assert 'w:orient="landscape"' in xml


def test_rag_colours_keep_4_5_to_1_contrast():
    for fill, text in RAG_COLOURS.values():
        assert contrast_ratio(text, fill) >= 4.5


def test_the_summary_says_which_indicators_are_compared_with_another_period(tmp_path):
    """Direction of travel compares a quarterly or annual measure with its own previous quarter or year, a
    year-to-date one with the same month a year before: the sentence that counts them says so, and how many
    (the sample's six: two quarterly, two annual, one year-to-date and one whose March figure is missing)."""
    from scrutinyreport.analysis import analyse
    from scrutinyreport.content.dashboard_appendix import compared_elsewhere, summary_sentence
    from scrutinyreport.formatting import Printer
    from scrutinyreport.loading import load_inputs

    en = Printer.for_locale("en_GB")
    sample = analyse(load_inputs(Path(__file__).resolve().parents[2] / "inputs"))
    assert compared_elsewhere(sample) == 6
    assert ("On their previous figure, 16 improved and 9 worsened: for most, the previous report's (March "
            "2026); for 6, the period in brackets in the tables") in summary_sentence(sample, en)
    months = {"2025-06": month_csv(), "2025-07": month_csv(reablement="80.0")}
    monthly = analyse(load_inputs(write_inputs(tmp_path / "in", months=months)))
    assert compared_elsewhere(monthly) == 0
    assert "Compared with the previous report (June 2025)" in summary_sentence(monthly, en)
