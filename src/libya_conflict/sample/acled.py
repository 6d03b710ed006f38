"""Rows of the synthetic ACLED sample: documented key events and synthetic events."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

import pandas as pd

from libya_conflict.sample.common import (
    CIVILIAN_TARGETING,
    DEFAULT_SEED,
    POLITICAL_VIOLENCE,
    Actor,
    Draw,
    Event,
    _acled_date,
    _fmt_coord,
    _in_window,
    _interaction,
    _note_date,
    load_key_events,
    load_shape,
)


class Generator:
    """Draws the underlying events from the shape file (one instance per seed)."""

    def __init__(self, shape: dict[str, Any], seed: int) -> None:
        self.shape = shape
        self.draw = Draw(seed)
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

    def synthetic_event(self, day: dt.date) -> Event:
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
        event = Event(
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

    def _assoc(self, event: Event) -> None:
        spec = self.shape["assoc_actors"]
        if event.actor2 is not None and event.actor2 == self.fixed["civilians"]:
            if self.draw.chance(spec["civilians"]["p"]):
                event.assoc2 = self.draw.weighted(spec["civilians"]["names"],
                                                  [1] * len(spec["civilians"]["names"]))
        if event.actor1 == self.fixed["protesters"] and self.draw.chance(spec["protesters"]["p"]):
            event.assoc1 = self.draw.weighted(spec["protesters"]["names"],
                                              [1] * len(spec["protesters"]["names"]))

    def _source(self, event: Event) -> None:
        spec = self.shape["sources"]
        chosen = self.draw.weighted(spec, [s["w"] for s in spec])
        event.source, event.source_scale = chosen["source"], chosen["scale"]

    def _note(self, event: Event) -> str:
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
    def documented_events(self, key_events: pd.DataFrame) -> list[Event]:
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
            event = Event(
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


def _draw_events(seed: int) -> list[Event]:
    """Draw every event of the sample (documented and synthetic), sorted and numbered."""
    shape = load_shape()
    gen = Generator(shape, seed)
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


def _acled_row(event: Event, districts: dict[str, dict[str, Any]]) -> dict[str, str]:
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
