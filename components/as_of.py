"""The Map's "as of" control: a date slider, year steps and a play control, kept as ``as_of=`` in the URL.

The slider offers every year from the one before the first stated membership to the
data's year, and every date a dated milestone has, plus "today" (no as-of date: the
map shows programmes). Play steps one year at a time; it never runs on its own when
the browser asks for reduced motion (then the year buttons step by hand).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
import streamlit as st

from components import state
from components.labels import programme_names
from components.milestones import milestone_titles
from tracker.as_of import milestones_until, programme_states
from tracker.dates import PartialDate, parse_partial_date
from tracker.filters import View
from tracker.i18n import Translator
from tracker.membership import counts_at, first_member_year
from tracker.model import Model

TODAY = ""
"""The slider's last stop: no as-of date."""
WIDGET = "map.as_of"
PLAYING = "ui.as_of_playing"
LAST_STEP = "ui.as_of_stepped"
"""When play last stepped (``time.monotonic()``): a fragment also runs on every full rerun, not only on its timer."""
PLAY_SECONDS = 1.5
MAX_LISTED_MILESTONES = 8
_RANK = {"year": 2, "month": 1, "day": 0}


@lru_cache(maxsize=16)
def year_range(model: Model) -> tuple[int, int]:
    """The first and last year the control offers (first: the year before any stated membership).

    Memoised per model build (``Model.token``): it reads every city's dates.
    """
    first = first_member_year(model.cities)
    start = (first - 1) if first is not None else model.year_range[0]
    return start, max(start, model.data_date.year)


def options(model: Model, current: str | None) -> list[str]:
    """The slider's stops in time order (by the last day each may mean), then :data:`TODAY`."""
    return list(_options(model, current))


@lru_cache(maxsize=64)
def _options(model: Model, current: str | None) -> tuple[str, ...]:
    """:func:`options`, memoised per model build and current date (a new list per call above)."""
    low, high = year_range(model)
    texts = {str(year) for year in range(low, high + 1)}
    texts |= {text for text in model.milestones["date"].dropna().tolist() if low <= int(text[:4]) <= high}
    if current:
        texts.add(current)
    parsed = [parse_partial_date(text) for text in texts]
    ordered = sorted(parsed, key=lambda when: (when.last, _RANK[when.precision]))
    return (*(when.text for when in ordered), TODAY)


def parse_year(text: str) -> PartialDate:
    """A presenter step's year (``asof:2016``) as a partial date."""
    return parse_partial_date(text)


def current(model: Model) -> PartialDate | None:
    """The as-of date in session state, parsed (``None``: no as-of date)."""
    text = st.session_state.get(state.AS_OF)
    return parse_partial_date(text) if text else None


def _set(text: str | None) -> None:
    st.session_state[state.AS_OF] = text or None


def _on_slider() -> None:
    _set(st.session_state.get(WIDGET))
    st.session_state[PLAYING] = False


def _step(model: Model, years: int) -> None:
    """Callback: move the as-of date by whole years (from "today", back to the last year)."""
    low, high = year_range(model)
    when = current(model)
    year = (when.year if when else high + 1) + years
    _set(str(min(max(year, low), high)))


def _toggle_play(model: Model) -> None:
    """Callback: start (from the first year when at the end or at "today") or pause."""
    if st.session_state.get(PLAYING):
        st.session_state[PLAYING] = False
        return
    low, high = year_range(model)
    when = current(model)
    if when is None or when.year >= high:
        _set(str(low))
    st.session_state[PLAYING] = True
    st.session_state[LAST_STEP] = time.monotonic()


def due() -> bool:
    """True when a play step is due (a timer tick, not the full rerun that follows a step)."""
    return time.monotonic() - st.session_state.get(LAST_STEP, 0.0) >= PLAY_SECONDS * 0.8


def advance(model: Model) -> None:
    """One play step: the next year, stopping at the last one."""
    st.session_state[LAST_STEP] = time.monotonic()
    low, high = year_range(model)
    when = current(model)
    year = (when.year + 1) if when else low
    if year >= high:
        st.session_state[PLAYING] = False
    _set(str(min(year, high)))


def render_controls(model: Model, t: Translator, reduced_motion: bool) -> None:
    """Slider, previous/next year and play/pause, in one row that is always there."""
    text = st.session_state.get(state.AS_OF) or TODAY
    stops = options(model, text or None)
    playing = bool(st.session_state.get(PLAYING)) and not reduced_motion
    slider, back, play, forward = st.columns([5, 2, 1.6, 2], vertical_alignment="bottom")
    if st.session_state.get(WIDGET) != text:
        st.session_state[WIDGET] = text  # the buttons and play moved the date: the slider follows
    slider.select_slider(
        t("asof.label"),
        options=stops,
        format_func=lambda stop: stop or t("asof.today"),
        key=WIDGET,
        on_change=_on_slider,
        help=t("asof.help"),
    )
    back.button(t("asof.previous"), icon=":material/skip_previous:", on_click=_step, args=(model, -1), width="stretch")
    play.button(
        t("asof.pause") if playing else t("asof.play"),
        icon=":material/pause:" if playing else ":material/play_arrow:",
        on_click=_toggle_play,
        args=(model,),
        disabled=reduced_motion,
        help=t("asof.reduced_motion") if reduced_motion else None,
        key="map.play",
        width="stretch",
    )
    forward.button(t("asof.next"), icon=":material/skip_next:", on_click=_step, args=(model, 1), width="stretch")


@dataclass(frozen=True)
class AsOfSummary:
    """What the side of the as-of map lists: counts, programmes at the date, milestones up to it."""

    counts: str
    programmes: list[str]
    milestones: list[tuple[str, str]]
    earlier: int


def summary(view: View, when: PartialDate, lang: str, t: Translator) -> AsOfSummary:
    """Counts by membership, programmes running (or starting) at ``when``, latest milestones up to it."""
    counts = counts_at(view.cities, when)
    text = t("asof.counts", date=when.text, **counts)
    programmes = view.model.programmes.sort_values("order")
    names = programme_names(programmes, lang, short=False)
    lines = []
    for programme_id, state_at in programme_states(programmes, when).items():
        row = programmes.loc[programme_id]
        if state_at == "running":
            lines.append(f"{names[programme_id]}: {t('asof.state_running', start=row['start'])}")
        elif state_at == "starting":
            lines.append(f"{names[programme_id]}: {t('asof.state_starting', start=row['start'])}")
        elif state_at == "ended":
            lines.append(f"{names[programme_id]}: {t('asof.state_ended', end=row['end'])}")
    until = milestones_until(view.model.milestones, when)
    until = until.loc[_named_or_network(until, view)]
    shown = until.iloc[-MAX_LISTED_MILESTONES:][::-1]
    titles = milestone_titles(shown, lang)
    return AsOfSummary(
        counts=text,
        programmes=lines,
        milestones=list(zip(shown["date"].tolist(), [str(title) for title in titles], strict=True)),
        earlier=max(0, len(until) - MAX_LISTED_MILESTONES),
    )


def _named_or_network(milestones: pd.DataFrame, view: View) -> list[bool]:
    """Milestones naming a shown city, or naming none (network and programme steps)."""
    shown = set(view.cities["city_id"].tolist())
    return [
        not isinstance(cell, str) or bool(shown.intersection(cell.split(";")))
        for cell in milestones["city_ids"].tolist()
    ]
