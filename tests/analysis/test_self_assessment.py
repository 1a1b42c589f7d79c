import pytest

from helpers.inputs_factory import write_inputs
from scrutinyreport.analysis.self_assessment import indicative_rating
from scrutinyreport.loading import validate_inputs
from scrutinyreport.model import QualityStatement

GOOD = """\
submitted: 2026-10-31
themes:
  - name: Working with people
    statements:
      - id: assessing_needs
        score: 3
        i_statements: ["I have care and support that is coordinated."]
        commitment: We assess needs well.
        strengths: [Quick assessments]
        areas_for_development: [Reviews overdue]
        evidence: [reablement, direct_payments]
  - statements:
      - id: safeguarding
        score: 2
adass:
  risks_and_challenges: [Demand]
  next_steps: [Peer challenge]
"""


def load(tmp_path, text):
    root = write_inputs(tmp_path / "in")
    (root / "self_assessment.yaml").write_text(text, encoding="utf-8")
    return validate_inputs(root)


def test_statements_take_the_framework_defaults_where_the_file_is_silent(tmp_path):
    result = load(tmp_path, GOOD)
    assessment = result.pack.self_assessment
    first, second = assessment.statements
    assert (first.name, first.theme, first.score) == ("Assessing needs", "Working with people", 3)
    assert (second.name, second.theme) == ("Safeguarding", "How the local authority ensures safety within the system")
    assert first.evidence == ("reablement", "direct_payments")
    assert assessment.adass.next_steps == ("Peer challenge",)
    assert assessment.submitted.isoformat() == "2026-10-31"


@pytest.mark.parametrize("change, expected", [
    (("score: 3", "score: 5"),
     "line 6, column 'themes.0.statements.0.score': found '5': expected a score of 1, 2, 3 or 4"),
    (("[reablement, direct_payments]", "[reablment]"), "found 'reablment': unknown indicator id"),
    (("id: assessing_needs", "id: something_local"), "column 'themes.0.statements.0.name'"),
    (("submitted: 2026-10-31", "submitted: soon"), "line 1, column 'submitted': found 'soon'"),
])
def test_problems_name_the_line_and_what_was_expected(tmp_path, change, expected):
    errors = [str(e) for e in load(tmp_path, GOOD.replace(*change)).problems.errors]
    assert len(errors) == 1 and expected in errors[0], errors


def test_a_missing_self_assessment_is_a_warning_not_a_crash(tmp_path):
    result = validate_inputs(write_inputs(tmp_path / "in"))
    assert result.pack.self_assessment is None
    assert any("self_assessment.yaml: not found" in str(w) for w in result.problems.warnings)


def statements(*scores):
    return [QualityStatement(f"s{i}", f"S{i}", "T", s) for i, s in enumerate(scores)]


@pytest.mark.parametrize("scores, percentage, rating", [
    ((1,) * 9, 25, "Inadequate"),
    ((2, 1, 1, 1), 31, "Inadequate"),
    ((2, 1, 2, 1, 1, 1, 1, 2), 34, "Inadequate"),
    ((2, 2, 1, 1), 38, "Inadequate"),          # 37.5 rounds to 38: the top of Inadequate
    ((2, 2, 2, 1, 1, 1, 1, 1), 34, "Inadequate"),
    ((2, 2, 2, 1), 44, "Requires improvement"),
    ((2, 2, 2, 2), 50, "Requires improvement"),
    ((3, 2, 2, 3, 2, 3, 3, 3, 3), 67, "Good"),
    ((3, 2, 2, 3), 63, "Good"),                 # 62.5 rounds to 63: the bottom of Good
    ((4, 3, 4, 3), 88, "Outstanding"),          # 87.5 rounds to 88
    ((4,) * 9, 100, "Outstanding"),
])
def test_indicative_rating_bands(scores, percentage, rating):
    result = indicative_rating(statements(*scores))
    assert (result.percentage, result.rating) == (percentage, rating)
