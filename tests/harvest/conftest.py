"""The harvest's tests share the session's sample pack, each module with scratch inputs of its own."""

from __future__ import annotations

import pytest

from helpers.round_trip import SamplePack
from helpers.sample_pack import SampleBuild


@pytest.fixture(scope="module")
def pack(sample_pack: SampleBuild, tmp_path_factory: pytest.TempPathFactory) -> SamplePack:
    """The sample pack to review, harvest (a dry run) and regenerate from."""
    return SamplePack(sample_pack, tmp_path_factory.mktemp("pack"))
