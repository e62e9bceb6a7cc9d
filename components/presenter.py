"""Presenter mode: the list of steps and moving between them."""

from __future__ import annotations

import streamlit as st

from components import state
from tracker.filters import View
from tracker.membership import change_years

FIXED_STEPS: tuple[str, ...] = ("map", "timeline", "coverage", "focus")


def steps(view: View, selected_city: str | None) -> list[str]:
    """Map, timeline, coverage, focus areas, one step per chosen city, then "C40 in China over time".

    The chosen cities are those in the city filter, or else the selected city. The
    closing sequence shows the map as of the end of each year in which cities joined
    (``asof:2014`` …).
    """
    cities = list(view.filters.cities) or ([selected_city] if selected_city else [])
    over_time = [f"asof:{year}" for year in change_years(view.cities)]
    return [*FIXED_STEPS, *(f"city:{c}" for c in cities if c in view.model.cities.index), *over_time]


def current_step(total: int) -> int:
    """The 1-based step in session state, kept within ``1..total``."""
    step = st.session_state.get(state.STEP, 1)
    step = step if isinstance(step, int) else 1
    return min(max(step, 1), max(total, 1))


def go_to(step: int) -> None:
    """Callback: move to ``step``."""
    st.session_state[state.STEP] = step


def start() -> None:
    """Callback: enter presenter mode at the first step."""
    st.session_state[state.PRESENT] = True
    st.session_state[state.STEP] = 1


def stop() -> None:
    """Callback: leave presenter mode."""
    st.session_state[state.PRESENT] = False
