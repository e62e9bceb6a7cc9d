"""Plotly timelines: programmes as bars with milestones, and a per-city view."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from components import colors
from components.figure_style import base_layout, figure, trace
from components.labels import city_names, programme_names
from components.text import plot_text
from tracker.filters import View
from tracker.frames import isin
from tracker.i18n import Translator, localized
from tracker.validate import split_list

_SYMBOLS = {"day": "circle", "month": "diamond", "year": "square"}
_DAY_MS = 86_400_000


def _ms(start: pd.Series, end: pd.Series) -> list[float]:
    """Bar lengths in milliseconds (plotly's unit for a date axis)."""
    return ((end - start).dt.total_seconds() * 1000 + _DAY_MS).tolist()


def _sources(titles: dict[str, str], cell: object) -> str:
    """``S1: title; S2: title`` for a semicolon list of source ids, escaped for plotly."""
    return "; ".join(plot_text(f"{i}: {titles[i]}") for i in split_list(cell) if i in titles)


def _spans(firsts: list[Any], lasts: list[Any], rows: list[str], fills: list[str]) -> dict[str, Any]:
    """Horizontal whiskers over the whole period a month- or year-only date may mean."""
    xs: list[object] = []
    ys: list[object] = []
    for first, last, row in zip(firsts, lasts, rows, strict=True):
        xs += [first, last + pd.Timedelta(days=1), None]
        ys += [row, row, None]
    return trace(
        "scatter",
        x=xs,
        y=ys,
        mode="lines",
        line={"width": 3, "color": fills[0] if len(set(fills)) == 1 else colors.NETWORK},
        hoverinfo="skip",
        showlegend=False,
    )


def _bar(programme: dict[str, Any], name: str, fill: str, today: pd.Timestamp, t: Translator, sources: str) -> dict:
    """One programme's bar: start to end, or to today (hatched) when no end is stated."""
    start = programme["start_first"]
    open_ended = pd.isna(programme["end_last"])
    end = today if open_ended else programme["end_last"]
    end_text = t("timeline.open_end") if open_ended else plot_text(programme["end"])
    return trace(
        "bar",
        y=[name],
        base=[start],
        x=[(end - start).total_seconds() * 1000 + _DAY_MS],
        orientation="h",
        marker={
            "color": fill,
            "opacity": 0.55,
            "line": {"width": 0},
            "pattern": {
                "shape": "/" if open_ended else "",
                "fillmode": "overlay",
                "fgcolor": "#ffffff",
                "size": 8,
                "solidity": 0.35,
            },
        },
        name=name,
        legendgroup=programme["programme_id"],
        hovertemplate=(
            f"<b>{name}</b><br>{t('timeline.start')}: {plot_text(programme['start'])}"
            f"<br>{t('timeline.end')}: {end_text}<br>{t('common.sources')}: {sources}<extra></extra>"
        ),
        showlegend=False,
        width=0.5,
    )


def programme_timeline(view: View, lang: str, t: Translator, today: date, large: bool = False) -> go.Figure:
    """One bar per programme (start to end, or to today when open) and milestone markers.

    Works on plain records: the frames are small and this runs on every rerun.
    """
    palette = colors.programme_colors(view.model.programmes["programme_id"])
    names = {pid: plot_text(name) for pid, name in programme_names(view.model.programmes, lang).items()}
    network_row = t("timeline.network_row")
    source_titles = view.model.sources["title"].to_dict()
    today_ts = pd.Timestamp(today)
    programmes = view.programmes.sort_values("order", ascending=False)
    columns = ["programme_id", "start", "end", "start_first", "end_last", "source_ids"]
    traces: list[dict[str, Any]] = [
        _bar(
            row,
            names[row["programme_id"]],
            palette[row["programme_id"]],
            today_ts,
            t,
            _sources(source_titles, row["source_ids"]),
        )
        for row in programmes[columns].to_dict("records")
    ]
    milestones = view.milestones
    records = milestones[["date", "programme_id", "date_precision", "certainty", "source_ids"]].to_dict("records")
    firsts, lasts, middles = (milestones[c].tolist() for c in ("date_first", "date_last", "date_middle"))
    titles = localized(milestones, "title", lang).tolist()
    for precision, symbol in _SYMBOLS.items():
        chosen = [i for i, m in enumerate(records) if m["date_precision"] == precision]
        if not chosen:
            continue
        rows = [names.get(records[i]["programme_id"], network_row) for i in chosen]
        fills = [palette.get(records[i]["programme_id"], colors.NETWORK) for i in chosen]
        hover = [
            f"<b>{plot_text(records[i]['date'])}</b> ({t('precision.' + precision)})<br>{plot_text(titles[i])}<br>"
            f"{t('timeline.certainty')}: {t('certainty.' + str(records[i]['certainty'] or 'verified'))}"
            f"<br>{t('common.sources')}: {_sources(source_titles, records[i]['source_ids'])}"
            for i in chosen
        ]
        if precision != "day":
            traces.append(_spans([firsts[i] for i in chosen], [lasts[i] for i in chosen], rows, fills))
        traces.append(
            trace(
                "scatter",
                x=[middles[i] for i in chosen],
                y=rows,
                mode="markers",
                marker={
                    "symbol": symbol,
                    "size": 16 if large else 12,
                    "color": fills,
                    "line": {"width": 1.5, "color": "#222222"},
                },
                name=t("precision." + precision),
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    category_order = [names[p] for p in programmes["programme_id"]]
    if any(not isinstance(m["programme_id"], str) for m in records):
        category_order = [network_row, *category_order]
    return figure(
        traces,
        **base_layout(large),
        barmode="overlay",
        xaxis={"type": "date", "title": None},
        yaxis={"categoryorder": "array", "categoryarray": category_order, "title": None},
        legend={"title": {"text": t("timeline.legend")}, "orientation": "h", "y": -0.15},
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        height=520 if large else 380,
        shapes=[
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": today_ts,
                "x1": today_ts,
                "y0": 0,
                "y1": 1,
                "line": {"dash": "dot", "color": "#888888", "width": 1},
            }
        ],
    )


MAX_TIMELINE_CITIES = 40


def timeline_cities(view: View, limit: int = MAX_TIMELINE_CITIES) -> pd.DataFrame:
    """Cities with something to draw (a programme or a joining date), most programmes first."""
    counts = view.participation["city_id"].value_counts()
    drawable = view.cities.loc[isin(view.cities["city_id"], counts.index) | view.cities["joined_first"].notna()]
    if len(drawable) <= limit:
        return drawable
    order = drawable["city_id"].map(counts).fillna(0).to_numpy().argsort(kind="stable")[::-1]
    return drawable.iloc[order[:limit]]


def drawable_city_count(view: View) -> int:
    """How many cities the per-city timeline could show without a cap."""
    counts = view.participation["city_id"].value_counts()
    return int((isin(view.cities["city_id"], counts.index) | view.cities["joined_first"].notna()).sum())


def city_timeline(view: View, lang: str, t: Translator, today: date, large: bool = False) -> go.Figure:
    """Which programme when, per city: one bar per city and programme it takes part in."""
    shown = timeline_cities(view)
    rows = view.participation.loc[isin(view.participation["city_id"], shown["city_id"])].merge(
        view.model.programmes[["programme_id", "end_last"]].reset_index(drop=True), on="programme_id"
    )
    palette = colors.programme_colors(view.model.programmes["programme_id"])
    names = programme_names(view.model.programmes, lang).map(plot_text)
    cities = city_names(shown, lang).map(plot_text)
    today_ts = pd.Timestamp(today)
    traces: list[dict[str, Any]] = []
    for programme_id, part in rows.groupby("programme_id", sort=False):
        ends = part["end_last"].fillna(today_ts)
        traces.append(
            trace(
                "bar",
                y=part["city_id"].map(cities),
                base=part["start_first"],
                x=_ms(part["start_first"], ends),
                orientation="h",
                marker={"color": palette[programme_id], "opacity": 0.8},
                name=names[programme_id],
                hovertemplate="%{y}<br>" + names[programme_id] + "<br>" + t("timeline.start") + ": %{base|%Y-%m-%d}"
                "<extra></extra>",
            )
        )
    joined = shown.loc[shown["joined_first"].notna()]
    if not joined.empty:
        traces.append(
            trace(
                "scatter",
                x=joined["joined_middle"],
                y=joined["city_id"].map(cities),
                mode="markers",
                marker={"symbol": "star", "size": 14, "color": colors.NETWORK},
                name=t("timeline.joined"),
                hovertext=[plot_text(v) for v in joined["joined_c40"]],
                hovertemplate="%{y}<br>" + t("timeline.joined") + ": %{hovertext}<extra></extra>",
            )
        )
    fig = figure(
        traces,
        **base_layout(large),
        barmode="group",
        xaxis={"type": "date", "title": None},
        yaxis={"title": None, "categoryorder": "array", "categoryarray": list(reversed(cities.tolist()))},
        height=max(300, 34 * len(shown) + 120),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": -0.1},
    )
    return fig
