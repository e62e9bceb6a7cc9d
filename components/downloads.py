"""Download payloads: the (filtered) tables as formula-safe CSV, singly or zipped."""

from __future__ import annotations

import io
import zipfile

import pandas as pd

from tracker.filters import View
from tracker.frames import isin
from tracker.safety import to_safe_csv
from tracker.schema import SPECS


def _csv_columns(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    spec = SPECS[name]
    columns = [c for c in (*spec.columns, *spec.optional) if c in frame.columns]
    return frame[columns].reset_index(drop=True)


TABLES = ("cities", "programmes", "focus_areas", "participation", "milestones", "sources")


def view_table(view: View, name: str) -> pd.DataFrame:
    """One of the six tables (``TABLES``) as in its CSV file, limited to what the filters show."""
    model = view.model
    if name == "participation":
        frame = model.participation.loc[
            isin(model.participation["city_id"], view.cities["city_id"])
            & isin(model.participation["programme_id"], view.programmes["programme_id"])
        ]
    elif name == "sources":
        frame = model.sources
    elif name == "milestones":
        frame = view.all_milestones
    else:
        frame = getattr(view, name)
    return _csv_columns(frame, name)


def view_tables(view: View) -> dict[str, pd.DataFrame]:
    """All six tables, limited to what the filters show."""
    return {name: view_table(view, name) for name in TABLES}


def tables_zip(tables: dict[str, pd.DataFrame]) -> bytes:
    """A zip of formula-safe CSVs, one per table."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, frame in tables.items():
            archive.writestr(f"{name}.csv", to_safe_csv(frame))
    return buffer.getvalue()


def compare_csv(frame: pd.DataFrame) -> bytes:
    """The compare page's table as formula-safe CSV (the same frame the page shows)."""
    return to_safe_csv(frame)
