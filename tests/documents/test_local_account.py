"""The Local Account: the sample's, and small fixtures with small numbers, built, written and read back as a
resident sees them (LibreOffice PDF text), with disclosure control checked by solving for hidden cells."""

from __future__ import annotations

import io
import json
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from helpers.disclosure import possible_values
from helpers.documents import EN, local_account_docx, summary_docx
from helpers.inputs_factory import small_numbers_inputs
from helpers.rendering import convert_to_pdf, pdf_text, validate_ooxml
from scrutinyreport.analysis import analyse
from scrutinyreport.analysis.benchmarks import compare_with_england
from scrutinyreport.content.regional_return import regional_return
from scrutinyreport.loading import load_inputs, validate_inputs
from scrutinyreport.word.accessibility import check_document_bytes

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "scrutinyreport" / "templates"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
PARTS = ("A message from Jo Rivers, Director of Adult Social Services", "Who we supported", "By age group",
         "By main support need", "What we spent and where the money came from", "What we spent",
         "Where the money came from", "How we are doing", "How we compare with other councils",
         "What we are proud of", "What we are working to improve", "About the figures", "Tell us what you think")


def build(pack) -> bytes:
    return local_account_docx(analyse(pack))


def raw_text(pdf: Path) -> str:
    """pdftotext in reading order (a table cell's lines stay together)."""
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def squashed(text: str) -> str:
    """Lower case, without spaces or hyphens: PDF text joins words that wrapped at a hyphen."""
    return re.sub(r"[\s\-\u2010\u2011]", "", text).lower()


def flat(text: str) -> str:
    return " ".join(text.split())


def tables(data: bytes) -> list[list[list[str]]]:
    document = docx.Document(io.BytesIO(data))
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, soffice_profile):
    """The sample's Local Account, two small-number fixtures' (exact and rounded to 5) and the exact fixture's
    committee appendix, written and converted with one LibreOffice start."""
    folder = tmp_path_factory.mktemp("local-account")
    sample = load_inputs(ROOT / "inputs")
    small = load_inputs(small_numbers_inputs(folder / "small", "none"))
    rounded = load_inputs(small_numbers_inputs(folder / "rounded", "5"))
    documents = {"sample": (sample, build(sample)), "small": (small, build(small)),
                 "rounded": (rounded, build(rounded)),
                 "appendix": (small, summary_docx(analyse(small), {}))}
    paths = []
    for name, (_, data) in documents.items():
        paths.append(folder / f"{name}.docx")
        paths[-1].write_bytes(data)
    pdfs = convert_to_pdf(paths, folder / "pdf", soffice_profile)
    return {name: {"pack": pack, "data": data, "path": path, "pdf": pdf, "text": pdf_text(pdf),
                   "raw": raw_text(pdf)}
            for (name, (pack, data)), path, pdf in zip(documents.items(), paths, pdfs)}


# ------------------------------------------------------------------------------------------------ the sample

def test_the_sample_has_every_part_in_order(rendered):
    document = docx.Document(io.BytesIO(rendered["sample"]["data"]))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert [h for h in headings if h in PARTS] == list(PARTS)
    text = flat(rendered["sample"]["text"])
    assert "Adult social care in Fenmoor 2025/26: our Local Account" in text
    for heading in PARTS:
        assert heading.upper() in text or heading in text, heading
    assert "Welcome to our Local Account for 2025/26." in text                  # the introduction's Markdown
    assert "We supported 2,320 people with long-term care and support in 2025/26, compared with 2,290" in text
    assert "We spent £78.2m on adult social care in 2025/26" in text
    assert "We also received £32.0m in 2025/26 from other sources" in text
    assert "Email: adultsocialcare@fenmoor.example.gov.uk" in text
    pack = rendered["sample"]["pack"]
    for item in pack.self_assessment.adass.proud_of + pack.self_assessment.adass.working_to_improve:
        assert item in text


def test_the_breakdown_tables_are_each_whole_on_one_page(rendered):
    """A short table (the people we supported by age group and by support need) is never split, with its
    total alone on the next page."""
    pages = [flat(page) for page in rendered["sample"]["raw"].split("\f")]
    for first in ("Aged 18 to 64", "Physical support"):   # the table's first row, then its total on that page
        page = next(page for page in pages if first in page)
        assert "Total" in page[page.index(first):], first


def test_the_sample_shows_every_benchmarked_measure_good_and_bad(rendered):
    pack = rendered["sample"]["pack"]
    raw = squashed(rendered["sample"]["raw"])
    latest = max(b.year for b in pack.benchmarks)
    benchmarked = [b for b in pack.benchmarks if b.year == latest]
    assert len(benchmarked) == 10
    for benchmark in benchmarked:
        indicator = pack.indicator(benchmark.indicator_id)
        assert squashed(indicator.title) in raw, indicator.title
        assert squashed(f"{benchmark.rank} of {benchmark.rank_of}") in raw
    worse = [b for b in benchmarked if compare_with_england(pack.indicator(b.indicator_id), b).comparison.value
             == "worse than"]
    assert {b.rank for b in worse} >= {131, 138}                                 # the weak ones are there too
    rows = [row for table in tables(rendered["sample"]["data"]) for row in table if row[0] != "Measure"]
    ranks = [int(row[3].split()[0]) for row in rows if len(row) == 4 and row[3].endswith("of 153")]
    assert len(ranks) == 10
    text = flat(rendered["sample"]["text"])
    # judged statistically (Wilson, Byar's, the published interval): the 65+ and 18-64 admission rates and the
    # quality of life score are similar to England, not better or worse
    assert "we do better than the England average on 1, about the same on 7 and worse on 2" in text


def test_the_key_measures_have_last_year_target_this_year_and_a_sentence(rendered):
    pack = rendered["sample"]["pack"]
    table = next(t for t in tables(rendered["sample"]["data"]) if t[0] == ["Measure", "Last year", "Target",
                                                                         "This year"])
    assert len(table) == 1 + len(pack.settings.local_account.indicators)
    first = table[1]
    assert first[0].startswith("Contacts resolved at first contact\nWhen people first get in touch")
    # the year's figure (60.5% over April 2025 to March 2026, a ratio of the months' counts: met), not March's
    # (59.5%); last year's counted from October 2024, when the sample's figures start, and saying so
    assert ("This year: April 2025 to March 2026. Last year: October 2024 to March 2025 (6 of 12 months). We met "
            "our target, and the figure was better than last year.\nOur aim for 2026/27: Keep helping") in first[0]
    assert first[1:] == ["60.0%", "60.0%", "60.5%"]                               # last year, target, this year
    assert all(re.search(r"\.$", row[0]) for row in table[1:])
    by_title = {row[0].split("\n")[0]: row for row in table[1:]}
    # the three: March alone said "did not meet"; the year met each target
    for title, this_year in (("Safeguarding enquiries where expressed outcomes were fully or partially met", "95.8%"),
                             ("Safeguarding enquiries where the risk was reduced or removed", "96.5%"),
                             ("Contacts resolved at first contact", "60.5%")):
        assert by_title[title][3] == this_year and "We met our target" in by_title[title][0]
    assert "April 2025 to March 2026, and \u201clast year\u201d the year before" in flat(rendered["sample"]["text"])


def test_no_committee_header_only_the_councils(rendered):
    text = rendered["sample"]["text"]
    pack = rendered["sample"]["pack"]
    assert pack.settings.committee not in flat(text)
    assert "Appendix" not in text
    assert flat(text).count("17 November 2026") == 1 and "Last updated: 17 November 2026" in flat(text)
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) >= 4
    for number, page in enumerate(pages, start=1):
        first = page.strip().splitlines()[0]
        assert first.startswith("Fenmoor City Council") and "our Local Account 2025/26" in first
        assert f"Page {number} of {len(pages)}" in page


def test_valid_accessible_and_every_chart_described_with_its_figures(rendered):
    for name in ("sample", "small", "rounded"):
        validate_ooxml(rendered[name]["path"])
        assert check_document_bytes(rendered[name]["data"], name) == []
    document = docx.Document(io.BytesIO(rendered["sample"]["data"]))
    assert document.core_properties.title == "Adult social care in Fenmoor 2025/26: our Local Account"
    assert document.core_properties.language == "en-GB"
    body = zipfile.ZipFile(io.BytesIO(rendered["sample"]["data"])).read("word/document.xml")
    from lxml import etree
    pictures = list(etree.fromstring(body).iter(f"{{{WP}}}docPr"))
    assert len(pictures) == 4
    alts = [p.get("descr") for p in pictures]
    assert all(alt.startswith("Bar chart of") for alt in alts)                  # bars, never pies
    assert "Total 2,320 in 2025/26, compared with 2,290 in 2024/25" in alts[0]    # as the table publishes it
    assert "£78.2m" in alts[2] and "£32.0m" in alts[3]


# ------------------------------------------------------------------------------------------------ small numbers

def people_table(data: bytes, label: str) -> list[list[str]]:
    return next(t for t in tables(data) if t[0][0] == label)


def test_a_group_of_3_is_fewer_than_5_and_the_total_cannot_reveal_it(rendered):
    table = people_table(rendered["small"]["data"], "Main support need")
    assert table[0] == ["Main support need", "2024/25", "2025/26"]
    by_need = {row[0]: row[1:] for row in table[1:]}
    assert by_need["Sensory support"] == ["fewer than 5", "8"]
    assert by_need["Total"] == ["185", "209"]
    earlier = [by_need[need][0] for need in ("Physical support", "Sensory support", "Learning disability support",
                                             "Mental health support")]
    assert earlier.count("withheld") == 1                                          # the secondary suppression
    # Solve as a reader would: the published total less the shown cells, the small cell 1 to 4, the withheld
    # one 5 or more. The hidden 3 could be any of 1 to 4.
    shown = sum(int(v) for v in earlier if v.isdigit())
    hidden = {"small": (1, 4), "withheld": (5, 185)}
    assert possible_values("small", hidden, [(["small", "withheld"], 185 - shown)]) == {1, 2, 3, 4}
    text = flat(rendered["small"]["text"])
    assert "Sensory support fewer than 5 8" in text                               # as LibreOffice lays it out
    assert "we do not publish a number of people smaller than 5" in text
    # the age table and the sentence give the same totals, so nothing is learnt from comparing them
    assert people_table(rendered["small"]["data"], "Age group")[-1] == ["Total", "185", "209"]


def test_rounding_to_5_applies_to_every_count_shown(rendered):
    data, text = rendered["rounded"]["data"], flat(rendered["rounded"]["text"])
    counts = []
    for label in ("Age group", "Main support need"):
        for row in people_table(data, label)[1:]:
            counts += [cell for cell in row[1:] if cell not in ("fewer than 5", "withheld")]
    sentence = re.search(r"We supported ([\d,]+) people .* compared with ([\d,]+) in", text)
    counts += list(sentence.groups())
    assert len(counts) >= 14
    assert all(int(c.replace(",", "")) % 5 == 0 for c in counts), counts
    exact = people_table(rendered["small"]["data"], "Age group")
    assert exact[1] == ["Aged 18 to 64", "57", "61"] and people_table(data, "Age group")[1] == ["Aged 18 to 64",
                                                                                               "55", "60"]
    assert "rounded to the nearest 5, so they may not add up to the totals shown" in text
    # every count in the rendered section, not only the tables
    section = text[text.index("WHO WE SUPPORTED"):text.index("WHAT WE SPENT AND")]
    section = re.sub(r"Aged \d+ (to \d+|and over)|Figure \d+|fewer than 5|Page \d+ of \d+", "",
                     section)   # labels, not counts
    numbers = [int(n.replace(",", "")) for n in re.findall(r"(?<![\d/])\d[\d,]*(?![\d/])", section)]
    assert numbers and all(n % 5 == 0 for n in numbers if n not in (2024, 2025, 2026, 25, 26)), numbers


def test_a_percentage_of_4_people_is_withheld_and_a_count_of_3_is_hidden(rendered):
    data = rendered["small"]["data"]
    measures = next(t for t in tables(data) if t[0][0] == "Measure" and t[0][1] == "Last year")
    rows = {row[0].split("\n")[0]: row[1:] for row in measures[1:]}
    # last year: March 2025 alone in the monthly files, so the year is the published figure, 3 of 4 people
    assert rows["People who did not need long-term support after reablement"] == ["withheld", "77.5%", "withheld"]
    assert rows["Safeguarding concerns received"] == ["12", "No target", "fewer than 5"]
    compared = {row[0]: row[1] for t in tables(data) if t[0] == ["Measure", "Our figure", "England", "Our rank"]
                for row in t[1:]}
    assert compared["People who did not need long-term support after reablement"] == "withheld"
    assert compared["People receiving direct payments"] == "26%"                  # 598 of 2,291: published
    text = flat(rendered["small"]["text"])
    assert "75.0%" not in text and "75%" not in text


def test_the_committee_appendix_still_shows_the_exact_figures(rendered):
    rows = [row for table in tables(rendered["appendix"]["data"]) for row in table]
    assert ["People who did not need long-term support after reablement (ASCOF 2D)", "75.0%", "77.5%", "Amber"] in \
        [r[:4] for r in rows]
    assert any(row[0] == "Safeguarding concerns received" and row[1] == "3" for row in rows)
    text = flat(rendered["appendix"]["text"])
    assert "75.0%" in text and "fewer than 5" not in text and "withheld" not in text


# ------------------------------------------------------------------------------------------------ inputs

def test_v1_files_load_as_before_and_the_new_columns_split_them(tmp_path):
    inputs = small_numbers_inputs(tmp_path / "in", "none")
    pack = load_inputs(inputs)
    assert len(pack.activity) == 8 and len(pack.activity_by_age) == 4
    assert len(pack.finance) == 4 and pack.income == ()
    (inputs / "finance.csv").write_text("year,category,amount,kind\n2025/26,Care packages,42000000,\n"
                                        "2025/26,Better Care Fund,8800000,Income\n", encoding="utf-8")
    pack = load_inputs(inputs)
    assert [a.category for a in pack.finance] == ["Care packages"]
    assert [a.category for a in pack.income] == ["Better Care Fund"]


def test_bad_breakdown_kind_and_disclosure_settings_name_file_line_and_column(tmp_path):
    inputs = small_numbers_inputs(tmp_path / "in", "7")
    (inputs / "activity.csv").write_text("year,client_group,people,breakdown\n2025/26,Physical support,131,ages\n",
                                         encoding="utf-8")
    (inputs / "finance.csv").write_text("year,category,amount,kind\n2025/26,Care packages,42000000,grant\n",
                                        encoding="utf-8")
    errors = [str(p) for p in validate_inputs(inputs).problems.errors]
    assert any("activity.csv, line 2, column 'breakdown': found 'ages'" in e and "support_need, age_group" in e
               for e in errors), errors
    assert any("finance.csv, line 2, column 'kind': found 'grant'" in e and "spend, income" in e for e in errors)
    assert any("pack.yaml" in e and "disclosure.rounding" in e and "expected 5, 10 or none" in e for e in errors)


def test_the_regional_return_is_protected_only_when_the_pack_asks(tmp_path):
    inputs = small_numbers_inputs(tmp_path / "in", "none")
    plain = regional_return(analyse(load_inputs(inputs)), EN)
    evidence = {e["indicator_id"]: e for t in plain["themes"] for s in t["statements"] for e in s["evidence"]}
    assert evidence["concerns"]["latest"] == {"value": 3.0, "text": "3"}
    text = (inputs / "pack.yaml").read_text(encoding="utf-8")
    (inputs / "pack.yaml").write_text(text + "  apply_to: [local_account, regional_return]\n", encoding="utf-8")
    protected = regional_return(analyse(load_inputs(inputs)), EN)
    evidence = {e["indicator_id"]: e for t in protected["themes"] for s in t["statements"] for e in s["evidence"]}
    assert evidence["concerns"]["latest"] == {"value": None, "text": "fewer than 5"}
    assert evidence["reablement"]["latest"] == {"value": None, "text": "withheld"}
    assert evidence["direct_payments"]["latest"] == {"value": 27.0, "text": "27%"}   # no denominator: published


def test_unknown_ids_in_local_account_are_errors_with_their_line(tmp_path):
    inputs = small_numbers_inputs(tmp_path / "in", "none")
    text = (inputs / "pack.yaml").read_text(encoding="utf-8")
    text = text.replace("  meanings:\n    reablement:",
                        "  indicators: [reablement, concern]\n  meanings:\n    reablment:")
    (inputs / "pack.yaml").write_text(text, encoding="utf-8")
    errors = [str(p) for p in validate_inputs(inputs).problems.errors]
    assert any("column 'local_account.indicators': found 'concern'" in e and "concerns" in e for e in errors), errors
    assert any("column 'local_account.meanings': found 'reablment'" in e and "reablement" in e for e in errors)


def test_the_pack_has_the_local_account_beside_the_committee_papers(tmp_path):
    from scrutinyreport.pack.generate import BuildOptions, generate
    result = generate(BuildOptions(inputs=small_numbers_inputs(tmp_path / "in", "5"), out=tmp_path / "out",
                                     processes=1))
    assert result.warnings == []
    manifest = json.loads((result.folder / "manifest.json").read_text(encoding="utf-8"))
    outputs = {o["path"] for o in manifest["outputs"]}
    assert {"local-account.docx", "committee-update.docx"} <= outputs
    account = docx.Document(str(result.folder / "local-account.docx"))
    assert "local-account-need" in [d.get("name") for d in account.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]   # a native chart
    assert "Testshire County Council" in account.sections[0].header.paragraphs[0].text
    assert "Adults Scrutiny Committee" not in account.sections[0].header.paragraphs[0].text


def test_an_average_month_is_printed_as_it_is_and_a_total_is_rounded_to_5():
    """A count's average month is not a count of people: 39.2 referrals a month is 39, not 40 (its target,
    which 40 would seem to meet), and 44.0 breaks is 44, not 45; the year's totals are rounded to 5."""
    from scrutinyreport.content.local_account_parts import activity_rows
    from scrutinyreport.formatting import Printer

    rows = {row.indicator.id: row for row in activity_rows(analyse(load_inputs(ROOT / "inputs")), "2025/26",
                                                           Printer.for_locale("en_GB"))}
    assert (rows["tec_referrals"].last_year, rows["tec_referrals"].this_year) == ("40", "39")
    assert (rows["carers_breaks"].last_year, rows["carers_breaks"].this_year) == ("44", "45")
    assert rows["contacts_front_door"].this_year == "41,735"        # 41,734, a total, rounded to 5
    assert rows["safeguarding_concerns"].this_year == "1,700"       # 1,699


def test_an_average_month_below_the_threshold_is_protected_as_a_count():
    from scrutinyreport.analysis.year_end import YearFigure
    from scrutinyreport.content.local_account_parts import _year_figure
    from scrutinyreport.model import DisclosureSettings, Frequency, Indicator, Polarity, Unit, YearBasis

    indicator = Indicator("x", "X", "T", Unit.COUNT, Polarity.HIGHER_IS_BETTER)
    settings = DisclosureSettings(threshold=5, rounding=5)
    small = YearFigure(2025, YearBasis.MEAN, Frequency.MONTHLY, False, 3.2, (), 12)
    assert _year_figure(indicator, small, settings, "en_GB")[1] == "fewer than 5"
    usual = YearFigure(2025, YearBasis.MEAN, Frequency.MONTHLY, False, 39.2, (), 12)
    assert _year_figure(indicator, usual, settings, "en_GB") == (39.2, "39")
