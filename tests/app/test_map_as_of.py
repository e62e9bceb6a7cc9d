"""AppTest: the Map's "as of" date (``as_of=``): membership styles, counts, programmes and milestones at the date."""

from __future__ import annotations

import pytest

from components import colors
from tests.app.conftest import REAL_DATA, TINY_DATA, AppFactory, deck_specs, layer, no_exception, plain, texts
from tracker import load_dataset
from tracker.i18n import LANGUAGES, Translator
from tracker.membership import change_years

NINE_MEMBERS = {"beijing", "shanghai", "hong-kong", "wuhan", "shenzhen", "guangzhou", "nanjing", "chengdu", "dalian"}


def styles(at: object) -> dict[str, str]:
    """City id → membership status, read back from the marker fill sent to the browser."""
    by_fill = {tuple(fill): status for status, fill in colors.MEMBERSHIP_FILL.items()}
    marks = layer(deck_specs(at)[0], "cities")["data"]  # type: ignore[arg-type]
    return {mark["id"]: by_fill[tuple(mark["f"]) if len(mark["f"]) == 4 else (*mark["f"], 255)] for mark in marks}


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_as_of_december_2016_in_three_styles(make_app: AppFactory, lang: str) -> None:
    t = Translator(lang)
    at = make_app(as_of="2016-12", lang=lang)
    no_exception(at)
    found = styles(at)
    assert {c for c, s in found.items() if s == "member"} == NINE_MEMBERS
    assert {c for c, s in found.items() if s == "not_yet"} == {"qingdao"}
    assert {c for c, s in found.items() if s == "not_known"} == {"fuzhou", "hangzhou", "zhenjiang"}
    deck = deck_specs(at)[0]
    marks = [(r["p"], r["c"]) for r in layer(deck, "texts")["data"] if r["text"] == "?"]
    not_known = {tuple(m["p"]) for m in layer(deck, "cities")["data"] if found[m["id"]] == "not_known"}
    assert {tuple(p) for p, _ in marks} == not_known  # a "?" on each not-known city, and nowhere else
    assert all(c == list(colors.UNKNOWN_MARK) for _, c in marks)
    widths = {m["id"]: m["w"] for m in layer(deck, "cities")["data"]}
    assert widths["qingdao"] > widths["beijing"] > widths["fuzhou"]  # hollow ring thick, grey ring thin
    shown = plain(texts(at))
    assert t("asof.counts", date="2016-12", member=9, not_yet=1, not_known=3) in shown
    assert t("asof.running") in shown and t("asof.none_running") in shown  # the Beijing office opened in 2017
    assert t("asof.milestones", date="2016-12") in shown
    assert at.select_slider(key="map.as_of").value == "2016-12"
    assert t("asof.legend") in shown
    assert at.query_params["as_of"] in ("2016-12", ["2016-12"])


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_as_of_the_regional_forum_every_city_is_a_member(make_app: AppFactory, lang: str) -> None:
    at = make_app(as_of="2019-04-02", lang=lang)
    no_exception(at)
    assert set(styles(at).values()) == {"member"}
    assert [r for r in layer(deck_specs(at)[0], "texts")["data"] if r["text"] == "?"] == []
    t = Translator(lang)
    assert t("asof.counts", date="2019-04-02", member=13, not_yet=0, not_known=0) in plain(texts(at))


def test_programmes_and_milestones_beside_the_map(make_app: AppFactory) -> None:
    at = make_app(as_of="2018-05")
    no_exception(at)
    shown = plain(texts(at))
    assert "C40 Beijing representative office: running since 2017" in shown
    assert "China Buildings Programme: starting in 2018 (may not have begun yet)" in shown
    assert "Climate Action Planning" not in shown.split("Milestones up to")[0]
    assert "2017-12-05: Wuhan wins the C40 Cities Bloomberg Philanthropies Award" in shown
    assert "2018-09" not in shown.split("Milestones up to")[1]  # later than May 2018


def test_without_as_of_the_map_shows_programmes(make_app: AppFactory) -> None:
    at = make_app()
    no_exception(at)
    marks = layer(deck_specs(at)[0], "cities")["data"]
    assert {m["id"]: m["f"] for m in marks}["wuhan"] == [255, 255, 255]
    assert at.select_slider(key="map.as_of").value == ""
    assert "as_of" not in at.query_params


def test_slider_and_year_buttons_move_the_date(make_app: AppFactory) -> None:
    at = make_app(as_of="2016-12")
    at.select_slider(key="map.as_of").set_value("2017").run()
    no_exception(at)
    assert at.query_params["as_of"] in ("2017", ["2017"])
    assert styles(at)["hangzhou"] == "not_yet"  # applying then (reported)
    next_year = next(b for b in at.button if b.label == Translator("en")("asof.next"))
    next_year.click().run()
    assert at.session_state["ui.as_of"] == "2018"
    assert at.select_slider(key="map.as_of").value == "2018"  # the slider follows the buttons
    previous = next(b for b in at.button if b.label == Translator("en")("asof.previous"))
    previous.click().run()
    previous.click().run()
    assert at.session_state["ui.as_of"] == "2016"
    at.select_slider(key="map.as_of").set_value("").run()
    assert at.session_state["ui.as_of"] is None
    assert "as_of" not in at.query_params


def test_play_starts_at_the_first_year_and_advances(make_app: AppFactory) -> None:
    at = make_app()
    at.button(key="map.play").click().run()
    no_exception(at)
    assert at.session_state["ui.as_of_playing"] is True
    assert at.session_state["ui.as_of"] == "2013"  # the year before the first stated membership
    assert at.button(key="map.play").label == Translator("en")("asof.pause")
    at.session_state["ui.as_of_stepped"] = 0.0  # as if the timer had ticked
    at.run()
    no_exception(at)
    assert at.session_state["ui.as_of"] == "2014"  # one year on, then the rerun it asked for did not step again
    assert styles(at)["shenzhen"] == "member" and styles(at)["guangzhou"] == "not_yet"
    at.button(key="map.play").click().run()
    assert at.session_state["ui.as_of_playing"] is False


def test_bad_as_of_in_the_url_is_ignored(make_app: AppFactory) -> None:
    at = make_app(as_of="2019-13")
    no_exception(at)
    assert at.session_state["ui.as_of"] is None
    assert "as_of" not in at.query_params


def test_as_of_on_other_data(make_app: AppFactory) -> None:
    at = make_app(TINY_DATA, as_of="2017-06")
    no_exception(at)
    assert styles(at) == {"xiamen": "member", "kunming": "not_yet", "harbin": "member"}


def test_presenter_ends_with_c40_in_china_over_time(make_app: AppFactory) -> None:
    model = load_dataset(REAL_DATA).model
    assert model is not None
    years = change_years(model.cities)
    assert years == [2014, 2015, 2016, 2017, 2019]
    for lang in LANGUAGES:
        t = Translator(lang)
        at = make_app(present="1", step=str(4 + years.index(2017) + 1), lang=lang)
        no_exception(at)
        shown = plain(texts(at))
        assert t("present.over_time") in shown
        assert t("asof.counts", date="2017", member=10, not_yet=2, not_known=1) in shown
        assert t("present.step", step=8, total=4 + len(years)) in shown
        assert set(styles(at).values()) == {"member", "not_yet", "not_known"}
