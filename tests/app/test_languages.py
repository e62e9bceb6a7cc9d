"""AppTest: every page in every language shows that language's titles and names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.app.conftest import ROOT, AppFactory, no_exception, plain, plotly_specs, texts

CATALOGS = {
    lang: json.loads((ROOT / "tracker" / "locales" / f"{lang}.json").read_text()) for lang in ("en", "zh", "de")
}
PAGE_TITLES = {
    "map": "map.title",
    "timeline": "timeline.title",
    "coverage": "coverage.title",
    "focus_areas": "focus.title",
    "data_sources": "data.title",
}
# A name each page shows, in each language (from the data's _en/_zh/_de columns).
EXPECTED_NAME = {"en": "China Buildings Programme", "zh": "C40中国建筑项目", "de": "China-Gebäudeprogramm"}
EXPECTED_SHORT = {"en": "CBP", "zh": "建筑项目", "de": "CBP"}
EXPECTED_CITY = {"en": "Qingdao · 青岛", "zh": "青岛 · Qingdao", "de": "Qingdao · 青岛"}


def everything(at_texts: str, specs: list[dict], sidebar: list[str]) -> str:
    return "\n".join([at_texts, json.dumps(specs, ensure_ascii=False), *sidebar])


@pytest.mark.parametrize("page", list(PAGE_TITLES))
@pytest.mark.parametrize("lang", ["en", "zh", "de"])
def test_page_in_language(make_app: AppFactory, page: str, lang: str) -> None:
    at = make_app(page=page, lang=lang, city="qingdao")
    no_exception(at)
    catalog = CATALOGS[lang]
    assert at.title[0].value == catalog[PAGE_TITLES[page]]
    options = [str(o) for box in at.sidebar.multiselect for o in box.options]
    shown = everything(texts(at), plotly_specs(at), options)
    assert EXPECTED_CITY[lang] in shown
    assert EXPECTED_SHORT[lang] in shown or EXPECTED_NAME[lang] in shown
    labels = [box.label for box in at.sidebar.multiselect]
    assert labels == [catalog["filters.programme"], catalog["filters.focus"], catalog["filters.city"]]


def test_missing_translation_falls_back_to_english_visibly(make_app: AppFactory, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for source in (ROOT / "data").glob("*.csv"):
        text = source.read_text(encoding="utf-8")
        if source.name == "cities.csv":
            text = text.replace(",青岛,Qingdao,", ",,Qingdao,")
        (data / source.name).write_text(text, encoding="utf-8")
    at = make_app(data, lang="zh", city="qingdao")
    no_exception(at)
    assert "Qingdao [EN]" in plain(texts(at))
    assert "Qingdao [EN] · Qingdao" not in plain(texts(at))
