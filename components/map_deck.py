"""The offline map: a pydeck deck with our own boundary base layers, city markers and an inset.

``pdk.Deck(map_provider=None)`` fetches no tiles and no style. The sea, land and
borders are GeoJSON files the app serves itself (``static/`` is a link to
``data/boundaries/``; Streamlit serves it at ``app/static/``): the deck names them by
URL, so each rerun sends only the markers and labels, and the browser fetches each file
once while deck.gl, seeing the same URL, keeps what it already tessellated.

Layer ids never change and a layer keeps its place in the list whatever is shown, so
deck.gl updates layers instead of rebuilding them. The South China Sea inset is a
second view in the same canvas (see :mod:`tracker.inset`).

Everything here runs on every rerun, for up to tens of thousands of cities: the
builders read the few columns they need once and work on plain lists and dicts.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from functools import cache
from operator import itemgetter
from typing import Any

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import IGNORE_KEYS, camel_and_lower, default_serialize
from pydeck.types.base import PydeckType

from components import colors
from components.labels import city_names, programme_names
from components.map_marks import Mark, marker_style, place_labels
from tracker.dates import PartialDate
from tracker.filters import View
from tracker.geo import Boundaries
from tracker.i18n import Translator, localized_list
from tracker.inset import SHIFT_LON, Extent, inset_extent, inset_frame, inverse_mercator_y, mercator_y
from tracker.membership import Bounds, Membership, memberships_at

CITY_LAYER = "cities"
TEXT_LAYER = "texts"
"""Every text on the map in one layer: city labels, a "?" on each city whose membership at the
as-of date is not known, and the inset's caption. A text layer compiles two GPU programs (three
with a background) and builds its own glyph atlas: in software WebGL each cost 0.1-0.3 s on the
map's first draw, so there is one text layer, without background
(benchmarks/results/first-draw-2026-12-04.txt)."""
#: The selection ring's record while no city is selected: radius 0, where no view looks.
#: deck.gl builds a layer's GPU program on its first draw and skips a layer without data, so
#: an empty ring layer left the first city choice to pay for it (0.6-1 s in software WebGL).
RING_WARM_UP: dict[str, Any] = {"p": [-170.0, -80.0], "r": 0}
#: Prefix of the district fill layers: one per bundled area (``areas-310105``).
AREAS_LAYER = "areas"
#: Where Streamlit serves ``static/`` (relative, so a ``server.baseUrlPath`` still works).
STATIC_URL = "app/static/"
#: Prefix of the district outline layers: one per bundled area (``area-lines-310105``).
AREA_LINES_LAYER = "area-lines"
#: Base layers loaded by URL, bottom to top: ``(layer id, file under data/boundaries)``.
#: Land is filled from GeoJSON; borders are straight segments (``lines/*.json``, built by
#: ``scripts/build_inset.py``) drawn by a ``LineLayer``, half the per-frame cost of a
#: GeoJSON layer's stroke in software WebGL. Every view draws every visible layer, and
#: each segment costs in every frame whether it shows or not.
BASE_FILES: tuple[tuple[str, str], ...] = (
    ("sea", "sea.geojson"),
    ("countries", "countries.geojson"),
    ("provinces", "provinces.geojson"),
    ("province-lines", "lines/provinces.json"),
    ("national", "lines/national.json"),
)
AREAS_DIR = "areas/"
AREA_LINES_DIR = "lines/areas/"
INSET_FILES: tuple[tuple[str, str], ...] = (
    ("inset-countries", "inset/countries.geojson"),
    ("inset-provinces", "inset/provinces.geojson"),
    ("inset-province-lines", "lines/inset-provinces.json"),
    ("inset-national", "lines/inset-national.json"),
)
MAIN_VIEW = "main"
INSET_VIEW = "inset"
INSET_WIDTH = 150.0
INSET_MARGIN = 10.0
FRAME_WIDTH = 3.0
_TOOLTIP = {"text": "{t}"}
LABEL_SIZE = 14.0
INSET_LABEL_SIZE = 12.0
UNKNOWN_SIZE = 16.0
_LABEL_COLOR = [30, 30, 30, 255]
_NOT_SERIALISED = frozenset(IGNORE_KEYS)
_ADCODE = re.compile(r"[0-9]{6}")
_TRANSPARENT = [0, 0, 0, 0]
_FONT = '"Noto Sans CJK SC, Noto Sans SC, Source Sans Pro, sans-serif"'


class CompactDeck(pdk.Deck):
    """A deck whose JSON has no indentation.

    pydeck indents its JSON; ``pdk.Deck.__init__`` also re-imports pydeck's Jupyter
    widget five times per call (about 0.8 ms when ipywidgets is missing), yet sets the
    same attributes for every deck built here: they are copied from one template deck.
    """

    def __init__(self, layers: list[pdk.Layer], initial_view_state: pdk.ViewState, views: list[pdk.View]) -> None:
        self.__dict__.update(_template_attributes())
        self.layers = layers
        self.initial_view_state = initial_view_state
        self.views = views

    def to_json(self) -> str:
        """Compact JSON of the deck."""
        return _dumps(self)


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
    """pydeck's serialiser, with the key renaming cached."""
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


def city_points(view: View, lang: str, t: Translator, programme_colors: dict[str, str]) -> list[dict[str, Any]]:
    """One record per city on the map: id, name, position, tooltip and marker style.

    The style (``fill``, ``count``) comes from :func:`components.map_marks.marker_style`,
    as on the briefing map; :func:`build_deck` turns the records into compact layer data.
    """
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
            participation["status"].tolist(),
            localized_list(participation, "scope", lang, blank=None),
            strict=True,
        ),
        key=itemgetter(0),
    )
    labels: dict[str, list[str]] = {}
    programmes: dict[str, list[str]] = {}
    limited: dict[str, list[bool]] = {}
    for _, city_id, programme_id, status, scope in taking_part:
        label = names[programme_id] if scope is None else f"{names[programme_id]} ({scope})"
        labels.setdefault(city_id, []).append(label)
        programmes.setdefault(city_id, []).append(programme_id)
        limited.setdefault(city_id, []).append(status == "limited")
    none_label = t("map.no_programme")
    heading = t("map.programmes_label")
    points = []
    for city_id, name, region, lon, lat in zip(
        cities["city_id"].tolist(),
        city_names(cities, lang).tolist(),
        localized_list(cities, "region", lang, blank=None),
        cities["longitude"].to_numpy().round(5).tolist(),
        cities["latitude"].to_numpy().round(5).tolist(),
        strict=True,
    ):
        style = marker_style(programmes.get(city_id, ()), limited.get(city_id, ()), programme_colors)
        listed = "; ".join(labels.get(city_id, [])) or none_label
        points.append(
            {
                "city_id": city_id,
                "name": name,
                "lon": lon,
                "lat": lat,
                "count": style.count,
                "fill": colors.rgba(style.fill),
                "tooltip": f"{name}\n{region or ''}\n{heading}: {listed}",
            }
        )
    return points


def membership_points(view: View, lang: str, t: Translator, when: PartialDate) -> list[dict[str, Any]]:
    """Every shown city as of ``when``, styled by membership: member, not yet a member, not known.

    All cities of the city filter stay on the map (a programme filter does not hide them):
    the question is who belonged to C40 then. Tooltips say the status and the fact deciding it.
    """
    cities = view.cities
    if cities.empty:
        return []
    memberships = memberships_at(cities, when)
    points = []
    for membership, name, lon, lat in zip(
        memberships,
        city_names(cities, lang).tolist(),
        cities["longitude"].to_numpy().round(5).tolist(),
        cities["latitude"].to_numpy().round(5).tolist(),
        strict=True,
    ):
        status = membership.status
        points.append(
            {
                "city_id": membership.city_id,
                "name": name,
                "lon": lon,
                "lat": lat,
                "count": 1,
                "fill": list(colors.MEMBERSHIP_FILL[status]),
                "line": list(colors.MEMBERSHIP_LINE[status]),
                "width": colors.MEMBERSHIP_LINE_WIDTH[status],
                "unknown": status == "not_known",
                "tooltip": f"{name}\n{t('asof.label')} {when.text}: {t('membership.' + status)}"
                f"\n{membership_basis(membership, t)}",
            }
        )
    return points


def membership_basis(membership: Membership, t: Translator) -> str:
    """What the sources state about a city's membership, in words (plain text)."""
    return bounds_text(membership.bounds, t) or t("city.joined_not_stated")


def bounds_text(stated: Bounds, t: Translator) -> str:
    """Joined, applying and member-by dates as one phrase ("" when the sources state none)."""
    parts = []
    if stated.joined:
        parts.append(t("compare.joined", date=stated.joined))
    if stated.applying_on:
        reported = f" ({t('certainty.reported')})" if stated.applying_certainty == "reported" else ""
        parts.append(t("compare.applying", date=stated.applying_on) + reported)
    if stated.member_by:
        parts.append(t("compare.member_by", date=stated.member_by))
    return "; ".join(parts)


def scope_areas(view: View, boundaries: Boundaries, programme_colors: dict[str, str]) -> dict[str, list[int]]:
    """Adcode → fill colour of each limited scope (e.g. one district) of a city on the map.

    Only six-digit adcodes that the bundled ``areas.geojson`` holds are kept: the codes
    are written into the areas layer's colour expression.
    """
    participation = view.participation
    shown = set(view.map_cities["city_id"].tolist())
    fills: dict[str, list[int]] = {}
    for city_id, programme_id, status, adcode in zip(
        participation["city_id"].tolist(),
        participation["programme_id"].tolist(),
        participation["status"].tolist(),
        participation["scope_adcode"].tolist(),
        strict=True,
    ):
        if status != "limited" or city_id not in shown or pd.isna(adcode):
            continue
        code = str(adcode)
        if _ADCODE.fullmatch(code) and boundaries.area(code) is not None:
            fills.setdefault(code, colors.rgba(programme_colors[programme_id], 150))
    return fills


def city_adcode(view: View, boundaries: Boundaries, city_id: str | None) -> str | None:
    """The adcode of the selected city's outline, if the bundled areas hold it."""
    if not city_id or city_id not in view.model.cities.index:
        return None
    adcode = view.model.cities.at[city_id, "adcode"]
    if not isinstance(adcode, str) or not _ADCODE.fullmatch(adcode) or boundaries.area(adcode) is None:
        return None
    return adcode


def _pixels(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Web Mercator pixel position at ``zoom`` (deck.gl's 512-pixel world)."""
    world = 512 * 2**zoom
    y = math.log(math.tan(math.pi / 4 + math.radians(max(min(lat, 85.0), -85.0)) / 2))
    return world * (lon + 180) / 360, world * (1 - y / math.pi) / 2


def city_positions(cities: pd.DataFrame) -> tuple[tuple[float, float], ...]:
    """Every city's ``(lon, lat)``: what the map's overview frames, whatever the filters show."""
    lons = cities["longitude"].to_numpy().round(5).tolist()
    lats = cities["latitude"].to_numpy().round(5).tolist()
    return tuple(zip(lons, lats, strict=True))


def view_state(
    points: list[dict[str, Any]],
    selected: str | None,
    large: bool = False,
    close: bool = False,
    frame: Sequence[tuple[float, float]] | None = None,
    zoom_to_selected: bool = True,
) -> pdk.ViewState:
    """Fit the view to ``frame`` (default: the points), or zoom to the selected city (closer when ``close``).

    A frame that does not depend on the filters or the selection keeps the camera still
    while they change: deck.gl then redraws once, with the new markers, where a new
    camera costs a second frame (and moves the user's own pan and zoom away).
    """
    chosen = [p for p in points if p["city_id"] == selected] if zoom_to_selected else []
    if chosen:
        return pdk.ViewState(longitude=chosen[0]["lon"], latitude=chosen[0]["lat"], zoom=8.6 if close else 7.0)
    framed = list(frame) if frame is not None else [(p["lon"], p["lat"]) for p in points]
    if not framed:
        return pdk.ViewState(longitude=105.0, latitude=35.0, zoom=3.0)
    lons = [lon for lon, _ in framed]
    lats = [lat for _, lat in framed]
    span = max(max(lons) - min(lons), (max(lats) - min(lats)) * 1.4, 2.0)
    zoom = max(2.5, min(7.0, math.log2(360 / span) - 0.6 + (0.3 if large else 0.0)))
    # The camera sits a little south of the cities' middle, so they clear the inset (lower right).
    middle = (min(lats) + max(lats)) / 2 - 0.3 * max(max(lats) - min(lats), 2.0)
    return pdk.ViewState(longitude=(min(lons) + max(lons)) / 2, latitude=middle, zoom=zoom)


def _fill(layer_id: str, url: str | None, fill: tuple[int, ...]) -> pdk.Layer:
    """Land or sea read from a GeoJSON file the app serves (no data when ``url`` is None)."""
    return pdk.Layer(
        "GeoJsonLayer",
        id=layer_id,
        data=[] if url is None else STATIC_URL + url,
        filled=True,
        stroked=False,
        get_fill_color=list(fill),
        pickable=False,
    )


def _lines(layer_id: str, url: str, color: list[int] | str, width: float | str) -> pdk.Layer:
    """Borders read as straight segments (``s`` → ``t``) from a file the app serves."""
    return pdk.Layer(
        "LineLayer",
        id=layer_id,
        data=STATIC_URL + url,
        get_source_position="s",
        get_target_position="t",
        get_color=color,
        get_width=width,
        width_units="'pixels'",
        pickable=False,
    )


_FILLS: dict[str, tuple[int, ...]] = {"sea": colors.SEA, "countries": colors.LAND_OTHER, "provinces": colors.LAND_CHINA}
_LINES: dict[str, tuple[tuple[int, ...], float]] = {
    "province-lines": (colors.PROVINCE_LINE, 0.8),
    "national": (colors.NATIONAL_LINE, 1.4),
}


def _base_layer(layer_id: str, url: str) -> pdk.Layer:
    name = layer_id.removeprefix("inset-")
    if name in _FILLS:
        return _fill(layer_id, url, _FILLS[name])
    color, width = _LINES[name]
    return _lines(layer_id, url, list(color), width)


@cache
def _base_layers() -> tuple[pdk.Layer, ...]:
    """Sea, neighbouring countries, provinces, their borders and the national border (the same on every deck)."""
    return tuple(_base_layer(layer_id, url) for layer_id, url in BASE_FILES)


@cache
def _inset_base_layers() -> tuple[pdk.Layer, ...]:
    """The inset's copy of the countries, provinces and borders (the same on every deck)."""
    return tuple(_base_layer(layer_id, url) for layer_id, url in INSET_FILES)


def area_codes(boundaries: Boundaries) -> tuple[str, ...]:
    """The adcode of each bundled city or district outline, in order (the same on every deck)."""
    return tuple(sorted(boundaries.areas_by_code))


def _areas_layers(
    boundaries: Boundaries, scopes: dict[str, list[int]], outline: str | None, scale: float
) -> list[pdk.Layer]:
    """District scopes filled in their programme's colour; their outlines and the selected city's.

    Each bundled area has its own fill (``areas/<adcode>.geojson``) and outline
    (``lines/areas/<adcode>.json``) layer, shown only for a scope or (the outline) the
    selected city. deck.gl fetches and tessellates the data of hidden layers too: a hidden fill
    has no data (fills change with the programme filter, rarely), which took 0.15 s off the map's
    first draw; a hidden outline keeps its file, so that a city choice, the most frequent click,
    shows one without a fetch and a second frame (0.14 s slower when it had to fetch).
    """
    fills, outlines = [], []
    for code in area_codes(boundaries):
        shown = code in scopes
        fill_url = f"{AREAS_DIR}{code}.geojson" if shown else None
        fill = _fill(f"{AREAS_LAYER}-{code}", fill_url, tuple(scopes.get(code, _TRANSPARENT)))
        fill.visible = shown
        fills.append(fill)
        lines_id, lines_url = f"{AREA_LINES_LAYER}-{code}", f"{AREA_LINES_DIR}{code}.json"
        if code == outline:
            line = _lines(lines_id, lines_url, list(colors.SELECTED_LINE), 2.5 * scale)
        else:
            line = _lines(lines_id, lines_url, list(colors.MARKER_LINE), 2.0 * scale)
            line.visible = shown
        outlines.append(line)
    return [*fills, *outlines]


def _frame_segments(box: Extent, zoom: float, reach: float) -> list[dict[str, list[float]]]:
    """The four sides of ``box``, each longer by ``reach`` pixels at both ends so the corners close.

    A line layer draws segments without caps or joins; a frame as one path would need a
    path layer, one more shader program to compile on the map's first draw.
    """
    dlon = reach * 360.0 / (512.0 * 2**zoom)
    dy = reach * 2 * math.pi / (512.0 * 2**zoom)
    south, north = inverse_mercator_y(mercator_y(box.south) - dy), inverse_mercator_y(mercator_y(box.north) + dy)
    west, east = box.west - dlon, box.east + dlon
    sides = [
        ([west, box.south], [east, box.south]),
        ([box.east, south], [box.east, north]),
        ([east, box.north], [west, box.north]),
        ([box.west, north], [box.west, south]),
    ]
    return [{"s": [round(v, 4) for v in a], "t": [round(v, 4) for v in b]} for a, b in sides]


def _inset(boundaries: Boundaries, large: bool, lang_label: str) -> tuple[pdk.View, list[pdk.Layer], dict[str, Any]]:
    """The inset's view (lower right, fixed camera), the layers only it sees and its caption's text record."""
    frame = inset_frame(INSET_WIDTH * (1.3 if large else 1.0), inset_extent(boundaries))
    shown = frame.shown.shifted()
    ring = [[shown.west, shown.south], [shown.east, shown.south], [shown.east, shown.north], [shown.west, shown.north]]
    view = pdk.View(
        type="MapView",
        id=INSET_VIEW,
        controller=False,
        x=f"calc(100% - {frame.width + INSET_MARGIN:.0f}px)",
        y=f"calc(100% - {frame.height + INSET_MARGIN:.0f}px)",
        width=round(frame.width),
        height=round(frame.height),
        clear=True,
        view_state={"longitude": frame.longitude + SHIFT_LON, "latitude": frame.latitude, "zoom": frame.zoom},
    )
    sea = pdk.Layer(
        "PolygonLayer",
        id="inset-sea",
        data=[{"polygon": [[x, y] for x, y in ring]}],
        get_polygon="polygon",
        get_fill_color=list(colors.SEA),
        stroked=False,
    )
    border = pdk.Layer(
        "LineLayer",
        id="inset-frame",
        data=_frame_segments(shown, frame.zoom, FRAME_WIDTH / 2),
        get_source_position="s",
        get_target_position="t",
        get_color=list(colors.NATIONAL_LINE),
        get_width=FRAME_WIDTH,
        width_units="'pixels'",
    )
    size = INSET_LABEL_SIZE * (1.3 if large else 1.0)
    # Bottom right in the inset's shifted copy, where the main view never looks: one more record
    # of the map's only text layer (its baseline is the centre, hence half a line up).
    label = _text([shown.east - 0.5, shown.south + 0.9], lang_label, [0.0, round(-size / 2, 1)], "end", size)
    base = list(_inset_base_layers())
    return view, [sea, *base, border], label


def build_deck(
    points: list[dict[str, Any]],
    boundaries: Boundaries,
    t: Translator,
    scopes: dict[str, list[int]] | None = None,
    selected: str | None = None,
    large: bool = False,
    labels: bool = True,
    outline: str | None = None,
    frame: Sequence[tuple[float, float]] | None = None,
    zoom_to_selected: bool = True,
) -> CompactDeck:
    """The deck: base map by URL, scopes and outline, cities, labels, and the inset.

    Every layer is present on every deck, with the same id in the same place (empty data
    where nothing is to show), so deck.gl never rebuilds one because another came or went.
    The camera frames ``frame`` (default: the points) unless it zooms to the selected city
    (``zoom_to_selected``); see :func:`view_state`.
    """
    scale = 1.6 if large else 1.0
    scopes = scopes or {}
    state = view_state(
        points,
        selected,
        large,
        close=selected is not None and outline is not None,
        frame=frame,
        zoom_to_selected=zoom_to_selected,
    )
    # Compact keys (tens of thousands of cities travel on every rerun): id, position, radius, fill, tooltip;
    # as-of markers (membership styles) also carry their ring colour and width.
    styled = any("line" in point for point in points)
    marks = [
        {
            "id": point["city_id"],
            "p": [round(point["lon"], 4), round(point["lat"], 4)],
            "r": round((1.2 + point["count"]) * 5 * scale, 1),
            "f": point["fill"][:3] if point["fill"][3:] in ([], [255]) else point["fill"],
            "t": point["tooltip"],
            **({"l": point["line"], "w": round(point["width"] * scale, 1)} if styled else {}),
        }
        for point in points
    ]
    unknown_color = list(colors.UNKNOWN_MARK)
    unknown = [
        _text(mark["p"], "?", [0.0, 0.0], "middle", UNKNOWN_SIZE * scale, unknown_color)
        for mark, point in zip(marks, points, strict=True)
        if point.get("unknown")
    ]
    ring_width = round(4 * scale, 1)
    ring_line = {"l": list(colors.SELECTED_LINE), "w": ring_width} if styled else {}
    ring = next((mark for mark in marks if mark["id"] == selected), RING_WARM_UP)
    # No fill, yet read per record as the markers' fill is: in software WebGL each distinct set of
    # per-record attributes is a GPU pipeline of its own; a constant fill cost the first draw 0.22 s.
    chosen = [{"p": ring["p"], "r": ring["r"], "f": _TRANSPARENT, **ring_line}]
    names = _label_data(points, marks, state.zoom, LABEL_SIZE * scale) if labels and len(points) <= 200 else []
    inset_view, inset_layers, inset_label = _inset(boundaries, large, t("map.inset_label"))
    layers = [
        *_base_layers(),
        *_areas_layers(boundaries, scopes, outline, scale),
        # The inset's layers lie in a shifted copy no main view reaches; drawn before the markers,
        # they leave the text layer on top in both views (over the inset's sea: its caption). With
        # the text layer after them, the first draw took 0.15 s longer in software WebGL.
        *inset_layers,
        pdk.Layer(
            "ScatterplotLayer",
            id=CITY_LAYER,
            data=marks,
            get_position="p",
            get_radius="r",
            radius_units="'pixels'",
            get_fill_color="f",
            get_line_color="l" if styled else list(colors.MARKER_LINE),
            get_line_width="w" if styled else 1.5 * scale,
            line_width_units="'pixels'",
            stroked=True,
            pickable=True,
            auto_highlight=True,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            id="selected-city",
            data=chosen,
            get_position="p",
            get_radius="r",
            radius_units="'pixels'",
            filled=False,
            stroked=True,
            get_fill_color="f",  # the markers' attributes, one by one (see ``chosen``)
            get_line_color="l" if styled else list(colors.SELECTED_LINE),
            get_line_width="w" if styled else ring_width,
            line_width_units="'pixels'",
            pickable=False,
        ),
        pdk.Layer(
            "TextLayer",
            id=TEXT_LAYER,
            data=[*names, *unknown, inset_label],
            get_position="p",
            get_text="text",
            get_size="z",
            get_color="c",
            get_pixel_offset="o",
            get_text_anchor="a",
            get_alignment_baseline="'center'",
            character_set="'auto'",
            font_family=_FONT,
            pickable=False,
        ),
    ]
    views = [pdk.View(type="MapView", id=MAIN_VIEW, controller=True), inset_view]
    return CompactDeck(layers=layers, initial_view_state=state, views=views)


def _label_data(
    points: list[dict[str, Any]], marks: list[dict[str, Any]], zoom: float, size: float
) -> list[dict[str, Any]]:
    """Label records placed by :func:`components.map_marks.place_labels` at the initial zoom.

    The deck draws no leader lines, so labels stay next to their markers (reach 0).
    """
    located = [_pixels(point["lon"], point["lat"], zoom) for point in points]
    placed = place_labels(
        [
            Mark(x, y, mark["r"], point["name"], point["count"])
            for (x, y), mark, point in zip(located, marks, points, strict=True)
        ],
        None,
        None,
        size,
        reaches=(0.0,),
    )
    return [
        {
            **_text(mark["p"], point["name"], [round(label.x - x, 1), round(label.y - y, 1)], label.anchor, size),
            "id": point["city_id"],
        }
        for (x, y), mark, point, label in zip(located, marks, points, placed, strict=True)
    ]


def _text(
    position: list[float], text: str, offset: list[float], anchor: str, size: float, color: list[int] | None = None
) -> dict[str, Any]:
    """One record of the text layer: where, what, pixel offset, anchor, size and colour."""
    return {"p": position, "text": text, "o": offset, "a": anchor, "z": size, "c": color or _LABEL_COLOR}
