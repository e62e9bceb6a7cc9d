"""The charts' text alternatives state what the data says: numbers recomputed here from the CSV files.

The expected values are counted with :mod:`csv` straight from the files (not through the model),
on the real data and on the tiny fixture, unfiltered and filtered, in every language.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from tracker import load_dataset, summaries
from tracker.filters import Filters, View, apply_filters
from tracker.i18n import LANGUAGES, Translator

from .support import DATA_DIR, TINY_DIR


def _rows(directory: Path, name: str) -> list[dict[str, str]]:
    with (directory / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _view(directory: Path, filters: Filters | None = None) -> View:
    model = load_dataset(directory).model
    assert model is not None
    return apply_filters(model, filters or Filters())


def _short(programme: dict[str, str], lang: str) -> str:
    return programme.get(f"short_{lang}") or programme[f"name_{lang}"]


DIRS = pytest.mark.parametrize("directory", [DATA_DIR, TINY_DIR], ids=["real", "tiny"])


@DIRS
@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_coverage_summary_counts_every_programme(directory: Path, lang: str) -> None:
    t = Translator(lang)
    cities = {row["city_id"]: row for row in _rows(directory, "cities.csv")}
    participation = _rows(directory, "participation.csv")
    summary = summaries.coverage_summary(_view(directory), lang, t)
    table = summary.table.set_index(t("table.programme"))
    for programme in _rows(directory, "programmes.csv"):
        taking_part = [row for row in participation if row["programme_id"] == programme["programme_id"]]
        name = _short(programme, lang)
        if programme["participants"] != "listed" and not taking_part:
            count = programme.get("participant_count")
            said = (
                t("a11y.labelled", label=name, value=t("coverage.at_least", count=int(count)))
                if count
                else t("a11y.coverage_not_stated", programme=name)
            )
            assert said in summary.text
            assert table.loc[name, t("a11y.col_in")] == t("common.not_stated")
            continue
        expected = t("a11y.coverage_count", programme=name, covered=len(taking_part), total=len(cities))
        assert expected in summary.text
        assert table.loc[name, t("a11y.col_in")] == len(taking_part)
        assert table.loc[name, t("a11y.col_of")] == len(cities)
        for row in taking_part:
            if row["scope_en"]:
                scope = row.get(f"scope_{lang}") or row["scope_en"]
                partial = t("a11y.partial", city=cities[row["city_id"]][f"name_{lang}"], scope=scope)
                assert partial in summary.text
    assert summary.alt == t("a11y.coverage_alt", cities=len(cities), programmes=len(table))


def test_coverage_summary_in_english_reads_as_the_issue_asks() -> None:
    text = summaries.coverage_summary(_view(DATA_DIR), "en", Translator("en")).text
    assert "CBP: 4 of 13 cities, Shanghai only in part (Changning District only)" in text
    assert "Beijing office: not stated which cities take part" in text


def test_coverage_summary_follows_the_city_filter() -> None:
    participation = _rows(DATA_DIR, "participation.csv")
    chosen = ("shanghai", "wuhan", "beijing")
    in_cbp = sum(1 for row in participation if row["programme_id"] == "cbp" and row["city_id"] in chosen)
    summary = summaries.coverage_summary(_view(DATA_DIR, Filters(cities=chosen)), "en", Translator("en"))
    assert f"CBP: {in_cbp} of {len(chosen)} cities" in summary.text
    assert in_cbp == 2


@DIRS
@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_map_summary_lists_every_city_once_with_its_programmes(directory: Path, lang: str) -> None:
    t = Translator(lang)
    cities = _rows(directory, "cities.csv")
    programmes = {row["programme_id"]: row for row in _rows(directory, "programmes.csv")}
    taking_part: dict[str, list[str]] = defaultdict(list)
    for row in _rows(directory, "participation.csv"):
        taking_part[row["city_id"]].append(_short(programmes[row["programme_id"]], lang))
    summary = summaries.map_summary(_view(directory), lang, t)
    assert list(summary.table.index) == [row["city_id"] for row in cities]
    for row in cities:
        cell = summary.table.loc[row["city_id"], t("city.programmes")]
        if taking_part[row["city_id"]]:
            assert all(name in cell for name in taking_part[row["city_id"]])
        else:
            assert cell == t("map.no_programme")
    without = [row[f"name_{lang}"] for row in cities if not taking_part[row["city_id"]]]
    if without:
        assert t("a11y.map_none", count=len(without), cities=t("a11y.list").join(without)) in summary.text
    in_some = sum(1 for row in cities if taking_part[row["city_id"]])
    assert summary.alt == t("a11y.map_alt", count=len(cities), taking_part=in_some)


def test_map_summary_shows_only_the_cities_on_the_map() -> None:
    participation = _rows(DATA_DIR, "participation.csv")
    in_cbp = [row["city_id"] for row in participation if row["programme_id"] == "cbp"]
    summary = summaries.map_summary(_view(DATA_DIR, Filters(programmes=("cbp",))), "en", Translator("en"))
    assert sorted(summary.table.index) == sorted(in_cbp)
    assert summary.text.startswith(f"{len(in_cbp)} cities on the map")


@DIRS
@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_timeline_summary_counts_milestones_per_programme(directory: Path, lang: str) -> None:
    t = Translator(lang)
    milestones = [row for row in _rows(directory, "milestones.csv") if row["date"]]  # undated: not on the chart
    counts = Counter(row["programme_id"] for row in milestones)
    summary = summaries.timeline_summary(_view(directory), lang, t)
    table = summary.table.set_index(t("table.programme"))
    for programme in _rows(directory, "programmes.csv"):
        name = _short(programme, lang)
        count = counts[programme["programme_id"]]
        key = "a11y.timeline_ended" if programme["end"] else "a11y.timeline_open"
        assert t(key, programme=name, start=programme["start"], end=programme["end"], count=count) in summary.text
        assert table.loc[name, t("timeline.milestones")] == count
    years = [int(row["date"][:4]) for row in milestones]
    expected = t("a11y.timeline_milestones", count=len(milestones), first=min(years), last=max(years))
    assert expected in summary.text
    if counts[""]:
        assert table.loc[t("timeline.network_row"), t("timeline.milestones")] == counts[""]
    assert sum(table[t("timeline.milestones")]) == len(milestones)


@DIRS
@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_focus_summaries_name_each_area_with_its_cities(directory: Path, lang: str) -> None:
    t = Translator(lang)
    cities = {row["city_id"]: row[f"name_{lang}"] for row in _rows(directory, "cities.csv")}
    by_area: dict[str, list[str]] = defaultdict(list)
    by_city: dict[str, list[str]] = defaultdict(list)
    areas = {row["focus_area_id"]: row for row in _rows(directory, "focus_areas.csv")}
    for row in _rows(directory, "participation.csv"):
        for area in filter(None, row["focus_area_ids"].split(";")):
            by_area[area].append(cities[row["city_id"]])
            by_city[row["city_id"]].append(areas[area][f"name_{lang}"])
    treemap = summaries.focus_summary(_view(directory), lang, t)
    assert len(treemap.table) == len(areas)
    for area_id, area in areas.items():
        who = t("a11y.list").join(by_area[area_id]) or t("focus.cities_not_stated")
        assert f"{area[f'name_{lang}']} ({who})" in treemap.text
    grid = summaries.city_focus_summary(_view(directory), lang, t)
    assert len(grid.table) == len(by_city)
    for city_id, names in by_city.items():
        assert t("a11y.labelled", label=cities[city_id], value=t("a11y.list").join(names)) in grid.text


@DIRS
@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_city_timeline_summary_has_each_joining_date(directory: Path, lang: str) -> None:
    t = Translator(lang)
    summary = summaries.city_timeline_summary(_view(directory), lang, t)
    joined = summary.table.set_index(t("a11y.col_city"))[t("city.joined")].tolist()
    assert joined == [row["joined_c40"] or t("common.not_stated") for row in _rows(directory, "cities.csv")]
    for row in _rows(directory, "cities.csv"):
        if row["joined_c40"]:
            assert t("a11y.joined", date=row["joined_c40"]) in summary.text


def test_city_summary_of_shanghai_states_its_scope() -> None:
    text = summaries.city_summary(_view(DATA_DIR), "shanghai", "en", Translator("en")).text
    assert "programmes: CBP (Changning District only)" in text
    assert text.startswith("Shanghai, Shanghai Municipality")


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_summaries_are_fully_translated(lang: str) -> None:
    """No English fallback mark, no raw catalog key, and sentences in the language's punctuation."""
    t = Translator(lang)
    view = _view(DATA_DIR)
    built = [
        summaries.coverage_summary(view, lang, t),
        summaries.map_summary(view, lang, t),
        summaries.timeline_summary(view, lang, t),
        summaries.city_timeline_summary(view, lang, t),
        summaries.focus_summary(view, lang, t),
        summaries.city_focus_summary(view, lang, t),
        summaries.city_summary(view, "shanghai", lang, t),
    ]
    for summary in built:
        everything = " ".join([summary.alt, summary.text, *map(str, summary.table.to_numpy().ravel())])
        assert "[EN]" not in everything
        assert "a11y." not in everything
        assert summary.text.endswith(t("a11y.end"))
        assert summary.alt and len(summary.alt) < 200


def test_coverage_table_has_a_status_for_every_city_and_programme() -> None:
    t = Translator("en")
    view = _view(DATA_DIR)
    table = summaries.coverage_table(view, "en", t)
    participation = {(row["city_id"], row["programme_id"]): row for row in _rows(DATA_DIR, "participation.csv")}
    cities = _rows(DATA_DIR, "cities.csv")
    assert len(table) == len(cities)
    cbp = table.set_index("City")["CBP"]
    for city in cities:
        row = participation.get((city["city_id"], "cbp"))
        name = next(label for label in cbp.index if label.startswith(city["name_en"] + " "))
        expected = "not in" if row is None else ("in" if not row["scope_en"] else f"limited scope: {row['scope_en']}")
        assert cbp[name] == expected
    assert set(table["Beijing office"]) == {"not stated"}
