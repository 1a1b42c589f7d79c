"""The README's two opening commands are the ones CI and new users run."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def commands() -> list[str]:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.startswith("    ") and line.strip()][:2]


def test_readme_opens_with_setup_and_generate_then_setup_and_test():
    generate, test = commands()
    assert generate == "sh setup.sh && .venv/bin/python generate.py"
    assert test.startswith("sh setup.sh --test && ") and "pytest" in test


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert commands()[1] in [line.strip() for line in ci]
