"""The sample pack's documents, the `summary` command and the regional return agree on every figure: they
all print the one analysis."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from helpers.documents import EN
from scrutinyreport.analysis import analyse
from scrutinyreport.content.dashboard import column_headers, dashboard_rows
from scrutinyreport.loading import load_inputs

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def sample(sample_pack):
    pack = load_inputs(ROOT / "inputs")
    by_path = sample_pack.files()
    documents = {path: docx.Document(io.BytesIO(data)) for path, data in by_path.items() if path.endswith(".docx")}
    return analyse(pack), documents, json.loads(by_path["self-assessment-return.json"])


def table_rows(document) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]


def test_the_dashboard_tables_print_the_summary_rows(sample):
    analysis, documents, _ = sample
    previous, latest = column_headers(analysis, EN)
    rows = table_rows(documents["appendix-2-performance-dashboard.docx"])
    done = subprocess.run([sys.executable, "-m", "scrutinyreport.cli", "summary", "--format", "csv"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    printed = {row["id"]: row for row in csv.DictReader(io.StringIO(done.stdout))}
    for row in dashboard_rows(analysis, EN):
        word = next(r for r in rows if r[0].startswith(row.title) and len(r) == 8)
        assert word[1:6] == [f"{row.arrow} {row.direction}".strip(), row.rag, row.target,
                             row.previous_cell(previous), row.latest_cell(latest)]
        assert printed[row.id]["rag"] == row.rag and printed[row.id]["target"] == row.target
        assert printed[row.id]["latest"].split(" (")[0] == row.latest
        assert printed[row.id]["latest_period"] == row.latest_period
    late = next(r for r in dashboard_rows(analysis, EN) if r.id == "hospital_discharge_days")
    assert late.latest_cell(latest) == "2.2 (August 2026, no new data)"


def test_the_return_and_the_self_assessment_print_the_dashboards_figures(sample):
    analysis, documents, data = sample
    _, latest = column_headers(analysis, EN)
    by_id = {row.id: row for row in dashboard_rows(analysis, EN)}
    evidence = [e for theme in data["themes"] for s in theme["statements"] for e in s["evidence"]]
    assert evidence
    appendix = table_rows(documents["appendix-1-self-assessment-summary.docx"])
    for item in evidence:
        row = by_id[item["indicator_id"]]
        assert item["latest"]["text"] == row.latest_cell(latest)
        assert (item["rag"], item["target"]["text"]) == (row.rag, row.target)
        assert [row.latest_cell(latest), row.target, row.rag, f"{row.arrow} {row.direction}".strip()] in \
            [r[1:] for r in appendix if r[0].startswith(row.title)]
    assert data["indicative_rating"]["total"] == analysis.rating.total


def test_the_committee_update_quotes_the_same_counts(sample):
    analysis, documents, _ = sample
    text = " ".join(p.text for p in documents["committee-update.docx"].paragraphs)
    counts = analysis.counts
    assert f"including the {counts.red} indicators rated Red" in text
    assert (f"Of the {counts.total} indicators in the dashboard, {counts.green} are on target (Green), "
            f"{counts.amber} are close to target (Amber) and {counts.red} are off target (Red).") in text
    assert (f"Against each indicator's previous figure (for most, the committee's previous report in March 2026; "
            f"the dashboard shows where it is another quarter or year), {counts.improving} indicators have "
            f"improved and {counts.worsening} have worsened.") in text
    dashboard = " ".join(p.text for p in documents["appendix-2-performance-dashboard.docx"].paragraphs)
    assert f"{counts.improving} improved and {counts.worsening} worsened" in dashboard


def test_the_sample_readme_states_the_counts_the_data_gives(sample):
    analysis, _, _ = sample
    readme = (ROOT / "inputs" / "README.md").read_text(encoding="utf-8")
    stated = re.search(r"In September 2026: (\d+) indicators are Green, (\d+) Amber, (\d+) Red and (\d+) have no "
                       r"target\. Compared with the\s+previous report \(March 2026, pack\.yaml's "
                       r"`previous_period`: the committee\s+meets twice a year\), (\d+)\s+improved and (\d+) "
                       r"worsened", readme)
    assert stated, "the sample README no longer states its RAG counts in the expected words"
    counts = analysis.counts
    assert tuple(map(int, stated.groups())) == (counts.green, counts.amber, counts.red, counts.no_target,
                                                counts.improving, counts.worsening)
    assert counts.no_data == 0
