"""Thin renderers for plotly figures, with PNG export at presentation resolution."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import streamlit as st

from components.figure_style import FigureSpec


def chart_config(file_stem: str) -> dict[str, object]:
    """Plotly config: the camera button saves a 1920×1080-class PNG named after the view."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": file_stem, "width": 1600, "height": 900, "scale": 2},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }


class _BuiltFigure(go.Figure):
    """A figure whose spec is already built: ``st.plotly_chart`` sends it as it is.

    Given a dict, ``st.plotly_chart`` validates it by building a ``go.Figure`` (tens of
    ms for large figures); given a Figure, it sends ``to_dict()``, a deep copy. This
    Figure answers ``to_dict()`` with the spec, so neither happens; it is created
    without ``go.Figure.__init__`` (about 0.4 ms even for an empty figure), so it holds
    nothing but the spec and must not be used as a Figure otherwise. The spec holds only
    JSON-able values (plotly's encoder also takes dates and numbers from pandas and numpy).
    """

    _spec: FigureSpec

    @classmethod
    def of(cls, spec: FigureSpec) -> _BuiltFigure:
        """Wrap ``spec`` for one ``st.plotly_chart`` call."""
        figure = cls.__new__(cls)
        figure.__dict__["_spec"] = spec
        return figure

    def to_dict(self) -> dict[str, Any]:
        """The spec itself (not a copy): it is built for this rerun only."""
        return self._spec


def render_figure(spec: FigureSpec, file_stem: str, key: str, alt: str) -> None:
    """Show a figure spec with the export configuration; ``alt`` is its accessible name."""
    st.plotly_chart(_BuiltFigure.of(spec), config=chart_config(file_stem), key=key, theme=None, alt=alt)
