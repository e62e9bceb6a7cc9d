"""Load → validate → model for one data directory, in one call."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from tracker.load import RawTable, read_bytes, read_table
from tracker.model import Model, build_model
from tracker.problems import Problem, errors
from tracker.schema import TABLES
from tracker.validate import check_references, check_table

PROJECT_DIR = Path(__file__).resolve().parent.parent
DATA_DIR_VARIABLE = "TRACKER_DATA_DIR"


def default_data_dir() -> Path:
    """``$TRACKER_DATA_DIR`` if set, else ``data/`` beside ``dashboard.py``."""
    configured = os.environ.get(DATA_DIR_VARIABLE)
    return Path(configured).expanduser() if configured else PROJECT_DIR / "data"


@dataclass(frozen=True)
class LoadResult:
    """What loading a data directory gave: a model when valid, and all problems."""

    model: Model | None
    problems: list[Problem] = field(default_factory=list)
    encodings: Mapping[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when the data is valid (warnings allowed)."""
        return self.model is not None


def file_identity(data_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """(name, size, mtime_ns) of every table file: changes whenever a file does."""
    identity = []
    for spec in TABLES:
        path = data_dir / spec.file_name
        try:
            stat = path.stat()
            identity.append((spec.file_name, stat.st_size, stat.st_mtime_ns))
        except OSError:
            identity.append((spec.file_name, -1, -1))
    return tuple(identity)


def load_dataset(data_dir: Path, overrides: Mapping[str, bytes] | None = None) -> LoadResult:
    """Read, check and model every table of ``data_dir``.

    ``overrides`` maps a file name (``cities.csv``) to bytes that replace that
    file, as an upload does; nothing is written to disk.
    """
    overrides = overrides or {}
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    for spec in TABLES:
        if spec.file_name in overrides:
            table, found = read_bytes(overrides[spec.file_name], spec.file_name)
        else:
            table, found = read_table(data_dir / spec.file_name)
        problems += found
        if table is not None:
            problems += check_table(table, spec)
            tables[spec.name] = table
    if len(tables) == len(TABLES):
        problems += check_references(tables)
    encodings = {name: table.encoding for name, table in tables.items()}
    if errors(problems) or len(tables) != len(TABLES):
        return LoadResult(None, problems, encodings)
    return LoadResult(build_model(tables, data_dir, _data_date(data_dir)), problems, encodings)


def _data_date(data_dir: Path) -> date:
    """The day the newest table file was last changed (today if none exist)."""
    stamps = [stamp for _, size, stamp in file_identity(data_dir) if size >= 0]
    if not stamps:
        return date.today()
    return datetime.fromtimestamp(max(stamps) / 1e9).date()
