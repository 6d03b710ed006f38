"""The numbers behind a briefing's key points: change, the deadliest event, moves, civilians.

Pure pandas on a briefing's events and headline; the sentences are in
:mod:`libya_conflict.briefings.points_narrative`.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from libya_conflict.briefings import measures
from libya_conflict.briefings.coding import sub_type_coded

# A move between places smaller than this many events is not worth a key point.
MIN_MOVE = 3


def largest_change(headline: Mapping) -> dict | None:
    """Return the headline figure that changed most, against the widest baseline it has.

    Returns
    -------
    dict or None
        measure, baseline (``previous_year``, ``average4`` or ``previous``), band, now,
        base (the baseline's value), change_pct; None when no change was computed.

    """
    best = None
    for measure, record in (headline.get("trends") or {}).items():
        if headline.get(measure) is None:
            continue
        for baseline in ("previous_year", "average4", "previous"):
            result = record.get(baseline) or {}
            if not result.get("band"):
                continue
            size = abs(result["change_pct"]) if result["change_pct"] is not None else 1e9
            if result.get("small_numbers"):
                size = 0.0
            if best is None or size > best["size"]:
                best = {"measure": measure, "baseline": baseline, "band": result["band"],
                        "now": headline[measure], "base": result["baseline"],
                        "change_pct": result["change_pct"], "size": size}
            break  # the first baseline a figure has is its widest
    if best is None or best["size"] == 0.0:
        return None  # small numbers everywhere: no change worth a key point
    best.pop("size")
    return best


def deadliest_event(events: pd.DataFrame) -> dict | None:
    """Return the event with the most reported fatalities (earliest first on ties), or None."""
    fatal = events[events["fatalities"] > 0]
    if fatal.empty:
        return None
    row = fatal.sort_values(["fatalities", "date", "event_id"], ascending=[False, True, True],
                            kind="stable").iloc[0]
    kind = row["sub_event_type"] if sub_type_coded(fatal.loc[[row.name]]).iloc[0] else ""
    return {"date": row["date"], "place": row["location"] or row["district"],
            "district": row["district"], "fatalities": int(row["fatalities"]),
            "kind": kind, "event_type": row["event_type"], "side": row["coalition1"]}


def movement(now: pd.DataFrame, before: pd.DataFrame | None, column: str = "district"
             ) -> dict | None:
    """Return where events rose and fell most since the previous period.

    Returns
    -------
    dict or None
        up and down: (place, events now, events before) or None when no place moved by at
        least :data:`MIN_MOVE` events that way; top: (place, events, total) of the busiest
        place now; tied: every place with as many events as the busiest (itself included).
        None without events.

    """
    if now.empty:
        return None
    counts = measures.count_by(now, column)
    top = (counts[column].iloc[0], int(counts["events"].iloc[0]), int(len(now)))
    tied = counts.loc[counts["events"].eq(top[1]), column].tolist()
    if before is None:
        return {"up": None, "down": None, "top": top, "tied": tied}
    changes = measures.compare_counts(now, before, column)
    up = changes[changes["change"] >= MIN_MOVE].sort_values(
        ["change", column], ascending=[False, True], kind="stable")
    down = changes[changes["change"] <= -MIN_MOVE].sort_values(
        ["change", column], ascending=[True, True], kind="stable")

    def first(frame: pd.DataFrame) -> tuple | None:
        if frame.empty:
            return None
        r = frame.iloc[0]
        return (r[column], int(r["events"]), int(r["previous"]))

    return {"up": first(up), "down": first(down), "top": top, "tied": tied}


def civilian_harm(headline: Mapping, events: pd.DataFrame) -> dict:
    """Return the civilian-harm figures of the key point (None where not coded).

    Returns
    -------
    dict
        events, targeted (None when not coded), fatalities, main_side and main_side_events
        (the side named most often as perpetrator, "" when none), against (events of type
        violence against civilians, said when targeting is not coded).

    """
    harm = measures.civilian_harm(events)
    main = harm.iloc[0] if len(harm) else None
    return {"events": headline["events"], "targeted": headline["civilian_targeting_events"],
            "fatalities": headline["civilian_targeting_fatalities"],
            "main_side": "" if main is None else main["side"],
            "main_side_events": 0 if main is None else int(main["events"]),
            "against": int(events["event_type"].eq("Violence against civilians").sum())}
