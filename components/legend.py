"""The map legend, drawn as a small static plotly figure in the map's colours."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from components import colors
from components.figure_style import base_layout, figure, trace
from components.labels import programme_names
from components.text import plot_text
from tracker.filters import View
from tracker.i18n import Translator


def map_legend(view: View, lang: str, t: Translator, large: bool = False) -> go.Figure:
    """Marker colour per programme, and bigger markers for more programmes."""
    palette = colors.programme_colors(view.model.programmes["programme_id"])
    names = programme_names(view.model.programmes, lang)
    entries = [(plot_text(names[p]), palette[p], 12) for p in view.programmes.sort_values("order")["programme_id"]]
    entries.append((t("legend.several"), colors.NETWORK, 16))
    entries.append((t("legend.none"), "#FFFFFF", 8))
    traces: list[dict[str, Any]] = []
    for label, fill, size in entries:
        traces.append(
            trace(
                "scatter",
                x=[None],
                y=[None],
                mode="markers",
                marker={"size": size, "color": fill, "line": {"width": 1.5, "color": "#282828"}},
                name=label,
            )
        )
    fig = figure(
        traces,
        **base_layout(large),
        height=84,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        xaxis={"visible": False},
        yaxis={"visible": False},
        showlegend=True,
        legend={
            "orientation": "h",
            "x": 0,
            "y": 1,
            "yanchor": "top",
            "itemclick": False,
            "itemdoubleclick": False,
        },
    )
    return fig
