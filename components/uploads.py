"""Session-only replacement CSVs: checked on the server, never written to disk."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from tracker import Problem
from tracker.schema import TABLES

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
TABLE_FILES: tuple[str, ...] = tuple(spec.file_name for spec in TABLES)


class Upload(Protocol):
    """What Streamlit's ``UploadedFile`` offers that we use."""

    name: str
    size: int

    def getvalue(self) -> bytes:
        """The file's bytes."""
        ...


@dataclass(frozen=True)
class UploadCheck:
    """Accepted files (table file name → bytes) and why others were refused."""

    accepted: dict[str, bytes] = field(default_factory=dict)
    refused: list[Problem] = field(default_factory=list)


def table_name(upload_name: str) -> str | None:
    """The data file an upload replaces, from its base name only (never used as a path)."""
    base = upload_name.replace("\\", "/").rsplit("/", 1)[-1].strip().lower()
    return base if base in TABLE_FILES else None


def check_uploads(uploads: Iterable[Upload], limit: int = MAX_UPLOAD_BYTES) -> UploadCheck:
    """Enforce name and size limits on the server before anything is parsed."""
    accepted: dict[str, bytes] = {}
    refused: list[Problem] = []
    for upload in uploads:
        shown = upload.name[:80]
        name = table_name(upload.name)
        if name is None:
            refused.append(Problem(shown, None, None, None, f"is not one of the data files ({', '.join(TABLE_FILES)})"))
            continue
        if upload.size > limit:
            refused.append(Problem(name, None, None, None, f"is too large ({upload.size:,} bytes; limit {limit:,})"))
            continue
        raw = upload.getvalue()
        if len(raw) > limit:
            refused.append(Problem(name, None, None, None, f"is too large ({len(raw):,} bytes; limit {limit:,})"))
            continue
        accepted[name] = raw
    return UploadCheck(accepted, refused)


def merged(current: Mapping[str, bytes] | None, new: Mapping[str, bytes]) -> dict[str, bytes]:
    """The session's upload set after adding ``new`` (a newer file replaces an older one)."""
    return {**(current or {}), **new}
