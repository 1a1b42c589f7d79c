"""Fixtures shared across the test folders (LibreOffice's profile for the session, the sample pack built
once) and the markers applied by what a test uses."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers.sample_pack import SampleBuild, build_sample


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that uses LibreOffice's profile starts LibreOffice: marked ``libreoffice``."""
    for item in items:
        if "soffice_profile" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.libreoffice)


@pytest.fixture(scope="session")
def soffice_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A LibreOffice user profile of the test session's own, so a stale or busy profile cannot hang it."""
    return tmp_path_factory.mktemp("soffice-profile")


def _shared(build: SampleBuild) -> Iterator[SampleBuild]:
    before = build.digest()
    yield build
    assert build.digest() == before, f"a test wrote into the shared sample pack in {build.root}: take a copy"


@pytest.fixture(scope="session")
def sample_pack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SampleBuild]:
    """The sample pack as `generate` builds it (native charts), once a session: read it, never write to
    it (``sample_pack_copy`` is a copy of one's own)."""
    yield from _shared(build_sample(tmp_path_factory.mktemp("sample-pack")))


@pytest.fixture(scope="session")
def sample_pack_pictures(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SampleBuild]:
    """The sample pack built with ``--charts picture``, once a session; read-only as ``sample_pack``."""
    yield from _shared(build_sample(tmp_path_factory.mktemp("sample-pack-pictures"), charts="picture"))


@pytest.fixture
def sample_pack_copy(sample_pack: SampleBuild, tmp_path: Path) -> Path:
    """A copy of the sample pack's inputs/ and out/ (with its figure cache) for one test to change."""
    return sample_pack.copy(tmp_path / "sample")
