"""A library floor for the charts: one tiny plotly chart, nothing else."""

import plotly.graph_objects as go
import streamlit as st

st.plotly_chart(go.Figure(go.Bar(x=[1], y=["a"], orientation="h")), theme=None)
