"""Shared fixtures: the repository (itself a workspace) and temp copies of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import copy_workspace


@pytest.fixture
def ws_dir(tmp_path: Path) -> Path:
    return copy_workspace(tmp_path / "ws")


# Property tests judge behaviour, not speed: a loaded 2-core machine must not
# fail them on hypothesis' default 200 ms deadline (timing lives in bench/).
from hypothesis import settings  # noqa: E402

settings.register_profile("zidocs", deadline=None)
settings.load_profile("zidocs")
