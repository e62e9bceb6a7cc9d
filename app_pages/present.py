"""Presenter mode: one large view per step, with previous/next controls."""

from datetime import date

import streamlit as st

from components import as_of, presenter, state
from components.alternatives import render_text_alternative
from components.charts import render_figure
from components.city_panel import render_city_panel
from components.colors import programme_colors
from components.coverage import coverage_matrix, key_figures
from components.focus import focus_treemap
from components.labels import city_names
from components.legend import legend_alt, map_legend_svg, membership_legend_svg
from components.map_deck import build_deck, city_adcode, city_points, membership_points, scope_areas
from components.text import md_escape
from components.timeline import programme_timeline
from tracker import summaries
from tracker.geo import load_boundaries

ctx = state.context()
t = ctx.t
view = ctx.view
steps = presenter.steps(view, ctx.city)
step = presenter.current_step(len(steps))
st.session_state[state.STEP] = step
kind = steps[step - 1]

back, where, forward, leave = st.columns([1, 3, 1, 1], vertical_alignment="center")
back.button(
    t("present.previous"),
    icon=":material/arrow_back:",
    on_click=presenter.go_to,
    args=(step - 1,),
    disabled=step == 1,
    shortcut="Left",
    width="stretch",
)
where.markdown(f"**{t('present.step', step=step, total=len(steps))}** · {t('present.keys')}")
forward.button(
    t("present.next"),
    icon=":material/arrow_forward:",
    on_click=presenter.go_to,
    args=(step + 1,),
    disabled=step == len(steps),
    shortcut="Right",
    type="primary",
    width="stretch",
)
leave.button(t("present.exit"), icon=":material/close_fullscreen:", on_click=presenter.stop, width="stretch")

boundaries = load_boundaries()
palette = programme_colors(ctx.model.programmes["programme_id"])
today = date.today()

if kind == "map":
    st.title(t("map.title"), anchor=False)
    points = city_points(view, ctx.lang, t, palette)
    empty = st.empty()  # always there, so the map keeps its place
    if not points:
        empty.warning(t("map.empty"), icon=":material/search_off:")
    summary = summaries.map_summary(view, ctx.lang, t)
    deck = build_deck(points, boundaries, t, scope_areas(view, boundaries, palette), large=True)
    st.pydeck_chart(deck, height=720, key="present.map", alt=summary.alt)
    st.caption(t("legend.title"))
    st.image(map_legend_svg(view, ctx.lang, t, large=True), alt=legend_alt(view, ctx.lang, t))
    st.caption(t("map.attribution", text=boundaries.attribution))
    render_text_alternative(summary, t, notes=True)
elif kind == "timeline":
    st.title(t("timeline.title"), anchor=False)
    if view.programmes.empty and view.milestones.empty:
        st.warning(t("timeline.empty"), icon=":material/search_off:")
    else:
        summary = summaries.timeline_summary(view, ctx.lang, t)
        figure = programme_timeline(view, ctx.lang, t, today, large=True)
        render_figure(figure, "c40-china-timeline", "present.timeline", summary.alt)
        render_text_alternative(summary, t, notes=True)
elif kind == "coverage":
    st.title(t("coverage.title"), anchor=False)
    if view.cities.empty or view.programmes.empty:
        st.warning(t("coverage.empty"), icon=":material/search_off:")
    else:
        figures = key_figures(view, ctx.lang)
        for column, figure in zip(st.columns(len(figures)), figures, strict=True):
            value = t("coverage.of", covered=figure.covered, total=figure.total) if figure.stated else None
            whole = t("coverage.at_least", count=figure.at_least) if figure.at_least else None
            if value is None and figure.at_least:
                value = t("coverage.at_least_value", count=figure.at_least)  # short: metric values do not wrap
            column.metric(md_escape(figure.name), value or t("common.not_stated"), border=True, help=whole)
        summary = summaries.coverage_summary(view, ctx.lang, t)
        matrix = coverage_matrix(view, ctx.lang, t, large=True)
        render_figure(matrix, "c40-china-coverage", "present.coverage", summary.alt)
        render_text_alternative(summary, t, notes=True, table=summaries.coverage_table(view, ctx.lang, t))
elif kind == "focus":
    st.title(t("focus.title"), anchor=False)
    figure = focus_treemap(view, ctx.lang, t, large=True)
    if figure is None:
        st.warning(t("focus.empty"), icon=":material/search_off:")
    else:
        summary = summaries.focus_summary(view, ctx.lang, t)
        render_figure(figure, "c40-china-focus-areas", "present.focus", summary.alt)
        render_text_alternative(summary, t, notes=True)
elif kind.startswith("asof:"):
    when = as_of.parse_year(kind.removeprefix("asof:"))
    told = as_of.summary(view, when, ctx.lang, t)
    st.title(t("present.over_time"), anchor=False)
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader(t("present.as_of", date=when.text), anchor=False)
        points = membership_points(view, ctx.lang, t, when)
        deck = build_deck(points, boundaries, t, large=True)
        st.pydeck_chart(deck, height=640, key="present.as_of", alt=told.counts)
        st.image(membership_legend_svg(t, large=True), alt=t("asof.legend"))
    with right:
        st.markdown(f"### {md_escape(told.counts)}")
        st.markdown(f"**{t('asof.running')}**")
        st.markdown("\n".join(f"- {md_escape(line)}" for line in told.programmes) or t("asof.none_running"))
        st.markdown(f"**{t('asof.milestones', date=md_escape(when.text))}**")
        listed = [f"- {md_escape(date)}: {md_escape(title)}" for date, title in told.milestones]
        st.markdown("\n".join(listed) or t("asof.no_milestones"))
else:
    city_id = kind.removeprefix("city:")
    st.title(md_escape(city_names(ctx.model.cities.loc[[city_id]], ctx.lang).iloc[0]), anchor=False)
    left, right = st.columns([3, 2], gap="large")
    with left:
        points = city_points(view, ctx.lang, t, palette)
        deck = build_deck(
            points,
            boundaries,
            t,
            scope_areas(view, boundaries, palette),
            selected=city_id,
            large=True,
            outline=city_adcode(view, boundaries, city_id),
        )
        summary = summaries.city_summary(view, city_id, ctx.lang, t)
        # One key for every city step: stepping from city to city keeps the map's canvas.
        st.pydeck_chart(deck, height=640, key="present.city", alt=summary.alt)
        render_text_alternative(summary, t, notes=True)
    with right:
        render_city_panel(ctx.model, city_id, ctx.lang, t, compare=False)
