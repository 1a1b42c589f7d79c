"""The integration tests' small pack: inputs with a narrative, built once through the command line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers.hardening import NARRATIVE, cli
from helpers.inputs_factory import write_inputs


@pytest.fixture(scope="session")
def small_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Inputs with a narrative (in/), and the pack built from them once (out/): never written to; a test
    takes a copy (``work``)."""
    base = tmp_path_factory.mktemp("small-pack")
    root = write_inputs(base / "in")
    (root / "narrative").mkdir()
    (root / "narrative" / "background.md").write_text(NARRATIVE, encoding="utf-8")
    done = cli("generate", "--inputs", str(root), "--out", str(base / "out"), "--quiet")
    assert done.returncode == 0, done.stderr
    return base


@pytest.fixture
def work(small_pack: Path, tmp_path: Path) -> Path:
    """A copy of the small pack and its inputs for one test to change."""
    shutil.copytree(small_pack, tmp_path / "w", symlinks=True)
    return tmp_path / "w"
