"""Located data problems: one line each, naming file, line, column and value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One problem found in a data file.

    ``line`` counts physical lines in the file with the header as line 1; ``None``
    means the problem concerns the whole file. ``column`` is the column name, or
    ``None`` when no single column is concerned.
    """

    file: str
    line: int | None
    column: str | None
    value: str | None
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            shown = self.column if self.column.isprintable() else repr(self.column)
            where.append(f"column {shown}")
        shown = "" if self.value is None else f" {_quote(self.value)}:"
        label = "warning" if self.severity == "warning" else "error"
        return f"{', '.join(where)}: {label}:{shown} {self.message}"


def _quote(value: str, limit: int = 60) -> str:
    """Quote a cell value for a message, shortened and with control characters shown."""
    text = value if len(value) <= limit else value[: limit - 1] + "…"
    return repr(text)


def errors(problems: list[Problem]) -> list[Problem]:
    """Return only the problems that make the data invalid."""
    return [p for p in problems if p.severity == "error"]
