"""The South China Sea inset: the extent it shows and where its copy of the map lies.

A map of China shown in mainland China must show the whole territory, the South
China Sea islands and the maritime boundary line included; where the main view is
cropped they go into an inset in the lower right. Both renderers read the extent
from the boundary metadata: the briefing's SVG map draws the inset from the bundled layers, and the
deck.gl map looks, through a second view, at a copy of the inset's layers moved
:data:`SHIFT_LON` degrees west (``data/boundaries/inset/``, written by
``scripts/build_inset.py``), where no city layer draws.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from tracker.geo import Boundaries

#: Longitude offset of the inset's copy of the map: it lies in the western hemisphere,
#: where the base map (lon 58..152) and the cities draw nothing.
SHIFT_LON = -180.0


@dataclass(frozen=True)
class Extent:
    """A longitude/latitude box (degrees, WGS84)."""

    west: float
    south: float
    east: float
    north: float

    def shifted(self, dlon: float = SHIFT_LON) -> Extent:
        """The same box moved ``dlon`` degrees east."""
        return Extent(self.west + dlon, self.south, self.east + dlon, self.north)

    def grown(self, margin: float) -> Extent:
        """The box with ``margin`` degrees added on every side."""
        return Extent(self.west - margin, self.south - margin, self.east + margin, self.north + margin)


#: What the inset shows when the boundary metadata gives no extent (``south_china_sea.inset.bbox``
#: in ``data/boundaries/metadata.json``, the same numbers): the islands (Dongsha, Xisha,
#: Zhongsha, Nansha) and the whole maritime boundary line, with Hainan and the coast.
DEFAULT_EXTENT = Extent(west=107.5, south=2.5, east=123.5, north=25.3)


def inset_extent(boundaries: Boundaries) -> Extent:
    """The inset's extent from the boundary metadata (or :data:`DEFAULT_EXTENT`)."""
    bbox = boundaries.inset_bbox
    return Extent(*bbox) if bbox else DEFAULT_EXTENT


def mercator_y(lat: float) -> float:
    """Web Mercator y of a latitude in radians of the unit sphere."""
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def inverse_mercator_y(y: float) -> float:
    """The latitude of a Web Mercator y."""
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


@dataclass(frozen=True)
class InsetFrame:
    """The inset at one size: its pixel box, the fixed camera and the lon/lat box it shows."""

    width: float
    height: float
    longitude: float
    latitude: float
    zoom: float
    shown: Extent


def inset_frame(width: float, extent: Extent = DEFAULT_EXTENT) -> InsetFrame:
    """The pixel size, camera and visible box of an inset ``width`` pixels wide showing ``extent``."""
    span_lon = extent.east - extent.west
    world = width * 360.0 / span_lon
    zoom = math.log2(world / 512.0)
    y_south, y_north = mercator_y(extent.south), mercator_y(extent.north)
    height = (y_north - y_south) / (2 * math.pi) * world
    centre_lat = inverse_mercator_y((y_north + y_south) / 2)
    return InsetFrame(
        width=width,
        height=height,
        longitude=(extent.west + extent.east) / 2,
        latitude=centre_lat,
        zoom=zoom,
        shown=extent,
    )
