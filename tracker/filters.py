"""Shared filters (programme, focus area, city, years) applied to a model.

Filtering happens outside the cache on every rerun, so it is vectorised and
returns new frames; the cached :class:`~tracker.model.Model` is never changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

import pandas as pd

from tracker.frames import isin
from tracker.model import Model
from tracker.schema import MILESTONE_KINDS
from tracker.validate import split_list


@dataclass(frozen=True)
class Filters:
    """What the user chose; empty tuples mean "all"."""

    programmes: tuple[str, ...] = ()
    focus_areas: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    years: tuple[int, int] | None = None
    kinds: tuple[str, ...] = ()

    @property
    def narrows_by_programme(self) -> bool:
        """True when a programme or focus area is chosen (cities must take part)."""
        return bool(self.programmes or self.focus_areas)

    @property
    def active(self) -> bool:
        """True when a filter of cities or programmes is set (the milestone kinds narrow only milestones)."""
        return bool(self.programmes or self.focus_areas or self.cities or self.years)


@dataclass(frozen=True)
class View:
    """The parts of a model that pass the filters, each table computed when first asked for.

    ``cities`` passes the city filter; ``map_cities`` further keeps only cities
    taking part in a chosen programme or focus area. ``participation`` holds the
    stated rows (``in`` or ``limited``) of ``cities`` in ``programmes``;
    ``coverage`` is their full city × programme grid. A page pays only for the
    tables it shows (the map never filters milestones, the timeline never builds
    the grid).
    """

    model: Model
    filters: Filters

    @cached_property
    def _programmes_and_focus_areas(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        model, filters = self.model, self.filters
        programmes = model.programmes
        focus_areas = model.focus_areas
        if filters.focus_areas:
            focus_areas = _rows(focus_areas, "focus_area_id", filters.focus_areas)
            programmes = _rows(programmes, "programme_id", focus_areas["programme_id"])
        if filters.programmes:
            programmes = _rows(programmes, "programme_id", filters.programmes)
            focus_areas = _rows(focus_areas, "programme_id", filters.programmes)
        if filters.years:
            low, high = filters.years
            ends = programmes["end_last"].dt.year.fillna(high)
            programmes = programmes.loc[(programmes["start_first"].dt.year <= high) & (ends >= low)]
            focus_areas = _rows(focus_areas, "programme_id", programmes["programme_id"])
        return programmes, focus_areas

    @property
    def programmes(self) -> pd.DataFrame:
        """Programmes chosen (directly or by a chosen focus area) and running in the years."""
        return self._programmes_and_focus_areas[0]

    @property
    def focus_areas(self) -> pd.DataFrame:
        """Focus areas chosen, of the shown programmes."""
        return self._programmes_and_focus_areas[1]

    @cached_property
    def cities(self) -> pd.DataFrame:
        """Cities passing the city filter."""
        cities = self.filters.cities
        return _rows(self.model.cities, "city_id", cities) if cities else self.model.cities

    @cached_property
    def participation(self) -> pd.DataFrame:
        """Stated participation rows of the shown cities in the shown programmes."""
        participation = self.model.participation
        if self.filters.cities:
            participation = _rows(participation, "city_id", self.filters.cities)
        if len(self.programmes) < len(self.model.programmes):
            participation = _rows(participation, "programme_id", self.programmes["programme_id"])
        return participation

    @cached_property
    def city_focus(self) -> pd.DataFrame:
        """(city, focus area) rows of the shown cities and focus areas."""
        city_focus = self.model.city_focus
        if self.filters.cities:
            city_focus = _rows(city_focus, "city_id", self.filters.cities)
        if len(self.focus_areas) < len(self.model.focus_areas):
            city_focus = _rows(city_focus, "focus_area_id", self.focus_areas["focus_area_id"])
        return city_focus

    @cached_property
    def map_cities(self) -> pd.DataFrame:
        """Shown cities that take part in a chosen programme or focus area (all shown if none is chosen)."""
        if not self.filters.narrows_by_programme:
            return self.cities
        taking_part = self.city_focus["city_id"] if self.filters.focus_areas else self.participation["city_id"]
        return _rows(self.cities, "city_id", taking_part)

    @cached_property
    def milestones(self) -> pd.DataFrame:
        """Dated milestones in the years, of the chosen programmes, naming a chosen city (or none).

        These are the ones a time axis can place; see :attr:`undated_milestones` for the rest.
        """
        dated = self.model.milestones
        if not dated["dated"].all():
            dated = dated.loc[dated["dated"]]
        return _milestones(dated, self.filters, self.programmes)

    @cached_property
    def undated_milestones(self) -> pd.DataFrame:
        """Milestones whose date is not stated, of the chosen programmes, naming a chosen city (or none).

        A year filter cannot place them, so it leaves them in: they are listed as "date not stated".
        """
        undated = self.model.milestones
        undated = undated.loc[~undated["dated"]]
        return _milestones(undated, replace(self.filters, years=None), self.programmes)

    @property
    def all_milestones(self) -> pd.DataFrame:
        """Dated then undated milestones of the view (the milestones table as the filters show it)."""
        if self.undated_milestones.empty:
            return self.milestones
        return pd.concat([self.milestones, self.undated_milestones])

    @cached_property
    def coverage(self) -> pd.DataFrame:
        """City × programme statuses of the shown cities and programmes (size: their product)."""
        return self.model.coverage_grid(self.cities["city_id"], self.programmes["programme_id"])


def _rows(frame: pd.DataFrame, column: str, values: Iterable[object]) -> pd.DataFrame:
    """Rows of ``frame`` whose ``column`` is one of ``values``."""
    return frame.loc[isin(frame[column], values)]


def sanitise(filters: Filters, model: Model) -> Filters:
    """Drop ids the model does not know and clamp the years to the data's range."""
    first, last = model.year_range
    years = filters.years
    if years is not None:
        low, high = sorted(years)
        low, high = max(first, low), min(last, high)
        years = None if (low, high) == (first, last) or low > high else (low, high)
    return Filters(
        programmes=tuple(p for p in dict.fromkeys(filters.programmes) if p in model.programmes.index),
        focus_areas=tuple(f for f in dict.fromkeys(filters.focus_areas) if f in model.focus_areas.index),
        cities=tuple(c for c in dict.fromkeys(filters.cities) if c in model.cities.index),
        years=years,
        kinds=tuple(k for k in dict.fromkeys(filters.kinds) if k in MILESTONE_KINDS),
    )


def apply_filters(model: Model, filters: Filters) -> View:
    """Apply ``filters`` (assumed sanitised) to ``model``; tables are computed on first use."""
    return View(model=model, filters=filters)


VIEWS = 16
"""How many filtered views :func:`shared_view` keeps (least recently used dropped)."""


def in_model_order(filters: Filters, model: Model) -> Filters:
    """``filters`` with each choice in the model's order (the order the user ticked them in is lost).

    A view does not depend on that order, so CAP China then CBP and CBP then CAP China are one
    filtered view, one set of memoised summaries and label layouts, not two.
    """

    def ordered(chosen: tuple[str, ...], known: Iterable[str]) -> tuple[str, ...]:
        wanted = set(chosen)
        return tuple(value for value in known if value in wanted)

    return Filters(
        programmes=ordered(filters.programmes, model.programmes.index),
        focus_areas=ordered(filters.focus_areas, model.focus_areas.index),
        cities=ordered(filters.cities, model.cities.index),
        years=filters.years,
        kinds=ordered(filters.kinds, MILESTONE_KINDS),
    )


def shared_view(model: Model, filters: Filters) -> View:
    """:func:`apply_filters`, one view per model build and filters for every script run and session.

    A view's tables are computed once and then shared: they are never changed (as the
    model's are not), and a model copy of the same build is the same key (``Model.token``).
    A view holds a reference to the model copy first seen; equal copies hold equal tables.
    The choices are put in the model's order first (:func:`in_model_order`): ``filters`` must be
    sanitised (:func:`sanitise`), so that every id is one the model knows.
    """
    return _shared_view(model, in_model_order(filters, model))


@lru_cache(maxsize=VIEWS)
def _shared_view(model: Model, filters: Filters) -> View:
    """The memoised half of :func:`shared_view` (its cache is :data:`VIEWS` views)."""
    return apply_filters(model, filters)


def _milestones(milestones: pd.DataFrame, filters: Filters, programmes: pd.DataFrame) -> pd.DataFrame:
    """Milestones in the years, of the chosen programmes and kinds, naming a chosen city."""
    if not (filters.years or filters.narrows_by_programme or filters.cities or filters.kinds):
        return milestones
    keep = pd.Series(True, index=milestones.index)
    if filters.kinds:
        keep &= isin(milestones["kind"], filters.kinds)
    if filters.years:
        low, high = filters.years
        keep &= milestones["year"].between(low, high)
    if filters.narrows_by_programme:
        keep &= isin(milestones["programme_id"], programmes["programme_id"])
    if filters.cities:
        wanted = set(filters.cities)
        names_city = milestones["city_ids"].map(lambda cell: bool(wanted.intersection(split_list(cell))))
        keep &= names_city | milestones["city_ids"].isna()
    return milestones.loc[keep]
