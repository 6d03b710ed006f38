"""Actors mapped to the side (coalition) they were on at the date of each event.

The crosswalk (:mod:`libya_conflict.reference.crosswalk`) may give one name several sides over
time. Names it does not know map to ``unknown`` and are reported with counts; they are never
guessed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from libya_conflict.reference.crosswalk import UNKNOWN, SidePeriod, crosswalk


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
    out = np.full(len(actors), pd.NA, dtype=object)
    named = actors.ne("").to_numpy(dtype=bool)
    # Whole days as numbers: comparing them is vectorised, unlike Python date objects per row.
    days = dates.to_numpy(dtype="datetime64[D]")
    positions = np.flatnonzero(named)
    frame = pd.DataFrame({"actor": actors.to_numpy()[named], "dataset": dataset.to_numpy()[named]})
    for (actor, ds), rows in frame.groupby(["actor", "dataset"], sort=False).indices.items():
        where = positions[rows]
        entry = walk.find(actor, ds)
        if entry is None:
            out[where] = UNKNOWN
        else:
            out[where] = _by_period(entry.periods, days[where])
    return pd.Series(out, index=actors.index, dtype=object)


def _by_period(periods: tuple[SidePeriod, ...], days: np.ndarray) -> np.ndarray | str:
    """Return the coalition of each day (``unknown`` outside every period)."""
    if len(periods) == 1 and periods[0].start is None and periods[0].end is None:
        return periods[0].coalition
    result = np.full(len(days), UNKNOWN, dtype=object)
    for period in periods:
        # NaT compares False both ways, so an undated event falls outside every bounded period.
        inside = np.ones(len(days), dtype=bool)
        if period.start is not None:
            inside &= days >= np.datetime64(period.start, "D")
        if period.end is not None:
            inside &= days <= np.datetime64(period.end, "D")
        result[inside] = period.coalition
    return result
