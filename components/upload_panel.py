"""The Data page's upload control: replace tables for this session only."""

from __future__ import annotations

import streamlit as st

from components.data_access import validate_upload
from components.shell import UPLOADS
from components.text import md_escape
from components.uploads import MAX_UPLOAD_BYTES, check_uploads, merged
from tracker.i18n import Translator
from tracker.problems import errors

UPLOADER = "data.uploader"
UPLOAD_PROBLEMS = "data.upload_problems"
UPLOAD_NONCE = "data.upload_nonce"


def _on_upload(key: str) -> None:
    """Callback: check the files; keep them for this session only if the data stays valid."""
    files = st.session_state.get(key) or []
    if not files:
        return
    checked = check_uploads(files)
    problems = list(checked.refused)
    if checked.accepted:
        candidate = merged(st.session_state.get(UPLOADS), checked.accepted)
        result = validate_upload(None, candidate)
        problems += errors(result.problems)
        if result.ok and not checked.refused:
            st.session_state[UPLOADS] = candidate
    st.session_state[UPLOAD_PROBLEMS] = [str(p) for p in problems]
    st.session_state[UPLOAD_NONCE] = st.session_state.get(UPLOAD_NONCE, 0) + 1


def _reset() -> None:
    """Callback: back to the data files on the server."""
    st.session_state.pop(UPLOADS, None)
    st.session_state.pop(UPLOAD_PROBLEMS, None)


def render_upload_panel(t: Translator) -> None:
    """Uploader, the outcome of the last upload, and a reset button."""
    active = st.session_state.get(UPLOADS) or {}
    key = f"{UPLOADER}.{st.session_state.get(UPLOAD_NONCE, 0)}"
    with st.expander(t("upload.title"), icon=":material/upload_file:", expanded=bool(active)):
        st.caption(t("upload.help", limit=MAX_UPLOAD_BYTES // (1024 * 1024)))
        st.file_uploader(
            t("upload.label"),
            type=["csv"],
            accept_multiple_files=True,
            key=key,
            on_change=_on_upload,
            args=(key,),
            max_upload_size=MAX_UPLOAD_BYTES // (1024 * 1024),
        )
        problems = st.session_state.get(UPLOAD_PROBLEMS) or []
        if problems:
            st.error(
                t("upload.refused") + "\n\n" + "\n".join(f"- {md_escape(p)}" for p in problems),
                icon=":material/block:",
            )
        if active:
            st.success(t("upload.active", files=", ".join(sorted(active))), icon=":material/check_circle:")
            st.button(t("upload.reset"), icon=":material/restart_alt:", on_click=_reset)
