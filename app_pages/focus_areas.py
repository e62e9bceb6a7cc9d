"""Focus areas: what each programme works on, and which cities work on it."""

import streamlit as st

from components import state
from components.alternatives import render_text_alternative
from components.charts import render_figure
from components.city_panel import render_sources
from components.focus import MAX_NAMED, focus_outline, focus_treemap
from components.labels import city_names, lookup
from components.shell import render_page_header
from components.text import md_escape
from tracker.summaries import focus_summary
from tracker.validate import split_list

ctx = state.context()
t = ctx.t
view = ctx.view

render_page_header(ctx, "focus.title", t("focus.caption"))

figure = focus_treemap(view, ctx.lang, t)
if figure is None:
    st.warning(t("focus.empty"), icon=":material/search_off:")
    st.stop()

chart, text = st.columns([1, 1], gap="large")
with chart:
    summary = focus_summary(view, ctx.lang, t)
    render_figure(figure, "c40-china-focus-areas", "focus.treemap", summary.alt)
    render_text_alternative(summary, t)
with text:
    cities = lookup(city_names(view.model.cities, ctx.lang))
    for programme in focus_outline(view, ctx.lang):
        paragraphs = []
        for area in programme.areas:
            named = [md_escape(cities[c]) for c in area.city_ids[:MAX_NAMED]]
            if len(area.city_ids) > MAX_NAMED:
                named.append(t("problems.more", count=len(area.city_ids) - MAX_NAMED))
            who = ", ".join(named) or t("focus.cities_not_stated")
            kind = f" · _{t('focus.explored')}_" if area.explored else ""
            lines = [f"**{md_escape(area.name)}**{kind}"]
            if area.description:
                lines.append(md_escape(area.description))
            lines.append(f"{t('focus.cities')}: {who}")
            lines.append(f"{t('common.sources')}: " + ", ".join(md_escape(s) for s in area.source_ids))
            paragraphs.append("  \n".join(lines))
        with st.expander(md_escape(programme.name), expanded=True):
            st.markdown("\n\n".join(paragraphs))  # one element per programme, a paragraph per area
    used = dict.fromkeys(s for cell in view.focus_areas["source_ids"] for s in split_list(cell))
    render_sources(view.model, tuple(used), t)
