"""Shared plotly layout: template, fonts (with a CJK fallback) and sizes per mode."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

FONT_FAMILY = "Source Sans Pro, Source Sans 3, Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, sans-serif"


def base_layout(large: bool = False) -> dict[str, Any]:
    """Layout every figure starts from.

    An empty template keeps plotly.js defaults: naming a template, or inheriting the default
    one Streamlit installs (whose placeholder colours hide bars when ``theme=None``), costs
    20–90 ms of validation on every rerun.
    """
    return {
        "template": {},
        "plot_bgcolor": "#FFFFFF",
        "font": {"family": FONT_FAMILY, "size": 18 if large else 13, "color": "#1B2631"},
        "hoverlabel": {"align": "left", "font": {"family": FONT_FAMILY}},
        "paper_bgcolor": "rgba(0,0,0,0)",
    }


def _plain(value: Any) -> Any:
    """Series and arrays as plain lists, so plotly needs no validation to encode them."""
    if isinstance(value, pd.Series | pd.Index):
        return value.tolist()
    return value


def trace(kind: str, **props: Any) -> dict[str, Any]:
    """A trace as a plain dict (``kind`` is the plotly trace type, e.g. ``"bar"``)."""
    return {"type": kind, **{key: _plain(value) for key, value in props.items()}}


def figure(traces: list[dict[str, Any]], **layout: Any) -> go.Figure:
    """Wrap plain trace and layout dicts in a Figure without plotly's per-property validation.

    Validation of graph objects costs tens of milliseconds per figure on every rerun; the
    builders' tests check the specs instead.
    """
    for axis in ("xaxis", "yaxis"):
        layout[axis] = {"automargin": True, **(layout.get(axis) or {})}
    return go.Figure({"data": traces, "layout": layout}, _validate=False)
