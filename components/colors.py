"""Every colour the dashboard uses, in one place.

Programme colours follow the Okabe–Ito palette, which stays distinguishable
with the common colour-vision deficiencies; programmes get them in data order.
"""

from __future__ import annotations

from collections.abc import Iterable

PALETTE: tuple[str, ...] = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
NETWORK = "#555555"  # milestones that belong to no programme (membership, network events)
TEXT = "#1B2631"  # text drawn inside charts and the legend image
MARK_LINE = "#282828"  # outline of chart marks whose fill alone is too light against white (< 3:1)

KIND_COLORS: dict[str, str] = {  # milestone kinds (Okabe–Ito); each kind has its own marker shape too
    "joined": "#009E73",
    "programme": "#0072B2",
    "award": "#E69F00",
    "finalist": "#CC79A7",
    "event": "#56B4E9",
    "commitment": "#D55E00",
    "leadership": "#000000",
}

STATUS_COLORS: dict[str, str] = {
    "in": "#4A98CF",  # cells carry their word in TEXT colour: >= 4.5:1 on every status colour
    "limited": "#A6CEE3",
    "not_in": "#E6E6E6",
    "not_stated": "#FFF4D6",
}

MEMBERSHIP_FILL: dict[str, tuple[int, int, int, int]] = {  # the map's as-of markers differ by more than hue:
    "member": (0, 114, 178, 255),  # filled (Okabe–Ito blue)
    "not_yet": (255, 255, 255, 0),  # hollow: only a thick ring
    "not_known": (190, 190, 190, 170),  # grey, thin ring, and a "?" drawn on it
}
MEMBERSHIP_LINE: dict[str, tuple[int, int, int, int]] = {
    "member": (40, 40, 40, 255),
    "not_yet": (0, 84, 140, 255),
    "not_known": (110, 110, 110, 255),
}
MEMBERSHIP_LINE_WIDTH: dict[str, float] = {"member": 1.5, "not_yet": 3.5, "not_known": 1.0}
#: The "?" on a not-known marker: the map's one text layer has one weight, so darker than its ring.
UNKNOWN_MARK = (40, 40, 40, 255)

SEA = (234, 242, 248, 255)
LAND_CHINA = (250, 250, 246, 255)
LAND_OTHER = (226, 226, 226, 255)
PROVINCE_LINE = (138, 138, 138, 255)  # >= 3:1 against the land colour
NATIONAL_LINE = (110, 110, 110, 255)
MARKER_EMPTY = (255, 255, 255, 255)
MARKER_EMPTY_HEX = "#FFFFFF"
MARKER_LINE = (40, 40, 40, 255)
SELECTED_LINE = (200, 84, 0, 255)  # >= 3:1 on every land and sea colour


def programme_colors(programme_ids: Iterable[str]) -> dict[str, str]:
    """Map each programme id (in data order) to its palette colour."""
    return {pid: PALETTE[i % len(PALETTE)] for i, pid in enumerate(programme_ids)}


def mark_colour(fill: str, background: str = "#FFFFFF") -> str:
    """``fill`` where it stands out from ``background`` (>= 3:1, as chart lines must), else ``NETWORK``."""
    return fill if contrast_ratio(fill, background) >= 3 else NETWORK


def rgba(hex_color: str, alpha: int = 255) -> list[int]:
    """``#RRGGBB`` as ``[r, g, b, a]`` for deck.gl."""
    value = hex_color.lstrip("#")
    return [int(value[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]


def tint(hex_color: str, amount: float = 0.55) -> str:
    """A lighter version of a colour (mixed with white) for child elements."""
    r, g, b, _ = rgba(hex_color)
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return "#{:02X}{:02X}{:02X}".format(*mix)


def _channels(colour: str | tuple[int, ...] | list[int]) -> tuple[int, int, int]:
    if isinstance(colour, str):
        r, g, b, _ = rgba(colour)
        return r, g, b
    return int(colour[0]), int(colour[1]), int(colour[2])


def relative_luminance(colour: str | tuple[int, ...] | list[int]) -> float:
    """WCAG 2 relative luminance of ``#RRGGBB`` or ``(r, g, b[, a])`` (alpha ignored)."""
    linear = []
    for channel in _channels(colour):
        c = channel / 255
        linear.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str | tuple[int, ...] | list[int], second: str | tuple[int, ...] | list[int]) -> float:
    """WCAG 2 contrast ratio of two opaque colours (1 to 21)."""
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def blend(colour: str, background: str, opacity: float) -> str:
    """``colour`` drawn at ``opacity`` over ``background``, as ``#RRGGBB``."""
    top, bottom = _channels(colour), _channels(background)
    mixed = [round(opacity * a + (1 - opacity) * b) for a, b in zip(top, bottom, strict=True)]
    return "#{:02X}{:02X}{:02X}".format(*mixed)
