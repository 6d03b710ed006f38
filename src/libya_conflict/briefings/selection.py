"""The events a briefing is about: periods, areas, sides, actors, datasets.

Pure pandas on the cleaned event table (docs/schema.md). ACLED and UCDP events are never added
together: a :class:`Selection` counts one dataset for its headline figures (ACLED where it covers
the period, else UCDP) and keeps the other for side-by-side comparison.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from libya_conflict.reference.districts import (
    NATIONAL,
    area_districts,
)

DATASETS = ("acled", "ucdp")
_TEXT_COLUMNS = ("event_id", "dataset", "date_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "actor2", "assoc_actors", "coalition1", "coalition2",
                 "region", "district", "admin1", "admin2", "admin3", "location", "geo_precision",
                 "placed_by", "notes", "source", "tags")


def normalise(table: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of a cleaned table ready for analysis.

    Missing text becomes "" (so comparisons never meet NA) and fatalities plain integers.
    ``civilian_targeting`` stays a nullable boolean: null means the export did not code it
    (docs/schema.md), which is not the same as False, so measures count it apart.
    """
    out = table.copy()
    for column in _TEXT_COLUMNS:
        if column in out:
            out[column] = out[column].astype("string").fillna("").astype(object)
    for column in ("fatalities", "fatalities_low", "fatalities_high"):
        if column in out:
            out[column] = pd.to_numeric(out[column]).fillna(0).astype("int64")
    if "civilian_targeting" in out:
        out["civilian_targeting"] = out["civilian_targeting"].astype("boolean")
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

    def before(self, n: int) -> list[Period]:
        """Return the ``n`` periods of equal length before this one, nearest first."""
        out, period = [], self
        for _ in range(n):
            period = period.previous()
            out.append(period)
        return out

    def overlap(self, other: Period | None) -> Period | None:
        """Return the days this period shares with ``other``, or None."""
        if other is None:
            return None
        start, end = max(self.start, other.start), min(self.end, other.end)
        return Period(start, end) if start <= end else None


FULL, PARTIAL, NONE = "full", "partial", "none"


def coverage_of(period: Period, span: Period | None) -> str:
    """Say how far the data (first to last event, ``span``) cover a period.

    Returns
    -------
    str
        ``full`` (every day of the period lies within the data), ``partial`` (the data begin
        or end inside it) or ``none``.

    """
    inside = period.overlap(span)
    if inside is None:
        return NONE
    return FULL if inside == period else PARTIAL


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

    def coverage(self, period: Period | None = None) -> str:
        """Say how far the headline dataset covers a period (default: the briefing's own).

        Returns ``full``, ``partial`` or ``none`` (see :func:`coverage_of`).
        """
        return coverage_of(period or self.period, self.data_coverage)

    @property
    def covered_period(self) -> Period | None:
        """Return the part of the period the data cover (None when they cover none of it)."""
        return self.period.overlap(self.data_coverage)

    @property
    def has_previous(self) -> bool:
        """Tell whether the data cover the whole previous period."""
        return self.coverage(self.previous_period) == FULL

    @property
    def comparable(self) -> bool:
        """Tell whether a change may be computed: the period and the previous one fully covered."""
        return self.has_previous and self.coverage() == FULL

    def events_in(self, period: Period) -> pd.DataFrame:
        """Return the headline dataset's events of the subject in any period."""
        rows = self.table[period.mask(self.table["date"])]
        return rows[rows["dataset"].eq(self.dataset)]

    @property
    def previous_events(self) -> pd.DataFrame | None:
        """Return the headline dataset's events in the previous period, or None if not covered."""
        return self.events_in(self.previous_period) if self.has_previous else None

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
