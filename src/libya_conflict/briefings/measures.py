"""Numbers behind the briefings: totals, counts by place, side and actor, and changes.

Pure pandas on a :class:`~libya_conflict.briefings.selection.Selection`'s events.
"""

from __future__ import annotations

import pandas as pd

from libya_conflict.briefings import trends
from libya_conflict.briefings.coding import (
    battles_uncoded,
    civilian_coded,
    not_coded,
    remote_violence_uncoded,
    sub_type_coded,
    targets_civilians,
)
from libya_conflict.briefings.selection import Selection, involves_side
from libya_conflict.reference.crosswalk import coalitions_of_kind

REMOTE_VIOLENCE = ("Air/drone strike", "Shelling/artillery/missile attack")
ARMED_CLASHES = ("Armed clash", "State-based violence (UCDP)", "Non-state violence (UCDP)")
# Foreign forces backing a camp, of every era (foreign_gna and foreign_lna first), and the
# coalitions that are targets or crowds rather than armed sides: both follow data/actors.yaml.
FOREIGN_SIDES = coalitions_of_kind("foreign")
NON_COMBATANTS = coalitions_of_kind("non_combatant")
COARSE_DATES = ("week", "month", "range")
# The kind of an event whose export did not code its sub-event type.
NOT_CODED = "not coded"
COARSE_PLACES = ("district", "region", "country", "sea_air")


def totals(events: pd.DataFrame | None) -> dict[str, int | None] | None:
    """Return events, fatalities and civilian-targeting events of a frame (None stays None).

    Civilian targeting counts only the events that code it: when none of the events does, the
    two civilian figures are None (not coded), never 0; ``civilian_targeting_not_coded`` says
    how many events lack the flag.
    """
    if events is None:
        return None
    hit = targets_civilians(events)
    uncoded = int((~civilian_coded(events)).sum())
    known = uncoded < len(events) or not len(events)
    return {"events": int(len(events)), "fatalities": int(events["fatalities"].sum()),
            "civilian_targeting_events": int(hit.sum()) if known else None,
            "civilian_targeting_fatalities":
                int(events.loc[hit, "fatalities"].sum()) if known else None,
            "civilian_targeting_not_coded": uncoded}


def headline(sel: Selection) -> dict:
    """Return the headline figures of a selection (JSON-serialisable).

    Returns
    -------
    dict
        start, end, days, area, side, actor, dataset, events, fatalities,
        civilian_targeting_events, civilian_targeting_fatalities (None when not coded),
        civilian_targeting_not_coded, previous_start, previous_end, previous_events,
        previous_fatalities, previous_civilian_targeting_events (None unless a change is
        computed: the period and the previous one fully covered), data_start and data_end (the
        dataset's first and last event date in the whole file), coverage (how far the data
        cover the period and the previous one, and which comparison applied; see
        :func:`coverage_record`), trends and bands (:func:`~.trends.headline_trends`),
        not_coded (events lacking each field) and by_dataset (events and fatalities of each
        dataset in the period, never added together).

    """
    now = totals(sel.events)
    before = totals(sel.previous_events) if sel.comparable else None
    prev = sel.previous_period.as_dict()
    span = sel.data_coverage.as_dict() if sel.data_coverage else {"start": None, "end": None}
    out = {**sel.period.as_dict(), "days": sel.period.days, "area": sel.area, "side": sel.side,
           "actor": sel.actor, "dataset": sel.dataset, **now,
           "previous_start": prev["start"], "previous_end": prev["end"],
           "data_start": span["start"], "data_end": span["end"],
           "coverage": coverage_record(sel)}
    for key in ("events", "fatalities", "civilian_targeting_events"):
        out[f"previous_{key}"] = None if before is None else before[key]
    out.update(trends.headline_trends(sel))
    out["not_coded"] = not_coded(sel.events)
    out["by_dataset"] = {ds: {k: v for k, v in totals(sel.in_period(ds)).items()
                              if k in ("events", "fatalities")} for ds in sel.datasets}
    return out


def coverage_record(sel: Selection) -> dict:
    """Say how far the data cover the period and the previous one, and what was compared.

    Returns
    -------
    dict
        period and previous (``full``, ``partial`` or ``none``), covered_start and covered_end
        (the days of the period in the data, or None), and comparison: ``previous_period``
        (a change was computed), ``period_partly_covered``, ``period_not_covered``,
        ``previous_partly_covered`` or ``previous_not_covered`` (no change computed).

    """
    period, previous = sel.coverage(), sel.coverage(sel.previous_period)
    inside = sel.covered_period
    if period != "full":
        case = f"period_{'partly' if period == 'partial' else 'not'}_covered"
    elif previous != "full":
        case = f"previous_{'partly' if previous == 'partial' else 'not'}_covered"
    else:
        case = "previous_period"
    return {"period": period, "previous": previous,
            "covered_start": inside.as_dict()["start"] if inside else None,
            "covered_end": inside.as_dict()["end"] if inside else None, "comparison": case}


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
    harm = events[targets_civilians(events)].assign(side=lambda f: f["coalition1"]
                                                       .replace("", "unknown"))
    return count_by(harm, "side")


def remote_violence(events: pd.DataFrame, uncoded: bool = True) -> pd.DataFrame:
    """Return air/drone strikes and shelling (artillery, missiles).

    With ``uncoded`` (the default), also explosions and remote violence whose sub-event type
    the export did not code: they may be strikes or shelling, and leaving them out would read
    as "none" (see :func:`.coding.remote_violence_uncoded`).
    """
    coded = events["sub_event_type"].isin(REMOTE_VIOLENCE)
    if uncoded:
        coded |= events.index.isin(remote_violence_uncoded(events).index)
    return events[coded]


def remote_violence_summary(events: pd.DataFrame) -> pd.DataFrame:
    """Summarise shelling and air/drone strikes, and how many hit civilians.

    Returns
    -------
    pandas.DataFrame
        One row per kind (``sub_event_type`` in :data:`REMOTE_VIOLENCE`, then
        :data:`NOT_CODED` for explosions and remote violence without a sub-event type, when
        there are any) with events, fatalities, civilian_events, civilian_fatalities,
        civilian_not_coded, main_side (the side of actor 1 in most of them, "" when none) and
        main_side_events.

    """
    rows = []
    uncoded = remote_violence_uncoded(events)
    parts = [(kind, events[events["sub_event_type"].eq(kind)]) for kind in REMOTE_VIOLENCE]
    for kind, part in parts + ([(NOT_CODED, uncoded)] if len(uncoded) else []):
        hit = part[targets_civilians(part)]
        sides = count_by(part.assign(side=part["coalition1"].replace("", "unknown")), "side")
        rows.append({"kind": kind, "events": len(part), "fatalities": int(part["fatalities"].sum()),
                     "civilian_events": len(hit),
                     "civilian_fatalities": int(hit["fatalities"].sum()),
                     "civilian_not_coded": int((~civilian_coded(part)).sum()),
                     "main_side": sides["side"].iloc[0] if len(sides) else "",
                     "main_side_events": int(sides["events"].iloc[0]) if len(sides) else 0})
    return pd.DataFrame(rows)


def clashes(events: pd.DataFrame) -> pd.DataFrame:
    """Return armed clashes (ACLED armed clashes; UCDP state-based and non-state violence).

    Battles whose sub-event type is not coded count as clashes: nearly all ACLED battles are
    armed clashes, and the front would otherwise vanish from exports before 2019.
    """
    keep = events["sub_event_type"].isin(ARMED_CLASHES)
    return events[keep | events.index.isin(battles_uncoded(events).index)]


def foreign_involvement(events: pd.DataFrame) -> pd.DataFrame:
    """Summarise the events in which foreign forces backing each side took part.

    Returns
    -------
    pandas.DataFrame
        side (``foreign_gna``/``foreign_lna``), events, fatalities, first, last (dates),
        main_type (most common sub-event type, :data:`NOT_CODED` when the export has none),
        main_type_events; sides with no event omitted.

    """
    rows = []
    for side in FOREIGN_SIDES:
        part = events[involves_side(events, side)]
        if part.empty:
            continue
        types = count_by(part.assign(kind=part["sub_event_type"].where(
            sub_type_coded(part), NOT_CODED)), "kind")
        rows.append({"side": side, "events": len(part), "fatalities": int(part["fatalities"].sum()),
                     "first": part["date"].min(), "last": part["date"].max(),
                     "main_type": types["kind"].iloc[0],
                     "main_type_events": int(types["events"].iloc[0])})
    return pd.DataFrame(rows, columns=["side", "events", "fatalities", "first", "last",
                                       "main_type", "main_type_events"])


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


def precision(events: pd.DataFrame) -> dict[str, int]:
    """Count events whose date or place is only approximately known.

    Returns
    -------
    dict
        events; coarse_date (week, month or multi-day range); coarse_place (located only to a
        district, region, the country, or sea/air); no_coordinates; date_not_coded and
        place_not_coded (events whose export gave no time or location precision).

    """
    return {"events": int(len(events)),
            "coarse_date": int(events["date_precision"].isin(COARSE_DATES).sum()),
            "coarse_place": int(events["geo_precision"].isin(COARSE_PLACES).sum()),
            "no_coordinates": int(events[["latitude", "longitude"]].isna().any(axis=1).sum()),
            "date_not_coded": int(events["date_precision"].eq("").sum()),
            "place_not_coded": int(events["geo_precision"].eq("").sum())}


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
    harm = events[targets_civilians(events)]
    if names:
        return harm[harm["actor1"].isin(names)]
    return harm[harm["coalition1"].eq(side)] if side else harm
