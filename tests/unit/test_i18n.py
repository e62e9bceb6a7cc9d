"""The Chinese and German catalogs match the English one; missing text falls back to English, marked."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pandas as pd
import pytest

from tracker import i18n
from tracker.i18n import (
    DEFAULT_LANG,
    FALLBACK_MARK,
    Translator,
    localized,
    localized_cell,
    localized_list,
    normalise_lang,
)

LOCALES = Path(i18n.__file__).resolve().parent / "locales"
OTHER_LANGS: tuple[str, ...] = tuple(lang for lang in i18n.LANGUAGES if lang != DEFAULT_LANG)
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def _pairs_without_duplicates(pairs: list[tuple[str, str]]) -> dict[str, str]:
    keys = [key for key, _ in pairs]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    assert not duplicates, f"duplicate keys: {duplicates}"
    return dict(pairs)


def read_catalog(lang: str) -> dict[str, str]:
    """The catalog file of ``lang`` as written (not cached), rejecting duplicate keys."""
    text = (LOCALES / f"{lang}.json").read_text(encoding="utf-8")
    return json.loads(text, object_pairs_hook=_pairs_without_duplicates)


def placeholders(message: str) -> set[str]:
    """The names of the ``{placeholders}`` in ``message``."""
    return {field for _, field, _, _ in string.Formatter().parse(message) if field is not None}


@pytest.mark.parametrize("lang", OTHER_LANGS)
def test_catalog_has_exactly_the_english_keys(lang: str) -> None:
    english = read_catalog(DEFAULT_LANG)
    other = read_catalog(lang)
    missing = [key for key in english if key not in other]
    extra = [key for key in other if key not in english]
    assert not missing, f"{lang}.json lacks {len(missing)} key(s): {missing}"
    assert not extra, f"{lang}.json has {len(extra)} key(s) not in en.json: {extra}"
    assert list(other) == list(english), f"{lang}.json keys are not in the order of en.json"


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_no_message_is_empty(lang: str) -> None:
    messages = read_catalog(lang)
    empty = [key for key, text in messages.items() if not isinstance(text, str) or not text.strip()]
    assert not empty, f"{lang}.json has empty or non-text messages: {empty}"


@pytest.mark.parametrize("lang", OTHER_LANGS)
def test_messages_have_the_english_placeholders(lang: str) -> None:
    english = read_catalog(DEFAULT_LANG)
    other = read_catalog(lang)
    wrong = {
        key: (sorted(placeholders(text)), sorted(placeholders(english[key])))
        for key, text in other.items()
        if key in english and placeholders(text) != placeholders(english[key])
    }
    assert not wrong, f"{lang}.json placeholders differ from English (got, expected): {wrong}"


@pytest.mark.parametrize("lang", OTHER_LANGS)
def test_every_message_formats_with_its_english_values(lang: str) -> None:
    translate = Translator(lang)
    for key, text in read_catalog(DEFAULT_LANG).items():
        values = {name: "x" for name in placeholders(text)}
        result = translate(key, **values)
        assert not result.endswith(FALLBACK_MARK), f"{lang}: {key} fell back to English"


def test_chinese_page_title_is_chinese() -> None:
    assert CJK.search(Translator("zh")("page.map"))


def test_german_page_title_is_not_english() -> None:
    german = Translator("de")("page.map")
    assert german
    assert german != Translator("en")("page.map")
    assert not german.endswith(FALLBACK_MARK)


def test_missing_key_falls_back_to_english_marked(monkeypatch: pytest.MonkeyPatch) -> None:
    english = read_catalog(DEFAULT_LANG)
    chinese = {key: text for key, text in read_catalog("zh").items() if key != "page.map"}

    def fake_catalog(lang: str) -> dict[str, str]:
        return {"en": english, "zh": chinese}.get(lang, {})

    monkeypatch.setattr(i18n, "catalog", fake_catalog)
    translate = Translator("zh")
    assert translate("page.map") == english["page.map"] + FALLBACK_MARK
    assert translate("map.alt", count=3) == chinese["map.alt"].format(count=3)
    assert Translator("en")("page.map") == english["page.map"]


def test_unknown_key_shows_the_key() -> None:
    assert Translator("de")("no.such.key") == "no.such.key"


def test_localized_falls_back_to_english_marked_and_keeps_na() -> None:
    # Blank cells are NA, as the loader stores them (dtype "str", blanks as None).
    frame = pd.DataFrame(
        [["Beijing", "北京"], ["Wuhan", None], [None, None]],
        columns=["name_en", "name_zh"],
        dtype="str",
    )
    names = localized(frame, "name", "zh")
    assert names.iloc[0] == "北京"
    assert names.iloc[1] == "Wuhan" + FALLBACK_MARK
    assert pd.isna(names.iloc[2])
    assert localized(frame, "name", "en").iloc[1] == "Wuhan"


def test_localized_without_the_language_column_falls_back_to_english_marked() -> None:
    frame = pd.DataFrame([["Beijing"], [None]], columns=["name_en"], dtype="str")
    names = localized(frame, "name", "de")
    assert names.iloc[0] == "Beijing" + FALLBACK_MARK
    assert pd.isna(names.iloc[1])


@pytest.mark.parametrize("lang", ["en", "zh", "de"])
@pytest.mark.parametrize("dtype", ["str", object])
def test_localized_list_is_localized_as_a_list(lang: str, dtype: object) -> None:
    frame = pd.DataFrame(
        [["Beijing", "北京", None], ["Wuhan", None, "Wuhan (de)"], [None, None, None]],
        columns=["name_en", "name_zh", "name_de"],
        dtype=dtype,
    )
    expected = localized(frame, "name", lang).tolist()
    got = localized_list(frame, "name", lang)
    assert got[:2] == expected[:2]
    assert pd.isna(got[2]) and pd.isna(expected[2])
    only_english = frame[["name_en"]]
    assert localized_list(only_english, "name", lang)[:2] == localized(only_english, "name", lang).tolist()[:2]
    cells = [localized_cell(row, "name", lang) for row in frame.to_dict("records")]
    assert cells[:2] == expected[:2] and cells[2] is None


@pytest.mark.parametrize("value", [None, "", "fr", "EN", "zh-CN", 3])
def test_normalise_lang_maps_unknown_to_english(value: object) -> None:
    assert normalise_lang(value) == "en"


@pytest.mark.parametrize("lang", ["en", "zh", "de"])
def test_normalise_lang_keeps_supported_languages(lang: str) -> None:
    assert normalise_lang(lang) == lang
