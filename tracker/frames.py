"""Fast helpers for pandas 3 string columns (Arrow-backed)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

SMALL = 20_000  # below this many comparisons pandas' own isin is quicker than an Arrow round trip


def isin(column: pd.Series, values: Iterable[object]) -> pd.Series:
    """``column.isin(values)`` for id columns; Arrow's hash lookup for Arrow-backed text.

    For an Arrow-backed ``str`` column pandas 3 converts each value to an Arrow scalar in
    Python first: about 100 ms for 13,000 ids, against well under 1 ms here. The model's
    ``object`` columns use pandas' own hash table, which is quicker still.
    """
    wanted = [
        v for v in dict.fromkeys(values.tolist() if isinstance(values, pd.Series) else values) if isinstance(v, str)
    ]
    if not wanted or column.empty:
        return pd.Series(False, index=column.index, dtype="bool")
    if column.dtype == object or len(column) * len(wanted) <= SMALL:
        return column.isin(wanted)
    found = pc.is_in(pa.array(column.astype("str"), from_pandas=True), value_set=pa.array(wanted, pa.string()))
    return pd.Series(found.to_numpy(zero_copy_only=False), index=column.index, dtype="bool").fillna(False)
