"""The model: typed tables and the derived tables the pages ask about.

Built once from valid raw tables (see :func:`tracker.dataset.load_dataset`) and
never mutated afterwards: every function here returns new frames.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from tracker.dates import parse_partial_date
from tracker.frames import isin
from tracker.load import LINE_COLUMN, RawTable
from tracker.names import add_display_columns
from tracker.schema import LANGS, SPECS
from tracker.validate import split_list

Status = Literal["in", "limited", "not_in", "not_stated"]
STATUSES: tuple[Status, ...] = ("in", "limited", "not_in", "not_stated")
NOT_STATED = "not stated"

_GRID_STATED = ("status", *(f"scope_{lang}" for lang in LANGS), "scope_adcode", "focus_area_ids", "start", "source_ids")
_GRID_COLUMNS = ("city_id", "programme_id", "order", *_GRID_STATED)


@dataclass(frozen=True, eq=False)
class Model:
    """All tables of one valid data directory, typed, plus derived tables.

    Tables: ``sources``, ``cities``, ``programmes``, ``focus_areas``,
    ``participation`` (with its ``status``: ``in`` or ``limited``), ``milestones``
    (as in the CSVs, typed; dated ones first by date, then those whose date is not
    stated, ``dated`` false and ``year`` blank), and derived ``city_focus`` (one row per city and
    focus area it works on). The full city × programme grid grows with the
    product of both counts, so it is never stored: :meth:`coverage_grid` builds
    it for the cities and programmes a view shows.

    ``token`` names this build: a new one for every :func:`build_model`, kept by a copy
    (``st.cache_data`` hands each script run an unpickled copy of the cached model). Two
    models are equal, and hash alike, exactly when their tokens are: a copy of a build
    holds the same tables, so pure derivations of a model can be memoised on the model
    itself (``functools.lru_cache``) and stay valid across script runs and sessions.
    """

    sources: pd.DataFrame
    cities: pd.DataFrame
    programmes: pd.DataFrame
    focus_areas: pd.DataFrame
    participation: pd.DataFrame
    milestones: pd.DataFrame
    city_focus: pd.DataFrame
    encodings: Mapping[str, str]
    data_dir: Path
    data_date: date
    years: tuple[int, int]
    token: str = field(default_factory=lambda: uuid.uuid4().hex)

    def __eq__(self, other: object) -> bool:
        """Copies of one build are equal (see ``token``); nothing else is."""
        return isinstance(other, Model) and other.token == self.token

    def __hash__(self) -> int:
        """The hash of the build's token."""
        return hash(self.token)

    @property
    def coverage(self) -> pd.DataFrame:
        """The whole city × programme grid (built on each access; prefer :meth:`coverage_grid`)."""
        return self.coverage_grid()

    def coverage_grid(self, city_ids: pd.Series | None = None, programme_ids: pd.Series | None = None) -> pd.DataFrame:
        """One row per city and programme: in, limited (scope), not in, or not stated.

        A city with a participation row is ``in`` (``limited`` when the row names a
        scope). Otherwise it is ``not_in`` when the programme's sources list all its
        participants, and ``not_stated`` when they do not. Rows run city by city in
        the cities' order, programmes in their order within each city.

        Built with dictionary lookups rather than merges: the grids pages ask for are
        small (one city, or a capped matrix), where a pandas merge costs milliseconds.
        """
        cities = self.cities["city_id"]
        participation = self.participation
        if city_ids is not None:
            cities = cities.loc[isin(cities, city_ids)]
            participation = participation.loc[isin(participation["city_id"], cities)]
        programmes = self.programmes
        if programme_ids is not None:
            programmes = programmes.loc[isin(programmes["programme_id"], programme_ids)]
        stated = {
            (programme, city): row
            for programme, city, *row in zip(
                participation["programme_id"],
                participation["city_id"],
                *(participation[column] for column in _GRID_STATED),
                strict=True,
            )
        }
        missing = (np.nan,) * (len(_GRID_STATED) - 1)
        plan = list(zip(programmes["programme_id"], programmes["participants"], programmes["order"], strict=True))
        rows = []
        for city in cities:
            for programme, participants, order in plan:
                row = stated.get((programme, city))
                if row is None:
                    row = ("not_in" if participants == "listed" else "not_stated", *missing)
                rows.append((city, programme, order, *row))
        grid = pd.DataFrame(rows, columns=_GRID_COLUMNS, dtype=object)
        grid["order"] = grid["order"].astype("int64")
        return grid

    @property
    def year_range(self) -> tuple[int, int]:
        """The first and last year any date in the data touches (last: data date)."""
        return self.years


def _frame(table: RawTable) -> pd.DataFrame:
    """The table's frame with every optional column present and the key as index."""
    spec = SPECS[table.file.removesuffix(".csv")]
    frame = table.frame.copy()
    for column in (*spec.columns, *spec.optional):
        if column not in frame.columns:
            frame[column] = pd.Series(pd.NA, index=frame.index, dtype="str")
    return frame


def _date_columns(frame: pd.DataFrame, column: str, prefix: str) -> pd.DataFrame:
    """Add ``{prefix}_first``, ``_last``, ``_middle`` (timestamps) and ``_precision``."""
    parsed = [parse_partial_date(v) if isinstance(v, str) else None for v in frame[column]]
    frame[f"{prefix}_first"] = pd.to_datetime([p.first if p else None for p in parsed])
    frame[f"{prefix}_last"] = pd.to_datetime([p.last if p else None for p in parsed])
    frame[f"{prefix}_middle"] = pd.to_datetime([p.middle if p else None for p in parsed])
    frame[f"{prefix}_precision"] = pd.Series([p.precision if p else pd.NA for p in parsed], dtype="str")
    return frame


def build_model(tables: Mapping[str, RawTable], data_dir: Path, data_date: date) -> Model:
    """Type the validated tables and derive coverage and focus tables."""
    sources = _frame(tables["sources"]).set_index("source_id", drop=False)
    cities = _frame(tables["cities"])
    cities["latitude"] = cities["latitude"].astype("float64")
    cities["longitude"] = cities["longitude"].astype("float64")
    cities = _date_columns(cities, "joined_c40", "joined")
    cities = _date_columns(cities, "member_by", "member_by")
    cities = _date_columns(cities, "applying_on", "applying")
    programmes = _date_columns(_frame(tables["programmes"]), "start", "start")
    programmes = _date_columns(programmes, "end", "end")
    programmes["participants"] = programmes["participants"].fillna(NOT_STATED)
    programmes["participant_count"] = pd.to_numeric(programmes["participant_count"]).astype("Int64")
    programmes["order"] = range(len(programmes))
    focus_areas = _frame(tables["focus_areas"])
    focus_areas["status"] = focus_areas["status"].fillna("core")
    participation = _date_columns(_frame(tables["participation"]), "start", "start")
    milestones = _date_columns(_frame(tables["milestones"]), "date", "date")
    milestones["dated"] = milestones["date_first"].notna()
    milestones["year"] = milestones["date_first"].dt.year.astype("Int64")
    milestones = milestones.sort_values(["date_first", "milestone_id"], kind="stable", na_position="last").reset_index(
        drop=True
    )

    add_display_columns(cities, programmes, focus_areas)
    participation["status"] = _participation_status(participation)
    participation["order"] = participation["programme_id"].map(programmes.set_index("programme_id")["order"])
    city_focus = _city_focus(participation, focus_areas)
    counts = participation.sort_values("order").groupby("city_id")["programme_id"]
    cities["programme_count"] = cities["city_id"].map(counts.size()).fillna(0).astype("int64")
    cities["programme_ids"] = cities["city_id"].map(counts.agg(";".join)).astype("str").fillna("")
    return Model(
        sources=_final(sources),
        cities=_final(cities).set_index("city_id", drop=False),
        programmes=_final(programmes).set_index("programme_id", drop=False),
        focus_areas=_final(focus_areas).set_index("focus_area_id", drop=False),
        participation=_final(participation),
        milestones=_final(milestones),
        city_focus=_final(city_focus),
        encodings={name: table.encoding for name, table in tables.items()},
        data_dir=data_dir,
        data_date=data_date,
        years=_years(milestones, programmes, cities, data_date),
    )


def _years(milestones: pd.DataFrame, programmes: pd.DataFrame, cities: pd.DataFrame, today: date) -> tuple[int, int]:
    """The first year any date touches, and the data date's year (computed once per load)."""
    years = [
        *milestones["year"].dropna().tolist(),
        *programmes["start_first"].dt.year.tolist(),
        *cities["joined_first"].dropna().dt.year.tolist(),
        *cities["member_by_first"].dropna().dt.year.tolist(),
        *cities["applying_first"].dropna().dt.year.tolist(),
    ]
    first = int(min(years)) if years else today.year
    return first, max(first, today.year)


OBJECT_TEXT_MAX_CELLS = 50_000
"""Tables with at most this many text cells keep their text as Python strings (see :func:`_final`)."""


def _final(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame without the bookkeeping line-number column, laid out for the pages' work.

    Small tables get their text as one consolidated block of Python strings (``object``):
    pandas 3 keeps each Arrow-backed string column in a block of its own, so selecting rows
    of a 30-column table costs about 0.5 ms per selection against 0.08 ms for one object
    block, and pages select rows many times per rerun. Large tables keep Arrow-backed text:
    there the per-row work dominates, and Arrow buffers unpickle without creating a Python
    string per cell (``st.cache_data`` unpickles the model on every rerun: 13,000 cities
    as Python strings cost about 30 ms per rerun and hundreds of MB). Missing text is
    ``NaN`` either way.
    """
    frame = frame.drop(columns=[LINE_COLUMN], errors="ignore")
    text = [column for column in frame.columns if frame[column].dtype == "str"]
    if len(frame) * len(text) <= OBJECT_TEXT_MAX_CELLS:
        frame = frame.astype(dict.fromkeys(text, object))
    frame = frame.copy()
    frame.columns = frame.columns.astype(object)  # column lookups without Arrow scalars
    return frame


def _participation_status(participation: pd.DataFrame) -> pd.Series:
    """``limited`` where a row names a scope (an area code or a scope in any language), else ``in``."""
    scoped = participation["scope_adcode"].notna()
    for lang in LANGS:
        scoped |= participation[f"scope_{lang}"].notna()
    return pd.Series("in", index=participation.index, dtype="str").mask(scoped, "limited")


def _city_focus(participation: pd.DataFrame, focus_areas: pd.DataFrame) -> pd.DataFrame:
    """One row per city and focus area named in its participation rows."""
    columns = ["city_id", "programme_id", "focus_area_id", "source_ids"]
    rows = [
        (city, programme, area, sources)
        for city, programme, cell, sources in zip(
            participation["city_id"],
            participation["programme_id"],
            participation["focus_area_ids"],
            participation["source_ids"],
            strict=True,
        )
        for area in split_list(cell)
    ]
    long = pd.DataFrame(rows, columns=columns, dtype="str")
    known = isin(long["focus_area_id"], focus_areas["focus_area_id"])
    return long.loc[known].reset_index(drop=True)
