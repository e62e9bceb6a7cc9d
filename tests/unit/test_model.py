"""The model built from the real data directory and from the tiny fixture."""

from __future__ import annotations

import os
import warnings
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from pandas.errors import Pandas4Warning

from tracker import Model, load_dataset
from tracker.schema import TABLES, TableSpec

from .support import DATA_DIR, TINY_DIR, edit_cell, write

CITY_IDS = [
    "beijing",
    "shanghai",
    "hong-kong",
    "wuhan",
    "shenzhen",
    "guangzhou",
    "nanjing",
    "chengdu",
    "dalian",
    "qingdao",
    "fuzhou",
    "zhenjiang",
    "hangzhou",
]
CBP_CITIES = {"beijing", "shanghai", "qingdao", "fuzhou"}


@pytest.fixture(scope="module")
def model() -> Model:
    result = load_dataset(DATA_DIR)
    assert result.problems == []
    assert result.model is not None
    return result.model


@pytest.fixture(scope="module")
def tiny_model() -> Model:
    result = load_dataset(TINY_DIR)
    assert result.problems == []
    assert result.model is not None
    return result.model


def statuses(model: Model, programme_id: str) -> dict[str, str]:
    """City id → coverage status for one programme."""
    rows = model.coverage.loc[model.coverage["programme_id"] == programme_id]
    return dict(zip(rows["city_id"], rows["status"], strict=True))


def test_real_data_has_exactly_the_thirteen_cities(model: Model) -> None:
    assert model.cities["city_id"].tolist() == CITY_IDS
    assert model.cities.index.tolist() == CITY_IDS


def test_real_data_encodings_are_utf8(model: Model) -> None:
    assert set(model.encodings.values()) == {"utf-8"}


def test_programme_starts(model: Model) -> None:
    programmes = model.programmes
    assert programmes["programme_id"].tolist() == ["beijing-office", "cbp", "cap-china"]
    assert programmes["start"].tolist() == ["2017", "2018", "2019"]
    assert programmes["start_first"].dt.year.tolist() == [2017, 2018, 2019]
    assert programmes["start_precision"].tolist() == ["year", "year", "year"]
    assert programmes["end"].isna().all()


def test_cbp_coverage(model: Model) -> None:
    cbp = statuses(model, "cbp")
    assert cbp == {
        city: ("limited" if city == "shanghai" else "in" if city in CBP_CITIES else "not_in") for city in CITY_IDS
    }
    shanghai = model.coverage.loc[(model.coverage["programme_id"] == "cbp") & (model.coverage["city_id"] == "shanghai")]
    assert shanghai["scope_adcode"].tolist() == ["310105"]
    assert shanghai["scope_en"].tolist() == ["Changning District only"]


def test_cbp_lists_its_participants(model: Model) -> None:
    assert model.programmes.loc["cbp", "participants"] == "listed"
    assert set(model.participation.loc[model.participation["programme_id"] == "cbp", "city_id"]) == CBP_CITIES


def test_cap_china_coverage_is_not_stated_everywhere(model: Model) -> None:
    assert statuses(model, "cap-china") == dict.fromkeys(CITY_IDS, "not_stated")
    assert model.programmes.loc["cap-china", "participants"] == "not stated"
    assert not (model.participation["programme_id"] == "cap-china").any()


def test_coverage_grid_is_complete(model: Model) -> None:
    assert len(model.coverage) == len(CITY_IDS) * 3
    assert not model.coverage.duplicated(["programme_id", "city_id"]).any()
    assert set(model.coverage["status"]) <= {"in", "limited", "not_in", "not_stated"}


def test_programme_counts_per_city(model: Model) -> None:
    counts = model.cities["programme_count"].to_dict()
    assert counts == {city: (1 if city in CBP_CITIES else 0) for city in CITY_IDS}
    assert model.cities.loc["shanghai", "programme_ids"] == "cbp"
    assert model.cities.loc["wuhan", "programme_ids"] == ""


def test_joined_c40_keeps_its_precision(model: Model) -> None:
    cities = model.cities
    assert cities.loc["wuhan", "joined_c40"] == "2014"
    assert cities.loc["wuhan", "joined_precision"] == "year"
    assert cities.loc["wuhan", "joined_first"] == pd.Timestamp("2014-01-01")
    assert cities.loc["wuhan", "joined_last"] == pd.Timestamp("2014-12-31")
    assert cities.loc["shenzhen", "joined_c40"] == "2014-06-09"
    assert cities.loc["shenzhen", "joined_precision"] == "day"
    assert cities.loc["shenzhen", "joined_first"] == cities.loc["shenzhen", "joined_last"] == pd.Timestamp("2014-06-09")


def test_blank_joined_c40_stays_not_stated(model: Model) -> None:
    fuzhou = model.cities.loc["fuzhou"]
    assert pd.isna(fuzhou["joined_c40"])
    assert pd.isna(fuzhou["joined_precision"])
    assert pd.isna(fuzhou["joined_first"])
    assert pd.isna(fuzhou["joined_last"])


def test_year_only_milestone_spans_the_whole_year(model: Model) -> None:
    office = model.milestones.set_index("milestone_id").loc["office-established"]
    assert office["date"] == "2017"
    assert office["date_precision"] == "year"
    assert office["date_first"] == pd.Timestamp("2017-01-01")
    assert office["date_last"] == pd.Timestamp("2017-12-31")
    assert office["date_middle"] == pd.Timestamp("2017-07-02")
    assert office["year"] == 2017


def test_month_milestone_spans_the_month(model: Model) -> None:
    discussed = model.milestones.set_index("milestone_id").loc["office-discussed"]
    assert discussed["date_precision"] == "month"
    assert (discussed["date_first"], discussed["date_last"]) == (pd.Timestamp("2015-05-01"), pd.Timestamp("2015-05-31"))


def test_milestones_are_sorted_by_date(model: Model) -> None:
    dated = model.milestones["dated"]
    assert dated.tolist() == sorted(dated.tolist(), reverse=True)  # undated ones last
    assert model.milestones.loc[dated, "date_first"].is_monotonic_increasing
    assert model.milestones["milestone_id"].tolist()[:2] == ["wuhan-joins", "shenzhen-joins"]


@pytest.mark.parametrize("spec", [spec for spec in TABLES if spec.name != "sources"], ids=lambda spec: spec.name)
def test_every_row_names_sources_that_exist(model: Model, spec: TableSpec) -> None:
    frame = getattr(model, spec.name)
    known = set(model.sources["source_id"])
    assert len(frame) > 0
    for cell in frame["source_ids"]:
        assert isinstance(cell, str) and cell.strip(), f"{spec.name}: blank source_ids"
        items = [item.strip() for item in cell.split(";")]
        assert items and all(items), cell
        assert set(items) <= known, cell


def test_no_model_table_keeps_the_line_column(model: Model) -> None:
    for spec in TABLES:
        assert "_line" not in getattr(model, spec.name).columns


def test_city_focus_of_real_data(model: Model) -> None:
    pairs = set(zip(model.city_focus["city_id"], model.city_focus["focus_area_id"], strict=True))
    assert pairs == {
        ("beijing", "ultra-low-energy"),
        ("shanghai", "public-commercial-efficiency"),
        ("qingdao", "residential-retrofit"),
        ("fuzhou", "building-renewables"),
    }


def test_year_range_ends_at_the_data_date(model: Model) -> None:
    first, last = model.year_range
    assert first == 2014
    assert last == model.data_date.year


# --- the tiny fixture ---------------------------------------------------------------------


def test_tiny_coverage_has_every_status(tiny_model: Model) -> None:
    assert statuses(tiny_model, "cool-cities") == {"xiamen": "in", "kunming": "limited", "harbin": "not_in"}
    assert statuses(tiny_model, "clean-transport") == {
        "xiamen": "not_stated",
        "kunming": "not_stated",
        "harbin": "in",
    }


def test_tiny_limited_row_keeps_its_scope(tiny_model: Model) -> None:
    coverage = tiny_model.coverage.set_index(["programme_id", "city_id"])
    kunming = coverage.loc[("cool-cities", "kunming")]
    assert (kunming["scope_en"], kunming["scope_zh"], kunming["scope_adcode"]) == (
        "Wuhua District only",
        "仅五华区",
        "530102",
    )


def test_tiny_dates_keep_their_precision(tiny_model: Model) -> None:
    milestones = tiny_model.milestones.set_index("milestone_id")
    assert milestones["date_precision"].to_dict() == {
        "cool-cities-launch": "year",
        "harbin-bus-line": "month",
        "kunming-plan": "day",
    }
    assert milestones.loc["harbin-bus-line", "date_last"] == pd.Timestamp("2017-03-31")
    assert tiny_model.programmes.loc["cool-cities", "end_last"] == pd.Timestamp("2019-06-30")
    assert pd.isna(tiny_model.programmes.loc["clean-transport", "end_first"])


def test_tiny_focus_defaults_and_city_focus(tiny_model: Model) -> None:
    assert tiny_model.focus_areas["status"].to_dict() == {
        "cool-roofs": "core",
        "urban-greening": "explored",
        "electric-buses": "core",
    }
    assert sorted(zip(tiny_model.city_focus["city_id"], tiny_model.city_focus["focus_area_id"], strict=True)) == [
        ("harbin", "electric-buses"),
        ("kunming", "urban-greening"),
        ("xiamen", "cool-roofs"),
        ("xiamen", "urban-greening"),
    ]


def test_tiny_coordinates_are_floats(tiny_model: Model) -> None:
    assert tiny_model.cities["latitude"].dtype == "float64"
    assert tiny_model.cities.loc["harbin", ["latitude", "longitude"]].tolist() == [45.8038, 126.5349]


def test_data_date_is_the_newest_file_change(tiny: Path) -> None:
    stamp = date(2021, 3, 4)
    noon = pd.Timestamp(stamp).timestamp() + 12 * 3600  # the same local day in every time zone
    for path in tiny.iterdir():
        os.utime(path, (noon, noon))
    model = load_dataset(tiny).model
    assert model is not None
    assert model.data_date == stamp


@pytest.mark.parametrize("column", ["scope_zh", "scope_de"])
def test_scope_in_any_language_makes_coverage_limited(tiny: Path, column: str) -> None:
    for other in ("scope_en", "scope_zh", "scope_de", "scope_adcode"):
        if other != column:
            edit_cell(tiny, "participation.csv", 3, other, "")
    model = load_dataset(tiny).model
    assert model is not None
    assert statuses(model, "cool-cities")["kunming"] == "limited"


def test_city_focus_with_a_pipe_in_a_programme_id(tiny: Path) -> None:
    for file in ("programmes.csv", "focus_areas.csv", "participation.csv", "milestones.csv"):
        write(tiny, file, (tiny / file).read_text(encoding="utf-8").replace("cool-cities", "cool|cities"))
    model = load_dataset(tiny).model
    assert model is not None
    assert set(model.city_focus["city_id"]) == {"xiamen", "kunming", "harbin"}


def test_no_participation_builds_without_pandas_future_warnings(tiny: Path) -> None:
    write(tiny, "participation.csv", (tiny / "participation.csv").read_text(encoding="utf-8").split("\n")[0] + "\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Pandas4Warning)
        model = load_dataset(tiny).model
    assert model is not None
    assert model.cities["programme_ids"].tolist() == ["", "", ""]
