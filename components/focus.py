"""Focus areas: a treemap of programme → focus area → city."""

from __future__ import annotations

import plotly.graph_objects as go

from components import colors
from components.figure_style import base_layout, figure, trace
from components.labels import city_names, focus_names, programme_names
from components.text import plot_text
from tracker.filters import View
from tracker.i18n import Translator


def focus_treemap(view: View, lang: str, t: Translator, large: bool = False) -> go.Figure | None:
    """Programmes at the centre, their focus areas, and the cities stated for each."""
    if view.focus_areas.empty:
        return None
    palette = colors.programme_colors(view.model.programmes["programme_id"])
    programme_label = programme_names(view.model.programmes, lang).map(plot_text)
    area_label = focus_names(view.model.focus_areas, lang).map(plot_text)
    city_label = city_names(view.model.cities, lang).map(plot_text)
    ids, labels, parents, values, fills, hovers = [], [], [], [], [], []
    for programme_id in view.programmes.sort_values("order")["programme_id"]:
        areas = view.focus_areas.loc[view.focus_areas["programme_id"] == programme_id]
        if areas.empty:
            continue
        ids.append(f"p/{programme_id}")
        labels.append(programme_label[programme_id])
        parents.append("")
        values.append(0)
        fills.append(palette[programme_id])
        hovers.append(programme_label[programme_id])
        for area_id, area in areas.iterrows():
            cities = view.city_focus.loc[view.city_focus["focus_area_id"] == area_id, "city_id"]
            ids.append(f"f/{area_id}")
            labels.append(area_label[area_id])
            parents.append(f"p/{programme_id}")
            values.append(0)
            fills.append(palette[programme_id])
            status = t("focus.explored") if area["status"] == "explored" else ""
            named = ", ".join(city_label[c] for c in cities) or t("focus.cities_not_stated")
            hovers.append(f"{area_label[area_id]}{' — ' + status if status else ''}<br>{named}")
            for city_id in cities:
                ids.append(f"c/{area_id}/{city_id}")
                labels.append(city_label[city_id])
                parents.append(f"f/{area_id}")
                values.append(1)
                fills.append(colors.tint(palette[programme_id]))
                hovers.append(f"{city_label[city_id]}<br>{area_label[area_id]}")
    if not ids:
        return None
    # Leaf-less focus areas still get a visible wedge of weight 1.
    has_child = set(parents)
    values = [1 if value == 0 and node not in has_child else value for node, value in zip(ids, values, strict=True)]
    traces = [
        trace(
            "treemap",
            ids=ids,
            labels=labels,
            parents=parents,
            values=values,
            branchvalues="remainder",
            marker={"colors": fills, "line": {"color": "#FFFFFF", "width": 2}},
            hovertext=hovers,
            hovertemplate="%{hovertext}<extra></extra>",
            textinfo="label",
            tiling={"packing": "squarify", "pad": 2},
            pathbar={"visible": False},
            maxdepth=3,
        )
    ]
    fig = figure(
        traces,
        **base_layout(large),
        height=640 if large else 520,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
    )
    return fig
