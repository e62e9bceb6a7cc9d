"""Reading CSV files as text: encoding detection and physical line numbers.

Every cell is read as a string, so ids like ``007`` and names like ``NA`` survive;
conversion to numbers and dates happens later, in :mod:`tracker.validate`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from tracker.problems import Problem

LINE_COLUMN = "_line"
ENCODINGS: tuple[str, ...] = ("utf-8", "gb18030")
MAX_FILE_BYTES = 20 * 1024 * 1024

_MAGIC = {
    b"PK\x03\x04": "a ZIP archive or an Excel .xlsx workbook",
    b"\xd0\xcf\x11\xe0": "an old Excel .xls or other Office file",
    b"%PDF": "a PDF document",
    b"\x1f\x8b": "a gzip archive",
}


@dataclass(frozen=True)
class RawTable:
    """One CSV file read as text.

    ``frame`` has one ``str`` column per header cell plus ``_line`` (the physical
    line where the row starts; the header is line 1). Blank cells are ``NA``.
    ``ragged`` lists rows whose cell count differs from the header's.
    """

    file: str
    frame: pd.DataFrame
    header: tuple[str, ...]
    encoding: str


def decode(raw: bytes, file: str) -> tuple[str | None, str, list[Problem]]:
    """Decode file bytes as UTF-8 (with or without BOM) or GB18030/GBK.

    Returns the text (``None`` when it cannot be read), the encoding used and any
    problems found.
    """
    for magic, what in _MAGIC.items():
        if raw.startswith(magic):
            return None, "binary", [_file_problem(file, f"is not a CSV text file: it looks like {what}")]
    if b"\x00" in raw:
        return (
            None,
            "binary",
            [_file_problem(file, "is not a CSV text file: it contains NUL bytes (UTF-16 or binary?)")],
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8"), "utf-8-sig", []
        except UnicodeDecodeError as exc:
            return None, "utf-8-sig", [_decode_problem(file, raw[3:], exc, offset=3)]
    failures: list[UnicodeDecodeError] = []
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding), encoding, []
        except UnicodeDecodeError as exc:
            failures.append(exc)
    # The encoding that read furthest points at the byte that is really wrong.
    return None, "unknown", [_decode_problem(file, raw, max(failures, key=lambda e: e.start))]


def _decode_problem(file: str, raw: bytes, exc: UnicodeDecodeError, offset: int = 0) -> Problem:
    before = raw[: exc.start]
    line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
    return Problem(
        file,
        line,
        None,
        None,
        f"cannot be decoded as UTF-8 or GB18030/GBK (byte 0x{raw[exc.start]:02x} at byte {exc.start + offset})",
    )


def _file_problem(file: str, message: str) -> Problem:
    return Problem(file, None, None, None, message)


def parse_csv(text: str, file: str, encoding: str) -> tuple[RawTable | None, list[Problem]]:
    """Parse decoded CSV text into a :class:`RawTable`, reporting structural problems."""
    problems: list[Problem] = []
    if not text.strip():
        return None, [_file_problem(file, "is empty: it needs a header row")]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[list[str]] = []
    lines: list[int] = []
    header: list[str] | None = None
    header_line = 1
    start = 1
    try:
        for row in reader:
            if header is None:
                if any(cell.strip() for cell in row):
                    header = [cell.strip() for cell in row]
                    header_line = start
            elif any(cell.strip() for cell in row):
                rows.append(row)
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        problems.append(Problem(file, start, None, None, f"is not valid CSV: {exc}"))
    if header is None or not any(header):
        return None, [*problems, _file_problem(file, "is empty: it needs a header row")]
    if header_line != 1:
        problems.append(Problem(file, 1, None, None, f"starts with blank lines; the header is on line {header_line}"))
    problems.extend(_header_problems(file, header, header_line))
    width = len(header)
    cells: list[list[str | None]] = []
    for line, row in zip(lines, rows, strict=True):
        if len(row) != width:
            problems.append(_ragged(file, line, header, row))
        padded = [*row[:width], *[""] * (width - len(row))]
        cells.append([cell.strip() or None for cell in padded])
    names = _unique_names(header)
    frame = (
        pd.DataFrame(cells, columns=names, dtype="str")
        if cells
        else pd.DataFrame({n: pd.Series(dtype="str") for n in names})
    )
    frame[LINE_COLUMN] = pd.Series(lines, dtype="int64")
    return RawTable(file, frame, tuple(names), encoding), problems


def _header_problems(file: str, header: list[str], line: int = 1) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for position, name in enumerate(header, start=1):
        if not name:
            problems.append(Problem(file, line, f"#{position}", "", "header cell is blank"))
        elif name in seen:
            problems.append(Problem(file, line, name, name, "column name appears twice in the header"))
        seen.add(name)
    return problems


def _unique_names(header: list[str]) -> list[str]:
    names: list[str] = []
    for position, name in enumerate(header, start=1):
        candidate = name or f"#{position}"
        while candidate in names:
            candidate = f"{candidate}#{position}"
        names.append(candidate)
    return names


def _ragged(file: str, line: int, header: list[str], row: list[str]) -> Problem:
    if len(row) > len(header):
        column = f"#{len(header) + 1}"
        value = row[len(header)]
        message = f"row has {len(row)} cells but the header has {len(header)} (extra cells)"
    else:
        column = header[len(row)] or f"#{len(row) + 1}"
        value = None
        message = f"row has {len(row)} cells but the header has {len(header)} (missing cells)"
    return Problem(file, line, column, value, message)


def read_table(path: Path) -> tuple[RawTable | None, list[Problem]]:
    """Read one CSV file from disk."""
    file = path.name
    if not path.is_file():
        return None, [_file_problem(file, "is missing")]
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return None, [_file_problem(file, f"is too large ({size:,} bytes; the limit is {MAX_FILE_BYTES:,})")]
    return read_bytes(path.read_bytes(), file)


def read_bytes(raw: bytes, file: str) -> tuple[RawTable | None, list[Problem]]:
    """Read one CSV file from bytes (a file on disk or an upload)."""
    text, encoding, problems = decode(raw, file)
    if text is None:
        return None, problems
    table, parse_problems = parse_csv(text, file, encoding)
    return table, problems + parse_problems
