"""Builds small, real inputs folders on disk for tests: valid by default, broken one cell at a time."""

from __future__ import annotations

from pathlib import Path

PACK_YAML = """\
council: Testshire County Council
committee: Adults Scrutiny Committee
meeting_date: 2026-01-13
report_title: Adult social care performance
author:
  name: Performance Lead
  role: Head of Performance
  email: performance@testshire.example.gov.uk
cabinet_member: Councillor Example, Cabinet Member for Adult Social Care
locale: en_GB
population:
  "18+": 100000
  "65+": 20000
"""

INDICATORS = """\
id,title,theme,unit,polarity,target,amber_tolerance,decimals,ascof,cumulative,population_group
reablement,People who did not need long-term support after reablement,Prevention,percent,higher_is_better,77.5,5,1,2D,,
direct_payments,People receiving direct payments,Long-term support,percent,higher_is_better,25,10%,0,1C(2A),,
admissions_65,"Permanent admissions 65+ per 100,000",Long-term support,rate_per_100k,lower_is_better,550,,1,2A(2),,65+
concerns,Safeguarding concerns received,Safeguarding,count,neutral,,,0,,,
spend_per_client,Gross spend per client,Long-term support,currency,lower_is_better,10000,500,0,,,
reviews_ytd,Reviews completed year to date,Long-term support,count,higher_is_better,,,0,,yes,
"""


def month_csv(reablement: str = "80.5", direct: str = "27%", admissions: str = "540.2", concerns: str = "1,924",
              spend: str = "\u00a310,080", reviews: str = "120", commentary: str = "") -> str:
    quoted = '"' + commentary.replace('"', '""') + '"'   # as a spreadsheet quotes a text cell
    return ("indicator_id,value,numerator,denominator,commentary\n"
            f"reablement,{reablement},,,{quoted}\n"
            f"direct_payments,{direct},,,\n"
            f"admissions_65,{admissions},,,\n"
            f"concerns,\"{concerns}\",,,\n"
            f"spend_per_client,\"{spend}\",,,\n"
            f"reviews_ytd,{reviews},,,\n")


def write_inputs(root: Path, months: dict[str, str] | None = None, indicators: str = INDICATORS,
                 pack_yaml: str = PACK_YAML, encoding: str = "utf-8") -> Path:
    """An inputs folder with pack.yaml, indicators.csv and monthly files (default: two good months)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pack.yaml").write_text(pack_yaml, encoding="utf-8")
    (root / "indicators.csv").write_text(indicators, encoding="utf-8")
    monthly = root / "monthly"
    monthly.mkdir(exist_ok=True)
    if months is None:
        months = {"2025-06": month_csv(reablement="79.0", direct="26%", concerns="1,850", reviews="90"),
                  "2025-07": month_csv()}
    for name, text in months.items():
        (monthly / f"{name}.csv").write_bytes(text.encode(encoding))
    return root
