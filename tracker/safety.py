"""Output safety: spreadsheet formula neutralisation and link filtering."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

import pandas as pd

# ASCII triggers and their full-width forms (＝ ＋ － ＠), plus tab and carriage return.
FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


_UNSAFE_CHARS = re.compile(r"[\s\x00-\x1f\x7f]")


def neutralise_cell(value: object) -> object:
    """Prefix a text cell that a spreadsheet would run as a formula with ``'``.

    Numbers (and text that is not a formula trigger) are returned unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells (and column names) cannot run as formulas."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_string_dtype(out[column]) or out[column].dtype == object:
            out[column] = out[column].map(neutralise_cell, na_action="ignore")
    out.columns = [neutralise_cell(str(c)) for c in out.columns]
    return out


def to_safe_csv(frame: pd.DataFrame) -> bytes:
    """CSV bytes (UTF-8 with BOM, so Excel reads Chinese) with formulas neutralised."""
    return neutralise_frame(frame).to_csv(index=False).encode("utf-8-sig")


def safe_url(url: object) -> str | None:
    """The URL if it is an absolute http(s) link with a host, else ``None``."""
    return _safe_text_url(url) if isinstance(url, str) else None


@lru_cache(maxsize=65_536)
def _safe_text_url(url: str) -> str | None:
    """:func:`safe_url` for text, remembered: pages check the same source URLs on every rerun."""
    text = url.strip()
    if _UNSAFE_CHARS.search(text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return text
