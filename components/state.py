"""Shared selections: a few namespaced session-state keys, mirrored in the URL.

Keys: ``ui.lang``, ``ui.city`` (selected city), ``ui.zoom`` (the Map zooms to that city),
``ui.present``, ``ui.step``,
``ui.as_of`` (the Map's as-of date), ``ui.compare`` (cities compared) and
``flt.programmes``, ``flt.focus``, ``flt.cities``, ``flt.years``, ``flt.kinds``
(milestone kinds). The URL holds the same as ``lang``, ``city``, ``zoom`` (``1``), ``present``,
``step``, ``as_of`` (``2016``, ``2016-12`` or ``2016-12-31``), ``compare``
(``beijing,shanghai``), ``programme``, ``focus``, ``in_city``, ``years``
(``2015-2019``) and ``kind``, so any view can be shared as a link.

A widget shown on one page only (the as-of slider, the kind filter, the compare
choice) has a key of its own and copies its value into the shared key
(:func:`copy_widget`): Streamlit forgets a widget's key on a run that does not
draw it, and the shared key must outlive a visit to another page.

While the session uses uploaded files (``data.uploads``) the URL also holds ``uploads=1``. Uploads
live only in one server session; a new session that starts from a URL with that marker (the
server was replaced, the page reloaded) has lost them and says so (``ui.uploads_lost``) instead of
showing the bundled data as if it were the uploaded files.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from tracker import Model
from tracker.dates import DateError
from tracker.filters import Filters, View, sanitise, shared_view
from tracker.i18n import DEFAULT_LANG, Translator, normalise_lang
from tracker.membership import as_of

LANG = "ui.lang"
CITY = "ui.city"
ZOOM = "ui.zoom"
PRESENT = "ui.present"
STEP = "ui.step"
PROGRAMMES = "flt.programmes"
FOCUS = "flt.focus"
CITIES = "flt.cities"
YEARS = "flt.years"
UPLOADS = "data.uploads"
UPLOADS_LOST = "ui.uploads_lost"
KINDS = "flt.kinds"
AS_OF = "ui.as_of"
COMPARE = "ui.compare"
MAX_COMPARED = 4
_URL_READ = "url.read"
_CONTEXT = "ctx.current"

_LIST_PARAMS = {PROGRAMMES: "programme", FOCUS: "focus", CITIES: "in_city", KINDS: "kind"}


@dataclass(frozen=True)
class Context:
    """Everything a page needs for one run: data, filtered view, language, mode."""

    model: Model
    view: View
    t: Translator
    lang: str
    present: bool
    city: str | None


def _parse_years(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    low, _, high = text.partition("-")
    try:
        return int(low), int(high or low)
    except ValueError:
        return None


def read_url_once() -> None:
    """On a session's first run, seed the shared keys from the URL (checked later)."""
    state = st.session_state
    if state.get(_URL_READ):
        return
    params = st.query_params
    state[LANG] = normalise_lang(params.get("lang"))
    for key, name in _LIST_PARAMS.items():
        state[key] = list(params.get_all(name))
    years = _parse_years(params.get("years"))
    if years:
        state[YEARS] = years
    state[CITY] = params.get("city")
    state[ZOOM] = params.get("zoom") == "1"
    state[AS_OF] = params.get("as_of")
    state[COMPARE] = [c for c in (params.get("compare") or "").split(",") if c]
    state[PRESENT] = params.get("present") == "1"
    step = params.get("step", "1")
    state[STEP] = int(step) if step.isdigit() and int(step) > 0 else 1
    state[UPLOADS_LOST] = params.get("uploads") == "1" and not state.get(UPLOADS)
    state[_URL_READ] = True


def clean_state(model: Model) -> None:
    """Drop ids the (possibly edited) data no longer has; clamp years to its range."""
    state = st.session_state
    filters = sanitise(current_filters(), model)
    state[PROGRAMMES] = list(filters.programmes)
    state[FOCUS] = list(filters.focus_areas)
    state[CITIES] = list(filters.cities)
    state[YEARS] = filters.years or model.year_range
    state[KINDS] = list(filters.kinds)
    if state.get(CITY) not in model.cities.index:
        state[CITY] = None
    state[AS_OF] = clean_as_of(state.get(AS_OF))
    compared = [c for c in dict.fromkeys(state.get(COMPARE) or []) if c in model.cities.index]
    state[COMPARE] = compared[:MAX_COMPARED]


def clean_as_of(text: object) -> str | None:
    """An as-of date as written in the URL (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``), or ``None``."""
    if not isinstance(text, str):
        return None
    try:
        return as_of(text).text
    except DateError:
        return None


def copy_widget(widget_key: str, shared_key: str) -> None:
    """Callback: copy a page widget's value into its shared key."""
    st.session_state[shared_key] = st.session_state.get(widget_key)


def current_filters() -> Filters:
    """The filters held in session state."""
    state = st.session_state
    years = state.get(YEARS)
    return Filters(
        programmes=tuple(state.get(PROGRAMMES) or ()),
        focus_areas=tuple(state.get(FOCUS) or ()),
        cities=tuple(state.get(CITIES) or ()),
        years=tuple(years) if years else None,  # type: ignore[arg-type]
        kinds=tuple(state.get(KINDS) or ()),
    )


def write_url(model: Model) -> None:
    """Mirror the shared keys into the URL, leaving defaults out."""
    state = st.session_state
    filters = sanitise(current_filters(), model)
    wanted: dict[str, str | list[str]] = {}
    if state.get(LANG, DEFAULT_LANG) != DEFAULT_LANG:
        wanted["lang"] = state[LANG]
    for key, name in _LIST_PARAMS.items():
        if state.get(key):
            wanted[name] = list(state[key])
    if filters.years:
        wanted["years"] = f"{filters.years[0]}-{filters.years[1]}"
    if state.get(CITY):
        wanted["city"] = state[CITY]
    if state.get(ZOOM):
        wanted["zoom"] = "1"
    if state.get(AS_OF):
        wanted["as_of"] = state[AS_OF]
    if state.get(COMPARE):
        wanted["compare"] = ",".join(state[COMPARE])
    if state.get(PRESENT):
        wanted["present"] = "1"
        wanted["step"] = str(state.get(STEP, 1))
    if state.get(UPLOADS):
        wanted["uploads"] = "1"
    params = st.query_params
    for name in (
        "lang",
        "programme",
        "focus",
        "in_city",
        "years",
        "kind",
        "city",
        "zoom",
        "as_of",
        "compare",
        "present",
        "step",
        "uploads",
    ):
        if name in wanted:
            value = wanted[name]
            current = params.get_all(name)
            if current != (value if isinstance(value, list) else [value]):
                params[name] = value
        elif name in params:
            del params[name]


def build_context(model: Model) -> Context:
    """Filter the model with the current selections and remember it for the pages."""
    state = st.session_state
    filters = sanitise(current_filters(), model)
    lang = normalise_lang(state.get(LANG))
    context = Context(
        model=model,
        view=shared_view(model, filters),
        t=Translator(lang),
        lang=lang,
        present=bool(state.get(PRESENT)),
        city=state.get(CITY),
    )
    state[_CONTEXT] = context
    return context


def context() -> Context:
    """The context ``dashboard.py`` built for this run."""
    return st.session_state[_CONTEXT]


def select_city(city_id: str | None) -> None:
    """Make ``city_id`` the selected city (``None`` clears it)."""
    st.session_state[CITY] = city_id
