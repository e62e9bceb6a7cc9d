"""The wave-2 record on the real data: kinds, awards, undated facts, CAP China's stated count, dates."""

from __future__ import annotations

import pytest

from tracker import Model, load_dataset
from tracker.as_of import milestones_until, programme_reach, programme_states
from tracker.facts import award_years, by_kind, city_facts, facts
from tracker.filters import Filters, apply_filters
from tracker.membership import as_of
from tracker.schema import MILESTONE_KINDS

from .support import DATA_DIR


@pytest.fixture(scope="module")
def model() -> Model:
    result = load_dataset(DATA_DIR)
    assert result.model is not None
    return result.model


@pytest.mark.parametrize(
    ("city", "years"),
    [
        ("shenzhen", [2014, 2016]),
        ("wuhan", [2015, 2017]),
        ("nanjing", [2015]),
        ("guangzhou", [2019]),
        ("beijing", [2022, 2025]),
        ("hong-kong", []),
        ("chengdu", []),
    ],
)
def test_award_wins(model: Model, city: str, years: list[int]) -> None:
    assert award_years(model.milestones, city) == years


def test_award_dates_keep_their_precision(model: Model) -> None:
    wins = {f.milestone_id: (f.date, f.precision) for f in city_facts(model.milestones, "beijing") if f.kind == "award"}
    assert wins == {"beijing-award-2022": ("2022-10", "month"), "beijing-award-2025": ("2025-11-04", "day")}
    shenzhen = [f for f in city_facts(model.milestones, "shenzhen") if f.kind == "award"]
    assert [(f.date, f.certainty, f.source_ids) for f in shenzhen] == [
        ("2014-09", "verified", ("S18",)),
        ("2016-12-01", "reported", ("S21",)),
    ]


def test_finalist_places_are_not_awards(model: Model) -> None:
    finalists = {f.milestone_id for f in facts(model.milestones) if f.kind == "finalist"}
    assert finalists == {"awards-2016-finalists", "hong-kong-finalist-2017", "chengdu-cop30"}
    assert [f.milestone_id for f in by_kind(city_facts(model.milestones, "guangzhou"))["finalist"]] == [
        "awards-2016-finalists"
    ]


def test_every_kind_is_in_use_and_existing_rows_got_theirs(model: Model) -> None:
    kinds = model.milestones.set_index("milestone_id")["kind"]
    assert set(kinds) == set(MILESTONE_KINDS)
    assert kinds["shenzhen-joins"] == kinds["wuhan-joins"] == kinds["guangzhou-nanjing-join"] == "joined"
    assert kinds["cbp-launch"] == kinds["cap-china-launch"] == kinds["office-established"] == "programme"
    assert kinds["deadline-2020"] == "commitment"
    assert kinds["envoy-dialogue"] == "event"


def test_hong_kong_roles_and_commitment_with_and_without_dates(model: Model) -> None:
    grouped = by_kind(city_facts(model.milestones, "hong-kong"))
    assert [(f.milestone_id, f.date) for f in grouped["leadership"]] == [
        ("hong-kong-steering-2018", "2018-09"),
        ("hong-kong-steering-2023", "2023-12-03"),
        ("hong-kong-vice-chair", None),
    ]
    assert [(f.milestone_id, f.dated, f.source_ids) for f in grouped["commitment"]] == [
        ("hong-kong-clean-bus", False, ("S19",))
    ]


def test_undated_facts_stay_off_the_time_axis(model: Model) -> None:
    view = apply_filters(model, Filters())
    assert set(view.undated_milestones["milestone_id"]) == {
        "hong-kong-clean-bus",
        "hong-kong-vice-chair",
        "cap-china-eight-plans",
    }
    assert view.milestones["dated"].all()
    assert len(view.milestones) + len(view.undated_milestones) == len(model.milestones)
    assert len(view.all_milestones) == len(model.milestones)


def test_a_year_filter_keeps_undated_facts_and_a_city_filter_narrows_them(model: Model) -> None:
    view = apply_filters(model, Filters(years=(2020, 2021)))
    assert set(view.milestones["year"]) <= {2020, 2021}
    assert len(view.undated_milestones) == 3
    hong_kong = apply_filters(model, Filters(cities=("shenzhen",)))
    assert set(hong_kong.undated_milestones["milestone_id"]) == {"cap-china-eight-plans"}  # names no city


def test_cap_china_reaches_at_least_eight_cities_not_named(model: Model) -> None:
    reach = programme_reach(model.programmes, model.participation, "cap-china")
    assert (reach.kind, reach.count) == ("at_least", 8)
    assert not (model.participation["programme_id"] == "cap-china").any()
    assert "S10" in model.programmes.loc["cap-china", "source_ids"]
    assert programme_reach(model.programmes, model.participation, "cbp") == type(reach)("listed", 4)
    assert programme_reach(model.programmes, model.participation, "beijing-office").kind == "not_stated"


def test_chinese_programme_names_are_marked_as_translations(model: Model) -> None:
    notes = model.programmes["name_note_en"]
    assert notes["cbp"].startswith("No official Chinese name")
    assert notes["cap-china"] == notes["cbp"]
    assert model.programmes.loc["cap-china", "name_note_zh"].endswith("译名。")


def test_programmes_running_at_a_date(model: Model) -> None:
    assert programme_states(model.programmes, as_of("2016-12")).to_dict() == dict.fromkeys(
        ("beijing-office", "cbp", "cap-china"), "not_started"
    )
    assert programme_states(model.programmes, as_of("2018-05")).to_dict() == {
        "beijing-office": "running",
        "cbp": "starting",
        "cap-china": "not_started",
    }
    assert programme_states(model.programmes, as_of("2019-04-02"))["cap-china"] == "starting"  # its start: "2019"
    assert set(programme_states(model.programmes, as_of("2019"))) == {"running"}


def test_milestones_up_to_a_date(model: Model) -> None:
    until = milestones_until(model.milestones, as_of("2016-06"))
    assert "chengdu-dalian-join" in set(until["milestone_id"])
    assert "awards-2016-finalists" not in set(until["milestone_id"])
    assert until["dated"].all()
    assert (until["date_last"] <= "2016-06-30").all()


def test_chinese_titles_name_c40_officially(model: Model) -> None:
    titles = model.milestones.set_index("milestone_id")["title_zh"]
    assert "C40城市气候领导联盟" in titles["shenzhen-joins"]
    assert "C40城市气候领导联盟" in titles["qingdao-joins"]


def test_the_guangzhou_award_is_not_recorded(model: Model) -> None:
    assert not model.milestones["title_en"].str.contains("Guangzhou Award").any()
