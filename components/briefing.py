"""The briefing pack: one self-contained, printable HTML file for meetings, offline.

:func:`briefing_html` turns a filtered :class:`~tracker.filters.View` into a single
HTML document: title, key figures, a map and a timeline drawn as inline SVG,
the coverage matrix, focus areas, milestones and sources. The file has no
script, no external stylesheet, font or image, and no link except the sources'
own http(s) addresses, so it opens the same from a USB stick, e-mail or a
printout. Every text that comes from the data is escaped with :func:`html.escape`.
"""

from __future__ import annotations

import html
import itertools
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd

from components import colors
from components.coverage import cities_without_programme, key_figures
from components.labels import city_names, focus_names, programme_names, scope_text
from tracker.filters import View
from tracker.geo import EMPTY, LAYERS, Boundaries, load_boundaries
from tracker.i18n import Translator, localized
from tracker.safety import safe_url
from tracker.validate import split_list

HTML_LANG: dict[str, str] = {"en": "en", "zh": "zh-CN", "de": "de"}
FONT_STACK = '"Noto Sans CJK SC", "Source Sans Pro", sans-serif'

# The map frame (degrees) and its size in SVG units.
WEST, EAST, SOUTH, NORTH = 73.0, 136.0, 17.0, 54.0
MAP_WIDTH = 1000.0
LABEL_SIZE = 13.0

# The timeline's geometry in SVG units.
TIMELINE_WIDTH = 1000.0
TIMELINE_LABELS = 190.0
TIMELINE_ROW = 46.0
TIMELINE_LANE = 18.0

_SEA = "#EAF2F8"
_LAND_CHINA = "#FAFAF6"
_LAND_OTHER = "#E2E2E2"
_PROVINCE_LINE = "#AAAAAA"
_NATIONAL_LINE = "#6E6E6E"
_MARKER_LINE = "#282828"

Point = tuple[float, float]
Box = tuple[float, float, float, float]


def _e(value: object) -> str:
    """Escape any text (data or catalog) for HTML text and attribute values."""
    return html.escape(str(value), quote=True)


def _text(value: object) -> str | None:
    """A non-blank string cell, else ``None`` (NA, NaN and blanks)."""
    if isinstance(value, str) and value.strip() and value != "nan":
        return value
    return None


def _num(value: float) -> str:
    """A coordinate with at most one decimal and no trailing zeros."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def _list(items: Iterable[object], lang: str) -> str:
    """Items joined as a list in ``lang`` (Chinese uses the enumeration comma)."""
    return ("、" if lang == "zh" else ", ").join(str(item) for item in items)


def _cite(ids: Iterable[str]) -> str:
    """Source ids as a small bracketed citation, e.g. ``[S1, S4]``."""
    known = [i for i in ids if i]
    if not known:
        return ""
    return f' <span class="cite">[{_e(", ".join(known))}]</span>'


# --------------------------------------------------------------------------- map


@dataclass(frozen=True)
class Projection:
    """Equirectangular projection of the map frame, longitudes scaled by cos(middle latitude)."""

    west: float = WEST
    east: float = EAST
    south: float = SOUTH
    north: float = NORTH
    width: float = MAP_WIDTH

    @property
    def aspect(self) -> float:
        """Horizontal stretch of a degree of longitude relative to latitude."""
        return math.cos(math.radians((self.south + self.north) / 2))

    @property
    def scale(self) -> float:
        """SVG units per degree of latitude."""
        return self.width / ((self.east - self.west) * self.aspect)

    @property
    def height(self) -> float:
        """Height of the frame in SVG units."""
        return (self.north - self.south) * self.scale

    def __call__(self, lon: float, lat: float) -> Point:
        """SVG ``(x, y)`` of a longitude and latitude."""
        return (lon - self.west) * self.aspect * self.scale, (self.north - lat) * self.scale


def _coordinate_runs(geometry: Any) -> Iterator[tuple[Sequence[Any], bool]]:
    """Every ring (closed) or line (open) of a GeoJSON object; malformed parts are skipped."""
    if not isinstance(geometry, dict):
        return
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates")
    if kind == "FeatureCollection":
        for feature in geometry.get("features") or ():
            yield from _coordinate_runs(feature)
    elif kind == "Feature":
        yield from _coordinate_runs(geometry.get("geometry"))
    elif kind == "GeometryCollection":
        for part in geometry.get("geometries") or ():
            yield from _coordinate_runs(part)
    elif not isinstance(coordinates, list):
        return
    elif kind == "Polygon":
        yield from ((ring, True) for ring in coordinates if isinstance(ring, list))
    elif kind == "MultiPolygon":
        for polygon in coordinates:
            if isinstance(polygon, list):
                yield from ((ring, True) for ring in polygon if isinstance(ring, list))
    elif kind == "LineString":
        yield coordinates, False
    elif kind == "MultiLineString":
        yield from ((line, False) for line in coordinates if isinstance(line, list))


def _project(run: Sequence[Any], projection: Projection) -> list[Point]:
    """Project the valid ``[lon, lat]`` positions of a run."""
    points = []
    for position in run:
        try:
            lon, lat = float(position[0]), float(position[1])
        except (TypeError, ValueError, IndexError):
            continue
        if math.isfinite(lon) and math.isfinite(lat):
            points.append(projection(lon, lat))
    return points


def _clip_ring(points: list[Point], box: Box) -> list[Point]:
    """Sutherland–Hodgman clip of a closed ring to a rectangle ``(x0, y0, x1, y1)``."""
    x0, y0, x1, y1 = box
    edges = (
        (lambda p: p[0] >= x0, lambda a, b: (x0, a[1] + (b[1] - a[1]) * (x0 - a[0]) / (b[0] - a[0]))),
        (lambda p: p[0] <= x1, lambda a, b: (x1, a[1] + (b[1] - a[1]) * (x1 - a[0]) / (b[0] - a[0]))),
        (lambda p: p[1] >= y0, lambda a, b: (a[0] + (b[0] - a[0]) * (y0 - a[1]) / (b[1] - a[1]), y0)),
        (lambda p: p[1] <= y1, lambda a, b: (a[0] + (b[0] - a[0]) * (y1 - a[1]) / (b[1] - a[1]), y1)),
    )
    output = points
    for inside, cross in edges:
        if not output:
            break
        source, output = output, []
        previous = source[-1]
        for current in source:
            if inside(current):
                if not inside(previous):
                    output.append(cross(previous, current))
                output.append(current)
            elif inside(previous):
                output.append(cross(previous, current))
            previous = current
    return output


def _clip_line(points: list[Point], box: Box) -> list[list[Point]]:
    """Split an open line into the runs that touch the rectangle (one point of overhang)."""
    x0, y0, x1, y1 = box

    def inside(p: Point) -> bool:
        return x0 <= p[0] <= x1 and y0 <= p[1] <= y1

    runs: list[list[Point]] = []
    current: list[Point] = []
    for i, point in enumerate(points):
        near = inside(point) or (i > 0 and inside(points[i - 1])) or (i + 1 < len(points) and inside(points[i + 1]))
        if near:
            current.append(point)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _distance(point: Point, a: Point, b: Point) -> float:
    """Distance of ``point`` from the line through ``a`` and ``b`` (from ``a`` when they coincide)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy)
    if not length:
        return math.hypot(point[0] - a[0], point[1] - a[1])
    return abs(dy * (point[0] - a[0]) - dx * (point[1] - a[1])) / length


def _simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker simplification (iterative), after dropping near-duplicate points."""
    thinned: list[Point] = []
    for point in points:
        if not thinned or abs(point[0] - thinned[-1][0]) + abs(point[1] - thinned[-1][1]) >= tolerance:
            thinned.append(point)
    if len(thinned) < 3:
        return thinned
    keep = [False] * len(thinned)
    keep[0] = keep[-1] = True
    stack = [(0, len(thinned) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            distance = _distance(thinned[i], thinned[first], thinned[last])
            if distance > worst:
                worst, index = distance, i
        if index >= 0 and worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(thinned, keep, strict=True) if kept]


def _join(numbers: Iterable[str]) -> str:
    """Join path numbers with the fewest separators (a minus sign separates by itself)."""
    out: list[str] = []
    for number in numbers:
        if out and not number.startswith("-"):
            out.append(" ")
        out.append(number)
    return "".join(out)


def _path_data(points: list[Point], closed: bool) -> str:
    """Compact SVG path data: one absolute move, then relative lines."""
    rounded = [(round(x, 1), round(y, 1)) for x, y in points]
    if closed and len(rounded) > 1 and rounded[-1] == rounded[0]:
        rounded.pop()
    numbers = []
    for (ax, ay), (bx, by) in itertools.pairwise(rounded):
        numbers += [_num(bx - ax), _num(by - ay)]
    return f"M{_num(rounded[0][0])} {_num(rounded[0][1])}l{_join(numbers)}{'z' if closed else ''}"


def layer_paths(layer: dict[str, Any], projection: Projection, tolerance: float = 0.6) -> list[str]:
    """SVG path data, one string per feature, for a GeoJSON layer clipped to the frame."""
    margin = 8.0
    box = (-margin, -margin, projection.width + margin, projection.height + margin)
    features = layer.get("features") if isinstance(layer, dict) else None
    paths = []
    for feature in features if isinstance(features, list) else ():
        parts = []
        for run, closed in _coordinate_runs(feature):
            points = _project(run, projection)
            pieces = [_clip_ring(points, box)] if closed else _clip_line(points, box)
            for piece in pieces:
                simple = _simplify(piece, tolerance)
                if len(simple) < (3 if closed else 2):
                    continue
                xs = [p[0] for p in simple]
                ys = [p[1] for p in simple]
                if closed and max(xs) - min(xs) < 1.5 and max(ys) - min(ys) < 1.5:
                    continue
                parts.append(_path_data(simple, closed))
        if parts:
            paths.append("".join(parts))
    return paths


@dataclass(frozen=True)
class MapCity:
    """One city marker: position, label and the programmes it takes part in."""

    city_id: str
    label: str
    tooltip: str
    x: float
    y: float
    programmes: tuple[str, ...]
    limited: tuple[bool, ...]

    @property
    def radius(self) -> float:
        """Bigger for more programmes."""
        return 4.5 + 3.0 * len(self.programmes)


def map_cities(view: View, lang: str, t: Translator, projection: Projection) -> list[MapCity]:
    """The cities of the map with the shown programmes each takes part in (data order)."""
    cities = view.map_cities
    if cities.empty:
        return []
    taking_part = view.participation.sort_values("order", kind="stable")
    names = city_names(cities, lang)
    short = programme_names(view.model.programmes, lang)
    regions = localized(cities, "region", lang)
    result = []
    for city_id, row in cities.iterrows():
        part = taking_part.loc[taking_part["city_id"] == city_id]
        lon, lat = float(row["longitude"]), float(row["latitude"])
        x, y = projection(lon, lat)
        programmes = tuple(str(p) for p in part["programme_id"])
        listed = "; ".join(str(short[p]) for p in programmes) or t("map.no_programme")
        region = _text(regions[city_id])
        tooltip = f"{names[city_id]}{' — ' + region if region else ''}\n{t('map.programmes_label')}: {listed}"
        result.append(
            MapCity(
                city_id=str(city_id),
                label=str(names[city_id]),
                tooltip=tooltip,
                x=x,
                y=y,
                programmes=programmes,
                limited=tuple(bool(s == "limited") for s in part["status"]),
            )
        )
    return result


def _text_width(text: str, size: float) -> float:
    """Rough rendered width of a label (CJK characters are one em wide)."""
    width = 0.0
    for char in text:
        if ord(char) >= 0x2E80 or char == "·":  # the CJK font draws the middle dot full-width
            width += 1.0
        elif char in " .,;:'|!il":
            width += 0.32
        elif char.isupper() or char in "mwMW":
            width += 0.68
        else:
            width += 0.56
    return width * size + 2


def _overlap(a: Box, b: Box) -> float:
    """Area shared by two boxes."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


@dataclass(frozen=True)
class PlacedLabel:
    """Where a city's label goes: text anchor point, anchor side and an optional leader line."""

    x: float
    y: float
    anchor: str
    box: Box
    leader: tuple[Point, Point] | None


_DIRECTIONS: tuple[tuple[float, float], ...] = (
    (1, 0),
    (-1, 0),
    (1, -1),
    (1, 1),
    (-1, -1),
    (-1, 1),
    (0, -1),
    (0, 1),
)


def place_labels(cities: list[MapCity], width: float, height: float, size: float = LABEL_SIZE) -> list[PlacedLabel]:
    """Greedy label placement around each marker, moving out (with a leader line) when crowded."""
    circles: list[Box] = [(c.x - c.radius, c.y - c.radius, c.x + c.radius, c.y + c.radius) for c in cities]
    placed: list[Box] = []
    result: list[PlacedLabel | None] = [None] * len(cities)
    order = sorted(range(len(cities)), key=lambda i: (-len(cities[i].programmes), cities[i].y))
    line_height = size * 1.25
    for i in order:
        city = cities[i]
        text_width = _text_width(city.label, size)
        best: tuple[float, PlacedLabel] | None = None
        for rank, distance in enumerate((0.0, 10.0, 22.0, 38.0, 58.0, 84.0)):
            for turn, (dx, dy) in enumerate(_DIRECTIONS):
                reach = city.radius + 3 + distance
                norm = math.hypot(dx, dy)
                ax = city.x + dx / norm * reach
                ay = city.y + dy / norm * reach
                if dx > 0:
                    left, anchor = ax, "start"
                elif dx < 0:
                    left, anchor = ax - text_width, "end"
                else:
                    left, anchor = ax - text_width / 2, "middle"
                top = ay - line_height / 2 + dy * line_height / 2
                box = (left, top, left + text_width, top + line_height)
                score = sum(_overlap(box, other) for other in placed) * 4
                score += sum(_overlap(box, circle) for j, circle in enumerate(circles) if j != i) * 2
                outside = max(0.0, -box[0]) + max(0.0, box[2] - width) + max(0.0, -box[1]) + max(0.0, box[3] - height)
                score += outside * line_height * 4
                score += rank * 30 + turn * 2
                text_x = {"start": box[0], "end": box[2], "middle": (box[0] + box[2]) / 2}[anchor]
                leader = None
                if distance > 0:
                    near_x = min(max(city.x, box[0]), box[2])
                    near_y = min(max(city.y, box[1]), box[3])
                    gap = math.hypot(near_x - city.x, near_y - city.y) or 1.0
                    start = (
                        city.x + (near_x - city.x) / gap * city.radius,
                        city.y + (near_y - city.y) / gap * city.radius,
                    )
                    leader = (start, (near_x, near_y))
                label = PlacedLabel(text_x, top + line_height / 2, anchor, box, leader)
                if best is None or score < best[0]:
                    best = (score, label)
            if best is not None and best[0] < (rank + 1) * 30:
                break
        assert best is not None
        result[i] = best[1]
        placed.append(best[1].box)
    return [label for label in result if label is not None]


def _wedge(x: float, y: float, r: float, start: float, end: float) -> str:
    """Path data of a pie wedge from angle ``start`` to ``end`` (radians, clockwise from north)."""
    x1, y1 = x + r * math.sin(start), y - r * math.cos(start)
    x2, y2 = x + r * math.sin(end), y - r * math.cos(end)
    large = 1 if end - start > math.pi else 0
    return f"M{_num(x)} {_num(y)}L{_num(x1)} {_num(y1)}A{_num(r)} {_num(r)} 0 {large} 1 {_num(x2)} {_num(y2)}z"


def _marker(city: MapCity, palette: dict[str, str], radius: float | None = None) -> str:
    """SVG of one city marker: a circle, split into wedges for several programmes."""
    r = radius or city.radius
    dashed = ' stroke-dasharray="3 2"' if any(city.limited) else ""
    parts = []
    fills = [
        colors.tint(palette.get(p, colors.NETWORK)) if part else palette.get(p, colors.NETWORK)
        for p, part in zip(city.programmes, city.limited, strict=True)
    ]
    if len(fills) >= 2:
        step = 2 * math.pi / len(fills)
        for n, fill in enumerate(fills):
            parts.append(f'<path d="{_wedge(city.x, city.y, r, n * step, (n + 1) * step)}" fill="{fill}"/>')
        fill = "none"
    else:
        fill = fills[0] if fills else "#FFFFFF"
    circle = (
        f'<circle class="city-marker" data-city="{_e(city.city_id)}" cx="{_num(city.x)}" cy="{_num(city.y)}" '
        f'r="{_num(r)}" fill="{fill}" stroke="{_MARKER_LINE}" stroke-width="1.4"{dashed}/>'
    )
    return "".join(parts) + circle


def map_svg(view: View, lang: str, t: Translator, boundaries: Boundaries) -> str:
    """The map as inline SVG: neighbours, provinces, the national border, city markers and labels."""
    projection = Projection()
    width, height = projection.width, projection.height
    layers = boundaries.layers
    alt = t("map.alt", count=len(view.map_cities))
    out = [
        f'<svg class="map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_num(width)} {_num(height)}" '
        f'width="{_num(width)}" height="{_num(height)}" role="img" aria-label="{_e(alt)}">',
        f'<rect class="sea" x="0" y="0" width="{_num(width)}" height="{_num(height)}" fill="{_SEA}"/>',
    ]
    styles = (
        ("countries", f'fill="{_LAND_OTHER}" stroke="#FFFFFF" stroke-width="0.8"'),
        ("provinces", f'fill="{_LAND_CHINA}" stroke="{_PROVINCE_LINE}" stroke-width="0.6"'),
        ("national", f'fill="none" stroke="{_NATIONAL_LINE}" stroke-width="1.4"'),
    )
    for name, style in styles:
        layer = layers.get(name)
        paths = layer_paths(layer if isinstance(layer, dict) else {}, projection)
        out.append(f'<g class="layer-{name}" {style} fill-rule="evenodd" stroke-linejoin="round">')
        out += [f'<path d="{d}"/>' for d in paths]
        out.append("</g>")
    cities = map_cities(view, lang, t, projection)
    palette = colors.programme_colors(view.model.programmes["programme_id"])
    labels = place_labels(cities, width, height)
    out.append('<g class="leaders" stroke="#555555" stroke-width="0.8">')
    for label in labels:
        if label.leader:
            (x1, y1), (x2, y2) = label.leader
            out.append(f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}"/>')
    out.append("</g>")
    order = sorted(range(len(cities)), key=lambda i: -cities[i].radius)
    out.append('<g class="cities">')
    for i in order:
        city = cities[i]
        out.append(f'<g class="city"><title>{_e(city.tooltip)}</title>{_marker(city, palette)}</g>')
    out.append("</g>")
    out.append(f'<g class="labels" font-size="{_num(LABEL_SIZE)}">')
    for city, label in zip(cities, labels, strict=True):
        out.append(
            f'<text class="city-label" x="{_num(label.x)}" y="{_num(label.y)}" text-anchor="{label.anchor}" '
            f'dominant-baseline="central">{_e(city.label)}</text>'
        )
    out.append("</g></svg>")
    return "".join(out)


def _legend_marker(fills: Sequence[str], radius: float, dashed: bool = False) -> str:
    """A small standalone SVG of a map marker for the legend."""
    size = 2 * radius + 4
    c = size / 2
    city = MapCity("legend", "", "", c, c, tuple(f"p{i}" for i in range(len(fills))), (dashed,) * len(fills))
    palette = {f"p{i}": fill for i, fill in enumerate(fills)}
    body = _marker(city, palette, radius).replace("city-marker", "legend-marker")
    return (
        f'<svg class="swatch" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_num(size)} {_num(size)}" '
        f'width="{_num(size)}" height="{_num(size)}" aria-hidden="true">{body}</svg>'
    )


def map_legend(view: View, lang: str, t: Translator) -> str:
    """The map legend as HTML: programme colours, several programmes, part of a city, none."""
    palette = colors.programme_colors(view.model.programmes["programme_id"])
    names = programme_names(view.model.programmes, lang)
    items = []
    shown = view.programmes.sort_values("order")["programme_id"].tolist()
    for programme_id in shown:
        items.append(f"<li>{_legend_marker([palette[programme_id]], 7.5)}{_e(names[programme_id])}</li>")
    if len(shown) >= 2:
        items.append(f"<li>{_legend_marker([palette[p] for p in shown[:2]], 10.5)}{_e(t('legend.several'))}</li>")
    if shown:
        fill = colors.tint(colors.NETWORK)
        items.append(f"<li>{_legend_marker([fill], 7.5, dashed=True)}{_e(t('brief.legend_part'))}</li>")
    items.append(f"<li>{_legend_marker([], 4.5)}{_e(t('legend.none'))}</li>")
    return f'<p class="legend-title">{_e(t("legend.title"))}</p><ul class="legend">{"".join(items)}</ul>'


# ---------------------------------------------------------------------- timeline


@dataclass(frozen=True)
class _Scale:
    """Dates to x positions of the timeline's plot area."""

    first: date
    last: date
    left: float
    right: float

    def __call__(self, day: date) -> float:
        span = (self.last - self.first).days or 1
        return self.left + (day - self.first).days / span * (self.right - self.left)


def _as_date(value: object) -> date | None:
    """A pandas timestamp (or NaT) as a date."""
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date()


def _hatch(x0: float, y0: float, x1: float, y1: float, step: float = 7.0) -> str:
    """Path data of 45° hatch lines filling a rectangle (no pattern, so no ``url()``)."""
    h = y1 - y0
    segments = []
    c = x0 - h
    while c < x1:
        sx, sy = c, y1
        ex, ey = c + h, y0
        if sx < x0:
            sy -= x0 - sx
            sx = x0
        if ex > x1:
            ey += ex - x1
            ex = x1
        if ex > sx:
            segments.append(f"M{_num(sx)} {_num(sy)}L{_num(ex)} {_num(ey)}")
        c += step
    return "".join(segments)


def _milestone_shape(precision: str, x: float, y: float, fill: str) -> str:
    """Circle (day), diamond (month) or square (year) centred on ``(x, y)``."""
    stroke = 'stroke="#222222" stroke-width="1.2"'
    if precision == "day":
        return f'<circle class="milestone" cx="{_num(x)}" cy="{_num(y)}" r="6" fill="{fill}" {stroke}/>'
    if precision == "month":
        d = f"M{_num(x)} {_num(y - 7.5)}l7.5 7.5-7.5 7.5-7.5-7.5z"
        return f'<path class="milestone" d="{d}" fill="{fill}" {stroke}/>'
    corner = f'x="{_num(x - 5.5)}" y="{_num(y - 5.5)}"'
    return f'<rect class="milestone" {corner} width="11" height="11" fill="{fill}" {stroke}/>'


@dataclass(frozen=True)
class _Marker:
    number: int
    row: str
    precision: str
    first: date
    last: date
    middle: date
    fill: str
    tooltip: str


def _lanes(spans: list[tuple[float, float]]) -> list[int]:
    """Stack overlapping horizontal spans into lanes (first fit); returns each span's lane."""
    ends: list[float] = []
    lanes = []
    for start, end in spans:
        for lane, lane_end in enumerate(ends):
            if start >= lane_end:
                ends[lane] = end
                lanes.append(lane)
                break
        else:
            ends.append(end)
            lanes.append(len(ends) - 1)
    return lanes


def milestone_numbers(view: View) -> dict[str, int]:
    """Milestone id → its number in the briefing (chronological, from 1)."""
    return {str(m): n for n, m in enumerate(view.milestones["milestone_id"], start=1)}


def timeline_svg(view: View, lang: str, t: Translator, today: date) -> str:
    """Programme bars (hatched when open-ended) and numbered milestone markers, with year ticks."""
    programmes = view.programmes.sort_values("order")
    palette = colors.programme_colors(view.model.programmes["programme_id"])
    names = programme_names(view.model.programmes, lang)
    milestones = view.milestones
    numbers = milestone_numbers(view)
    titles = localized(milestones, "title", lang)
    network = "__network__"
    rows = [str(p) for p in programmes["programme_id"]]
    if milestones["programme_id"].isna().any():
        rows.append(network)

    starts = [d for d in (_as_date(v) for v in programmes["start_first"]) if d]
    starts += [d for d in (_as_date(v) for v in milestones["date_first"]) if d]
    first_year = min([d.year for d in starts] or [today.year])
    last_year = max([today.year, *[d.year for d in (_as_date(v) for v in programmes["end_last"]) if d]])
    if view.filters.years:
        first_year = min(first_year, view.filters.years[0])
    last_year = max(last_year, first_year, *[d.year for d in starts])
    scale = _Scale(date(first_year, 1, 1), date(last_year + 1, 1, 1), TIMELINE_LABELS + 12, TIMELINE_WIDTH - 24)

    markers: dict[str, list[_Marker]] = {row: [] for row in rows}
    for (_, m), title in zip(milestones.iterrows(), titles, strict=True):
        row = str(m["programme_id"]) if _text(m["programme_id"]) else network
        if row not in markers:
            continue
        precision = str(m["date_precision"])
        fill = palette.get(row, colors.NETWORK)
        certainty = t(f"certainty.{m['certainty'] if _text(m['certainty']) else 'verified'}")
        number = numbers[str(m["milestone_id"])]
        tooltip = f"{number}. {m['date']} ({t('precision.' + precision)}, {certainty}): {title}"
        markers[row].append(
            _Marker(
                number=number,
                row=row,
                precision=precision,
                first=_as_date(m["date_first"]) or today,
                last=_as_date(m["date_last"]) or today,
                middle=_as_date(m["date_middle"]) or today,
                fill=fill,
                tooltip=tooltip,
            )
        )

    body: list[str] = []
    y = 10.0
    row_tops: list[tuple[float, float]] = []
    for row in rows:
        items = sorted(markers[row], key=lambda m: (m.first, m.number))
        spans = []
        for m in items:
            x_first, x_last = scale(m.first), scale(m.last + timedelta(days=1))
            x_mid = scale(m.middle)
            spans.append((min(x_first, x_mid - 9), max(x_last, x_mid + 9) + 14))
        lanes = _lanes(spans)
        lane_count = max(lanes, default=0) + 1
        height = TIMELINE_ROW + TIMELINE_LANE * (lane_count - 1)
        centre = y + 20
        row_tops.append((y, height))
        if row == network:
            label, fill = t("timeline.network_row"), colors.NETWORK
        else:
            label, fill = str(names[row]), palette.get(row, colors.NETWORK)
            body.append(_bar(view, row, fill, centre, scale, today, t))
        body.append(
            f'<text class="row-label" x="{_num(TIMELINE_LABELS - 10)}" y="{_num(centre)}" text-anchor="end" '
            f'dominant-baseline="central">{_e(label)}</text>'
        )
        for m, lane in zip(items, lanes, strict=True):
            my = centre + lane * TIMELINE_LANE
            x_mid = scale(m.middle)
            parts = [f'<g class="milestone-marker"><title>{_e(m.tooltip)}</title>']
            if m.precision != "day":
                x0, x1 = scale(m.first), scale(m.last + timedelta(days=1))
                whisker = f"M{_num(x0)} {_num(my - 5)}v10M{_num(x0)} {_num(my)}H{_num(x1)}M{_num(x1)} {_num(my - 5)}v10"
                parts.append(
                    f'<path class="whisker" d="{whisker}" stroke="#FFFFFF" stroke-width="4.5" fill="none"/>'
                    f'<path class="whisker" d="{whisker}" stroke="#333333" stroke-width="1.8" fill="none"/>'
                )
            parts.append(_milestone_shape(m.precision, x_mid, my, m.fill))
            parts.append(
                f'<text class="milestone-number" x="{_num(x_mid + 9)}" y="{_num(my - 7)}">{m.number}</text></g>'
            )
            body.append("".join(parts))
        y += height

    plot_bottom = y + 4
    axis = ['<g class="axis" font-size="12" fill="#444444">']
    for year in range(first_year, last_year + 2):
        x = scale(date(year, 1, 1))
        axis.append(
            f'<line x1="{_num(x)}" y1="4" x2="{_num(x)}" y2="{_num(plot_bottom)}" stroke="#DDDDDD" stroke-width="1"/>'
        )
        if year <= last_year:
            centre_x = scale(date(year, 7, 2))
            axis.append(f'<text x="{_num(centre_x)}" y="{_num(plot_bottom + 16)}" text-anchor="middle">{year}</text>')
    axis.append("</g>")
    today_x = scale(today)
    today_line = (
        f'<g class="today"><line x1="{_num(today_x)}" y1="4" x2="{_num(today_x)}" y2="{_num(plot_bottom)}" '
        f'stroke="#888888" stroke-width="1.2" stroke-dasharray="3 3"/>'
        f'<text x="{_num(today_x - 4)}" y="{_num(plot_bottom - 4)}" text-anchor="end" font-size="11" fill="#555555">'
        f"{_e(t('brief.today', date=today.isoformat()))}</text></g>"
    )
    legend_y = plot_bottom + 40
    legend = _timeline_legend(t, legend_y)
    total = legend_y + 16
    bands = "".join(
        f'<rect x="0" y="{_num(top)}" width="{_num(TIMELINE_WIDTH)}" height="{_num(h)}" fill="#F6F6F6"/>'
        for n, (top, h) in enumerate(row_tops)
        if n % 2 == 0
    )
    return (
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_num(TIMELINE_WIDTH)} {_num(total)}" '
        f'width="{_num(TIMELINE_WIDTH)}" height="{_num(total)}" role="img" aria-label="{_e(t("timeline.title"))}" '
        f'font-size="13">{bands}{"".join(axis)}{"".join(body)}{today_line}{legend}</svg>'
    )


def _bar(view: View, programme_id: str, fill: str, centre: float, scale: _Scale, today: date, t: Translator) -> str:
    """One programme's bar: solid from start to end, hatched and open on the right without an end."""
    row = view.programmes.loc[programme_id]
    start = _as_date(row["start_first"]) or today
    end = _as_date(row["end_last"])
    open_ended = end is None
    x0 = scale(start)
    x1 = max(scale(today if open_ended else end + timedelta(days=1)), x0 + 2)
    y0, y1 = centre - 9, centre + 9
    end_text = t("timeline.open_end") if open_ended else str(row["end"])
    tooltip = f"{t('timeline.start')}: {row['start']} — {t('timeline.end')}: {end_text}"
    attrs = (
        f'class="programme-bar" data-programme="{_e(programme_id)}" data-open="{str(open_ended).lower()}" '
        f'x="{_num(x0)}" y="{_num(y0)}" width="{_num(x1 - x0)}" height="{_num(y1 - y0)}"'
    )
    if not open_ended:
        return f'<g><title>{_e(tooltip)}</title><rect {attrs} fill="{fill}" fill-opacity="0.85"/></g>'
    outline = f"M{_num(x1)} {_num(y0)}H{_num(x0)}V{_num(y1)}H{_num(x1)}"
    arrow = f"M{_num(x1 + 2)} {_num(y0)}l9 9-9 9z"
    return (
        f'<g><title>{_e(tooltip)}</title><rect {attrs} fill="{colors.tint(fill, 0.7)}"/>'
        f'<path d="{_hatch(x0, y0, x1, y1)}" stroke="{fill}" stroke-width="2"/>'
        f'<path d="{outline}" fill="none" stroke="{fill}" stroke-width="1.6"/>'
        f'<path d="{arrow}" fill="{fill}" fill-opacity="0.6"/></g>'
    )


def _timeline_legend(t: Translator, y: float) -> str:
    """Shapes of the timeline explained in one line at the bottom of the SVG."""
    grey = "#9A9A9A"
    x = TIMELINE_LABELS
    parts = ['<g class="timeline-legend" font-size="12" fill="#333333">']
    hatch = _hatch(x, y - 7, x + 34, y + 7)
    parts.append(
        f'<rect x="{_num(x)}" y="{_num(y - 7)}" width="34" height="14" fill="#EEEEEE"/>'
        f'<path d="{hatch}" stroke="{grey}" stroke-width="2"/>'
        f'<text x="{_num(x + 40)}" y="{_num(y)}" dominant-baseline="central">{_e(t("brief.open_bar"))}</text>'
    )
    x += 40 + _text_width(t("brief.open_bar"), 12) + 20
    for precision in ("day", "month", "year"):
        if precision != "day":
            whisker = f"M{_num(x - 6)} {_num(y - 5)}v10m0-5H{_num(x + 22)}m0-5v10"
            parts.append(f'<path d="{whisker}" stroke="#333333" stroke-width="1.8" fill="none"/>')
        parts.append(_milestone_shape(precision, x + 8, y, grey))
        label = t(f"precision.{precision}")
        parts.append(f'<text x="{_num(x + 28)}" y="{_num(y)}" dominant-baseline="central">{_e(label)}</text>')
        x += 28 + _text_width(label, 12) + 20
    parts.append("</g>")
    return "".join(parts)


# ------------------------------------------------------------------- HTML parts


def _filters_text(view: View, lang: str, t: Translator) -> str:
    """The active filters in words, or "none"."""
    filters = view.filters
    if not filters.active:
        return _e(t("brief.no_filters"))
    model = view.model
    parts = []
    if filters.programmes:
        names = programme_names(model.programmes, lang)
        parts.append(f"{_e(t('filters.programme'))}: {_e(_list((names[p] for p in filters.programmes), lang))}")
    if filters.focus_areas:
        names = focus_names(model.focus_areas, lang)
        parts.append(f"{_e(t('filters.focus'))}: {_e(_list((names[f] for f in filters.focus_areas), lang))}")
    if filters.cities:
        names = city_names(model.cities, lang)
        parts.append(f"{_e(t('filters.city'))}: {_e(_list((names[c] for c in filters.cities), lang))}")
    if filters.years:
        parts.append(f"{_e(t('filters.years'))}: {filters.years[0]}–{filters.years[1]}")
    return " · ".join(parts)


def _period(row: pd.Series, t: Translator) -> str:
    """``2018 – 2021`` or ``2018 – not stated (ongoing or unknown)``."""
    end = _text(row["end"]) or t("timeline.open_end")
    return f"{row['start']} – {end}"


def _key_figures(view: View, lang: str, t: Translator) -> str:
    """One card per programme: its full name, period, coverage in words, summary and sources."""
    figures = key_figures(view, lang)
    if not figures:
        return f'<p class="empty">{_e(t("coverage.empty"))}</p>'
    palette = colors.programme_colors(view.model.programmes["programme_id"])
    full = programme_names(view.model.programmes, lang, short=False)
    summaries = localized(view.model.programmes, "summary", lang)
    cards = []
    for figure in figures:
        row = view.model.programmes.loc[figure.programme_id]
        if figure.stated:
            words = t("coverage.of", covered=figure.covered, total=figure.total)
            if figure.limited:
                words += ("，" if lang == "zh" else ", ") + t("brief.only_in_part", count=figure.limited)
            note = ""
        else:
            words = t("common.not_stated")
            note = f'<p class="note">{_e(t("coverage.not_stated_note"))}</p>'
        name = str(full[figure.programme_id])
        short = "" if figure.name == name else f' <span class="short">({_e(figure.name)})</span>'
        summary = _text(summaries[figure.programme_id])
        cards.append(
            f'<article class="card" style="border-top-color:{palette.get(figure.programme_id, colors.NETWORK)}">'
            f"<h3>{_e(name)}{short}</h3>"
            f'<p class="period">{_e(_period(row, t))}</p>'
            f'<p class="figure">{_e(words)}</p>{note}'
            + (f'<p class="summary">{_e(summary)}</p>' if summary else "")
            + f'<p class="sources-line">{_e(t("common.sources"))}:{_cite(split_list(row["source_ids"]))}</p>'
            "</article>"
        )
    return f'<div class="cards">{"".join(cards)}</div>'


def _coverage_table(view: View, lang: str, t: Translator) -> str:
    """City × programme table with coloured cells, status words, scopes and sources."""
    if view.cities.empty or view.programmes.empty:
        return f'<p class="empty">{_e(t("coverage.empty"))}</p>'
    programmes = view.programmes.sort_values("order")
    palette = colors.programme_colors(view.model.programmes["programme_id"])
    short = programme_names(view.model.programmes, lang)
    names = city_names(view.cities, lang)
    regions = localized(view.cities, "region", lang)
    notes = localized(view.cities, "joined_note", lang) if "joined_note_en" in view.cities else None
    grid = view.coverage.assign(scope=scope_text(view.coverage, lang))
    cells = {(str(r["city_id"]), str(r["programme_id"])): r for _, r in grid.iterrows()}
    head = [f"<th>{_e(t('filters.city'))}</th>", f"<th>{_e(t('city.joined'))}</th>"]
    for programme_id in programmes["programme_id"]:
        swatch = f'<span class="dot" style="background:{palette.get(programme_id, colors.NETWORK)}"></span>'
        head.append(f"<th>{swatch}{_e(short[programme_id])}</th>")
    rows = []
    for city_id, city in view.cities.iterrows():
        region = _text(regions[city_id])
        joined = _text(city["joined_c40"])
        note = _text(notes[city_id]) if notes is not None else None
        joined_text = " — ".join(x for x in (joined, note) if x) or t("common.not_stated")
        row = [
            f'<th scope="row">{_e(names[city_id])}'
            + (f'<span class="region">{_e(region)}</span>' if region else "")
            + "</th>",
            f'<td class="joined">{_e(joined_text)}{_cite(split_list(city["source_ids"]))}</td>',
        ]
        for programme_id in programmes["programme_id"]:
            cell = cells.get((str(city_id), str(programme_id)))
            if cell is None:
                row.append("<td></td>")
                continue
            status = str(cell["status"])
            scope = _text(cell["scope"]) if status == "limited" else None
            sources = split_list(cell["source_ids"]) or split_list(view.model.programmes.at[programme_id, "source_ids"])
            text_class = " dark" if status == "in" else ""
            row.append(
                f'<td class="status status-{status}{text_class}" style="background:{colors.STATUS_COLORS[status]}">'
                f"{_e(t('status.' + status))}"
                + (f'<span class="scope">{_e(scope)}</span>' if scope else "")
                + _cite(sources)
                + "</td>"
            )
        rows.append(f'<tr data-city="{_e(city_id)}">{"".join(row)}</tr>')
    legend = "".join(
        f'<li><span class="dot square" style="background:{colors.STATUS_COLORS[s]}"></span>{_e(t("status." + s))}</li>'
        for s in ("in", "limited", "not_in", "not_stated")
    )
    gaps = cities_without_programme(view)
    if gaps.empty:
        gap_text = f'<p class="gaps">{_e(t("coverage.no_gaps"))}</p>'
    else:
        listed = _list(city_names(gaps, lang), lang)
        gap_text = (
            f'<p class="gaps"><strong>{_e(t("coverage.gaps"))}:</strong> '
            f"{_e(t('coverage.gaps_intro', count=len(gaps)))} {_e(listed)}</p>"
        )
    return (
        f'<table class="coverage"><thead><tr>{"".join(head)}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        f'<ul class="legend status-legend">{legend}</ul><p class="note">{_e(t("coverage.legend"))}</p>{gap_text}'
    )


def _focus_areas(view: View, lang: str, t: Translator) -> str:
    """Per programme: its focus areas, what each means, the cities on it and the sources."""
    if view.focus_areas.empty:
        return f'<p class="empty">{_e(t("focus.empty"))}</p>'
    palette = colors.programme_colors(view.model.programmes["programme_id"])
    full = programme_names(view.model.programmes, lang, short=False)
    area_names = focus_names(view.model.focus_areas, lang)
    descriptions = localized(view.model.focus_areas, "description", lang)
    cities = city_names(view.model.cities, lang)
    blocks = []
    for programme_id in view.programmes.sort_values("order")["programme_id"]:
        areas = view.focus_areas.loc[view.focus_areas["programme_id"] == programme_id]
        if areas.empty:
            continue
        items = []
        for area_id, area in areas.iterrows():
            on_it = view.city_focus.loc[view.city_focus["focus_area_id"] == area_id, "city_id"]
            named = _list((cities[c] for c in dict.fromkeys(on_it)), lang) or t("focus.cities_not_stated")
            tag = f' <span class="tag">{_e(t("focus.explored"))}</span>' if area["status"] == "explored" else ""
            description = _text(descriptions[area_id])
            items.append(
                f"<li><strong>{_e(area_names[area_id])}</strong>{tag}{_cite(split_list(area['source_ids']))}"
                + (f'<span class="description">{_e(description)}</span>' if description else "")
                + f'<span class="on">{_e(t("focus.cities"))}: {_e(named)}</span></li>'
            )
        colour = palette.get(programme_id, colors.NETWORK)
        blocks.append(
            f'<div class="focus-block"><h3><span class="dot" style="background:{colour}"></span>'
            f'{_e(full[programme_id])}</h3><ul class="focus">{"".join(items)}</ul></div>'
        )
    unassigned = view.focus_areas.loc[view.focus_areas["programme_id"].isna()]
    if not unassigned.empty:
        items = [f"<li><strong>{_e(area_names[a])}</strong></li>" for a in unassigned.index]
        blocks.append(f'<div class="focus-block"><ul class="focus">{"".join(items)}</ul></div>')
    return f'<div class="focus-grid">{"".join(blocks)}</div>'


def _milestone_table(view: View, lang: str, t: Translator) -> str:
    """Numbered milestones (numbers as on the timeline) with date precision, certainty and sources."""
    milestones = view.milestones
    if milestones.empty:
        return f'<p class="empty">{_e(t("timeline.no_milestones"))}</p>'
    titles = localized(milestones, "title", lang)
    cities = city_names(view.model.cities, lang)
    programmes = programme_names(view.model.programmes, lang)
    numbers = milestone_numbers(view)
    head = "".join(
        f"<th>{_e(t(key))}</th>"
        for key in ("brief.number", "table.date", "table.event", "table.programme", "table.cities", "table.certainty")
    )
    rows = []
    for (_, m), title in zip(milestones.iterrows(), titles, strict=True):
        precision = t(f"precision.{m['date_precision']}")
        programme = str(programmes[m["programme_id"]]) if _text(m["programme_id"]) else t("timeline.network_row")
        named = _list((cities.get(c, c) for c in split_list(m["city_ids"])), lang) or "—"
        certainty = t(f"certainty.{m['certainty'] if _text(m['certainty']) else 'verified'}")
        rows.append(
            f"<tr><td>{numbers[str(m['milestone_id'])]}</td>"
            f'<td class="date">{_e(m["date"])}<span class="precision">{_e(precision)}</span></td>'
            f"<td>{_e(title)}{_cite(split_list(m['source_ids']))}</td><td>{_e(programme)}</td>"
            f"<td>{_e(named)}</td><td>{_e(certainty)}</td></tr>"
        )
    return f'<table class="milestones"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def cited_sources(view: View) -> list[str]:
    """Ids of the sources cited by anything in the briefing, in the sources table's order."""
    cited: set[str] = set()
    frames: list[pd.DataFrame] = [view.cities, view.programmes, view.focus_areas, view.milestones]
    for frame in frames:
        for cell in frame["source_ids"]:
            cited.update(split_list(cell))
    for cell in view.participation["source_ids"]:
        cited.update(split_list(cell))
    return [s for s in view.model.sources.index if s in cited]


def _sources(view: View, t: Translator) -> str:
    """Every cited source with its id; only http(s) addresses become links."""
    items = []
    for source_id in cited_sources(view):
        row = view.model.sources.loc[source_id]
        parts = [f'<span class="source-id">[{_e(source_id)}]</span> <span class="title">{_e(row["title"])}</span>']
        if _text(row["publisher"]):
            parts.append(f" — {_e(row['publisher'])}")
        if _text(row["published"]):
            parts.append(f" ({_e(row['published'])})")
        url = safe_url(row["url"])
        if url:
            parts.append(f'<br><a href="{_e(url)}">{_e(url)}</a>')
        elif _text(row["url"]):
            parts.append(f'<br><span class="url">{_e(row["url"])}</span> ({_e(t("brief.not_a_link"))})')
        if _text(row["note"]):
            parts.append(f'<span class="note">{_e(row["note"])}</span>')
        items.append(f'<li data-source="{_e(source_id)}">{"".join(parts)}</li>')
    return f'<ul class="sources">{"".join(items)}</ul>'


_CSS = """
@page { size: A4 landscape; margin: 11mm 12mm; }
* { box-sizing: border-box; }
html { font-family: FONTS; color: #222; background: #fff;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 1180px; padding: 28px 36px 48px; font-size: 15px; line-height: 1.45; }
h1 { font-size: 30px; margin: 0 0 4px; line-height: 1.2; }
h2 { font-size: 22px; margin: 0 0 6px; padding-bottom: 4px; border-bottom: 2px solid #222; }
h3 { font-size: 16px; margin: 0 0 4px; }
p { margin: 0 0 8px; }
section { margin: 0 0 44px; }
.subtitle { font-size: 18px; color: #444; margin-bottom: 12px; }
.meta { display: flex; flex-wrap: wrap; gap: 4px 28px; color: #333; margin-bottom: 18px; }
.caption, .note { color: #555; font-size: 13px; }
.cite { color: #666; font-size: 11px; white-space: nowrap; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 14px; }
.card { border: 1px solid #d6d6d6; border-top: 6px solid #555; padding: 10px 12px; break-inside: avoid; }
.card .figure { font-size: 20px; font-weight: 700; margin: 4px 0; }
.card .period { color: #555; font-size: 13px; margin: 0; }
.card .summary { font-size: 13px; }
.card .short { font-weight: 400; color: #555; }
.sources-line { font-size: 12px; color: #555; margin: 0; }
figure { margin: 0; }
svg { display: block; max-width: 100%; height: auto; }
svg.map, svg.timeline { width: 100%; border: 1px solid #ccc; }
svg.swatch { display: inline-block; vertical-align: middle; margin-right: 6px; border: 0; }
.city-label { paint-order: stroke; stroke: #fff; stroke-width: 3.5px; stroke-linejoin: round; fill: #1e1e1e; }
.row-label { font-weight: 700; fill: #222; }
.milestone-number { font-size: 11px; font-weight: 700; fill: #222;
  paint-order: stroke; stroke: #fff; stroke-width: 3px; }
.legend-title { margin: 8px 0 2px; font-size: 13px; color: #444; }
ul.legend { list-style: none; margin: 0 0 6px; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 22px;
  font-size: 13px; align-items: center; }
ul.legend li { display: flex; align-items: center; }
.attribution { font-size: 11px; color: #666; margin-top: 4px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border: 1px solid #cfcfcf; padding: 4px 6px; text-align: left; vertical-align: top; }
thead th { background: #f2f2f2; }
table.coverage th[scope=row] { background: #fafafa; white-space: nowrap; }
.region, .scope, .precision, .description, .on { display: block; font-size: 12px; color: #555; font-weight: 400; }
.status-in.dark { color: #fff; }
.status-in.dark .cite, .status-in.dark .scope { color: #e8f0f8; }
.scope { color: #1c3f5a; font-weight: 700; }
.dot { display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin-right: 6px;
  vertical-align: baseline; border: 1px solid #333; }
.dot.square { border-radius: 2px; }
.status-legend { margin-top: 8px; }
.gaps { margin-top: 6px; font-size: 13px; }
.focus-grid { columns: 2 420px; column-gap: 36px; }
.focus-block { margin-bottom: 14px; break-inside: avoid; }
ul.focus { margin: 0; padding-left: 20px; }
ul.focus li { margin-bottom: 6px; }
.tag { font-size: 11px; border: 1px solid #888; border-radius: 3px; padding: 0 4px; color: #444; }
td.date { white-space: nowrap; }
ul.sources { padding-left: 0; list-style: none; font-size: 13px; }
ul.sources li { margin-bottom: 8px; break-inside: avoid; }
ul.sources .note { display: block; }
.source-id { font-weight: 700; }
a { color: #0b5394; word-break: break-all; }
.cite-how { border-left: 4px solid #888; padding: 6px 10px; background: #f6f6f6; font-size: 13px; }
.empty { color: #555; font-style: italic; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  section { margin: 0; break-before: page; }
  section.first { break-before: auto; }
  svg.map { width: auto; height: 136mm; margin: 0 auto; }
  svg.timeline { max-height: 150mm; }
  tr, li, .card, .focus-block { break-inside: avoid; }
  table { font-size: 9pt; line-height: 1.25; }
  th, td { padding: 2px 5px; }
  .focus-grid { columns: 2; font-size: 9.5pt; line-height: 1.3; }
  ul.focus li { margin-bottom: 3px; }
  thead { display: table-header-group; }
  a { color: #222; text-decoration: none; }
}
"""


def _section(name: str, title: str, body: str, caption: str | None = None) -> str:
    """One printable section (a new A4 page when printed)."""
    intro = f'<p class="caption">{_e(caption)}</p>' if caption else ""
    return f'<section class="{name}" id="{name}"><h2>{_e(title)}</h2>{intro}{body}</section>'


def _bundled_boundaries() -> Boundaries:
    """The bundled base map, or empty layers when its files cannot be read (e.g. half-written)."""
    try:
        return load_boundaries()
    except (OSError, ValueError):
        return Boundaries(layers={name: EMPTY for name in LAYERS}, compact={}, metadata={})


def briefing_html(view: View, lang: str, today: date, boundaries: Boundaries | None = None) -> str:
    """The whole briefing pack for ``view`` in ``lang`` as one self-contained HTML document.

    ``today`` ends open programme bars and dates the pack; ``boundaries`` defaults
    to the bundled base map (empty layers give a map of city positions only).
    """
    t = Translator(lang)
    lang = t.lang
    boundaries = boundaries if boundaries is not None else _bundled_boundaries()
    model = view.model
    data_date = model.data_date.isoformat()
    title = t("app.title")

    layers = [boundaries.layers.get(name) for name in ("countries", "provinces", "national")]
    has_base = any(isinstance(layer, dict) and layer.get("features") for layer in layers)
    attribution = (
        (t("map.attribution", text=boundaries.attribution) if boundaries.attribution else "")
        if has_base
        else t("brief.no_basemap")
    )
    map_body = (
        f"<figure>{map_svg(view, lang, t, boundaries)}</figure>{map_legend(view, lang, t)}"
        f'<p class="attribution">{_e(attribution)}</p>'
    )
    if view.map_cities.empty:
        map_body = f'<p class="empty">{_e(t("brief.map_empty"))}</p>' + map_body
    if view.programmes.empty and view.milestones.empty:
        timeline_body = f'<p class="empty">{_e(t("timeline.empty"))}</p>'
    else:
        timeline_body = f"<figure>{timeline_svg(view, lang, t, today)}</figure>"
    cite_text = t("brief.cite_text", title=title, date=data_date, today=today.isoformat())

    header = (
        f"<h1>{_e(title)}</h1>"
        f'<p class="subtitle">{_e(t("brief.title"))}</p>'
        '<div class="meta">'
        f'<span class="data-date">{_e(t("brief.data_date", date=data_date))}</span>'
        f"<span>{_e(t('brief.generated', date=today.isoformat()))}</span>"
        f'<span class="filters">{_e(t("brief.filters"))}: {_filters_text(view, lang, t)}</span>'
        "</div>"
    )
    sections = [
        f'<section class="cover first" id="key-figures">{header}'
        f"<h2>{_e(t('brief.key_figures'))}</h2>{_key_figures(view, lang, t)}"
        f'<p class="cite-how"><strong>{_e(t("data.cite_title"))}:</strong> {_e(cite_text)}</p></section>',
        _section("map", t("map.title"), map_body, t("brief.map_caption")),
        _section("timeline", t("timeline.title"), timeline_body, t("brief.timeline_caption")),
        _section("coverage", t("coverage.title"), _coverage_table(view, lang, t), t("coverage.caption")),
        _section("focus", t("focus.title"), _focus_areas(view, lang, t), t("focus.caption")),
        _section(
            "milestones", t("timeline.milestones"), _milestone_table(view, lang, t), t("brief.milestones_caption")
        ),
        _section(
            "sources",
            t("data.sources"),
            _sources(view, t) + f'<p class="cite-how"><strong>{_e(t("data.cite_title"))}:</strong> {_e(cite_text)}</p>',
            t("brief.sources_caption"),
        ),
    ]
    css = _CSS.replace("FONTS", FONT_STACK)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{HTML_LANG.get(lang, lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)} — {_e(t('brief.title'))} ({_e(data_date)})</title>"
        f"<style>{css}</style></head><body>{''.join(sections)}</body></html>\n"
    )
