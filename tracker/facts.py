"""The sourced facts of the milestones table as records: per city, per kind, dated or not.

A fact is one milestone row: a city joining, a programme step, an award won, a
finalist place, an event, a commitment or a leadership role (``kind``). Its date
may be blank, meaning *date not stated*: such a fact is listed but never placed
on a time axis.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from tracker.i18n import localized_cell
from tracker.schema import LANGS, MILESTONE_KINDS
from tracker.validate import split_list

PER_CITY_KINDS: tuple[str, ...] = ("award", "finalist", "event", "leadership", "commitment", "joined", "programme")
"""The order of a city's facts by kind, as the city panel and the compare page group them."""


@dataclass(frozen=True)
class Fact:
    """One milestone row, with its sources and certainty."""

    milestone_id: str
    kind: str
    date: str | None
    precision: str | None
    programme_id: str | None
    city_ids: tuple[str, ...]
    titles: Mapping[str, str | None]
    certainty: str
    source_ids: tuple[str, ...]

    @property
    def dated(self) -> bool:
        """True when a date is stated (the fact can go on a time axis)."""
        return self.date is not None

    def title(self, lang: str) -> str:
        """The title in ``lang`` (English, marked, where that language is blank)."""
        return localized_cell(self.titles, "title", lang) or self.milestone_id


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


_COLUMNS = ("milestone_id", "kind", "date", "date_precision", "programme_id", "city_ids", "certainty", "source_ids")
_TITLES = tuple(f"title_{lang}" for lang in LANGS)


def facts(milestones: pd.DataFrame) -> list[Fact]:
    """Every row of a (model) milestones frame as a :class:`Fact`, in the frame's order."""
    rows = zip(*(milestones[column].tolist() for column in (*_COLUMNS, *_TITLES)), strict=True)
    return [
        Fact(
            milestone_id=str(milestone_id),
            kind=str(kind),
            date=_text(date),
            precision=_text(precision),
            programme_id=_text(programme_id),
            city_ids=tuple(split_list(city_ids)),
            titles=dict(zip(_TITLES, (_text(title) for title in titles), strict=True)),
            certainty=_text(certainty) or "verified",
            source_ids=tuple(split_list(sources)),
        )
        for milestone_id, kind, date, precision, programme_id, city_ids, certainty, sources, *titles in rows
    ]


def city_facts(milestones: pd.DataFrame, city_id: str) -> list[Fact]:
    """The facts naming ``city_id``: dated ones by date, then those whose date is not stated."""
    named = [city_id in split_list(cell) for cell in milestones["city_ids"].tolist()]
    return facts(milestones.loc[named])


def by_kind(found: list[Fact], kinds: tuple[str, ...] = PER_CITY_KINDS) -> dict[str, list[Fact]]:
    """``found`` grouped by kind, in the order of ``kinds`` (every kind present, maybe empty)."""
    grouped: dict[str, list[Fact]] = {kind: [] for kind in (*kinds, *MILESTONE_KINDS)}
    for fact in found:
        grouped.setdefault(fact.kind, []).append(fact)
    return {kind: grouped[kind] for kind in dict.fromkeys((*kinds, *MILESTONE_KINDS))}


def award_years(milestones: pd.DataFrame, city_id: str) -> list[int]:
    """The years of the dated awards a city won, in order."""
    return [int(fact.date[:4]) for fact in city_facts(milestones, city_id) if fact.kind == "award" and fact.date]
