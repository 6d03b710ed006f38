"""Numbers behind the briefings: periods, areas, sides, aggregates and changes.

Pure pandas on the cleaned event table (docs/schema.md). ACLED and UCDP events are never added
together: a :class:`Selection` counts one dataset for its headline figures (ACLED where it covers
the period, else UCDP) and keeps the other for side-by-side comparison.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from libya_conflict.params import (
    GREATER_TRIPOLI,
    GREATER_TRIPOLI_DISTRICTS,
    NATIONAL,
    REGIONS,
)

CENTRAL_TRIPOLI = (32.8874, 13.1873)
REMOTE_VIOLENCE = ("Air/drone strike", "Shelling/artillery/missile attack")
ARMED_CLASHES = ("Armed clash", "State-based violence (UCDP)", "Non-state violence (UCDP)")
FOREIGN_SIDES = ("foreign_gna", "foreign_lna")
# Coalitions that are targets or crowds rather than armed sides.
NON_COMBATANTS = ("civilians", "protesters")
COARSE_DATES = ("week", "month", "range")
COARSE_PLACES = ("district", "region", "country", "sea_air")
DATASETS = ("acled", "ucdp")
DATASET_NAMES = {"acled": "ACLED", "ucdp": "UCDP GED"}
_TEXT_COLUMNS = ("event_id", "dataset", "date_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "actor2", "assoc_actors", "coalition1", "coalition2",
                 "region", "district", "admin1", "admin2", "admin3", "location", "geo_precision",
                 "placed_by", "notes", "source", "tags")


def normalise(table: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of a cleaned table ready for analysis.

    Missing text becomes "" (so comparisons never meet NA), fatalities become plain integers
    and ``civilian_targeting`` a plain bool.
    """
    out = table.copy()
    for column in _TEXT_COLUMNS:
        if column in out:
            out[column] = out[column].astype("string").fillna("").astype(object)
    for column in ("fatalities", "fatalities_low", "fatalities_high"):
        if column in out:
            out[column] = pd.to_numeric(out[column]).fillna(0).astype("int64")
    if "civilian_targeting" in out:
        out["civilian_targeting"] = out["civilian_targeting"].fillna(False).astype(bool)
    out["date"] = pd.to_datetime(out["date"]).astype("datetime64[ns]")
    return out


@dataclass(frozen=True)
class Period:
    """An inclusive range of days."""

    start: pd.Timestamp
    end: pd.Timestamp

    @classmethod
    def of(cls, start: str | pd.Timestamp, end: str | pd.Timestamp) -> Period:
        """Build a period from ISO dates or timestamps (times of day are dropped)."""
        return cls(pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize())

    @property
    def days(self) -> int:
        """Return the number of days, both ends included."""
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """Return the period of equal length that ends the day before this one starts."""
        end = self.start - pd.Timedelta(days=1)
        return Period(end - pd.Timedelta(days=self.days - 1), end)

    def mask(self, dates: pd.Series) -> pd.Series:
        """Return which dates fall in the period."""
        return dates.between(self.start, self.end)

    def as_dict(self) -> dict[str, str]:
        """Return start and end as ISO text."""
        return {"start": self.start.date().isoformat(), "end": self.end.date().isoformat()}


def area_districts(area: str) -> list[str] | None:
    """Return the districts of an area, or None for all of Libya.

    Parameters
    ----------
    area : str
        ``Libya``, a region (``West``, ``East``, ``South``), ``Greater Tripoli`` or a district,
        spelled canonically (see :func:`libya_conflict.params.check_parameters`).

    """
    if area == NATIONAL:
        return None
    if area == GREATER_TRIPOLI:
        return list(GREATER_TRIPOLI_DISTRICTS)
    if area in REGIONS:
        from libya_conflict.places import gazetteer

        return sorted(d for d, r in gazetteer().region_of().items() if r == area)
    return [area]


def filter_area(table: pd.DataFrame, area: str) -> pd.DataFrame:
    """Return the events of an area (see :func:`area_districts`)."""
    districts = area_districts(area)
    return table if districts is None else table[table["district"].isin(districts)]


def involves_side(table: pd.DataFrame, side: str) -> pd.Series:
    """Return which events have ``side`` as the coalition of actor 1 or actor 2."""
    return table["coalition1"].eq(side) | table["coalition2"].eq(side)


def _actor_key(name: str) -> str:
    return " ".join(str(name).split()).casefold()


def _actor_lists(table: pd.DataFrame) -> pd.Series:
    """Return, per event, the list of its actors (actor 1, actor 2 and associated actors)."""
    assoc = table["assoc_actors"].str.split(";") if "assoc_actors" in table else None
    names = table["actor1"].map(lambda a: [a]) + table["actor2"].map(lambda a: [a])
    if assoc is not None:
        names = names + assoc
    return names.map(lambda items: [i.strip() for i in items if i and i.strip()])


def actor_names(table: pd.DataFrame, actor: str) -> list[str]:
    """Return the actor names that ``actor`` stands for.

    An exact match (ignoring case and spacing) wins; otherwise every name containing the text.
    """
    names = sorted({n for items in _actor_lists(table) for n in items})
    key = _actor_key(actor)
    exact = [n for n in names if _actor_key(n) == key]
    return exact or [n for n in names if key and key in _actor_key(n)]


def filter_actor(table: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """Return the events in which any of ``names`` took part (as actor 1, 2 or associated)."""
    wanted = set(names)
    return table[_actor_lists(table).map(lambda items: bool(wanted.intersection(items)))]


def coverage(table: pd.DataFrame, dataset: str) -> Period | None:
    """Return the first and last event dates of a dataset in the table, or None."""
    dates = table.loc[table["dataset"].eq(dataset), "date"]
    return Period.of(dates.min(), dates.max()) if len(dates) else None


def headline_dataset(table: pd.DataFrame, period: Period) -> str:
    """Choose the dataset whose events the headline counts: never both added up.

    ACLED when its events cover the period (it records every event, fatal or not), else UCDP
    when it does; otherwise whichever the table holds, ACLED first.
    """
    spans = {ds: coverage(table, ds) for ds in DATASETS}
    for ds, span in spans.items():
        if span and span.start <= period.end and span.end >= period.start:
            return ds
    return next((ds for ds, span in spans.items() if span), "acled")


@dataclass
class Selection:
    """The events a briefing is about, and those it compares with.

    Attributes
    ----------
    table : pandas.DataFrame
        All events of the subject (area, side or actor), every date and dataset.
    period, previous_period : Period
        The period asked for and the one of equal length before it.
    dataset : str
        The dataset the headline counts (``acled`` or ``ucdp``).
    area : str
        The area (``Libya`` when the subject is a side or actor).
    side, actor : str
        The side (coalition key) or actor asked for, or "".
    actor_names : list of str
        The actor names matched by ``actor``.
    data_coverage : Period or None
        First and last dates of ``dataset`` in the whole data file (any area).

    """

    table: pd.DataFrame
    period: Period
    previous_period: Period
    dataset: str
    area: str = NATIONAL
    side: str = ""
    actor: str = ""
    actor_names: list[str] = field(default_factory=list)
    data_coverage: Period | None = None

    @property
    def events(self) -> pd.DataFrame:
        """Return the headline dataset's events in the period."""
        return self.in_period(self.dataset)

    def in_period(self, dataset: str | None = None) -> pd.DataFrame:
        """Return the period's events of one dataset (or of all, for side-by-side views)."""
        rows = self.table[self.period.mask(self.table["date"])]
        return rows if dataset is None else rows[rows["dataset"].eq(dataset)]

    @property
    def has_previous(self) -> bool:
        """Tell whether the data cover the whole previous period."""
        span = self.data_coverage
        return bool(span and span.start <= self.previous_period.start)

    @property
    def previous_events(self) -> pd.DataFrame | None:
        """Return the headline dataset's events in the previous period, or None if not covered."""
        if not self.has_previous:
            return None
        rows = self.table[self.previous_period.mask(self.table["date"])]
        return rows[rows["dataset"].eq(self.dataset)]

    @property
    def datasets(self) -> list[str]:
        """Return the datasets present in the subject's table, ACLED first."""
        present = set(self.table["dataset"])
        return [ds for ds in DATASETS if ds in present]


def select(table: pd.DataFrame, start: str, end: str, area: str = NATIONAL, side: str = "",
           actor: str = "", districts: list[str] | None = None) -> Selection:
    """Select the events of a period and a subject.

    Parameters
    ----------
    table : pandas.DataFrame
        A cleaned table (normalised here).
    start, end : str
        ISO dates, inclusive.
    area : str
        Canonical area name (see :func:`area_districts`).
    side : str
        Coalition key: keep events where it is actor 1's or actor 2's side.
    actor : str
        Actor name (takes precedence over ``side``): keep events it took part in.
    districts : list of str, optional
        Keep only these districts (e.g. the front); ``area`` then only labels them.

    Returns
    -------
    Selection

    """
    table = normalise(table)
    period = Period.of(start, end)
    dataset = headline_dataset(table, period)
    span = coverage(table, dataset)
    subject = (filter_area(table, area) if districts is None
               else table[table["district"].isin(districts)])
    names: list[str] = []
    if actor:
        names = actor_names(subject, actor)
        subject, side = filter_actor(subject, names), ""
    elif side:
        subject = subject[involves_side(subject, side)]
    return Selection(subject.reset_index(drop=True), period, period.previous(), dataset, area,
                     side, actor, names, span)


def totals(events: pd.DataFrame | None) -> dict[str, int] | None:
    """Return events, fatalities and civilian-targeting events of a frame (None stays None)."""
    if events is None:
        return None
    return {"events": int(len(events)), "fatalities": int(events["fatalities"].sum()),
            "civilian_targeting_events": int(events["civilian_targeting"].sum()),
            "civilian_targeting_fatalities":
                int(events.loc[events["civilian_targeting"], "fatalities"].sum())}


def headline(sel: Selection) -> dict:
    """Return the headline figures of a selection (JSON-serialisable).

    Returns
    -------
    dict
        start, end, days, area, side, actor, dataset, events, fatalities,
        civilian_targeting_events, civilian_targeting_fatalities, previous_start,
        previous_end, previous_events, previous_fatalities, previous_civilian_targeting_events
        (None when the data do not cover the previous period), data_start and data_end (the
        dataset's first and last event date in the whole file) and by_dataset (events and
        fatalities of each dataset in the period, never added together).

    """
    now = totals(sel.events)
    before = totals(sel.previous_events)
    prev = sel.previous_period.as_dict()
    span = sel.data_coverage.as_dict() if sel.data_coverage else {"start": None, "end": None}
    out = {**sel.period.as_dict(), "days": sel.period.days, "area": sel.area, "side": sel.side,
           "actor": sel.actor, "dataset": sel.dataset, **now,
           "previous_start": prev["start"], "previous_end": prev["end"],
           "data_start": span["start"], "data_end": span["end"]}
    for key in ("events", "fatalities", "civilian_targeting_events"):
        out[f"previous_{key}"] = None if before is None else before[key]
    out["by_dataset"] = {ds: {k: v for k, v in totals(sel.in_period(ds)).items()
                              if k in ("events", "fatalities")} for ds in sel.datasets}
    return out


def count_by(events: pd.DataFrame, column: str) -> pd.DataFrame:
    """Count events and fatalities per value of a column.

    Returns
    -------
    pandas.DataFrame
        Columns ``column``, events, fatalities; most events first, ties by name. Empty values
        are dropped.

    """
    rows = events[events[column].ne("")]
    out = (rows.groupby(column, sort=True)
           .agg(events=("event_id", "size"), fatalities=("fatalities", "sum")).reset_index())
    out[["events", "fatalities"]] = out[["events", "fatalities"]].astype("int64")
    return out.sort_values(["events", column], ascending=[False, True], kind="stable",
                           ignore_index=True)


def by_fatalities(counts: pd.DataFrame, column: str) -> pd.DataFrame:
    """Re-sort a :func:`count_by` frame by fatalities, then events, then name."""
    return counts.sort_values(["fatalities", "events", column], ascending=[False, False, True],
                              kind="stable", ignore_index=True)


def side_activity(events: pd.DataFrame, include_non_combatants: bool = False) -> pd.DataFrame:
    """Count the events each side took part in (as actor 1 or actor 2), and their fatalities.

    An event between two sides counts once for each; an event with both actors on the same side
    counts once for it.

    Returns
    -------
    pandas.DataFrame
        side, events, fatalities, initiated (events where it was actor 1); most events first.

    """
    long = pd.concat([
        events[["event_id", "dataset", "coalition1", "fatalities"]]
        .rename(columns={"coalition1": "side"}).assign(initiated=1),
        events[["event_id", "dataset", "coalition2", "fatalities"]]
        .rename(columns={"coalition2": "side"}).assign(initiated=0),
    ])
    long = long[long["side"].ne("")]
    if not include_non_combatants:
        long = long[~long["side"].isin(NON_COMBATANTS)]
    long = (long.groupby(["dataset", "event_id", "side"], sort=False)
            .agg(fatalities=("fatalities", "first"), initiated=("initiated", "max")).reset_index())
    out = (long.groupby("side").agg(events=("event_id", "size"), fatalities=("fatalities", "sum"),
                                    initiated=("initiated", "sum")).reset_index())
    out[["events", "fatalities", "initiated"]] = out[["events", "fatalities",
                                                      "initiated"]].astype("int64")
    return out.sort_values(["events", "side"], ascending=[False, True], kind="stable",
                           ignore_index=True)


def civilian_harm(events: pd.DataFrame) -> pd.DataFrame:
    """Count events targeting civilians, and their fatalities, per perpetrator side (actor 1).

    Returns
    -------
    pandas.DataFrame
        side, events, fatalities; most events first.

    """
    harm = events[events["civilian_targeting"]].assign(side=lambda f: f["coalition1"]
                                                       .replace("", "unknown"))
    return count_by(harm, "side")


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


def remote_violence(events: pd.DataFrame) -> pd.DataFrame:
    """Return air/drone strikes and shelling (artillery, missiles)."""
    return events[events["sub_event_type"].isin(REMOTE_VIOLENCE)]


def remote_violence_summary(events: pd.DataFrame) -> pd.DataFrame:
    """Summarise shelling and air/drone strikes, and how many hit civilians.

    Returns
    -------
    pandas.DataFrame
        One row per kind (``sub_event_type`` in :data:`REMOTE_VIOLENCE`) with events,
        fatalities, civilian_events, civilian_fatalities, main_side (the side of actor 1 in
        most of them, "" when none) and main_side_events.

    """
    rows = []
    for kind in REMOTE_VIOLENCE:
        part = events[events["sub_event_type"].eq(kind)]
        hit = part[part["civilian_targeting"]]
        sides = count_by(part.assign(side=part["coalition1"].replace("", "unknown")), "side")
        rows.append({"kind": kind, "events": len(part), "fatalities": int(part["fatalities"].sum()),
                     "civilian_events": len(hit),
                     "civilian_fatalities": int(hit["fatalities"].sum()),
                     "main_side": sides["side"].iloc[0] if len(sides) else "",
                     "main_side_events": int(sides["events"].iloc[0]) if len(sides) else 0})
    return pd.DataFrame(rows)


def distance_km(lat: pd.Series, lon: pd.Series,
                point: tuple[float, float] = CENTRAL_TRIPOLI) -> pd.Series:
    """Return great-circle distances in km from a point (haversine, mean Earth radius)."""
    lat1, lon1 = np.radians(point[0]), np.radians(point[1])
    lat2, lon2 = np.radians(lat.astype(float)), np.radians(lon.astype(float))
    a = (np.sin((lat2 - lat1) / 2) ** 2
         + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2)
    return pd.Series(2 * 6371.0088 * np.arcsin(np.sqrt(a)), index=lat.index)


def clashes(events: pd.DataFrame) -> pd.DataFrame:
    """Return armed clashes (ACLED armed clashes; UCDP state-based and non-state violence)."""
    return events[events["sub_event_type"].isin(ARMED_CLASHES)]


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


def foreign_involvement(events: pd.DataFrame) -> pd.DataFrame:
    """Summarise the events in which foreign forces backing each side took part.

    Returns
    -------
    pandas.DataFrame
        side (``foreign_gna``/``foreign_lna``), events, fatalities, first, last (dates),
        main_type (most common sub-event type), main_type_events; sides with no event omitted.

    """
    rows = []
    for side in FOREIGN_SIDES:
        part = events[involves_side(events, side)]
        if part.empty:
            continue
        types = count_by(part, "sub_event_type")
        rows.append({"side": side, "events": len(part), "fatalities": int(part["fatalities"].sum()),
                     "first": part["date"].min(), "last": part["date"].max(),
                     "main_type": types["sub_event_type"].iloc[0],
                     "main_type_events": int(types["events"].iloc[0])})
    return pd.DataFrame(rows, columns=["side", "events", "fatalities", "first", "last",
                                       "main_type", "main_type_events"])


def foreign_over_time(events: pd.DataFrame, period: Period, unit: str) -> pd.DataFrame:
    """Tabulate events involving each foreign side per time bucket (columns: side keys)."""
    parts = [events[involves_side(events, side)].assign(side=side) for side in FOREIGN_SIDES]
    frame = pd.concat(parts) if parts else events.assign(side="")
    return over_time(frame, period, unit, by="side")


def counterparts(events: pd.DataFrame, side: str = "", names: list[str] | None = None
                 ) -> pd.DataFrame:
    """Count who a side or an actor faced: the other actor of each event.

    Parameters
    ----------
    events : pandas.DataFrame
        Events of the side or actor.
    side : str
        Coalition key: counterparts are the other actor's coalition.
    names : list of str, optional
        Actor names: counterparts are the other actor's name.

    Returns
    -------
    pandas.DataFrame
        counterpart, events, fatalities; most events first.

    """
    if names:
        mine = set(names)
        first = events["actor1"].isin(mine)
        other = events["actor2"].where(first, events["actor1"])
        other = other.where(~(first & events["actor2"].isin(mine)), "")
    else:
        first = events["coalition1"].eq(side)
        other = events["coalition2"].where(first, events["coalition1"])
    frame = events.assign(counterpart=other)
    return count_by(frame, "counterpart")


def significant_events(events: pd.DataFrame, key_events: pd.DataFrame, top: int = 8
                       ) -> pd.DataFrame:
    """Pick the most significant events: documented key events and the deadliest events.

    Parameters
    ----------
    events : pandas.DataFrame
        The period's events of one dataset.
    key_events : pandas.DataFrame
        Key events of the period and area (:func:`libya_conflict.keyevents.in_window`).
    top : int
        How many of the deadliest events to add.

    Returns
    -------
    pandas.DataFrame
        date, place, district, fatalities (NA for context events not in the data),
        description, kind (``documented``, ``deadliest`` or ``context``); sorted by date.
        Text comes from the data and must be escaped before display.

    """
    documented = events[events["tags"].str.split(";").map(
        lambda tags: "documented" in [t.strip() for t in tags])]
    deadliest = (events[events["fatalities"] > 0]
                 .sort_values(["fatalities", "date", "event_id"], ascending=[False, True, True],
                              kind="stable").head(top))
    deadliest = deadliest[~deadliest.index.isin(documented.index)]
    rows = [_event_row(r, key_events, "documented") for r in documented.itertuples()]
    rows += [_event_row(r, key_events, "deadliest") for r in deadliest.itertuples()]
    matched = {(r["date"], r["district"]) for r in rows if r["kind"] == "documented"}
    for k in key_events.itertuples():
        if not k.in_sample and (k.date, k.district) not in matched:
            rows.append({"date": k.date, "place": k.place, "district": k.district,
                         "fatalities": pd.NA, "description": k.description, "kind": "context"})
    out = pd.DataFrame(rows, columns=["date", "place", "district", "fatalities", "description",
                                      "kind"])
    return out.sort_values(["date", "kind"], kind="stable", ignore_index=True)


def _event_row(row: object, key_events: pd.DataFrame, kind: str) -> dict:
    # A documented event takes the key event's own description (same day and district).
    match = key_events[key_events["date"].eq(row.date) & key_events["district"].eq(row.district)
                       & key_events["in_sample"]] if kind == "documented" else key_events[:0]
    description = (match["description"].iloc[0] if len(match) else short_note(row.notes))
    return {"date": row.date, "place": row.location or row.district, "district": row.district,
            "fatalities": int(row.fatalities), "description": description, "kind": kind}


def short_note(note: str, limit: int = 220) -> str:
    """Shorten an event note to its first sentence or ``limit`` characters."""
    note = " ".join(str(note).split())
    note = note.split(" [")[0]  # drop trailing bracketed sample markers
    if len(note) <= limit:
        return note
    cut = note[:limit].rsplit(" ", 1)[0]
    return f"{cut}\u2026"


def precision(events: pd.DataFrame) -> dict[str, int]:
    """Count events whose date or place is only approximately known.

    Returns
    -------
    dict
        events; coarse_date (week, month or multi-day range); coarse_place (located only to a
        district, region, the country, or sea/air); no_coordinates.

    """
    return {"events": int(len(events)),
            "coarse_date": int(events["date_precision"].isin(COARSE_DATES).sum()),
            "coarse_place": int(events["geo_precision"].isin(COARSE_PLACES).sum()),
            "no_coordinates": int(events[["latitude", "longitude"]].isna().any(axis=1).sum())}


def compare_counts(now: pd.DataFrame, before: pd.DataFrame | None, column: str) -> pd.DataFrame:
    """Compare event counts per value of a column between two periods.

    Returns
    -------
    pandas.DataFrame
        ``column``, events, previous, change; largest absolute change first (ties by name).
        Empty when there is no previous period.

    """
    if before is None:
        return pd.DataFrame(columns=[column, "events", "previous", "change"])
    a = now[now[column].ne("")].groupby(column).size()
    b = before[before[column].ne("")].groupby(column).size()
    out = pd.DataFrame({"events": a, "previous": b}).fillna(0).astype("int64")
    out["change"] = out["events"] - out["previous"]
    out = out.rename_axis(column).reset_index()
    out["size"] = out["change"].abs()
    return (out.sort_values(["size", column], ascending=[False, True], kind="stable")
            .drop(columns="size").reset_index(drop=True))


def actor_activity(events: pd.DataFrame) -> pd.DataFrame:
    """Count events per named actor (actor 1 or 2), leaving out civilians and crowds.

    Returns
    -------
    pandas.DataFrame
        actor, events, fatalities; most events first.

    """
    long = pd.concat([
        events[["event_id", "dataset", "fatalities"]].assign(actor=events["actor1"],
                                                            side=events["coalition1"]),
        events[["event_id", "dataset", "fatalities"]].assign(actor=events["actor2"],
                                                            side=events["coalition2"]),
    ])
    long = long[long["actor"].ne("") & ~long["side"].isin(NON_COMBATANTS)]
    long = long.drop_duplicates(["dataset", "event_id", "actor"])
    return count_by(long, "actor")


def dyads(events: pd.DataFrame) -> pd.DataFrame:
    """Count events per pair of sides (actor 1's side against actor 2's side, in any order).

    Returns
    -------
    pandas.DataFrame
        dyad (e.g. ``gna|lna``, keys sorted), events, fatalities; events with one actor only
        are left out.

    """
    pairs = events[events["coalition2"].ne("")]
    keys = [" | ".join(sorted((a or "unknown", b))) for a, b in
            zip(pairs["coalition1"], pairs["coalition2"], strict=True)]
    return count_by(pairs.assign(dyad=keys), "dyad")


def as_perpetrator(events: pd.DataFrame, side: str = "", names: list[str] | None = None
                   ) -> pd.DataFrame:
    """Return the events targeting civilians in which the side or actor was actor 1."""
    harm = events[events["civilian_targeting"]]
    if names:
        return harm[harm["actor1"].isin(names)]
    return harm[harm["coalition1"].eq(side)] if side else harm


def phase_table(events: pd.DataFrame, phases: list) -> pd.DataFrame:
    """Summarise each phase of a war (see :func:`libya_conflict.keyevents.phases`).

    Returns
    -------
    pandas.DataFrame
        phase, start, end, days, opened_by, events, fatalities, events_per_day,
        fatalities_per_day, civilian_targeting_events, remote_violence_events,
        median_clash_km (NaN without located clashes).

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
            "civilian_targeting_events": int(part["civilian_targeting"].sum()),
            "remote_violence_events": int(len(remote_violence(part))),
            "median_clash_km": round(float(km.median()), 1) if km is not None else float("nan"),
        })
    return pd.DataFrame(rows)
