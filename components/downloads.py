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


def view_tables(view: View) -> dict[str, pd.DataFrame]:
    """The six tables as in the CSV files, limited to what the filters show."""
    model = view.model
    participation = model.participation.loc[
        isin(model.participation["city_id"], view.cities["city_id"])
        & isin(model.participation["programme_id"], view.programmes["programme_id"])
    ]
    return {
        "cities": _csv_columns(view.cities, "cities"),
        "programmes": _csv_columns(view.programmes, "programmes"),
        "focus_areas": _csv_columns(view.focus_areas, "focus_areas"),
        "participation": _csv_columns(participation, "participation"),
        "milestones": _csv_columns(view.milestones, "milestones"),
        "sources": _csv_columns(model.sources, "sources"),
    }


def tables_zip(tables: dict[str, pd.DataFrame]) -> bytes:
    """A zip of formula-safe CSVs, one per table."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, frame in tables.items():
            archive.writestr(f"{name}.csv", to_safe_csv(frame))
    return buffer.getvalue()
