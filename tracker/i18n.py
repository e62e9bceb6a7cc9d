"""User-interface text in English, Chinese and German, and localised data columns.

Every string a user reads comes from one catalog per language
(``tracker/locales/{lang}.json``). A key missing from a catalog falls back to
English, visibly marked, never to a blank.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

LANGUAGES: dict[str, str] = {"en": "English", "zh": "简体中文", "de": "Deutsch"}
DEFAULT_LANG = "en"
FALLBACK_MARK = " [EN]"
_LOCALES = Path(__file__).resolve().parent / "locales"


@cache
def catalog(lang: str) -> dict[str, str]:
    """The message catalog of one language (empty for an unknown language)."""
    path = _LOCALES / f"{lang}.json"
    if lang not in LANGUAGES or not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def normalise_lang(lang: object) -> str:
    """A supported language code, or the default for anything else."""
    return lang if isinstance(lang, str) and lang in LANGUAGES else DEFAULT_LANG


class Translator:
    """Looks up catalog text for one language: ``t("map.title", count=3)``."""

    def __init__(self, lang: str) -> None:
        self.lang = normalise_lang(lang)
        self._messages = catalog(self.lang)
        self._english = catalog(DEFAULT_LANG)

    def __call__(self, key: str, **values: object) -> str:
        """The text for ``key`` with ``values`` filled in (data text is never a template)."""
        template = self._messages.get(key)
        mark = ""
        if not template:
            template = self._english.get(key)
            mark = FALLBACK_MARK if self.lang != DEFAULT_LANG else ""
        if not template:
            return key
        return template.format(**values) + mark if values else template + mark

    def __eq__(self, other: object) -> bool:
        """Translators of one language say the same (the catalogs are read once per process)."""
        return isinstance(other, Translator) and other.lang == self.lang

    def __hash__(self) -> int:
        """The hash of the language, so memoised builders can take a translator."""
        return hash(self.lang)


def localized(frame: pd.DataFrame, base: str, lang: str) -> pd.Series:
    """The ``{base}_{lang}`` column, falling back to ``{base}_en`` marked ``[EN]``.

    Cells blank in both stay blank (NA) so callers can say "not stated".
    """
    lang = normalise_lang(lang)
    english = frame[f"{base}_en"] if f"{base}_en" in frame.columns else pd.Series(pd.NA, index=frame.index)
    column = f"{base}_{lang}"
    if lang == DEFAULT_LANG or column not in frame.columns:
        return english.astype("str") if lang == DEFAULT_LANG else (english + FALLBACK_MARK).astype("str")
    wanted = frame[column]
    return wanted.where(wanted.notna(), english + FALLBACK_MARK).astype("str")


def localized_list(frame: pd.DataFrame, base: str, lang: str, blank: object = math.nan) -> list[Any]:
    """:func:`localized` as a plain list, without pandas' per-row work; ``blank`` where both are blank."""
    lang = normalise_lang(lang)
    english = frame[f"{base}_en"].tolist() if f"{base}_en" in frame.columns else [blank] * len(frame)
    if lang == DEFAULT_LANG:
        return [text if isinstance(text, str) else blank for text in english]
    column = f"{base}_{lang}"
    own = frame[column].tolist() if column in frame.columns else [blank] * len(frame)
    return [
        text if isinstance(text, str) else (fallback + FALLBACK_MARK if isinstance(fallback, str) else blank)
        for text, fallback in zip(own, english, strict=True)
    ]


def localized_cell(row: Mapping[str, object], base: str, lang: str) -> str | None:
    """:func:`localized` for one row given as a dict (``None`` where blank in both languages)."""
    lang = normalise_lang(lang)
    english = row.get(f"{base}_en")
    own = english if lang == DEFAULT_LANG else row.get(f"{base}_{lang}")
    if isinstance(own, str):
        return own
    return english + FALLBACK_MARK if lang != DEFAULT_LANG and isinstance(english, str) else None
