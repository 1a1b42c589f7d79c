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


FIXTURE_SELF_ASSESSMENT = """\
submitted: 2025-08-29
themes:
  - name: Working with people
    statements:
      - id: assessing_needs
        score: 3
        i_statements: ["I have care and support that is coordinated."]
        commitment: "We assess needs with people & their carers."
        strengths: ["Waits > 28 days fell; <none> of this is markup; {{ not a tag }} prints as written."]
        areas_for_development: [Reviews are overdue.]
        evidence: [reablement, direct_payments, concerns]
  - name: Leadership
    statements:
      - id: governance
        score: 2
        i_statements: []
        commitment: We govern well.
        strengths: []
        areas_for_development: [Agency staff.]
        evidence: []
adass:
  risks_and_challenges: [Demand is rising.]
  innovations_and_achievements: [Therapy-led reablement.]
  proud_of: [Our reablement service.]
  working_to_improve: [Reviews.]
  next_steps: [Peer challenge in the autumn.]
"""


INDICATOR_ROWS = "indicator_id,value,numerator,denominator,commentary\n"


def month(reablement: str, concerns: str) -> str:
    """reablement as 'value,numerator,denominator'; concerns a count."""
    return (INDICATOR_ROWS + f"reablement,{reablement},\ndirect_payments,27%,,,\nadmissions_65,540.2,,,\n"
            f"concerns,{concerns},,,\nspend_per_client,10080,,,\nreviews_ytd,120,,,\n")


def small_numbers_inputs(root: Path, rounding: str) -> Path:
    """March 2025 and March 2026: reablement 3 of 4 people (75.0%) and 3 safeguarding concerns in March
    2026; a support group of 3 people in 2024/25; a benchmark with a denominator of 4."""
    pack_yaml = PACK_YAML + f"""\
public_summary:
  indicators: [reablement, direct_payments, concerns]
local_account:
  area: Testshire
  meanings:
    reablement: Help at home for a few weeks after a stay in hospital.
  contact:
    - "Email: views@testshire.example.gov.uk"
disclosure:
  threshold: 5
  rounding: {rounding}
"""
    inputs = write_inputs(root, pack_yaml=pack_yaml, months={
        "2025-03": month("78.0,39,50", "12"), "2026-03": month("75.0,3,4", "3")})
    (inputs / "self_assessment.yaml").write_text(FIXTURE_SELF_ASSESSMENT, encoding="utf-8")
    (inputs / "activity.csv").write_text(
        "year,client_group,people,breakdown\n"
        "2024/25,Physical support,120,\n2024/25,Sensory support,3,\n2024/25,Learning disability support,40,\n"
        "2024/25,Mental health support,22,\n"
        "2025/26,Physical support,131,\n2025/26,Sensory support,8,\n2025/26,Learning disability support,43,\n"
        "2025/26,Mental health support,27,\n"
        "2024/25,Aged 18 to 64,57,age_group\n2024/25,Aged 65 and over,128,age_group\n"
        "2025/26,Aged 18 to 64,61,age_group\n2025/26,Aged 65 and over,148,age_group\n", encoding="utf-8")
    (inputs / "finance.csv").write_text(          # a v1 file: no kind column, so every row is spending
        "year,category,amount\n2024/25,Care packages,41000000\n2024/25,Staffing,9000000\n"
        "2025/26,Care packages,42000000\n2025/26,Staffing,9500000\n", encoding="utf-8")
    (inputs / "benchmarks.csv").write_text(
        "indicator_id,year,council,england,region,comparator,rank,rank_of,council_numerator,council_denominator\n"
        "reablement,2024/25,75.0,77.9,79.8,79.1,120,153,3,4\n"
        "direct_payments,2024/25,26.1,25.3,23.6,24.8,52,153,598,2291\n"
        "admissions_65,2024/25,612.3,560.8,538.2,590.1,131,153,,\n", encoding="utf-8")
    return inputs
