"""Small tables hold text as Python strings, large ones as Arrow: the pages must not care."""

from __future__ import annotations

import dataclasses
import math
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from benchmarks.builders import builders
from benchmarks.generate import generate
from tracker import load_dataset, model


def canonical(value: Any) -> Any:
    """A plain, comparable form of a builder's output (NaN and None alike)."""
    if isinstance(value, pd.DataFrame):
        return {
            "index": canonical(value.index.tolist()),
            "columns": canonical(value.columns.tolist()),
            "rows": canonical(value.to_numpy(dtype=object).tolist()),
        }
    if isinstance(value, pd.Series | pd.Index):
        return canonical(value.tolist())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return canonical(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {str(key): canonical(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [canonical(item) for item in value]
    if isinstance(value, np.generic):
        return canonical(value.item())
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NaT:
        return None
    if isinstance(value, datetime | date | pd.Timestamp):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("x10") / "data"
    generate(10, directory)
    return directory


@pytest.mark.parametrize("filtered", [False, True], ids=["no-filter", "one-programme"])
def test_every_builder_gives_the_same_answer_with_either_text_layout(
    data_dir: Path, filtered: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = load_dataset(data_dir).model
    assert small is not None and small.cities["name_en"].dtype == object
    python_strings = {name: canonical(call()) for name, call in builders(data_dir, filtered).items()}
    monkeypatch.setattr(model, "OBJECT_TEXT_MAX_CELLS", 0)
    large = load_dataset(data_dir).model
    assert large is not None and large.cities["name_en"].dtype == "str"
    arrow = {name: canonical(call()) for name, call in builders(data_dir, filtered).items()}
    assert list(arrow) == list(python_strings)
    for name in python_strings:
        assert arrow[name] == python_strings[name], name
