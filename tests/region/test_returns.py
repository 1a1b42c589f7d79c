"""Reading councils' returns for the region: every problem at once, in plain words, with the file and the JSON
path; the checks across returns that no schema can make; letters for names; lines grouped by theme."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from helpers.documents import EN
from helpers.region_factory import SAMPLE, as_version_1_0, write_return
from scrutinyreport.analysis import analyse
from scrutinyreport.content.regional_return import latest_positions, regional_return
from scrutinyreport.errors import Problems
from scrutinyreport.loading import load_inputs
from scrutinyreport.model import Period
from scrutinyreport.region.analysis import analyse_region, order_councils
from scrutinyreport.region.anonymise import anonymise, letter, place_mentions, place_name
from scrutinyreport.region.checks import check_returns
from scrutinyreport.region.returns import read_return, read_returns
from scrutinyreport.region.topics import OTHER, group_by_theme, theme_of


@pytest.fixture(scope="module")
def sample():
    return regional_return(analyse(load_inputs(SAMPLE)), EN)


def council(data: dict, name: str, scores: list[int] | None = None) -> dict:
    changed = copy.deepcopy(data)
    changed["council"] = name
    if scores:
        found = iter(scores)
        for theme in changed["themes"]:
            for statement in theme["statements"]:
                statement["score"] = next(found)
                statement["score_meaning"] = {1: "Evidence shows significant shortfalls",
                                              2: "Evidence shows some shortfalls",
                                              3: "Evidence shows a good standard",
                                              4: "Evidence shows an exceptional standard"}[statement["score"]]
        changed["indicative_rating"] = None
    return changed


def read(tmp_path: Path, data, name: str = "fenmoor.json") -> tuple[object, list[str]]:
    path = tmp_path / "returns" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    problems = Problems()
    found = read_return(path, f"returns/{name}", problems)
    return found, [str(p) for p in problems.items]


def test_a_good_return_reads_with_its_scores_and_indicators(tmp_path, sample):
    found, problems = read(tmp_path, sample)
    assert problems == []
    assert (found.council, found.period, found.version) == ("Fenmoor City Council", Period(2026, 9), "1.1")
    assert [s.score for s in found.statements] == [s.score for s in load_inputs(SAMPLE).self_assessment.statements]
    assert len(found.indicators) == len(sample["indicators"]) == len(load_inputs(SAMPLE).indicators)
    reablement = next(i for i in found.indicators if i.id == "reablement_no_ongoing")
    assert (reablement.ascof, reablement.value, reablement.value_text, reablement.rag) == ("2D", 82.8, "82.8%", "Green")


def test_a_bad_score_is_named_by_file_and_path_in_plain_words(tmp_path, sample):
    bad = copy.deepcopy(sample)
    bad["themes"][1]["statements"][0]["score"] = 5
    found, problems = read(tmp_path, bad)
    assert found is None
    assert problems == ["error: returns/fenmoor.json: themes[1].statements[0].score: 5 is above 4"]


def test_every_problem_of_a_return_is_reported_at_once(tmp_path, sample):
    bad = copy.deepcopy(sample)
    bad["themes"][0]["statements"][2]["score"] = "three"
    bad["themes"][0]["statements"][0]["evidence"][0]["rag"] = "green"
    del bad["council"]
    bad["period"] = "2026-13"
    bad["extra"] = 1
    bad["indicative_rating"]["percentage"] = 101
    bad["indicators"][3]["value"]["value"] = "82.8"
    bad["submitted"] = "2026-02-30"
    _, problems = read(tmp_path, bad)
    assert problems == [
        "error: returns/fenmoor.json: council: missing",
        "error: returns/fenmoor.json: extra: is not a field of a version 1.1 return",
        "error: returns/fenmoor.json: indicative_rating.percentage: 101 is above 100",
        "error: returns/fenmoor.json: indicators[3].value.value: expected a number or null, found \"82.8\"",
        "error: returns/fenmoor.json: period: expected a month as YYYY-MM, found \"2026-13\"",
        "error: returns/fenmoor.json: submitted: \"2026-02-30\" is not a date that exists",
        "error: returns/fenmoor.json: themes[0].statements[0].evidence[0].rag: \"green\" is not one of: Green, "
        "Amber, Red, No target, No data",
        "error: returns/fenmoor.json: themes[0].statements[2].score: expected a whole number, found \"three\"",
    ]
    assert not any("is not valid under" in p or "required property" in p for p in problems)


def test_a_version_1_0_return_is_read_against_its_own_schema(tmp_path, sample):
    old = as_version_1_0(sample)
    found, problems = read(tmp_path, old)
    assert problems == [] and found.version == "1.0"
    # its statements' evidence stands in for the key indicators, each once
    evidence = {e["indicator_id"] for t in old["themes"] for s in t["statements"] for e in s["evidence"]}
    assert {i.id for i in found.indicators} == evidence
    assert next(i for i in found.indicators if i.id == "reablement_no_ongoing").decimals == 1
    with_indicators = dict(old, indicators=sample["indicators"])
    _, problems = read(tmp_path, with_indicators)
    assert problems == ["error: returns/fenmoor.json: indicators: is not a field of a version 1.0 return"]


def test_files_that_are_not_returns(tmp_path, sample):
    _, problems = read(tmp_path, '{"council": "A",\n "period": }')
    assert problems == ["error: returns/fenmoor.json, line 2, column '12': is not valid JSON: Expecting value"]
    _, problems = read(tmp_path, "[1, 2]")
    assert problems == ["error: returns/fenmoor.json: a return is a JSON object ({...}), found a list"]
    _, problems = read(tmp_path, dict(sample, schema_version="2.0"))
    assert problems == ["error: returns/fenmoor.json: schema_version: \"2.0\" is not a version this program reads "
                        "(it reads 1.0, 1.1)"]
    path = tmp_path / "latin.json"
    path.write_bytes(b'{"council": "Caf\xe9"}')
    problems = Problems()
    assert read_return(path, "latin.json", problems) is None
    assert [str(p) for p in problems.items] == [
        "error: latin.json: is not UTF-8 text (byte 17): a return is a JSON file"]


def test_a_rating_object_with_a_bad_field_is_described_inside_it(tmp_path, sample):
    bad = copy.deepcopy(sample)
    bad["indicative_rating"]["rating"] = "Fine"
    _, problems = read(tmp_path, bad)
    assert problems == ["error: returns/fenmoor.json: indicative_rating.rating: \"Fine\" is not one of: Outstanding, "
                        "Good, Requires improvement, Inadequate"]


def _checked(tmp_path: Path, returns: dict[str, dict]) -> tuple[list, Problems]:
    paths = [write_return(tmp_path / "returns" / name, data) for name, data in returns.items()]
    problems = Problems()
    found = read_returns(paths, problems)
    check_returns(found, problems, EN)
    return found, problems


def test_two_returns_from_one_council_are_an_error(tmp_path, sample):
    _, problems = _checked(tmp_path, {"fenmoor.json": sample,
                                      "fenmoor-copy.json": council(sample, " fenmoor  city council")})
    assert [str(p) for p in problems.errors] == [
        f"error: {tmp_path.as_posix()}/returns/fenmoor-copy.json: council: 'fenmoor city council' already sent "
        f"{tmp_path.as_posix()}/returns/fenmoor.json: the region takes one return per council (remove one of them)"]


def test_a_different_framework_is_an_error_and_different_statements_a_warning(tmp_path, sample):
    other = council(sample, "Ashby County Council")
    other["framework"] = "Our own framework"
    fewer = council(sample, "Oxley Borough Council")
    fewer["themes"][3]["statements"].pop()
    _, problems = _checked(tmp_path, {"a.json": sample, "b.json": other, "c.json": fewer,
                                      "d.json": council(sample, "Brindle District Council")})
    assert [p.file.rsplit("/", 1)[-1] for p in problems.errors] == ["b.json"]
    assert "scores on different frameworks cannot be compared" in problems.errors[0].message
    warning = next(p for p in problems.warnings if p.file.endswith("c.json"))
    assert warning.message.startswith("themes: no score for learning (Learning, improvement and innovation)")


def test_two_returns_on_two_frameworks_name_neither_as_the_odd_one_out(tmp_path, sample):
    other = council(sample, "Ashby County Council")
    other["framework"] = "Our own framework"
    _, problems = _checked(tmp_path, {"a.json": sample, "b.json": other})
    [error] = problems.errors
    assert error.file == "returns" and "scores on different frameworks cannot be compared" in error.message
    assert "a.json: 'Care Quality Commission" in error.message and "b.json: 'Our own framework'" in error.message


def test_different_periods_are_a_warning_naming_them(tmp_path, sample):
    late = council(sample, "Oxley Borough Council")
    late["period"], late["period_label"] = "2026-06", "June 2026"
    _, problems = _checked(tmp_path, {"a.json": sample, "b.json": council(sample, "Ashby County Council"),
                                      "c.json": late})
    assert not problems.errors
    [warning] = problems.warnings
    assert warning.message.startswith("the returns are for different periods (September 2026: Fenmoor City Council, "
                                      "Ashby County Council; June 2026: Oxley Borough Council (")
    assert "c.json" in warning.message


def test_a_rating_that_does_not_follow_from_the_scores_and_a_unit_clash_are_warnings(tmp_path, sample):
    wrong = council(sample, "Ashby County Council")
    wrong["indicative_rating"] = dict(sample["indicative_rating"], text="30 of 36 (83%): Good")
    clash = council(sample, "Oxley Borough Council")
    direct = next(i for i in clash["indicators"] if i["ascof"] == "1C(2A)")
    direct["unit"] = "count"
    found, problems = _checked(tmp_path, {"a.json": sample, "b.json": wrong, "c.json": clash})
    messages = [p.message for p in problems.warnings]
    assert any(m.startswith("indicative_rating.text: '30 of 36 (83%): Good' does not follow from the scores, which "
                            "give '24 of 36 (67%): Good'") for m in messages)
    assert any(m.startswith("ASCOF 1C(2A) is reported in different units (count, percent)") for m in messages)
    codes = [m.code for m in analyse_region(order_councils(found)).measures]
    assert "1C(2A)" not in codes and "2D" in codes


def test_letters_follow_the_ratings_and_replace_names_in_the_text(tmp_path, sample):
    low = council(sample, "Oxley Borough Council", [1] * 9)
    high = council(sample, "London Borough of Ashby", [4] * 9)
    high["adass"]["risks_and_challenges"] = ["London Borough of Ashby's care market and ASHBY's workforce; Fenmoor "
                                             "City Council too; fenmoor city council is not its name as written."]
    found, problems = _checked(tmp_path, {"a.json": sample, "b.json": low, "c.json": high})
    assert not problems.errors
    named = anonymise(found)
    assert [(r.council, len(r.statements) and r.statements[0].score) for r in named] == [
        ("Council A", 4), ("Council B", 2), ("Council C", 1)]
    # full names only, exactly as written and where they stand whole: a place name alone may be an ordinary word
    assert named[0].risks == ("Council A's care market and ASHBY's workforce; Council B too; fenmoor city council "
                              "is not its name as written.",)
    assert all("Fenmoor City Council" not in i.title for r in named for i in r.indicators)
    warned = place_mentions(found)   # "Care homes in Fenmoor ...": left as written, and said
    assert any("(the title of care_home_good_outstanding): mentions 'Fenmoor', the place in 'Fenmoor City Council'"
               in line for line in warned), warned
    assert not any("mentions 'ASHBY'" in line for line in warned)   # matched as written, case and all
    assert (letter(0), letter(25), letter(26), letter(27)) == ("A", "Z", "AA", "AB")
    assert place_name("Fenmoor City Council") == "Fenmoor" and place_name("London Borough of Ashby") == "Ashby"


def test_lines_are_grouped_by_the_theme_they_mention_most():
    assert theme_of("Recruitment and retention of qualified social workers") == "Leadership"
    assert theme_of("Fragile home care capacity and the closure of two care homes") == "Providing support"
    assert theme_of("Delays in hospital discharge") == "How the local authority ensures safety within the system"
    assert theme_of("Therapy-led reablement") == "Working with people"
    assert theme_of("Fenmoor Connect, the online form") == OTHER
    groups = group_by_theme([("A", "Workforce gaps"), ("B", "A new app"), ("C", "Agency staff")],
                            ["Working with people", "Leadership"])
    assert groups == [("Leadership", [("A", "Workforce gaps"), ("C", "Agency staff")]), (OTHER, [("B", "A new app")])]


def test_the_return_carries_every_indicator_at_its_latest_figure(tmp_path):
    import shutil
    inputs = tmp_path / "inputs"
    shutil.copytree(SAMPLE, inputs)
    month = inputs / "monthly" / "2026-09.csv"
    lines = month.read_text(encoding="utf-8-sig").splitlines()
    month.write_text("\n".join(line for line in lines if not line.startswith("reablement_no_ongoing,")) + "\n",
                     encoding="utf-8")
    pack = load_inputs(inputs)
    rows = {row.id: row for row in latest_positions(analyse(pack), EN)}
    assert list(rows) == [i.id for i in pack.indicators]
    assert rows["reablement_no_ongoing"].assessment.period == Period(2026, 8)   # no September figure: August's
    assert rows["reablement_no_ongoing"].assessment.latest == pack.value("reablement_no_ongoing", Period(2026, 8))
    data = regional_return(analyse(pack), EN)
    reablement = next(i for i in data["indicators"] if i["id"] == "reablement_no_ongoing")
    assert (reablement["period"], reablement["period_label"]) == ("2026-08", "August 2026")
    assert reablement["value"]["text"] == rows["reablement_no_ongoing"].latest
    direct = next(i for i in data["indicators"] if i["id"] == "direct_payments")
    assert (direct["period"], direct["period_label"]) == ("2026-09", "September 2026")


def test_the_score_table_turns_and_splits_to_fit_the_page(tmp_path, sample):
    from scrutinyreport.region.content import regional_content

    names = [f"{place} District Council" for place in ("Ash", "Birch", "Cedar", "Elm", "Fir", "Hazel", "Oak", "Yew")]
    many = {f"{n}.json": council(sample, name, [1 + (n + i) % 4 for i in range(9)]) for n, name in enumerate(names)}
    found, problems = _checked(tmp_path / "many", many)
    content = regional_content(analyse_region(order_councils(found)), EN)
    assert [len(t.header) - 1 for t in content.score_tables] == [4, 4]       # statements as rows, in even tables
    assert [t.header[1:] for t in content.score_tables] == [names[:4], names[4:]]
    assert content.score_tables[1].lead.endswith("; table 2 of 2):")
    assert [row[0].text for row in content.score_tables[0].rows][:2] == ["Assessing needs",
                                                                        "Supporting people to lead healthier lives"]
    assert content.score_tables[1].rows[0][3].text == "3\nGood standard"   # Oak (the 7th): 1 + (6 + 0) % 4

    few = copy.deepcopy(sample)
    few["themes"] = few["themes"][:2]                                          # five statements: they fit as columns
    found, _ = _checked(tmp_path / "few", {"a.json": few, "b.json": council(few, "Ashby County Council")})
    [table] = regional_content(analyse_region(order_councils(found)), EN).score_tables
    assert table.header == ["Council", "Assessing needs", "Supporting people to lead healthier lives",
                            "Equity in experience and outcomes", "Care provision, integration and continuity",
                            "Partnerships and communities"]
    assert [row[0].text for row in table.rows] == ["Ashby County Council", "Fenmoor City Council"]
    assert [cell.score for cell in table.rows[1][1:]] == [s["score"] for t in few["themes"] for s in t["statements"]]


def test_the_returns_are_named_one_way_or_the_other(tmp_path, sample):
    from scrutinyreport.region import RegionOptions, load_returns

    path = write_return(tmp_path / "returns" / "fenmoor.json", sample)
    _, problems = load_returns(RegionOptions(out=tmp_path / "out", files=(path,), folder=path.parent))
    assert [p.message for p in problems.errors] == ["give either return files or --returns DIR, not both"]
    _, problems = load_returns(RegionOptions(out=tmp_path / "out"))
    assert [p.message for p in problems.errors] == [
        "no returns given: name the return files, or a folder of them with --returns DIR"]
    _, problems = load_returns(RegionOptions(out=tmp_path / "out", folder=tmp_path / "empty"))
    assert [p.message for p in problems.errors] == ["is not a folder of returns"]
    _, problems = load_returns(RegionOptions(out=path.parent, folder=path.parent))
    assert [p.message for p in problems.errors] == [
        "is the folder of returns: write the summary to a folder of its own"]
    found, problems = load_returns(RegionOptions(out=tmp_path / "out", folder=path.parent))
    assert [r.council for r in found] == ["Fenmoor City Council"] and not problems.errors
    assert [p.message for p in problems.warnings] == [
        "only one return: the summary has no other council to compare it with"]
    _, problems = load_returns(RegionOptions(out=Path("."), folder=path.parent))
    assert [p.message.split(":")[0] for p in problems.errors] == ["holds the current folder"]


def test_ascof_codes_are_compared_without_spaces_or_case(tmp_path, sample):
    other = council(sample, "Ashby County Council")
    next(i for i in other["indicators"] if i["ascof"] == "2A(1)")["ascof"] = " 2a (1)"
    found, _ = _checked(tmp_path, {"a.json": sample, "b.json": other})
    measure = next(m for m in analyse_region(order_councils(found)).measures if m.code == "2A(1)")
    assert [council for council, _ in measure.figures] == ["Ashby County Council", "Fenmoor City Council"]


def test_the_reading_names_the_strongest_and_weakest_statements(tmp_path, sample):
    from scrutinyreport.region.content import regional_content

    found, _ = _checked(tmp_path, {"a.json": council(sample, "A Council", [4, 3, 3, 3, 3, 3, 3, 3, 1]),
                                   "b.json": council(sample, "B Council", [4, 3, 3, 3, 3, 3, 3, 3, 2])})
    reading = regional_content(analyse_region(order_councils(found)), EN).reading
    assert reading[0] == ("The region is strongest on Assessing needs (average score 4.0; 2 of 2 councils scored "
                          "3 or 4).")
    assert reading[1] == ("It is weakest on Learning, improvement and innovation (average score 1.5; 0 of 2 "
                          "councils scored 3 or 4).")
    found, _ = _checked(tmp_path / "ties", {"a.json": council(sample, "A Council", [4, 4, 4, 3, 3, 3, 3, 3, 3]),
                                            "b.json": council(sample, "B Council", [4, 4, 4, 3, 3, 3, 3, 3, 3])})
    reading = regional_content(analyse_region(order_councils(found)), EN).reading
    assert reading[0] == ("The region is strongest on 3 statements that share an average score of 4.0: Assessing "
                          "needs, Supporting people to lead healthier lives and Equity in experience and outcomes.")
    assert reading[1].startswith("It is weakest on 6 statements that share an average score of 3.0: Care provision")


def test_a_statement_a_council_did_not_score_shows_as_not_scored(tmp_path, sample):
    from scrutinyreport.region.content import NOT_SCORED, regional_content
    from scrutinyreport.region.csv_output import scores_csv

    fewer = council(sample, "Oxley Borough Council")
    fewer["themes"][3]["statements"].pop()                      # no score for learning
    fewer["indicative_rating"] = None
    found, problems = _checked(tmp_path, {"a.json": sample, "b.json": fewer})
    assert not problems.errors
    analysis = analyse_region(order_councils(found))
    content = regional_content(analysis, EN)
    [table] = content.score_tables
    learning = next(row for row in table.rows if row[0].text == "Learning, improvement and innovation")
    assert [(cell.text, cell.score) for cell in learning[1:]] == [("3\nGood standard", 3), (NOT_SCORED, None)]
    assert content.rating_rows[1][:4] == ["Oxley Borough Council", "8", "21 of 32", "66%"]
    rows = scores_csv(analysis).decode("utf-8").splitlines()
    assert len(rows) == 1 + 9 + 8 and not any(r.startswith("Oxley") and ",learning," in r for r in rows)


def test_a_1_0_figure_printed_with_its_period_is_split_into_value_and_period():
    from scrutinyreport.region.returns import split_printed

    assert split_printed("5.4% (Q2 2026/27)", Period(2026, 9)) == ("5.4%", "Q2 2026/27")
    assert split_printed("19.2 (2025/26, no new data)", Period(2026, 3)) == ("19.2", "2025/26")
    assert split_printed("81.1% (no new data)", Period(2026, 8)) == ("81.1%", "August 2026")
    assert split_printed("£27,500", Period(2026, 9)) == ("£27,500", "September 2026")
