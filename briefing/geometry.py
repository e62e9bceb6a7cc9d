"""The briefing map's projection and the boundary GeoJSON as clipped, simplified SVG paths."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from briefing.markup import Box, Point, num

# The map frame (degrees) and its size in SVG units.
WEST, EAST, SOUTH, NORTH = 73.0, 136.0, 17.0, 54.0
MAP_WIDTH = 1000.0


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


def clip_ring(points: list[Point], box: Box) -> list[Point]:
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


def clip_line(points: list[Point], box: Box) -> list[list[Point]]:
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
        numbers += [num(bx - ax), num(by - ay)]
    return f"M{num(rounded[0][0])} {num(rounded[0][1])}l{_join(numbers)}{'z' if closed else ''}"


def layer_paths(
    layer: dict[str, Any],
    projection: Projection,
    tolerance: float = 0.6,
    margin: float = 8.0,
    min_size: float = 1.5,
) -> list[str]:
    """SVG path data, one string per feature, for a GeoJSON layer clipped to the frame.

    Rings are clipped ``margin`` units outside the frame (so their clip edges stay out of
    sight) and dropped when smaller than ``min_size`` units both ways; lines keep one
    point of overhang.
    """
    box = (-margin, -margin, projection.width + margin, projection.height + margin)
    features = layer.get("features") if isinstance(layer, dict) else None
    paths = []
    for feature in features if isinstance(features, list) else ():
        parts = []
        for run, closed in _coordinate_runs(feature):
            points = _project(run, projection)
            pieces = [clip_ring(points, box)] if closed else clip_line(points, box)
            for piece in pieces:
                simple = _simplify(piece, tolerance)
                if len(simple) < (3 if closed else 2):
                    continue
                xs = [p[0] for p in simple]
                ys = [p[1] for p in simple]
                if closed and max(xs) - min(xs) < min_size and max(ys) - min(ys) < min_size:
                    continue
                parts.append(_path_data(simple, closed))
        if parts:
            paths.append("".join(parts))
    return paths
