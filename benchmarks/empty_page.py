"""Streamlit's floor: the emptiest page (used by AppTest timings and the browser timings)."""

import streamlit as st

st.write("")
