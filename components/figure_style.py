"""Shared plotly layout: template, fonts (with a CJK fallback) and sizes per mode."""

from __future__ import annotations

from typing import Any

FONT_FAMILY = "Source Sans Pro, Source Sans 3, Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, sans-serif"


def base_layout(large: bool = False) -> dict[str, Any]:
    """Layout every figure starts from: an explicit template, so no global default leaks in."""
    return {
        "template": "plotly_white",
        "font": {"family": FONT_FAMILY, "size": 18 if large else 13, "color": "#1B2631"},
        "hoverlabel": {"align": "left", "font": {"family": FONT_FAMILY}},
        "paper_bgcolor": "rgba(0,0,0,0)",
    }
