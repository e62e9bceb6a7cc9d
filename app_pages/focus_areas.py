"""Focus areas: what each programme works on, and which cities work on it."""

import streamlit as st

from components import state
from components.charts import render_figure
from components.city_panel import render_sources
from components.focus import focus_treemap
from components.labels import city_names, focus_names, programme_names
from components.shell import filter_summary
from components.text import md_escape
from tracker.i18n import localized
from tracker.validate import split_list

ctx = state.context()
t = ctx.t
view = ctx.view

st.title(t("focus.title"), anchor=False)
st.caption(t("focus.caption"))
summary = filter_summary(ctx)
if summary:
    st.info(summary, icon=":material/filter_alt:")

figure = focus_treemap(view, ctx.lang, t)
if figure is None:
    st.warning(t("focus.empty"), icon=":material/search_off:")
    st.stop()

chart, text = st.columns([1, 1], gap="large")
with chart:
    render_figure(figure, "c40-china-focus-areas", "focus.treemap")
with text:
    programme_label = programme_names(view.model.programmes, ctx.lang, short=False)
    area_label = focus_names(view.model.focus_areas, ctx.lang)
    descriptions = localized(view.focus_areas, "description", ctx.lang)
    cities = city_names(view.model.cities, ctx.lang)
    for programme_id in view.programmes.sort_values("order")["programme_id"]:
        areas = view.focus_areas.loc[view.focus_areas["programme_id"] == programme_id]
        if areas.empty:
            continue
        with st.expander(md_escape(programme_label[programme_id]), expanded=True):
            for area_id, area in areas.iterrows():
                named = view.city_focus.loc[view.city_focus["focus_area_id"] == area_id, "city_id"]
                who = ", ".join(md_escape(cities[c]) for c in named) or t("focus.cities_not_stated")
                kind = f" · _{t('focus.explored')}_" if area["status"] == "explored" else ""
                about = descriptions[area_id]
                lines = [f"**{md_escape(area_label[area_id])}**{kind}"]
                if isinstance(about, str):
                    lines.append(md_escape(about))
                lines.append(f"{t('focus.cities')}: {who}")
                lines.append(
                    f"{t('common.sources')}: " + ", ".join(md_escape(s) for s in split_list(area["source_ids"]))
                )
                st.markdown("  \n".join(lines))
    used = dict.fromkeys(s for cell in view.focus_areas["source_ids"] for s in split_list(cell))
    render_sources(view.model, tuple(used), t)
