"""Shared fixtures: the repository (itself a workspace) and temp copies of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import copy_workspace


@pytest.fixture
def ws_dir(tmp_path: Path) -> Path:
    return copy_workspace(tmp_path / "ws")
