"""Councils' returns made by the library itself from copies of the sample inputs, each council with its own
name, scores and figures: what a region receives."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

from helpers.documents import EN
from scrutinyreport.analysis import analyse
from scrutinyreport.content.regional_return import regional_return
from scrutinyreport.loading import load_inputs

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "inputs"


def council_inputs(root: Path, council: str, scores: list[int] | None = None, values: dict[str, str] | None = None,
                   period: str | None = None, risk: str | None = None) -> Path:
    """A copy of the sample inputs for another council: its name, its scores (in statement order), some of
    its figures in its reporting month (indicator id -> value, numerator and denominator cleared), its reporting month
    and a first risk of its own."""
    shutil.copytree(SAMPLE, root)
    pack = root / "pack.yaml"
    text = pack.read_text(encoding="utf-8").replace("council: Fenmoor City Council", f"council: {council}")
    if period:
        text = re.sub(r"(?m)^period: .*$", f"period: {period}", text)
    pack.write_text(text, encoding="utf-8")
    assessment = root / "self_assessment.yaml"
    text = assessment.read_text(encoding="utf-8")
    if scores:
        found = iter(scores)
        text = re.sub(r"(?m)^(\s+score: )\d", lambda m: m.group(1) + str(next(found)), text)
    if risk:
        text = re.sub(r"(?m)^(  risks_and_challenges:\n)", lambda m: m.group(1) + f'    - "{risk}"\n', text)
    assessment.write_text(text, encoding="utf-8")
    if values:
        month = root / "monthly" / f"{period or '2026-09'}.csv"
        rows = list(csv.reader(io.StringIO(month.read_text(encoding="utf-8-sig"))))
        for row in rows[1:]:
            if row[0] in values:
                row[1:4] = [values[row[0]], "", ""]
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(rows)
        month.write_text(buffer.getvalue(), encoding="utf-8")
    return root


def write_return(path: Path, data: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def as_version_1_0(data: dict) -> dict:
    """What the library wrote before schema 1.1: no key indicators."""
    old = {key: value for key, value in data.items() if key != "indicators"}
    old["schema_version"] = "1.0"
    return old


COUNCILS = {
    # file stem: (council, scores of the nine statements, figures, reporting month, version)
    "fenmoor": ("Fenmoor City Council", None, None, None, "1.1"),
    "ashby": ("Ashby County Council", [4, 4, 3, 4, 4, 3, 4, 3, 4],
              {"reablement_no_ongoing": "71.5%", "direct_payments": "31.2%", "still_home_91_days": "88.0%"},
              None, "1.1"),
    "oxley": ("Oxley Borough Council", [1, 2, 1, 1, 2, 1, 1, 2, 1],
              {"direct_payments": "19.9%"}, "2026-08", "1.1"),
    "brindle": ("Brindle District Council", [4, 3, 2, 4, 3, 2, 4, 3, 2], {"reablement_no_ongoing": "90.1%"},
                None, "1.0"),
}


def make_returns(tmp: Path) -> dict[str, dict]:
    """Four councils' returns (three 1.1, one 1.0) in tmp/returns/<stem>.json; returns stem -> JSON data."""
    made = {}
    for stem, (council, scores, values, period, version) in COUNCILS.items():
        inputs = council_inputs(tmp / "inputs" / stem, council, scores, values, period,
                                risk=f"Agency staff costs in {council} rose by a fifth.")
        data = regional_return(analyse(load_inputs(inputs)), EN)
        if version == "1.0":
            data = as_version_1_0(data)
        write_return(tmp / "returns" / f"{stem}.json", data)
        made[stem] = data
    return made
