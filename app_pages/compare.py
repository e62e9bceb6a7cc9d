"""Compare: two to four cities side by side, the same rows for each, differences marked."""

import streamlit as st

from components import state
from components.compare import MAX_CITIES, MIN_CITIES, compare_cities, comparison_frame
from components.downloads import compare_csv
from components.labels import city_names, lookup
from components.shell import render_page_header

WIDGET = "compare.cities"

ctx = state.context()
t = ctx.t
names = city_names(ctx.model.cities, ctx.lang)

render_page_header(ctx, "compare.title", t("compare.caption", low=MIN_CITIES, high=MAX_CITIES))
st.multiselect(
    t("compare.choose", high=MAX_CITIES),
    options=names.index.tolist(),
    default=st.session_state.get(state.COMPARE) or [],
    format_func=lookup(names).__getitem__,
    max_selections=MAX_CITIES,
    key=WIDGET,
    on_change=state.copy_widget,
    args=(WIDGET, state.COMPARE),
    placeholder=t("compare.placeholder"),
)
chosen = list(st.session_state.get(state.COMPARE) or [])
body = st.container()
with body:
    if len(chosen) < MIN_CITIES:
        st.info(t("compare.too_few", low=MIN_CITIES, high=MAX_CITIES), icon=":material/compare_arrows:")
    else:
        comparison = compare_cities(ctx.model, chosen, ctx.lang, t)
        frame = comparison_frame(comparison, t)
        differing = comparison.differing_rows
        st.caption(t("compare.summary", differ=len(differing), total=len(comparison.differs)))
        st.table(frame, hide_index=True, alt=t("compare.summary", differ=len(differing), total=len(comparison.differs)))
        st.download_button(
            t("compare.download"),
            data=compare_csv(frame),
            file_name="c40-china-compare-" + "-".join(chosen) + ".csv",
            mime="text/csv",
            icon=":material/download:",
            on_click="ignore",
        )
