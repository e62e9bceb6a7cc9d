"""Coverage figures for managers: the city × programme matrix and key figures."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import pandas as pd

from components import colors
from components.figure_style import FigureSpec, base_layout, figure, trace
from components.labels import city_names, focus_names, programme_names, scope_text
from components.text import plot_text
from tracker.filters import View
from tracker.frames import isin
from tracker.i18n import Translator
from tracker.model import STATUSES


@dataclass(frozen=True)
class ProgrammeFigure:
    """Key figure of one programme: how many of the shown cities it covers."""

    programme_id: str
    name: str
    covered: int
    limited: int
    total: int
    stated: bool
    at_least: int | None = None
    """A stated number of participating cities whose names are not stated (``None``: no number)."""


def key_figures(view: View, lang: str) -> list[ProgrammeFigure]:
    """For each programme: cities in it, how many only in part, and of how many."""
    names = programme_names(view.model.programmes, lang)
    total = len(view.cities)
    covered: Counter[str] = Counter()
    limited: Counter[str] = Counter()
    for programme_id, status in zip(view.participation["programme_id"], view.participation["status"], strict=True):
        covered[programme_id] += 1
        limited[programme_id] += status == "limited"
    programmes = view.programmes.sort_values("order")
    return [
        ProgrammeFigure(
            programme_id=str(programme_id),
            name=str(names[programme_id]),
            covered=covered[programme_id],
            limited=limited[programme_id],
            total=total,
            stated=participants == "listed" or covered[programme_id] > 0,
            at_least=None if pd.isna(count) else int(count),
        )
        for programme_id, participants, count in zip(
            programmes["programme_id"], programmes["participants"], programmes["participant_count"], strict=True
        )
    ]


MAX_MATRIX_CITIES = 40


def matrix_cities(view: View, limit: int = MAX_MATRIX_CITIES) -> pd.DataFrame:
    """The cities a matrix can show legibly: all, or those with the most stated programmes."""
    if len(view.cities) <= limit:
        return view.cities
    return view.cities.iloc[_most_counted(view.cities["city_id"].tolist(), view.participation["city_id"], limit)]


MAX_MATRIX_PROGRAMMES = 15


def _most_counted(ids: list[str], occurrences: pd.Series, limit: int) -> list[int]:
    """Positions in ``ids`` of the ``limit`` ids occurring most often (ties: earlier first)."""
    counts = Counter(occurrences.tolist())
    return sorted(range(len(ids)), key=lambda i: -counts[ids[i]])[:limit]


def matrix_programmes(view: View, limit: int = MAX_MATRIX_PROGRAMMES) -> pd.DataFrame:
    """The programmes a matrix can show legibly: all, or those with the most stated cities."""
    programmes = view.programmes.sort_values("order")
    if len(programmes) <= limit:
        return programmes
    chosen = _most_counted(programmes["programme_id"].tolist(), view.participation["programme_id"], limit)
    return programmes.iloc[sorted(chosen)]


def cities_without_programme(view: View) -> pd.DataFrame:
    """Cities of the view with no stated participation in any shown programme."""
    taking_part = view.participation["city_id"]
    return view.cities.loc[~isin(view.cities["city_id"], taking_part)]


def coverage_matrix(view: View, lang: str, t: Translator, large: bool = False) -> FigureSpec:
    """Heatmap of coverage status with the status (or scope) written in each cell."""
    codes = {status: i for i, status in enumerate(STATUSES)}
    words = {status: t(f"status.{status}") for status in STATUSES}
    shown_cities = matrix_cities(view)
    shown_programmes = matrix_programmes(view)
    programme_order = shown_programmes["programme_id"].tolist()
    city_order = shown_cities["city_id"].tolist()
    grid = view.model.coverage_grid(shown_cities["city_id"], shown_programmes["programme_id"])
    cells = {
        (city, programme): (status, scope)
        for city, programme, status, scope in zip(
            grid["city_id"], grid["programme_id"], grid["status"], scope_text(grid, lang), strict=True
        )
    }

    def word(status: str, scope: object) -> str:
        limited_scope = status == "limited" and isinstance(scope, str)
        return plot_text(scope if limited_scope else words[status])

    rows = [[cells[(city, programme)] for programme in programme_order] for city in city_order]
    z = [[codes[status] for status, _ in row] for row in rows]
    text = [[word(status, scope) for status, scope in row] for row in rows]
    n = len(STATUSES)
    scale = []
    for i, status in enumerate(STATUSES):
        scale += [[i / n, colors.STATUS_COLORS[status]], [(i + 1) / n, colors.STATUS_COLORS[status]]]
    programme_labels = programme_names(view.model.programmes, lang).to_dict()
    city_labels = city_names(shown_cities, lang).to_dict()
    x = [plot_text(programme_labels[programme]) for programme in programme_order]
    y = [plot_text(city_labels[city]) for city in city_order]
    traces = [
        trace(
            "heatmap",
            z=z,
            x=x,
            y=y,
            text=text,
            texttemplate="%{text}",
            textfont={"size": 16 if large else 12, "color": colors.TEXT},
            colorscale=scale,
            zmin=0,
            zmax=n,
            showscale=False,
            xgap=3,
            ygap=3,
            hovertemplate="%{y} — %{x}: %{text}<extra></extra>",
        )
    ]
    fig = figure(
        traces,
        **base_layout(large),
        height=max(260, (44 if large else 32) * len(city_order) + 90),
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        xaxis={"side": "top", "title": None},
        yaxis={"autorange": "reversed", "title": None},
    )
    return fig


def focus_matrix(view: View, lang: str, large: bool = False) -> FigureSpec | None:
    """City × focus-area grid: a filled cell where a city works on a focus area."""
    pairs = view.city_focus
    if pairs.empty:
        return None
    palette = colors.programme_colors(view.model.programmes["programme_id"])
    area_names = {area: plot_text(name) for area, name in focus_names(view.model.focus_areas, lang).items()}
    cities = {city: plot_text(name) for city, name in city_names(view.cities, lang).items()}
    programmes = programme_names(view.model.programmes, lang)
    cells: dict[str, tuple[list[str], list[str]]] = {}
    for city, programme_id, area in zip(pairs["city_id"], pairs["programme_id"], pairs["focus_area_id"], strict=True):
        xs, ys = cells.setdefault(programme_id, ([], []))
        xs.append(area_names[area])
        ys.append(cities[city])
    traces: list[dict[str, Any]] = [
        trace(
            "scatter",
            x=xs,
            y=ys,
            mode="markers",
            marker={
                "symbol": "square",
                "size": 26 if large else 20,
                "color": palette[programme_id],
                "line": {"width": 1.5, "color": colors.MARK_LINE},
            },
            name=plot_text(programmes[programme_id]),
            hovertemplate="%{y}<br>%{x}<extra></extra>",
        )
        for programme_id, (xs, ys) in cells.items()
    ]
    used = set(pairs["focus_area_id"])
    shown_areas = [area_names[area] for area in view.focus_areas["focus_area_id"] if area in used]
    fig = figure(
        traces,
        **base_layout(large),
        xaxis={"categoryorder": "array", "categoryarray": shown_areas},
        yaxis={"autorange": "reversed"},
        height=max(240, 40 * pairs["city_id"].nunique() + 160),
        margin={"l": 10, "r": 10, "t": 20, "b": 10},
        legend={"orientation": "h", "y": -0.3},
    )
    return fig
