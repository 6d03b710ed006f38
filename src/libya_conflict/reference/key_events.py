"""The documented key events of the war (data/key_events.csv): annotations, tables and phases."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

import pandas as pd

from libya_conflict.resources import data_path


@cache
def war_phases() -> tuple[tuple[str, str, str], ...]:
    """Return the phases of the war on Tripoli (data/war_phases.csv): first day, name, opener.

    The opener is the date of the key event (in key_events.csv) that opened the phase. A phase
    runs to the day before the next one; the ceasefire day itself still belongs to the phase
    that led to it.
    """
    with data_path("war_phases.csv").open(encoding="utf-8", newline="") as handle:
        return tuple((row["start"], row["name"], row["opened_by"])
                     for row in csv.DictReader(handle))


@cache
def _key_events() -> pd.DataFrame:
    table = pd.read_csv(data_path("key_events.csv"), dtype=str, keep_default_na=False)
    table["date"] = pd.to_datetime(table["date"], format="%Y-%m-%d")
    for column in ["latitude", "longitude", "fatalities"]:
        table[column] = pd.to_numeric(table[column], errors="coerce")
    table["in_sample"] = table["in_sample"].str.lower().eq("true")
    return table.sort_values(["date", "event"], kind="stable").reset_index(drop=True)


def key_events() -> pd.DataFrame:
    """Return the key-events table (a copy), sorted by date.

    Returns
    -------
    pandas.DataFrame
        date (datetime64), event, description, place, district ("" when national or abroad),
        latitude, longitude, fatalities (float, NaN when not applicable), kind
        (``territory``, ``attack`` or ``political``), in_sample (bool), source.

    """
    return _key_events().copy()


def in_window(events: pd.DataFrame, start: str | pd.Timestamp, end: str | pd.Timestamp,
              districts: list[str] | None = None) -> pd.DataFrame:
    """Return the key events from ``start`` to ``end`` inclusive, for an area.

    Parameters
    ----------
    events : pandas.DataFrame
        The key-events table.
    start, end : str or Timestamp
        The period.
    districts : list of str, optional
        The area's districts; None for all of Libya. Events without a district (national
        decisions and talks abroad) are kept for every area: they shape the war everywhere.

    """
    inside = events["date"].between(pd.Timestamp(start), pd.Timestamp(end))
    if districts is not None:
        inside &= events["district"].isin(districts) | events["district"].eq("")
    return events[inside].reset_index(drop=True)


@dataclass(frozen=True)
class Phase:
    """A phase of the war: its name, first and last day, and the key event that opened it."""

    name: str
    start: pd.Timestamp
    end: pd.Timestamp
    opened_by: str

    @property
    def days(self) -> int:
        """Return the number of days in the phase (both ends included)."""
        return (self.end - self.start).days + 1


def phases(start: str | pd.Timestamp, end: str | pd.Timestamp) -> list[Phase]:
    """Split a period into the phases of the war on Tripoli.

    Parameters
    ----------
    start, end : str or Timestamp
        The period; phases are clipped to it. Days before the first phase form a phase
        "Before the offensive".

    Returns
    -------
    list of Phase
        Consecutive phases covering the period, in order.

    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    names = _key_events().groupby("date")["event"].first()
    bounds = [(pd.Timestamp(day), name, names.get(pd.Timestamp(key), ""))
              for day, name, key in war_phases()]
    opening = pd.Timestamp("1900-01-01")
    bounds = [(opening, "Before the offensive", "")] + bounds
    out = []
    for i, (first, name, event) in enumerate(bounds):
        last = bounds[i + 1][0] - pd.Timedelta(days=1) if i + 1 < len(bounds) else end
        first, last = max(first, start), min(last, end)
        if first <= last:
            out.append(Phase(name, first, last, event))
    return out
