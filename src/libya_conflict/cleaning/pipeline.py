"""``clean()``: every input row into the clean table, the quarantine, or a counted bucket.

The steps, in order:

1. :func:`read_export` each file (layout and encoding detected, other countries counted);
2. :func:`normalise_text_columns` (whitespace, non-breaking spaces, Unicode form, mojibake);
3. :func:`to_canonical` (dates, counts, codes; old event types mapped to the current ones);
4. :func:`place` in one of the 22 districts (aliases, places, then coordinates);
5. :func:`assign_coalitions` from the actor crosswalk, for the date of each event;
6. quarantine rows with a problem, keeping the original row;
7. drop exact duplicates, keep the newest version of re-coded events, apply deletions;
8. validate against the schema.

"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from libya_conflict.cleaning.canonical import to_canonical
from libya_conflict.cleaning.duplicates import (
    apply_deletions,
    drop_exact_duplicates,
    keep_newest_versions,
    read_deletions,
)
from libya_conflict.cleaning.places import place_events
from libya_conflict.cleaning.report import CleaningReport, FileReport
from libya_conflict.cleaning.schema import COLUMNS, conform, event_schema, validate
from libya_conflict.cleaning.sides import map_coalitions
from libya_conflict.cleaning.text import normalise_text_columns
from libya_conflict.reading.readers import FileRead, read_export
from libya_conflict.reference.crosswalk import UNKNOWN, crosswalk
from libya_conflict.reference.gazetteer import gazetteer, normalise_name, outside_libya
from libya_conflict.reference.taxonomy import current_event_types

NAME_ORDER = {"acled": ["admin2", "admin1", "admin3", "location"],
              "ucdp": ["admin1", "admin2", "location"]}
QUARANTINE_COLUMNS = ["reason", "detail", "source_file", "source_row", "layout", "event_id",
                      "original"]
_REGION_WORDS = {"west", "east", "south", "north"}


def clean(inputs: Iterable[str | Path], deletions: str | Path | None = None,
          country: str = "Libya", engine: str = "auto") -> tuple[pd.DataFrame, CleaningReport]:
    """Read, validate, clean and combine ACLED and UCDP exports into one event table.

    Parameters
    ----------
    inputs : iterable of str or Path
        Export files (CSV or .xlsx), in any known layout; later files win ties between
        versions of the same event.
    deletions : str or Path, optional
        An ACLED deletions file (``event_id_cnty``, ``deleted_timestamp``).
    country : str
        The country to keep.
    engine : {"auto", "pandas", "duckdb"}
        CSV engine (see :func:`libya_conflict.reading.readers.read_export`).

    Returns
    -------
    (pandas.DataFrame, CleaningReport)
        The validated event table and the report; ``report.quarantine`` holds the quarantined
        rows with their reason and original values.

    Raises
    ------
    InputError
        When a file cannot be used at all.

    """
    report = CleaningReport(country=country)
    warm_up = _start_warm_up()
    deleted = read_deletions(deletions) if deletions else None
    kept_parts, quarantine_parts = [], []
    for path in inputs:
        read = read_export(path, country=country, engine=engine)
        warm_up.join()
        events, quarantined, file_report = clean_file(read, report)
        report.files.append(file_report)
        kept_parts.append(events)
        quarantine_parts.append(quarantined)
    events = pd.concat(kept_parts, ignore_index=True) if kept_parts else _empty_events()
    events, report.exact_duplicates = drop_exact_duplicates(events)
    events, report.superseded, report.updated_events = keep_newest_versions(events)
    if deleted is not None:
        events, report.deleted = apply_deletions(events, deleted)
    warm_up.join()
    table = validate(conform(events))
    report.kept = len(table)
    _describe_kept(table, report)
    report.quarantine = (pd.concat(quarantine_parts, ignore_index=True) if quarantine_parts
                         else pd.DataFrame(columns=QUARANTINE_COLUMNS))
    return table, report


def _start_warm_up() -> threading.Thread:
    """Load the schema (pandera is slow to import), gazetteer and crosswalk in a thread.

    Reading a large export happens in DuckDB's C code without the GIL, so this work is done by
    the time the first file is read instead of adding to the run time.
    """
    thread = threading.Thread(target=lambda: (event_schema(), gazetteer(), crosswalk()),
                              name="libya-conflict-warm-up", daemon=True)
    thread.start()
    return thread


def clean_file(read: FileRead, report: CleaningReport) -> tuple[pd.DataFrame, pd.DataFrame,
                                                                FileReport]:
    """Clean the in-scope rows of one file; return kept rows, quarantined rows and its report."""
    text_columns = [c for c in read.frame.columns if c != "source_row"]
    frame, fixes = normalise_text_columns(read.frame, text_columns)
    for kind, n in fixes.to_dict().items():
        setattr(report.text_fixes, kind, getattr(report.text_fixes, kind) + n)
    events, date_format = to_canonical(read, frame)
    place(events, read.layout.dataset, report)
    assign_coalitions(events)
    bad = events["_problem"].notna()
    quarantined = quarantine_rows(read, events[bad])
    report.quarantine_reasons.update(events.loc[bad, "_problem"].tolist())
    file_report = FileReport(
        path=read.path, layout=_layout_name(read, date_format), dataset=read.layout.dataset,
        encoding=read.encoding, windows_1252_bytes=read.windows_1252_bytes,
        has_header=read.has_header, date_format=date_format, engine=read.engine,
        rows_read=read.rows_read, out_of_scope=read.out_of_scope, quarantined=int(bad.sum()),
        ignored_columns=read.ignored_columns,
    )
    return events.loc[~bad, COLUMNS], quarantined, file_report


def _layout_name(read: FileRead, date_format: str | None) -> str:
    """ACLED's current and export-tool layouts share columns; the date format tells them apart."""
    if read.layout.name == "acled-current" and date_format not in (None, "%Y-%m-%d"):
        return "acled-export-2019-2023"
    return read.layout.name


def place(events: pd.DataFrame, dataset: str, report: CleaningReport) -> None:
    """Set ``district``, ``region``, ``placed_by`` and ``coords_outside_libya``.

    Rows that nothing places are marked for quarantine; names that matched no alias are counted.
    """
    order = NAME_ORDER[dataset]
    district, placed_by = place_events({c: events[c] for c in order}, events["latitude"],
                                       events["longitude"])
    events["district"], events["placed_by"] = district, placed_by
    events["region"] = district.map(gazetteer().region_of())
    events["coords_outside_libya"] = outside_libya(events["latitude"], events["longitude"])
    mask = district.isna() & events["_problem"].isna()
    if mask.any():
        names = _names_text(events[mask], order)
        events.loc[mask, "_problem"] = "unplaceable"
        events.loc[mask, "_detail"] = "no district: " + names + "; no usable coordinates"

    by_name = placed_by.isin(order)
    for column in order:
        values = events.loc[~by_name, column]
        for value in values[values.str.strip().ne("")]:
            key = normalise_name(value)
            if key and key not in _REGION_WORDS and gazetteer().lookup(value) is None:
                report.unplaced_places[f"{value} ({column})"] += 1


def _names_text(events: pd.DataFrame, order: list[str]) -> pd.Series:
    parts = [column + "='" + events[column] + "'" for column in order]
    return pd.concat(parts, axis=1).agg(", ".join, axis=1) if len(events) else pd.Series(
        dtype=object)


def assign_coalitions(events: pd.DataFrame) -> None:
    """Set ``coalition1``/``coalition2`` from the crosswalk for the date of each event."""
    for n in (1, 2):
        actors = events[f"actor{n}"]
        coalition = map_coalitions(actors, events["date"].fillna(pd.Timestamp(1900, 1, 1)),
                                   events["dataset"])
        if n == 1:
            coalition = coalition.fillna(UNKNOWN)  # an event always has a first actor
        events[f"coalition{n}"] = coalition


def quarantine_rows(read: FileRead, bad: pd.DataFrame) -> pd.DataFrame:
    """Build quarantine records: reason, detail, file, row and the original values as JSON."""
    if bad.empty:
        return pd.DataFrame(columns=QUARANTINE_COLUMNS)
    raw = read.frame.loc[bad.index]
    labels = read.column_labels
    original = [json.dumps({labels.get(c, c): row[c] for c in raw.columns if c != "source_row"},
                           ensure_ascii=False)
                for _, row in raw.iterrows()]
    return pd.DataFrame({
        "reason": bad["_problem"].to_numpy(), "detail": bad["_detail"].to_numpy(),
        "source_file": read.path, "source_row": raw["source_row"].to_numpy(),
        "layout": read.layout.name, "event_id": bad["event_id"].to_numpy(), "original": original,
    })


def _describe_kept(table: pd.DataFrame, report: CleaningReport) -> None:
    report.placement = Counter(table["placed_by"].astype(str).tolist())
    report.coords_outside_libya = int(table["coords_outside_libya"].sum())
    for n in (1, 2):
        unknown = table[f"coalition{n}"].eq(UNKNOWN).fillna(False)
        names = table.loc[unknown, f"actor{n}"].astype(str).replace("", "(blank actor1)")
        report.unknown_actors.update(names.tolist())
    known = set(current_event_types())
    acled = table[table["dataset"].eq("acled")]
    report.unknown_event_types = Counter(
        acled.loc[~acled["event_type"].isin(known), "event_type"].astype(str).tolist())


def _empty_events() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
