"""Shared filters (programme, focus area, city, years) applied to a model.

Filtering happens outside the cache on every rerun, so it is vectorised and
returns new frames; the cached :class:`~tracker.model.Model` is never changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from tracker.frames import isin
from tracker.model import Model
from tracker.validate import split_list


@dataclass(frozen=True)
class Filters:
    """What the user chose; empty tuples mean "all"."""

    programmes: tuple[str, ...] = ()
    focus_areas: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    years: tuple[int, int] | None = None

    @property
    def narrows_by_programme(self) -> bool:
        """True when a programme or focus area is chosen (cities must take part)."""
        return bool(self.programmes or self.focus_areas)

    @property
    def active(self) -> bool:
        """True when any filter is set."""
        return bool(self.programmes or self.focus_areas or self.cities or self.years)


@dataclass(frozen=True)
class View:
    """The parts of a model that pass the filters.

    ``cities`` passes the city filter; ``map_cities`` further keeps only cities
    taking part in a chosen programme or focus area. ``participation`` holds the
    stated rows (``in`` or ``limited``) of ``cities`` in ``programmes``;
    ``coverage`` is their full city × programme grid, built only when asked for.
    """

    model: Model
    filters: Filters
    cities: pd.DataFrame
    map_cities: pd.DataFrame
    programmes: pd.DataFrame
    focus_areas: pd.DataFrame
    participation: pd.DataFrame
    city_focus: pd.DataFrame
    milestones: pd.DataFrame

    @cached_property
    def coverage(self) -> pd.DataFrame:
        """City × programme statuses of the shown cities and programmes (size: their product)."""
        return self.model.coverage_grid(self.cities["city_id"], self.programmes["programme_id"])


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
    )


def apply_filters(model: Model, filters: Filters) -> View:
    """Apply ``filters`` (assumed sanitised) to ``model``."""
    programmes = model.programmes
    focus_areas = model.focus_areas
    if filters.focus_areas:
        focus_areas = focus_areas.loc[isin(focus_areas["focus_area_id"], filters.focus_areas)]
        programmes = programmes.loc[isin(programmes["programme_id"], focus_areas["programme_id"])]
    if filters.programmes:
        programmes = programmes.loc[isin(programmes["programme_id"], filters.programmes)]
        focus_areas = focus_areas.loc[isin(focus_areas["programme_id"], filters.programmes)]
    if filters.years:
        low, high = filters.years
        ends = programmes["end_last"].dt.year.fillna(high)
        programmes = programmes.loc[(programmes["start_first"].dt.year <= high) & (ends >= low)]
        focus_areas = focus_areas.loc[isin(focus_areas["programme_id"], programmes["programme_id"])]

    cities = model.cities
    participation = model.participation
    city_focus = model.city_focus
    if filters.cities:
        cities = cities.loc[isin(cities["city_id"], filters.cities)]
        participation = participation.loc[isin(participation["city_id"], filters.cities)]
        city_focus = city_focus.loc[isin(city_focus["city_id"], filters.cities)]
    if len(programmes) < len(model.programmes):
        participation = participation.loc[isin(participation["programme_id"], programmes["programme_id"])]
    if len(focus_areas) < len(model.focus_areas):
        city_focus = city_focus.loc[isin(city_focus["focus_area_id"], focus_areas["focus_area_id"])]
    map_cities = cities
    if filters.narrows_by_programme:
        taking_part = city_focus["city_id"] if filters.focus_areas else participation["city_id"]
        map_cities = cities.loc[isin(cities["city_id"], taking_part)]
    return View(
        model=model,
        filters=filters,
        cities=cities,
        map_cities=map_cities,
        programmes=programmes,
        focus_areas=focus_areas,
        participation=participation,
        city_focus=city_focus,
        milestones=_milestones(model.milestones, filters, programmes),
    )


def _milestones(milestones: pd.DataFrame, filters: Filters, programmes: pd.DataFrame) -> pd.DataFrame:
    """Milestones in the years, of the chosen programmes, naming a chosen city."""
    keep = pd.Series(True, index=milestones.index)
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
