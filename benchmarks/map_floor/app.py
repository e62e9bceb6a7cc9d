"""The floor for map interactions: the project's provinces served once as a file, one point layer, a selectbox.

What a map page can at best cost per interaction in this browser: a deck whose only
base layer is loaded by URL (``static/`` links to ``data/boundaries/``), the cities as
one scatterplot layer, and a selectbox that recentres the map on a city.
"""

import csv
from pathlib import Path

import pydeck as pdk
import streamlit as st

CITIES = Path(__file__).resolve().parents[2] / "data" / "cities.csv"

with CITIES.open(encoding="utf-8-sig") as stream:
    rows = [
        {"id": r["city_id"], "name": r["name_en"], "position": [float(r["longitude"]), float(r["latitude"])]}
        for r in csv.DictReader(stream)
    ]
names = {row["id"]: row["name"] for row in rows}
chosen = st.selectbox("City", list(names), format_func=names.__getitem__, index=None, key="floor.city")
centre = next((row["position"] for row in rows if row["id"] == chosen), [112.0, 32.0])
deck = pdk.Deck(
    layers=[
        pdk.Layer("GeoJsonLayer", id="provinces", data="app/static/provinces.geojson", get_fill_color=[250, 250, 246]),
        pdk.Layer(
            "ScatterplotLayer",
            id="cities",
            data=[{**row, "fill": [213, 94, 0] if row["id"] == chosen else [0, 114, 178]} for row in rows],
            get_position="position",
            get_fill_color="fill",
            get_radius=8,
            radius_units="'pixels'",
        ),
    ],
    initial_view_state=pdk.ViewState(longitude=centre[0], latitude=centre[1], zoom=7.0 if chosen else 3.5),
    map_provider=None,
)
st.pydeck_chart(deck, height=600, key="floor.map")
