"""The offline map: a pydeck deck with our own boundary base layer and city markers.

``pdk.Deck(map_provider=None)`` fetches no tiles and no style; the land, sea and
borders come from the bundled GeoJSON (:mod:`tracker.geo`).

Everything here runs on every rerun, for up to tens of thousands of cities: the
builders read the few columns they need once and work on plain lists and dicts,
since each pandas operation on a small frame costs far more than the Python loop.
"""

from __future__ import annotations

import json
import math
from functools import cache
from operator import itemgetter
from typing import Any

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import IGNORE_KEYS, camel_and_lower, default_serialize
from pydeck.types.base import PydeckType

from components import colors
from components.labels import city_names, programme_names
from tracker.filters import View
from tracker.geo import Boundaries
from tracker.i18n import Translator, localized_list

CITY_LAYER = "cities"
SCOPE_LAYER = "scopes"
_PLACEHOLDER = "@@base:{}@@"
_GEOMETRY_PLACEHOLDER = "@@geometry:{}@@"
_BASE_LAYERS = ("countries", "provinces", "national")
_SEA_POLYGON = [[[40.0, -15.0], [170.0, -15.0], [170.0, 65.0], [40.0, 65.0], [40.0, -15.0]]]
_TOOLTIP = {"text": "{tooltip}"}
_NOT_SERIALISED = frozenset([*IGNORE_KEYS, "_spliced"])
_GEOMETRY_CACHE_SIZE = 1024


class CompactDeck(pdk.Deck):
    """A deck whose JSON has no indentation and splices pre-serialised GeoJSON.

    pydeck indents its JSON and re-encodes every GeoJSON coordinate on each
    rerun; here the boundary layers, and each area outline, are encoded once per
    process. ``spliced`` maps a placeholder string in the layers' data to the JSON
    text that replaces it.

    ``pdk.Deck.__init__`` re-imports pydeck's Jupyter widget five times per call
    (about 0.8 ms when ipywidgets is missing), yet sets the same attributes for
    every deck built here; they are copied from one template deck instead.
    """

    def __init__(
        self, layers: list[pdk.Layer], initial_view_state: pdk.ViewState, spliced: dict[str, str] | None = None
    ) -> None:
        self.__dict__.update(_template_attributes())
        self.layers = layers
        self.initial_view_state = initial_view_state
        self._spliced = spliced or {}

    def to_json(self) -> str:
        """Compact JSON of the deck with the spliced texts in place of their placeholders.

        Each placeholder's first occurrence is replaced; the pieces are joined once.
        """
        text = _dumps(self)
        cuts = []
        for placeholder, compact in self._spliced.items():
            quoted = json.dumps(placeholder)
            at = text.find(quoted)
            if at >= 0:
                cuts.append((at, at + len(quoted), compact))
        cuts.sort(key=itemgetter(0))
        pieces, start = [], 0
        for at, end, compact in cuts:
            pieces += (text[start:at], compact)
            start = end
        pieces.append(text[start:])
        return "".join(pieces)


@cache
def _template_attributes() -> dict[str, Any]:
    """The attributes ``pdk.Deck`` sets for a deck without a base map and with our tooltip.

    Like pydeck, the template reads map API keys from the environment, once per process.
    """
    return dict(vars(pdk.Deck(map_provider=None, tooltip=_TOOLTIP)))


@cache
def _json_key(name: str) -> str:
    """pydeck's JSON name of an attribute: ``_data`` → ``data``, snake case → lower camel case."""
    if name == "_data":
        return "data"
    return camel_and_lower(name) if "_" in name else name


def _serialize(obj: object) -> object:
    """pydeck's serialiser (with the key renaming cached), minus our own bookkeeping attribute."""
    if isinstance(obj, PydeckType):
        return repr(obj)
    try:
        attrs = vars(obj)
    except TypeError:
        return default_serialize(obj)
    return {_json_key(key): value for key, value in attrs.items() if value is not None and key not in _NOT_SERIALISED}


def _dumps(value: object) -> str:
    """JSON text exactly as the deck's own encoding writes ``value``."""
    return json.dumps(value, sort_keys=True, default=_serialize, separators=(",", ":"), ensure_ascii=False)


_geometry_text: dict[int, tuple[object, str]] = {}


def _geometry_json(geometry: object) -> str:
    """The deck's JSON text of a boundary geometry, encoded once per geometry object.

    Keyed by object identity (the cache holds the object, so its id stays unique):
    geometries come from the process-wide :class:`~tracker.geo.Boundaries`, which is
    never changed.
    """
    cached = _geometry_text.get(id(geometry))
    if cached is None or cached[0] is not geometry:
        if len(_geometry_text) >= _GEOMETRY_CACHE_SIZE:
            _geometry_text.clear()
        cached = (geometry, _dumps(geometry))
        _geometry_text[id(geometry)] = cached
    return cached[1]


def city_points(view: View, lang: str, t: Translator, programme_colors: dict[str, str]) -> list[dict[str, Any]]:
    """One JSON-safe record per city on the map, with its marker style and tooltip text."""
    cities = view.map_cities
    if cities.empty:
        return []
    participation = view.participation
    names = programme_names(view.model.programmes, lang).to_dict()
    taking_part = sorted(
        zip(
            participation["order"].tolist(),
            participation["city_id"].tolist(),
            participation["programme_id"].tolist(),
            localized_list(participation, "scope", lang, blank=None),
            strict=True,
        ),
        key=itemgetter(0),
    )
    labels: dict[str, list[str]] = {}
    firsts: dict[str, str] = {}
    for _, city_id, programme_id, scope in taking_part:
        label = names[programme_id] if scope is None else f"{names[programme_id]} ({scope})"
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
        localized_list(cities, "region", lang, blank=None),
        cities["longitude"].to_numpy().round(5).tolist(),
        cities["latitude"].to_numpy().round(5).tolist(),
        strict=True,
    ):
        own = labels.get(city_id, [])
        region = region or ""
        programmes = "; ".join(own) or none_label
        points.append(
            {
                "city_id": city_id,
                "name": name,
                "region": region,
                "lon": lon,
                "lat": lat,
                "count": len(own),
                "programmes": programmes,
                "fill": several if len(own) > 1 else rgba.get(firsts.get(city_id, ""), empty),
                "tooltip": f"{name}\n{region}\n{heading}: {programmes}",
            }
        )
    return points


def scope_features(view: View, boundaries: Boundaries, lang: str, programme_colors: dict[str, str]) -> list[dict]:
    """Boundary features of limited scopes (e.g. one district), styled by programme."""
    participation = view.participation
    shown = set(view.map_cities["city_id"].tolist())
    names = programme_names(view.model.programmes, lang).to_dict()
    features = []
    for city_id, programme_id, status, adcode, scope in zip(
        participation["city_id"].tolist(),
        participation["programme_id"].tolist(),
        participation["status"].tolist(),
        participation["scope_adcode"].tolist(),
        localized_list(participation, "scope", lang, blank=None),
        strict=True,
    ):
        if status != "limited" or city_id not in shown or pd.isna(adcode):
            continue
        feature = boundaries.area(str(adcode))
        if feature is None:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": feature["geometry"],
                "properties": {
                    "tooltip": f"{names.get(programme_id, programme_id)}: {scope or ''}",
                    "city_id": city_id,
                    "fill": colors.rgba(programme_colors[programme_id], 150),
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


_Box = tuple[float, float, float, float]


class _BoxGrid:
    """Boxes bucketed by the square cells they touch, so an overlap test reads only its neighbourhood.

    The answer is the same as testing every box: two overlapping boxes share a cell.
    Boxes with a non-finite corner cannot be bucketed; one of them switches the grid to
    testing every box.
    """

    def __init__(self, cell: float = 128.0) -> None:
        self._cell = cell
        self._cells: dict[tuple[int, int], list[_Box]] = {}
        self._all: list[_Box] = []
        self._linear = False

    def _keys(self, box: _Box) -> list[tuple[int, int]]:
        cell = self._cell
        columns = range(math.floor(box[0] / cell), math.floor(box[2] / cell) + 1)
        rows = range(math.floor(box[1] / cell), math.floor(box[3] / cell) + 1)
        return [(column, row) for column in columns for row in rows]

    def add(self, box: _Box) -> None:
        """Remember ``box``."""
        self._all.append(box)
        self._linear = self._linear or not all(map(math.isfinite, box))
        if not self._linear:
            for key in self._keys(box):
                self._cells.setdefault(key, []).append(box)

    def overlaps(self, box: _Box, ignored: _Box) -> bool:
        """True if ``box`` overlaps a remembered box other than those equal to ``ignored``."""
        if self._linear or not all(map(math.isfinite, box)):
            groups: list[list[_Box]] = [self._all]
        else:
            groups = [self._cells[key] for key in self._keys(box) if key in self._cells]
        left, top, right, bottom = box
        for group in groups:
            for other in group:
                if left < other[2] and other[0] < right and top < other[3] and other[1] < bottom and other != ignored:
                    return True
        return False


def place_labels(points: list[dict[str, Any]], zoom: float, size: float) -> None:
    """Give each point a label position that avoids labels and markers placed before it.

    Greedy, in the order of the points, at the initial zoom: each label takes the first
    free spot of right, left, above-right, below-right, above-left, below-left (the last
    one when none is free).
    """
    height = size * 1.3
    positions = [_pixels(point["lon"], point["lat"], zoom) for point in points]
    markers: list[_Box] = []
    taken = _BoxGrid()
    for point, (x, y) in zip(points, positions, strict=True):
        r = point["radius"]
        markers.append((x - r, y - r, x + r, y + r))
        taken.add(markers[-1])
    for point, (x, y), own in zip(points, positions, markers, strict=True):
        width, gap = _text_width(point["name"], size), point["radius"] + 4
        for anchor, baseline, fx, fy in _LABEL_SPOTS:
            dx, dy = fx * gap, fy * gap
            left = x + dx if anchor == "start" else x + dx - width
            if baseline == "center":
                top = y + dy - height / 2
            elif baseline == "bottom":
                top = y + dy - height
            else:
                top = y + dy
            box = (left, top, left + width, top + height)
            if not taken.overlaps(box, own):
                break
        point["anchor"], point["baseline"], point["offset"] = anchor, baseline, [dx, dy]
        taken.add(box)


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
    """The deck: sea, neighbouring countries, provinces, national border, scopes, cities.

    Adds each point's marker size and line (and label position) to ``points``.
    """
    scale = 1.6 if large else 1.0
    spliced = {_PLACEHOLDER.format(name): boundaries.compact[name] for name in _BASE_LAYERS}
    layers = [*_base_layers()]
    if outline:
        layers.append(
            pdk.Layer(
                "GeoJsonLayer",
                id="selected-area",
                data={
                    "type": "FeatureCollection",
                    "features": [_splice_geometry({**outline, "properties": {}}, spliced)],
                },
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
                data={"type": "FeatureCollection", "features": [_splice_geometry(f, spliced) for f in scopes]},
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
    return CompactDeck(layers=layers, initial_view_state=state, spliced=spliced)


def _splice_geometry(feature: dict[str, Any], spliced: dict[str, str]) -> dict[str, Any]:
    """A copy of ``feature`` whose geometry is a placeholder for its once-encoded JSON text."""
    if "geometry" not in feature:
        return feature
    placeholder = _GEOMETRY_PLACEHOLDER.format(len(spliced))
    spliced[placeholder] = _geometry_json(feature["geometry"])
    return {**feature, "geometry": placeholder}


@cache
def _base_layers() -> tuple[pdk.Layer, ...]:
    """Sea, neighbouring countries, provinces and national border (the same on every deck)."""
    return (
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
