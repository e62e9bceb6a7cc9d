"""Display names: the columns :mod:`tracker.names` computed at load time, per language."""

from __future__ import annotations

import pandas as pd

from tracker.i18n import localized, normalise_lang
from tracker.names import city_display, programme_display


def city_names(cities: pd.DataFrame, lang: str) -> pd.Series:
    """The city name in ``lang`` with the Chinese (or, in Chinese, English) name beside it."""
    column = f"display_{normalise_lang(lang)}"
    return cities[column] if column in cities.columns else city_display(cities, lang)


def programme_names(programmes: pd.DataFrame, lang: str, short: bool = True) -> pd.Series:
    """Programme names in ``lang``: the short form where the data has one."""
    column = f"{'short_' if short else ''}display_{normalise_lang(lang)}"
    return programmes[column] if column in programmes.columns else programme_display(programmes, lang, short)


def focus_names(focus_areas: pd.DataFrame, lang: str) -> pd.Series:
    """Focus-area names in ``lang``."""
    column = f"display_{normalise_lang(lang)}"
    return focus_areas[column] if column in focus_areas.columns else localized(focus_areas, "name", lang)


def scope_text(coverage: pd.DataFrame, lang: str) -> pd.Series:
    """The scope of each participation row in ``lang`` (blank = whole city)."""
    return localized(coverage, "scope", lang)


def lookup(series: pd.Series) -> dict[object, object]:
    """A Series as a plain dict from index label to value (quicker than ``to_dict`` for object data)."""
    return dict(zip(series.index.tolist(), series.tolist(), strict=True))
