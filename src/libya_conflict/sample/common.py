"""What the sample's generators share: the seeded draw, events, the shape file, file names.

The sample is a deterministic synthetic record of the 2019-2020 Tripoli war in ACLED and UCDP GED
layouts.

Real ACLED rows may not be redistributed, so the project ships a generated sample instead. It mixes
two kinds of rows, told apart by ACLED's ``tags`` column:

- ``documented``: the dated events of DOMAIN.md §5 (``data/key_events.csv``) with their real date,
  place, coordinates, reported fatalities and public source;
- ``synthetic``: background events drawn to follow the war's real shape. Every number that decides
  that shape is in ``data/sample_shape.yaml``; this module only interprets it.

Output is byte-identical on every run for a given seed: all draws come from one seeded generator
in a fixed order, rows are sorted, floats have a fixed format, lines end with a line feed and
nothing depends on the clock or the locale.

"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from libya_conflict.reading.layouts import ACLED_CURRENT, UCDP_GED_49
from libya_conflict.resources import data_path, load_yaml

SHAPE_FILE = data_path("sample_shape.yaml")
KEY_EVENTS_FILE = data_path("key_events.csv")
ACLED_SAMPLE = "acled_libya_sample.csv"
UCDP_SAMPLE = "ucdp_ged_libya_sample.csv"
DIRTY_SAMPLE = "acled_libya_sample_dirty.csv"
DELETIONS_SAMPLE = "acled_deletions_sample.csv"
DIRTY_MANIFEST = "dirty_manifest.json"
DEFAULT_SEED = 20190404


# ACLED export-tool layout of c. 2019-2023 (dates like "18 May 2020").
ACLED_2019_COLUMNS: tuple[str, ...] = (
    "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year", "time_precision",
    "disorder_type", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
    "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "region", "country", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "tags", "timestamp", "iso3",
)


# ACLED's current layout (API / acledR, ISO dates) and UCDP GED >= 20.1, as the readers know them.
ACLED_CURRENT_COLUMNS: tuple[str, ...] = ACLED_CURRENT
UCDP_COLUMNS: tuple[str, ...] = UCDP_GED_49
DELETIONS_COLUMNS: tuple[str, ...] = ("event_id_cnty", "deleted_timestamp")


# English month names, fixed here so output never depends on the locale.
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
CIVILIAN_TARGETING = "Civilian targeting"
POLITICAL_VIOLENCE = frozenset({"Battles", "Explosions/Remote violence",
                                "Violence against civilians"})
CP1252_QUOTE = "\u2019"  # written as the single byte 0x92 in the dirty file
NBSP = "\u00a0"


class Draw:
    """Seeded draws built only on ``Generator.random()``.

    Every choice is made by inverting a cumulative distribution with one uniform number, so the
    stream does not depend on how numpy implements ``choice`` or ``integers``.
    """

    def __init__(self, seed: int | Sequence[int]) -> None:
        self._rng = np.random.default_rng(seed)

    def uniform(self, low: float = 0.0, high: float = 1.0) -> float:
        """Return a number in ``[low, high)``."""
        return low + (high - low) * float(self._rng.random())

    def integer(self, low: int, high: int) -> int:
        """Return an integer in ``[low, high]`` (both inclusive)."""
        span = high - low + 1
        return low + min(int(self.uniform() * span), span - 1)

    def chance(self, p: float) -> bool:
        """Return True with probability ``p``."""
        return self.uniform() < p

    def weighted(self, items: Sequence[Any], weights: Sequence[float]) -> Any:
        """Return one of ``items``, each with a chance proportional to its weight."""
        cumulative = np.cumsum(np.asarray(weights, dtype=float))
        if len(items) == 0 or cumulative[-1] <= 0:
            raise ValueError("nothing to choose from")
        index = bisect.bisect_right(cumulative.tolist(), self.uniform() * cumulative[-1])
        return items[min(index, len(items) - 1)]

    def from_mix(self, mix: dict[Any, float]) -> Any:
        """Return a key of ``mix`` (key -> weight), by weight."""
        return self.weighted(list(mix), list(mix.values()))

    def shuffled(self, items: Sequence[Any]) -> list[Any]:
        """Return the items in a random order."""
        out = list(items)
        for i in range(len(out) - 1, 0, -1):  # Fisher-Yates
            j = self.integer(0, i)
            out[i], out[j] = out[j], out[i]
        return out


@dataclass(frozen=True)
class Actor:
    """An actor as ACLED names it, with the UCDP side it counts for."""

    name: str
    inter: int
    short: str
    ucdp_side: str | None = None


@dataclass
class Event:
    """One underlying event, before it is written in ACLED's or UCDP's terms."""

    date: dt.date
    location: str
    district: str
    lat: float
    lon: float
    place_lat: float
    place_lon: float
    event_type: str
    sub_event_type: str
    actor1: Actor
    actor2: Actor | None
    assoc1: str = ""
    assoc2: str = ""
    fatalities: int = 0
    time_precision: int = 1
    geo_precision: int = 1
    source: str = ""
    source_scale: str = ""
    notes: str = ""
    documented: bool = False
    timestamp: int = 0
    event_number: int = 0
    data_id: int = 0


@lru_cache(maxsize=1)
def load_shape() -> dict[str, Any]:
    """Load the sample's shape parameters.

    Returns
    -------
    dict
        The parsed ``data/sample_shape.yaml``.

    """
    return load_yaml(SHAPE_FILE.name)


def load_key_events() -> pd.DataFrame:
    """Load the key-events table used to annotate charts.

    Returns
    -------
    pandas.DataFrame
        One row per key event with columns ``date, event, description, place, district,
        latitude, longitude, fatalities, kind, in_sample, source``; ``date`` is a Timestamp,
        ``fatalities`` a nullable integer (empty for political milestones) and ``in_sample`` a bool.

    """
    table = pd.read_csv(KEY_EVENTS_FILE, dtype={"fatalities": "Int64"}, keep_default_na=False,
                        na_values={"latitude": [""], "longitude": [""], "fatalities": [""]})
    table["date"] = pd.to_datetime(table["date"], format="%Y-%m-%d")
    table["in_sample"] = table["in_sample"].astype(str).str.lower().eq("true")
    return table


def _in_window(day: dt.date, spec: dict[str, Any]) -> bool:
    start = spec.get("from")
    end = spec.get("to")
    return (start is None or start <= day) and (end is None or day <= end)


def _acled_date(day: dt.date) -> str:
    return f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}"


def _note_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _parse_acled_date(text: str) -> dt.date:
    day, month, year = text.split(" ")
    return dt.date(int(year), MONTHS.index(month) + 1, int(day))


def _fmt_coord(value: float, decimals: int = 4) -> str:
    """Format a coordinate like ACLED's exports: fixed rounding, no trailing zeros."""
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _interaction(inter1: int, inter2: int) -> int:
    # ACLED: both codes, lower first; an event with no second actor is "<inter1>0".
    if inter2 == 0:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def _csv_text(rows: Iterable[dict[str, str]], columns: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row[c] for c in columns])
    return buffer.getvalue()


def _write_bytes(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
