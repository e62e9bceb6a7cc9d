"""Map: the cities on an offline base map; click one to see everything about it."""

import streamlit as st

from components import as_of, state
from components.city_panel import render_city_panel
from components.colors import programme_colors
from components.labels import city_names, lookup
from components.legend import legend_alt, map_legend_svg, membership_legend_svg
from components.map_deck import (
    CITY_LAYER,
    build_deck,
    city_adcode,
    city_points,
    city_positions,
    membership_points,
    scope_areas,
)
from components.motion import prefers_reduced_motion
from components.shell import render_page_header
from components.text import md_escape
from tracker.geo import load_boundaries
from tracker.summaries import map_summary

MAP_KEY = "map.deck"
TABLE_KEY = "map.cities"


def on_map_select() -> None:
    """Make the clicked city the selected one (a click on empty map keeps it)."""
    event = st.session_state.get(MAP_KEY) or {}
    objects = (event.get("selection") or {}).get("objects") or {}
    picked = objects.get(CITY_LAYER) or []
    if picked:
        state.select_city(picked[0].get("id"))


def on_table_select(city_ids: list[str]) -> None:
    """Make the city of the chosen table row the selected one (clearing the row keeps it)."""
    event = st.session_state.get(TABLE_KEY) or {}
    rows = (event.get("selection") or {}).get("rows") or []
    if rows and rows[0] < len(city_ids):
        state.select_city(city_ids[rows[0]])


ctx = state.context()
t = ctx.t
view = ctx.view
boundaries = load_boundaries()
palette = programme_colors(ctx.model.programmes["programme_id"])

render_page_header(ctx, "map.title", t("map.caption", count=len(ctx.model.cities)))

reduced_motion = prefers_reduced_motion()
as_of.render_controls(ctx.model, t, reduced_motion)
when = as_of.current(ctx.model)
told = as_of.summary(view, when, ctx.lang, t) if when else None
points = membership_points(view, ctx.lang, t, when) if when else city_points(view, ctx.lang, t, palette)
summary = map_summary(view, ctx.lang, t)
left, right = st.columns([3, 2], gap="medium")
with left:
    counts = st.empty()  # always there: the as-of counts, or nothing
    empty = st.empty()  # always there: the map below keeps its canvas when no city matches
    if told:
        counts.markdown(md_escape(told.counts))
    if not points:
        empty.warning(t("map.empty"), icon=":material/search_off:")
    deck = build_deck(
        points,
        boundaries,
        t,
        scopes={} if when else scope_areas(view, boundaries, palette),
        selected=ctx.city,
        outline=city_adcode(view, boundaries, ctx.city),
        frame=city_positions(ctx.model.cities),  # filters and a chosen city leave the camera where it is
        zoom_to_selected=bool(st.session_state.get(state.ZOOM)),
    )
    st.pydeck_chart(
        deck,
        on_select=on_map_select,
        selection_mode="single-object",
        key=MAP_KEY,
        height=600,
        alt=summary.alt,
    )
    st.caption(t("asof.legend") if when else t("legend.title"))
    st.image(
        membership_legend_svg(t) if when else map_legend_svg(view, ctx.lang, t),
        alt=t("asof.legend") if when else legend_alt(view, ctx.lang, t),
    )
    st.caption(t("map.attribution", text=boundaries.attribution))
    # The text alternative, and the keyboard's way to pick a city: a row of the table (Shift+Space).
    st.markdown(md_escape(summary.text))
    st.caption(t("a11y.pick_city"))
    city_ids = summary.table.index.tolist()
    st.dataframe(
        summary.arrow,  # the same Arrow data as summary.table, converted once per summary
        hide_index=True,
        on_select=lambda: on_table_select(city_ids),
        selection_mode="single-row",
        key=TABLE_KEY,
        alt=summary.alt,
    )
with right:
    if when and told:
        st.markdown(f"**{t('asof.running')}**")
        st.markdown("\n".join(f"- {md_escape(line)}" for line in told.programmes) or t("asof.none_running"))
        st.markdown(f"**{t('asof.milestones', date=md_escape(when.text))}**")
        listed = [f"- {md_escape(date)}: {md_escape(title)}" for date, title in told.milestones]
        if told.earlier:
            listed.append(f"- {t('asof.more', count=told.earlier)}")
        st.markdown("\n".join(listed) or t("asof.no_milestones"))
        if reduced_motion:
            st.caption(t("asof.reduced_motion"))
    names = city_names(ctx.model.cities, ctx.lang)
    st.selectbox(
        t("map.select_city"),
        options=ctx.model.cities.index.tolist(),
        format_func=lookup(names).__getitem__,
        key=state.CITY,
        index=None,
        persist_state="session",
        placeholder=t("map.select_placeholder"),
    )
    st.toggle(t("map.zoom_to_city"), key=state.ZOOM, help=t("map.zoom_to_city_help"), persist_state="session")
    if ctx.city:
        render_city_panel(ctx.model, ctx.city, ctx.lang, t)
    else:
        st.info(t("map.hint"), icon=":material/touch_app:")

if st.session_state.get(as_of.PLAYING) and not reduced_motion:

    @st.fragment(run_every=as_of.PLAY_SECONDS)
    def _play() -> None:
        """While playing: one year further per tick, then a full rerun (the map is outside the fragment)."""
        if st.session_state.get(as_of.PLAYING) and as_of.due():
            as_of.advance(ctx.model)
            st.rerun()

    _play()
