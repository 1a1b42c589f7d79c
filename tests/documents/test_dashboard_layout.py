"""The sample dashboard as a committee reads it: at most ten landscape pages with every indicator in its
tables, charts for the exceptions (or all, or none), and no page left mostly empty."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from helpers.documents import planned
from helpers.rendering import convert_to_pdf
from scrutinyreport.analysis import analyse
from scrutinyreport.analysis.assessment import Assessment, Basis, Figure
from scrutinyreport.analysis.direction import Direction, Movement
from scrutinyreport.analysis.exceptions import Reason, exception_reasons
from scrutinyreport.analysis.rag import Rag
from scrutinyreport.analysis.spc import Variation
from scrutinyreport.content.charts import LineChart
from scrutinyreport.loading import load_inputs, validate_inputs
from scrutinyreport.model import Frequency, Indicator, Period, Polarity, ReportingPeriod, Unit
from scrutinyreport.pack.generate import BuildOptions, generate

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = "appendix-2-performance-dashboard.docx"


def sample_copy(tmp: Path, extra_yaml: str = "") -> Path:
    """The sample inputs with extra_yaml added to pack.yaml; a spotlight in it replaces the sample's (a key
    given twice is an input error)."""
    inputs = tmp / "inputs"
    shutil.copytree(ROOT / "inputs", inputs)
    pack_file = inputs / "pack.yaml"
    text = pack_file.read_text(encoding="utf-8")
    if "spotlight:" in extra_yaml:
        text = re.sub(r"^spotlight:.*\n(?:  - .*\n)*", "", text, flags=re.M)
        assert "spotlight" not in text
    pack_file.write_text(text + extra_yaml, encoding="utf-8")
    return inputs


@pytest.fixture(scope="module")
def sample_dashboard(sample_pack, tmp_path_factory, soffice_profile):
    root = tmp_path_factory.mktemp("sample-dashboard")
    pdf = convert_to_pdf([sample_pack.folder / DASHBOARD], root / "pdf", soffice_profile)[0]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return pdf, text


def pages_of(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def test_the_sample_dashboard_fits_ten_pages_with_every_indicator(sample_dashboard):
    pdf, text = sample_dashboard
    assert pages_of(pdf) <= 10
    flat = " ".join(text.split())
    pack = load_inputs(ROOT / "inputs")
    for indicator in pack.indicators:      # every indicator's name, in its theme table
        words = indicator.title.split()
        pattern = r"\s*".join(re.escape(w) for w in words[:6])
        assert re.search(pattern, flat.replace("- ", "-")), indicator.title
    assert len(pack.indicators) == 29


def test_every_figure_caption_is_whole_on_one_page(sample_pack, sample_dashboard):
    """A caption is never split from its figure across a page break: each figure's caption, read back from
    the document, is found whole in one page's text."""
    import docx
    pdf, text = sample_dashboard
    pages = [" ".join(page.split()) for page in text.split("\f")]
    captions = [" ".join(p.text.split()) for p in docx.Document(str(sample_pack.folder / DASHBOARD)).paragraphs
                if p.style.name == "Caption"]
    assert len(captions) >= 5
    for caption in captions:   # the number is a field, left out of the paragraph's text: matched after it
        first_words, last_words = caption.split(": ", 1)[1][:60], caption[-60:]
        assert any(first_words in page and last_words in page for page in pages), caption


def test_no_page_is_left_mostly_empty(sample_dashboard, tmp_path):
    """Every page but the last is at least a third full: the lowest ink above the footer is measured on the
    rendered page."""
    pdf, _ = sample_dashboard
    subprocess.run(["pdftoppm", "-png", "-r", "30", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    for page in pages[:-1]:
        image = Image.open(page).convert("L")
        width, height = image.size
        body_top, body_bottom = int(height * 0.09), int(height * 0.90)   # between the header and the footer
        lowest = max((y for y in range(body_top, body_bottom)
                      if min(image.getpixel((x, y)) for x in range(0, width, 2)) < 200), default=body_top)
        assert (lowest - body_top) / (body_bottom - body_top) > 1 / 3, page.name


def _assessment(rag: Rag, worsening: bool) -> Assessment:
    indicator = Indicator("x", "X", "T", Unit.COUNT, Polarity.HIGHER_IS_BETTER, target=10)
    direction = Direction(Movement.DOWN, "Worsening") if worsening else Direction(Movement.UP, "Improving")
    period = ReportingPeriod(Period(2026, 9), Frequency.MONTHLY)
    latest, previous = (Figure(7, period), Figure(9, period.shift(-1))) if worsening else (None, None)
    return Assessment(indicator, period, latest, previous, None, Basis.PREVIOUS_REPORT, rag, direction, None, "")


# the exception rule (analysis/exceptions.py; tests/analysis/test_exception_rule.py has its full truth
# table): moving the wrong way is an exception only where SPC cannot judge (no variation reading) and by more
# than the tolerance (here none, so any worsening)
@pytest.mark.parametrize("rag, worsening, variation, spotlight, expected", [
    (Rag.GREEN, False, Variation.COMMON_CAUSE, False, ()),
    (Rag.GREEN, False, Variation.IMPROVING_HIGH, False, ()),
    (Rag.AMBER, False, None, False, ()),
    (Rag.RED, False, None, False, (Reason.RED,)),
    (Rag.GREEN, True, None, False, (Reason.WORSENED,)),
    (Rag.GREEN, True, Variation.COMMON_CAUSE, False, ()),
    (Rag.GREEN, False, Variation.CONCERNING_LOW, False, (Reason.CONCERN,)),
    (Rag.NO_TARGET, False, None, True, (Reason.SPOTLIGHT,)),
    (Rag.RED, True, Variation.CONCERNING_HIGH, True, (Reason.RED, Reason.CONCERN, Reason.SPOTLIGHT)),
])
def test_the_exception_rule(rag, worsening, variation, spotlight, expected):
    found = exception_reasons(_assessment(rag, worsening), variation, frozenset({"x"} if spotlight else ()))
    assert found == expected


def test_the_sample_exceptions_are_exactly_the_red_concerning_and_moved_ones():
    from scrutinyreport.analysis.exceptions import moved_beyond_tolerance
    analysis = analyse(load_inputs(ROOT / "inputs"))
    expected = {item.indicator.id for item in analysis.indicators
                if item.assessment.rag is Rag.RED
                or (item.variation is not None and item.variation.kind.value == "concern")
                or (item.variation is None and moved_beyond_tolerance(item.assessment))
                or item.indicator.id in analysis.pack.settings.spotlight}
    assert {item.indicator.id for item in analysis.exceptions} == expected
    assert len(expected) == 7 and analysis.pack.settings.spotlight == ("carers_assessed_rate",)


@pytest.mark.parametrize("mode, charts", [("exceptions", 7), ("all", 29), ("none", 0)])
def test_dashboard_charts_setting_chooses_the_charts_drawn(tmp_path, mode, charts):
    analysis = analyse(load_inputs(sample_copy(tmp_path, f"dashboard_charts: {mode}\n")))
    names = [name for name, figure in planned(analysis).items() if isinstance(figure, LineChart)]
    assert len(names) == charts
    assert not any(n.startswith("trend-") and f"spc-{n[6:]}" in names for n in names)  # one chart each


def test_all_puts_every_chart_in_an_annex_and_spotlight_adds_one(tmp_path, soffice_profile):
    import docx
    inputs = sample_copy(tmp_path, "dashboard_charts: all\nspotlight:\n  - reablement_no_ongoing\n")
    result = generate(BuildOptions(inputs=inputs, out=tmp_path / "out"))
    document = docx.Document(str(result.folder / DASHBOARD))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings.index("Charts for the exceptions") < headings.index("Annex: a chart for every indicator")
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert any("People completing reablement who did not need long-term support (left) [Asked for by the "
               "committee]" in c or "(right) [Asked for by the committee]" in c for c in captions)
    pictures = [d.get("name") for d in document.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    annex = [n for n in pictures if n.startswith(("spc-", "trend-"))]
    assert len(set(annex)) == 29 and len(annex) == 29 + 7      # every chart in the annex; 7 exceptions before


def test_an_unknown_spotlight_id_is_named(tmp_path):
    result = validate_inputs(sample_copy(tmp_path, "spotlight:\n  - reablement\n"))
    errors = [e for e in result.problems.errors if e.column == "spotlight"]
    assert len(errors) == 1 and "did you mean" in errors[0].message and errors[0].line is not None
