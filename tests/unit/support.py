"""Shared helpers for the unit tests: fixture paths and small CSV edits.

The tiny fixture (``tests/fixtures/tiny``) has one record per physical line, so
"line N" of a tiny file is simply its N-th line (the header is line 1).
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

from tracker import LoadResult, Problem, load_dataset

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT / "data"
TINY_DIR = REPO_ROOT / "tests" / "fixtures" / "tiny"
CORPUS_FILE = REPO_ROOT / "tests" / "fixtures" / "corpus" / "cases.toml"

TABLE_FILES: tuple[str, ...] = (
    "sources.csv",
    "cities.csv",
    "programmes.csv",
    "focus_areas.csv",
    "participation.csv",
    "milestones.csv",
)

Located = tuple[str, int | None, str | None, str | None]
"""A problem's place and value: (file, line, column, value)."""


def tiny_text(file: str) -> str:
    """The text of one file of the tiny fixture."""
    return (TINY_DIR / file).read_text(encoding="utf-8")


def copy_tiny(destination: Path) -> Path:
    """Copy the tiny fixture to ``destination`` (created) and return it."""
    shutil.copytree(TINY_DIR, destination, dirs_exist_ok=True)
    return destination


def _row_text(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(cells)  # quotes cells holding newlines
    return out.getvalue().removesuffix("\n")


def set_cell(text: str, line: int, column: str, value: str) -> str:
    """Replace the cell of ``column`` on physical ``line`` (one record per line)."""
    lines = text.split("\n")
    header = next(csv.reader([lines[0]]))
    cells = next(csv.reader([lines[line - 1]]))
    cells[header.index(column)] = value
    lines[line - 1] = _row_text(cells)
    return "\n".join(lines)


def replace_line(text: str, line: int, new: str) -> str:
    """Replace physical ``line`` by the raw text ``new``."""
    lines = text.split("\n")
    lines[line - 1] = new
    return "\n".join(lines)


def drop_column(text: str, column: str) -> str:
    """Remove ``column`` from the header and from every row."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    position = rows[0].index(column)
    return "".join(_row_text([c for i, c in enumerate(row) if i != position]) + "\n" for row in rows)


def write(directory: Path, file: str, text: str) -> None:
    """Write a data file as UTF-8 with ``\\n`` line endings."""
    (directory / file).write_bytes(text.encode("utf-8"))


def edit_cell(directory: Path, file: str, line: int, column: str, value: str) -> None:
    """Edit one cell of a data file in place."""
    write(directory, file, set_cell((directory / file).read_text(encoding="utf-8"), line, column, value))


def load_tiny_with(file: str, data: bytes) -> LoadResult:
    """Load the tiny fixture with one file replaced by ``data`` (as an upload)."""
    return load_dataset(TINY_DIR, overrides={file: data})


def located(problems: list[Problem]) -> list[Located]:
    """Where each problem is, in order."""
    return [(p.file, p.line, p.column, p.value) for p in problems]


def run_cli(*args: str, cwd: Path = REPO_ROOT, module: str = "tracker") -> subprocess.CompletedProcess[str]:
    """Run ``python -m <module>`` and capture its output; it must never print a traceback."""
    completed = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert "Traceback" not in completed.stdout + completed.stderr
    return completed
