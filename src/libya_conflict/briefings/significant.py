"""The most significant events of a period: documented key events and the deadliest."""

from __future__ import annotations

import pandas as pd


def significant_events(events: pd.DataFrame, key_events: pd.DataFrame, top: int = 8
                       ) -> pd.DataFrame:
    """Pick the most significant events: documented key events and the deadliest events.

    Parameters
    ----------
    events : pandas.DataFrame
        The period's events of one dataset.
    key_events : pandas.DataFrame
        Key events of the period and area (:func:`libya_conflict.reference.key_events.in_window`).
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
