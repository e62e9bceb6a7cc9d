"""C40 in China at a date: which programmes were running, which milestones had happened.

"At" a date means at its end, as in :mod:`tracker.membership`: as of ``2018`` is
on 31 December 2018. A programme whose start date covers that moment without
surely preceding it (``2018`` as of ``2018-05``) is *starting*: it may or may not
have begun.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

from tracker.dates import PartialDate

ProgrammeState = Literal["running", "starting", "ended", "not_started"]


def programme_states(programmes: pd.DataFrame, when: PartialDate) -> pd.Series:
    """Each programme's state at the end of ``when`` (indexed like ``programmes``)."""
    moment = pd.Timestamp(when.last)
    started = programmes["start_last"] <= moment
    starting = ~started & (programmes["start_first"] <= moment)
    ended = programmes["end_last"].notna() & (programmes["end_last"] < pd.Timestamp(when.first))
    state = pd.Series("not_started", index=programmes.index, dtype=object)
    return state.mask(starting, "starting").mask(started, "running").mask(started & ended, "ended")


def milestones_until(milestones: pd.DataFrame, when: PartialDate) -> pd.DataFrame:
    """Dated milestones that surely happened by the end of ``when`` (their last possible day is not later)."""
    return milestones.loc[milestones["dated"] & (milestones["date_last"] <= pd.Timestamp(when.last))]


@dataclass(frozen=True)
class Reach:
    """What the sources state about how many cities a programme reaches.

    ``listed``: the participating cities are listed (``count`` of them);
    ``at_least``: a number is stated but the cities are not named (``count`` is a
    lower bound); ``not_stated``: neither.
    """

    kind: Literal["listed", "at_least", "not_stated"]
    count: int | None


def programme_reach(programmes: pd.DataFrame, participation: pd.DataFrame, programme_id: str) -> Reach:
    """The :class:`Reach` of one programme of the model."""
    row = programmes.loc[programme_id]
    if row["participants"] == "listed":
        return Reach("listed", int((participation["programme_id"] == programme_id).sum()))
    count = row["participant_count"]
    if not pd.isna(count):
        return Reach("at_least", int(count))
    return Reach("not_stated", None)
