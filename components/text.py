"""Showing data text safely: Markdown escaping and plotly label escaping."""

from __future__ import annotations

import html
import textwrap
import unicodedata

_MARKDOWN_SPECIAL = "\\`*_{}[]()<>#+-.!|~$:"
_MARKDOWN_ESCAPES = str.maketrans({char: "\\" + char for char in _MARKDOWN_SPECIAL} | {"\n": " "})


def md_escape(text: object) -> str:
    """Escape text so Streamlit Markdown shows it literally (no links, HTML or LaTeX)."""
    return str(text).translate(_MARKDOWN_ESCAPES)


def md_link(label: object, url: str | None) -> str:
    """A Markdown link with an escaped label, or the escaped label alone without a URL.

    ``url`` must already have passed :func:`tracker.safety.safe_url`.
    """
    if not url:
        return md_escape(label)
    target = url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    return f"[{md_escape(label)}]({target})"


def plot_text(text: object) -> str:
    """Escape text for plotly labels and hovers, which read a subset of HTML."""
    return html.escape(str(text), quote=False)


def plot_label(text: object, width: int = 18) -> str:
    """:func:`plot_text` broken into lines of about ``width`` characters (``<br>`` between them).

    Words stay whole; wide (Chinese) characters count double, so such text without
    spaces is cut every ``width // 2`` characters.
    """
    words = str(text)
    wide = sum(unicodedata.east_asian_width(char) in "WF" for char in words) > len(words) / 2
    if wide and " " not in words:
        step = max(1, width // 2)
        lines = [words[i : i + step] for i in range(0, len(words), step)]
    else:
        lines = textwrap.wrap(words, width, break_long_words=False)
    return "<br>".join(plot_text(line) for line in lines) or plot_text(words)
