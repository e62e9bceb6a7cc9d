"""How a city is drawn on every map: its marker's style and where its label goes.

The deck.gl map (:mod:`components.map_deck`) and the briefing's SVG map
(:mod:`briefing.map`) both call these functions, so a city looks the same and its
label sits on the same side in both. Pure Python: positions are screen units of
the renderer (deck.gl pixels at the initial zoom, or SVG units).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from components import colors

Point = tuple[float, float]
Box = tuple[float, float, float, float]

#: How far a label may move out from its marker (screen units), nearest first.
REACHES: tuple[float, ...] = (0.0, 10.0, 22.0, 38.0, 58.0, 84.0)
LAYOUTS = 64
"""How many label layouts :func:`place_labels` keeps (the same map is labelled on rerun after rerun)."""


@dataclass(frozen=True)
class MarkerStyle:
    """The look of one city marker.

    ``fills`` has one colour per programme (lighter where the city takes part only in
    part); ``fill`` is the single colour of a plain circle (the programme's colour, the
    network grey for several, white for none); ``dashed`` marks a city in a programme
    only in part; ``count`` is the number of programmes, which sets the size.
    """

    fills: tuple[str, ...]
    fill: str
    dashed: bool
    count: int

    def radius(self, unit: float) -> float:
        """The marker radius in units of ``unit`` (one more ``unit`` per programme)."""
        return unit * (1.2 + self.count)


def marker_style(programmes: Sequence[str], limited: Sequence[bool], palette: dict[str, str]) -> MarkerStyle:
    """The marker of a city taking part in ``programmes`` (``limited``: only in part), in order."""
    fills = tuple(
        colors.tint(palette.get(p, colors.NETWORK)) if part else palette.get(p, colors.NETWORK)
        for p, part in zip(programmes, limited, strict=True)
    )
    if len(programmes) > 1:
        fill = colors.NETWORK
    elif programmes:
        fill = palette.get(programmes[0], colors.NETWORK)
    else:
        fill = colors.MARKER_EMPTY_HEX
    return MarkerStyle(fills=fills, fill=fill, dashed=any(limited), count=len(programmes))


@dataclass(frozen=True)
class Mark:
    """A marker to label: its centre and radius in screen units, its label and its weight."""

    x: float
    y: float
    radius: float
    label: str
    weight: int = 0


def text_width(text: str, size: float) -> float:
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


def place_labels(
    marks: Sequence[Mark],
    width: float | None,
    height: float | None,
    size: float,
    reaches: Sequence[float] = REACHES,
    avoid: Sequence[Box] = (),
) -> list[PlacedLabel]:
    """Greedy label placement around each marker, moving out (with a leader line) when crowded.

    See :func:`_place`, which does the work; its layouts are memoised by their inputs
    (at most :data:`LAYOUTS`), so a map drawn again places its labels once.
    """
    return list(_place(tuple(marks), width, height, size, tuple(reaches), tuple(avoid)))


@lru_cache(maxsize=LAYOUTS)
def _place(
    marks: tuple[Mark, ...],
    width: float | None,
    height: float | None,
    size: float,
    reaches: tuple[float, ...],
    avoid: tuple[Box, ...],
) -> tuple[PlacedLabel, ...]:
    """Greedy label placement around each marker, moving out (with a leader line) when crowded.

    Marks with more programmes are placed first, then from north to south. Each label takes
    the spot around its marker that overlaps least with labels placed before it, with other
    markers, with the ``avoid`` boxes (e.g. an inset map; weighted twice a label) and (when
    ``width`` and ``height`` are given) with the frame's edges; it moves out by the next of
    ``reaches`` only when every spot at the nearer reach is crowded.
    Returns one label per mark, in the marks' order.
    """
    circles: list[Box] = [(c.x - c.radius, c.y - c.radius, c.x + c.radius, c.y + c.radius) for c in marks]
    placed: list[Box] = []
    result: list[PlacedLabel | None] = [None] * len(marks)
    order = sorted(range(len(marks)), key=lambda i: (-marks[i].weight, marks[i].y))
    line_height = size * 1.25
    for i in order:
        city = marks[i]
        span = text_width(city.label, size)
        best: tuple[float, PlacedLabel] | None = None
        for rank, distance in enumerate(reaches):
            for turn, (dx, dy) in enumerate(_DIRECTIONS):
                reach = city.radius + 3 + distance
                norm = math.hypot(dx, dy)
                ax = city.x + dx / norm * reach
                ay = city.y + dy / norm * reach
                if dx > 0:
                    left, anchor = ax, "start"
                elif dx < 0:
                    left, anchor = ax - span, "end"
                else:
                    left, anchor = ax - span / 2, "middle"
                top = ay - line_height / 2 + dy * line_height / 2
                box = (left, top, left + span, top + line_height)
                score = sum(_overlap(box, other) for other in placed) * 4
                score += sum(_overlap(box, circle) for j, circle in enumerate(circles) if j != i) * 2
                score += sum(_overlap(box, area) for area in avoid) * 8
                if width is not None and height is not None:
                    outside = (
                        max(0.0, -box[0]) + max(0.0, box[2] - width) + max(0.0, -box[1]) + max(0.0, box[3] - height)
                    )
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
    return tuple(label for label in result if label is not None)
