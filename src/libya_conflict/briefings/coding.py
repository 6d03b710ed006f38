"""What an export coded and what it did not: unknown is not zero.

In the clean table a null means the export lacked the field (docs/schema.md): ACLED files before
2019 have no sub-event type, before 2020 no civilian-targeting flag, some no time precision. A
count that depends on such a field must not read "none" where the data only say "not coded":
these helpers tell the two apart, for the measures, the sentences and the charts.
"""

from __future__ import annotations

import pandas as pd

# Sub-event types that say only that the export gave none (the cleaning of old files writes
# the plain label; newer cleaning writes null, which the briefings read as "").
NOT_CODED_SUB_TYPES = ("", "Unspecified (pre-2019 type)")
REMOTE_VIOLENCE_TYPE = "Explosions/Remote violence"
BATTLES_TYPE = "Battles"

# How a sentence counts remote violence without a sub-event type (singular, plural).
REMOTE_UNCODED_NOUNS = ("explosion or remote-violence event",
                        "explosions and remote-violence events")
# Fields whose absence a briefing reports, with how a sentence names them.
FIELD_NAMES = {"sub_event_type": "sub-event types", "civilian_targeting": "civilian targeting",
               "date_precision": "time precision", "geo_precision": "location precision"}


# Datasets that do not record how violence was carried out (UCDP GED's types of violence are
# state-based, non-state and one-sided: no air strike, shelling or mine is told apart).
MEANS_NOT_CODED = {"ucdp": "UCDP GED"}


def means_coded(dataset: str) -> bool:
    """Tell whether a dataset records how violence was carried out (strikes, shelling)."""
    return dataset not in MEANS_NOT_CODED


def sub_type_coded(events: pd.DataFrame) -> pd.Series:
    """Return which events carry a sub-event type (not blank, not the pre-2019 placeholder)."""
    return ~events["sub_event_type"].isin(NOT_CODED_SUB_TYPES)


def civilian_coded(events: pd.DataFrame) -> pd.Series:
    """Return which events say whether they targeted civilians (True or False, not null)."""
    return events["civilian_targeting"].notna()


def targets_civilians(events: pd.DataFrame) -> pd.Series:
    """Return which events are coded as targeting civilians (null counts as not coded, not True).

    Returns
    -------
    pandas.Series
        Plain booleans, usable as a mask.

    """
    return events["civilian_targeting"].fillna(False).astype(bool)


def not_coded(events: pd.DataFrame) -> dict[str, int]:
    """Count the events that lack each field a briefing depends on.

    Returns
    -------
    dict
        Field name (a key of :data:`FIELD_NAMES`) -> number of events without it; fields every
        event has are left out.

    """
    counts = {
        "sub_event_type": int((~sub_type_coded(events)).sum()),
        "civilian_targeting": int((~civilian_coded(events)).sum()),
        "date_precision": int(events["date_precision"].eq("").sum())
        if "date_precision" in events else 0,
        "geo_precision": int(events["geo_precision"].eq("").sum())
        if "geo_precision" in events else 0,
    }
    return {field: n for field, n in counts.items() if n}


def remote_violence_uncoded(events: pd.DataFrame) -> pd.DataFrame:
    """Return explosions and remote violence whose sub-event type is not coded.

    Such an event may be an air or drone strike, shelling or a mine: without the sub-event type
    it cannot be told which, so the charts and sentences show these events as a group of their
    own instead of counting them as none.
    """
    return events[events["event_type"].eq(REMOTE_VIOLENCE_TYPE) & ~sub_type_coded(events)]


def battles_uncoded(events: pd.DataFrame) -> pd.DataFrame:
    """Return battles whose sub-event type is not coded (counted as armed clashes, said so)."""
    return events[events["event_type"].eq(BATTLES_TYPE) & ~sub_type_coded(events)]
