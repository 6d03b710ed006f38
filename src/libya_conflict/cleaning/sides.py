"""Actors mapped to the side (coalition) they were on at the date of each event.

The crosswalk (:mod:`libya_conflict.reference.crosswalk`) may give one name several sides over
time. Names it does not know map to ``unknown`` and are reported with counts; they are never
guessed.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from libya_conflict.reference.crosswalk import UNKNOWN, Entry, crosswalk


def map_coalitions(actors: pd.Series, dates: pd.Series, dataset: pd.Series) -> pd.Series:
    """Map actor names to coalition keys for the date of each event.

    Parameters
    ----------
    actors : pandas.Series
        Actor names ("" when the event has no such actor).
    dates : pandas.Series
        Event dates (datetime64).
    dataset : pandas.Series
        ``acled`` or ``ucdp`` per event.

    Returns
    -------
    pandas.Series
        Coalition keys; NA where the actor is empty; ``unknown`` where the crosswalk has no
        entry or no period covering the date.

    """
    walk = crosswalk()
    out = pd.Series(pd.NA, index=actors.index, dtype="object")
    frame = pd.DataFrame({"actor": actors, "dataset": dataset, "date": dates.dt.date})
    for (actor, ds), group in frame[actors.ne("")].groupby(["actor", "dataset"], sort=False):
        entry = walk.find(actor, ds)
        if entry is None:
            out.loc[group.index] = UNKNOWN
            continue
        out.loc[group.index] = [_period_coalition(entry, day) for day in group["date"]]
    return out


def _period_coalition(entry: Entry, day: date) -> str:
    for period in entry.periods:
        started = period.start is None or day >= period.start
        if started and (period.end is None or day <= period.end):
            return period.coalition
    return UNKNOWN
