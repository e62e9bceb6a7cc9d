"""Write the base-map files the deck.gl map loads by URL that the boundary build does not.

* ``data/boundaries/sea.geojson`` - the sea behind everything (one rectangle);
* ``data/boundaries/inset/{countries,provinces,national}.geojson`` - the South China
  Sea inset's copy of those layers: clipped to the inset's extent (with a margin) and
  moved ``tracker.inset.SHIFT_LON`` degrees west, where the inset view looks and no
  city layer draws (Streamlit's pydeck chart does not pass deck.gl's ``layerFilter``,
  so a second view cannot otherwise leave the city markers out);
* ``data/boundaries/lines/*.json`` - the borders as straight segments
  (``{"s": [lon, lat], "t": [lon, lat]}``, district segments also ``"a": adcode``) for
  deck.gl's ``LineLayer``. A GeoJSON layer strokes its outlines with a ``PathLayer``,
  whose vertex shader (joins, caps) costs twice as much per frame in software WebGL, and
  every view of the map draws every layer. Thin lines need no joins.

Run after ``scripts/build_boundaries.py``; a unit test checks the files are up to date::

    .venv/bin/python scripts/build_inset.py
"""

from __future__ import annotations

import itertools
import json
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


#: Segment files: ``(name, source under data/boundaries, property kept as "a" or None)``.
LINE_FILES: tuple[tuple[str, str, str | None], ...] = (
    ("provinces", "provinces.geojson", None),
    ("national", "national.geojson", None),
    ("areas", "areas.geojson", "adcode"),
    ("inset-provinces", "inset/provinces.geojson", None),
    ("inset-national", "inset/national.geojson", None),
)


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


def segments(layer: dict[str, Any], keep: str | None = None) -> list[dict[str, Any]]:
    """Each border of ``layer`` as straight segments (zero-length ones dropped)."""
    out = []
    for feature in layer.get("features", []):
        extra = {"a": str(feature.get("properties", {}).get(keep))} if keep else {}
        for run in _runs(feature.get("geometry") or {}):
            points = [[round(float(x), DECIMALS), round(float(y), DECIMALS)] for x, y, *_ in run]
            out.extend({"s": a, "t": b, **extra} for a, b in itertools.pairwise(points) if a != b)
    return out


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
    for name, relative, keep in LINE_FILES:
        text = files.get(relative) or (directory / relative).read_text(encoding="utf-8")
        files[f"lines/{name}.json"] = encode(segments(json.loads(text), keep))
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
