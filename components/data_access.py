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

_LAST_GOOD: OrderedDict[str, Model] = OrderedDict()
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


def _current(data_dir: Path | None, uploads: Mapping[str, bytes] | None) -> tuple[LoadResult, str]:
    """The cached load of the data directory as it is now, and its last-good slot name."""
    directory = (data_dir or default_data_dir()).resolve()
    key = uploads_key(uploads or {})
    return _load(str(directory), file_identity(directory), key, dict(uploads or {})), f"{directory}|{key}"


def load_app_data(data_dir: Path | None = None, uploads: Mapping[str, bytes] | None = None) -> AppData:
    """The current data; when the files are invalid, the last valid data and the problems.

    ``st.cache_data`` hands every call an unpickled copy of the cached model. A copy of the build
    the last-good store already holds (same ``Model.token``) is dropped and the stored model is
    returned: every run of every session then uses one object per build, which the memoised
    derivations (``functools.lru_cache`` keyed on the model) hold once instead of one copy per
    entry, and which no session keeps a copy of. The model is never changed, so sharing it is safe.
    """
    result, slot = _current(data_dir, uploads)
    with _LOCK:
        if result.model is not None:
            known = _LAST_GOOD.get(slot)
            model = known if known == result.model else result.model  # equal: a copy of the same build
            _LAST_GOOD[slot] = model
            _LAST_GOOD.move_to_end(slot)
            while len(_LAST_GOOD) > SLOTS:
                _LAST_GOOD.popitem(last=False)  # the least recently used slot
            return AppData(model, result.problems)
        last = _LAST_GOOD.get(slot)
        if last is not None:
            _LAST_GOOD.move_to_end(slot)
    return AppData(last, result.problems, stale=last is not None)


def validate_upload(data_dir: Path | None, uploads: Mapping[str, bytes]) -> LoadResult:
    """Load the data directory with ``uploads`` replacing files (cached like any load)."""
    return _current(data_dir, uploads)[0]
