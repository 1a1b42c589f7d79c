"""The README's first screen is what new users and CI run: build the sample with Python alone (and its
Windows spelling), start one's own with init, run the tests; its contents list leads to real sections."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def first_screen_commands() -> list[str]:
    top = readme().split("## Contents", 1)[0]
    return [line.strip() for line in top.splitlines() if line.startswith("    ") and line.strip()]


def test_the_first_screen_builds_the_sample_starts_your_own_and_runs_the_tests():
    build, windows, start, test = first_screen_commands()
    assert build == "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/scrutinyreport generate"
    assert "setup.sh" not in build and "apt" not in build          # Python alone: no administrator rights
    assert windows == ("py -m venv .venv && .venv\\Scripts\\pip install -e . && "
                       ".venv\\Scripts\\scrutinyreport generate")
    assert " init " in start and "generate" in start
    assert test.startswith("sh setup.sh --test && ") and "pytest" in test


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert first_screen_commands()[3] in [line.strip() for line in ci]


def anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_the_contents_list_leads_to_real_sections_and_the_input_contract():
    text = readme()
    anchors = {anchor(line.lstrip("#")) for line in text.splitlines() if line.startswith("## ")}
    contents = text.split("## Contents", 1)[1].split("\n## ", 1)[0]
    links = re.findall(r"\]\(#([^)]+)\)", contents)
    assert len(links) >= 10 and set(links) <= anchors, set(links) - anchors
    assert "(docs/inputs.md)" in contents and (ROOT / "docs" / "inputs.md").is_file()
