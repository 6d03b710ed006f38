"""Deterministic synthetic sample of the 2019-2020 Tripoli war in ACLED and UCDP GED layouts.

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
import calendar
import csv
import datetime as dt
import io
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from libya_conflict.layouts import ACLED_CURRENT, UCDP_GED_49
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


# --------------------------------------------------------------------------------------------------
# Seeded draws
# --------------------------------------------------------------------------------------------------
class _Draw:
    """Seeded draws built only on ``Generator.random()``.

    Every choice is made by inverting a cumulative distribution with one uniform number, so the
    stream does not depend on how numpy implements ``choice`` or ``integers``.
    """

    def __init__(self, seed: int | Sequence[int]) -> None:
        self._rng = np.random.default_rng(seed)

    def uniform(self, low: float = 0.0, high: float = 1.0) -> float:
        return low + (high - low) * float(self._rng.random())

    def integer(self, low: int, high: int) -> int:
        """Return an integer in ``[low, high]`` (both inclusive)."""
        span = high - low + 1
        return low + min(int(self.uniform() * span), span - 1)

    def chance(self, p: float) -> bool:
        return self.uniform() < p

    def weighted(self, items: Sequence[Any], weights: Sequence[float]) -> Any:
        cumulative = np.cumsum(np.asarray(weights, dtype=float))
        if len(items) == 0 or cumulative[-1] <= 0:
            raise ValueError("nothing to choose from")
        index = bisect.bisect_right(cumulative.tolist(), self.uniform() * cumulative[-1])
        return items[min(index, len(items) - 1)]

    def from_mix(self, mix: dict[Any, float]) -> Any:
        return self.weighted(list(mix), list(mix.values()))

    def shuffled(self, items: Sequence[Any]) -> list[Any]:
        out = list(items)
        for i in range(len(out) - 1, 0, -1):  # Fisher-Yates
            j = self.integer(0, i)
            out[i], out[j] = out[j], out[i]
        return out


# --------------------------------------------------------------------------------------------------
# Shape file and key events
# --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Actor:
    """An actor as ACLED names it, with the UCDP side it counts for."""

    name: str
    inter: int
    short: str
    ucdp_side: str | None = None


@dataclass
class _Event:
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


# --------------------------------------------------------------------------------------------------
# Drawing the underlying events
# --------------------------------------------------------------------------------------------------
class _Generator:
    """Draws the underlying events from the shape file (one instance per seed)."""

    def __init__(self, shape: dict[str, Any], seed: int) -> None:
        self.shape = shape
        self.draw = _Draw(seed)
        self.districts: dict[str, dict[str, Any]] = shape["districts"]
        self.fixed = {key: Actor(v["name"], v["inter"], v["short"], v.get("ucdp_side"))
                      for key, v in shape["fixed_actors"].items()}

    # -- actors ------------------------------------------------------------------------------
    def _pool(self, side: str, pool: str, day: dt.date, location: str) -> Actor:
        spec = self.shape["sides"][side]
        options = [a for a in spec[pool]
                   if _in_window(day, a) and ("places" not in a or location in a["places"])]
        chosen = self.draw.weighted(options, [a["w"] for a in options])
        return Actor(chosen["name"], chosen["inter"], chosen["short"], spec["ucdp_side"])

    def _actor(self, ref: str, sides: dict[str, str], day: dt.date, location: str) -> Actor | None:
        if ref == "none":
            return None
        if ref in self.fixed:
            return self.fixed[ref]
        side_key, pool = ref.split(".")
        return self._pool(sides[side_key], pool, day, location)

    def actor_by_name(self, name: str) -> Actor | None:
        """Find a named actor in the shape file (used for documented events)."""
        if name == "none":
            return None
        if name in self.fixed:
            return self.fixed[name]
        for spec in self.shape["sides"].values():
            for pool in ("ground", "air", "rear"):
                for a in spec[pool]:
                    if a["name"] == name:
                        return Actor(a["name"], a["inter"], a["short"], spec["ucdp_side"])
        raise KeyError(f"actor {name!r} of a documented event is not in sample_shape.yaml")

    # -- days, places, templates -------------------------------------------------------------
    def month_days(self, year: int, month: int, count: int) -> list[dt.date]:
        """Draw the days of a month's ``count`` events, weighted by ``day_weights``."""
        days = [dt.date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1)]
        weights = [1.0] * len(days)
        for spec in self.shape["day_weights"]:
            for i, day in enumerate(days):
                if _in_window(day, spec):
                    weights[i] = float(spec["weight"])
        return sorted(self.draw.weighted(days, weights) for _ in range(count))

    def _sides(self, role: str, day: dt.date) -> dict[str, str]:
        if role == "front":
            share = next(s["share"] for s in self.shape["lna_attacker_share"] if _in_window(day, s))
            attacker = "lna" if self.draw.chance(share) else "gna"
            return {"A": attacker, "B": "gna" if attacker == "lna" else "lna"}
        holder = "gna" if role == "gna_rear" else "lna"
        return {"A": holder, "B": "gna" if holder == "lna" else "lna"}

    def _fatalities(self, sub_event_type: str) -> int:
        spec = self.shape["fatalities"].get(sub_event_type)
        if spec is None:
            return 0
        outcomes = ["0", "1", "2", "3", "tail", "mass"]
        probs = list(spec["p"]) + [spec["tail"]["p"], spec["mass"]["p"]]
        outcome = self.draw.weighted(outcomes, probs)
        if outcome in ("tail", "mass"):
            return self.draw.integer(spec[outcome]["min"], spec[outcome]["max"])
        return int(outcome)

    def synthetic_event(self, day: dt.date) -> _Event:
        """Draw one background event on ``day``."""
        active = [(place, period) for place in self.shape["places"] for period in place["periods"]
                  if _in_window(day, period)]
        place, period = self.draw.weighted(active, [p["weight"] for _, p in active])
        role = period["role"]
        templates = [t for t in self.shape["mixes"][role] if _in_window(day, t)]
        template = self.draw.weighted(templates, [t["w"] for t in templates])
        sides = self._sides(role, day)
        actor1 = self._actor(template["a1"], sides, day, place["location"])
        actor2 = self._actor(template["a2"], sides, day, place["location"])
        assert actor1 is not None
        fatalities = self._fatalities(template["sub"])
        event_day, time_precision = self._date_precision(day, period)
        geo_precision = int(self.draw.from_mix(self.shape["geo_precision"]))
        lat, lon = place["lat"], place["lon"]
        if geo_precision == 1:
            lat += self.draw.uniform(-place["jitter"], place["jitter"])
            lon += self.draw.uniform(-place["jitter"], place["jitter"])
        event = _Event(
            date=event_day, location=place["location"], district=place["district"],
            lat=round(lat, 4), lon=round(lon, 4), place_lat=place["lat"], place_lon=place["lon"],
            event_type=template["type"], sub_event_type=template["sub"], actor1=actor1,
            actor2=actor2, fatalities=fatalities, time_precision=time_precision,
            geo_precision=geo_precision)
        self._assoc(event)
        self._source(event)
        event.notes = self._note(event)
        return event

    def _date_precision(self, day: dt.date, period: dict[str, Any]) -> tuple[dt.date, int]:
        precision = int(self.draw.from_mix(self.shape["time_precision"]))
        if precision == 3:
            mid = day.replace(day=15)
            # Month-only dates sit on the 15th; keep them inside the place's active period.
            if _in_window(mid, period):
                return mid, 3
            precision = 2
        return day, precision

    def _assoc(self, event: _Event) -> None:
        spec = self.shape["assoc_actors"]
        if event.actor2 is not None and event.actor2 == self.fixed["civilians"]:
            if self.draw.chance(spec["civilians"]["p"]):
                event.assoc2 = self.draw.weighted(spec["civilians"]["names"],
                                                  [1] * len(spec["civilians"]["names"]))
        if event.actor1 == self.fixed["protesters"] and self.draw.chance(spec["protesters"]["p"]):
            event.assoc1 = self.draw.weighted(spec["protesters"]["names"],
                                              [1] * len(spec["protesters"]["names"]))

    def _source(self, event: _Event) -> None:
        spec = self.shape["sources"]
        chosen = self.draw.weighted(spec, [s["w"] for s in spec])
        event.source, event.source_scale = chosen["source"], chosen["scale"]

    def _note(self, event: _Event) -> str:
        district = self.districts[event.district]
        a2 = event.actor2
        if a2 is None:
            target = "targets"
        elif a2 == self.fixed["civilians"]:
            target = "residential areas"
        else:
            target = f"positions of {a2.short}"
        reason = ""
        if event.event_type == "Protests":
            reasons = self.shape["protest_reasons"]
            reason = self.draw.weighted(reasons, [1] * len(reasons))
        text = self.shape["notes"][event.sub_event_type].format(
            date=_note_date(event.date), a1=event.actor1.short, a2=a2.short if a2 else "",
            loc=event.location, admin2=district["acled_admin2"], admin1=district["admin1"],
            target=target, reason=reason)
        text = text[0].upper() + text[1:]
        parts = [text]
        if event.event_type == "Protests":
            parts.append("[size=no report]")
        elif event.event_type in POLITICAL_VIOLENCE:
            parts.append(_fatality_sentence(event.fatalities))
        parts.append(self.shape["synthetic_note_suffix"])
        return " ".join(parts)

    # -- documented events ---------------------------------------------------------------------
    def documented_events(self, key_events: pd.DataFrame) -> list[_Event]:
        """Turn the in-sample key events into events, coded as in ``documented:``."""
        coding = self.shape["documented"]
        events = []
        for row in key_events[key_events["in_sample"]].itertuples(index=False):
            if row.event not in coding:
                raise KeyError(f"key event {row.event!r} has no ACLED coding in sample_shape.yaml")
            spec = coding[row.event]
            district = self.districts[row.district]
            day = row.date.date()
            actor1 = self.actor_by_name(spec["a1"])
            assert actor1 is not None
            event = _Event(
                date=day, location=spec["location"], district=row.district,
                lat=float(row.latitude), lon=float(row.longitude),
                place_lat=float(row.latitude), place_lon=float(row.longitude),
                event_type=spec["type"], sub_event_type=spec["sub"], actor1=actor1,
                actor2=self.actor_by_name(spec["a2"]), assoc1=spec.get("assoc1", ""),
                assoc2=spec.get("assoc2", ""), fatalities=int(row.fatalities),
                time_precision=1, geo_precision=int(spec["geo_precision"]), source=row.source,
                source_scale=_documented_scale(row.source), documented=True)
            # ACLED puts "(admin2, admin1)" right after the location's name.
            body = spec["note"].format(
                loc=f"{spec['location']} ({district['acled_admin2']}, {district['admin1']})")
            event.notes = " ".join([
                f"On {_note_date(day)}, {body}.",
                _fatality_sentence(event.fatalities), self.shape["documented_note_suffix"]])
            events.append(event)
        return events

    # -- release timestamps ------------------------------------------------------------------
    def release_timestamp(self, day: dt.date) -> int:
        """Unix time of the weekly release (a Tuesday, 1-4 weeks later) that carries an event."""
        lag = int(self.draw.from_mix(self.shape["release_lag_weeks"]))
        days_to_tuesday = (1 - day.weekday()) % 7 or 7
        release = day + dt.timedelta(days=days_to_tuesday + 7 * (lag - 1))
        midnight = calendar.timegm(release.timetuple())
        # A release's rows share a handful of timestamps, as in real exports.
        return midnight + 13 * 3600 + 719 * self.draw.integer(0, 2)


def _fatality_sentence(fatalities: int) -> str:
    if fatalities == 0:
        return "No fatalities reported."
    return "1 fatality." if fatalities == 1 else f"{fatalities} fatalities."


def _documented_scale(source: str) -> str:
    international = {"AFP", "Reuters", "AP", "BBC", "UNSMIL", "Middle East Eye", "The Economist",
                     "Anadolu Agency", "Middle East Monitor", "The New Arab", "DW", "TASS"}
    parts = [s.strip() for s in source.split(";")]
    kinds = {"International" if p in international else "National" for p in parts}
    return "-".join(sorted(kinds, reverse=True)) if len(kinds) > 1 else kinds.pop()


def _draw_events(seed: int) -> list[_Event]:
    """Draw every event of the sample (documented and synthetic), sorted and numbered."""
    shape = load_shape()
    gen = _Generator(shape, seed)
    events = gen.documented_events(load_key_events())
    for month, count in shape["monthly_events"].items():
        year, mon = (int(x) for x in str(month).split("-"))
        for day in gen.month_days(year, mon, int(count)):
            events.append(gen.synthetic_event(day))
    # Documented rows first within a day, then a stable order that does not depend on draw order.
    order = sorted(range(len(events)), key=lambda i: (
        events[i].date, not events[i].documented, events[i].location, events[i].sub_event_type,
        events[i].actor1.name, i))
    events = [events[i] for i in order]
    ids = shape["ids"]
    for n, event in enumerate(events):
        event.event_number = ids["acled_event_id_start"] + n
        event.data_id = ids["acled_data_id_start"] + n
        event.timestamp = gen.release_timestamp(event.date)
    return events


# --------------------------------------------------------------------------------------------------
# ACLED rows
# --------------------------------------------------------------------------------------------------
def _acled_row(event: _Event, districts: dict[str, dict[str, Any]]) -> dict[str, str]:
    district = districts[event.district]
    a2 = event.actor2
    inter2 = a2.inter if a2 else 0
    civilian = (a2 is not None and a2.name == "Civilians (Libya)"
                and event.event_type in POLITICAL_VIOLENCE)
    if event.documented:
        tags = "documented"
    elif event.event_type == "Protests":
        tags = "synthetic; crowd size=no report"
    else:
        tags = "synthetic"
    return {
        "data_id": str(event.data_id), "iso": "434", "event_id_cnty": f"LBY{event.event_number}",
        "event_id_no_cnty": str(event.event_number), "event_date": _acled_date(event.date),
        "year": str(event.date.year), "time_precision": str(event.time_precision),
        "disorder_type": load_shape()["disorder_type"][event.event_type],
        "event_type": event.event_type, "sub_event_type": event.sub_event_type,
        "actor1": event.actor1.name, "assoc_actor_1": event.assoc1,
        "inter1": str(event.actor1.inter), "actor2": a2.name if a2 else "",
        "assoc_actor_2": event.assoc2, "inter2": str(inter2),
        "interaction": str(_interaction(event.actor1.inter, inter2)),
        "civilian_targeting": CIVILIAN_TARGETING if civilian else "",
        "region": "Northern Africa", "country": "Libya", "admin1": district["admin1"],
        "admin2": district["acled_admin2"], "admin3": "", "location": event.location,
        "latitude": _fmt_coord(event.lat), "longitude": _fmt_coord(event.lon),
        "geo_precision": str(event.geo_precision), "source": event.source,
        "source_scale": event.source_scale, "notes": event.notes,
        "fatalities": str(event.fatalities), "tags": tags, "timestamp": str(event.timestamp),
        "iso3": "LBY",
    }


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


# --------------------------------------------------------------------------------------------------
# UCDP rows
# --------------------------------------------------------------------------------------------------
@dataclass
class _UcdpEvent:
    """A UCDP event: one ACLED-side event, or a weekly summary of several."""

    type_of_violence: int
    side_a: str
    side_b: str
    date_start: dt.date
    date_end: dt.date
    district: str
    location: str
    lat: float
    lon: float
    where_prec: int
    date_prec: int
    clarity: int
    deaths: dict[str, int]
    low: int
    high: int
    documented_source: str = ""
    number_of_sources: int = 1

    @property
    def best(self) -> int:
        return sum(self.deaths.values())


def _ucdp_dyad(event: _Event, spec: dict[str, Any]) -> tuple[int, str, str] | None:
    """UCDP type of violence and sides for an event, or None if UCDP would not record it."""
    state = spec["state_based"]
    gov, hor = state["side_a"][2], state["side_b"][2]
    s1 = event.actor1.ucdp_side
    s2 = event.actor2.ucdp_side if event.actor2 else None
    if s2 == "Civilians" and s1 in spec["one_sided"]:
        return 3, s1, "Civilians"
    if {s1, s2} == {gov, hor} or (s2 is None and event.actor2 is None and s1 in (gov, hor)):
        return 1, gov, hor
    non_state = spec["non_state"]
    if {s1, s2} == {non_state["side_a"][2], non_state["side_b"][2]}:
        return 2, non_state["side_a"][2], non_state["side_b"][2]
    return None  # unidentified perpetrators, IS against armed groups: not in this UCDP sample


def _split_deaths(draw: _Draw, total: int, tov: int, split: dict[str, float]) -> dict[str, int]:
    deaths = {"a": 0, "b": 0, "civilians": 0, "unknown": 0}
    if tov == 3:
        deaths["civilians"] = total
        return deaths
    for _ in range(total):
        deaths[draw.from_mix(split)] += 1
    return deaths


def _documented_deaths(event: _Event, tov: int, side_a: str) -> dict[str, int]:
    # Reported tolls are the victims' deaths: civilians, or the side that was hit.
    deaths = {"a": 0, "b": 0, "civilians": 0, "unknown": 0}
    victim = event.actor2.ucdp_side if event.actor2 else None
    if tov == 3:
        deaths["civilians"] = event.fatalities
    elif victim is None:
        deaths["unknown"] = event.fatalities
    else:
        deaths["a" if victim == side_a else "b"] = event.fatalities
    return deaths


def _ucdp_events(events: list[_Event], seed: int) -> list[_UcdpEvent]:
    """Derive UCDP's view of the same events: fatal, attributable, sometimes summarised."""
    shape = load_shape()
    spec = shape["ucdp"]
    draw = _Draw([seed, 1])
    singles: list[_UcdpEvent] = []
    groups: dict[tuple[int, int, str], list[tuple[_Event, dict[str, int]]]] = {}
    for event in events:
        if event.fatalities < 1:
            continue
        dyad = _ucdp_dyad(event, spec)
        if dyad is None:
            continue
        tov, side_a, side_b = dyad
        if not event.documented and draw.chance(spec["p_drop"]):
            continue
        if event.documented:
            deaths = _documented_deaths(event, tov, side_a)
        else:
            deaths = _split_deaths(draw, event.fatalities, tov, spec["death_split_state"])
        if not event.documented and tov == 1 and draw.chance(spec["p_aggregate"]):
            key = (event.date.year, event.date.isocalendar()[1], event.district)
            groups.setdefault(key, []).append((event, deaths))
            continue
        singles.append(_ucdp_single(draw, event, dyad, deaths, spec))
    summaries = [_ucdp_summary(draw, members, spec, shape["districts"])
                 for _, members in sorted(groups.items())]
    return sorted(singles + summaries, key=lambda u: (
        u.date_start, u.date_end, u.type_of_violence, u.district, u.location, u.best))


def _low_high(draw: _Draw, best: int, spec: dict[str, Any]) -> tuple[int, int]:
    low = best - draw.integer(0, math.ceil(spec["low_cut"] * best))
    high = best + draw.integer(0, math.ceil(spec["high_add"] * best))
    return max(low, 0), high


def _ucdp_single(draw: _Draw, event: _Event, dyad: tuple[int, str, str],
                 deaths: dict[str, int], spec: dict[str, Any]) -> _UcdpEvent:
    tov, side_a, side_b = dyad
    if event.documented:
        where_prec, date_prec, low, high = 1, 1, event.fatalities, event.fatalities
        start = end = event.date
        n_sources = len(event.source.split(";"))
    else:
        where_prec = int(draw.from_mix(spec["where_prec_single"]))
        date_prec = int(draw.from_mix(spec["date_prec_single"]))
        low, high = _low_high(draw, event.fatalities, spec)
        start, end = _ucdp_span(draw, event.date, date_prec)
        n_sources = int(draw.from_mix(spec["number_of_sources"]))
    lat, lon = (event.lat, event.lon) if where_prec == 1 else (event.place_lat, event.place_lon)
    return _UcdpEvent(
        type_of_violence=tov, side_a=side_a, side_b=side_b, date_start=start, date_end=end,
        district=event.district, location=event.location, lat=lat, lon=lon,
        where_prec=where_prec, date_prec=date_prec, clarity=1, deaths=deaths, low=low, high=high,
        documented_source=event.source if event.documented else "",
        number_of_sources=n_sources)


def _ucdp_span(draw: _Draw, day: dt.date, date_prec: int) -> tuple[dt.date, dt.date]:
    # UCDP events never cross a year boundary; clamp spans to the event's calendar year.
    first, last = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    if date_prec == 2:
        start = day - dt.timedelta(days=draw.integer(1, 3))
        return max(start, first), day
    if date_prec == 3:
        monday = day - dt.timedelta(days=day.weekday())
        return max(monday, first), min(monday + dt.timedelta(days=6), last)
    return day, day


def _ucdp_summary(draw: _Draw, members: list[tuple[_Event, dict[str, int]]],
                  spec: dict[str, Any], districts: dict[str, dict[str, Any]]) -> _UcdpEvent:
    first = members[0][0]
    deaths = {k: sum(d[k] for _, d in members) for k in ("a", "b", "civilians", "unknown")}
    start = min(e.date for e, _ in members)
    end = max(e.date for e, _ in members)
    best = sum(deaths.values())
    low, high = _low_high(draw, best, spec)
    where_prec = int(draw.from_mix(spec["where_prec_summary"]))
    capital = districts[first.district]["capital"]
    return _UcdpEvent(
        type_of_violence=1, side_a=spec["state_based"]["side_a"][2],
        side_b=spec["state_based"]["side_b"][2], date_start=start, date_end=end,
        district=first.district, location="", lat=capital[0], lon=capital[1],
        where_prec=where_prec, date_prec=1 if start == end else 2, clarity=2, deaths=deaths,
        low=low, high=high, number_of_sources=int(draw.from_mix(spec["number_of_sources"])))


def _priogrid(lat: float, lon: float) -> int:
    """PRIO-GRID cell id of a point (0.5 degree cells, numbered from the south-west corner)."""
    row = math.floor((lat + 90) / 0.5)
    col = math.floor((lon + 180) / 0.5) + 1
    return row * 720 + col


def _ucdp_ids(uevent: _UcdpEvent, spec: dict[str, Any]) -> dict[str, str]:
    if uevent.type_of_violence == 3:
        perpetrator = spec["one_sided"][uevent.side_a]
        name = f"{uevent.side_a} - Civilians"
        return {
            "conflict_dset_id": str(perpetrator["id"]),
            "conflict_new_id": str(perpetrator["new_id"]), "conflict_name": name,
            "dyad_dset_id": str(perpetrator["id"]),
            "dyad_new_id": str(perpetrator["new_id"]), "dyad_name": name,
            "side_a_dset_id": str(perpetrator["id"]), "side_a_new_id": str(perpetrator["id"]),
            "side_a": uevent.side_a, "side_b_dset_id": "9999", "side_b_new_id": "1",
            "side_b": "Civilians", "gwnoa": str(perpetrator.get("gwnoa", "")), "gwnob": "",
        }
    dyad = spec["state_based"] if uevent.type_of_violence == 1 else spec["non_state"]
    return {
        "conflict_dset_id": str(dyad["conflict"][0]), "conflict_new_id": str(dyad["conflict"][1]),
        "conflict_name": dyad["conflict"][2], "dyad_dset_id": str(dyad["dyad"][0]),
        "dyad_new_id": str(dyad["dyad"][1]), "dyad_name": dyad["dyad"][2],
        "side_a_dset_id": str(dyad["side_a"][0]), "side_a_new_id": str(dyad["side_a"][1]),
        "side_a": dyad["side_a"][2], "side_b_dset_id": str(dyad["side_b"][0]),
        "side_b_new_id": str(dyad["side_b"][1]), "side_b": dyad["side_b"][2],
        "gwnoa": str(dyad.get("gwnoa", "")), "gwnob": "",
    }


def _where(uevent: _UcdpEvent, adm1: str) -> tuple[str, str]:
    if uevent.where_prec >= 4 or not uevent.location:
        return adm1, f"several locations in {adm1}"
    if uevent.location.startswith("Tripoli - "):
        area = uevent.location.removeprefix("Tripoli - ")
        return area, f"{area}, Tripoli"
    return f"{uevent.location} town", uevent.location


def _ucdp_rows(uevents: list[_UcdpEvent]) -> list[dict[str, str]]:
    shape = load_shape()
    spec = shape["ucdp"]
    start_id = shape["ids"]["ucdp_id_start"]
    sequence: dict[tuple[int, int, str], int] = {}
    rows = []
    for n, u in enumerate(uevents):
        ids = _ucdp_ids(u, spec)
        year = u.date_start.year
        key = (year, u.type_of_violence, ids["dyad_dset_id"])
        sequence[key] = sequence.get(key, 0) + 1
        adm1 = shape["districts"][u.district]["ucdp_adm1"]
        where_coordinates, where_description = _where(u, adm1)
        lat, lon = _fmt_coord(u.lat, 6), _fmt_coord(u.lon, 6)
        if u.documented_source:
            source = {"source_article": f"{u.documented_source} (documented event; see "
                                        "key_events.csv)",
                      "source_office": u.documented_source, "source_original": "documented"}
        else:
            source = {"source_article": spec["synthetic_source"], "source_office": "",
                      "source_original": "synthetic"}
        rows.append({
            "id": str(start_id + n),
            "relid": f"LIB-{year}-{u.type_of_violence}-{ids['dyad_dset_id']}-{sequence[key]}",
            "year": str(year), "active_year": "1", "code_status": "Clear",
            "type_of_violence": str(u.type_of_violence), **ids,
            "number_of_sources": str(u.number_of_sources), **source, "source_date": "",
            "source_headline": "", "where_prec": str(u.where_prec),
            "where_coordinates": where_coordinates, "where_description": where_description,
            "adm_1": adm1, "adm_2": "", "latitude": lat, "longitude": lon,
            "geom_wkt": f"POINT ({lon} {lat})", "priogrid_gid": str(_priogrid(u.lat, u.lon)),
            "country": "Libya", "country_id": str(spec["country_id"]), "region": spec["region"],
            "event_clarity": str(u.clarity), "date_prec": str(u.date_prec),
            "date_start": f"{u.date_start.isoformat()} 00:00:00.000",
            "date_end": f"{u.date_end.isoformat()} 00:00:00.000",
            "deaths_a": str(u.deaths["a"]), "deaths_b": str(u.deaths["b"]),
            "deaths_civilians": str(u.deaths["civilians"]),
            "deaths_unknown": str(u.deaths["unknown"]), "best": str(u.best),
            "high": str(u.high), "low": str(u.low),
        })
    return rows


# --------------------------------------------------------------------------------------------------
# Dirty variant
# --------------------------------------------------------------------------------------------------
def _plan_defects(rows: list[dict[str, str]], spec: dict[str, Any],
                  draw: _Draw) -> dict[str, list[int]]:
    """Choose which clean rows get which defect: disjoint sets of synthetic, day-precise rows."""
    old_names = spec["old_names"]
    candidates = [i for i, r in enumerate(rows)
                  if r["tags"].startswith("synthetic") and r["time_precision"] == "1"]
    order = draw.shuffled(candidates)
    # Old district names need a row at a place that had one; take those first from the shuffle.
    with_old = [i for i in order if rows[i]["location"] in old_names][: spec["old_district_names"]]
    taken = set(with_old)
    rest = [i for i in order if i not in taken]
    sizes = [
        ("exact_duplicates", spec["exact_duplicates"]), ("recoded", spec["recoded_events"]),
        ("deleted", spec["deleted"]), ("nbsp_actor1", spec["nbsp_actor1"]),
        ("nbsp_notes", spec["nbsp_notes"]), ("windows_1252", spec["windows_1252_notes"]),
        ("month_precision", spec["month_precision"]),
        ("missing_coordinates", spec["missing_coordinates"]),
        ("bad_date", len(spec["bad_dates"])), ("bad_fatalities", len(spec["bad_fatalities"])),
        ("missing_event_id", spec["missing_event_id"]),
    ]
    groups = {"old_district_names": sorted(with_old)}
    position = 0
    for name, size in sizes:
        groups[name] = sorted(rest[position:position + size])
        position += size
    return groups


def _recoded_versions(row: dict[str, str], versions: int, draw: _Draw) -> list[dict[str, str]]:
    out = []
    timestamp = int(row["timestamp"])
    fatalities = int(row["fatalities"])
    for v in range(versions):
        timestamp += 86400 * draw.integer(7, 40) + 600
        new = dict(row, timestamp=str(timestamp))
        if v == 0 and draw.chance(0.5):
            fatalities = fatalities + draw.integer(1, 3)
            new["fatalities"] = str(fatalities)
        else:
            new["fatalities"] = str(fatalities)
            new["notes"] = row["notes"].replace(
                " [synthetic", f" Details revised in update {v + 1}. [synthetic", 1)
        out.append(new)
    return out


def _out_of_scope_rows(draw: _Draw, count: int, start_number: int) -> list[dict[str, str]]:
    # Tunisian rows that a regional export would carry next to the Libyan ones.
    rows = []
    for k in range(count):
        day = dt.date(2019, 1, 1) + dt.timedelta(days=draw.integer(0, 729))
        number = start_number + k
        rows.append({
            "data_id": str(9800001 + k), "iso": "788", "event_id_cnty": f"TUN{number}",
            "event_id_no_cnty": str(number), "event_date": _acled_date(day),
            "year": str(day.year), "time_precision": "1", "disorder_type": "Demonstrations",
            "event_type": "Protests", "sub_event_type": "Peaceful protest",
            "actor1": "Protesters (Tunisia)", "assoc_actor_1": "", "inter1": "6", "actor2": "",
            "assoc_actor_2": "", "inter2": "0", "interaction": "60", "civilian_targeting": "",
            "region": "Northern Africa", "country": "Tunisia", "admin1": "Medenine",
            "admin2": "Ben Guerdane", "admin3": "", "location": "Ben Guerdane",
            "latitude": "33.1383", "longitude": "11.2196", "geo_precision": "1",
            "source": "Mosaique FM", "source_scale": "National",
            "notes": f"On {_note_date(day)}, residents demonstrated in Ben Guerdane (Ben Guerdane, "
                     "Medenine) over the closure of the Ras Ajdir border crossing with Libya. "
                     "[size=no report] [synthetic event: generated for the libya-conflict sample, "
                     "not a real report]",
            "fatalities": "0", "tags": "synthetic; crowd size=no report",
            "timestamp": str(calendar.timegm(day.timetuple()) + 15 * 86400 + 13 * 3600),
            "iso3": "TUN",
        })
    return rows


def _dirty_variant(rows: list[dict[str, str]], seed: int) -> tuple[bytes, str, dict[str, Any]]:
    """Inject real-export defects into a copy of the clean rows.

    Returns the dirty file's bytes, the deletions file's text and the manifest.
    """
    spec = load_shape()["dirty"]
    draw = _Draw([seed, 2])
    plan = _plan_defects(rows, spec, draw)
    rows = [dict(r) for r in rows]
    ids = {name: [rows[i]["event_id_cnty"] for i in idx] for name, idx in plan.items()}
    defects: dict[str, dict[str, Any]] = {}

    for i in plan["old_district_names"]:
        rows[i]["admin2"] = spec["old_names"][rows[i]["location"]]
    defects["old_district_names"] = {
        "count": len(plan["old_district_names"]), "event_ids": ids["old_district_names"],
        "names": {rows[i]["event_id_cnty"]: rows[i]["admin2"] for i in plan["old_district_names"]}}
    for i in plan["nbsp_actor1"]:
        rows[i]["actor1"] = rows[i]["actor1"].replace(" ", NBSP, 1)
    for i in plan["nbsp_notes"]:
        rows[i]["notes"] = rows[i]["notes"].replace(" ", NBSP, 1)
    defects["nbsp"] = {"count": len(plan["nbsp_actor1"]) + len(plan["nbsp_notes"]),
                       "fields": {"actor1": len(plan["nbsp_actor1"]),
                                  "notes": len(plan["nbsp_notes"])},
                       "event_ids": sorted(ids["nbsp_actor1"] + ids["nbsp_notes"])}
    for i in plan["windows_1252"]:
        rows[i]["notes"] = rows[i]["notes"].replace(
            " [synthetic", f" Residents{CP1252_QUOTE} homes were damaged. [synthetic", 1)
    defects["windows_1252"] = {"count": len(plan["windows_1252"]),
                               "bytes": len(plan["windows_1252"]),
                               "event_ids": ids["windows_1252"]}
    for i in plan["month_precision"]:
        day = _parse_acled_date(rows[i]["event_date"])
        rows[i]["event_date"] = _acled_date(day.replace(day=15))
        rows[i]["time_precision"] = "3"
    defects["month_precision"] = {"count": len(plan["month_precision"]),
                                  "event_ids": ids["month_precision"]}
    for i in plan["missing_coordinates"]:
        rows[i]["latitude"] = rows[i]["longitude"] = ""
    defects["missing_coordinates"] = {"count": len(plan["missing_coordinates"]),
                                      "event_ids": ids["missing_coordinates"]}
    for i, bad in zip(plan["bad_date"], spec["bad_dates"], strict=True):
        rows[i]["event_date"] = bad
        rows[i]["year"] = bad[-4:] if bad[-4:].isdigit() else rows[i]["year"]
    for i, bad in zip(plan["bad_fatalities"], spec["bad_fatalities"], strict=True):
        rows[i]["fatalities"] = bad
    for i in plan["missing_event_id"]:
        rows[i]["event_id_cnty"] = rows[i]["event_id_no_cnty"] = ""
    for name in ("bad_date", "bad_fatalities", "missing_event_id"):
        defects[name] = {"count": len(plan[name]), "event_ids": ids[name],
                         "data_ids": [rows[i]["data_id"] for i in plan[name]]}

    deletions, deleted_info = _deletions(rows, plan["deleted"], spec, draw)
    defects["deleted"] = deleted_info
    out_rows, extra = _insert_extra_rows(rows, plan, spec, draw)
    defects.update(extra)

    text = _csv_text(out_rows, ACLED_2019_COLUMNS)
    data = text.encode("utf-8").replace(CP1252_QUOTE.encode("utf-8"), b"\x92")
    manifest = _manifest(len(rows), len(out_rows), defects, spec, seed)
    return data, _csv_text(deletions, DELETIONS_COLUMNS), manifest


def _deletions(rows: list[dict[str, str]], deleted: list[int], spec: dict[str, Any],
               draw: _Draw) -> tuple[list[dict[str, str]], dict[str, Any]]:
    entries = []
    for i in deleted:
        when = int(rows[i]["timestamp"]) + 86400 * draw.integer(3, 60) + 1800
        entries.append({"event_id_cnty": rows[i]["event_id_cnty"], "deleted_timestamp": str(when)})
    missing = []
    for k in range(spec["deletions_not_in_data"]):
        event_id = f"LBY{89990 + k}"  # below the sample's id range: never in the export
        missing.append(event_id)
        entries.append({"event_id_cnty": event_id,
                        "deleted_timestamp": str(1577880000 + 86400 * draw.integer(0, 700))})
    entries.sort(key=lambda e: (int(e["deleted_timestamp"]), e["event_id_cnty"]))
    info = {"count": len(deleted), "event_ids": [rows[i]["event_id_cnty"] for i in deleted],
            "ids_not_in_export": missing}
    return entries, info


def _insert_extra_rows(rows: list[dict[str, str]], plan: dict[str, list[int]],
                       spec: dict[str, Any], draw: _Draw
                       ) -> tuple[list[dict[str, str]], dict[str, dict[str, Any]]]:
    """Add exact duplicates (next to their original), newer versions and out-of-scope rows."""
    after: dict[int, list[dict[str, str]]] = {}
    for i in plan["exact_duplicates"]:
        after.setdefault(i, []).append(dict(rows[i]))
    loose: list[dict[str, str]] = []
    twice = set(plan["recoded"][: spec["recoded_twice"]])
    recoded_info = []
    for i in plan["recoded"]:
        versions = _recoded_versions(rows[i], 2 if i in twice else 1, draw)
        loose.extend(versions)
        recoded_info.append({"event_id": rows[i]["event_id_cnty"], "versions": 1 + len(versions),
                             "final_timestamp": int(versions[-1]["timestamp"]),
                             "final_fatalities": int(versions[-1]["fatalities"])})
    out_of_scope = _out_of_scope_rows(draw, spec["out_of_scope_rows"], 70001)
    loose.extend(out_of_scope)
    # Newer versions and foreign rows land anywhere in the file, as in a merged download.
    slots: dict[int, list[dict[str, str]]] = {}
    for row in loose:
        slots.setdefault(draw.integer(0, len(rows)), []).append(row)
    out: list[dict[str, str]] = []
    for i in range(len(rows) + 1):
        out.extend(slots.get(i, []))
        if i < len(rows):
            out.append(rows[i])
            out.extend(after.get(i, []))
    superseded = sum(r["versions"] - 1 for r in recoded_info)
    extra = {
        "exact_duplicates": {"count": len(plan["exact_duplicates"]),
                             "event_ids": [rows[i]["event_id_cnty"]
                                           for i in plan["exact_duplicates"]]},
        "recoded": {"count": len(recoded_info), "superseded_rows": superseded,
                    "event_ids": [r["event_id"] for r in recoded_info], "events": recoded_info},
        "out_of_scope": {"count": len(out_of_scope),
                         "event_ids": [r["event_id_cnty"] for r in out_of_scope]},
    }
    return out, extra


def _manifest(clean_rows: int, rows_read: int, defects: dict[str, dict[str, Any]],
              spec: dict[str, Any], seed: int) -> dict[str, Any]:
    exact = defects["exact_duplicates"]["count"]
    superseded = defects["recoded"]["superseded_rows"]
    quarantine = {"bad_date": defects["bad_date"]["count"],
                  "bad_fatalities": defects["bad_fatalities"]["count"],
                  "missing_event_id": defects["missing_event_id"]["count"],
                  "unplaceable": 0}
    quarantined = sum(quarantine.values())
    deleted = defects["deleted"]["count"]
    out_of_scope = defects["out_of_scope"]["count"]
    kept = clean_rows - quarantined - deleted
    counts = {"read": rows_read, "kept": kept, "out_of_scope": out_of_scope,
              "quarantined": quarantined, "duplicates": exact + superseded, "deleted": deleted}
    assert counts["read"] == kept + out_of_scope + quarantined + exact + superseded + deleted
    return {
        "description": "Defects injected into a copy of acled_libya_sample.csv by "
                       "libya_conflict.sample.write_sample(dirty=True). Defects touch disjoint "
                       "synthetic rows; documented rows are untouched.",
        "seed": seed,
        "files": {"export": DIRTY_SAMPLE, "deletions": DELETIONS_SAMPLE},
        "clean_rows": clean_rows,
        "defects": defects,
        "expected_report": {
            "counts": counts,
            "duplicates": {"exact": exact, "superseded": superseded},
            "updated_events": defects["recoded"]["count"],
            "quarantine_reasons": quarantine,
            "text_fixes": {"nbsp": defects["nbsp"]["count"]},
            "files": [{"path": DIRTY_SAMPLE, "rows_read": rows_read, "out_of_scope": out_of_scope,
                       "windows_1252_bytes": defects["windows_1252"]["bytes"]}],
        },
    }


# --------------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------------
def acled_rows(seed: int = DEFAULT_SEED) -> list[dict[str, str]]:
    """Return the clean ACLED sample rows as dicts of strings (the CSV's exact cell text).

    Parameters
    ----------
    seed : int
        Seed of the draw.

    Returns
    -------
    list of dict
        One dict per row, keyed by the 34 columns of ``ACLED_2019_COLUMNS``.

    """
    districts = load_shape()["districts"]
    return [_acled_row(e, districts) for e in _draw_events(seed)]


def write_sample(out_dir: Path, *, dirty: bool = False, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write the synthetic ACLED and UCDP GED sample of the 2019-2020 war.

    Parameters
    ----------
    out_dir : pathlib.Path
        Directory to write into (created if missing).
    dirty : bool, default False
        Also write the dirty variant: ``acled_libya_sample_dirty.csv`` (defects injected into a
        copy of the clean ACLED sample; UTF-8 with a few Windows-1252 bytes),
        ``acled_deletions_sample.csv`` and ``dirty_manifest.json`` (what was injected and the
        counts ``libya_conflict.clean.clean`` must report).
    seed : int, default 20190404
        Seed of the draw. The same seed always gives byte-identical files.

    Returns
    -------
    list of pathlib.Path
        The files written: the ACLED sample (2019-2023 export-tool layout) and the UCDP GED
        sample, then, with ``dirty``, the dirty export, the deletions file and the manifest.

    """
    out_dir = Path(out_dir)
    events = _draw_events(seed)
    districts = load_shape()["districts"]
    rows = [_acled_row(e, districts) for e in events]
    written = [
        _write_bytes(out_dir / ACLED_SAMPLE, _csv_text(rows, ACLED_2019_COLUMNS).encode("utf-8")),
        _write_bytes(out_dir / UCDP_SAMPLE,
                     _csv_text(_ucdp_rows(_ucdp_events(events, seed)), UCDP_COLUMNS)
                     .encode("utf-8")),
    ]
    if dirty:
        data, deletions, manifest = _dirty_variant(rows, seed)
        written += [
            _write_bytes(out_dir / DIRTY_SAMPLE, data),
            _write_bytes(out_dir / DELETIONS_SAMPLE, deletions.encode("utf-8")),
            _write_bytes(out_dir / DIRTY_MANIFEST,
                         (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode("utf-8")),
        ]
    return written


# --------------------------------------------------------------------------------------------------
# Large multi-country export (benchmarks)
# --------------------------------------------------------------------------------------------------
_LARGE_KINDS = (
    # event_type, sub_event_type, disorder_type, actor1 prefix, inter1, actor2 prefix, inter2,
    # civilian targeting, chance of fatalities, mean extra fatalities when fatal
    ("Battles", "Armed clash", "Political violence", "Unidentified Armed Group", 3,
     "Military Forces of", 1, "", 0.45, 1.5),
    ("Protests", "Peaceful protest", "Demonstrations", "Protesters", 6, "", 0, "", 0.0, 0.0),
    ("Violence against civilians", "Attack", "Political violence", "Unidentified Armed Group", 3,
     "Civilians", 7, CIVILIAN_TARGETING, 0.6, 0.2),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Political violence",
     "Military Forces of", 1, "Unidentified Armed Group", 3, "", 0.3, 0.5),
    ("Strategic developments", "Arrests", "Strategic developments", "Police Forces of", 1,
     "Civilians", 7, "", 0.0, 0.0),
    ("Riots", "Violent demonstration", "Demonstrations", "Rioters", 5, "", 0, "", 0.02, 0.0),
    ("Explosions/Remote violence", "Air/drone strike", "Political violence", "Military Forces of",
     1, "Unidentified Armed Group", 3, "", 0.35, 1.0),
)
_LARGE_SIZED_KINDS = (1, 5)  # protests and riots carry ACLED's "[size=...]" tail
_LARGE_CALM_KINDS = (1, 4)  # protests and arrests get the "calm" follow-up sentences
_LARGE_SOURCES = (("Local media", "Subnational"), ("National press agency", "National"),
                  ("Reuters", "International"), ("AFP", "International"),
                  ("Twitter", "New media"), ("Local partner", "Local partner-National"))
_LARGE_PLACES_PER_COUNTRY = 240  # 8 admin1 x 5 admin2 x 6 towns


def write_large_export(path: Path, rows: int, countries: int, seed: int = 1) -> Path:
    """Write a large multi-country export in ACLED's current 31-column layout (ISO dates).

    The export is built column by column with numpy and written with pyarrow, so a million rows
    take seconds. Notes are 200-400 characters, like real ACLED notes, so the file size is close
    to a real export's (about 0.5 GB per million rows).

    Parameters
    ----------
    path : pathlib.Path
        CSV file to write (parent directories are created).
    rows : int
        Number of events.
    countries : int
        Number of countries. Libya is always the first and gets about ``rows / countries`` rows,
        drawn from the Libya sample's events (so they clean like the sample does). At most the
        number of countries listed under ``large_export`` in ``sample_shape.yaml``.
    seed : int, default 1
        Seed of the draw; the same seed gives a byte-identical file.

    Returns
    -------
    pathlib.Path
        ``path``.

    """
    spec = load_shape()["large_export"]
    table = spec["countries"]
    if rows < 1:
        raise ValueError("rows must be at least 1")
    if not 1 <= countries <= len(table):
        raise ValueError(f"countries must be between 1 and {len(table)}")
    rng = np.random.default_rng(seed)
    country_of_row = rng.integers(0, countries, size=rows)
    n_libya = int((country_of_row == 0).sum())
    libya = _large_libya_columns(n_libya, rng)
    others = _large_other_columns(np.sort(country_of_row[country_of_row != 0]), table, spec, rng,
                                  seed)
    # Interleave the two date-sorted parts by day, keeping each part's order (stable sort).
    day = np.concatenate([libya.pop("_day"), others.pop("_day")])
    order = np.argsort(day, kind="stable")
    columns = {name: np.concatenate([libya[name], others[name]])[order]
               for name in ACLED_CURRENT_COLUMNS if name != "event_id_cnty"}
    columns["event_id_cnty"] = _large_event_ids(columns["iso"], table)
    _write_csv_fast(Path(path), {name: columns[name] for name in ACLED_CURRENT_COLUMNS})
    return Path(path)


def _large_event_ids(iso: np.ndarray, table: list[list[Any]]) -> np.ndarray:
    # ACLED numbers events per country, growing with time: rank rows within their country.
    number = pd.Series(iso).groupby(iso, sort=False).cumcount().to_numpy() + 1
    prefix = {int(c[1]): c[2] for c in table}
    iso3 = pd.Series(iso).map(prefix).to_numpy(dtype=object)
    return np.asarray(pc.binary_join_element_wise(
        pa.array(iso3, pa.string()), pc.cast(pa.array(number), pa.string()), ""), dtype=object)


def _large_libya_columns(count: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Libya rows: events of the Libya sample drawn with replacement, in date order."""
    pool = pd.DataFrame(acled_rows(DEFAULT_SEED))  # already sorted by date
    picked = pool.iloc[np.sort(rng.integers(0, len(pool), size=count))]
    days = np.array([_parse_acled_date(d).toordinal() for d in pool["event_date"]])
    out: dict[str, np.ndarray] = {"_day": days[picked.index.to_numpy()]}
    for name in ACLED_CURRENT_COLUMNS:
        if name == "event_id_cnty":
            continue
        values = picked[name].to_numpy(dtype=object)
        if name == "event_date":
            values = np.array([dt.date.fromordinal(int(d)).isoformat() for d in out["_day"]],
                              dtype=object)
        elif name in ("latitude", "longitude"):
            values = values.astype(float)
        elif name in ("year", "time_precision", "inter1", "inter2", "interaction", "iso",
                      "geo_precision", "fatalities", "timestamp"):
            values = values.astype(np.int64)
        elif name == "tags":
            values = np.full(count, "synthetic", dtype=object)  # every benchmark row is generated
        out[name] = values
    return out


def _large_gazetteer(table: list[list[Any]], seed: int) -> dict[str, np.ndarray]:
    """Build synthetic places (admin1, admin2, town, point) for every country of the table."""
    rng = np.random.default_rng([seed, 7])
    per = _LARGE_PLACES_PER_COUNTRY
    k = np.arange(per)
    a1, a2, town = k // 30 + 1, (k // 6) % 5 + 1, k % 6 + 1
    admin1 = np.array([f"Region {i}" for i in a1], dtype=object)
    admin2 = np.array([f"District {i}.{j}" for i, j in zip(a1, a2, strict=True)], dtype=object)
    location = np.array([f"Town {i}.{j}.{t}" for i, j, t in zip(a1, a2, town, strict=True)],
                        dtype=object)
    lat = np.empty(len(table) * per)
    lon = np.empty(len(table) * per)
    for c, (_name, _iso, _iso3, _region, lat0, lon0, spread) in enumerate(table):
        offsets = rng.normal(0.0, spread / 2.0, size=(per, 2))
        lat[c * per:(c + 1) * per] = np.round(lat0 + offsets[:, 0], 4)
        lon[c * per:(c + 1) * per] = np.round(lon0 + offsets[:, 1], 4)
    return {"admin1": np.tile(admin1, len(table)), "admin2": np.tile(admin2, len(table)),
            "location": np.tile(location, len(table)), "latitude": lat, "longitude": lon}


def _large_other_columns(country: np.ndarray, table: list[list[Any]], spec: dict[str, Any],
                         rng: np.random.Generator, seed: int) -> dict[str, np.ndarray]:
    """Non-Libyan rows, in date order."""
    n = len(country)
    gazetteer = _large_gazetteer(table, seed)
    loc = country * _LARGE_PLACES_PER_COUNTRY + rng.integers(0, _LARGE_PLACES_PER_COUNTRY, size=n)
    kind = rng.integers(0, len(_LARGE_KINDS), size=n)
    first_day = spec["start"].toordinal()
    n_days = spec["end"].toordinal() - first_day + 1
    offset = np.sort(rng.integers(0, n_days, size=n))
    days = [dt.date.fromordinal(first_day + i) for i in range(n_days)]
    iso_dates = np.array([d.isoformat() for d in days], dtype=object)
    note_dates = np.array([_note_date(d) for d in days], dtype=object)
    field = list(zip(*_LARGE_KINDS, strict=True))

    def pick(values: Sequence[Any], index: np.ndarray) -> np.ndarray:
        return np.asarray(values, dtype=object)[index]

    names = [c[0] for c in table]
    actor1 = np.array([[_large_actor(k[3], c) for c in names] for k in _LARGE_KINDS], dtype=object)
    actor2 = np.array([[_large_actor(k[5], c) for c in names] for k in _LARGE_KINDS], dtype=object)
    fatal = rng.random(n) < np.asarray(field[8], dtype=float)[kind]
    fatalities = np.where(fatal, 1 + rng.poisson(np.asarray(field[9], dtype=float)[kind]), 0)
    source = rng.integers(0, len(_LARGE_SOURCES), size=n)
    epoch_day = dt.date(1970, 1, 1).toordinal()
    inter1 = np.asarray(field[4], dtype=np.int64)[kind]
    inter2 = np.asarray(field[6], dtype=np.int64)[kind]
    low, high = np.minimum(inter1, inter2), np.maximum(inter1, inter2)
    return {
        "_day": first_day + offset, "event_date": iso_dates[offset],
        "year": np.array([d.year for d in days], dtype=np.int64)[offset],
        "time_precision": np.where(rng.random(n) < 0.94, 1, 2),
        "disorder_type": pick(field[2], kind), "event_type": pick(field[0], kind),
        "sub_event_type": pick(field[1], kind), "actor1": actor1[kind, country],
        "assoc_actor_1": np.full(n, "", dtype=object), "inter1": inter1,
        "actor2": actor2[kind, country], "assoc_actor_2": np.full(n, "", dtype=object),
        "inter2": inter2, "interaction": np.where(low == 0, high * 10, low * 10 + high),
        "civilian_targeting": pick(field[7], kind),
        "iso": np.asarray([c[1] for c in table], dtype=np.int64)[country],
        "region": pick([c[3] for c in table], country), "country": pick(names, country),
        "admin1": gazetteer["admin1"][loc], "admin2": gazetteer["admin2"][loc],
        "admin3": np.full(n, "", dtype=object), "location": gazetteer["location"][loc],
        "latitude": gazetteer["latitude"][loc], "longitude": gazetteer["longitude"][loc],
        "geo_precision": np.where(rng.random(n) < 0.78, 1, 2),
        "source": pick([s[0] for s in _LARGE_SOURCES], source),
        "source_scale": pick([s[1] for s in _LARGE_SOURCES], source),
        "notes": _large_notes(note_dates[offset], kind, loc, gazetteer, spec, rng),
        "fatalities": fatalities, "tags": np.full(n, "synthetic", dtype=object),
        "timestamp": (first_day + offset - epoch_day) * 86400
        + 86400 * rng.integers(7, 36, size=n) + 46800,
    }


def _large_actor(prefix: str, country: str) -> str:
    if not prefix:
        return ""
    return f"{prefix} {country} (2019-)" if prefix.endswith(" of") else f"{prefix} ({country})"


def _large_notes(note_dates: np.ndarray, kind: np.ndarray, loc: np.ndarray,
                 gazetteer: dict[str, np.ndarray], spec: dict[str, Any],
                 rng: np.random.Generator) -> np.ndarray:
    """ACLED-like notes of 200-400 characters: an opening sentence and one or two follow-ups."""
    n = len(kind)
    place = np.asarray(pc.binary_join_element_wise(
        pa.array(gazetteer["location"]), " (", pa.array(gazetteer["admin2"]), ", ",
        pa.array(gazetteer["admin1"]), ")", ""), dtype=object)[loc]
    openings = spec["openings"]
    pre = np.array([o.split("{loc}")[0] for o in openings], dtype=object)
    post = np.array([o.split("({adm2}, {adm1})")[1] + "." for o in openings], dtype=object)
    # Follow-up sentences fit the kind of event: violent ones, or protests and arrests.
    calm = np.isin(kind, _LARGE_CALM_KINDS)
    pools = [np.asarray(spec["follow_ups"][key], dtype=object) for key in ("violent", "calm")]
    size = len(pools[0])
    if any(len(p) != size for p in pools):
        raise ValueError("large_export.follow_ups: both pools need the same number of sentences")
    first = rng.integers(0, size, size=n)
    # A second follow-up (never the first one again) for about a third of the rows.
    second_index = (first + rng.integers(1, size, size=n)) % size
    follow_first = np.where(calm, pools[1][first], pools[0][first])
    follow_second = np.where(calm, pools[1][second_index], pools[0][second_index])
    second = np.where(rng.random(n) < 1 / 3, " " + follow_second, "")
    tail = np.where(np.isin(kind, _LARGE_SIZED_KINDS), " " + spec["tail"], "")
    opening = kind % len(openings)
    parts = ["On ", note_dates, ", ", pre[opening], place, post[opening], " ", follow_first, second,
             tail]
    arrays = [p if isinstance(p, str) else pa.array(p, pa.string()) for p in parts]
    return np.asarray(pc.binary_join_element_wise(*arrays, ""), dtype=object)


def _csv_field(values: np.ndarray) -> pa.Array:
    """Render one column as CSV text, quoting only fields that need it (as ACLED's files do)."""
    if values.dtype.kind == "f":
        # Shortest round-trip text of values already rounded to 4 decimals: "13.18", "32.8874".
        return pc.cast(pa.array(values), pa.string())
    if values.dtype.kind in "iu":
        return pc.cast(pa.array(values), pa.string())
    text = pc.fill_null(pa.array(values, pa.string()), "")
    needs_quotes = pc.match_substring_regex(text, '[,"\n\r]')
    if not pc.any(needs_quotes).as_py():
        return text
    # Doubling quotes is the slow step, and generated notes rarely contain any.
    inner = (pc.replace_substring(text, '"', '""')
             if pc.any(pc.match_substring(text, '"')).as_py() else text)
    return pc.if_else(needs_quotes, pc.binary_join_element_wise('"', inner, '"', ""), text)


def _write_csv_fast(path: Path, columns: dict[str, np.ndarray], chunk: int = 250_000) -> None:
    """Write columns as CSV, building the lines in pyarrow's C++ kernels, a chunk at a time."""
    n = len(next(iter(columns.values())))
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        fh.write((",".join(columns) + "\n").encode("utf-8"))
        for start in range(0, n, chunk):
            fields = [_csv_field(values[start:start + chunk]) for values in columns.values()]
            lines = pc.binary_join_element_wise(*fields, ",")
            lines = pc.binary_join_element_wise(lines, "", "\n").cast(pa.large_string())
            # The lines' data buffer is the CSV text itself: write it without copying.
            _validity, offsets, data = lines.buffers()
            bounds = np.frombuffer(offsets, dtype=np.int64)[[0, len(lines)]]
            fh.write(memoryview(data)[int(bounds[0]):int(bounds[1])])


__all__ = [
    "ACLED_2019_COLUMNS", "ACLED_CURRENT_COLUMNS", "ACLED_SAMPLE", "DELETIONS_SAMPLE",
    "DIRTY_MANIFEST", "DIRTY_SAMPLE", "UCDP_COLUMNS", "UCDP_SAMPLE", "Actor", "acled_rows",
    "load_key_events", "load_shape", "write_large_export", "write_sample",
]
