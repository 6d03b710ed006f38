"""Numbers over time: time buckets, events per bucket, the front line and the war's phases."""

from __future__ import annotations

import numpy as np
import pandas as pd

from libya_conflict.briefings.coding import (
    civilian_coded,
    remote_violence_uncoded,
    targets_civilians,
)
from libya_conflict.briefings.measures import FOREIGN_SIDES, clashes, remote_violence
from libya_conflict.briefings.selection import Period, involves_side

CENTRAL_TRIPOLI = (32.8874, 13.1873)


def time_unit(period: Period) -> str:
    """Return the time step for charts of a period: day (up to 2 months), week, or month."""
    if period.days <= 62:
        return "day"
    return "week" if period.days <= 240 else "month"


def bucket(dates: pd.Series, unit: str) -> pd.Series:
    """Return the first day of the day, week (starting Monday) or month of each date."""
    if unit == "day":
        return dates.dt.normalize()
    freq = "W-SUN" if unit == "week" else "M"
    return dates.dt.to_period(freq).dt.start_time


def buckets(period: Period, unit: str) -> pd.DatetimeIndex:
    """Return every bucket start from the period's start to its end."""
    first = bucket(pd.Series([period.start]), unit).iloc[0]
    freq = {"day": "D", "week": "W-MON", "month": "MS"}[unit]
    return pd.date_range(first, period.end, freq=freq)


def over_time(events: pd.DataFrame, period: Period, unit: str, by: str | None = None,
              value: str = "events") -> pd.DataFrame:
    """Tabulate events (or fatalities) per time bucket, optionally split by a column.

    Returns
    -------
    pandas.DataFrame
        Index: every bucket of the period (zeros where nothing happened); one column per value
        of ``by`` (or a single column ``value``), in order of their totals.

    """
    frame = events.assign(bucket=bucket(events["date"], unit), one=1)
    column = "one" if value == "events" else value
    keys = ["bucket", by] if by else ["bucket"]
    table = frame.groupby(keys)[column].sum()
    table = table.unstack(by, fill_value=0) if by else table.to_frame(value)
    table = table.reindex(buckets(period, unit), fill_value=0).astype("int64")
    order = table.sum().sort_values(ascending=False, kind="stable").index
    return table[list(order)].rename_axis(index="bucket", columns=None)


def distance_km(lat: pd.Series, lon: pd.Series,
                point: tuple[float, float] = CENTRAL_TRIPOLI) -> pd.Series:
    """Return great-circle distances in km from a point (haversine, mean Earth radius)."""
    lat1, lon1 = np.radians(point[0]), np.radians(point[1])
    lat2, lon2 = np.radians(lat.astype(float)), np.radians(lon.astype(float))
    a = (np.sin((lat2 - lat1) / 2) ** 2
         + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2)
    return pd.Series(2 * 6371.0088 * np.arcsin(np.sqrt(a)), index=lat.index)


def front_distance(events: pd.DataFrame, period: Period, unit: str = "week") -> pd.DataFrame:
    """Summarise how far armed clashes were from central Tripoli, per time bucket.

    Returns
    -------
    pandas.DataFrame
        Index: buckets with at least one located clash; columns clashes, median_km, q25_km,
        q75_km (rounded to 0.1 km).

    """
    located = clashes(events).dropna(subset=["latitude", "longitude"])
    frame = located.assign(bucket=bucket(located["date"], unit),
                           km=distance_km(located["latitude"], located["longitude"]))
    grouped = frame.groupby("bucket")["km"]
    out = pd.DataFrame({"clashes": grouped.size(), "median_km": grouped.median(),
                        "q25_km": grouped.quantile(0.25), "q75_km": grouped.quantile(0.75)})
    out = out[(out.index >= bucket(pd.Series([period.start]), unit).iloc[0])
              & (out.index <= period.end)]
    return out.round({"median_km": 1, "q25_km": 1, "q75_km": 1}).rename_axis("bucket")


def foreign_over_time(events: pd.DataFrame, period: Period, unit: str) -> pd.DataFrame:
    """Tabulate events involving each foreign side per time bucket (columns: side keys)."""
    parts = [events[involves_side(events, side)].assign(side=side) for side in FOREIGN_SIDES]
    frame = pd.concat(parts) if parts else events.assign(side="")
    return over_time(frame, period, unit, by="side")


def phase_table(events: pd.DataFrame, phases: list, means_coded: bool = True) -> pd.DataFrame:
    """Summarise each phase of a war (see :func:`libya_conflict.reference.key_events.phases`).

    Returns
    -------
    pandas.DataFrame
        phase, start, end, days, opened_by, events, fatalities, events_per_day,
        fatalities_per_day, civilian_targeting_events (None when no event of the phase codes
        it), remote_violence_events (air or drone strikes and shelling, with explosions and
        remote violence whose sub-event type is not coded; None when ``means_coded`` is
        False, for a dataset that does not record how violence was carried out),
        remote_violence_uncoded (those among them), median_clash_km (NaN without located
        clashes).

    """
    rows = []
    for phase in phases:
        part = events[events["date"].between(phase.start, phase.end)]
        located = clashes(part).dropna(subset=["latitude", "longitude"])
        km = distance_km(located["latitude"], located["longitude"]) if len(located) else None
        rows.append({
            "phase": phase.name, "start": phase.start, "end": phase.end, "days": phase.days,
            "opened_by": phase.opened_by, "events": int(len(part)),
            "fatalities": int(part["fatalities"].sum()),
            "events_per_day": round(len(part) / phase.days, 1),
            "fatalities_per_day": round(part["fatalities"].sum() / phase.days, 1),
            "civilian_targeting_events": int(targets_civilians(part).sum())
            if civilian_coded(part).any() or part.empty else None,
            "remote_violence_events": int(len(remote_violence(part))) if means_coded else None,
            "remote_violence_uncoded": int(len(remote_violence_uncoded(part))),
            "median_clash_km": round(float(km.median()), 1) if km is not None else float("nan"),
        })
    return pd.DataFrame(rows)
