"""Plotly timelines: programmes as bars with milestones, and a per-city view.

These builders run on every rerun over small frames, where pandas' fixed cost per
operation (a column selection, a merge, a ``map``) outweighs the work itself. So they
read the few columns they need as plain lists and do the rest in Python; every step is
linear in the rows, which keeps them fast on a hundred times the data too.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from components import colors
from components.figure_style import FigureSpec, base_layout, figure, trace
from components.labels import city_names, programme_names
from components.milestones import milestone_titles
from components.text import plot_text
from tracker.filters import View
from tracker.i18n import Translator
from tracker.validate import split_list

_DAY_MS = 86_400_000
_ONE_DAY = np.timedelta64(1, "D")


def _records(frame: pd.DataFrame, columns: tuple[str, ...]) -> list[dict[str, Any]]:
    """``frame[list(columns)].to_dict("records")`` built from plain column lists."""
    values = [frame[column].tolist() for column in columns]
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]


def _iso(values: np.ndarray) -> list[str | None]:
    """``datetime64`` values as the ISO text plotly writes for Timestamps, None for NaT.

    Plotly deep-copies a figure's data when it is built and encodes it when it is sent:
    both are slow for Timestamps and quick for strings.
    """
    return [None if text == "NaT" else text for text in np.datetime_as_string(values, unit="s").tolist()]


def _length_ms(start: pd.Timestamp, end: pd.Timestamp) -> float:
    """A bar's length in milliseconds (plotly's unit for a date axis), end day included."""
    return (end - start).total_seconds() * 1000 + _DAY_MS


def _lengths_ms(starts: np.ndarray, end: np.datetime64) -> list[float]:
    """:func:`_length_ms` from each of ``starts`` (``datetime64``) to ``end``; NaN for NaT."""
    return ((end - starts) / np.timedelta64(1, "ms") + _DAY_MS).tolist()


def _source_labels(sources: pd.DataFrame) -> dict[str, str]:
    """Source id → ``S1: title``, escaped for plotly."""
    return {
        i: plot_text(f"{i}: {title}")
        for i, title in zip(sources.index.tolist(), sources["title"].tolist(), strict=True)
    }


def _sources(labels: dict[str, str], cell: object) -> str:
    """``S1: title; S2: title`` for a semicolon list of source ids."""
    return "; ".join(labels[i] for i in split_list(cell) if i in labels)


def _spans(firsts: list[Any], ends: list[Any], rows: list[str], fills: list[str]) -> dict[str, Any]:
    """Horizontal whiskers over the whole period a month- or year-only date may mean.

    ``ends`` are the day after each period's last day.
    """
    xs: list[object] = []
    ys: list[object] = []
    for first, end, row in zip(firsts, ends, rows, strict=True):
        xs += [first, end, None]
        ys += [row, row, None]
    return trace(
        "scatter",
        x=xs,
        y=ys,
        mode="lines",
        line={"width": 3, "color": colors.mark_colour(fills[0]) if len(set(fills)) == 1 else colors.NETWORK},
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
        x=[_length_ms(start, end)],
        orientation="h",
        marker={
            "color": fill,
            "opacity": 0.55,
            "line": {"width": 1.5, "color": colors.MARK_LINE},
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


KIND_SYMBOLS: dict[str, str] = {
    "joined": "star",
    "programme": "square",
    "award": "diamond",
    "finalist": "triangle-up",
    "event": "circle",
    "commitment": "hexagon",
    "leadership": "triangle-down",
}
"""Marker shape per milestone kind (with :data:`components.colors.KIND_COLORS`, the same on every chart)."""


def _milestone_markers(
    milestones: pd.DataFrame,
    lang: str,
    t: Translator,
    rows_of: list[str],
    source_labels: dict[str, str],
    large: bool,
) -> list[dict[str, Any]]:
    """Per kind: whiskers over the month or year a date may mean, then the markers (shape and colour per kind).

    ``rows_of`` is each milestone's row on the chart (in ``milestones`` order).
    """
    by_kind: dict[str, list[dict[str, Any]]] = {kind: [] for kind in KIND_SYMBOLS}
    for milestone, title, row, first, middle, end in zip(
        _records(milestones, ("date", "kind", "date_precision", "certainty", "source_ids")),
        milestone_titles(milestones, lang),
        rows_of,
        _iso(milestones["date_first"].to_numpy()),
        _iso(milestones["date_middle"].to_numpy()),
        _iso(milestones["date_last"].to_numpy() + _ONE_DAY),
        strict=True,
    ):
        if milestone["kind"] in by_kind and isinstance(milestone["date_precision"], str):
            by_kind[milestone["kind"]].append(
                {**milestone, "title": title, "row": row, "first": first, "middle": middle, "end": end}
            )
    certainty_text, sources_text = t("timeline.certainty"), t("common.sources")
    traces: list[dict[str, Any]] = []
    for kind, symbol in KIND_SYMBOLS.items():
        picked = by_kind[kind]
        if not picked:
            continue
        fill = colors.KIND_COLORS[kind]
        kind_text = t(f"kind.{kind}")
        hover = [
            f"<b>{plot_text(m['date'])}</b> ({t('precision.' + m['date_precision'])})<br>{plot_text(m['title'])}<br>"
            f"{kind_text} · {certainty_text}: "
            f"{t('certainty.' + (m['certainty'] if isinstance(m['certainty'], str) else 'verified'))}"
            f"<br>{sources_text}: {_sources(source_labels, m['source_ids'])}"
            for m in picked
        ]
        spanned = [m for m in picked if m["date_precision"] != "day"]
        if spanned:
            traces.append(
                _spans(
                    [m["first"] for m in spanned],
                    [m["end"] for m in spanned],
                    [m["row"] for m in spanned],
                    [fill],
                )
            )
        traces.append(
            trace(
                "scatter",
                x=[m["middle"] for m in picked],
                y=[m["row"] for m in picked],
                mode="markers",
                marker={
                    "symbol": symbol,
                    "size": 16 if large else 12,
                    "color": fill,
                    "line": {"width": 1.5, "color": colors.MARK_LINE},
                },
                name=kind_text,
                legendgroup=f"kind-{kind}",
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    return traces


def programme_timeline(view: View, lang: str, t: Translator, today: date, large: bool = False) -> FigureSpec:
    """One bar per programme (start to end, or to today when open) and milestone markers."""
    model = view.model
    palette = colors.programme_colors(model.programmes["programme_id"].tolist())
    names = {pid: plot_text(name) for pid, name in programme_names(model.programmes, lang).items()}
    source_labels = _source_labels(model.sources)
    today_ts = pd.Timestamp(today)
    columns = ("programme_id", "start", "end", "start_first", "end_last", "source_ids", "order")
    programmes = sorted(_records(view.programmes, columns), key=lambda programme: programme["order"], reverse=True)
    traces = [
        _bar(
            programme,
            names[programme["programme_id"]],
            palette[programme["programme_id"]],
            today_ts,
            t,
            _sources(source_labels, programme["source_ids"]),
        )
        for programme in programmes
    ]
    network_row = t("timeline.network_row")
    rows_of = [names.get(pid, network_row) for pid in view.milestones["programme_id"].tolist()]
    traces += _milestone_markers(view.milestones, lang, t, rows_of, source_labels, large)
    category_order = [names[programme["programme_id"]] for programme in programmes]
    if any(not isinstance(pid, str) for pid in view.milestones["programme_id"].tolist()):
        category_order = [t("timeline.network_row"), *category_order]
    return figure(
        traces,
        **base_layout(large),
        barmode="overlay",
        xaxis={"type": "date", "title": None},
        yaxis={"categoryorder": "array", "categoryarray": category_order, "title": None},
        legend={"title": {"text": t("timeline.kind_legend")}, "orientation": "h", "y": -0.15},
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


def _city_fact_positions(view: View) -> list[tuple[int, str]]:
    """(position in ``view.milestones``, city id) of each dated milestone naming a city, joining aside.

    Joining is drawn from the city's own joining date (the star); every other kind goes on
    the row of each city it names.
    """
    return [
        (position, city)
        for position, (kind, cell) in enumerate(
            zip(view.milestones["kind"].tolist(), view.milestones["city_ids"].tolist(), strict=True)
        )
        if kind != "joined"
        for city in split_list(cell)
    ]


def _drawable(view: View) -> list[tuple[int, int]]:
    """(position in ``view.cities``, programme count) of each city with a programme, a joining date or a fact."""
    counts = Counter(view.participation["city_id"].tolist())
    with_facts = {city for _, city in _city_fact_positions(view)}
    city_ids = view.cities["city_id"].tolist()
    joined = view.cities["joined_first"].notna().tolist()
    return [
        (i, counts[city])
        for i, (city, has_date) in enumerate(zip(city_ids, joined, strict=True))
        if has_date or city in counts or city in with_facts
    ]


def _shown_positions(view: View, limit: int) -> list[int]:
    """Positions in ``view.cities`` of the cities the per-city timeline draws, most programmes first.

    Over ``limit``, equal counts come in reverse data order (a stable ascending sort, reversed).
    """
    drawable = _drawable(view)
    if len(drawable) > limit:
        drawable = sorted(drawable, key=lambda city: city[1])[::-1][:limit]
    return [i for i, _ in drawable]


def timeline_cities(view: View, limit: int = MAX_TIMELINE_CITIES) -> pd.DataFrame:
    """Cities with something to draw (a programme or a joining date), most programmes first."""
    return view.cities.iloc[_shown_positions(view, limit)]


def drawable_city_count(view: View) -> int:
    """How many cities the per-city timeline could show without a cap."""
    return len(_drawable(view))


def city_timeline(view: View, lang: str, t: Translator, today: date, large: bool = False) -> FigureSpec:
    """Which programme when, per city: one bar per city and programme it takes part in."""
    shown = timeline_cities(view)
    shown_labels = [plot_text(name) for name in city_names(shown, lang).tolist()]
    labels = dict(zip(shown.index.tolist(), shown_labels, strict=True))
    programmes = view.model.programmes
    ends = dict(zip(programmes["programme_id"].tolist(), programmes["end_last"].to_numpy(), strict=True))
    names = {pid: plot_text(name) for pid, name in programme_names(programmes, lang).items()}
    palette = colors.programme_colors(programmes["programme_id"].tolist())
    participation = view.participation
    city_ids = participation["city_id"].tolist()
    starts = participation["start_first"].to_numpy()
    start_text = _iso(starts)
    rows_of: dict[str, list[int]] = {}
    for i, (city, programme) in enumerate(zip(city_ids, participation["programme_id"].tolist(), strict=True)):
        if city in labels and programme in ends:
            rows_of.setdefault(programme, []).append(i)
    traces: list[dict[str, Any]] = []
    for programme, rows in rows_of.items():
        end = np.datetime64(today) if np.isnat(ends[programme]) else ends[programme]
        traces.append(
            trace(
                "bar",
                y=[labels[city_ids[i]] for i in rows],
                base=[start_text[i] for i in rows],
                x=_lengths_ms(starts[rows], end),
                orientation="h",
                marker={"color": palette[programme], "opacity": 0.8, "line": {"width": 1, "color": colors.MARK_LINE}},
                name=names[programme],
                hovertemplate="%{y}<br>" + names[programme] + "<br>" + t("timeline.start") + ": %{base|%Y-%m-%d}"
                "<extra></extra>",
            )
        )
    joined = [i for i, has_date in enumerate(shown["joined_first"].notna().tolist()) if has_date]
    if joined and (not view.filters.kinds or "joined" in view.filters.kinds):
        middles = _iso(shown["joined_middle"].to_numpy())
        stated = shown["joined_c40"].tolist()
        traces.append(
            trace(
                "scatter",
                x=[middles[i] for i in joined],
                y=[shown_labels[i] for i in joined],
                mode="markers",
                marker={
                    "symbol": KIND_SYMBOLS["joined"],
                    "size": 14,
                    "color": colors.KIND_COLORS["joined"],
                    "line": {"width": 1, "color": colors.MARK_LINE},
                },
                name=t("timeline.joined"),
                legendgroup="kind-joined",
                hovertext=[plot_text(stated[i]) for i in joined],
                hovertemplate="%{y}<br>" + t("timeline.joined") + ": %{hovertext}<extra></extra>",
            )
        )
    facts = [(position, labels[city]) for position, city in _city_fact_positions(view) if city in labels]
    if facts:
        exploded = view.milestones.iloc[[position for position, _ in facts]]
        traces += _milestone_markers(
            exploded, lang, t, [row for _, row in facts], _source_labels(view.model.sources), large
        )
    return figure(
        traces,
        **base_layout(large),
        barmode="group",
        xaxis={"type": "date", "title": None},
        yaxis={"title": None, "categoryorder": "array", "categoryarray": shown_labels[::-1]},
        height=max(300, 34 * len(shown) + 120),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": -0.1},
    )
