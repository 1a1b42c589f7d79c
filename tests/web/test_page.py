"""The Local Account as a web page, without a browser: the charts as SVG (named and described as in the Word
copy, text as text, shapes and dashes as well as colours), the page's HTML (one h1, headings in order, tables
with captions and header cells, nothing loaded, everything escaped), the figures CSV (safe in a spreadsheet),
and the same figures as the Word copy under the same disclosure control."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.documents import EN, local_account_docx, planned
from helpers.inputs_factory import small_numbers_inputs
from scrutinyreport.analysis import analyse
from scrutinyreport.content import blocks
from scrutinyreport.content.charts import (
    Bar,
    BarChart,
    BarKind,
    LineChart,
    Meaning,
    Reference,
    Stage,
    indicator_chart,
    scores_chart,
)
from scrutinyreport.content.contrast import contrast_ratio
from scrutinyreport.content.local_account import local_account
from scrutinyreport.loading import load_inputs
from scrutinyreport.model import Frequency, Period, Unit
from scrutinyreport.web import svg
from scrutinyreport.web.figures_csv import chart_records, figures_csv
from scrutinyreport.web.local_account import FIGURES, build_local_account_page
from scrutinyreport.web.page import CSS, render_page, style_hash

ROOT = Path(__file__).resolve().parents[2]
SVG = "{http://www.w3.org/2000/svg}"


# ------------------------------------------------------------------------------------------------ fixtures

@pytest.fixture(scope="module")
def sample():
    """The sample's analysis, its Local Account content and the page made from it."""
    analysis = analyse(load_inputs(ROOT / "inputs"))
    content = local_account(analysis, planned(analysis, ("local-account-",)), EN)
    html, data = build_local_account_page(content)
    return {"analysis": analysis, "content": content, "html": html.decode("utf-8"), "csv": data}


def line_chart(values, meanings=None, stages=(), target=None, spc=False, restarts=(), name="line",
               texts=None) -> LineChart:
    """A monthly line chart from April 2025, straight from the spec's fields."""
    periods = tuple(Period(2025, 4).shift(i) for i in range(len(values)))
    finite = [v for v in values if v is not None] + ([target] if target is not None else [])
    finite += [limit for s in stages for limit in (s.upper, s.lower)]
    return LineChart(
        name=name, title="A measure", subtitle="Monthly.", alt_text="Alt text of the chart.",
        description="The chart's long description.", unit=Unit.COUNT, decimals=0, frequency=Frequency.MONTHLY,
        printer=EN, periods=periods, values=tuple(values),
        texts=texts or tuple("" if v is None else f"{v:.0f}" for v in values),
        meanings=tuple(meanings or [Meaning.COMMON] * len(values)), spc=spc, stages=tuple(stages),
        target=target, target_text="" if target is None else f"{target:.0f}", restarts=tuple(restarts),
        value_range=(min(finite + [0.0]), max(finite + [1.0]) * 1.1) if finite else None,
        latest=max((i for i, v in enumerate(values) if v is not None), default=None), width_cm=16.0,
        height_cm=8.5)


def spc_every_meaning() -> LineChart:
    """Every kind of point, two stages, a gap and a target."""
    values = [10, 11, 9, 10, 20, 10, 11, None, 3, 12, 14, 15]
    meanings = [Meaning.COMMON, Meaning.IMPROVEMENT, Meaning.COMMON, Meaning.COMMON, Meaning.NEITHER,
                Meaning.COMMON, Meaning.COMMON, Meaning.COMMON, Meaning.CONCERN, Meaning.COMMON, Meaning.COMMON,
                Meaning.COMMON]
    stages = (Stage(0, 6, 11.0, 16.0, 6.0, "11", "16", "6"), Stage(6, 12, 12.0, 18.0, 6.0, "12", "18", "6"))
    return line_chart(values, meanings, stages, target=13.0, spc=True, name="spc-test chart/1")


def measure_with_median() -> BarChart:
    bars = (Bar("Fenmoor", (81.5,), ("81.5%",)), Bar("Westmarsh", (None,), ("No data",)),
            Bar("Eastfield", (77.0,), ("77.0%",)))
    return BarChart("measure-x", BarKind.MEASURE, "Reablement", "2024/25.", "Alt.", "Description.", ("",), bars,
                    Unit.PERCENT, 1, EN, reference=Reference(79.0, "Region's median 79.0%"))


def sample_charts(sample) -> list[LineChart | BarChart]:
    analysis = sample["analysis"]
    account = [p.figure for p in sample["content"].pictures]
    lines = [indicator_chart(analysis.indicator(i), EN) for i in ("agency_social_workers", "reviews_ytd",
                                                                   "gross_spend_per_client", "qol_score")]
    statements = [(s.theme, s.name, s.score) for s in analysis.pack.self_assessment.statements]
    return [*account, *lines, scores_chart(statements, EN), spc_every_meaning(), measure_with_median()]


class Elements(HTMLParser):
    """Start tags with their attributes, and each table's rows of cell texts (a cell's notes included)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.tables: list[dict] = []
        self.cell: list[str] | None = None
        self.caption: list[str] | None = None
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "table":
            self.tables.append({"caption": "", "rows": []})
        elif tag == "caption":
            self.caption = []
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("th", "td"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "caption" and self.caption is not None:
            self.tables[-1]["caption"] = "".join(self.caption)
            self.caption = None
        elif tag in ("th", "td") and self.cell is not None:
            self.tables[-1]["rows"][-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        for part in (self.cell, self.caption):
            if part is not None:
                part.append(data + " ")


def parse(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    return parser


def squeeze(text: str) -> str:
    return "".join(text.split())


# ------------------------------------------------------------------------------------------------ SVG

def test_svg_is_named_described_scalable_and_deterministic(sample):
    for chart in sample_charts(sample):
        drawn = svg.chart_svg(chart)
        assert drawn == svg.chart_svg(chart)
        root = ET.fromstring(drawn)
        ident = svg.chart_id(chart)
        assert re.fullmatch(r"[A-Za-z][\w-]*", ident)
        assert root.get("role") == "img" and root.get("id") == ident
        assert root.get("aria-labelledby") == f"{ident}-title" and root.get("aria-describedby") == f"{ident}-desc"
        assert root.find(f"{SVG}title").text == chart.alt_text                 # the Word copy's alt text
        assert root.find(f"{SVG}desc").text == chart.description               # and its long description
        assert root.get("width") == "100%" and root.get("height") is None and root.get("viewBox")
        drawing = root.find(f"{SVG}g")
        assert drawing.get("aria-hidden") == "true"
        texts = list(root.iter(f"{SVG}text"))
        assert texts, "labels are text, not paths"
        for text in texts:                                                     # every word readable on white
            assert contrast_ratio(text.get("fill", root.get("fill"))) >= 4.5, "".join(text.itertext())
        width = float(root.get("viewBox").split()[2])
        for text in texts:
            assert 0 <= float(text.get("x")) <= width


def test_spc_points_differ_by_shape_and_lines_by_dash():
    chart = spc_every_meaning()
    root = ET.fromstring(svg.chart_svg(chart))
    points = root.find(f".//{SVG}g[@class='points']")
    shapes = {(el.tag.removeprefix(SVG), el.get("fill")) for el in points}
    assert shapes == {("circle", svg.WHITE), ("circle", svg.SERIES), ("path", svg.EARLIER), ("rect", svg.TARGET)}
    assert len(points) == sum(v is not None for v in chart.values)
    words = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    for label in ("Common cause", "Special cause: improvement", "Special cause: concern",
                  "Special cause (neither better nor worse)", "Mean", "Process limits", "Target: 13",
                  "Change to the process"):
        assert label in words
    dashes = {line.get("stroke-dasharray") for line in root.iter(f"{SVG}line")}
    assert {svg.DASH_TARGET, svg.DASH_LIMITS, svg.DASH_CHANGE} <= dashes
    assert len(root.find(f".//{SVG}g[@class='series']")) == 2                  # the gap splits the line


def test_a_year_to_date_line_breaks_each_april():
    values = [10.0, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 10, 20]
    chart = line_chart(values, restarts=(12,))
    polylines = ET.fromstring(svg.chart_svg(chart)).findall(f".//{SVG}polyline")
    assert [len(p.get("points").split()) for p in polylines] == [12, 2]


def test_two_years_name_the_year_in_each_value_and_the_council_is_bold(sample):
    age = next(p.figure for p in sample["content"].pictures if p.figure.name == "local-account-age")
    words = ["".join(t.itertext()) for t in ET.fromstring(svg.chart_svg(age)).iter(f"{SVG}text")]
    assert "2024/25: 740" in words and "2025/26: 760" in words and "2024/25" in words    # values and the key
    comparison = indicator_comparison(sample)
    root = ET.fromstring(svg.chart_svg(comparison))
    bold = ["".join(t.itertext()) for t in root.iter(f"{SVG}text") if t.get("font-weight") == "bold"]
    assert bold[0] == "Fenmoor City Council" and bold[1] == comparison.bars[0].texts[0]
    fills = [r.get("fill") for r in root.find(f".//{SVG}g[@class='bars']")]
    assert fills[0] == svg.SERIES and set(fills[1:]) == {svg.OTHER_BAR}


def indicator_comparison(sample) -> BarChart:
    from scrutinyreport.content.charts import comparison_chart
    item = sample["analysis"].indicator("reablement_no_ongoing")
    return comparison_chart(item.indicator, item.benchmark, "Fenmoor City Council", EN)


def test_the_palette_is_the_pictures_palette():
    from scrutinyreport.figures import style
    assert (svg.SERIES, svg.TARGET, svg.EARLIER, svg.OTHER_BAR, svg.COMMON, svg.LIMITS, svg.GRID, svg.TEXT,
            svg.SECONDARY_TEXT) == (style.SERIES, style.TARGET, style.EARLIER, style.LIGHT_GREY, style.COMMON,
                                    style.DARK_GREY, style.GRID, style.TEXT, style.SECONDARY_TEXT)
    assert {meaning: colour for meaning, colour in svg.POINT_COLOURS.items()} == {
        Meaning.COMMON: style.COMMON, Meaning.IMPROVEMENT: style.IMPROVEMENT, Meaning.CONCERN: style.CONCERN,
        Meaning.NEITHER: style.NEITHER}


words = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
numbers = st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False))


@settings(max_examples=40, deadline=None)
@given(label=words, values=st.lists(numbers, max_size=30), spc=st.booleans(), target=numbers)
def test_any_line_chart_is_well_formed_and_its_csv_safe(label, values, spc, target):
    stages = (Stage(0, len(values), 1.0, 2.0, 0.0, label, label, label),) if spc and values else ()
    chart = line_chart(values, stages=stages, target=target, spc=spc, texts=tuple(label for _ in values))
    root = ET.fromstring(svg.chart_svg(chart))
    assert root.find(f"{SVG}title").text == chart.alt_text
    for row in list(csv.reader(io.StringIO(figures_csv([chart]).decode("utf-8-sig"))))[1:]:
        for i in (0, 1, 2, 4, 5):   # a formula character starts only a plain printed figure such as -0.5
            assert not row[i].startswith(("=", "+", "-", "@", "\t", "\r")) or re.fullmatch(r"-[\d.,£%]+", row[i])


@settings(max_examples=40, deadline=None)
@given(labels=st.lists(words, min_size=1, max_size=8), values=st.lists(numbers, min_size=1, max_size=8),
       reference=st.one_of(st.none(), st.floats(0, 10)))
def test_any_bar_chart_is_well_formed(labels, values, reference):
    bars = tuple(Bar(label, (value,), (label,), highlight=i == 0, heading=i == 3)
                 for i, (label, value) in enumerate(zip(labels, values)))
    chart = BarChart("b", BarKind.MEASURE, "t", "s", "a", "d", ("",), bars, Unit.COUNT, 0, EN,
                     None if reference is None else Reference(reference, "ref"))
    ET.fromstring(svg.chart_svg(chart))
    html, _ = render_page(document((blocks.FigureBlock(blocks.Picture(chart, 16.0), 1, "c"),)))
    assert "<script" not in html


# ------------------------------------------------------------------------------------------------ the page

HOSTILE = "<script>alert(1)</script>"


def document(body, title="Title", **fields) -> blocks.Document:
    properties = blocks.Properties(title=title, subject="", author="", keywords="", date=Period(2026, 11).first_day,
                                   language="en-GB")
    return blocks.Document({"title": title, **fields}, properties, tuple(body))


def hostile() -> blocks.Document:
    return document(
        (blocks.Heading(f"Heading {HOSTILE}", 1),
         blocks.Markdown(f"# Md heading\n\n{HOSTILE}\n\n<img src=x onerror=alert(1)>\n\n"
                         "[bad](javascript:alert(1)) [good](https://example.org/a?b=1&c=2)\n\n"
                         "![picture](https://example.org/p.png)\n\n### Skipped level"),
         blocks.Paragraph((blocks.Run(HOSTILE, bold=True),)),
         blocks.Heading("Deep", 3), blocks.Heading("Back up", 1),
         blocks.Table((blocks.Column(f"Col {HOSTILE}"), blocks.Column("B", align="right")),
                      ((blocks.Cell(f"<b>{HOSTILE}</b>"), blocks.Cell("1", shade=blocks.Shade.RED)),),
                      caption=f"Caption {HOSTILE}"),
         blocks.FigureBlock(blocks.Picture(line_chart([1.0, 2.0], name=f"x{HOSTILE}"), 16.0), 1, HOSTILE)),
        title=f"Title {HOSTILE}", council=f"Council {HOSTILE}", subtitle='Sub "quoted" & <b>bold</b>')


def test_everything_is_escaped_and_nothing_is_loaded():
    html, _ = render_page(hostile(), csv_name='figures "x".csv')
    tags = parse(html).tags
    assert not [t for t, _ in tags if t in ("script", "img", "iframe", "object", "embed", "link")]
    assert not [a for _, a in tags for name in a if name.startswith("on")]
    hrefs = [a["href"] for t, a in tags if t == "a"]
    assert not [h for h in hrefs if "javascript" in h.lower()]
    assert "https://example.org/a?b=1&amp;c=2" in hrefs or "https://example.org/a?b=1&c=2" in hrefs
    assert not [a for _, a in tags if "src" in a]
    assert "url(" not in html and "@import" not in html and "&lt;script&gt;" in html
    assert 'href="figures%20%22x%22.csv"' in html
    assert '<td class="num shade-red">1</td>' in html


def test_one_h1_and_headings_in_order():
    html, _ = render_page(hostile())
    levels = [int(t[1]) for t, _ in parse(html).tags if re.fullmatch(r"h[1-6]", t)]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels


def test_the_styles_are_the_only_thing_the_policy_allows():
    html, _ = render_page(hostile())
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert policy == f"default-src 'none'; style-src '{style_hash()}'; base-uri 'none'; form-action 'none'"
    assert html.count("<style>") == 1 and f"<style>{CSS}</style>" in html
    assert ' style="' not in html                                              # inline styles would be refused


def test_two_charts_with_one_name_are_refused():
    chart = line_chart([1.0, 2.0])
    with pytest.raises(ValueError, match="share the id"):
        render_page(document((blocks.FigureBlock(blocks.Picture(chart, 16.0), 1, "a"),
                              blocks.FigureBlock(blocks.Picture(chart, 16.0), 2, "b"))))


def test_the_sample_page_has_its_parts_tables_and_figures(sample):
    html, content = sample["html"], sample["content"]
    assert html == build_local_account_page(content)[0].decode("utf-8")       # the same content, the same bytes
    assert '<html lang="en-GB">' in html and '<a class="skip-link" href="#main-content">' in html
    found = parse(html)
    headings = [h.text for h in content.body if isinstance(h, blocks.Heading)]
    for heading in headings:
        assert f">{heading.replace('&', '&amp;')}</h" in html.replace("\u2019", "'") or heading in html, heading
    tables = [t for t in content.body if isinstance(t, blocks.Table)]
    figures = content.pictures
    assert len(found.tables) == len(tables) + len(figures)                     # each chart's data table beside it
    for table in found.tables:
        assert table["caption"].strip()
    assert html.count('<th scope="col"') >= 2 * len(found.tables)
    assert html.count("<figure ") == len(figures) and html.count("<details>") == len(figures)
    assert f'href="{FIGURES}"' in html


def test_every_figure_in_the_word_tables_is_in_the_page(sample):
    """Table by table, row by row, cell by cell (a cell's notes too), the Word copy's text is the page's."""
    word = docx.Document(io.BytesIO(local_account_docx(sample["analysis"])))
    page = [t["rows"] for t in parse(sample["html"]).tables]
    word_tables = [[[squeeze(cell.text) for cell in row.cells] for row in table.rows] for table in word.tables]
    assert word_tables
    page_tables = [[[squeeze(cell) for cell in row] for row in rows] for rows in page]
    for table in word_tables:
        assert table in page_tables, table[0]


def test_the_figures_csv_has_every_charted_figure_and_is_spreadsheet_safe(sample):
    text = sample["csv"].decode("utf-8")
    assert text.startswith("\ufeff") and "\r\n" in text
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0] == ["Chart", "Category or period", "Series", "Value", "Text", "Note"]
    charts = [p.figure for p in sample["content"].pictures]
    assert len(rows) - 1 == sum(len(chart_records(c)) for c in charts)
    assert ["People supported by age group", "Aged 18 to 64", "2025/26", "760", "760", ""] in rows
    assert any(r[0] == "What we spent" and r[4] == "£56.6m" for r in rows)
    risky = BarChart("r", BarKind.MEASURE, "=SUM(A1)", "", "a", "d", ("",), (Bar("+x", (-1.0,), ("-1",)),),
                     Unit.COUNT, 0, EN)
    row = list(csv.reader(io.StringIO(figures_csv([risky]).decode("utf-8-sig"))))[1]
    assert row[:3] == ["'=SUM(A1)", "'+x", "Figure"] and row[3] == "-1"
    assert row[4] == "-1"   # a plain printed figure is no formula, so it is left as printed


def test_small_numbers_are_protected_on_the_page_as_in_the_word_copy(tmp_path):
    analysis = analyse(load_inputs(small_numbers_inputs(tmp_path / "in", "none")))
    html, data = build_local_account_page(local_account(analysis, planned(analysis, ("local-account-",)), EN))
    text = html.decode("utf-8")
    assert "fewer than 5" in text and "withheld" in text
    assert "75.0%" not in text and "75%" not in text                           # 3 of 4 people: withheld
    rows = {tuple(r[:2]) for r in csv.reader(io.StringIO(data.decode("utf-8-sig")))}
    assert ("People supported by their main support need", "Sensory support") in rows
    sensory = [r for r in csv.reader(io.StringIO(data.decode("utf-8-sig"))) if r[1] == "Sensory support"]
    assert [r[4] for r in sensory] == ["fewer than 5", "8"] and sensory[0][3] == ""


def test_generate_writes_the_page_and_its_figures_beside_the_word_copy(tmp_path):
    from scrutinyreport.pack.generate import BuildOptions, generate
    result = generate(BuildOptions(inputs=small_numbers_inputs(tmp_path / "in", "5"), out=tmp_path / "out",
                                     processes=1))
    manifest = json.loads((result.folder / "manifest.json").read_text(encoding="utf-8"))
    entries = {o["path"]: o for o in manifest["outputs"]}
    assert entries["local-account.html"]["kind"] == "page"
    assert entries["local-account-figures.csv"]["kind"] == "data"
    page = (result.folder / "local-account.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and f'href="{FIGURES}"' in page
    assert (result.folder / FIGURES).read_bytes().startswith(b"\xef\xbb\xbf")
