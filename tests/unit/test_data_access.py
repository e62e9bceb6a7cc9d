"""The cached loader's last-good store: bounded, most recently used kept."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st

from components import data_access
from components.data_access import SLOTS, load_app_data

from .support import copy_tiny, drop_column, set_cell, tiny_text, write


@pytest.fixture(autouse=True)
def _fresh_store() -> None:
    st.cache_data.clear()
    data_access._LAST_GOOD.clear()


def _upload(n: int) -> dict[str, bytes]:
    """A valid upload set of its own: the tiny cities with one city renamed ``City n``."""
    return {"cities.csv": set_cell(tiny_text("cities.csv"), 2, "name_en", f"City {n}").encode("utf-8")}


def _name(data: data_access.AppData) -> str:
    assert data.model is not None
    return str(data.model.cities["name_en"].iloc[0])


def test_last_good_keeps_the_most_recent_upload_sets_only(tmp_path: Path) -> None:
    directory = copy_tiny(tmp_path / "data")
    for n in range(SLOTS + 5):  # more upload sets than slots, as many sessions uploading would
        assert not load_app_data(directory, _upload(n)).stale
    load_app_data(directory, _upload(5))  # used again: the most recent now
    assert len(data_access._LAST_GOOD) == SLOTS

    write(directory, "programmes.csv", drop_column(tiny_text("programmes.csv"), "programme_id"))  # bundled files break
    recent = load_app_data(directory, _upload(SLOTS + 4))
    again = load_app_data(directory, _upload(5))
    oldest = load_app_data(directory, _upload(0))
    assert recent.stale and _name(recent) == f"City {SLOTS + 4}"
    assert again.stale and _name(again) == "City 5"
    assert oldest.model is None and not oldest.stale and oldest.errors


def test_every_run_gets_the_one_stored_model_of_a_build(tmp_path: Path) -> None:
    """The loader's copies of one build are replaced by the stored model; a changed file is a new build."""
    directory = copy_tiny(tmp_path / "data")
    first = load_app_data(directory).model
    second = load_app_data(directory).model
    assert first is not None and second is first  # not an unpickled copy: memoised derivations hold one
    write(directory, "cities.csv", set_cell(tiny_text("cities.csv"), 2, "name_en", "Renamed"))
    changed = load_app_data(directory).model
    assert changed is not None and changed is not first and changed != first
    assert str(changed.cities["name_en"].iloc[0]) == "Renamed"


def test_the_loader_is_asked_only_when_the_files_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run on the files the stored model came from skips the loader (and its unpickled copy)."""
    directory = copy_tiny(tmp_path / "data")
    asked: list[tuple[tuple[str, int, int], ...]] = []
    loader = data_access._load

    def counting(data_dir: str, identity: tuple[tuple[str, int, int], ...], key: str, uploads: dict) -> object:
        asked.append(identity)
        return loader(data_dir, identity, key, uploads)

    monkeypatch.setattr(data_access, "_load", counting)
    first = load_app_data(directory)
    assert load_app_data(directory).model is first.model and len(asked) == 1

    write(directory, "programmes.csv", drop_column(tiny_text("programmes.csv"), "programme_id"))
    broken = [load_app_data(directory) for _ in range(2)]
    assert all(data.stale and data.model is first.model and data.errors for data in broken)
    assert len(asked) == 3  # invalid files are looked at on every run (cached), until they are fixed

    write(directory, "programmes.csv", tiny_text("programmes.csv"))
    fixed = load_app_data(directory)
    assert not fixed.stale and not fixed.errors and fixed.model is not None and len(asked) == 4
    assert load_app_data(directory).model is fixed.model and len(asked) == 4
