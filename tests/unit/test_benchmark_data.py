"""The benchmark data generator: deterministic, and valid for the validator at 1× and 10×."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.generate import counts_for, generate
from tracker import load_dataset
from tracker.cli import main as tracker_cli

from .support import TABLE_FILES


def _files(directory: Path) -> dict[str, bytes]:
    return {name: (directory / name).read_bytes() for name in TABLE_FILES}


@pytest.mark.parametrize("scale", [1, 10])
def test_same_seed_gives_same_bytes(tmp_path: Path, scale: int) -> None:
    generate(scale, tmp_path / "a", seed=3)
    generate(scale, tmp_path / "b", seed=3)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")


def test_other_seed_gives_other_data(tmp_path: Path) -> None:
    generate(10, tmp_path / "a", seed=0)
    generate(10, tmp_path / "b", seed=1)
    assert _files(tmp_path / "a")["cities.csv"] != _files(tmp_path / "b")["cities.csv"]


@pytest.mark.parametrize("scale", [1, 10])
def test_generated_data_is_valid_without_warnings(tmp_path: Path, scale: int) -> None:
    directory = tmp_path / f"x{scale}"
    expected = generate(scale, directory)
    assert tracker_cli(["validate", str(directory)]) == 0
    result = load_dataset(directory)
    assert result.ok
    assert result.problems == []
    model = result.model
    assert model is not None
    assert len(model.cities) == expected.cities == 13 * scale
    assert len(model.programmes) == expected.programmes
    assert len(model.focus_areas) == expected.focus_areas
    assert len(model.participation) == expected.participation
    assert len(model.milestones) == expected.milestones
    assert len(model.sources) == expected.sources
    assert model.cities["city_id"].is_unique
    assert model.coverage["status"].isin(["in", "limited"]).sum() == expected.participation


def test_one_times_has_the_real_counts() -> None:
    counts = counts_for(1)
    assert (counts.cities, counts.programmes, counts.focus_areas) == (13, 3, 13)
    assert (counts.participation, counts.milestones, counts.sources) == (4, 9, 9)


def test_thousand_times_is_thirteen_thousand_cities() -> None:
    counts = counts_for(1000)
    assert counts.cities == 13_000
    assert 0.25 <= counts.participation / counts.cities <= 0.35
    assert 0.6 <= counts.milestones / counts.cities <= 0.8


def test_cities_lie_in_china_extent(tmp_path: Path) -> None:
    generate(10, tmp_path / "x")
    cities = load_dataset(tmp_path / "x").model.cities  # type: ignore[union-attr]
    assert cities["longitude"].between(73.0, 136.0).all()
    assert cities["latitude"].between(3.0, 54.0).all()
