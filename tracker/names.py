"""Display names in each language, computed once per load and stored as columns.

``display_{lang}`` on cities (name with the Chinese, or in Chinese the English,
name beside it), ``display_{lang}`` and ``short_display_{lang}`` on programmes,
and ``display_{lang}`` on focus areas. Pages read these columns instead of
recombining the language columns on every rerun.
"""

from __future__ import annotations

import pandas as pd

from tracker.i18n import FALLBACK_MARK, localized
from tracker.schema import LANGS


def city_display(cities: pd.DataFrame, lang: str) -> pd.Series:
    """The city name in ``lang`` with the Chinese (or, in Chinese, English) name beside it."""
    primary = localized(cities, "name", lang)
    other = cities["name_en"] if lang == "zh" else cities["name_zh"]
    both = primary + " · " + other
    plain = primary.str.removesuffix(FALLBACK_MARK)
    return both.where(other.notna() & (other != plain), primary).astype("str")


def programme_display(programmes: pd.DataFrame, lang: str, short: bool) -> pd.Series:
    """Programme names in ``lang``: the short form (where the data has one) if ``short``."""
    full = localized(programmes, "name", lang)
    if not short or "short_en" not in programmes.columns:
        return full
    brief = localized(programmes, "short", lang)
    return brief.where(programmes["short_en"].notna(), full).astype("str")


def add_display_columns(cities: pd.DataFrame, programmes: pd.DataFrame, focus_areas: pd.DataFrame) -> None:
    """Add the ``display_*`` columns to freshly built frames (before they are cached)."""
    for lang in LANGS:
        cities[f"display_{lang}"] = city_display(cities, lang)
        programmes[f"display_{lang}"] = programme_display(programmes, lang, short=False)
        programmes[f"short_display_{lang}"] = programme_display(programmes, lang, short=True)
        focus_areas[f"display_{lang}"] = localized(focus_areas, "name", lang)
