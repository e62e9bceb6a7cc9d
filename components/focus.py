"""Focus areas: a treemap of programme → focus area → city."""

from __future__ import annotations

from dataclasses import dataclass

from components import colors
from components.figure_style import FigureSpec, base_layout, figure, trace
from components.labels import city_names, focus_names, lookup, programme_names
from components.text import plot_label, plot_text
from tracker.filters import View
from tracker.i18n import Translator, localized_list
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
    """Programmes of the view (in their order) with their focus areas and cities, grouped once.

    Plain lists and dicts rather than a pandas group-by: this runs on every rerun.
    """
    focus_areas = view.focus_areas
    area_names = lookup(focus_names(focus_areas, lang))
    descriptions = dict(
        zip(focus_areas.index.tolist(), localized_list(focus_areas, "description", lang, blank=None), strict=True)
    )
    programme_label = lookup(programme_names(view.model.programmes, lang, short=False))
    cities_by_area: dict[str, list[str]] = {}
    for area_id, city_id in zip(
        view.city_focus["focus_area_id"].tolist(), view.city_focus["city_id"].tolist(), strict=True
    ):
        cities_by_area.setdefault(area_id, []).append(city_id)
    by_programme: dict[str, list[AreaFocus]] = {}
    for area_id, programme_id, status, sources in zip(
        focus_areas["focus_area_id"].tolist(),
        focus_areas["programme_id"].tolist(),
        focus_areas["status"].tolist(),
        focus_areas["source_ids"].tolist(),
        strict=True,
    ):
        by_programme.setdefault(programme_id, []).append(
            AreaFocus(
                area_id=area_id,
                name=str(area_names[area_id]),
                explored=status == "explored",
                description=descriptions.get(area_id),
                city_ids=tuple(cities_by_area.get(area_id, ())),
                source_ids=tuple(split_list(sources)),
            )
        )
    ordered = sorted(zip(view.programmes["order"].tolist(), view.programmes["programme_id"].tolist(), strict=True))
    return [
        ProgrammeFocus(programme_id, str(programme_label[programme_id]), tuple(by_programme[programme_id]))
        for _, programme_id in ordered
        if programme_id in by_programme
    ]


def focus_treemap(view: View, lang: str, t: Translator, large: bool = False) -> FigureSpec | None:
    """Programmes at the centre, their focus areas, and the cities stated for each."""
    if view.focus_areas.empty:
        return None
    palette = colors.programme_colors(view.model.programmes["programme_id"])
    short = lookup(programme_names(view.model.programmes, lang))
    city_label = lookup(city_names(view.model.cities, lang))
    explored = f" — {t('focus.explored')}"
    not_stated = t("focus.cities_not_stated")
    ids, labels, parents, values, fills, hovers = [], [], [], [], [], []
    for programme in focus_outline(view, lang):
        programme_id = programme.programme_id
        fill, tint = palette[programme_id], colors.tint(palette[programme_id])
        ids.append(f"p/{programme_id}")
        labels.append(plot_text(short[programme_id]))
        parents.append("")
        values.append(0)
        fills.append(fill)
        hovers.append(plot_text(programme.name))
        for area in programme.areas:
            name = plot_text(area.name)
            area_node = f"f/{area.area_id}"
            cities = [plot_text(city_label[city_id]) for city_id in area.city_ids]
            ids.append(area_node)
            # A tile without cities shows its name inside, wrapped; a header (with cities) stays one line.
            labels.append(name if cities else plot_label(area.name))
            parents.append(f"p/{programme_id}")
            values.append(0)
            fills.append(fill)
            named = ", ".join(cities[:MAX_NAMED]) or not_stated
            hovers.append(f"{name}{explored if area.explored else ''}<br>{named}")
            for city_id, city in zip(area.city_ids, cities, strict=True):
                ids.append(f"c/{area.area_id}/{city_id}")
                labels.append(city)
                parents.append(area_node)
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
