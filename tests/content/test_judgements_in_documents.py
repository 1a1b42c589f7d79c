"""The analysis' judgements as the documents print them: a year-to-date measure in one series (table, chart and
caption), a rebased chart saying where and why, the glossary's run lengths as the pack sets them."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers.documents import EN, planned
from scrutinyreport.analysis import analyse
from scrutinyreport.content.blocks import FigureRow, Table
from scrutinyreport.content.charts import LineChart
from scrutinyreport.content.dashboard import chart_reading, column_headers, dashboard_rows
from scrutinyreport.content.dashboard_appendix import dashboard_appendix, glossary
from scrutinyreport.loading import load_inputs

ROOT = Path(__file__).resolve().parents[2]


def test_a_year_to_date_measure_is_one_series_in_table_chart_and_caption():
    analysis = analyse(load_inputs(ROOT / "inputs"))
    item = analysis.indicator("reviews_ytd")
    assert item.spc is None and item.variation is None          # no SPC on a year-to-date total
    chart = planned(analysis)["trend-reviews_ytd"]
    assert isinstance(chart, LineChart) and not chart.spc
    assert chart.texts[-1] == "654" and chart.values[-1] == 654.0  # the table's figure is the chart's last point
    assert chart.restarts and all(chart.periods[i].month == 4 for i in chart.restarts)
    assert chart.subtitle.startswith("Year-to-date totals, restarting each April")
    row = next(r for r in dashboard_rows(analysis, EN) if r.id == "reviews_ytd")
    assert row.latest == "654"
    reading = chart_reading(row, column_headers(analysis, EN))
    assert "real change" not in reading and "654" in reading


def test_a_rebased_chart_says_where_and_why():
    analysis = analyse(load_inputs(ROOT / "inputs"))
    chart = planned(analysis)["spc-agency_social_workers"]
    assert isinstance(chart, LineChart) and chart.rebased
    assert ("Process changed January 2026: the hospital discharge team opened, staffed by agency social "
            "workers; limits worked out again from then (trial limits: 9 points so far, 12 needed for a "
            "reading).") in chart.subtitle
    assert ("September 2026: not judged, with 9 points since January 2026, too few for limits to judge by (at least "
            "12 are needed).") in chart.alt_text
    assert "changed on purpose (the hospital discharge team opened" in chart.description
    # and the dashboard charts it (it is Red), with that subtitle drawn in the picture
    dashboard = dashboard_appendix(analysis, planned(analysis), EN, 2)
    shown = [p.figure.name for block in dashboard.body if isinstance(block, FigureRow) for p in block.pictures]
    assert "spc-agency_social_workers" in shown


def test_the_glossary_gives_the_run_lengths_the_pack_uses(tmp_path):
    inputs = tmp_path / "inputs"
    shutil.copytree(ROOT / "inputs", inputs)
    pack_yaml = inputs / "pack.yaml"
    pack_yaml.write_text(pack_yaml.read_text(encoding="utf-8") + "spc:\n  shift_run: 6\n  trend_run: 6\n",
                         encoding="utf-8")
    entries = dict(glossary(analyse(load_inputs(inputs))))
    assert "6 rising or falling in a row" in entries["Common and special cause variation"]
    assert "Runs of 6 and 6 are set in pack.yaml; 7 is our default" in entries["Common and special cause variation"]
    default = dict(glossary(analyse(load_inputs(ROOT / "inputs"))))
    assert "7 rising or falling in a row" in default["Common and special cause variation"]
    assert "Byar's for a rate per population" in default["Compared with England"]


def test_the_comparison_table_says_when_a_difference_was_not_tested():
    analysis = analyse(load_inputs(ROOT / "inputs"))
    dashboard = dashboard_appendix(analysis, planned(analysis), EN, 2)
    table = next(b for b in dashboard.body if isinstance(b, Table) and b.columns[-1].header == "Compared with England")
    verdicts = {row[0].text: row[-1].text for row in table.rows}
    assert verdicts["Permanent admissions to residential and nursing care homes, aged 65+, per 100,000 (rolling "
                    "12 months) (ASCOF 2A(2))"] == "Similar"          # Byar's: 483.3 to 644.2 holds England's 566.0
    assert set(verdicts.values()) <= {"Better", "Similar", "Worse", "Higher (not tested)", "Lower (not tested)"}
