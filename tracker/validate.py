"""Checks of the tables against :mod:`tracker.schema`, collecting every problem.

Each check is vectorised over a column; messages name the file, the line (header
is line 1), the column and the bad value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import pandas as pd

from tracker.dates import DateError, parse_partial_date
from tracker.load import LINE_COLUMN, RawTable
from tracker.problems import Problem
from tracker.schema import SPECS, DateOrder, TableSpec

_ADCODE = re.compile(r"^[0-9]{6}$")
_COUNT = re.compile(r"^[1-9][0-9]{0,8}$")
_RANGES = {"latitude": (-90.0, 90.0), "longitude": (-180.0, 180.0)}


def split_list(cell: object) -> list[str]:
    """Split a semicolon-separated cell into its non-blank items."""
    if not isinstance(cell, str):
        return []
    return [item.strip() for item in cell.split(";") if item.strip()]


def check_table(table: RawTable, spec: TableSpec) -> list[Problem]:
    """Check one table on its own: columns, blanks, numbers, dates, choices, ids."""
    problems = _column_problems(table, spec)
    present = set(table.header)
    frame = table.frame
    list_columns = {ref.column for ref in spec.references if ref.many}
    for column in spec.required:
        if column in present:
            blank = frame[column].isna()
            if column in list_columns:
                blank |= frame[column].map(lambda cell: not split_list(cell)).astype("bool")
            problems += _each(table, blank, column, "required cell is blank")
    for column in spec.coordinates:
        if column in present:
            problems += _coordinate_problems(table, column)
    for column in spec.codes:
        if column in present:
            bad = frame[column].notna() & ~frame[column].fillna("").str.fullmatch(_ADCODE.pattern)
            problems += _each(table, bad, column, "is not a six-digit administrative code (GB/T 2260)")
    for column in spec.dates:
        if column in present:
            problems += _date_problems(table, column)
    for column in spec.counts:
        if column in present:
            bad = frame[column].notna() & ~frame[column].fillna("").str.fullmatch(_COUNT.pattern)
            problems += _each(table, bad, column, "is not a positive whole number")
    for order in spec.order:
        if {order.earlier, order.later} <= present:
            problems += _order_problems(table, order)
    for column, allowed in spec.choices.items():
        if column in present:
            bad = frame[column].notna() & ~frame[column].isin(allowed)
            problems += _each(table, bad, column, f"must be one of: {', '.join(allowed)}")
    if all(column in present for column in spec.key):
        problems += _duplicate_problems(table, spec)
    return problems


def _column_problems(table: RawTable, spec: TableSpec) -> list[Problem]:
    present = set(table.header)
    problems = [
        Problem(table.file, 1, column, None, "required column is missing from the header")
        for column in spec.columns
        if column not in present
    ]
    known = set(spec.columns) | set(spec.optional)
    problems += [
        Problem(table.file, 1, column, None, "unknown column (ignored)", "warning")
        for column in table.header
        if column not in known
    ]
    return problems


def _each(table: RawTable, mask: pd.Series, column: str, message: str) -> list[Problem]:
    """One problem per row where ``mask`` is true."""
    if not mask.any():
        return []
    rows = table.frame.loc[mask, [LINE_COLUMN, column]]
    return [
        Problem(table.file, int(line), column, None if pd.isna(value) else str(value), message)
        for line, value in rows.itertuples(index=False, name=None)
    ]


def _coordinate_problems(table: RawTable, column: str) -> list[Problem]:
    text = table.frame[column]
    numbers = pd.to_numeric(text, errors="coerce")
    not_number = text.notna() & (numbers.isna() | ~numbers.abs().lt(float("inf")))
    low, high = _RANGES[column]
    out_of_range = numbers.notna() & ~not_number & ((numbers < low) | (numbers > high))
    return _each(table, not_number, column, "is not a number") + _each(
        table, out_of_range, column, f"is out of range ({low:g} to {high:g})"
    )


def _date_problems(table: RawTable, column: str) -> list[Problem]:
    problems = []
    frame = table.frame
    for line, value in frame.loc[frame[column].notna(), [LINE_COLUMN, column]].itertuples(index=False, name=None):
        try:
            parse_partial_date(value)
        except DateError as exc:
            problems.append(Problem(table.file, int(line), column, value, str(exc)))
    return problems


def _order_problems(table: RawTable, order: DateOrder) -> list[Problem]:
    """Rows whose two dates are out of order, by what each date may mean (its first and last day).

    Strict: ``earlier`` must be able to fall before ``later`` (its first day before the
    last day of ``later``). Not strict: ``later`` must not lie wholly before ``earlier``
    (its last day not before the first day of ``earlier``). Unreadable dates are
    reported by the date check and skipped here.
    """
    frame = table.frame
    rows = frame.loc[frame[order.earlier].notna() & frame[order.later].notna()]
    columns = [LINE_COLUMN, order.earlier, order.later, order.column]
    problems = []
    for line, earlier_text, later_text, shown in rows[columns].itertuples(index=False, name=None):
        try:
            earlier, later = parse_partial_date(earlier_text), parse_partial_date(later_text)
        except DateError:
            continue
        wrong = earlier.first >= later.last if order.strict else later.last < earlier.first
        if wrong:
            other = order.later if order.column == order.earlier else order.earlier
            other_value = later_text if other == order.later else earlier_text
            message = f"{order.message} ({other} is {other_value})"
            problems.append(Problem(table.file, int(line), order.column, shown, message))
    return problems


def _duplicate_problems(table: RawTable, spec: TableSpec) -> list[Problem]:
    frame = table.frame
    keys = frame[list(spec.key)]
    duplicated = keys.notna().all(axis=1) & keys.duplicated(keep="first")
    if not duplicated.any():
        return []
    first_lines = frame.groupby(list(spec.key), dropna=True)[LINE_COLUMN].min()
    problems = []
    column = spec.key[-1] if len(spec.key) > 1 else spec.key[0]
    for _, row in frame.loc[duplicated].iterrows():
        key = tuple(row[c] for c in spec.key)
        first = first_lines.loc[key if len(key) > 1 else key[0]]
        shown = ", ".join(key)
        problems.append(
            Problem(table.file, int(row[LINE_COLUMN]), column, shown, f"duplicate id (first used on line {int(first)})")
        )
    return problems


def check_references(tables: Mapping[str, RawTable]) -> list[Problem]:
    """Check that every id a table names exists in the table it refers to."""
    ids = {
        name: set(table.frame[SPECS[name].key[0]].dropna())
        for name, table in tables.items()
        if len(SPECS[name].key) == 1 and SPECS[name].key[0] in table.header
    }
    problems: list[Problem] = []
    for name, table in tables.items():
        for ref in SPECS[name].references:
            if ref.column not in table.header or ref.table not in ids:
                continue
            known = ids[ref.table]
            frame = table.frame.loc[table.frame[ref.column].notna(), [LINE_COLUMN, ref.column]]
            for line, cell in frame.itertuples(index=False, name=None):
                items = split_list(cell) if ref.many else [cell]
                for item in _unknown(items, known):
                    message = f"unknown id: no row of {ref.table}.csv has this id"
                    problems.append(Problem(table.file, int(line), ref.column, item, message))
    problems += _focus_area_programme_problems(tables)
    return problems


def _unknown(items: Iterable[str], known: set[str]) -> list[str]:
    return [item for item in items if item not in known]


def _focus_area_programme_problems(tables: Mapping[str, RawTable]) -> list[Problem]:
    """A participation row may only name focus areas of its own programme."""
    if "participation" not in tables or "focus_areas" not in tables:
        return []
    areas = tables["focus_areas"].frame
    if not {"focus_area_id", "programme_id"} <= set(areas.columns):
        return []
    owner = dict(zip(areas["focus_area_id"], areas["programme_id"], strict=True))
    part = tables["participation"]
    if not {"focus_area_ids", "programme_id"} <= set(part.header):
        return []
    problems = []
    for line, programme, cell in part.frame[[LINE_COLUMN, "programme_id", "focus_area_ids"]].itertuples(
        index=False, name=None
    ):
        if not isinstance(programme, str):
            continue
        for item in split_list(cell):
            if item in owner and isinstance(owner[item], str) and owner[item] != programme:
                message = f"focus area belongs to programme {owner[item]}, not {programme}"
                problems.append(Problem(part.file, int(line), "focus_area_ids", item, message))
    return problems
