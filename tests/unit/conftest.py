"""Fixtures shared by the unit tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import copy_tiny


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A fresh, writable copy of the tiny valid data directory."""
    return copy_tiny(tmp_path / "data")
