"""The built wheel, installed in a fresh virtual environment, builds the sample pack from any working folder:
the templates travel inside the package and nothing is read from the source tree.

To stay fast the fresh environment borrows the third-party libraries of the test environment (a path
file, not an install), and the run checks that every library it imported is one the wheel declares."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

import scrutinyreport

ROOT = Path(__file__).resolve().parent.parent

# Run inside the fresh environment after a build: where the package came from, and every imported
# third-party distribution that is not in the closure of the wheel's declared requirements.
IMPORT_CHECK = """
import importlib.metadata as md, sys
from packaging.requirements import Requirement
from scrutinyreport.cli import main
import scrutinyreport
code = main(["generate", "--quiet"])
print("package:", scrutinyreport.__file__)
def closure(name, extras, seen):
    key = name.lower().replace("_", "-")
    if (key, extras) in seen:
        return seen
    seen.add((key, extras))
    for text in md.requires(name) or []:
        requirement = Requirement(text)
        if requirement.marker is None or any(requirement.marker.evaluate({"extra": e}) for e in ("", *extras)):
            closure(requirement.name, tuple(sorted(requirement.extras)), seen)
    return seen
declared = {key for key, _ in closure("scrutinyreport", (), set())}
owners = md.packages_distributions()
used = {owner.lower().replace("_", "-") for module in list(sys.modules) for owner in owners.get(module, [])}
print("undeclared:", sorted(used - declared))
sys.exit(code)
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel built from a copy of the package's sources."""
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    shutil.copytree(ROOT / "scrutinyreport", source / "scrutinyreport",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir",
                            str(root / "dist"), str(source)], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    wheel = next((root / "dist").glob("scrutinyreport-*.whl"))

    environment = root / "env"
    venv.EnvBuilder(with_pip=False).create(environment)
    python = environment / "bin" / "python"
    done = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
                           "--no-index", "--quiet", str(wheel)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (Path(site) / "borrowed-libraries.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return environment


def test_the_wheel_holds_the_templates_and_reports_its_version(installed):
    done = subprocess.run([installed / "bin" / "scrutinyreport", "--version"], capture_output=True, text=True,
                          timeout=60)
    assert done.stdout.strip() == f"scrutinyreport {scrutinyreport.__version__}"


def test_the_installed_wheel_builds_the_sample_pack_from_another_folder(installed, tmp_path):
    shutil.copytree(ROOT / "inputs", tmp_path / "inputs")
    done = subprocess.run([installed / "bin" / "python", "-c", IMPORT_CHECK], capture_output=True, text=True,
                          cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"package: {installed}" in done.stdout, done.stdout     # not the source tree
    assert "undeclared: []" in done.stdout, done.stdout
    folder = tmp_path / "out" / "2026-09"
    documents = sorted(p.name for p in folder.glob("*.docx"))
    assert documents == ["appendix-1-self-assessment-summary.docx", "appendix-2-performance-dashboard.docx",
                         "committee-update.docx", "local-account.docx"]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    figures = [o for o in manifest["outputs"] if o["path"].startswith("figures/")]
    assert len(figures) == len(list((folder / "figures").glob("*.png"))) > 40
