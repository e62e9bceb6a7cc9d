"""The map legend as a small SVG, in the map's colours (no plotly on the map page)."""

from __future__ import annotations

import html

from components import colors
from components.labels import programme_names
from tracker.filters import View
from tracker.i18n import Translator

_FONT = "Source Sans Pro, Noto Sans CJK SC, sans-serif"


def _width(text: str, size: float) -> float:
    return sum(size if ord(ch) > 0x2E80 else size * 0.56 for ch in text)


def legend_alt(view: View, lang: str, t: Translator) -> str:
    """The legend image's text alternative: what marker colour and size stand for."""
    names = programme_names(view.model.programmes, lang)
    label = dict(zip(names.index.tolist(), names.tolist(), strict=True))
    shown = sorted(zip(view.programmes["order"].tolist(), view.programmes["programme_id"].tolist(), strict=True))
    return t("a11y.legend_alt", programmes=t("a11y.list").join(str(label[p]) for _, p in shown))


def map_legend_svg(view: View, lang: str, t: Translator, large: bool = False) -> str:
    """Marker colour per programme, and bigger markers for more programmes, as one SVG row.

    Text is escaped: the SVG is shown as an image, and names come from the data.
    """
    palette = colors.programme_colors(view.model.programmes["programme_id"])
    names = programme_names(view.model.programmes, lang)
    label = dict(zip(names.index.tolist(), names.tolist(), strict=True))
    shown = sorted(zip(view.programmes["order"].tolist(), view.programmes["programme_id"].tolist(), strict=True))
    entries = [(str(label[p]), palette[p], 6.0) for _, p in shown]
    entries.append((t("legend.several"), colors.NETWORK, 8.0))
    entries.append((t("legend.none"), "#FFFFFF", 4.5))
    size = 17.0 if large else 13.0
    x, height = 2.0, size * 2
    parts = []
    for label, fill, radius in entries:
        r = radius * (1.4 if large else 1.0)
        cx = x + r
        parts.append(
            f'<circle cx="{cx:.1f}" cy="{height / 2:.1f}" r="{r:.1f}" fill="{fill}" '
            'stroke="#282828" stroke-width="1.5"/>'
        )
        parts.append(
            f'<text x="{cx + r + 5:.1f}" y="{height / 2:.1f}" dominant-baseline="central" '
            f'font-family="{_FONT}" font-size="{size:.0f}" fill="{colors.TEXT}">{html.escape(label)}</text>'
        )
        x = cx + r + 5 + _width(label, size) + 22
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{x:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {x:.0f} {height:.0f}">{"".join(parts)}</svg>'
    )


def _hex(rgba: tuple[int, int, int, int]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgba[:3])


def membership_legend_svg(t: Translator, large: bool = False) -> str:
    """The as-of map's three marker styles as one SVG row: filled, hollow, grey with a "?"."""
    size = 17.0 if large else 13.0
    radius = 8.0 * (1.4 if large else 1.0)
    x, height = 2.0, size * 2
    parts = []
    for status in ("member", "not_yet", "not_known"):
        fill = colors.MEMBERSHIP_FILL[status]
        cx = x + radius
        opacity = f"{fill[3] / 255:.2f}"
        parts.append(
            f'<circle cx="{cx:.1f}" cy="{height / 2:.1f}" r="{radius:.1f}" fill="{_hex(fill)}" '
            f'fill-opacity="{opacity}" stroke="{_hex(colors.MEMBERSHIP_LINE[status])}" '
            f'stroke-width="{colors.MEMBERSHIP_LINE_WIDTH[status]:.1f}"/>'
        )
        if status == "not_known":
            parts.append(
                f'<text x="{cx:.1f}" y="{height / 2:.1f}" text-anchor="middle" dominant-baseline="central" '
                f'font-family="{_FONT}" font-size="{size:.0f}" font-weight="bold" '
                f'fill="{_hex(colors.MEMBERSHIP_LINE[status])}">?</text>'
            )
        label = t(f"membership.{status}")
        parts.append(
            f'<text x="{cx + radius + 5:.1f}" y="{height / 2:.1f}" dominant-baseline="central" '
            f'font-family="{_FONT}" font-size="{size:.0f}" fill="{colors.TEXT}">{html.escape(label)}</text>'
        )
        x = cx + radius + 5 + _width(label, size) + 22
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{x:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {x:.0f} {height:.0f}">{"".join(parts)}</svg>'
    )
