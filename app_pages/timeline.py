"""Timeline: programmes from their start to their end (or today), with milestones."""

from datetime import date

import streamlit as st

from components import state
from components.alternatives import render_text_alternative
from components.charts import render_figure
from components.milestones import milestone_table, undated_lines
from components.shell import render_page_header
from components.timeline import MAX_TIMELINE_CITIES, city_timeline, drawable_city_count, programme_timeline
from tracker.schema import MILESTONE_KINDS
from tracker.summaries import city_timeline_summary, timeline_summary

TAB_KEY = "timeline.tab"
KINDS_WIDGET = "timeline.kinds"

ctx = state.context()
t = ctx.t
view = ctx.view


def programmes_tab() -> None:
    """Programme bars with milestones, and the milestone table."""
    if view.programmes.empty and view.milestones.empty:
        st.warning(t("timeline.empty"), icon=":material/search_off:")
        return
    summary = timeline_summary(view, ctx.lang, t)
    figure = programme_timeline(view, ctx.lang, t, date.today())
    render_figure(figure, "c40-china-timeline", "timeline.programmes", summary.alt)
    st.caption(t("timeline.kind_note"))
    render_text_alternative(summary, t)
    render_undated()
    st.subheader(t("timeline.milestones"), anchor=False)
    if view.milestones.empty:
        st.info(t("timeline.no_milestones"), icon=":material/event_busy:")
    else:
        st.dataframe(milestone_table(view, ctx.lang, t), hide_index=True, alt=t("timeline.milestones"))


def render_undated() -> None:
    """The shown facts whose date is not stated: listed, never on the chart."""
    lines = undated_lines(view, ctx.lang, t)
    if lines:
        st.markdown(f"**{t('timeline.undated')}**")
        st.caption(t("timeline.undated_caption"))
        st.markdown("\n".join(lines))


def cities_tab() -> None:
    """One row per city: which programme when, and when it joined C40."""
    taking_part = not view.participation.empty
    if view.cities.empty or not (taking_part or view.cities["joined_first"].notna().any()):
        st.warning(t("timeline.city_empty"), icon=":material/search_off:")
        return
    summary = city_timeline_summary(view, ctx.lang, t)
    figure = city_timeline(view, ctx.lang, t, date.today())
    render_figure(figure, "c40-china-cities-timeline", "timeline.cities", summary.alt)
    st.caption(t("timeline.city_note") + " " + t("timeline.kind_note"))
    render_text_alternative(summary, t)
    render_undated()
    drawable = drawable_city_count(view)
    if drawable > MAX_TIMELINE_CITIES:
        st.info(t("timeline.city_capped", shown=MAX_TIMELINE_CITIES, total=drawable), icon=":material/filter_list:")


render_page_header(ctx, "timeline.title", t("timeline.caption"))
st.pills(
    t("timeline.kinds"),
    options=list(MILESTONE_KINDS),
    selection_mode="multi",
    default=st.session_state.get(state.KINDS) or [],
    format_func=lambda kind: t(f"kind.{kind}"),
    key=KINDS_WIDGET,
    on_change=state.copy_widget,
    args=(KINDS_WIDGET, state.KINDS),
    help=t("timeline.kinds_help"),
)

# Only the open tab runs: switching tabs reruns the page.
tabs = st.tabs([t("timeline.tab_programmes"), t("timeline.tab_cities")], key=TAB_KEY, on_change="rerun")
for tab, body in zip(tabs, (programmes_tab, cities_tab), strict=True):
    if tab.open:
        with tab:
            body()
