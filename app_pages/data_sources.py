"""Data & sources: the tables, every source with its link, how to cite, downloads."""

import streamlit as st

from components import state
from components.city_panel import render_sources, sources_frame
from components.downloads import TABLES, tables_zip, view_table, view_tables
from components.upload_panel import render_upload_panel
from tracker.safety import to_safe_csv

TAB_KEY = "data.tab"

ctx = state.context()
t = ctx.t
model = ctx.model

st.title(t("data.title"), anchor=False)
st.caption(t("data.caption", date=model.data_date.isoformat()))

render_upload_panel(t)

st.subheader(t("data.sources"), anchor=False)
render_sources(model, tuple(model.sources.index), t, heading=False)
st.markdown(f"**{t('data.cite_title')}**")
st.code(t("data.cite_text", date=model.data_date.isoformat()), language=None, wrap_lines=True)

st.subheader(t("data.tables"), anchor=False)
st.download_button(
    t("data.download_all"),
    data=lambda: tables_zip(view_tables(ctx.view)),
    file_name="c40-china-tables.zip",
    mime="application/zip",
    icon=":material/folder_zip:",
    on_click="ignore",
)
# Only the open tab's table is built and sent: switching tabs reruns the page.
tabs = st.tabs([t(f"table.{name}") for name in TABLES], key=TAB_KEY, on_change="rerun")
for tab, name in zip(tabs, TABLES, strict=True):
    if not tab.open:
        continue
    frame = view_table(ctx.view, name)
    with tab:
        shown = sources_frame(model) if name == "sources" else frame
        st.dataframe(shown, hide_index=True, alt=t(f"table.{name}"))
        st.download_button(
            t("data.download_one", name=f"{name}.csv"),
            data=lambda frame=frame: to_safe_csv(frame),
            file_name=f"c40-china-{name}.csv",
            mime="text/csv",
            icon=":material/download:",
            key=f"download.{name}",
            on_click="ignore",
        )
