"""The built wheel, installed in a fresh virtual environment, builds the sample pack from any working folder:
the templates and the charts' font travel inside the package and nothing is read from the source tree or
the system's fonts.

To stay fast the fresh environment borrows the third-party libraries of the test environment (a path
file, not an install), and the run checks that every library it imported is one the wheel declares."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

import scrutinyreport

ROOT = Path(__file__).resolve().parents[2]

# Run inside the fresh environment after a build: where the package came from, and every imported
# third-party distribution that is not in the closure of the wheel's declared requirements.
IMPORT_CHECK = """
import importlib.metadata as md, json, sys
from matplotlib import font_manager
from packaging.requirements import Requirement
print("system Liberation fonts:", sorted(e.fname for e in font_manager.fontManager.ttflist if "Liberation" in e.name))
from scrutinyreport.cli import main
import scrutinyreport
code = main(["generate", "--quiet"])
print("package:", scrutinyreport.__file__)
from scrutinyreport.figures import style
print("font files:", json.dumps(list(style.font_files())))
used = {e.fname for e in font_manager.fontManager.ttflist if e.name == style.FONT_FAMILY}
print("fonts matplotlib knows for the family:", json.dumps(sorted(used)))
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


def without_pythonpath() -> dict[str, str]:
    """This environment without PYTHONPATH: one that names the source tree would be imported before the wheel."""
    return {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel built from a copy of the package's sources."""
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    for folder in ("scrutinyreport", "inputs", "docs"):
        shutil.copytree(ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir",
                            str(root / "dist"), str(source)], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    wheel = next((root / "dist").glob("scrutinyreport-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert {"scrutinyreport/figures/fonts/LiberationSans-Regular.ttf", "scrutinyreport/figures/fonts/OFL.txt",
            "scrutinyreport/sample/inputs/pack.yaml", "scrutinyreport/sample/inputs/monthly/2026-09.csv",
            "scrutinyreport/sample/inputs.md"} <= names, sorted(names)
    assert any(name.endswith(".dist-info/licenses/scrutinyreport/figures/fonts/OFL.txt") for name in names), names

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
                          timeout=60, env=without_pythonpath())
    assert done.stdout.strip() == f"scrutinyreport {scrutinyreport.__version__}"


def no_system_fonts(python: Path, folder: Path) -> dict[str, str]:
    """An environment in which matplotlib knows no font but its own, as on a machine without Liberation Sans:
    a font cache made while system fonts were ignored (matplotlib's MPL_IGNORE_SYSTEM_FONTS, which also
    narrows every look-up to matplotlib's own folder, so it is unset for the run itself), an empty fontconfig
    configuration (should the cache be made again) and a home with no fonts."""
    for name in ("mplconfig", "home", "xdg"):
        (folder / name).mkdir()
    (folder / "fonts.conf").write_text("<?xml version='1.0'?>\n<fontconfig></fontconfig>\n")
    environment = {**without_pythonpath(), "MPLCONFIGDIR": str(folder / "mplconfig"),
                   "FONTCONFIG_FILE": str(folder / "fonts.conf"), "FONTCONFIG_PATH": str(folder),
                   "HOME": str(folder / "home"), "XDG_DATA_HOME": str(folder / "xdg")}
    subprocess.run([python, "-c", "import matplotlib.font_manager"], check=True, timeout=120,
                   env={**environment, "MPL_IGNORE_SYSTEM_FONTS": "1"})
    assert list((folder / "mplconfig").glob("fontlist-*.json")), "no font cache was made"
    return environment


def figure_hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("figures/*.png"))}


def test_the_installed_wheel_starts_a_folder_and_builds_its_pack_there(installed, tmp_path):
    """init, then generate, from an empty folder: the sample travels in the wheel."""
    (tmp_path / "env").mkdir()
    started = subprocess.run([installed / "bin" / "scrutinyreport", "init"], capture_output=True, text=True,
                             cwd=tmp_path, timeout=60, env=without_pythonpath())
    assert started.returncode == 0, started.stderr
    assert (tmp_path / "inputs" / "pack.yaml").read_bytes() == (ROOT / "inputs" / "pack.yaml").read_bytes()
    assert (tmp_path / "INPUTS.md").read_bytes() == (ROOT / "docs" / "inputs.md").read_bytes()
    python = installed / "bin" / "python"
    done = subprocess.run([python, "-c", IMPORT_CHECK], capture_output=True, text=True, cwd=tmp_path, timeout=300,
                          env=no_system_fonts(python, tmp_path / "env"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"package: {installed}" in done.stdout, done.stdout     # not the source tree
    assert "undeclared: []" in done.stdout, done.stdout
    # no Liberation font to be found on the system, and the charts drawn in the one the package carries
    assert "system Liberation fonts: []" in done.stdout, done.stdout
    shipped = [line.split(": ", 1)[1] for line in done.stdout.splitlines() if line.startswith("font files: ")]
    files = json.loads(shipped[0])
    assert [Path(f).name for f in files] == ["LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"]
    assert all(Path(f).is_relative_to(installed) for f in files), files
    assert f"fonts matplotlib knows for the family: {json.dumps(sorted(files))}" in done.stdout, done.stdout
    folder = tmp_path / "out" / "2026-09"
    documents = sorted(p.name for p in folder.glob("*.docx"))
    assert documents == ["appendix-1-self-assessment-summary.docx", "appendix-2-performance-dashboard.docx",
                         "committee-update.docx", "local-account.docx"]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    figures = [o for o in manifest["outputs"] if o["path"].startswith("figures/")]
    assert len(figures) == len(list((folder / "figures").glob("*.png"))) > 40
    # the same charts, byte for byte, as this environment draws (in the same font, from the source tree)
    here = subprocess.run([sys.executable, "-m", "scrutinyreport", "generate", "--quiet", "--inputs",
                           str(ROOT / "inputs"), "--out", str(tmp_path / "here")], capture_output=True, text=True,
                          timeout=300)
    assert here.returncode == 0, here.stderr
    assert figure_hashes(folder) == figure_hashes(tmp_path / "here" / "2026-09")
