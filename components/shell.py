"""What every page shares: data banner, language switch and filters in the sidebar."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from components import state
from components.data_access import AppData, load_app_data
from components.labels import city_names, focus_names, lookup, programme_names
from components.text import md_escape
from tracker import Model
from tracker.i18n import LANGUAGES, Translator

UPLOADS = state.UPLOADS
MAX_LISTED_PROBLEMS = 30
RERUN_TIMER = timedelta(hours=12)


def load() -> AppData:
    """The data for this run (session uploads applied), or the last good data."""
    return load_app_data(uploads=st.session_state.get(UPLOADS))


def render_problems(data: AppData, t: Translator) -> None:
    """A banner listing what is wrong with the files, or nothing when all is well.

    The banner's place is always there (an empty slot when all is well), so the page
    below keeps its element tree, and its charts and map, when a file breaks or recovers.
    """
    slot = st.empty()
    if not data.errors:
        return
    lines = [f"- {md_escape(p)}" for p in data.errors[:MAX_LISTED_PROBLEMS]]
    if len(data.errors) > MAX_LISTED_PROBLEMS:
        lines.append(f"- {t('problems.more', count=len(data.errors) - MAX_LISTED_PROBLEMS)}")
    head = t("problems.stale") if data.stale else t("problems.no_data")
    slot.error(head + "\n\n" + "\n".join(lines), icon=":material/error:")


def render_session_notice(t: Translator) -> None:
    """An always-present container; it says so when this session's uploaded files were lost.

    A new session (after a server was lost or the page reloaded) that starts from a URL marked
    ``uploads=1`` has none of the files the view was made of. It shows the bundled data, and this
    says plainly that it is not theirs. The container is always there so that what follows keeps
    its place in the element tree.
    """
    notice = st.container()
    if st.session_state.get(UPLOADS):
        st.session_state[state.UPLOADS_LOST] = False
    if not st.session_state.get(state.UPLOADS_LOST):
        return
    with notice:
        st.warning(t("session.uploads_lost"), icon=":material/cloud_off:")
        st.button(t("session.dismiss"), icon=":material/close:", on_click=_dismiss_uploads_lost)


def _dismiss_uploads_lost() -> None:
    """Callback: the user has read the notice."""
    st.session_state[state.UPLOADS_LOST] = False


@st.fragment(run_every=RERUN_TIMER)
def rerun_after_reconnect() -> None:
    """Draws nothing; its timer makes the browser rerun the app after it reconnects.

    Streamlit's frontend (1.67, ``App.handleConnectionStateChanged``) asks for a script run after
    reconnecting only while a run is under way or an auto-rerun timer exists; otherwise it takes
    the session to be resumed. Behind a load balancer the reconnection may reach another replica,
    which opens a new, empty session: without a run the browser would keep showing the lost
    session's elements, dead. With this (twelve-hourly, empty) fragment timer it sends a full run
    with the URL's query string, and ``state.read_url_once`` restores the view from it.
    """


def render_language_switch() -> Translator:
    """The language control (kept in the URL as ``lang``)."""
    st.segmented_control(
        "Language · 语言 · Sprache",
        options=list(LANGUAGES),
        format_func=LANGUAGES.__getitem__,
        key=state.LANG,
        required=True,
        persist_state="session",
    )
    return Translator(st.session_state[state.LANG])


def render_filters(model: Model, t: Translator) -> None:
    """Programme, focus-area, city and year filters; they apply on every page."""
    lang = t.lang
    choices = (
        ("filters.programme", programme_names(model.programmes, lang), state.PROGRAMMES),
        ("filters.focus", focus_names(model.focus_areas, lang), state.FOCUS),
        ("filters.city", city_names(model.cities, lang), state.CITIES),
    )
    for label, names, key in choices:
        st.multiselect(
            t(label),
            options=names.index.tolist(),
            format_func=lookup(names).__getitem__,
            key=key,
            placeholder=t("filters.all"),
            persist_state="session",
        )
    first, last = model.year_range
    if first < last:
        st.slider(t("filters.years"), min_value=first, max_value=last, key=state.YEARS, persist_state="session")
    st.button(t("filters.reset"), icon=":material/filter_alt_off:", on_click=reset_filters, args=(model,))


def reset_filters(model: Model) -> None:
    """Clear every filter (callback)."""
    st.session_state[state.PROGRAMMES] = []
    st.session_state[state.FOCUS] = []
    st.session_state[state.CITIES] = []
    st.session_state[state.YEARS] = model.year_range


def render_page_header(context: state.Context, title_key: str, caption: str) -> None:
    """A page's title, its caption and, when filters are set, what they leave.

    The filter summary has a slot that is always there, so setting or clearing a filter
    never shifts the charts below it (a shifted chart is mounted anew).
    """
    st.title(context.t(title_key), anchor=False)
    st.caption(caption)
    slot = st.empty()
    summary = filter_summary(context)
    if summary:
        slot.info(summary, icon=":material/filter_alt:")


def filter_summary(context: state.Context) -> str | None:
    """One line saying which filters are active, or ``None``."""
    view = context.view
    if not view.filters.active:
        return None
    t = context.t
    return t(
        "filters.summary",
        cities=len(view.map_cities),
        total=len(context.model.cities),
        programmes=len(view.programmes),
    )


def render_present_button(t: Translator) -> None:
    """The control that turns the dashboard into a presentation."""
    from components import presenter

    st.divider()
    st.button(
        t("present.start"),
        icon=":material/slideshow:",
        on_click=presenter.start,
        type="primary",
        help=t("present.start_help"),
        width="stretch",
    )


def render_briefing_button(context: state.Context) -> None:
    """Download the offline briefing for the current filters and language (built on click)."""
    from datetime import date

    from briefing import briefing_html

    def build() -> bytes:
        return briefing_html(context.view, context.lang, date.today()).encode("utf-8")

    st.download_button(
        context.t("brief.download"),
        data=build,
        file_name=f"c40-china-briefing-{context.lang}.html",
        mime="text/html",
        icon=":material/download:",
        on_click="ignore",
        width="stretch",
        help=context.t("brief.download_help"),
    )
