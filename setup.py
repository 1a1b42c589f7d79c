"""One build step on top of pyproject.toml (which holds everything else): the wheel carries the sample inputs
(inputs/) and the input contract (docs/inputs.md) inside the package, as scrutinyreport/sample/, for
`scrutinyreport init`. The repository keeps one copy of each, where `python generate.py` and the docs read
them; an editable install (pip install -e .) reads them there too."""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
SAMPLE = {"inputs": HERE / "inputs", "inputs.md": HERE / "docs" / "inputs.md"}
LEFT_OUT = shutil.ignore_patterns("__pycache__", "*.pyc", "~$*", ".~lock.*", "*.tmp", ".DS_Store", "Thumbs.db")


class BuildWithSample(build_py):
    """build_py, then the sample copied into the built package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return   # an editable install reads the repository's own copy
        target = Path(self.build_lib) / "scrutinyreport" / "sample"
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        for name, source in SAMPLE.items():
            if source.is_dir():
                shutil.copytree(source, target / name, ignore=LEFT_OUT)
            else:
                shutil.copy2(source, target / name)


setup(cmdclass={"build_py": BuildWithSample})
