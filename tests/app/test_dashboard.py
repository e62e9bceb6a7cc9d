"""AppTest: what every page shares — URL state, language, data problems, presenter mode."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.app.conftest import REAL_DATA, TINY_DATA, AppFactory, deck_specs, layer, no_exception, plain, texts

PAGES = ("map", "timeline", "coverage", "focus_areas", "data_sources")


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("data_dir", [REAL_DATA, TINY_DATA], ids=["real", "tiny"])
def test_every_page_runs(make_app: AppFactory, page: str, data_dir: Path) -> None:
    at = make_app(data_dir, page=page)
    no_exception(at)
    assert at.title, "each page has a title"


def test_filters_round_trip_through_the_url(make_app: AppFactory) -> None:
    at = make_app(programme="cbp", focus="residential-retrofit", in_city=["qingdao", "beijing"], years="2016-2020")
    no_exception(at)
    assert at.session_state["flt.programmes"] == ["cbp"]
    assert at.session_state["flt.cities"] == ["qingdao", "beijing"]
    assert tuple(at.session_state["flt.years"]) == (2016, 2020)
    at.switch_page("app_pages/coverage.py").run()
    assert at.query_params["programme"] == ["cbp"] or at.query_params["programme"] == "cbp"
    assert at.query_params["years"] in ("2016-2020", ["2016-2020"])
    assert sorted(at.query_params["in_city"]) == ["beijing", "qingdao"]


def test_changing_a_widget_updates_the_url(make_app: AppFactory) -> None:
    at = make_app()
    at.multiselect(key="flt.programmes").set_value(["cap-china"]).run()
    assert at.query_params["programme"] in ("cap-china", ["cap-china"])
    reset = next(b for b in at.button if b.label == "Reset filters")
    reset.click().run()
    assert "programme" not in at.query_params


def test_unknown_ids_in_the_url_are_dropped(make_app: AppFactory) -> None:
    at = make_app(programme=["cbp", "nope"], lang="xx", years="1900-3000")
    no_exception(at)
    assert at.session_state["flt.programmes"] == ["cbp"]
    assert at.session_state["ui.lang"] == "en"
    assert "years" not in at.query_params


@pytest.mark.parametrize(
    ("lang", "title", "city"),
    [("zh", "C40城市气候领导联盟在中国的成员城市", "北京"), ("de", "C40-Städte in China", "Peking")],
)
def test_language_from_the_url(make_app: AppFactory, lang: str, title: str, city: str) -> None:
    at = make_app(lang=lang, city="beijing")
    no_exception(at)
    assert at.title[0].value == title
    assert city in texts(at)


def test_invalid_edit_keeps_last_good_data_then_recovers(make_app: AppFactory, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(TINY_DATA, data)
    at = make_app(data)
    assert not at.error
    cities = data / "cities.csv"
    good = cities.read_text(encoding="utf-8")
    cities.write_text(good.replace("24.4798", "124.4798"), encoding="utf-8")
    os.utime(cities, ns=(1, 1))  # a different identity even within the same clock tick
    at.run()
    no_exception(at)
    banner = plain(at.error[0].value)
    assert "last valid data" in banner
    assert "cities.csv, line 2, column latitude" in banner
    assert len(layer(deck_specs(at)[0], "cities")["data"]) == 3  # still the last good data
    cities.write_text(good, encoding="utf-8")
    os.utime(cities, ns=(2, 2))
    at.run()
    assert not at.error


def test_invalid_data_on_first_load_explains_and_stops(make_app: AppFactory, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(TINY_DATA, data)
    (data / "programmes.csv").unlink()
    at = make_app(data)
    no_exception(at)
    assert "programmes.csv: error: is missing" in plain(at.error[0].value)
    assert not at.get("deck_gl_json_chart")


def test_presenter_mode_steps_through_views(make_app: AppFactory) -> None:
    at = make_app(present="1", in_city=["fuzhou"], lang="en")
    no_exception(at)
    assert at.title[0].value == "C40 cities in China"
    assert "Step 1 of 6" in at.markdown[0].value  # 4 views, Fuzhou, and Fuzhou over time (a member by 2019)
    assert not at.sidebar.multiselect  # filters out of the way
    titles = []
    for _ in range(4):
        next(b for b in at.button if b.label == "Next").click().run()
        no_exception(at)
        titles.append(at.title[0].value)
    assert titles == ["Programme timeline", "Programme coverage", "Focus areas", "Fuzhou · 福州"]
    assert at.query_params["step"] in ("5", ["5"])
    assert at.query_params["present"] in ("1", ["1"])
    assert at.query_params["in_city"] in ("fuzhou", ["fuzhou"])


def test_presenter_link_opens_at_a_step(make_app: AppFactory) -> None:
    at = make_app(present="1", step="3", lang="zh")
    no_exception(at)
    assert "3" in at.markdown[0].value
    exit_button = at.button[-1]
    exit_button.click().run()
    assert "present" not in at.query_params
    assert at.sidebar.multiselect
