"""Membership at a date (member / not yet / not known), on the real data and on edge cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker import Model, load_dataset
from tracker.dates import DateError
from tracker.membership import as_of, bounds, counts_at, first_member_year, memberships_at, statuses_at

from .support import DATA_DIR, edit_cell


@pytest.fixture(scope="module")
def model() -> Model:
    result = load_dataset(DATA_DIR)
    assert result.model is not None
    return result.model


def grouped(model: Model, when: str) -> dict[str, set[str]]:
    status = statuses_at(model.cities, as_of(when))
    return {value: set(status.index[status == value]) for value in ("member", "not_yet", "not_known")}


def test_as_of_december_2016(model: Model) -> None:
    found = grouped(model, "2016-12")
    assert found["member"] == {
        "beijing",
        "shanghai",
        "hong-kong",
        "wuhan",
        "shenzhen",
        "guangzhou",
        "nanjing",
        "chengdu",
        "dalian",
    }
    assert found["not_yet"] == {"qingdao"}
    assert found["not_known"] == {"fuzhou", "hangzhou", "zhenjiang"}
    assert counts_at(model.cities, as_of("2016-12")) == {"member": 9, "not_yet": 1, "not_known": 3}


def test_as_of_the_regional_forum_every_city_is_a_member(model: Model) -> None:
    assert grouped(model, "2019-04-02")["member"] == set(model.cities.index)
    assert counts_at(model.cities, as_of("2019-04-02")) == {"member": 13, "not_yet": 0, "not_known": 0}


def test_the_day_before_the_forum_the_three_bounded_cities_are_not_known(model: Model) -> None:
    found = grouped(model, "2019-04-01")
    assert found["not_known"] == {"fuzhou", "hangzhou", "zhenjiang"}
    assert found["not_yet"] == set()


def test_applying_cities_are_not_yet_members_in_the_year_they_were_applying(model: Model) -> None:
    found = grouped(model, "2017")
    assert found["not_yet"] == {"hangzhou", "zhenjiang"}
    assert found["not_known"] == {"fuzhou"}
    hangzhou = next(m for m in memberships_at(model.cities, as_of("2017")) if m.city_id == "hangzhou")
    assert (hangzhou.status, hangzhou.basis, hangzhou.certainty) == ("not_yet", "applying_on", "reported")


def test_a_year_only_joining_date_is_not_known_inside_its_year(model: Model) -> None:
    assert statuses_at(model.cities, as_of("2014-03"))["wuhan"] == "not_known"
    assert statuses_at(model.cities, as_of("2014"))["wuhan"] == "member"
    assert statuses_at(model.cities, as_of("2013"))["wuhan"] == "not_yet"


def test_a_day_precise_joining_date_decides_from_that_day(model: Model) -> None:
    assert statuses_at(model.cities, as_of("2014-06-08"))["shenzhen"] == "not_yet"
    assert statuses_at(model.cities, as_of("2014-06-09"))["shenzhen"] == "member"
    assert statuses_at(model.cities, as_of("2014-06"))["shenzhen"] == "member"


def test_members_before_june_2014_are_not_known_earlier(model: Model) -> None:
    early = grouped(model, "2014-05")
    assert {"beijing", "shanghai", "hong-kong"} <= early["not_known"]
    assert {"beijing", "shanghai", "hong-kong"} <= grouped(model, "2014-06")["member"]


def test_bounds_of_a_city_name_the_sources(model: Model) -> None:
    hangzhou = bounds(model.cities, "hangzhou")
    assert (hangzhou.joined, hangzhou.member_by, hangzhou.applying_on) == (None, "2019-04-02", "2017")
    assert hangzhou.applying_certainty == "reported"
    assert "S13" in hangzhou.source_ids and "S4" in hangzhou.source_ids
    chengdu = bounds(model.cities, "chengdu")
    assert (chengdu.joined, chengdu.member_by) == ("2016-06", None)
    assert {"S11", "S12"} <= set(chengdu.source_ids)
    assert bounds(model.cities, "qingdao").joined == "2017-05"


def test_first_member_year(model: Model) -> None:
    assert first_member_year(model.cities) == 2014


def test_as_of_rejects_what_is_not_a_date() -> None:
    with pytest.raises(DateError):
        as_of("2019-13")
    with pytest.raises(DateError):
        as_of("April 2019")


def test_a_city_with_no_bound_is_never_known(tiny: Path) -> None:
    edit_cell(tiny, "cities.csv", 3, "member_by", "")
    edit_cell(tiny, "cities.csv", 3, "applying_on", "")
    edit_cell(tiny, "cities.csv", 3, "applying_certainty", "")
    model = load_dataset(tiny).model
    assert model is not None
    for when in ("1990", "2017-06", "2030-01-01"):
        membership = next(m for m in memberships_at(model.cities, as_of(when)) if m.city_id == "kunming")
        assert (membership.status, membership.basis) == ("not_known", "none")


def test_tiny_bounds_step_through_their_states(tiny: Path) -> None:
    model = load_dataset(tiny).model
    assert model is not None
    kunming = {when: statuses_at(model.cities, as_of(when))["kunming"] for when in ("2017-05", "2017-06", "2017-07")}
    assert kunming == {"2017-05": "not_known", "2017-06": "not_yet", "2017-07": "not_known"}
    assert statuses_at(model.cities, as_of("2018-11-05"))["kunming"] == "member"
    assert statuses_at(model.cities, as_of("2018-11-04"))["kunming"] == "not_known"
