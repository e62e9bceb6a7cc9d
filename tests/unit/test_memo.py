"""Memoised derivations of the model: the same answers as the uncached path, shared, and bounded.

``st.cache_data`` hands every script run an unpickled copy of the cached model; a copy keeps its
build's ``token``, so it is the same key for the memoised builders (``functools.lru_cache``).
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest
from streamlit import dataframe_util

from components import as_of, city_panel, map_marks
from tracker import Model, load_dataset, summaries
from tracker.filters import VIEWS, Filters, _shared_view, apply_filters, in_model_order, shared_view
from tracker.i18n import LANGUAGES, Translator

from .support import DATA_DIR


@pytest.fixture(scope="module")
def model() -> Model:
    loaded = load_dataset(DATA_DIR).model
    assert loaded is not None
    return loaded


def _copy(model: Model) -> Model:
    """What ``st.cache_data`` returns on a later run: an unpickled copy."""
    copy = pickle.loads(pickle.dumps(model))
    assert copy is not model
    return copy


def _filter_sets(model: Model) -> list[Filters]:
    programmes = model.programmes.index.tolist()
    return [Filters(), Filters(programmes=(programmes[1],)), Filters(cities=("beijing", "shanghai"))]


def test_a_copy_of_a_build_is_the_same_key_and_another_build_is_not(model: Model) -> None:
    copy = _copy(model)
    assert copy == model and hash(copy) == hash(model) and copy.token == model.token
    again = load_dataset(DATA_DIR).model  # the same files, loaded again: a new build
    assert again is not None and again != model
    assert Translator("zh") == Translator("zh") and hash(Translator("de")) == hash(Translator("de"))
    assert Translator("en") != Translator("zh")


def test_shared_view_is_one_view_per_build_and_filters_and_stays_bounded(model: Model) -> None:
    filters = Filters(programmes=(model.programmes.index[1],))
    first = shared_view(model, filters)
    assert shared_view(_copy(model), filters) is first
    fresh = apply_filters(model, filters)
    for table in ("programmes", "focus_areas", "cities", "participation", "city_focus", "map_cities", "milestones"):
        pd.testing.assert_frame_equal(getattr(first, table), getattr(fresh, table))
    for year in range(VIEWS + 5):
        shared_view(model, Filters(years=(1990 + year, 2030)))
    info = _shared_view.cache_info()
    assert info.maxsize == VIEWS and info.currsize <= VIEWS


def test_the_same_choices_ticked_in_another_order_are_the_same_view(model: Model) -> None:
    programmes = model.programmes.index.tolist()
    cities = model.cities.index.tolist()
    ticked = Filters(programmes=(programmes[2], programmes[0]), cities=(cities[5], cities[1], cities[3]))
    other_way = Filters(programmes=(programmes[0], programmes[2]), cities=(cities[3], cities[5], cities[1]))
    view = shared_view(model, ticked)
    assert shared_view(model, other_way) is view
    assert view.filters == Filters(programmes=(programmes[0], programmes[2]), cities=(cities[1], cities[3], cities[5]))
    assert in_model_order(Filters(kinds=("event", "joined")), model).kinds == ("joined", "event")
    fresh = apply_filters(model, ticked)  # the order ticked does not change a table
    for table in ("programmes", "focus_areas", "cities", "participation", "city_focus", "map_cities", "milestones"):
        pd.testing.assert_frame_equal(getattr(view, table), getattr(fresh, table))


SUMMARIES: list[tuple[str, Callable[..., summaries.Summary]]] = [
    ("map", summaries.map_summary),
    ("coverage", summaries.coverage_summary),
    ("timeline", summaries.timeline_summary),
    ("city timeline", summaries.city_timeline_summary),
    ("focus", summaries.focus_summary),
    ("city focus", summaries.city_focus_summary),
]


@pytest.mark.parametrize(("name", "build"), SUMMARIES, ids=[name for name, _ in SUMMARIES])
def test_memoised_summaries_equal_the_uncached_ones(
    model: Model, name: str, build: Callable[..., summaries.Summary]
) -> None:
    for filters in _filter_sets(model):
        for lang in LANGUAGES:
            t = Translator(lang)
            cached = build(shared_view(_copy(model), filters), lang, t)
            plain = build.__wrapped__(apply_filters(model, filters), lang, t)  # type: ignore[attr-defined]
            assert (cached.alt, cached.text) == (plain.alt, plain.text), name
            pd.testing.assert_frame_equal(cached.table, plain.table)
            assert build(shared_view(model, filters), lang, t) is cached  # a hit, across copies
    info = build.cache_info()  # type: ignore[attr-defined]
    assert info.maxsize == summaries.SUMMARIES and info.currsize <= summaries.SUMMARIES


def test_coverage_table_and_city_summary_equal_the_uncached_ones(model: Model) -> None:
    view = shared_view(model, Filters())
    for lang in LANGUAGES:
        t = Translator(lang)
        pd.testing.assert_frame_equal(
            summaries.coverage_table(view, lang, t),
            summaries.coverage_table.__wrapped__(apply_filters(model, Filters()), lang, t),
        )
        for city_id in ("beijing", "shanghai"):
            cached = summaries.city_summary(view, city_id, lang, t)
            plain = summaries.city_summary.__wrapped__(view, city_id, lang, t)
            assert cached.text == plain.text
            pd.testing.assert_frame_equal(cached.table, plain.table)


def test_summary_arrow_is_what_streamlit_sends_for_its_table(model: Model) -> None:
    summary = summaries.map_summary(shared_view(model, Filters()), "zh", Translator("zh"))
    sent_for_frame = dataframe_util.convert_pandas_df_to_arrow_bytes(summary.table)
    assert dataframe_util.convert_arrow_table_to_arrow_bytes(summary.arrow) == sent_for_frame
    assert summary.arrow is summary.arrow  # converted once


def test_city_panel_blocks_equal_the_uncached_ones_and_are_shared(model: Model) -> None:
    for city_id in model.cities.index:
        for lang in LANGUAGES:
            t = Translator(lang)
            cached = city_panel.panel_blocks(model, city_id, lang, t)
            assert cached == city_panel.panel_blocks.__wrapped__(_copy(model), city_id, lang, t)
            assert city_panel.panel_blocks(_copy(model), city_id, lang, t) is cached
            display = city_panel.city_details(model, city_id, lang).display
            assert cached[0] == ("subheader", city_panel.md_escape(display))
    assert city_panel.panel_blocks.cache_info().currsize <= city_panel.PANELS


def test_as_of_stops_equal_the_uncached_ones_in_a_new_list(model: Model) -> None:
    for current in (None, "2016", "2016-12-31"):
        first = as_of.options(model, current)
        assert first == list(as_of._options.__wrapped__(model, current))
        first.append("changed by a caller")
        assert as_of.options(_copy(model), current) == first[:-1]
    assert as_of.year_range(_copy(model)) == as_of.year_range.__wrapped__(model)


def test_label_layouts_equal_the_uncached_ones_in_a_new_list() -> None:
    marks = [
        map_marks.Mark(100.0, 100.0, 6.0, "Beijing · 北京", 2),
        map_marks.Mark(110.0, 104.0, 6.0, "Tianjin · 天津", 1),
        map_marks.Mark(300.0, 250.0, 4.0, "Shanghai · 上海", 0),
    ]
    cases: list[dict[str, Any]] = [
        {"width": None, "height": None, "size": 14.0, "reaches": (0.0,)},
        {"width": 400.0, "height": 300.0, "size": 11.0, "avoid": [(250.0, 200.0, 400.0, 300.0)]},
    ]
    for case in cases:
        placed = map_marks.place_labels(marks, **case)
        expected = map_marks._place.__wrapped__(
            tuple(marks),
            case["width"],
            case["height"],
            case["size"],
            tuple(case.get("reaches", map_marks.REACHES)),
            tuple(case.get("avoid", ())),
        )
        assert placed == list(expected)
        placed.clear()
        assert map_marks.place_labels(marks, **case) == list(expected)
    assert map_marks._place.cache_info().currsize <= map_marks.LAYOUTS
