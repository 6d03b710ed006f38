"""``clean()``: every input row into the clean table, the quarantine, or a counted bucket.

The steps, in order:

1. read each file (layout and encoding detected, HXL rows skipped, other countries counted),
   through the cache of earlier scans when one is given (:mod:`libya_conflict.reading.cache`);
2. :func:`normalise_text_columns` (whitespace, non-breaking spaces, Unicode form, mojibake);
3. :func:`to_canonical` (dates, counts, codes; types of every vintage mapped to the current
   ones; row-level checks of :mod:`libya_conflict.cleaning.checks`);
4. place: Libya's 22 districts (aliases, places, polygons, then coordinates), or the dataset's
   own division for another country;
5. :func:`assign_coalitions` from the actor crosswalk, for the date of each event (Libya only);
6. quarantine rows with a problem, keeping the original row;
7. drop exact duplicates, keep the newest version of re-coded events, apply deletions;
8. validate against the schema (the last line of defence for the table as a whole).

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
from libya_conflict.cleaning.places import place_by_dataset, place_in_libya
from libya_conflict.cleaning.report import CleaningReport, FileReport
from libya_conflict.cleaning.schema import COLUMNS, conform, event_schema, validate
from libya_conflict.cleaning.sides import map_coalitions
from libya_conflict.cleaning.text import normalise_text_columns
from libya_conflict.reading.cache import cached_read
from libya_conflict.reading.readers import FileRead, as_country
from libya_conflict.reference.countries import Country
from libya_conflict.reference.crosswalk import UNKNOWN, crosswalk
from libya_conflict.reference.gazetteer import gazetteer

LIBYA_ISO3 = "LBY"
QUARANTINE_COLUMNS = ["reason", "detail", "source_file", "source_row", "layout", "event_id",
                      "original"]
HIDDEN = ["_raw_event_type", "_raw_sub_event_type"]


def clean(inputs: Iterable[str | Path], deletions: str | Path | None = None,
          country: Country | str = "Libya", engine: str = "auto",
          cache_dir: Path | None = None) -> tuple[pd.DataFrame, CleaningReport]:
    """Read, validate, clean and combine ACLED and UCDP exports into one event table.

    Parameters
    ----------
    inputs : iterable of str or Path
        Export files (CSV, .xlsx or ACLED API JSON), in any known layout; later files win
        ties between versions of the same event.
    deletions : str or Path, optional
        An ACLED deletions file (``event_id_cnty``, ``deleted_timestamp``).
    country : Country or str
        The country to keep, in any spelling or code (see
        :func:`libya_conflict.reference.countries.resolve_country`).
    engine : {"auto", "pandas", "duckdb"}
        CSV engine (see :func:`libya_conflict.reading.readers.read_export`).
    cache_dir : Path, optional
        Folder of the cache of in-scope rows; None reads every file afresh.

    Returns
    -------
    (pandas.DataFrame, CleaningReport)
        The validated event table and the report; ``report.quarantine`` holds the quarantined
        rows with their reason and original values.

    Raises
    ------
    InputError
        When a file cannot be used at all, or the country is unknown.

    """
    given = country if isinstance(country, str) else country.name
    country = as_country(country)
    libya = country.iso3 == LIBYA_ISO3
    report = CleaningReport(country=given, placement_scheme="libya" if libya else
                            "dataset_admin1",
                            country_resolved={"name": country.name, "iso3": country.iso3,
                                              "gw_code": country.gw_code})
    warm_up = _start_warm_up()
    deleted = read_deletions(deletions) if deletions else None
    kept_parts, quarantine_parts, cache_entries = [], [], []
    for path in inputs:
        read = cached_read(path, country, engine, cache_dir, pending=cache_entries)
        warm_up.join()
        events, quarantined, file_report = clean_file(read, report, libya)
        report.files.append(file_report)
        kept_parts.append(events)
        quarantine_parts.append(quarantined)
    events = pd.concat(kept_parts, ignore_index=True) if kept_parts else _empty_events()
    events, report.exact_duplicates = drop_exact_duplicates(events)
    events, report.superseded, report.updated_events = keep_newest_versions(events)
    if deleted is not None:
        events, report.deleted = apply_deletions(events, deleted)
    _count_unknown_types(events, report)
    warm_up.join()
    table = validate(conform(events), libya=libya)
    report.kept = len(table)
    _describe_kept(table, report, libya)
    report.quarantine = (pd.concat(quarantine_parts, ignore_index=True) if quarantine_parts
                         else pd.DataFrame(columns=QUARANTINE_COLUMNS))
    for write_entry in cache_entries:  # only a run that succeeded leaves a cache
        write_entry()
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


def clean_file(read: FileRead, report: CleaningReport,
               libya: bool = True) -> tuple[pd.DataFrame, pd.DataFrame, FileReport]:
    """Clean the in-scope rows of one file; return kept rows, quarantined rows and its report."""
    text_columns = [c for c in read.frame.columns if c != "source_row"]
    frame, fixes = normalise_text_columns(read.frame, text_columns)
    for kind, n in fixes.to_dict().items():
        setattr(report.text_fixes, kind, getattr(report.text_fixes, kind) + n)
    result = to_canonical(read, frame)
    events = result.events
    if libya:
        report.unplaced_places.update(place_in_libya(events, read.layout.dataset).tolist())
        assign_coalitions(events)
    else:
        place_by_dataset(events)
        events["coalition1"] = events["coalition2"] = pd.Series(pd.NA, index=events.index,
                                                                dtype=object)
    bad = events["_problem"].notna()
    quarantined = quarantine_rows(read, events[bad])
    report.quarantine_reasons.update(events.loc[bad, "_problem"].tolist())
    file_report = FileReport(
        path=read.path, layout=_layout_name(read, result.date_format),
        dataset=read.layout.dataset, encoding=read.encoding,
        windows_1252_bytes=read.windows_1252_bytes, has_header=read.has_header,
        date_format=result.date_format, engine=read.engine, rows_read=read.rows_read,
        out_of_scope=read.out_of_scope, quarantined=int(bad.sum()),
        ignored_columns=read.ignored_columns, hxl_rows=read.hxl_rows,
        not_coded=result.not_coded, derived=dict(sorted(result.derived.items())),
        cached=read.cached,
    )
    return events.loc[~bad, COLUMNS + HIDDEN], quarantined, file_report


def _layout_name(read: FileRead, date_format: str | None) -> str:
    """ACLED's current and export-tool layouts share columns; the date format tells them apart."""
    if read.layout.name == "acled-current" and date_format not in (None, "%Y-%m-%d"):
        return "acled-export-2019-2023"
    return read.layout.name


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
    columns = [c for c in raw.columns if c != "source_row"]
    original = [json.dumps({labels.get(c, c): value for c, value in zip(columns, row,
                                                                       strict=True)},
                           ensure_ascii=False)
                for row in raw[columns].itertuples(index=False, name=None)]
    return pd.DataFrame({
        "reason": bad["_problem"].to_numpy(), "detail": bad["_detail"].to_numpy(),
        "source_file": read.path, "source_row": raw["source_row"].to_numpy(),
        "layout": read.layout.name, "event_id": bad["event_id"].to_numpy(), "original": original,
    })


def _count_unknown_types(events: pd.DataFrame, report: CleaningReport) -> None:
    """Name, with counts, the types of kept rows that no vintage of the taxonomy knows."""
    for column, counter in (("_raw_event_type", report.unknown_event_types),
                            ("_raw_sub_event_type", report.unknown_sub_event_types)):
        if column in events:
            values = events[column].dropna().astype(str).replace("", "(blank)")
            counter.update(values.tolist())


def _describe_kept(table: pd.DataFrame, report: CleaningReport, libya: bool) -> None:
    report.placement = Counter(table["placed_by"].dropna().astype(str).tolist())
    report.coords_outside_libya = int(table["coords_outside_libya"].fillna(False).sum())
    flags = table["flags"][table["flags"].ne("")]
    report.flags = Counter(name for text in flags for name in text.split("; "))
    if not libya:
        return
    for n in (1, 2):
        unknown = table[f"coalition{n}"].eq(UNKNOWN).fillna(False)
        names = table.loc[unknown, f"actor{n}"].astype(str).replace("", "(blank actor1)")
        report.unknown_actors.update(names.tolist())


def _empty_events() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS + HIDDEN})
