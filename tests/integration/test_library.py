"""The public API as the README shows it: load, analyse once, a DataFrame of the results, a pack in memory
written to a folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd

import scrutinyreport
from helpers.documents import EN
from helpers.readme import readme_example
from scrutinyreport import analyse, build_pack, load_inputs
from scrutinyreport.content.dashboard import dashboard_rows

ROOT = Path(__file__).resolve().parents[2]


def test_the_readme_notebook_example_runs_as_written(tmp_path, capsys):
    shutil.copytree(ROOT / "inputs", tmp_path / "inputs")
    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        exec(compile(readme_example(), "README.md", "exec"), {})
    finally:
        os.chdir(here)
    printed = capsys.readouterr().out
    assert "Social work posts covered by agency staff" in printed      # a Red indicator's row
    assert "StatusCounts(red=5, amber=9, green=12" in printed
    assert "'committee-update.docx'" in printed and "'local-account.docx'" in printed
    folder = tmp_path / "out" / "2026-09"
    assert (folder / "manifest.json").is_file() and (folder / "committee-update.docx").is_file()


def test_the_frame_has_numbers_as_numbers_and_one_type_of_period_a_column():
    analysis = analyse(load_inputs(ROOT / "inputs"))
    frame = analysis.to_frame()
    assert len(frame) == 29
    for column in ("target", "latest", "previous", "change"):
        assert frame[column].dtype == "float64", column
    assert str(frame["latest_period"].dtype) == "period[M]" and str(frame["previous_period"].dtype) == "period[M]"
    assert frame["latest_period_start"].dtype.kind == "M" and frame["no_new_data"].dtype == "bool"
    by_id = frame.set_index("id")
    assert by_id.loc["reablement_no_ongoing", "latest"] == 82.8
    assert by_id.loc["reablement_no_ongoing", "latest_period"] == pd.Period("2026-09", "M")
    assert by_id.loc["reablement_no_ongoing", "latest_period_label"] == "September 2026"
    quarterly = by_id.loc["ld_paid_employment"]
    assert quarterly["latest_period_label"] == "Q2 2026/27" and quarterly["previous_period_label"] == "Q1 2026/27"
    assert quarterly["latest_period"] == pd.Period("2026-09", "M")            # the quarter's last month
    assert quarterly["latest_period_start"] == pd.Timestamp("2026-07-01")     # and its first day
    annual = by_id.loc["qol_score"]
    assert annual["previous_period_label"] == "2024/25"
    assert annual["previous_period_start"] == pd.Timestamp("2024-04-01")
    assert bool(by_id.loc["hospital_discharge_days", "no_new_data"]) is True
    ordered = frame.sort_values(["latest_period_start", "id"])               # sorts across frequencies
    assert list(ordered["id"][:2]) == ["feel_safe_secure", "qol_score"]
    rows = {row.id: row for row in dashboard_rows(analysis, EN)}
    for indicator_id, row in by_id.iterrows():       # the frame says what the dashboard prints
        assert row["rag"] == rows[indicator_id].rag
        assert (row["variation"] if isinstance(row["variation"], str) else "") == rows[indicator_id].variation


def test_a_pack_built_in_memory_is_the_pack_generate_writes(sample_pack, tmp_path):
    built = build_pack(load_inputs(ROOT / "inputs"), figure_cache=tmp_path / "cache")
    for name, data in built.documents.items():     # the session's sample pack is generate's
        assert (sample_pack.folder / name).read_bytes() == data, name
    assert isinstance(built, scrutinyreport.Pack) and built.warnings == ()

