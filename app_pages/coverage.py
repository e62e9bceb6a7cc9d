"""Coverage: which city is in which programme, and where the gaps are."""

import streamlit as st

from components import state
from components.alternatives import render_text_alternative
from components.charts import render_figure
from components.coverage import (
    MAX_MATRIX_CITIES,
    MAX_MATRIX_PROGRAMMES,
    cities_without_programme,
    coverage_matrix,
    focus_matrix,
    key_figures,
)
from components.labels import city_names
from components.shell import render_page_header
from components.text import md_escape
from tracker.summaries import city_focus_summary, coverage_summary, coverage_table

MAX_GAPS_LISTED = 200

ctx = state.context()
t = ctx.t
view = ctx.view

render_page_header(ctx, "coverage.title", t("coverage.caption"))

if view.cities.empty or view.programmes.empty:
    st.warning(t("coverage.empty"), icon=":material/search_off:")
    st.stop()

figures = key_figures(view, ctx.lang)
for column, figure in zip(st.columns(min(len(figures), 4)) * (len(figures) // 4 + 1), figures, strict=False):
    with column:
        if figure.stated:
            value = t("coverage.of", covered=figure.covered, total=figure.total)
            note = t("coverage.limited_note", count=figure.limited) if figure.limited else t("coverage.full_note")
        elif figure.at_least:
            # Short in the metric (a long value does not wrap and sticks out at 320 px); whole in the note.
            value = t("coverage.at_least_value", count=figure.at_least)
            note = f"{t('coverage.at_least', count=figure.at_least)}: {t('coverage.at_least_note')}"
        else:
            value = t("common.not_stated")
            note = t("coverage.not_stated_note")
        st.metric(md_escape(figure.name), value, border=True, help=note)
        st.caption(note)

st.subheader(t("coverage.matrix"), anchor=False)
capped = st.empty()  # always there, so the matrix below keeps its place
if len(view.cities) > MAX_MATRIX_CITIES or len(view.programmes) > MAX_MATRIX_PROGRAMMES:
    capped.info(
        t(
            "coverage.capped",
            cities=min(len(view.cities), MAX_MATRIX_CITIES),
            total_cities=len(view.cities),
            programmes=min(len(view.programmes), MAX_MATRIX_PROGRAMMES),
            total_programmes=len(view.programmes),
        ),
        icon=":material/filter_list:",
    )
summary = coverage_summary(view, ctx.lang, t)
render_figure(coverage_matrix(view, ctx.lang, t), "c40-china-coverage", "coverage.matrix", summary.alt)
st.caption(t("coverage.legend"))
render_text_alternative(summary, t, table=coverage_table(view, ctx.lang, t))

st.subheader(t("coverage.gaps"), anchor=False)
gaps = cities_without_programme(view)
if gaps.empty:
    st.success(t("coverage.no_gaps"), icon=":material/check_circle:")
else:
    names = city_names(gaps, ctx.lang)
    shown = ", ".join(md_escape(n) for n in names.head(MAX_GAPS_LISTED))
    more = t("problems.more", count=len(gaps) - MAX_GAPS_LISTED) if len(gaps) > MAX_GAPS_LISTED else ""
    st.markdown(t("coverage.gaps_intro", count=len(gaps)) + "\n\n" + shown + (" " + more if more else ""))

st.subheader(t("coverage.focus"), anchor=False)
focus = focus_matrix(view, ctx.lang)
if focus is None:
    st.info(t("coverage.focus_empty"), icon=":material/info:")
else:
    summary = city_focus_summary(view, ctx.lang, t)
    render_figure(focus, "c40-china-city-focus", "coverage.focus", summary.alt)
    render_text_alternative(summary, t)
