"""Thin renderers for a chart's text alternative: the summary in words and the same values as a table.

The elements are always written (also when a summary is empty), below the chart, so the
element tree above and around a chart never changes between reruns.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.text import md_escape
from tracker.i18n import Translator
from tracker.summaries import Summary


def escaped_table(table: pd.DataFrame) -> pd.DataFrame:
    """The table with every header and cell escaped: ``st.table`` renders Markdown in both."""
    shown = table.map(md_escape)
    shown.columns = [md_escape(column) for column in table.columns]
    return shown


def render_text_alternative(
    summary: Summary, t: Translator, notes: bool = False, table: pd.DataFrame | None = None
) -> None:
    """The summary (a paragraph) and an expander holding its table (or ``table``, the chart's values).

    In presenter mode (``notes``) both sit in one expander, as speaker notes.
    """
    values = escaped_table(summary.table if table is None else table)
    if notes:
        with st.expander(t("a11y.notes"), icon=":material/speaker_notes:"):
            st.markdown(md_escape(summary.text))
            st.table(values, hide_index=True, alt=summary.alt)
        return
    st.markdown(md_escape(summary.text))
    with st.expander(t("a11y.as_table"), icon=":material/table_rows:"):
        st.table(values, hide_index=True, alt=summary.alt)
