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


def _spans(part: pd.DataFrame, rows: pd.Series, fills: list[str]) -> dict[str, Any]:
    """Horizontal whiskers over the whole period a month- or year-only date may mean."""
    xs: list[object] = []
    ys: list[object] = []
    for first, last, row in zip(part["date_first"], part["date_last"], rows, strict=True):
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


def programme_timeline(view: View, lang: str, t: Translator, today: date, large: bool = False) -> go.Figure:
    """One bar per programme (start to end, or to today when open) and milestone markers."""
    programmes = view.programmes.sort_values("order", ascending=False)
    palette = colors.programme_colors(view.model.programmes["programme_id"])
    names = programme_names(view.model.programmes, lang).map(plot_text)
    network_row = t("timeline.network_row")
    source_titles = view.model.sources["title"].to_dict()
    traces: list[dict[str, Any]] = []
    today_ts = pd.Timestamp(today)
    for _, row in programmes.iterrows():
        start = row["start_first"]
        open_ended = pd.isna(row["end_last"])
        end = today_ts if open_ended else row["end_last"]
        end_text = t("timeline.open_end") if open_ended else plot_text(row["end"])
        name = names[row["programme_id"]]
        traces.append(
            trace(
                "bar",
                y=[name],
                base=[start],
                x=_ms(pd.Series([start]), pd.Series([end])),
                orientation="h",
                marker={
                    "color": palette[row["programme_id"]],
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
                legendgroup=row["programme_id"],
                hovertemplate=(
                    f"<b>{name}</b><br>{t('timeline.start')}: {plot_text(row['start'])}"
                    f"<br>{t('timeline.end')}: {end_text}"
                    f"<br>{t('common.sources')}: {_sources(source_titles, row['source_ids'])}"
                    "<extra></extra>"
                ),
                showlegend=False,
                width=0.5,
            )
        )
    milestones = view.milestones
    if not milestones.empty:
        titles = localized(milestones, "title", lang).map(plot_text)
        rows = milestones["programme_id"].map(names).fillna(network_row)
        for precision, symbol in _SYMBOLS.items():
            chosen = milestones["date_precision"] == precision
            if not chosen.any():
                continue
            part = milestones.loc[chosen]
            color = part["programme_id"].map(palette).fillna(colors.NETWORK)
            hover = [
                f"<b>{plot_text(d)}</b> ({t('precision.' + precision)})<br>{title}<br>"
                f"{t('timeline.certainty')}: {t('certainty.' + str(c))}"
                f"<br>{t('common.sources')}: {_sources(source_titles, s)}"
                for d, title, c, s in zip(
                    part["date"], titles[chosen], part["certainty"].fillna("verified"), part["source_ids"], strict=True
                )
            ]
            if precision != "day":
                traces.append(_spans(part, rows[chosen], color.tolist()))
            traces.append(
                trace(
                    "scatter",
                    x=part["date_middle"],
                    y=rows[chosen],
                    mode="markers",
                    marker={
                        "symbol": symbol,
                        "size": 16 if large else 12,
                        "color": color.tolist(),
                        "line": {"width": 1.5, "color": "#222222"},
                    },
                    name=t("precision." + precision),
                    hovertext=hover,
                    hovertemplate="%{hovertext}<extra></extra>",
                )
            )
    category_order = [*names[programmes["programme_id"]].tolist()]
    if not milestones.empty and milestones["programme_id"].isna().any():
        category_order = [network_row, *category_order]
    fig = figure(
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
    return fig


MAX_TIMELINE_CITIES = 40


def timeline_cities(view: View, limit: int = MAX_TIMELINE_CITIES) -> pd.DataFrame:
    """Cities with something to draw (a programme or a joining date), most programmes first."""
    counts = view.participation["city_id"].value_counts()
    ranked = view.cities.assign(_n=view.cities["city_id"].map(counts).fillna(0))
    ranked = ranked.loc[(ranked["_n"] > 0) | ranked["joined_first"].notna()]
    if len(ranked) > limit:
        ranked = ranked.sort_values("_n", ascending=False, kind="stable").head(limit)
    return ranked.drop(columns="_n")


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
