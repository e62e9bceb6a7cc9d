"""C40 China Programme Tracker — entry point: page config, shared controls, routing."""

from pathlib import Path

import streamlit as st

from components import shell, state

state.read_url_once()
presenting = bool(st.session_state.get(state.PRESENT))
st.set_page_config(
    page_title="C40 China Programme Tracker",
    page_icon=str(Path(__file__).parent / "assets" / "favicon.png"),
    layout="wide",
    initial_sidebar_state="collapsed" if presenting else "auto",
)

data = shell.load()
# Presenting, the sidebar is collapsed but Streamlit keeps its controls focusable off screen:
# the language switch then sits on the page itself.
with st.container() if presenting else st.sidebar:
    t = shell.render_language_switch()
shell.render_problems(data, t)
shell.render_session_notice(t)
if data.model is None:
    st.stop()
state.clean_state(data.model)
if not presenting:
    with st.sidebar:
        shell.render_filters(data.model, t)
        shell.render_present_button(t)
context = state.build_context(data.model)
if not presenting:
    with st.sidebar:
        shell.render_briefing_button(context)

pages = [
    st.Page("app_pages/map.py", title=t("page.map"), icon=":material/map:", default=not presenting),
    st.Page("app_pages/timeline.py", title=t("page.timeline"), icon=":material/timeline:"),
    st.Page("app_pages/coverage.py", title=t("page.coverage"), icon=":material/grid_on:"),
    st.Page("app_pages/focus_areas.py", title=t("page.focus"), icon=":material/donut_large:"),
    st.Page("app_pages/compare.py", title=t("page.compare"), icon=":material/compare_arrows:"),
    st.Page("app_pages/data_sources.py", title=t("page.data"), icon=":material/table:"),
]
if presenting:
    pages = [st.Page("app_pages/present.py", title=t("page.present"), icon=":material/slideshow:", default=True)]
page = st.navigation(pages, position="hidden" if presenting else "sidebar")
page.run()
state.write_url(data.model)
shell.rerun_after_reconnect()
