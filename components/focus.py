"""Focus areas: a treemap of programme → focus area → city."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from components import colors
from components.figure_style import base_layout, figure, trace
from components.labels import city_names, focus_names, programme_names
from components.text import plot_text
from tracker.filters import View
from tracker.i18n import Translator, localized
from tracker.validate import split_list

MAX_NAMED = 30


@dataclass(frozen=True)
class AreaFocus:
    """One focus area with the cities stated to work on it."""

    area_id: str
    name: str
    explored: bool
    description: str | None
    city_ids: tuple[str, ...]
    source_ids: tuple[str, ...]


@dataclass(frozen=True)
class ProgrammeFocus:
    """One programme and its focus areas."""

    programme_id: str
    name: str
    areas: tuple[AreaFocus, ...]


def focus_outline(view: View, lang: str) -> list[ProgrammeFocus]:
    """Programmes of the view (in data order) with their focus areas and cities, grouped once."""
    area_names = focus_names(view.focus_areas, lang).to_dict()
    descriptions = localized(view.focus_areas, "description", lang).to_dict()
    programme_label = programme_names(view.model.programmes, lang, short=False).to_dict()
    cities_by_area = view.city_focus.groupby("focus_area_id", sort=False)["city_id"].agg(tuple).to_dict()
    by_programme: dict[str, list[AreaFocus]] = {}
    for area_id, programme_id, status, sources in zip(
        view.focus_areas["focus_area_id"],
        view.focus_areas["programme_id"],
        view.focus_areas["status"],
        view.focus_areas["source_ids"],
        strict=True,
    ):
        about = descriptions.get(area_id)
        by_programme.setdefault(programme_id, []).append(
            AreaFocus(
                area_id=area_id,
                name=str(area_names[area_id]),
                explored=status == "explored",
                description=about if isinstance(about, str) else None,
                city_ids=cities_by_area.get(area_id, ()),
                source_ids=tuple(split_list(sources)),
            )
        )
    return [
        ProgrammeFocus(programme_id, str(programme_label[programme_id]), tuple(by_programme[programme_id]))
        for programme_id in view.programmes.sort_values("order")["programme_id"]
        if programme_id in by_programme
    ]


def focus_treemap(view: View, lang: str, t: Translator, large: bool = False) -> go.Figure | None:
    """Programmes at the centre, their focus areas, and the cities stated for each."""
    if view.focus_areas.empty:
        return None
    palette = colors.programme_colors(view.model.programmes["programme_id"])
    short = programme_names(view.model.programmes, lang).to_dict()
    city_label = city_names(view.model.cities, lang).to_dict()
    ids, labels, parents, values, fills, hovers = [], [], [], [], [], []
    for programme in focus_outline(view, lang):
        programme_id = programme.programme_id
        ids.append(f"p/{programme_id}")
        labels.append(plot_text(short[programme_id]))
        parents.append("")
        values.append(0)
        fills.append(palette[programme_id])
        hovers.append(plot_text(programme.name))
        for area in programme.areas:
            name = plot_text(area.name)
            ids.append(f"f/{area.area_id}")
            labels.append(name)
            parents.append(f"p/{programme_id}")
            values.append(0)
            fills.append(palette[programme_id])
            status = f" — {t('focus.explored')}" if area.explored else ""
            named = ", ".join(plot_text(city_label[c]) for c in area.city_ids[:MAX_NAMED]) or t(
                "focus.cities_not_stated"
            )
            hovers.append(f"{name}{status}<br>{named}")
            tint = colors.tint(palette[programme_id])
            for city_id in area.city_ids:
                city = plot_text(city_label[city_id])
                ids.append(f"c/{area.area_id}/{city_id}")
                labels.append(city)
                parents.append(f"f/{area.area_id}")
                values.append(1)
                fills.append(tint)
                hovers.append(f"{city}<br>{name}")
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
