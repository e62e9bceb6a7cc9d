"""Thin renderers for plotly figures, with PNG export at presentation resolution."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st


def chart_config(file_stem: str) -> dict[str, object]:
    """Plotly config: the camera button saves a 1920×1080-class PNG named after the view."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": file_stem, "width": 1600, "height": 900, "scale": 2},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }


def render_figure(fig: go.Figure, file_stem: str, key: str) -> None:
    """Show a figure with the export configuration."""
    st.plotly_chart(fig, config=chart_config(file_stem), key=key, theme=None)
