"""Sentences of the data-quality report: where the rows of a cleaning run went, what to fix."""

from __future__ import annotations

from collections.abc import Mapping

from libya_conflict.briefings.wording import amount, count, join, number

NO_QUARANTINE_FILE = "No quarantine file was found beside the table."
NOTHING_QUARANTINED = ("No row was quarantined: every row had an id, a valid date, fatalities "
                       "and a place.")
NO_DUPLICATE_COUNTS = "Without the cleaning report, duplicates and deletions are unknown."


def lead(file_name: str, has_report: bool) -> str:
    """Say what the report tells, and what to do when the cleaning report is missing."""
    text = (f"What happened to every row on its way into {file_name}, and what to add to the "
            "crosswalks next.")
    if not has_report:
        text += (" No cleaning report was found beside this file (PATH.report.json): clean the "
                 "exports again with libya-conflict clean to get one; the sections below use the "
                 "table alone where they can.")
    return text


def accounting(counts: Mapping[str, int], balanced: bool) -> str:
    """Describe where every row read by the cleaning went."""
    c = counts
    text = (f"The cleaning read {count(c['read'], 'row')}: {number(c['kept'])} kept as events, "
            f"{number(c['quarantined'])} quarantined, {number(c['duplicates'])} dropped as "
            f"duplicates, {number(c['deleted'])} deleted at ACLED's request and "
            f"{number(c['out_of_scope'])} about other countries.")
    if balanced:
        return text + " Every row read is accounted for exactly once."
    return text + " Warning: these do not add up to the rows read; check the cleaning report."


def table_without_report(events: int) -> str:
    """Say what can be counted from the table alone."""
    return (f"The table holds {count(events, 'event')}; without the cleaning report the rows set "
            "aside cannot be counted.")


def quarantine(reasons: Mapping[str, int], table_stem: str) -> str:
    """Say how many rows were set aside, for which reasons, and where to find them."""
    total = sum(reasons.values())
    listed = join([f"{k.replace('_', ' ')} ({number(v)})"
                   for k, v in sorted(reasons.items(), key=lambda kv: -kv[1])])
    return (f"{count(total, 'row').capitalize()} could not be trusted and "
            f"{'was' if total == 1 else 'were'} set aside: {listed}. Each is in "
            f"{table_stem}.quarantine.csv with its file, row number and original values; fix "
            "the export or the crosswalk and clean again.")


def duplicates(report: Mapping) -> list[str]:
    """Describe duplicates dropped, re-coded events and deletions, from the cleaning report."""
    dup = report.get("duplicates", {})
    deleted = report["counts"].get("deleted", 0)
    updated = count(report.get("updated_events", 0), "event")
    superseded = dup.get("superseded", 0)
    return [
        f"{count(dup.get('exact', 0), 'row').capitalize()} repeated another row exactly (for "
        f"example from overlapping exports) and {count(superseded, 'row')} "
        f"{'was an older version' if superseded == 1 else 'were older versions'} of events that "
        f"ACLED re-coded later ({updated} updated); the newest version was kept.",
        f"{count(deleted, 'event').capitalize()} {'was' if deleted == 1 else 'were'} removed "
        "because ACLED's deletions file lists them.",
    ]


def crosswalk_gaps(unknown_rows: int, actors: int, places: int, types: int) -> str:
    """Say how many events have an actor of unknown side, and how many names to add."""
    return (f"{count(unknown_rows, 'event').capitalize()} in the table "
            f"{'has' if unknown_rows == 1 else 'have'} an actor whose side is unknown; the report "
            f"lists {count(actors, 'actor name')} missing from the crosswalk (or dated outside "
            "their entry), "
            f"{count(places, 'place name')} that matched no district alias or known place, and "
            f"{count(types, 'unknown event type')}. Add the most frequent first, with a source, "
            "and clean again.")


def placed_by_name(placement: Mapping[str, int]) -> str:
    """Return the subject of the placement sentence: "All 12 events were", "9 of the 12 were"."""
    total = sum(placement.values())
    by_name = sum(v for k, v in placement.items() if k != "coordinates")
    if by_name == total and total > 1:
        return f"All {count(total, 'event')} were"
    return (f"{amount(by_name, total).capitalize()} of the {count(total, 'event')} "
            f"{'was' if by_name == 1 else 'were'}")


def placement(placement: Mapping[str, int], outside: int) -> str:
    """Describe how events were placed in districts, and coordinates outside Libya."""
    total = sum(placement.values())
    by_name = sum(v for k, v in placement.items() if k != "coordinates")
    return (f"{placed_by_name(placement)} placed in a district by name (the column named in the "
            "chart matched a district alias or a known place); "
            f"{amount(total - by_name, total)} by the nearest known place to their coordinates. "
            f"{count(outside, 'event').capitalize()} had coordinates outside Libya, which never "
            "place an event.")
