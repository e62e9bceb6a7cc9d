"""A library floor for the map: one empty pydeck chart (no data, no base map), nothing else."""

import pydeck as pdk
import streamlit as st

st.pydeck_chart(pdk.Deck(layers=[], map_provider=None, initial_view_state=pdk.ViewState(longitude=105, latitude=35)))
