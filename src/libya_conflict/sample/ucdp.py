"""Rows of the synthetic UCDP GED sample, derived from the ACLED sample's events."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from libya_conflict.sample.common import Draw, Event, _fmt_coord, load_shape


@dataclass
class UcdpEvent:
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
        """Return UCDP's best estimate: the sum of the deaths of each kind."""
        return sum(self.deaths.values())


def _ucdp_dyad(event: Event, spec: dict[str, Any]) -> tuple[int, str, str] | None:
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


def _split_deaths(draw: Draw, total: int, tov: int, split: dict[str, float]) -> dict[str, int]:
    deaths = {"a": 0, "b": 0, "civilians": 0, "unknown": 0}
    if tov == 3:
        deaths["civilians"] = total
        return deaths
    for _ in range(total):
        deaths[draw.from_mix(split)] += 1
    return deaths


def _documented_deaths(event: Event, tov: int, side_a: str) -> dict[str, int]:
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


def _ucdp_events(events: list[Event], seed: int) -> list[UcdpEvent]:
    """Derive UCDP's view of the same events: fatal, attributable, sometimes summarised."""
    shape = load_shape()
    spec = shape["ucdp"]
    draw = Draw([seed, 1])
    singles: list[UcdpEvent] = []
    groups: dict[tuple[int, int, str], list[tuple[Event, dict[str, int]]]] = {}
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


def _low_high(draw: Draw, best: int, spec: dict[str, Any]) -> tuple[int, int]:
    low = best - draw.integer(0, math.ceil(spec["low_cut"] * best))
    high = best + draw.integer(0, math.ceil(spec["high_add"] * best))
    return max(low, 0), high


def _ucdp_single(draw: Draw, event: Event, dyad: tuple[int, str, str],
                 deaths: dict[str, int], spec: dict[str, Any]) -> UcdpEvent:
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
    return UcdpEvent(
        type_of_violence=tov, side_a=side_a, side_b=side_b, date_start=start, date_end=end,
        district=event.district, location=event.location, lat=lat, lon=lon,
        where_prec=where_prec, date_prec=date_prec, clarity=1, deaths=deaths, low=low, high=high,
        documented_source=event.source if event.documented else "",
        number_of_sources=n_sources)


def _ucdp_span(draw: Draw, day: dt.date, date_prec: int) -> tuple[dt.date, dt.date]:
    # UCDP events never cross a year boundary; clamp spans to the event's calendar year.
    first, last = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    if date_prec == 2:
        start = day - dt.timedelta(days=draw.integer(1, 3))
        return max(start, first), day
    if date_prec == 3:
        monday = day - dt.timedelta(days=day.weekday())
        return max(monday, first), min(monday + dt.timedelta(days=6), last)
    return day, day


def _ucdp_summary(draw: Draw, members: list[tuple[Event, dict[str, int]]],
                  spec: dict[str, Any], districts: dict[str, dict[str, Any]]) -> UcdpEvent:
    first = members[0][0]
    deaths = {k: sum(d[k] for _, d in members) for k in ("a", "b", "civilians", "unknown")}
    start = min(e.date for e, _ in members)
    end = max(e.date for e, _ in members)
    best = sum(deaths.values())
    low, high = _low_high(draw, best, spec)
    where_prec = int(draw.from_mix(spec["where_prec_summary"]))
    capital = districts[first.district]["capital"]
    return UcdpEvent(
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


def _ucdp_ids(uevent: UcdpEvent, spec: dict[str, Any]) -> dict[str, str]:
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


def _where(uevent: UcdpEvent, adm1: str) -> tuple[str, str]:
    if uevent.where_prec >= 4 or not uevent.location:
        return adm1, f"several locations in {adm1}"
    if uevent.location.startswith("Tripoli - "):
        area = uevent.location.removeprefix("Tripoli - ")
        return area, f"{area}, Tripoli"
    return f"{uevent.location} town", uevent.location


def _ucdp_rows(uevents: list[UcdpEvent]) -> list[dict[str, str]]:
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
