"""Small HTML/SVG text helpers of the briefing: escaping, numbers, lists, citations."""

from __future__ import annotations

import html
from collections.abc import Iterable

Point = tuple[float, float]
Box = tuple[float, float, float, float]


def esc(value: object) -> str:
    """Escape any text (data or catalog) for HTML text and attribute values."""
    return html.escape(str(value), quote=True)


def cell_text(value: object) -> str | None:
    """A non-blank string cell, else ``None`` (NA, NaN and blanks)."""
    if isinstance(value, str) and value.strip() and value != "nan":
        return value
    return None


def num(value: float) -> str:
    """A coordinate with at most one decimal and no trailing zeros."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def join_list(items: Iterable[object], lang: str) -> str:
    """Items joined as a list in ``lang`` (Chinese uses the enumeration comma)."""
    return ("、" if lang == "zh" else ", ").join(str(item) for item in items)


def cite(ids: Iterable[str]) -> str:
    """Source ids as a small bracketed citation, e.g. ``[S1, S4]``."""
    known = [i for i in ids if i]
    if not known:
        return ""
    return f' <span class="cite">[{esc(", ".join(known))}]</span>'
