"""The offline map: a pydeck deck with our own boundary base layer and city markers.

``pdk.Deck(map_provider=None)`` fetches no tiles and no style; the land, sea and
borders come from the bundled GeoJSON (:mod:`tracker.geo`).
"""

from __future__ import annotations

import json
import math
from typing import Any

import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from components import colors
from components.labels import city_names, programme_names, scope_text
from tracker.filters import View
from tracker.frames import isin
from tracker.geo import Boundaries
from tracker.i18n import Translator, localized

CITY_LAYER = "cities"
SCOPE_LAYER = "scopes"
_PLACEHOLDER = "@@base:{}@@"
_SEA_POLYGON = [[[40.0, -15.0], [170.0, -15.0], [170.0, 65.0], [40.0, 65.0], [40.0, -15.0]]]


class CompactDeck(pdk.Deck):
    """A deck whose JSON has no indentation and splices pre-serialised base layers.

    pydeck indents its JSON and re-encodes every GeoJSON coordinate on each
    rerun; here the boundary layers are encoded once per process.
    """

    def __init__(self, *args: Any, spliced: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._spliced = spliced or {}

    def to_json(self) -> str:
        """Compact JSON of the deck with the base layers' text spliced in."""
        text = json.dumps(self, sort_keys=True, default=_serialize, separators=(",", ":"), ensure_ascii=False)
        for name, compact in self._spliced.items():
            text = text.replace(json.dumps(_PLACEHOLDER.format(name)), compact, 1)
        return text


def _serialize(obj: object) -> object:
    """pydeck's serialiser, minus our own bookkeeping attribute."""
    attrs = default_serialize(obj)
    if isinstance(attrs, dict):
        attrs.pop("_spliced", None)
    return attrs


def city_points(view: View, lang: str, t: Translator, programme_colors: dict[str, str]) -> list[dict[str, Any]]:
    """One JSON-safe record per city on the map, with its marker style and tooltip text.

    Plain lists and dicts rather than per-row pandas work: this runs on every rerun,
    for up to tens of thousands of cities.
    """
    cities = view.map_cities
    if cities.empty:
        return []
    taking_part = view.participation.sort_values("order")
    names = programme_names(view.model.programmes, lang).to_dict()
    scopes = scope_text(taking_part, lang).tolist()
    labels: dict[str, list[str]] = {}
    firsts: dict[str, str] = {}
    for city_id, programme_id, scope in zip(taking_part["city_id"], taking_part["programme_id"], scopes, strict=True):
        label = names[programme_id] if not isinstance(scope, str) else f"{names[programme_id]} ({scope})"
        labels.setdefault(city_id, []).append(label)
        firsts.setdefault(city_id, programme_id)
    none_label = t("map.no_programme")
    heading = t("map.programmes_label")
    rgba = {pid: colors.rgba(colour) for pid, colour in programme_colors.items()}
    several, empty = colors.rgba(colors.NETWORK), colors.rgba("#FFFFFF")
    points = []
    for city_id, name, region, lon, lat in zip(
        cities["city_id"].tolist(),
        city_names(cities, lang).tolist(),
        localized(cities, "region", lang).fillna("").tolist(),
        cities["longitude"].round(5).tolist(),
        cities["latitude"].round(5).tolist(),
        strict=True,
    ):
        own = labels.get(city_id, [])
        count = len(own)
        fill = several if count > 1 else rgba.get(firsts.get(city_id, ""), empty)
        programmes = "; ".join(own) or none_label
        points.append(
            {
                "city_id": city_id,
                "name": name,
                "region": region,
                "lon": lon,
                "lat": lat,
                "count": count,
                "programmes": programmes,
                "fill": fill,
                "tooltip": f"{name}\n{region}\n{heading}: {programmes}",
            }
        )
    return points


def scope_features(view: View, boundaries: Boundaries, lang: str, programme_colors: dict[str, str]) -> list[dict]:
    """Boundary features of limited scopes (e.g. one district), styled by programme."""
    limited = view.participation.loc[
        (view.participation["status"] == "limited") & view.participation["scope_adcode"].notna()
    ]
    limited = limited.loc[isin(limited["city_id"], view.map_cities["city_id"])]
    features = []
    names = programme_names(view.model.programmes, lang)
    scopes = scope_text(limited, lang)
    for (_, row), scope in zip(limited.iterrows(), scopes, strict=True):
        feature = boundaries.area(str(row["scope_adcode"]))
        if feature is None:
            continue
        label = f"{names.get(row['programme_id'], row['programme_id'])}: {scope if isinstance(scope, str) else ''}"
        features.append(
            {
                "type": "Feature",
                "geometry": feature["geometry"],
                "properties": {
                    "tooltip": label,
                    "city_id": row["city_id"],
                    "fill": colors.rgba(programme_colors[row["programme_id"]], 150),
                },
            }
        )
    return features


def city_outline(view: View, boundaries: Boundaries, city_id: str | None) -> dict[str, Any] | None:
    """The administrative boundary of the selected city, if the bundled data has it."""
    if not city_id or city_id not in view.model.cities.index:
        return None
    adcode = view.model.cities.at[city_id, "adcode"]
    return boundaries.area(adcode) if isinstance(adcode, str) else None


_LABEL_SPOTS: tuple[tuple[str, str, float, float], ...] = (
    ("start", "center", 1, 0),
    ("end", "center", -1, 0),
    ("start", "bottom", 0.7, -0.9),
    ("start", "top", 0.7, 0.9),
    ("end", "bottom", -0.7, -0.9),
    ("end", "top", -0.7, 0.9),
)


def _text_width(text: str, size: float) -> float:
    """Rough rendered width: CJK characters are square, Latin ones about half as wide."""
    return sum(size if ord(ch) > 0x2E80 else size * 0.56 for ch in text)


def _pixels(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Web Mercator pixel position at ``zoom`` (deck.gl's 512-pixel world)."""
    world = 512 * 2**zoom
    y = math.log(math.tan(math.pi / 4 + math.radians(max(min(lat, 85.0), -85.0)) / 2))
    return world * (lon + 180) / 360, world * (1 - y / math.pi) / 2


def place_labels(points: list[dict[str, Any]], zoom: float, size: float) -> None:
    """Give each point a label position that avoids labels and markers placed before it.

    Greedy, in the order of the points, at the initial zoom: each label takes the first
    free spot of right, left, above-right, below-right, above-left, below-left.
    """
    taken: list[tuple[float, float, float, float]] = []
    for point in points:
        x, y = _pixels(point["lon"], point["lat"], zoom)
        r = point["radius"]
        taken.append((x - r, y - r, x + r, y + r))
    for point in points:
        x, y = _pixels(point["lon"], point["lat"], zoom)
        width, height, gap = _text_width(point["name"], size), size * 1.3, point["radius"] + 4
        for anchor, baseline, fx, fy in _LABEL_SPOTS:
            dx, dy = fx * gap, fy * gap
            left = x + dx if anchor == "start" else x + dx - width
            top = {"center": y + dy - height / 2, "bottom": y + dy - height, "top": y + dy}[baseline]
            box = (left, top, left + width, top + height)
            own = (x - point["radius"], y - point["radius"], x + point["radius"], y + point["radius"])
            if not any(_overlaps(box, other) for other in taken if other != own):
                break
        point["anchor"], point["baseline"], point["offset"] = anchor, baseline, [dx, dy]
        taken.append(box)


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def view_state(
    points: list[dict[str, Any]], selected: str | None, large: bool = False, close: bool = False
) -> pdk.ViewState:
    """Fit the view to the points, or zoom to the selected city (closer when ``close``)."""
    chosen = [p for p in points if p["city_id"] == selected]
    if chosen:
        return pdk.ViewState(longitude=chosen[0]["lon"], latitude=chosen[0]["lat"], zoom=8.6 if close else 7.0)
    if not points:
        return pdk.ViewState(longitude=105.0, latitude=35.0, zoom=3.0)
    lons = [p["lon"] for p in points]
    lats = [p["lat"] for p in points]
    span = max(max(lons) - min(lons), (max(lats) - min(lats)) * 1.4, 2.0)
    zoom = max(2.5, min(7.0, math.log2(360 / span) - 0.6 + (0.3 if large else 0.0)))
    return pdk.ViewState(longitude=(min(lons) + max(lons)) / 2, latitude=(min(lats) + max(lats)) / 2, zoom=zoom)


def build_deck(
    points: list[dict[str, Any]],
    boundaries: Boundaries,
    scopes: list[dict[str, Any]] | None = None,
    selected: str | None = None,
    large: bool = False,
    labels: bool = True,
    outline: dict[str, Any] | None = None,
) -> CompactDeck:
    """The deck: sea, neighbouring countries, provinces, national border, scopes, cities."""
    scale = 1.6 if large else 1.0
    base = [
        pdk.Layer(
            "PolygonLayer",
            id="sea",
            data=[{"polygon": _SEA_POLYGON}],
            get_polygon="polygon",
            get_fill_color=list(colors.SEA),
            stroked=False,
        ),
        _geojson("countries", colors.LAND_OTHER, (255, 255, 255, 255), 0.6),
        _geojson("provinces", colors.LAND_CHINA, colors.PROVINCE_LINE, 0.8),
        _geojson("national", (0, 0, 0, 0), colors.NATIONAL_LINE, 1.4, filled=False),
    ]
    layers = [*base]
    if outline:
        layers.append(
            pdk.Layer(
                "GeoJsonLayer",
                id="selected-area",
                data={"type": "FeatureCollection", "features": [{**outline, "properties": {}}]},
                filled=False,
                get_line_color=list(colors.SELECTED_LINE),
                line_width_min_pixels=2,
                pickable=False,
            )
        )
    if scopes:
        layers.append(
            pdk.Layer(
                "GeoJsonLayer",
                id=SCOPE_LAYER,
                data={"type": "FeatureCollection", "features": scopes},
                get_fill_color="properties.fill",
                get_line_color=list(colors.MARKER_LINE),
                line_width_min_pixels=2,
                pickable=True,
            )
        )
    for point in points:
        point["radius"] = (6 + 5 * point["count"]) * scale
        point["line"] = list(colors.SELECTED_LINE if point["city_id"] == selected else colors.MARKER_LINE)
        point["width"] = (4 if point["city_id"] == selected else 1.5) * scale
    layers.append(
        pdk.Layer(
            "ScatterplotLayer",
            id=CITY_LAYER,
            data=points,
            get_position=["lon", "lat"],
            get_radius="radius",
            radius_units="'pixels'",
            get_fill_color="fill",
            get_line_color="line",
            get_line_width="width",
            line_width_units="'pixels'",
            stroked=True,
            pickable=True,
            auto_highlight=True,
        )
    )
    scoped = {feature["properties"]["city_id"] for feature in scopes or []}
    state = view_state(points, selected, large, close=selected in scoped)
    if labels and len(points) <= 200:
        place_labels(points, state.zoom, 14 * scale)
        layers.append(
            pdk.Layer(
                "TextLayer",
                id="city-labels",
                data=points,
                get_position=["lon", "lat"],
                get_text="name",
                get_size=14 * scale,
                get_color=[30, 30, 30, 255],
                get_pixel_offset="offset",
                get_text_anchor="anchor",
                get_alignment_baseline="baseline",
                character_set="'auto'",
                font_family='"Noto Sans CJK SC, Noto Sans SC, Source Sans Pro, sans-serif"',
                background=True,
                get_background_color=[255, 255, 255, 200],
            )
        )
    return CompactDeck(
        layers=layers,
        initial_view_state=state,
        map_provider=None,
        tooltip={"text": "{tooltip}"},
        spliced={name: boundaries.compact[name] for name in ("countries", "provinces", "national")},
    )


def _geojson(
    name: str,
    fill: tuple[int, ...],
    line: tuple[int, ...],
    width: float,
    filled: bool = True,
) -> pdk.Layer:
    return pdk.Layer(
        "GeoJsonLayer",
        id=name,
        data=_PLACEHOLDER.format(name),
        filled=filled,
        stroked=True,
        get_fill_color=list(fill),
        get_line_color=list(line),
        line_width_min_pixels=width,
        line_width_units="'pixels'",
        get_line_width=width,
        pickable=False,
    )
