"""The machine-readable self-assessment return for the region: valid against its schema, deterministic, and
saying the same as the appendix."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

import scrutinyreport
from helpers.documents import EN
from helpers.inputs_factory import PACK_YAML, month_csv, write_inputs
from scrutinyreport.analysis import analyse
from scrutinyreport.content.regional_return import (
    RETURN_SCHEMA_PATH,
    SCHEMA_PATHS,
    load_return_schema,
    regional_return,
    regional_return_bytes,
)
from scrutinyreport.cqc_framework import SCORE_MEANINGS
from scrutinyreport.formatting import format_reporting_period, format_value
from scrutinyreport.loading import load_inputs
from scrutinyreport.model import AdassSummary, SelfAssessment

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def pack():
    return load_inputs(ROOT / "inputs")


@pytest.fixture(scope="module")
def validator():
    schema = load_return_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_the_schema_ships_inside_the_package():
    assert RETURN_SCHEMA_PATH.is_file()
    assert RETURN_SCHEMA_PATH.parent.parent == Path(scrutinyreport.__file__).resolve().parent


@pytest.mark.parametrize("version", sorted(SCHEMA_PATHS))
def test_the_schema_describes_every_field_and_refuses_unknown_ones(version):
    schema = load_return_schema(version)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["schema_version"]["const"] == version
    jsonschema.Draft202012Validator.check_schema(schema)

    def objects(node):
        if isinstance(node, dict):
            if node.get("type") == "object":
                yield node
            for value in node.values():
                yield from objects(value)
        elif isinstance(node, list):
            for value in node:
                yield from objects(value)

    for node in objects(schema):
        assert node["additionalProperties"] is False
        assert set(node["required"]) == set(node["properties"])
        for name, field in node["properties"].items():
            assert field.get("description"), name


def test_the_sample_return_is_valid(pack, validator):
    validator.validate(json.loads(regional_return_bytes(analyse(pack), EN)))


def test_a_draft_with_no_statements_is_valid_too(pack, validator):
    empty = replace(pack, self_assessment=SelfAssessment(None, (), AdassSummary()))
    data = regional_return(analyse(empty), EN)
    validator.validate(data)
    assert data["submitted"] is None and data["indicative_rating"] is None and data["themes"] == []


def test_the_schema_refuses_what_the_region_could_not_read(pack, validator):
    good = regional_return(analyse(pack), EN)
    for change in (lambda d: d.update(extra=1),
                   lambda d: d["themes"][0]["statements"][0].update(score=5),
                   lambda d: d["themes"][0]["statements"][0]["evidence"][0].update(rag="green"),
                   lambda d: d.update(period="2026-13"),
                   lambda d: d["adass"].pop("next_steps")):
        bad = copy.deepcopy(good)
        change(bad)
        assert not validator.is_valid(bad)


def test_the_bytes_are_deterministic_sorted_and_end_with_a_newline(pack):
    first = regional_return_bytes(analyse(pack), EN)
    assert first == regional_return_bytes(analyse(load_inputs(ROOT / "inputs")), EN)
    assert first.endswith(b"}\n") and not first.endswith(b"\n\n")
    data = json.loads(first.decode("utf-8"))
    assert first.decode("utf-8") == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert "£" in first.decode("utf-8")  # UTF-8, not \u escapes


def test_the_return_says_what_the_appendix_says(pack):
    data = regional_return(analyse(pack), EN)
    assert (data["council"], data["period"], data["period_label"]) == ("Fenmoor City Council", "2026-09",
                                                                       "September 2026")
    assert (data["submitted"], data["submitted_label"]) == ("2026-10-31", "31 October 2026")
    assert data["schema_version"] == "1.1"
    assert data["indicative_rating"]["text"] == "24 of 36 (67%): Good"
    assert (data["indicative_rating"]["total"], data["indicative_rating"]["maximum"],
            data["indicative_rating"]["percentage"], data["indicative_rating"]["rating"]) == (24, 36, 67, "Good")
    assessment = pack.self_assessment
    assert [t["name"] for t in data["themes"]] == assessment.themes
    statements = [s for t in data["themes"] for s in t["statements"]]
    assert [s["id"] for s in statements] == [s.id for s in assessment.statements]
    for got, statement in zip(statements, assessment.statements):
        assert got["score"] == statement.score and got["score_meaning"] == SCORE_MEANINGS[statement.score]
        assert got["strengths"] == list(statement.strengths)
        assert got["areas_for_development"] == list(statement.areas_for_development)
        assert [e["indicator_id"] for e in got["evidence"]] == list(statement.evidence)
        for evidence in got["evidence"]:
            indicator = pack.indicator(evidence["indicator_id"])
            found = analyse(pack).indicator(indicator.id).assessment
            printed = format_value(found.latest, indicator.unit, indicator.decimals, locale="en_GB")
            label = format_reporting_period(found.latest_period, locale="en_GB")
            if label != "September 2026":     # a quarterly, yearly or late figure says whose it is
                printed += f" ({label}"
                printed += ", no new data)" if found.no_new_data else ")"
            assert evidence["latest"] == {"value": found.latest, "text": printed}
            assert evidence["target"]["value"] == indicator.target
            assert evidence["rag"] == found.rag.value
    assert data["adass"]["risks_and_challenges"] == list(assessment.adass.risks_and_challenges)
    assert data["adass"]["next_steps"] == list(assessment.adass.next_steps)


@pytest.mark.parametrize("window, latest, rag", [
    (0, {"value": None, "text": "No data"}, "No data"),       # nothing recent enough
    (12, {"value": 27.0, "text": "27% (June 2025, no new data)"}, "Green"),
])
def test_a_missing_figure_is_the_latest_earlier_one_or_null(tmp_path, validator, window, latest, rag):
    inputs = write_inputs(tmp_path / "in", months={"2025-06": month_csv(), "2025-07": month_csv(direct="")},
                          pack_yaml=PACK_YAML + f"latest_window_months: {window}\n")
    (inputs / "self_assessment.yaml").write_text(
        "themes:\n  - name: Working with people\n    statements:\n      - id: assessing_needs\n        score: 2\n"
        "        evidence: [direct_payments, concerns]\n", encoding="utf-8")
    data = regional_return(analyse(load_inputs(inputs)), EN)
    validator.validate(data)
    direct, concerns = data["themes"][0]["statements"][0]["evidence"]
    assert direct["latest"] == latest
    assert (direct["rag"], direct["direction"]) == (rag, None)
    assert concerns["target"] == {"value": None, "text": "No target"}
    assert concerns["rag"] == "No target"
    assert data["submitted"] is None and data["indicative_rating"]["text"] == "2 of 4 (50%): Requires improvement"


def test_a_pack_without_a_self_assessment_has_no_return(tmp_path):
    with pytest.raises(ValueError, match="no self-assessment"):
        regional_return(analyse(load_inputs(write_inputs(tmp_path / "in"))), EN)


def test_version_1_1_adds_the_key_indicators_and_1_0_returns_stay_valid(pack, validator):
    data = regional_return(analyse(pack), EN)
    assert [i["id"] for i in data["indicators"]] == [i.id for i in pack.indicators]
    reablement = next(i for i in data["indicators"] if i["id"] == "reablement_no_ongoing")
    assert reablement == {"id": "reablement_no_ongoing", "title": pack.indicator("reablement_no_ongoing").title,
                          "ascof": "2D", "unit": "percent", "polarity": "higher_is_better", "decimals": 1,
                          "period": "2026-09", "period_label": "September 2026",
                          "value": {"value": 82.8, "text": "82.8%"}, "target": {"value": 77.5, "text": "77.5%"},
                          "rag": "Green"}
    annual = next(i for i in data["indicators"] if pack.indicator(i["id"]).frequency.value == "annual")
    assert (annual["period"], annual["period_label"]) == ("2026-03", "2025/26")
    old = {key: value for key, value in data.items() if key != "indicators"}
    old["schema_version"] = "1.0"
    jsonschema.Draft202012Validator(load_return_schema("1.0")).validate(old)
    assert not validator.is_valid(old)          # a 1.1 return must carry its indicators
