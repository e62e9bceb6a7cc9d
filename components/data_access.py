"""The one cached loader, and the last good data when an edit breaks the files."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st

from tracker import LoadResult, Model, Problem, default_data_dir, file_identity, load_dataset
from tracker.problems import errors

SLOTS = 16
"""How many loads are kept: the loader's cache entries, and as many last-good models (the
bundled data and the most recently used upload sets; every distinct upload set is a slot, so
an unbounded store would keep one model per uploading session for the life of the process)."""


@dataclass(frozen=True)
class _Held:
    """A slot's last good model, with the file identity and the warnings of the load that made it."""

    model: Model
    identity: tuple[tuple[str, int, int], ...]
    problems: list[Problem]


_LAST_GOOD: OrderedDict[str, _Held] = OrderedDict()
_LOCK = threading.Lock()


@dataclass(frozen=True)
class AppData:
    """What the pages show: a model (``None`` only if no valid data was ever seen).

    ``stale`` is True when the files on disk are invalid now and ``model`` is
    the last valid data; ``problems`` lists what is wrong (or warnings).
    """

    model: Model | None
    problems: list[Problem] = field(default_factory=list)
    stale: bool = False

    @property
    def errors(self) -> list[Problem]:
        """Problems that make the data invalid."""
        return errors(self.problems)


@st.cache_data(show_spinner=False, max_entries=SLOTS)
def _load(
    data_dir: str, identity: tuple[tuple[str, int, int], ...], uploads_key: str, _uploads: Mapping[str, bytes]
) -> LoadResult:
    """Load once per data directory identity (file names, sizes, mtimes) and upload set."""
    del identity, uploads_key  # part of the cache key only
    return load_dataset(Path(data_dir), overrides=_uploads)


def uploads_key(uploads: Mapping[str, bytes]) -> str:
    """A digest of an upload set, so equal uploads share one cache entry."""
    digest = hashlib.sha256()
    for name in sorted(uploads):
        digest.update(name.encode())
        digest.update(hashlib.sha256(uploads[name]).digest())
    return digest.hexdigest()


def _where(data_dir: Path | None, uploads: Mapping[str, bytes] | None) -> tuple[Path, str, str]:
    """The resolved data directory, the upload set's digest and the last-good slot name."""
    directory = (data_dir or default_data_dir()).resolve()
    key = uploads_key(uploads or {})
    return directory, key, f"{directory}|{key}"


def _current(data_dir: Path | None, uploads: Mapping[str, bytes] | None) -> LoadResult:
    """The cached load of the data directory as it is now."""
    directory, key, _ = _where(data_dir, uploads)
    return _load(str(directory), file_identity(directory), key, dict(uploads or {}))


def load_app_data(data_dir: Path | None = None, uploads: Mapping[str, bytes] | None = None) -> AppData:
    """The current data; when the files are invalid, the last valid data and the problems.

    ``st.cache_data`` hands every call an unpickled copy of the cached model. Every run of every
    session instead gets the one model of the build the last-good store holds: when the files'
    identity is the one that store's model was loaded from, the loader is not asked at all (its
    copy would be unpickled only to be dropped, a few ms of every run); when it is a new identity,
    the loader's result is stored, so the memoised derivations (``functools.lru_cache`` keyed on
    the model) hold one model per build and no session keeps a copy. The model is never changed,
    so sharing it is safe.
    """
    directory, key, slot = _where(data_dir, uploads)
    identity = file_identity(directory)
    with _LOCK:
        held = _LAST_GOOD.get(slot)
        if held is not None and held.identity == identity:
            _LAST_GOOD.move_to_end(slot)
            return AppData(held.model, held.problems)
    result = _load(str(directory), identity, key, dict(uploads or {}))
    with _LOCK:
        held = _LAST_GOOD.get(slot)
        if result.model is not None:
            model = held.model if held is not None and held.model == result.model else result.model
            _LAST_GOOD[slot] = _Held(model, identity, result.problems)
            _LAST_GOOD.move_to_end(slot)
            while len(_LAST_GOOD) > SLOTS:
                _LAST_GOOD.popitem(last=False)  # the least recently used slot
            return AppData(model, result.problems)
        if held is not None:
            _LAST_GOOD.move_to_end(slot)
    return AppData(held.model if held else None, result.problems, stale=held is not None)


def validate_upload(data_dir: Path | None, uploads: Mapping[str, bytes]) -> LoadResult:
    """Load the data directory with ``uploads`` replacing files (cached like any load)."""
    return _current(data_dir, uploads)
