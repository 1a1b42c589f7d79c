"""The regional summary end to end: four councils' returns made by the library (one of them version 1.0, one
for another month), built by the command line in a second process, read back through LibreOffice, the
OOXML schema and the accessibility check; bad returns stop it with nothing written."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
import zipfile

import pytest
from PIL import Image

from helpers.region_factory import COUNCILS, ROOT, make_returns, write_return
from helpers.rendering import convert_to_pdf, pdf_text, validate_ooxml
from scrutinyreport.analysis.self_assessment import indicative_rating
from scrutinyreport.content.alt_text import measure_text
from scrutinyreport.content.charts import Bar, Reference, measure_chart
from scrutinyreport.cqc_framework import SCORE_MEANINGS
from scrutinyreport.figures.draw import draw
from scrutinyreport.formatting import Printer
from scrutinyreport.model import Period, QualityStatement, Unit
from scrutinyreport.region.content import score_words
from scrutinyreport.region.returns import split_printed
from scrutinyreport.word.accessibility import check_document

NAMES = [council for council, *_ in COUNCILS.values()]


def run_region(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrutinyreport.cli", "region", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=300)


@pytest.fixture(scope="module")
def built(tmp_path_factory, soffice_profile):
    tmp = tmp_path_factory.mktemp("region")
    returns = make_returns(tmp)
    named = run_region("--returns", str(tmp / "returns"), "--out", str(tmp / "out"))
    files = sorted(str(p) for p in (tmp / "returns").glob("*.json"))
    anonymous = run_region(*files, "--out", str(tmp / "anonymous"), "--anonymise", "--title", "Eastern region")
    assert named.returncode == 0, named.stderr
    assert anonymous.returncode == 0, anonymous.stderr
    shutil.copy(tmp / "anonymous" / "regional-summary.docx", tmp / "anonymous-summary.docx")
    pdfs = convert_to_pdf([tmp / "out" / "regional-summary.docx", tmp / "anonymous-summary.docx"], tmp / "pdf",
                          soffice_profile)
    return {"tmp": tmp, "returns": returns, "named": named, "anonymous": anonymous,
            "text": pdf_text(pdfs[0]), "anonymous_text": pdf_text(pdfs[1])}


def statements_of(data: dict) -> list[dict]:
    return [s for theme in data["themes"] for s in theme["statements"]]


def rating_of(data: dict):
    return indicative_rating([QualityStatement(s["id"], s["name"], "", s["score"]) for s in statements_of(data)])


def score_lines(text: str) -> dict[str, list[int]]:
    """Each statement's row of the score table (statements as rows, councils as columns): its scores."""
    table = text[text.index("SCORES BY QUALITY STATEMENT"):text.index("INDICATIVE RATINGS")]
    found = {}
    for line in table.splitlines():
        match = re.match(r"^\s*([A-Z][A-Za-z ,]+?)\s{2,}([1-4](?:\s+[1-4])+)\s*$", line)
        if match:
            found[match.group(1)] = [int(n) for n in match.group(2).split()]
    return found


def test_the_summary_shows_every_councils_every_score_and_rating(built):
    text, returns = built["text"], built["returns"]
    order = sorted(returns.values(), key=lambda d: d["council"].casefold())      # councils as columns, by name
    rows = score_lines(text)
    statements = statements_of(order[0])
    for index, statement in enumerate(statements):
        first_words = next(name for name in rows if statement["name"].startswith(name))
        assert rows[first_words] == [statements_of(d)[index]["score"] for d in order], statement["name"]
    assert len(rows) == len(statements) == 9
    table = text[text.index("SCORES BY QUALITY STATEMENT"):text.index("INDICATIVE RATINGS")]
    for score in (1, 2, 3, 4):      # each score's words under it (wrapped in the narrow columns)
        assert all(word in table.split() for word in score_words(score).split())
    ratings = text[text.index("INDICATIVE RATINGS"):text.index("HOW THE SCORES SPREAD")]
    for data in returns.values():
        rating = rating_of(data)
        line = next(line for line in ratings.splitlines() if data["council"] in line)
        assert re.search(rf"9\s+{rating.total} of 36\s+{rating.percentage}%\s+{rating.rating}\s*$", line), line
    assert {rating_of(d).rating for d in returns.values()} == {"Outstanding", "Good", "Inadequate"}


def test_the_summary_reads_the_region(built):
    text = " ".join(built["text"].split())
    assert "Most returns are for September 2026; the returns of Oxley Borough Council (August 2026) are for " \
           "another month." in text
    assert "The region is strongest on" in text and "It is weakest on" in text
    assert "the scores give an indicative rating of 1 Outstanding, 2 Good and 1 Inadequate." in text
    # the spread of one statement: Assessing needs scored 4, 4, 2, 1
    spread = built["text"][built["text"].index("HOW THE SCORES SPREAD"):]
    line = next(line for line in spread.splitlines() if line.strip().startswith("Assessing needs"))
    assert re.search(r"Assessing needs\s+1\s+1\s+0\s+2\s+2\.8\s+4: Ashby County\s+1: Oxley Borough", line), line
    # every council's risks, grouped by theme
    for name in NAMES:
        assert f"{name}: Agency staff costs in {name} rose by a fifth." in text
    assert text.index("TOP RISKS AND CHALLENGES") < text.index("Leadership") < text.index(
        "TOP INNOVATIONS AND ACHIEVEMENTS")


def test_shared_measures_are_compared_with_the_median_and_other_months_named(built):
    text = " ".join(built["text"].split())
    section = text[text.index("COMPARABLE INDICATORS"):]
    assert "ASCOF 2D: People completing reablement who did not need long-term support" in section
    # 2D: Ashby 71.5, Brindle 90.1, Fenmoor 82.8, Oxley (August) 81.1 -> median 81.95
    assert "4 councils report this measure. The region's median is 82.0% (September 2026 for most councils)." \
        in section
    assert "Figures for another period than the others' (September 2026): Oxley Borough Council (August 2026)." \
        in section
    # figures for a quarter and a financial year are labelled as such, the 1.0 return's among them
    assert "Figures for another period than the others' (Q2 2026/27): Oxley Borough Council (Q1 2026/27)." in section
    assert "The region's median is 19.1 (2025/26). Higher is better." in section
    assert re.search(r"Brindle District Council 5\.4% Q2 2026/27 6\.0% Amber", section)
    with zipfile.ZipFile(built["tmp"] / "out" / "regional-summary.docx") as package:
        document = package.read("word/document.xml").decode("utf-8")
    pictures = re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', document)
    codes = re.findall(r"ASCOF (\S+): ", section)
    assert len(pictures) == len(set(codes)) >= 5
    assert all("region's median" in alt and "highest" in alt and "lowest" in alt for alt in pictures)
    manifest = json.loads((built["tmp"] / "out" / "manifest.json").read_text(encoding="utf-8"))
    descriptions = [o["description"] for o in manifest["outputs"] if o["kind"] == "figure"]
    assert len(descriptions) == len(pictures)
    assert all(all(name in d for name in NAMES if name != "Brindle District Council") for d in descriptions)


def test_the_median_is_the_middle_figure(built):
    values = []
    for data in built["returns"].values():
        if "indicators" in data:
            found = next(i for i in data["indicators"] if i["ascof"] == "2D")
        else:
            found = next(e for s in statements_of(data) for e in s["evidence"] if e["ascof"] == "2D")
            found = {"value": found["latest"]}
        values.append(found["value"]["value"])
    assert sorted(values) == [71.5, 81.1, 82.8, 90.1]
    assert "The region's median is 82.0%" in " ".join(built["text"].split())   # 81.95, rounded half up


def test_the_csvs_match_the_returns(built):
    out, returns = built["tmp"] / "out", built["returns"]
    rows = list(csv.DictReader(io.StringIO((out / "regional-scores.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 4 * 9
    for data in returns.values():
        mine = [r for r in rows if r["council"] == data["council"]]
        assert [(r["statement_id"], int(r["score"]), r["score_meaning"]) for r in mine] == [
            (s["id"], s["score"], SCORE_MEANINGS[s["score"]]) for s in statements_of(data)]
        assert {r["period"] for r in mine} == {data["period"]}
        assert {r["indicative_rating"] for r in mine} == {rating_of(data).rating}
    rows = list(csv.DictReader(io.StringIO((out / "regional-indicators.csv").read_text(encoding="utf-8"))))
    for data in returns.values():
        mine = [r for r in rows if r["council"] == data["council"]]
        if "indicators" in data:
            expected = [(i["id"], i["ascof"] or "", i["value"]["value"], i["value"]["text"], i["period"], i["rag"])
                        for i in data["indicators"]]
        else:
            seen = {}
            for e in (e for s in statements_of(data) for e in s["evidence"]):
                printed = split_printed(e["latest"]["text"], Period.parse(e["period"]))[0]   # '5.4% (Q2 2026/27)'
                seen.setdefault(e["indicator_id"], (e["indicator_id"], e["ascof"] or "", e["latest"]["value"],
                                                    printed, e["period"], e["rag"]))
            expected = list(seen.values())
        got = [(r["indicator_id"], r["ascof"], float(r["value"]) if r["value"] else None, r["value_text"],
                r["period"], r["rag"]) for r in mine]
        assert got == expected, data["council"]


def test_the_summary_passes_the_accessibility_check_and_the_schema(built):
    documents = [built["tmp"] / "out" / "regional-summary.docx", built["tmp"] / "anonymous" / "regional-summary.docx"]
    assert [str(f) for d in documents for f in check_document(d)] == []
    result = subprocess.run([sys.executable, "-m", "scrutinyreport.cli", "check", *map(str, documents)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stdout
    validate_ooxml(*documents)


def test_the_warnings_name_the_other_period(built):
    assert "warning: returns: the returns are for different periods" in built["named"].stderr
    assert "Oxley Borough Council" in built["named"].stderr


def test_anonymised_everywhere_with_the_same_letters(built):
    tmp, returns = built["tmp"], built["returns"]
    folder = tmp / "anonymous"
    texts = [built["anonymous_text"], *(p.read_text(encoding="utf-8") for p in folder.glob("*.csv")),
             (folder / "manifest.json").read_text(encoding="utf-8")]
    with zipfile.ZipFile(folder / "regional-summary.docx") as package:
        texts += [package.read(name).decode("utf-8") for name in package.namelist() if name.endswith(".xml")]
    for text in texts:
        for name in NAMES:
            assert name not in text, name
    # a place name alone is never replaced (it may be an ordinary word): each text still naming one is a warning
    assert "mentions 'Fenmoor', the place in 'Fenmoor City Council': left as written in the anonymised summary" \
        in built["anonymous"].stderr
    assert "Eastern region" in built["anonymous_text"]
    # letters follow the ratings: A is Ashby (Outstanding), D is Oxley (Inadequate), in the CSV and the document
    rows = list(csv.DictReader(io.StringIO((folder / "regional-scores.csv").read_text(encoding="utf-8"))))
    by_letter = {r["council"]: r["indicative_rating"] for r in rows}
    assert by_letter == {"Council A": "Outstanding", "Council B": "Good", "Council C": "Good",
                         "Council D": "Inadequate"}
    ashby = [s["score"] for s in statements_of(returns["ashby"])]
    assert [int(r["score"]) for r in rows if r["council"] == "Council A"] == ashby
    assert score_lines(built["anonymous_text"])["Assessing needs"][0] == ashby[0]
    text = " ".join(built["anonymous_text"].split())
    assert "Council D: Agency staff costs in Council D rose by a fifth." in text
    assert "returns of Council D (August 2026) are for another month" in text


def test_bad_returns_are_reported_and_nothing_is_written(tmp_path, built):
    good = built["returns"]
    bad = json.loads(json.dumps(good["ashby"]))
    bad["council"] = "Kelby City Council"
    bad["themes"][1]["statements"][0]["score"] = 5
    folder = tmp_path / "returns"
    write_return(folder / "kelby.json", bad)
    write_return(folder / "fenmoor.json", good["fenmoor"])
    write_return(folder / "fenmoor-again.json", good["fenmoor"])
    out = tmp_path / "out"
    result = run_region("--returns", str(folder), "--out", str(out))
    assert result.returncode == 1
    assert f"error: {folder.as_posix()}/kelby.json: themes[1].statements[0].score: 5 is above 4" in result.stderr
    assert re.search(r"error: \S+/fenmoor\.json: council: 'Fenmoor City Council' already sent \S+/fenmoor-again\.json",
                     result.stderr)
    assert "Traceback" not in result.stderr and "Nothing was written" in result.stderr
    assert not out.exists()


def test_an_edited_summary_is_kept_and_the_new_one_written_beside_it(tmp_path, built):
    out = tmp_path / "out"
    shutil.copytree(built["tmp"] / "out", out)
    edited = out / "regional-summary.docx"
    edited.write_bytes(edited.read_bytes() + b"\0")
    result = run_region("--returns", str(built["tmp"] / "returns"), "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    assert edited.read_bytes().endswith(b"\0")
    first = (built["tmp"] / "out" / "regional-summary.docx").read_bytes()
    assert (out / "regional-summary.new.docx").read_bytes() == first
    assert "was edited since it was generated" in result.stderr


def test_the_measure_chart_keeps_its_text_inside_the_picture():
    bars = [Bar("Royal Borough of Kingsbridge-upon-the-Marsh Council (Aug 2026)", (123456.5,),
                ("123,456.5 per 100,000",)), Bar("B", (None,), ("No data",)),
            Bar("C", (99999.0,), ("99,999.0 per 100,000",))]
    title = "A measure with a long title " * 3
    alt, description = measure_text(title, "September 2026", bars, "111,727.8 per 100,000")
    figure = draw(measure_chart(title, "ASCOF 9Z. Each council's latest figure.", bars,
                                Reference(111727.75, "Region's median 111,727.8 per 100,000"), alt, description,
                                Unit.RATE_PER_100K, 1, Printer("en_GB"), "ascof-9z"))
    picture = Image.open(io.BytesIO(figure.png)).convert("L")
    width, height = picture.size
    edges = [picture.getpixel((x, y)) for x in (0, 1, width - 2, width - 1) for y in range(height)]
    edges += [picture.getpixel((x, y)) for y in (0, 1, height - 2, height - 1) for x in range(width)]
    assert min(edges) > 250, "text or bars touch the picture's edge"
    assert "highest Royal Borough" in figure.alt_text and "region's median 111,727.8 per 100,000" in figure.alt_text
    assert len(figure.alt_text) <= 250 and "B No data" in figure.description
