"""One broken copy of the tiny fixture per rule, each naming file, line, column and value.

Line numbers of the tiny fixture (header = line 1):
sources T1 2, T2 3, T3 4; cities xiamen 2, kunming 3, harbin 4;
programmes cool-cities 2, clean-transport 3; focus_areas cool-roofs 2, urban-greening 3, electric-buses 4;
participation cool-cities/xiamen 2, cool-cities/kunming 3, clean-transport/harbin 4;
milestones cool-cities-launch 2, harbin-bus-line 3, kunming-plan 4.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker import LoadResult, Problem, load_dataset
from tracker.schema import MILESTONE_KINDS

from .support import TABLE_FILES, drop_column, edit_cell, located, set_cell, tiny_text, write

Expected = tuple[str, int | None, str | None, str | None, str]
"""(file, line, column, value, message) of one expected error."""

UNKNOWN_CITY = "unknown id: no row of cities.csv has this id"
UNKNOWN_PROGRAMME = "unknown id: no row of programmes.csv has this id"
UNKNOWN_SOURCE = "unknown id: no row of sources.csv has this id"
UNKNOWN_FOCUS = "unknown id: no row of focus_areas.csv has this id"
NOT_A_DATE = "is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD"
NOT_ADCODE = "is not a six-digit administrative code (GB/T 2260)"
NOT_COUNT = "is not a positive whole number"


def described(problems: list[Problem]) -> list[Expected]:
    """Each error as (file, line, column, value, message); fails on any warning."""
    assert all(p.severity == "error" for p in problems), problems
    return [(p.file, p.line, p.column, p.value, p.message) for p in problems]


def broken(directory: Path, file: str, line: int, column: str, value: str) -> LoadResult:
    """Load ``directory`` after setting one cell."""
    edit_cell(directory, file, line, column, value)
    return load_dataset(directory)


CELL_CASES = [
    # numbers and ranges
    pytest.param(
        "cities.csv", 3, "latitude", "25,04",
        [("cities.csv", 3, "latitude", "25,04", "is not a number")], id="bad-number",
    ),
    pytest.param(
        "cities.csv", 4, "latitude", "95.2",
        [("cities.csv", 4, "latitude", "95.2", "is out of range (-90 to 90)")], id="latitude-too-high",
    ),
    pytest.param(
        "cities.csv", 2, "latitude", "-90.5",
        [("cities.csv", 2, "latitude", "-90.5", "is out of range (-90 to 90)")], id="latitude-too-low",
    ),
    pytest.param(
        "cities.csv", 2, "longitude", "180.01",
        [("cities.csv", 2, "longitude", "180.01", "is out of range (-180 to 180)")], id="longitude-too-high",
    ),
    pytest.param(
        "cities.csv", 3, "longitude", "-181",
        [("cities.csv", 3, "longitude", "-181", "is out of range (-180 to 180)")], id="longitude-too-low",
    ),
    pytest.param(
        "cities.csv", 3, "longitude", "102°43′E",
        [("cities.csv", 3, "longitude", "102°43′E", "is not a number")], id="longitude-in-degrees",
    ),
    # dates
    pytest.param(
        "milestones.csv", 4, "date", "05/11/2018", [("milestones.csv", 4, "date", "05/11/2018", NOT_A_DATE)],
        id="date-slashes",
    ),
    pytest.param(
        "milestones.csv", 4, "date", "2018-11-5", [("milestones.csv", 4, "date", "2018-11-5", NOT_A_DATE)],
        id="date-one-digit-day",
    ),
    pytest.param(
        "cities.csv", 4, "joined_c40", "June 2014", [("cities.csv", 4, "joined_c40", "June 2014", NOT_A_DATE)],
        id="date-words",
    ),
    pytest.param(
        "programmes.csv", 2, "end", "2019-6", [("programmes.csv", 2, "end", "2019-6", NOT_A_DATE)],
        id="date-one-digit-month",
    ),
    pytest.param(
        "milestones.csv", 4, "date", "2019-02-30",
        [("milestones.csv", 4, "date", "2019-02-30", "is an impossible date (2019-02 has no day 30)")],
        id="impossible-day",
    ),
    pytest.param(
        "sources.csv", 2, "published", "2017-02-29",
        [("sources.csv", 2, "published", "2017-02-29", "is an impossible date (2017-02 has no day 29)")],
        id="impossible-leap-day",
    ),
    pytest.param(
        "participation.csv", 3, "start", "2019-13",
        [("participation.csv", 3, "start", "2019-13", "is an impossible date (there is no month 13)")],
        id="impossible-month",
    ),
    pytest.param(
        "programmes.csv", 3, "start", "2019-00",
        [("programmes.csv", 3, "start", "2019-00", "is an impossible date (there is no month 00)")],
        id="month-zero",
    ),
    pytest.param(
        "milestones.csv", 2, "date", "0000",
        [("milestones.csv", 2, "date", "0000", "is an impossible date (year 0000)")],
        id="year-zero",
    ),
    # blank required cells
    pytest.param(
        "cities.csv", 2, "name_en", "", [("cities.csv", 2, "name_en", None, "required cell is blank")],
        id="blank-name",
    ),
    pytest.param(
        "cities.csv", 3, "latitude", "  ", [("cities.csv", 3, "latitude", None, "required cell is blank")],
        id="blank-latitude",
    ),
    pytest.param(
        "programmes.csv", 2, "kind", "", [("programmes.csv", 2, "kind", None, "required cell is blank")],
        id="blank-kind",
    ),
    pytest.param(
        "focus_areas.csv", 4, "source_ids", "",
        [("focus_areas.csv", 4, "source_ids", None, "required cell is blank")], id="blank-source-ids",
    ),
    pytest.param(
        "participation.csv", 3, "start", "", [("participation.csv", 3, "start", None, "required cell is blank")],
        id="blank-start",
    ),
    pytest.param(
        "milestones.csv", 3, "title_en", "", [("milestones.csv", 3, "title_en", None, "required cell is blank")],
        id="blank-title",
    ),
    pytest.param(
        "sources.csv", 3, "title", "", [("sources.csv", 3, "title", None, "required cell is blank")],
        id="blank-source-title",
    ),
    # choices
    pytest.param(
        "programmes.csv", 3, "kind", "Programme",
        [("programmes.csv", 3, "kind", "Programme", "must be one of: office, programme")], id="bad-kind",
    ),
    pytest.param(
        "programmes.csv", 2, "participants", "some",
        [("programmes.csv", 2, "participants", "some", "must be one of: listed, not stated")],
        id="bad-participants",
    ),
    pytest.param(
        "milestones.csv", 3, "certainty", "rumoured",
        [("milestones.csv", 3, "certainty", "rumoured", "must be one of: verified, reported")], id="bad-certainty",
    ),
    pytest.param(
        "focus_areas.csv", 3, "status", "planned",
        [("focus_areas.csv", 3, "status", "planned", "must be one of: core, explored")], id="bad-status",
    ),
    # administrative codes
    pytest.param("cities.csv", 2, "adcode", "35020", [("cities.csv", 2, "adcode", "35020", NOT_ADCODE)], id="adcode-5"),
    pytest.param(
        "cities.csv", 2, "adcode", "3502000", [("cities.csv", 2, "adcode", "3502000", NOT_ADCODE)], id="adcode-7"
    ),
    pytest.param(
        "cities.csv", 4, "adcode", "350200.0", [("cities.csv", 4, "adcode", "350200.0", NOT_ADCODE)],
        id="adcode-excel-float",
    ),
    pytest.param(
        "participation.csv", 3, "scope_adcode", "5301O2",
        [("participation.csv", 3, "scope_adcode", "5301O2", NOT_ADCODE)], id="scope-adcode-letter",
    ),
    # duplicate ids name the first line
    pytest.param(
        "cities.csv", 4, "city_id", "xiamen",
        [
            ("cities.csv", 4, "city_id", "xiamen", "duplicate id (first used on line 2)"),
            ("participation.csv", 4, "city_id", "harbin", UNKNOWN_CITY),
            ("milestones.csv", 3, "city_ids", "harbin", UNKNOWN_CITY),
        ],
        id="duplicate-city",
    ),
    pytest.param(
        "sources.csv", 4, "source_id", "T2",
        [
            ("sources.csv", 4, "source_id", "T2", "duplicate id (first used on line 3)"),
            ("cities.csv", 3, "source_ids", "T3", UNKNOWN_SOURCE),
            ("participation.csv", 3, "source_ids", "T3", UNKNOWN_SOURCE),
            ("milestones.csv", 4, "source_ids", "T3", UNKNOWN_SOURCE),
        ],
        id="duplicate-source",
    ),
    pytest.param(
        "focus_areas.csv", 3, "focus_area_id", "cool-roofs",
        [
            ("focus_areas.csv", 3, "focus_area_id", "cool-roofs", "duplicate id (first used on line 2)"),
            ("participation.csv", 2, "focus_area_ids", "urban-greening", UNKNOWN_FOCUS),
            ("participation.csv", 3, "focus_area_ids", "urban-greening", UNKNOWN_FOCUS),
        ],
        id="duplicate-focus-area",
    ),
    pytest.param(
        "milestones.csv", 4, "milestone_id", "harbin-bus-line",
        [("milestones.csv", 4, "milestone_id", "harbin-bus-line", "duplicate id (first used on line 3)")],
        id="duplicate-milestone",
    ),
    pytest.param(
        "participation.csv", 3, "city_id", "xiamen",
        [("participation.csv", 3, "city_id", "cool-cities, xiamen", "duplicate id (first used on line 2)")],
        id="duplicate-participation-pair",
    ),
    # unknown ids in each reference
    pytest.param(
        "participation.csv", 2, "city_id", "amoy", [("participation.csv", 2, "city_id", "amoy", UNKNOWN_CITY)],
        id="unknown-city",
    ),
    pytest.param(
        "participation.csv", 2, "city_id", "Xiamen", [("participation.csv", 2, "city_id", "Xiamen", UNKNOWN_CITY)],
        id="ids-are-case-sensitive",
    ),
    pytest.param(
        "milestones.csv", 4, "city_ids", "kunming;amoy", [("milestones.csv", 4, "city_ids", "amoy", UNKNOWN_CITY)],
        id="unknown-city-in-list",
    ),
    pytest.param(
        "milestones.csv", 2, "programme_id", "cool-city",
        [("milestones.csv", 2, "programme_id", "cool-city", UNKNOWN_PROGRAMME)], id="unknown-programme",
    ),
    pytest.param(
        "participation.csv", 4, "programme_id", "clean-transit",
        [
            ("participation.csv", 4, "programme_id", "clean-transit", UNKNOWN_PROGRAMME),
            (
                "participation.csv", 4, "focus_area_ids", "electric-buses",
                "focus area belongs to programme clean-transport, not clean-transit",
            ),
        ],
        id="unknown-programme-in-participation",
    ),
    pytest.param(
        "focus_areas.csv", 4, "programme_id", "clean-transit",
        [
            ("focus_areas.csv", 4, "programme_id", "clean-transit", UNKNOWN_PROGRAMME),
            (
                "participation.csv", 4, "focus_area_ids", "electric-buses",
                "focus area belongs to programme clean-transit, not clean-transport",
            ),
        ],
        id="unknown-programme-of-focus-area",
    ),
    pytest.param(
        "participation.csv", 2, "focus_area_ids", "cool-roofs;tree-planting",
        [("participation.csv", 2, "focus_area_ids", "tree-planting", UNKNOWN_FOCUS)], id="unknown-focus-area-in-list",
    ),
    pytest.param(
        "cities.csv", 3, "source_ids", "T1;T9", [("cities.csv", 3, "source_ids", "T9", UNKNOWN_SOURCE)],
        id="unknown-source-in-list",
    ),
    pytest.param(
        "milestones.csv", 2, "source_ids", "T1; T4 ;T2", [("milestones.csv", 2, "source_ids", "T4", UNKNOWN_SOURCE)],
        id="unknown-source-in-spaced-list",
    ),
    pytest.param(
        "programmes.csv", 2, "source_ids", "T1,T2", [("programmes.csv", 2, "source_ids", "T1,T2", UNKNOWN_SOURCE)],
        id="comma-is-not-a-list-separator",
    ),
    pytest.param(
        "participation.csv", 4, "focus_area_ids", "electric-buses;cool-roofs",
        [
            (
                "participation.csv", 4, "focus_area_ids", "cool-roofs",
                "focus area belongs to programme cool-cities, not clean-transport",
            )
        ],
        id="focus-area-of-another-programme",
    ),
    # milestone kinds, stated participant counts, membership bounds
    pytest.param(
        "milestones.csv", 2, "kind", "launch",
        [("milestones.csv", 2, "kind", "launch", f"must be one of: {', '.join(MILESTONE_KINDS)}")], id="unknown-kind",
    ),
    pytest.param(
        "milestones.csv", 3, "kind", "", [("milestones.csv", 3, "kind", None, "required cell is blank")],
        id="blank-kind",
    ),
    pytest.param(
        "programmes.csv", 3, "participant_count", "0",
        [("programmes.csv", 3, "participant_count", "0", NOT_COUNT)], id="participant-count-zero",
    ),
    pytest.param(
        "programmes.csv", 3, "participant_count", "3.0",
        [("programmes.csv", 3, "participant_count", "3.0", NOT_COUNT)], id="participant-count-decimal",
    ),
    pytest.param(
        "programmes.csv", 2, "participant_count", "eight",
        [("programmes.csv", 2, "participant_count", "eight", NOT_COUNT)], id="participant-count-word",
    ),
    pytest.param(
        "cities.csv", 3, "applying_on", "2018-12",
        [("cities.csv", 3, "applying_on", "2018-12", "must be before member_by (member_by is 2018-11-05)")],
        id="applying-after-member-by",
    ),
    pytest.param(
        "cities.csv", 3, "member_by", "2017-06-01",
        [("cities.csv", 3, "applying_on", "2017-06", "must be before member_by (member_by is 2017-06-01)")],
        id="member-by-on-the-first-day-of-the-applying-month",
    ),
    pytest.param(
        "cities.csv", 4, "member_by", "2017-03-20",
        [("cities.csv", 4, "member_by", "2017-03-20", "must not be before joined_c40 (joined_c40 is 2017-03-21)")],
        id="member-by-before-joined",
    ),
    pytest.param(
        "cities.csv", 3, "member_by", "2018-11-31",
        [("cities.csv", 3, "member_by", "2018-11-31", "is an impossible date (2018-11 has no day 31)")],
        id="member-by-impossible",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("file", "line", "column", "value", "expected"), CELL_CASES)
def test_one_broken_cell(tiny: Path, file: str, line: int, column: str, value: str, expected: list[Expected]) -> None:
    result = broken(tiny, file, line, column, value)
    assert result.model is None
    assert described(result.problems) == expected


@pytest.mark.parametrize(
    ("file", "line", "column", "value"),
    [
        ("cities.csv", 2, "latitude", "90"),
        ("cities.csv", 2, "latitude", "-90"),
        ("cities.csv", 2, "longitude", "180"),
        ("cities.csv", 2, "longitude", "-180"),
        ("cities.csv", 3, "latitude", "+25.0"),
        ("cities.csv", 3, "latitude", "-0"),
        ("cities.csv", 3, "longitude", "1.027e2"),
        ("milestones.csv", 4, "date", "2020-02-29"),
        ("milestones.csv", 4, "date", "1999-12"),
        ("programmes.csv", 2, "end", ""),
        ("programmes.csv", 2, "participants", ""),
        ("programmes.csv", 3, "participant_count", ""),
        ("programmes.csv", 3, "participant_count", "120"),
        ("milestones.csv", 3, "date", ""),
        ("cities.csv", 3, "applying_on", ""),
        ("cities.csv", 3, "member_by", ""),
        ("cities.csv", 3, "applying_on", "2018"),
        ("cities.csv", 4, "member_by", "2017-03-21"),
        ("cities.csv", 2, "member_by", "2016-01"),
        ("cities.csv", 3, "member_by", "2017-06"),
        ("focus_areas.csv", 2, "programme_id", ""),
        ("cities.csv", 3, "adcode", ""),
        ("cities.csv", 3, "source_ids", "T1;;T3;"),
    ],
)
def test_edge_values_that_are_valid(tiny: Path, file: str, line: int, column: str, value: str) -> None:
    result = broken(tiny, file, line, column, value)
    assert result.problems == []
    assert result.model is not None


def test_problem_reads_as_one_located_line(tiny: Path) -> None:
    result = broken(tiny, "cities.csv", 4, "latitude", "95.2")
    assert [str(p) for p in result.problems] == [
        "cities.csv, line 4, column latitude: error: '95.2': is out of range (-90 to 90)"
    ]


@pytest.mark.parametrize("file", TABLE_FILES)
def test_missing_file(tiny: Path, file: str) -> None:
    (tiny / file).unlink()
    result = load_dataset(tiny)
    assert result.model is None
    assert described(result.problems) == [(file, None, None, None, "is missing")]
    assert str(result.problems[0]) == f"{file}: error: is missing"


@pytest.mark.parametrize("file", TABLE_FILES)
def test_empty_file(tiny: Path, file: str) -> None:
    write(tiny, file, "")
    result = load_dataset(tiny)
    assert result.model is None
    assert described(result.problems) == [(file, None, None, None, "is empty: it needs a header row")]


@pytest.mark.parametrize(
    ("file", "column"),
    [
        ("cities.csv", "name_de"),
        ("programmes.csv", "kind"),
        ("sources.csv", "url"),
        ("participation.csv", "focus_area_ids"),
        ("milestones.csv", "certainty"),
    ],
)
def test_missing_column(tiny: Path, file: str, column: str) -> None:
    write(tiny, file, drop_column(tiny_text(file), column))
    result = load_dataset(tiny)
    assert result.model is None
    assert described(result.problems) == [(file, 1, column, None, "required column is missing from the header")]


def test_missing_key_column_skips_references_to_that_table(tiny: Path) -> None:
    write(tiny, "cities.csv", drop_column(tiny_text("cities.csv"), "city_id"))
    result = load_dataset(tiny)
    assert described(result.problems) == [
        ("cities.csv", 1, "city_id", None, "required column is missing from the header")
    ]


@pytest.mark.parametrize(
    ("file", "column"),
    [
        ("cities.csv", "region_de"),
        ("programmes.csv", "participants"),
        ("programmes.csv", "short_zh"),
        ("focus_areas.csv", "status"),
        ("participation.csv", "scope_de"),
    ],
)
def test_optional_column_may_be_left_out(tiny: Path, file: str, column: str) -> None:
    write(tiny, file, drop_column(tiny_text(file), column))
    result = load_dataset(tiny)
    assert result.problems == []
    assert result.model is not None
    assert column in getattr(result.model, file.removesuffix(".csv")).columns


def test_participants_left_out_means_not_stated(tiny: Path) -> None:
    write(tiny, "programmes.csv", drop_column(tiny_text("programmes.csv"), "participants"))
    model = load_dataset(tiny).model
    assert model is not None
    assert model.programmes["participants"].tolist() == ["not stated", "not stated"]
    statuses = model.coverage.set_index(["programme_id", "city_id"])["status"]
    assert statuses.loc[("cool-cities", "harbin")] == "not_stated"


@pytest.mark.parametrize("file", ["participation.csv", "milestones.csv"])
def test_header_only_file_is_valid_when_nothing_needs_its_rows(tiny: Path, file: str) -> None:
    write(tiny, file, tiny_text(file).split("\n")[0] + "\n")
    result = load_dataset(tiny)
    assert result.problems == []
    assert result.model is not None
    assert len(getattr(result.model, file.removesuffix(".csv"))) == 0


def test_header_only_participation_leaves_listed_programme_with_no_cities(tiny: Path) -> None:
    write(tiny, "participation.csv", tiny_text("participation.csv").split("\n")[0] + "\n")
    model = load_dataset(tiny).model
    assert model is not None
    by_programme = model.coverage.groupby("programme_id")["status"].agg(set).to_dict()
    assert by_programme == {"cool-cities": {"not_in"}, "clean-transport": {"not_stated"}}
    assert model.city_focus.empty


def test_header_only_cities_reports_every_reference_to_a_city(tiny: Path) -> None:
    write(tiny, "cities.csv", tiny_text("cities.csv").split("\n")[0] + "\n")
    result = load_dataset(tiny)
    assert result.model is None
    assert described(result.problems) == [
        ("participation.csv", 2, "city_id", "xiamen", UNKNOWN_CITY),
        ("participation.csv", 3, "city_id", "kunming", UNKNOWN_CITY),
        ("participation.csv", 4, "city_id", "harbin", UNKNOWN_CITY),
        ("milestones.csv", 2, "city_ids", "xiamen", UNKNOWN_CITY),
        ("milestones.csv", 3, "city_ids", "harbin", UNKNOWN_CITY),
        ("milestones.csv", 4, "city_ids", "kunming", UNKNOWN_CITY),
        ("milestones.csv", 4, "city_ids", "xiamen", UNKNOWN_CITY),
    ]


def test_row_with_too_many_cells(tiny: Path) -> None:
    text = tiny_text("cities.csv").replace(",T1;T3\n", ",T1;T3,extra,more\n")
    write(tiny, "cities.csv", text)
    result = load_dataset(tiny)
    assert described(result.problems) == [
        ("cities.csv", 3, "#16", "extra", "row has 17 cells but the header has 15 (extra cells)")
    ]


def test_row_with_too_few_cells_names_the_first_missing_column(tiny: Path) -> None:
    text = tiny_text("cities.csv").replace(",2017-03-21,,,,T2\n", "\n")
    write(tiny, "cities.csv", text)
    result = load_dataset(tiny)
    assert described(result.problems) == [
        ("cities.csv", 4, "joined_c40", None, "row has 10 cells but the header has 15 (missing cells)"),
        ("cities.csv", 4, "source_ids", None, "required cell is blank"),
    ]


def test_unknown_extra_column_is_only_a_warning(tiny: Path) -> None:
    lines = tiny_text("cities.csv").split("\n")
    text = "\n".join(line + (",remarks" if n == 0 else ",checked") if line else line for n, line in enumerate(lines))
    write(tiny, "cities.csv", text)
    result = load_dataset(tiny)
    assert result.ok
    assert result.model is not None
    assert [(p.file, p.line, p.column, p.value, p.message, p.severity) for p in result.problems] == [
        ("cities.csv", 1, "remarks", None, "unknown column (ignored)", "warning")
    ]
    assert str(result.problems[0]) == "cities.csv, line 1, column remarks: warning: unknown column (ignored)"
    assert len(result.model.cities) == 3


def test_every_problem_in_a_file_is_collected(tiny: Path) -> None:
    text = tiny_text("cities.csv")
    text = set_cell(text, 2, "joined_c40", "2016-02-30")
    text = set_cell(text, 3, "adcode", "53010")
    text = set_cell(text, 4, "longitude", "east")
    write(tiny, "cities.csv", text)
    result = load_dataset(tiny)
    assert sorted(located(result.problems)) == [
        ("cities.csv", 2, "joined_c40", "2016-02-30"),
        ("cities.csv", 3, "adcode", "53010"),
        ("cities.csv", 4, "longitude", "east"),
    ]


def test_problems_in_every_file_are_collected_together(tiny: Path) -> None:
    edit_cell(tiny, "sources.csv", 4, "published", "2018-11-31")
    edit_cell(tiny, "cities.csv", 2, "latitude", "124.48")
    edit_cell(tiny, "programmes.csv", 3, "kind", "network")
    edit_cell(tiny, "focus_areas.csv", 2, "name_en", "")
    edit_cell(tiny, "participation.csv", 4, "city_id", "harbn")
    edit_cell(tiny, "milestones.csv", 3, "certainty", "likely")
    result = load_dataset(tiny)
    assert located(result.problems) == [
        ("sources.csv", 4, "published", "2018-11-31"),
        ("cities.csv", 2, "latitude", "124.48"),
        ("programmes.csv", 3, "kind", "network"),
        ("focus_areas.csv", 2, "name_en", None),
        ("milestones.csv", 3, "certainty", "likely"),
        ("participation.csv", 4, "city_id", "harbn"),
    ]


def test_source_list_of_only_separators_is_blank(tiny: Path) -> None:
    result = broken(tiny, "cities.csv", 3, "source_ids", " ; ")
    assert result.model is None
    assert located(result.problems) == [("cities.csv", 3, "source_ids", ";")]


def test_blank_programme_in_participation_is_reported_once(tiny: Path) -> None:
    result = broken(tiny, "participation.csv", 3, "programme_id", "")
    assert described(result.problems) == [("participation.csv", 3, "programme_id", None, "required cell is blank")]
