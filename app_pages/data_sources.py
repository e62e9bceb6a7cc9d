"""Data & sources: the tables, every source with its link, how to cite, downloads."""

import streamlit as st

from components import state
from components.city_panel import render_sources, sources_frame
from components.downloads import tables_zip, view_tables
from components.upload_panel import render_upload_panel
from tracker.safety import to_safe_csv

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
tables = view_tables(ctx.view)
st.download_button(
    t("data.download_all"),
    data=lambda: tables_zip(tables),
    file_name="c40-china-tables.zip",
    mime="application/zip",
    icon=":material/folder_zip:",
    on_click="ignore",
)
tabs = st.tabs([t(f"table.{name}") for name in tables])
for tab, (name, frame) in zip(tabs, tables.items(), strict=True):
    with tab:
        shown = sources_frame(model) if name == "sources" else frame
        st.dataframe(shown, hide_index=True)
        st.download_button(
            t("data.download_one", name=f"{name}.csv"),
            data=lambda frame=frame: to_safe_csv(frame),
            file_name=f"c40-china-{name}.csv",
            mime="text/csv",
            icon=":material/download:",
            key=f"download.{name}",
            on_click="ignore",
        )
