"""Every colour the dashboard uses, in one place.

Programme colours follow the Okabe–Ito palette, which stays distinguishable
with the common colour-vision deficiencies; programmes get them in data order.
"""

from __future__ import annotations

from collections.abc import Iterable

PALETTE: tuple[str, ...] = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
NETWORK = "#555555"  # milestones that belong to no programme (membership, network events)

STATUS_COLORS: dict[str, str] = {
    "in": "#1F78B4",
    "limited": "#A6CEE3",
    "not_in": "#E6E6E6",
    "not_stated": "#FFF4D6",
}

SEA = (234, 242, 248, 255)
LAND_CHINA = (250, 250, 246, 255)
LAND_OTHER = (226, 226, 226, 255)
PROVINCE_LINE = (170, 170, 170, 255)
NATIONAL_LINE = (110, 110, 110, 255)
MARKER_EMPTY = (255, 255, 255, 255)
MARKER_EMPTY_HEX = "#FFFFFF"
MARKER_LINE = (40, 40, 40, 255)
SELECTED_LINE = (213, 94, 0, 255)


def programme_colors(programme_ids: Iterable[str]) -> dict[str, str]:
    """Map each programme id (in data order) to its palette colour."""
    return {pid: PALETTE[i % len(PALETTE)] for i, pid in enumerate(programme_ids)}


def rgba(hex_color: str, alpha: int = 255) -> list[int]:
    """``#RRGGBB`` as ``[r, g, b, a]`` for deck.gl."""
    value = hex_color.lstrip("#")
    return [int(value[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]


def tint(hex_color: str, amount: float = 0.55) -> str:
    """A lighter version of a colour (mixed with white) for child elements."""
    r, g, b, _ = rgba(hex_color)
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return "#{:02X}{:02X}{:02X}".format(*mix)
