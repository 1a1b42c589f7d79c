"""Native Word charts: every chart kind written as a DrawingML chart part with its workbook, valid for Word
(openxml-audit, and ECMA-376's chart schema where it is at hand), the same bytes for the same spec, placed
in the pack's documents with alt text and data, and drawn with its colours by LibreOffice."""

from __future__ import annotations

import io
import posixpath
import re
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from lxml import etree
from PIL import Image

from helpers.documents import EN, planned
from helpers.rendering import CHART_SCHEMA, chart_schema_errors, convert_to_pdf, validate_ooxml
from scrutinyreport.analysis import analyse
from scrutinyreport.content.alt_text import unit_phrase
from scrutinyreport.content.charts import (
    NOT_JUDGED,
    Bar,
    BarChart,
    BarKind,
    Icon,
    LineChart,
    Meaning,
    Reference,
    indicator_chart,
    measure_chart,
)
from scrutinyreport.errors import Reason
from scrutinyreport.figures import palette
from scrutinyreport.figures.drawingml import native_chart
from scrutinyreport.figures.icon_files import draw_all, icon_picture
from scrutinyreport.formatting import Printer
from scrutinyreport.loading import load_inputs, validate_inputs
from scrutinyreport.model import Unit
from scrutinyreport.pack.build import build_pack as build_in_memory
from scrutinyreport.pack.generate import BuildOptions, generate

ROOT = Path(__file__).resolve().parents[2]
NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}
DASHBOARD = "appendix-2-performance-dashboard.docx"
SUMMARY = "appendix-1-self-assessment-summary.docx"
ACCOUNT = "local-account.docx"


@pytest.fixture(scope="module")
def sample():
    return analyse(load_inputs(ROOT / "inputs"))


@pytest.fixture(scope="module")
def charts(sample) -> dict[str, LineChart | BarChart]:
    return {name: figure for name, figure in planned(sample).items() if not isinstance(figure, Icon)}


def tree(chart: LineChart | BarChart) -> etree._Element:
    return etree.fromstring(native_chart(chart).chart_xml)


def name_of(ser: etree._Element) -> str:
    """The series' name as the legend shows it (the cached header cell, or its own words)."""
    return ser.findtext("c:tx/c:strRef/c:strCache/c:pt/c:v", namespaces=NS) or ser.findtext("c:tx/c:v",
                                                                                            namespaces=NS)


def cached(ser: etree._Element) -> list[float | None]:
    count = int(ser.find("c:val/c:numRef/c:numCache/c:ptCount", NS).get("val"))
    values: list[float | None] = [None] * count
    for point in ser.findall("c:val/c:numRef/c:numCache/c:pt", NS):
        values[int(point.get("idx"))] = float(point.findtext("c:v", namespaces=NS))
    return values


def by_name(root: etree._Element) -> dict[str, etree._Element]:
    return {name_of(ser): ser for ser in root.iter(f"{{{NS['c']}}}ser")}


def of_kind(charts, kind: str) -> list:
    return [c for c in charts.values() if (isinstance(c, LineChart) and kind == ("spc" if c.spc else "trend"))
            or (isinstance(c, BarChart) and c.kind.value == kind)]


# ------------------------------------------------------------------------------------------ the chart part

def test_the_sample_has_every_kind_of_chart(charts):
    for kind in ("spc", "trend", "comparison", "breakdown", "scores"):
        assert of_kind(charts, kind), kind


def test_every_chart_part_is_valid_and_the_same_bytes_for_the_same_spec(charts, sample):
    again = {n: f for n, f in planned(sample).items() if n in charts}   # equal specs built afresh
    for name, chart in charts.items():
        first, second = native_chart(chart), native_chart(again[name])
        assert first.chart_xml == second.chart_xml and first.workbook == second.workbook, name
        assert chart_schema_errors(first.chart_xml) == [], name
        xml = first.chart_xml.decode()
        assert "schemeClr" not in xml and "srgbClr" in xml, name        # explicit colours only
        sizes = {int(s) for s in re.findall(r' sz="(\d+)"', xml)}
        assert sizes == {800, 1000}, name                                 # 8 pt text, a 10 pt title
        root = etree.fromstring(first.chart_xml)
        assert "".join(root.find("c:chart/c:title", NS).itertext()) == chart.title   # the title, no subtitle
        assert root.find("c:externalData", NS).get(f"{{{NS['r']}}}id") == "rId1"


def test_the_chart_schema_is_checked_where_it_is_at_hand(charts):
    """Where ECMA-376's schema sits beside the repository, a part out of the schema's order fails it (the two
    faults Word repairs or refuses: a second c:marker, and a c:dPt after c:dLbls)."""
    if not CHART_SCHEMA.is_file():
        assert chart_schema_errors(b"<not-a-chart/>") == []   # nothing to check against here: openxml-audit is
        return                                                # the check everywhere (test_openxml_audit_...)
    spc = native_chart(of_kind(charts, "spc")[0]).chart_xml
    doubled = re.sub(rb"(<c:marker>.*?</c:marker>)", rb"\1\1", spc, count=1)
    assert chart_schema_errors(doubled)
    bars = native_chart(of_kind(charts, "comparison")[0]).chart_xml
    moved = re.sub(rb"(<c:dPt>.*?</c:dPt>)(<c:dLbls>.*?</c:dLbls>)", rb"\2\1", bars, count=1, flags=re.S)
    assert moved != bars and chart_schema_errors(moved)


def test_spc_mean_and_limits_are_series_of_their_own_broken_at_the_rebase(charts):
    chart = next(c for c in of_kind(charts, "spc") if c.rebased)
    root = tree(chart)
    series = by_name(root)
    first, second = chart.stages[:2]
    count = len(chart.values)
    mean1 = cached(series["Mean"])
    mean2 = cached(series["Mean (stage 2)"])
    assert mean1[:first.stop] == pytest.approx([first.mean] * first.stop, rel=1e-14)
    assert set(mean1[first.stop:]) == {None} and set(mean2[:second.start]) == {None}
    assert mean2[second.start:second.stop] == pytest.approx([second.mean] * (min(second.stop, count) - second.start),
                                                            rel=1e-14)
    assert cached(series["Process limits"])[0] == pytest.approx(first.upper, rel=1e-14)   # one legend entry
    assert cached(series["Lower process limit (stage 2)"])[second.start] == pytest.approx(second.lower, rel=1e-14)
    assert cached(series[f"Target {chart.target_text}"]) == [chart.target] * count
    legend = root.find(".//c:legend", NS)
    deleted = {int(e.find("c:idx", NS).get("val")) for e in legend.findall("c:legendEntry", NS)}
    names = [name_of(s) for s in root.iter(f"{{{NS['c']}}}ser")]
    shown = [n for i, n in enumerate(names) if i not in deleted]
    assert shown[:3] == ["Mean", "Process limits", f"Target {chart.target_text}"]
    assert legend.find("c:legendPos", NS).get("val") == "b"
    dash = {n: s.find("c:spPr/a:ln/a:prstDash", NS) for n, s in series.items()}
    assert dash["Mean"] is None and dash["Process limits"].get("val") == "sysDot"
    assert dash[f"Target {chart.target_text}"].get("val") == "dash"


def test_special_cause_points_are_marker_only_series_in_their_meanings_colours(sample):
    """Every indicator's SPC chart, not only those the dashboard draws: the sample's have points of all four
    meanings (the cost of care's earlier stages, safeguarding concerns' July 2025, days to discharge)."""
    colours = {Meaning.COMMON: palette.COMMON, Meaning.IMPROVEMENT: palette.IMPROVEMENT,
               Meaning.CONCERN: palette.CONCERN, Meaning.NEITHER: palette.NEITHER}
    seen = set()
    every = [indicator_chart(item, Printer.for_locale("en_GB")) for item in sample.indicators if item.spc_result]
    for chart in every:
        series = by_name(tree(chart))
        for meaning in Meaning:
            positions = [i for i, (v, m) in enumerate(zip(chart.values, chart.meanings))
                         if v is not None and m is meaning]
            name = meaning.legend if chart.stages else NOT_JUDGED
            if not positions:
                assert name not in series
                continue
            seen.add(meaning)
            ser = series[name]
            assert ser.find("c:spPr/a:ln/a:noFill", NS) is not None           # no line: markers only
            assert len(ser.findall("c:marker", NS)) == 1 and not ser.findall("c:dPt", NS)
            assert ser.find("c:marker/c:spPr/a:ln/a:solidFill/a:srgbClr", NS).get("val") == colours[meaning][1:]
            assert [i for i, v in enumerate(cached(ser)) if v is not None] == positions
    assert seen == set(Meaning)


def test_a_trend_line_breaks_at_gaps_and_each_april_of_a_year_to_date_series(charts):
    sample = of_kind(charts, "trend")[0]
    unit = unit_phrase(sample.unit)
    parts = [cached(s) for n, s in by_name(tree(sample)).items() if n.startswith(unit)]
    assert len(parts) == (2 if sample.restarts else 1)        # a year-to-date line: each April a new part
    assert [next((p[i] for p in parts if p[i] is not None), None) for i in range(len(sample.values))] == \
        list(sample.values)
    chart = replace(sample, restarts=())
    line = by_name(tree(chart))[unit]
    assert cached(line) == list(chart.values)
    label = line.find("c:dLbls/c:dLbl", NS)          # the latest value, as printed
    assert int(label.find("c:idx", NS).get("val")) == chart.latest
    assert "".join(label.find("c:tx", NS).itertext()) == chart.texts[chart.latest]
    gapped = replace(chart, values=(None, *chart.values[1:3], None, *chart.values[4:]), restarts=(2,))
    lines = [s for n, s in by_name(tree(gapped)).items() if n.startswith(unit)]
    assert [name_of(s) for s in lines] == [unit, f"{unit} (part 2)"]
    first, second = cached(lines[0]), cached(lines[1])
    assert first[:3] == [None, gapped.values[1], None] and second[2] == gapped.values[2]   # broken at the restart
    assert first[3] is None and second[3] is None                                          # and at the gap


def test_comparison_bars_highlight_the_council_and_name_a_missing_value(charts):
    chart = of_kind(charts, "comparison")[0]
    missing = replace(chart, bars=(*chart.bars[:3], replace(chart.bars[3], values=(None,), texts=("No data",))))
    (ser,) = tree(missing).iter(f"{{{NS['c']}}}ser")
    assert ser.find("c:spPr/a:solidFill/a:srgbClr", NS).get("val") == palette.HIGHLIGHT[1:]
    fills = {int(p.find("c:idx", NS).get("val")): p.find("c:spPr/a:solidFill/a:srgbClr", NS).get("val")
             for p in ser.findall("c:dPt", NS)}
    assert fills == {1: palette.LIGHT_GREY[1:], 2: palette.LIGHT_GREY[1:]}
    labels = {int(d.find("c:idx", NS).get("val")): "".join(d.find("c:tx", NS).itertext())
              for d in ser.findall("c:dLbls/c:dLbl", NS)}
    assert labels == {i: bar.texts[0] for i, bar in enumerate(missing.bars[:3])}
    categories = [p.findtext("c:v", namespaces=NS) for p in ser.findall("c:cat/c:strRef/c:strCache/c:pt", NS)]
    assert categories[3] == "Comparator average (No data)"
    assert cached(ser)[3] is None                                     # never drawn as zero


def test_breakdowns_show_two_years_in_their_colours(charts):
    chart = of_kind(charts, "breakdown")[0]
    series = list(tree(chart).iter(f"{{{NS['c']}}}ser"))
    assert [name_of(s) for s in series] == list(chart.series)
    assert [s.find("c:spPr/a:solidFill/a:srgbClr", NS).get("val") for s in series] == \
        [palette.EARLIER[1:], palette.HIGHLIGHT[1:]]
    assert [cached(s) for s in series] == [[bar.values[j] for bar in chart.bars] for j in range(2)]


def test_scores_keep_their_themes_as_rows_without_bars(charts):
    chart = of_kind(charts, "scores")[0]
    (ser,) = tree(chart).iter(f"{{{NS['c']}}}ser")
    categories = [p.findtext("c:v", namespaces=NS) for p in ser.findall("c:cat/c:strRef/c:strCache/c:pt", NS)]
    for bar, value, category in zip(chart.bars, cached(ser), categories):
        assert (value is None) == bar.heading
        assert category == (bar.label.upper() if bar.heading else bar.label)


def test_a_regions_measure_with_its_median_as_a_last_outlined_row():
    bars = [Bar("Fenmoor", (61.0,), ("61.0%",)), Bar("Ashby", (None,), ("No data",)), Bar("Cole", (55.5,), ("55.5%",))]
    chart = measure_chart("Reviews on time", "2025/26.", bars, Reference(58.2, "Region's median 58.2%"), "Alt.",
                          "Description.", Unit.PERCENT, 1, EN, name="measure-x")
    (ser,) = tree(chart).iter(f"{{{NS['c']}}}ser")
    assert cached(ser) == [61.0, None, 55.5, 58.2]
    (outlined,) = ser.findall("c:dPt", NS)
    assert outlined.find("c:idx", NS).get("val") == "3" and outlined.find("c:spPr/a:noFill", NS) is not None
    assert outlined.find("c:spPr/a:ln/a:prstDash", NS).get("val") == "dash"
    assert chart_schema_errors(native_chart(chart).chart_xml) == []


def test_more_than_two_bar_series_are_refused(charts):
    chart = of_kind(charts, "breakdown")[0]
    with pytest.raises(ValueError, match="at most two series"):
        native_chart(replace(chart, series=("a", "b", "c")))


def test_the_workbook_holds_exactly_the_plotted_values(charts):
    for name, chart in charts.items():
        drawn = native_chart(chart)
        sheet = openpyxl.load_workbook(io.BytesIO(drawn.workbook)).active
        root = etree.fromstring(drawn.chart_xml)
        series = list(root.iter(f"{{{NS['c']}}}ser"))
        assert sheet.max_column == len(series) + 1 and sheet.max_row == len(cached(series[0])) + 1, name
        for ser in series:
            formula = ser.findtext("c:val/c:numRef/c:f", namespaces=NS)
            column = re.match(r"Sheet1!\$([A-Z]+)\$2:\$[A-Z]+\$\d+$", formula).group(1)
            values = [sheet[f"{column}{row}"].value for row in range(2, sheet.max_row + 1)]
            assert [None if v is None else float(v) for v in values] == cached(ser), (name, formula)
        categories = [sheet[f"A{row}"].value for row in range(2, sheet.max_row + 1)]
        assert categories == [p.findtext("c:v", namespaces=NS)
                              for p in series[0].findall("c:cat/c:strRef/c:strCache/c:pt", NS)], name
        with zipfile.ZipFile(io.BytesIO(drawn.workbook)) as book:    # fixed dates: the same bytes every run
            assert {info.date_time for info in book.infolist()} == {(2000, 1, 1, 0, 0, 0)}


def test_the_palette_is_the_pictures_palette():
    from scrutinyreport.figures import style
    for name in ("SERIES", "TARGET", "HIGHLIGHT", "EARLIER", "IMPROVEMENT", "CONCERN", "NEITHER", "COMMON",
                 "DARK_GREY", "MID_GREY", "LIGHT_GREY", "GRID", "TEXT", "SECONDARY_TEXT", "WHITE"):
        assert getattr(palette, name) == getattr(style, name), name


def test_the_shipped_icons_are_the_drawn_ones(tmp_path):
    """The ten icon pictures ship with the package; drawing them again gives the same bytes."""
    from scrutinyreport.content.figure_plan import key_icons
    written = draw_all(tmp_path)
    assert len(written) == 10
    for icon, path in zip(key_icons(), written):
        assert icon_picture(icon).png == path.read_bytes(), path.name


# ------------------------------------------------------------------------------------------ the pack

@pytest.fixture(scope="module")
def packs(sample_pack, sample_pack_pictures):
    """The sample pack built natively (the default) and with charts as pictures (the session's, read only)."""
    return sample_pack.folder, sample_pack_pictures.folder


def drawings(docx: Path) -> list[etree._Element]:
    with zipfile.ZipFile(docx) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    return list(body.iter(f"{{{NS['wp']}}}inline"))


def test_the_sample_documents_carry_native_charts_with_alt_text_and_data(packs, charts):
    native, _ = packs
    placed = {}
    for name in (DASHBOARD, SUMMARY, ACCOUNT):
        docx = native / name
        validate_ooxml(docx)
        with zipfile.ZipFile(docx) as package:
            rels = etree.fromstring(package.read("word/_rels/document.xml.rels"))
            targets = {r.get("Id"): r.get("Target") for r in rels}
            ids = []
            for inline in drawings(docx):
                doc_pr = inline.find("wp:docPr", NS)
                ids.append(doc_pr.get("id"))
                chart = inline.find("a:graphic/a:graphicData/c:chart", NS)
                if chart is None:
                    assert doc_pr.get("name").startswith(("icon-", "key-")), doc_pr.get("name")   # icons only
                    continue
                spec = charts[doc_pr.get("name")]
                assert doc_pr.get("descr") == spec.alt_text and doc_pr.get("title") == spec.title
                part = "word/" + targets[chart.get(f"{{{NS['r']}}}id")]
                book_rels = etree.fromstring(package.read(part.replace("charts/", "charts/_rels/") + ".rels"))
                workbook = package.read(posixpath.normpath("word/charts/" + book_rels[0].get("Target")))
                placed[spec.name] = (package.read(part), workbook)
            assert len(set(ids)) == len(ids), name
    assert set(placed) == set(charts)     # every chart of the pack, native, in one document or another
    # a chart's workbook, opened from the document, holds the values it plots
    spc = next(c for c in of_kind(charts, "spc") if c.stages)
    xml, workbook = placed[spc.name]
    sheet = openpyxl.load_workbook(io.BytesIO(workbook)).active
    header = [cell.value for cell in sheet[1]]
    column = header.index(unit_phrase(spc.unit)) + 1
    assert [sheet.cell(row=r, column=column).value for r in range(2, len(spc.values) + 2)] == list(spc.values)
    assert [sheet.cell(row=r, column=1).value for r in range(2, len(spc.values) + 2)] == \
        [spc.point_label(i) for i in range(len(spc.values))]
    assert xml == native_chart(spc).chart_xml


def test_native_figures_folder_holds_the_icons_only_and_pictures_every_figure(packs, charts):
    native, picture = packs
    native_pngs = {p.stem for p in (native / "figures").glob("*.png")}
    picture_pngs = {p.stem for p in (picture / "figures").glob("*.png")}
    assert native_pngs and all(n.startswith(("icon-", "key-")) for n in native_pngs)
    assert picture_pngs == native_pngs | set(charts)
    for name in (DASHBOARD, SUMMARY, ACCOUNT):
        with zipfile.ZipFile(picture / name) as package:
            assert not [n for n in package.namelist() if n.startswith(("word/charts/", "word/embeddings/"))]
        assert all(i.find("a:graphic/a:graphicData/c:chart", NS) is None for i in drawings(picture / name))


def test_the_same_inputs_give_the_same_native_documents(packs):
    native, _ = packs
    again = build_in_memory(load_inputs(ROOT / "inputs"))
    for name, data in again.documents.items():
        assert data == (native / name).read_bytes(), name


def test_openxml_audit_finds_a_chart_part_out_of_order(packs, tmp_path):
    """The validator CI relies on checks chart parts: the faults Word repairs or refuses are found."""
    source = packs[0] / ACCOUNT
    with zipfile.ZipFile(source) as package:
        parts = {n: package.read(n) for n in package.namelist()}
    chart = next(n for n in sorted(parts) if n.startswith("word/charts/chart"))
    broken = tmp_path / "broken.docx"
    xml = parts[chart]
    moved = re.sub(rb"(<c:dLbls>.*?</c:dLbls>)(<c:cat>.*?</c:cat>)", rb"\2\1", xml, count=1, flags=re.S)
    doubled = re.sub(rb"(<c:barDir val=\"bar\"/>)", rb"\1\1", xml, count=1)
    for changed in (moved, doubled):
        assert changed != xml
        with zipfile.ZipFile(broken, "w") as target:
            for name, data in parts.items():
                target.writestr(name, changed if name == chart else data)
        with pytest.raises(AssertionError, match="not valid OOXML"):
            validate_ooxml(broken)


def test_a_native_pack_never_imports_matplotlib(tmp_path):
    script = ("import sys; from scrutinyreport.cli import main; "
              f"code = main(['generate', '--inputs', {str(ROOT / 'inputs')!r}, '--out', {str(tmp_path)!r}, "
              "'--quiet']); assert code == 0; "
              "print(sorted(m for m in ('matplotlib', 'pandas', 'scipy') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# ------------------------------------------------------------------------------------------ settings

def sample_copy(tmp: Path, extra: str) -> Path:
    import shutil
    inputs = tmp / "inputs"
    shutil.copytree(ROOT / "inputs", inputs)
    with (inputs / "pack.yaml").open("a", encoding="utf-8") as handle:
        handle.write(extra)
    return inputs


def test_charts_picture_in_pack_yaml_and_the_options_that_override_it(tmp_path):
    inputs = sample_copy(tmp_path, "charts: picture\n")
    pack = load_inputs(inputs)
    assert pack.settings.charts == "picture"
    assert "figures/spc-reviews_overdue.png" in build_in_memory(pack).files
    assert "figures/spc-reviews_overdue.png" not in build_in_memory(pack, charts="native").files
    result = generate(BuildOptions(inputs=inputs, out=tmp_path / "out", charts="native"))
    assert not (result.folder / "figures" / "spc-reviews_overdue.png").exists()
    with pytest.raises(ValueError, match="charts must be one of native, picture"):
        build_in_memory(pack, charts="svg")


def test_an_unknown_charts_value_is_refused_with_its_reason(tmp_path):
    result = validate_inputs(sample_copy(tmp_path, "charts: pictures\n"))
    (error,) = [e for e in result.problems.errors if e.column == "charts"]
    assert error.reason is Reason.NOT_A_CHOICE and "native" in error.message and error.line is not None


def test_generate_takes_charts_on_the_command_line(tmp_path):
    from scrutinyreport.cli import main
    assert main(["generate", "--inputs", str(ROOT / "inputs"), "--out", str(tmp_path), "--charts", "picture",
                 "--quiet"]) == 0
    assert list(tmp_path.glob("*/figures/spc-*.png"))
    with pytest.raises(SystemExit):
        main(["generate", "--charts", "svg"])


# ------------------------------------------------------------------------------------------ LibreOffice

@pytest.fixture(scope="module")
def rendered(packs, tmp_path_factory, soffice_profile):
    """The native dashboard, self-assessment summary and Local Account as LibreOffice prints them: each
    page's text and a 70 dpi image of it."""
    out = tmp_path_factory.mktemp("native-pdf")
    names = (DASHBOARD, SUMMARY, ACCOUNT)
    pdfs = convert_to_pdf([packs[0] / n for n in names], out, soffice_profile)
    pages = {}
    for name, pdf in zip(names, pdfs):
        subprocess.run(["pdftoppm", "-png", "-r", "70", str(pdf), str(out / Path(name).stem)], check=True)
        # reading order, not -layout: two charts side by side would interleave their lines
        texts = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True,
                               timeout=120).stdout.split("\f")
        images = sorted(out.glob(f"{Path(name).stem}-*.png"))
        pages[name] = [(" ".join(t.split()), image) for t, image in zip(texts, images)]
    return pages


def colour_count(image: Path, colour: str, tolerance: int = 12) -> int:
    target = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
    data = Image.open(image).convert("RGB").tobytes()
    return sum(1 for p in zip(data[0::3], data[1::3], data[2::3])
               if max(abs(a - b) for a, b in zip(p, target)) <= tolerance)


def expected_colours(chart: LineChart | BarChart) -> list[str]:
    if isinstance(chart, LineChart):
        colours = [palette.TARGET] if chart.target is not None else []
        if not chart.spc:
            return colours + [palette.SERIES]
        meanings = {m for v, m in zip(chart.values, chart.meanings) if v is not None}
        return colours + [{Meaning.COMMON: palette.COMMON, Meaning.IMPROVEMENT:
                                                  palette.IMPROVEMENT, Meaning.CONCERN: palette.CONCERN,
                                                  Meaning.NEITHER: palette.NEITHER}[m] for m in meanings]
    if chart.kind is BarKind.BREAKDOWN:
        return [palette.EARLIER, palette.HIGHLIGHT]
    if chart.kind is BarKind.COMPARISON:
        return [palette.HIGHLIGHT, palette.LIGHT_GREY]
    return [palette.HIGHLIGHT]


def test_libreoffice_draws_every_chart_with_its_title_labels_and_colours(rendered, charts):
    assert len(rendered[DASHBOARD]) <= 10
    found = set()
    for pages in rendered.values():
        for text, image in pages:
            for chart in charts.values():
                if chart.title not in text or chart.name in found:
                    continue
                if isinstance(chart, LineChart):       # the value axis's title and the latest value's label (month
                    #                                        labels turned 45 degrees come out of the PDF as letters)
                    labels = [unit_phrase(chart.unit), chart.texts[chart.latest]]
                else:
                    labels = [bar.label.upper() if bar.heading else bar.label for bar in chart.bars]
                if not all(label in text for label in labels):
                    continue
                for colour in expected_colours(chart):
                    assert colour_count(image, colour) >= 8, (chart.name, colour, image.name)
                found.add(chart.name)
    assert found == set(charts), sorted(set(charts) - found)


def test_the_colour_check_can_fail(rendered, charts):
    """The Local Account's pages of bar charts have no target colour: the colours counted are the charts'
    (greys are left out everywhere, since anti-aliased black text makes every grey)."""
    titles = [c.title for c in of_kind(charts, "breakdown")]
    pages = [image for text, image in rendered[ACCOUNT] if any(title in text for title in titles)]
    assert pages
    for image in pages:
        assert colour_count(image, palette.TARGET) < 8, image.name
        assert colour_count(image, palette.EARLIER) >= 8 and colour_count(image, palette.HIGHLIGHT) >= 8
