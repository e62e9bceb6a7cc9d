"""Write the base-map files the deck.gl map loads by URL that the boundary build does not.

* ``data/boundaries/sea.geojson`` - the sea behind everything (one rectangle);
* ``data/boundaries/inset/{countries,provinces,national}.geojson`` - the South China
  Sea inset's copy of those layers: clipped to the inset's extent (with a margin) and
  moved ``tracker.inset.SHIFT_LON`` degrees west, where the inset view looks and no
  city layer draws (Streamlit's pydeck chart does not pass deck.gl's ``layerFilter``,
  so a second view cannot otherwise leave the city markers out);
* ``data/boundaries/lines/*.json`` - the borders as straight segments
  (``{"s": [lon, lat], "t": [lon, lat]}``) for deck.gl's ``LineLayer``. A GeoJSON layer
  strokes its outlines with a ``PathLayer``, whose vertex shader (joins, caps) costs twice
  as much per frame in software WebGL, and every view of the map draws every layer, so
  each segment costs in every frame of both views. Thin lines need no joins. A border
  between two provinces is in both provinces' rings: it is written once. A province's
  coast or land border is left out where the national line, drawn above it, runs within
  ``NEAR_DEG`` (the same line, simplified apart);
* ``data/boundaries/areas/<adcode>.geojson`` and ``data/boundaries/lines/areas/<adcode>.json``
  - each bundled city or district on its own (its area, its outline), so that the map
  draws only the ones it shows (a hidden layer costs nothing per frame; a transparent
  feature costs as much as a visible one).

Run after ``scripts/build_boundaries.py``; a unit test checks the files are up to date::

    .venv/bin/python scripts/build_inset.py
"""

from __future__ import annotations

import itertools
import json
import math
import sys
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from briefing.geometry import clip_line, clip_ring  # noqa: E402
from tracker.geo import BOUNDARY_DIR, load_boundaries  # noqa: E402
from tracker.inset import SHIFT_LON, Extent, inset_extent  # noqa: E402

INSET_LAYERS: tuple[str, ...] = ("countries", "provinces", "national")
SEA_BOX = Extent(west=40.0, south=-15.0, east=170.0, north=65.0)
MARGIN_DEG = 1.5
DECIMALS = 3
#: A province segment whose ends and middle all lie this close to the national line is that line.
NEAR_DEG = 0.01


def _ring(points: list[tuple[float, float]]) -> list[list[float]]:
    ring = [[round(x + SHIFT_LON, DECIMALS), round(y, DECIMALS)] for x, y in points]
    if ring and ring[0] != ring[-1]:
        ring.append(ring[0])
    return ring


def _clip_polygon(rings: list[Any], box: tuple[float, float, float, float]) -> list[list[list[float]]]:
    clipped = []
    for ring in rings:
        points = clip_ring([(float(x), float(y)) for x, y, *_ in ring], box)
        if len(points) >= 3:
            clipped.append(_ring(points))
    return clipped


def clip_and_shift(geometry: dict[str, Any], extent: Extent) -> dict[str, Any] | None:
    """``geometry`` clipped to ``extent`` and moved ``SHIFT_LON`` degrees; ``None`` when nothing is left."""
    box = (extent.west, extent.south, extent.east, extent.north)
    kind, coordinates = geometry.get("type"), geometry.get("coordinates") or []
    if kind in ("Polygon", "MultiPolygon"):
        polygons = [coordinates] if kind == "Polygon" else coordinates
        parts = [rings for rings in (_clip_polygon(p, box) for p in polygons) if rings]
        return {"type": "MultiPolygon", "coordinates": parts} if parts else None
    if kind in ("LineString", "MultiLineString"):
        lines = [coordinates] if kind == "LineString" else coordinates
        runs = [
            [[round(x + SHIFT_LON, DECIMALS), round(y, DECIMALS)] for x, y in run]
            for line in lines
            for run in clip_line([(float(x), float(y)) for x, y, *_ in line], box)
            if len(run) >= 2
        ]
        return {"type": "MultiLineString", "coordinates": runs} if runs else None
    return None


def inset_layer(layer: dict[str, Any], extent: Extent) -> dict[str, Any]:
    """The inset's copy of one base layer (features with nothing inside the extent dropped)."""
    features = []
    for feature in layer.get("features", []):
        geometry = clip_and_shift(feature.get("geometry") or {}, extent.grown(MARGIN_DEG))
        if geometry is not None:
            features.append({"type": "Feature", "properties": feature.get("properties", {}), "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}


def sea_layer() -> dict[str, Any]:
    """One rectangle of sea behind the whole base map."""
    b = SEA_BOX
    ring = [[b.west, b.south], [b.east, b.south], [b.east, b.north], [b.west, b.north], [b.west, b.south]]
    polygon = {"type": "Polygon", "coordinates": [ring]}
    return {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": polygon}]}


#: Segment files: ``(name, source under data/boundaries, national line drawn above it or None)``.
LINE_FILES: tuple[tuple[str, str, str | None], ...] = (
    ("provinces", "provinces.geojson", "national.geojson"),
    ("national", "national.geojson", None),
    ("inset-provinces", "inset/provinces.geojson", "inset/national.geojson"),
    ("inset-national", "inset/national.geojson", None),
)
AREAS_SOURCE = "areas.geojson"


def _runs(geometry: dict[str, Any]) -> list[Any]:
    """Every ring or line of a (multi) polygon or (multi) line string."""
    kind, coordinates = geometry.get("type"), geometry.get("coordinates") or []
    if kind == "Polygon":
        return list(coordinates)
    if kind == "MultiPolygon":
        return [ring for polygon in coordinates for ring in polygon]
    if kind == "LineString":
        return [coordinates]
    if kind == "MultiLineString":
        return list(coordinates)
    return []


Segment = tuple[tuple[float, float], tuple[float, float]]


def _feature_segments(feature: dict[str, Any]) -> list[Segment]:
    """Each border of one feature as straight segments (zero-length ones dropped)."""
    out: list[Segment] = []
    for run in _runs(feature.get("geometry") or {}):
        points = [(round(float(x), DECIMALS), round(float(y), DECIMALS)) for x, y, *_ in run]
        out.extend((a, b) for a, b in itertools.pairwise(points) if a != b)
    return out


def _undirected(segment: Segment) -> Segment:
    a, b = segment
    return (a, b) if a <= b else (b, a)


def _distance(point: tuple[float, float], segment: Segment) -> float:
    """Distance in degrees (plate carrée) from ``point`` to ``segment``."""
    (px, py), ((ax, ay), (bx, by)) = point, segment
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


class _Near:
    """Which points lie within ``NEAR_DEG`` of a set of segments (a grid of cells ``NEAR_DEG`` wide)."""

    def __init__(self, segments: list[Segment]) -> None:
        self.cells: dict[tuple[int, int], list[Segment]] = {}
        for segment in segments:
            (ax, ay), (bx, by) = segment
            for gx in range(self._cell(min(ax, bx)) - 1, self._cell(max(ax, bx)) + 2):
                for gy in range(self._cell(min(ay, by)) - 1, self._cell(max(ay, by)) + 2):
                    self.cells.setdefault((gx, gy), []).append(segment)

    @staticmethod
    def _cell(value: float) -> int:
        return math.floor(value / NEAR_DEG)

    def __call__(self, point: tuple[float, float]) -> bool:
        nearby = self.cells.get((self._cell(point[0]), self._cell(point[1])), [])
        return any(_distance(point, segment) < NEAR_DEG for segment in nearby)


def segments(layer: dict[str, Any], above: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The borders of ``layer`` as straight segments, each once, none along a line of ``above``."""
    under = [s for feature in (above or {}).get("features", []) for s in _feature_segments(feature)]
    near = _Near(under)
    drawn = {_undirected(s) for s in under}
    out = []
    for feature in layer.get("features", []):
        for segment in _feature_segments(feature):
            key = _undirected(segment)
            (ax, ay), (bx, by) = segment
            if key in drawn or (near(segment[0]) and near(segment[1]) and near(((ax + bx) / 2, (ay + by) / 2))):
                continue
            drawn.add(key)
            out.append({"s": list(segment[0]), "t": list(segment[1])})
    return out


def area_segments(layer: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Adcode → the outline of that city or district as straight segments."""
    return {
        str(feature.get("properties", {}).get("adcode")): segments({"features": [feature]})
        for feature in layer.get("features", [])
    }


def encode(layer: dict[str, Any]) -> str:
    """Compact, deterministic JSON text of a layer."""
    return json.dumps(layer, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def built_files(directory: Path = BOUNDARY_DIR) -> dict[str, str]:
    """Relative path → text of every file this script writes, from the boundary files in ``directory``."""
    files = {"sea.geojson": encode(sea_layer())}
    extent = inset_extent(load_boundaries(directory))
    for name in INSET_LAYERS:
        source = json.loads((directory / f"{name}.geojson").read_text(encoding="utf-8"))
        files[f"inset/{name}.geojson"] = encode(inset_layer(source, extent))

    def read(relative: str) -> dict[str, Any]:
        return json.loads(files.get(relative) or (directory / relative).read_text(encoding="utf-8"))

    for name, relative, above in LINE_FILES:
        files[f"lines/{name}.json"] = encode(segments(read(relative), read(above) if above else None))
    areas = read(AREAS_SOURCE)
    for feature in areas.get("features", []):
        adcode = str(feature.get("properties", {}).get("adcode"))
        files[f"areas/{adcode}.geojson"] = encode({"type": "FeatureCollection", "features": [feature]})
    for adcode, outline in area_segments(areas).items():
        files[f"lines/areas/{adcode}.json"] = encode(outline)
    return files


def main() -> int:
    """Write the files; print each one's size."""
    for relative, text in built_files().items():
        path = BOUNDARY_DIR / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"{path.relative_to(REPO_ROOT)}: {len(text.encode('utf-8')) / 1024:.1f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
