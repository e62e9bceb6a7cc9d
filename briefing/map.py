"""The briefing map as inline SVG (markers and labels placed by :mod:`components.map_marks`) and its legend.

The map has the South China Sea inset in its lower right corner: a map of China shown in
mainland China must show the whole territory, incl. the South China Sea islands and the
maritime boundary line, which lie south of the main frame. Its extent comes from the
boundary metadata (:attr:`tracker.geo.Boundaries.inset_bbox`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.geometry import Projection, layer_paths
from briefing.markup import Box, cell_text, esc, num
from components import colors
from components.labels import city_names, programme_names
from components.map_marks import Mark, MarkerStyle, marker_style, place_labels, text_width
from tracker.filters import View
from tracker.geo import Boundaries
from tracker.i18n import Translator, localized

LABEL_SIZE = 13.0
_SEA = "#EAF2F8"
_LAND_CHINA = "#FAFAF6"
_LAND_OTHER = "#E2E2E2"
_PROVINCE_LINE = "#AAAAAA"
_NATIONAL_LINE = "#6E6E6E"
_MARKER_LINE = "#282828"


#: SVG units per step of marker size (see :meth:`components.map_marks.MarkerStyle.radius`).
MARKER_UNIT = 3.0

#: Width of the South China Sea inset (SVG units; its height follows from its extent),
#: its gap from the map's lower right corner, and its label's size and padding.
INSET_WIDTH = 160.0
INSET_GAP = 8.0
INSET_LABEL_SIZE = 11.0
INSET_PADDING = 5.0


@dataclass(frozen=True)
class Inset:
    """The South China Sea inset: its own projection and its top left corner on the map."""

    projection: Projection
    x: float
    y: float

    @property
    def box(self) -> Box:
        """Its frame on the map ``(x0, y0, x1, y1)``."""
        return (self.x, self.y, self.x + self.projection.width, self.y + self.projection.height)


def map_inset(boundaries: Boundaries, width: float, height: float) -> Inset | None:
    """The inset in the lower right of a ``width`` × ``height`` map, if the metadata gives its extent."""
    extent = boundaries.inset_bbox
    if extent is None:
        return None
    west, south, east, north = extent
    projection = Projection(west=west, east=east, south=south, north=north, width=INSET_WIDTH)
    return Inset(projection, width - INSET_WIDTH - INSET_GAP, height - projection.height - INSET_GAP)


def wrap_label(text: str, width: float, size: float) -> list[str]:
    """Break ``text`` at spaces into lines no wider than ``width`` (a long word keeps its own line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _layer_styles(national_width: float, province_width: float) -> tuple[tuple[str, str], ...]:
    """The base layers in drawing order with their SVG presentation attributes."""
    return (
        ("countries", f'fill="{_LAND_OTHER}" stroke="#FFFFFF" stroke-width="0.8"'),
        ("provinces", f'fill="{_LAND_CHINA}" stroke="{_PROVINCE_LINE}" stroke-width="{num(province_width)}"'),
        ("national", f'fill="none" stroke="{_NATIONAL_LINE}" stroke-width="{num(national_width)}"'),
    )


def inset_svg(inset: Inset, boundaries: Boundaries, t: Translator) -> str:
    """The inset as an SVG group: a white margin, its own sea, the base layers, a frame and its label.

    Rings are clipped at the frame and kept however small (the islands are drawn at a
    minimum size in the data); no city marker or label is drawn in it.
    """
    projection = inset.projection
    w, h = projection.width, projection.height
    out = [
        f'<g class="inset" transform="translate({num(inset.x)} {num(inset.y)})">',
        f'<rect class="inset-margin" x="-3" y="-3" width="{num(w + 6)}" height="{num(h + 6)}" fill="#FFFFFF"/>',
        f'<rect class="inset-sea" x="0" y="0" width="{num(w)}" height="{num(h)}" fill="{_SEA}"/>',
    ]
    for name, style in _layer_styles(national_width=1.0, province_width=0.5):
        layer = boundaries.layers.get(name)
        paths = layer_paths(layer if isinstance(layer, dict) else {}, projection, 0.3, margin=0.0, min_size=0.0)
        out.append(f'<g class="inset-layer-{name}" {style} fill-rule="evenodd" stroke-linejoin="round">')
        out += [f'<path d="{d}"/>' for d in paths]
        out.append("</g>")
    out.append(
        f'<rect class="inset-frame" x="0" y="0" width="{num(w)}" height="{num(h)}" fill="none" '
        f'stroke="{_NATIONAL_LINE}" stroke-width="1.2"/>'
    )
    lines = wrap_label(t("map.inset_label"), w - 2 * INSET_PADDING, INSET_LABEL_SIZE)
    line_height = INSET_LABEL_SIZE * 1.2
    bottom = h - INSET_PADDING - INSET_LABEL_SIZE * 0.3
    out.append(f'<g class="inset-label" font-size="{num(INSET_LABEL_SIZE)}" text-anchor="end">')
    for n, line in enumerate(lines):
        y = bottom - (len(lines) - 1 - n) * line_height
        out.append(f'<text x="{num(w - INSET_PADDING)}" y="{num(y)}">{esc(line)}</text>')
    out.append("</g></g>")
    return "".join(out)


@dataclass(frozen=True)
class MapCity:
    """One city marker: position, label, tooltip and its style."""

    city_id: str
    label: str
    tooltip: str
    x: float
    y: float
    style: MarkerStyle

    @property
    def radius(self) -> float:
        """Bigger for more programmes."""
        return self.style.radius(MARKER_UNIT)

    @property
    def mark(self) -> Mark:
        """The marker as the label placement sees it."""
        return Mark(self.x, self.y, self.radius, self.label, self.style.count)


def map_cities(view: View, lang: str, t: Translator, projection: Projection) -> list[MapCity]:
    """The cities of the map with the shown programmes each takes part in (data order)."""
    cities = view.map_cities
    if cities.empty:
        return []
    taking_part = view.participation.sort_values("order", kind="stable")
    names = city_names(cities, lang)
    short = programme_names(view.model.programmes, lang)
    regions = localized(cities, "region", lang)
    palette = colors.programme_colors(view.model.programmes["programme_id"])
    result = []
    for city_id, row in cities.iterrows():
        part = taking_part.loc[taking_part["city_id"] == city_id]
        lon, lat = float(row["longitude"]), float(row["latitude"])
        x, y = projection(lon, lat)
        programmes = tuple(str(p) for p in part["programme_id"])
        listed = "; ".join(str(short[p]) for p in programmes) or t("map.no_programme")
        region = cell_text(regions[city_id])
        tooltip = f"{names[city_id]}{' — ' + region if region else ''}\n{t('map.programmes_label')}: {listed}"
        limited = tuple(bool(s == "limited") for s in part["status"])
        result.append(
            MapCity(
                city_id=str(city_id),
                label=str(names[city_id]),
                tooltip=tooltip,
                x=x,
                y=y,
                style=marker_style(programmes, limited, palette),
            )
        )
    return result


def _wedge(x: float, y: float, r: float, start: float, end: float) -> str:
    """Path data of a pie wedge from angle ``start`` to ``end`` (radians, clockwise from north)."""
    x1, y1 = x + r * math.sin(start), y - r * math.cos(start)
    x2, y2 = x + r * math.sin(end), y - r * math.cos(end)
    large = 1 if end - start > math.pi else 0
    return f"M{num(x)} {num(y)}L{num(x1)} {num(y1)}A{num(r)} {num(r)} 0 {large} 1 {num(x2)} {num(y2)}z"


def _marker(city: MapCity, radius: float | None = None) -> str:
    """SVG of one city marker: a circle, split into wedges for several programmes."""
    r = radius or city.radius
    dashed = ' stroke-dasharray="3 2"' if city.style.dashed else ""
    parts = []
    fills = city.style.fills
    if len(fills) >= 2:
        step = 2 * math.pi / len(fills)
        for n, fill in enumerate(fills):
            parts.append(f'<path d="{_wedge(city.x, city.y, r, n * step, (n + 1) * step)}" fill="{fill}"/>')
        fill = "none"
    else:
        fill = city.style.fill if not fills else fills[0]
    circle = (
        f'<circle class="city-marker" data-city="{esc(city.city_id)}" cx="{num(city.x)}" cy="{num(city.y)}" '
        f'r="{num(r)}" fill="{fill}" stroke="{_MARKER_LINE}" stroke-width="1.4"{dashed}/>'
    )
    return "".join(parts) + circle


def map_svg(view: View, lang: str, t: Translator, boundaries: Boundaries) -> str:
    """The map as inline SVG: neighbours, provinces, the national border, city markers and labels.

    The South China Sea inset is drawn last, so nothing covers it; city labels keep out of it.
    """
    projection = Projection()
    width, height = projection.width, projection.height
    layers = boundaries.layers
    alt = t("map.alt", count=len(view.map_cities))
    out = [
        f'<svg class="map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {num(width)} {num(height)}" '
        f'width="{num(width)}" height="{num(height)}" role="img" aria-label="{esc(alt)}">',
        f'<rect class="sea" x="0" y="0" width="{num(width)}" height="{num(height)}" fill="{_SEA}"/>',
    ]
    for name, style in _layer_styles(national_width=1.4, province_width=0.6):
        layer = layers.get(name)
        paths = layer_paths(layer if isinstance(layer, dict) else {}, projection)
        out.append(f'<g class="layer-{name}" {style} fill-rule="evenodd" stroke-linejoin="round">')
        out += [f'<path d="{d}"/>' for d in paths]
        out.append("</g>")
    cities = map_cities(view, lang, t, projection)
    inset = map_inset(boundaries, width, height)
    avoid = [inset.box] if inset else []
    labels = place_labels([city.mark for city in cities], width, height, LABEL_SIZE, avoid=avoid)
    out.append('<g class="leaders" stroke="#555555" stroke-width="0.8">')
    for label in labels:
        if label.leader:
            (x1, y1), (x2, y2) = label.leader
            out.append(f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}"/>')
    out.append("</g>")
    order = sorted(range(len(cities)), key=lambda i: -cities[i].radius)
    out.append('<g class="cities">')
    for i in order:
        city = cities[i]
        out.append(f'<g class="city"><title>{esc(city.tooltip)}</title>{_marker(city)}</g>')
    out.append("</g>")
    out.append(f'<g class="labels" font-size="{num(LABEL_SIZE)}">')
    for city, label in zip(cities, labels, strict=True):
        out.append(
            f'<text class="city-label" x="{num(label.x)}" y="{num(label.y)}" text-anchor="{label.anchor}" '
            f'dominant-baseline="central">{esc(city.label)}</text>'
        )
    out.append("</g>")
    if inset:
        out.append(inset_svg(inset, boundaries, t))
    out.append("</svg>")
    return "".join(out)


def _legend_marker(fills: Sequence[str], radius: float, dashed: bool = False) -> str:
    """A small standalone SVG of a map marker for the legend."""
    size = 2 * radius + 4
    c = size / 2
    style = MarkerStyle(fills=tuple(fills), fill=colors.MARKER_EMPTY_HEX, dashed=dashed, count=len(fills))
    body = _marker(MapCity("legend", "", "", c, c, style), radius).replace("city-marker", "legend-marker")
    return (
        f'<svg class="swatch" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {num(size)} {num(size)}" '
        f'width="{num(size)}" height="{num(size)}" aria-hidden="true">{body}</svg>'
    )


def map_legend(view: View, lang: str, t: Translator) -> str:
    """The map legend as HTML: programme colours, several programmes, part of a city, none."""
    palette = colors.programme_colors(view.model.programmes["programme_id"])
    names = programme_names(view.model.programmes, lang)
    items = []
    shown = view.programmes.sort_values("order")["programme_id"].tolist()
    for programme_id in shown:
        items.append(f"<li>{_legend_marker([palette[programme_id]], 7.5)}{esc(names[programme_id])}</li>")
    if len(shown) >= 2:
        items.append(f"<li>{_legend_marker([palette[p] for p in shown[:2]], 10.5)}{esc(t('legend.several'))}</li>")
    if shown:
        fill = colors.tint(colors.NETWORK)
        items.append(f"<li>{_legend_marker([fill], 7.5, dashed=True)}{esc(t('brief.legend_part'))}</li>")
    items.append(f"<li>{_legend_marker([], 4.5)}{esc(t('legend.none'))}</li>")
    return f'<p class="legend-title">{esc(t("legend.title"))}</p><ul class="legend">{"".join(items)}</ul>'
