"""Display names built from the data's language columns."""

from __future__ import annotations

import pandas as pd

from tracker.i18n import localized
from tracker.model import Model


def city_names(cities: pd.DataFrame, lang: str) -> pd.Series:
    """The city name in ``lang`` with the Chinese (or, in Chinese, English) name beside it."""
    primary = localized(cities, "name", lang)
    other = cities["name_en"] if lang == "zh" else cities["name_zh"]
    both = primary + " · " + other
    return both.where(other.notna() & (other != primary), primary).astype("str")


def programme_names(programmes: pd.DataFrame, lang: str, short: bool = True) -> pd.Series:
    """Programme names in ``lang``: the short form where the data has one."""
    full = localized(programmes, "name", lang)
    if not short or "short_en" not in programmes.columns:
        return full
    brief = localized(programmes, "short", lang)
    return brief.where(programmes["short_en"].notna(), full).astype("str")


def focus_names(focus_areas: pd.DataFrame, lang: str) -> pd.Series:
    """Focus-area names in ``lang``."""
    return localized(focus_areas, "name", lang)


def scope_text(coverage: pd.DataFrame, lang: str) -> pd.Series:
    """The scope of each participation row in ``lang`` (blank = whole city)."""
    return localized(coverage, "scope", lang)


def source_list(model: Model, cell: object) -> pd.DataFrame:
    """The sources rows named by a semicolon list of source ids, in that order."""
    from tracker.validate import split_list

    ids = [i for i in split_list(cell) if i in model.sources.index]
    return model.sources.loc[ids]
