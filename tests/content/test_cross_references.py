"""Cross-references that cannot dangle: chart() and appendix() in narrative print what the pack numbers, a
reference to a chart the dashboard does not draw is an error with the file and line, and section 11 lists
every document of the pack."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers.documents import EN, planned
from scrutinyreport import validate_inputs
from scrutinyreport.analysis import analyse
from scrutinyreport.content.committee_update import narrative_problems
from scrutinyreport.content.cross_references import appendices, references
from scrutinyreport.content.dashboard_appendix import dashboard_appendix
from scrutinyreport.errors import MissingReference, Reason
from scrutinyreport.loading import load_inputs

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def sample():
    analysis = analyse(load_inputs(ROOT / "inputs"))
    dashboard = dashboard_appendix(analysis, planned(analysis), EN, 2)
    return analysis, dashboard, references(analysis, dashboard)


def test_a_chart_is_named_by_its_number_in_the_dashboard(sample):
    analysis, dashboard, refs = sample
    captions = [caption for block in dashboard.body if hasattr(block, "captions") for caption in block.captions]
    number = next(n for n, text in captions if text.startswith("Carers assessed or reviewed"))
    assert refs.chart("carers_assessed_rate") == f"Figure {number} in Appendix 2"
    assert refs.appendix("dashboard") == "Appendix 2" and refs.appendix("local_account") == "Appendix 3"


def test_a_chart_the_dashboard_does_not_draw_is_refused(sample):
    _, _, refs = sample
    with pytest.raises(MissingReference, match="the dashboard draws no chart for this indicator"):
        refs.chart("contacts_front_door")          # neither an exception nor in spotlight
    with pytest.raises(MissingReference, match="no such document"):
        refs.appendix("budget")


def test_without_a_self_assessment_the_appendices_renumber(tmp_path):
    inputs = tmp_path / "inputs"
    shutil.copytree(ROOT / "inputs", inputs)
    (inputs / "self_assessment.yaml").unlink()
    (inputs / "pack.yaml").write_text((inputs / "pack.yaml").read_text(encoding="utf-8").replace(
        " ({{ appendix('self_assessment') }})", "").replace("self_assessment: self_assessment.yaml\n", ""),
        encoding="utf-8")
    analysis = analyse(load_inputs(inputs))
    assert [(a.key, a.number) for a in appendices(analysis)] == [("dashboard", 1), ("local_account", 2)]
    problems = narrative_problems(analysis, EN, "inputs/pack.yaml")
    # the narrative still points at the self-assessment appendix: each such reference is named by file and line
    assert problems and all("appendix('self_assessment')" in p.message for p in problems)
    assert {(p.source.rsplit("/", 1)[-1], p.line) for p in problems} == {("background.md", 31)}


def test_validate_names_a_reference_to_a_chart_that_is_not_drawn(tmp_path):
    inputs = tmp_path / "inputs"
    shutil.copytree(ROOT / "inputs", inputs)
    pack_yaml = inputs / "pack.yaml"
    pack_yaml.write_text(pack_yaml.read_text(encoding="utf-8").replace("spotlight:", "spotlight_off:"),
                         encoding="utf-8")
    result = validate_inputs(inputs)
    errors = [p for p in result.problems.errors if p.reason is Reason.NARRATIVE]
    assert len(errors) == 1
    assert errors[0].file.endswith("narrative/background.md") and errors[0].line == 58
    assert "chart('carers_assessed_rate'): the dashboard draws no chart" in errors[0].message


def test_section_11_lists_every_document_and_the_references_print(sample_pack):
    import docx

    document = docx.Document(str(sample_pack.folder / "committee-update.docx"))
    text = [p.text for p in document.paragraphs]
    assert ["Appendix 1: Self-assessment summary", "Appendix 2: Performance dashboard",
            "Appendix 3: Local Account (for publication)"] == [t for t in text if t.startswith("Appendix ")]
    assert any("so its chart (Figure 4 in Appendix 2) shows the trend" in t for t in text)
    assert any("The performance dashboard at Appendix 2 shows" in t for t in text)


def test_the_comparisons_the_narrative_quotes_are_the_dashboards(sample):
    """{{ england.* }} counts the dashboard's verdicts, and {{ indicators.ID.compared }} is the verdict its
    comparison table prints, so the committee update and the dashboard cannot disagree."""
    from scrutinyreport.content.dashboard import comparison_rows
    from scrutinyreport.content.live_figures import live_figures

    analysis, _, _ = sample
    figures, rows = live_figures(analysis, EN), comparison_rows(analysis, EN)
    verdicts = [row.verdict for row in rows]
    assert figures["england"] == {"year": "2024/25", "total": len(rows), "better": verdicts.count("Better"),
                                  "similar": verdicts.count("Similar"), "worse": verdicts.count("Worse"),
                                  "not_judged": 0}
    assert (figures["england"]["better"], figures["england"]["similar"], figures["england"]["worse"]) == (1, 7, 2)
    for row in rows:
        quoted = figures["indicators"][row.id]
        assert (quoted["compared"], quoted["england"], quoted["benchmark"]) == (row.verdict, row.england, row.council)
    assert figures["indicators"]["still_home_91_days"]["rank"] == "138 of 153"
    assert "compared" not in figures["indicators"]["first_contact_resolution"]   # not benchmarked: an error


def test_quoting_a_comparison_for_a_measure_without_one_names_file_and_line(tmp_path):
    inputs = tmp_path / "inputs"
    shutil.copytree(ROOT / "inputs", inputs)
    origin = inputs / "narrative" / "origin.md"
    quoted = "\nWe compare {{ indicators.first_contact_resolution.england }}.\n"
    origin.write_text(origin.read_text(encoding="utf-8") + quoted, encoding="utf-8")
    result = validate_inputs(inputs)
    errors = [p for p in result.problems.errors if p.file.endswith("narrative/origin.md")]
    assert len(errors) == 1 and errors[0].line == len(origin.read_text(encoding="utf-8").splitlines())
    assert errors[0].message == ("'first_contact_resolution' has no published comparison with England to quote "
                                 "(benchmarks.csv): add its row, or take the figure out")
    assert errors[0].reason is Reason.NARRATIVE


def test_without_benchmarks_a_quoted_comparison_is_named(tmp_path):
    inputs = tmp_path / "inputs"
    shutil.copytree(ROOT / "inputs", inputs)
    (inputs / "benchmarks.csv").unlink()
    origin = inputs / "narrative" / "origin.md"
    origin.write_text(origin.read_text(encoding="utf-8") + "\nOf {{ england.total }} measures, direct payments "
                      "({{ indicators.direct_payments.england }} in England).\n", encoding="utf-8")
    errors = [p for p in validate_inputs(inputs).problems.errors if p.file.endswith("narrative/origin.md")]
    found = {p.found for p in errors}
    assert "{{ england.total }}" in found and "{{ indicators.direct_payments.england }}" in found
    assert all(p.line for p in errors) and all(p.reason is Reason.NARRATIVE for p in errors)
    assert any("there are no comparisons with England to quote (benchmarks.csv)" in p.message for p in errors)
