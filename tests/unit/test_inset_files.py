"""The files the deck.gl map loads by URL besides the boundary build's: the sea and the inset's copy."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from tracker.geo import BOUNDARY_DIR, load_boundaries
from tracker.inset import SHIFT_LON, inset_extent, inset_frame

SCRIPT = Path(__file__).parents[2] / "scripts" / "build_inset.py"


def _build_inset():
    spec = importlib.util.spec_from_file_location("build_inset", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bundled_files_are_what_the_script_builds_from_the_bundled_boundaries() -> None:
    for relative, text in _build_inset().built_files().items():
        path = BOUNDARY_DIR / relative
        assert path.is_file(), f"{relative} missing: run scripts/build_inset.py"
        assert path.read_text(encoding="utf-8") == text, f"{relative} is stale: run scripts/build_inset.py"


def test_inset_copy_holds_the_islands_and_the_line_moved_west() -> None:
    extent = inset_extent(load_boundaries())
    national = json.loads((BOUNDARY_DIR / "inset" / "national.geojson").read_text(encoding="utf-8"))
    line = next(f for f in national["features"] if f["properties"].get("layer") == "maritime_boundary")
    points = [p for run in line["geometry"]["coordinates"] for p in run]
    original = json.loads((BOUNDARY_DIR / "national.geojson").read_text(encoding="utf-8"))
    source = next(f for f in original["features"] if f["properties"].get("layer") == "maritime_boundary")
    wanted = [p for run in source["geometry"]["coordinates"] for p in run]
    assert len(points) == len(wanted)  # the whole line is in the inset
    assert min(lat for _, lat in points) == min(lat for _, lat in wanted) < 4.0  # its southern end
    assert all(extent.west + SHIFT_LON - 1.6 <= lon <= extent.east + SHIFT_LON + 1.6 for lon, _ in points)
    provinces = json.loads((BOUNDARY_DIR / "inset" / "provinces.geojson").read_text(encoding="utf-8"))
    codes = {f["properties"]["adcode"] for f in provinces["features"]}
    assert {"440000", "460000"} <= codes  # Guangdong (Dongsha) and Hainan (Xisha, Zhongsha, Nansha)


def test_inset_frame_fits_its_extent() -> None:
    extent = inset_extent(load_boundaries())
    frame = inset_frame(150.0, extent)
    assert frame.width == 150.0 and 150.0 < frame.height < 300.0  # taller than wide: 2.5° N to 25.3° N
    assert extent.south < frame.latitude < extent.north and frame.longitude == (extent.west + extent.east) / 2


def test_border_segments_are_the_geojson_borders_and_district_segments_name_their_district() -> None:
    provinces = json.loads((BOUNDARY_DIR / "provinces.geojson").read_text(encoding="utf-8"))
    rings = [
        ring
        for f in provinces["features"]
        for polygon in (
            [f["geometry"]["coordinates"]] if f["geometry"]["type"] == "Polygon" else f["geometry"]["coordinates"]
        )
        for ring in polygon
    ]
    segments = json.loads((BOUNDARY_DIR / "lines" / "provinces.json").read_text(encoding="utf-8"))
    assert 0 < len(segments) <= sum(len(ring) - 1 for ring in rings)
    assert len(segments) >= 0.9 * sum(len(ring) - 1 for ring in rings)  # only repeated points dropped
    assert all(set(s) == {"s", "t"} and s["s"] != s["t"] for s in segments)
    areas = json.loads((BOUNDARY_DIR / "areas.geojson").read_text(encoding="utf-8"))
    district_lines = json.loads((BOUNDARY_DIR / "lines" / "areas.json").read_text(encoding="utf-8"))
    assert {s["a"] for s in district_lines} == {f["properties"]["adcode"] for f in areas["features"]}
