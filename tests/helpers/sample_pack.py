"""The sample pack (the repository's inputs/) as `generate` builds it, for the session's tests to share.

    sample = build_sample(root)      # root/inputs (a copy of inputs/), root/out/<period>/ (the pack)
    sample.folder / "committee-update.docx"
    sample.copy(tmp_path)            # inputs/ and out/ of one's own, to change

The shared copy is read-only by agreement (running as root, file modes cannot enforce it): ``digest()``
is taken when it is built and compared when the session ends, so a test that wrote into it fails."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from scrutinyreport.pack.generate import BuildOptions, BuildResult, generate

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_INPUTS = ROOT / "inputs"


@dataclass(frozen=True)
class SampleBuild:
    root: Path        # holds inputs/ and out/
    result: BuildResult

    @property
    def inputs(self) -> Path:
        """The copy of the sample inputs the pack was built from."""
        return self.root / "inputs"

    @property
    def out(self) -> Path:
        """The output folder given to generate (with its figure cache)."""
        return self.root / "out"

    @property
    def folder(self) -> Path:
        """The pack: out/<period>/."""
        return self.result.folder

    def files(self) -> dict[str, bytes]:
        """Every file of the pack by its path in the pack folder."""
        return {p.relative_to(self.folder).as_posix(): p.read_bytes()
                for p in sorted(self.folder.rglob("*")) if p.is_file()}

    def copy(self, target: Path) -> Path:
        """inputs/ and out/ copied into ``target``, for a test that changes them; returns ``target``."""
        shutil.copytree(self.inputs, target / "inputs")
        shutil.copytree(self.out, target / "out", symlinks=True)
        return target

    def digest(self) -> str:
        """A hash of every file name and byte under root."""
        found = hashlib.sha256()
        for path in sorted(self.root.rglob("*")):
            found.update(path.relative_to(self.root).as_posix().encode() + b"\0")
            if path.is_file():
                found.update(hashlib.sha256(path.read_bytes()).digest())
        return found.hexdigest()


def build_sample(root: Path, charts: str | None = None) -> SampleBuild:
    """The sample inputs copied into root/inputs and the pack generated from them into root/out."""
    shutil.copytree(SAMPLE_INPUTS, root / "inputs")
    return SampleBuild(root, generate(BuildOptions(inputs=root / "inputs", out=root / "out", charts=charts)))
