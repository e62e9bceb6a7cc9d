"""Membership of C40 at a date: member, not yet a member, or not known.

The sources give each city at most three facts about its membership, each a
partial date (see :mod:`tracker.dates`): when it joined (``joined_c40``), a date
by which a source shows it as a member (``member_by``), and a date on which a
source shows it applying, so not yet a member (``applying_on``).

"As of" a date means at the end of it: as of ``2016-12`` is on 31 December 2016,
as of ``2017`` on 31 December 2017. Precision is kept on both sides, so a city
that joined in ``2014`` is *not known* as of ``2014-03`` (it may have joined in
April) and a *member* as of ``2014``.

- A stated joining date decides: member once it has surely passed, not yet while
  it surely lies ahead, not known while the as-of moment falls within it.
- Otherwise a ``member_by`` date that has surely passed makes the city a member
  (no source states a city leaving C40).
- Otherwise an as-of date that meets the applying date makes it *not yet* (it was
  applying then). Before that date the sources say nothing: *not known*, as
  everywhere else between the bounds. A not-known city is never shown as a member
  or as a non-member.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

from tracker.dates import PartialDate, parse_partial_date
from tracker.validate import split_list

Status = Literal["member", "not_yet", "not_known"]
STATUSES: tuple[Status, ...] = ("member", "not_yet", "not_known")
Basis = Literal["joined", "member_by", "applying_on", "none"]
"""Which fact decided a status (``none``: no fact reaches the date)."""


@dataclass(frozen=True)
class Bounds:
    """What the sources state about one city's membership (text as in the data, or ``None``)."""

    joined: str | None
    member_by: str | None
    applying_on: str | None
    applying_certainty: str
    source_ids: tuple[str, ...]


@dataclass(frozen=True)
class Membership:
    """One city's membership as of a date, and the fact that decided it."""

    city_id: str
    status: Status
    basis: Basis
    bounds: Bounds

    @property
    def certainty(self) -> str:
        """``reported`` when a reported fact decided the status, else ``verified``."""
        return self.bounds.applying_certainty if self.basis == "applying_on" else "verified"


def as_of(text: str) -> PartialDate:
    """Parse an as-of date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``); raises :class:`~tracker.dates.DateError`."""
    return parse_partial_date(text)


def _decide(cities: pd.DataFrame, when: PartialDate) -> tuple[pd.Series, pd.Series]:
    """Each city's status and the fact that decided it (vectorised: one comparison per column)."""
    moment = pd.Timestamp(when.last)
    start = pd.Timestamp(when.first)
    joined_known = cities["joined_first"].notna()
    by_member = ~joined_known & (cities["member_by_last"] <= moment)
    by_applying = ~joined_known & ~by_member & (cities["applying_first"] <= moment) & (cities["applying_last"] >= start)
    member = (joined_known & (cities["joined_last"] <= moment)) | by_member
    not_yet = (joined_known & (cities["joined_first"] > moment)) | by_applying
    status = pd.Series("not_known", index=cities.index, dtype=object).mask(member, "member").mask(not_yet, "not_yet")
    basis = pd.Series("none", index=cities.index, dtype=object)
    basis = basis.mask(joined_known, "joined").mask(by_member, "member_by").mask(by_applying, "applying_on")
    return status, basis


def statuses_at(cities: pd.DataFrame, when: PartialDate) -> pd.Series:
    """The status of every city (indexed like ``cities``) at the end of ``when``.

    ``cities`` is the model's city table (it has the ``joined_*``, ``member_by_*``
    and ``applying_*`` date columns).
    """
    return _decide(cities, when)[0]


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


_BOUND_COLUMNS = ("joined_c40", "member_by", "applying_on", "applying_certainty", "source_ids")


def _bounds(joined: object, member_by: object, applying_on: object, certainty: object, sources: object) -> Bounds:
    return Bounds(
        joined=_text(joined),
        member_by=_text(member_by),
        applying_on=_text(applying_on),
        applying_certainty=_text(certainty) or "verified",
        source_ids=tuple(split_list(sources)),
    )


def memberships_at(cities: pd.DataFrame, when: PartialDate) -> list[Membership]:
    """Every city's membership as of ``when``, with its bounds, in the table's order."""
    status, basis = (series.tolist() for series in _decide(cities, when))
    rows = zip(cities["city_id"].tolist(), *(cities[column].tolist() for column in _BOUND_COLUMNS), strict=True)
    return [
        Membership(str(city_id), status[position], basis[position], _bounds(*cells))
        for position, (city_id, *cells) in enumerate(rows)
    ]


def counts_at(cities: pd.DataFrame, when: PartialDate) -> dict[Status, int]:
    """How many cities are members, not yet members, and not known as of ``when``."""
    found = statuses_at(cities, when).value_counts()
    return {status: int(found.get(status, 0)) for status in STATUSES}


def bounds(cities: pd.DataFrame, city_id: str) -> Bounds:
    """What the sources state about one city's membership."""
    row = cities.loc[city_id]
    return _bounds(*(row[column] for column in _BOUND_COLUMNS))


def first_member_year(cities: pd.DataFrame) -> int | None:
    """The earliest year in which some city is known to be a member (``None`` if no city ever is)."""
    years = [
        *cities["joined_last"].dropna().dt.year.tolist(),
        *cities["member_by_last"].dropna().dt.year.tolist(),
    ]
    return int(min(years)) if years else None


def change_years(cities: pd.DataFrame, limit: int = 6) -> list[int]:
    """The years in which some city is first known to be a member (at most ``limit``, the latest kept).

    A presentation "over time" steps through these: each adds members.
    """
    years = {
        *cities["joined_last"].dropna().dt.year.tolist(),
        *cities.loc[cities["joined_first"].isna(), "member_by_last"].dropna().dt.year.tolist(),
    }
    return sorted(int(year) for year in years)[-limit:]
