"""The data-quality report: a cleaned table with its cleaning report, made readable."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from libya_conflict.briefings import (
    bar_charts,
    chart_base,
    display,
    measures,
    metadata,
    provenance,
    quality_narrative,
    quality_tables,
    selection,
    wording,
)
from libya_conflict.briefings.data import load_table, resolve_data
from libya_conflict.briefings.sections import show_stamp


@dataclass
class Quality:
    """A cleaned table with its cleaning report and quarantine.

    Attributes
    ----------
    params : dict
        Validated parameters.
    data_file : Path
        The cleaned table.
    table : pandas.DataFrame
        The table, normalised.
    report : dict or None
        ``PATH.report.json``, if present.
    quarantine : pandas.DataFrame or None
        ``PATH.quarantine.csv``, if present.

    """

    params: dict
    data_file: Path
    table: pd.DataFrame
    report: dict | None
    quarantine: pd.DataFrame | None

    @cached_property
    def synthetic(self) -> bool:
        """Tell whether the data hold synthetic (sample) events."""
        return provenance.is_synthetic(self.table)

    @property
    def datasets(self) -> list[str]:
        """Return the datasets in the table, ACLED first."""
        present = set(self.table["dataset"])
        return [d for d in selection.DATASETS if d in present]

    @property
    def period(self) -> selection.Period:
        """Return the first to the last event date (today's date when the table is empty)."""
        if self.table.empty:
            today = pd.Timestamp("today").normalize()
            return selection.Period(today, today)
        return selection.Period.of(self.table["date"].min(), self.table["date"].max())

    @property
    def ctx(self) -> chart_base.ChartContext:
        """Return a chart context covering the whole table."""
        period = self.period
        dataset = selection.headline_dataset(self.table, period) if len(self.table) else "acled"
        return chart_base.ChartContext(period, "all events in the file", dataset, self.synthetic)


def open_quality(params: dict) -> Quality:
    """Load a cleaned table with the report and quarantine written beside it."""
    display.setup()
    path = Path(resolve_data(params.get("data", "")))
    table = selection.normalise(load_table(path))
    report, quarantine = quality_tables.read_cleaning_report(path)
    return Quality(params, path, table, report, quarantine)


def show_quality_title(q: Quality) -> None:
    """Display the banner and the title of the data-quality report."""
    display.show_banner(q.synthetic)
    title = q.params.get("title") or f"Data quality: {q.data_file.name}"
    lead = quality_narrative.lead(q.data_file.name, q.report is not None)
    display.show_markdown(f"# {display.escape_markdown(title)}\n\n{display.escape_markdown(lead)}")


def quality_headline(q: Quality) -> dict:
    """Return the headline figures of the data-quality report (the whole file)."""
    period = q.period
    sel = selection.select(q.table, *period.as_dict().values())
    h = measures.headline(sel)
    counts = (q.report or {}).get("counts", {})
    h.update({"rows_read": counts.get("read"), "rows_kept": len(q.table),
              "quarantined": counts.get("quarantined"), "duplicates": counts.get("duplicates"),
              "deleted": counts.get("deleted"),
              "balanced": (q.report or {}).get("balanced")})
    return h


def show_quality_headline(q: Quality) -> None:
    """Display the rows read, kept and set aside, and record the headline output."""
    h = quality_headline(q)
    cards = [("rows read", h["rows_read"]), ("events kept", h["rows_kept"]),
             ("rows quarantined", h["quarantined"]), ("duplicates dropped", h["duplicates"])]
    shown = [(label, "\u2014" if v is None else wording.number(v), None) for label, v in cards]
    display.emit({metadata.HEADLINE_MIMETYPE: h,
                  "text/html": display.figure_cards(shown, min_width="9em", size="1.6em"),
                  "text/plain": "; ".join(f"{label}: {'-' if v is None else v}"
                                          for label, v in cards)})


def show_accounting(q: Quality) -> None:
    """Display where every row went, and what each input file was."""
    if q.report is None:
        display.show_paragraphs([quality_narrative.table_without_report(len(q.table))])
        return
    display.show_paragraphs([quality_narrative.accounting(q.report["counts"],
                                                          q.report.get("balanced", False))])
    display.show_table(quality_tables.accounting_table(q.report), "Where the rows went: read = "
                       "kept + other countries + quarantined + duplicates + deleted.")
    display.show_table(quality_tables.files_table(q.report), "The input files, as read: layout, "
                       "text encoding and date format detected for each.")


def show_quarantine(q: Quality, per_reason: int = 2) -> None:
    """Display the quarantine: reasons with counts, and examples of each."""
    reasons = (q.report or {}).get("quarantine_reasons", {})
    if q.report is None and q.quarantine is None:
        display.show_paragraphs([quality_narrative.NO_QUARANTINE_FILE])
        return
    if not reasons and (q.quarantine is None or q.quarantine.empty):
        display.show_paragraphs([quality_narrative.NOTHING_QUARANTINED])
        return
    display.show_paragraphs([quality_narrative.quarantine(reasons, q.data_file.stem)])
    display.show_table(quality_tables.quarantine_examples(q.quarantine, per_reason),
                       f"Examples: up to {per_reason} quarantined rows per reason, as read.",
                       "The quarantine file is missing, so no examples can be shown.")


def show_duplicates(q: Quality) -> None:
    """Display duplicates dropped, re-coded events and deletions."""
    if q.report is None:
        display.show_paragraphs([quality_narrative.NO_DUPLICATE_COUNTS])
        return
    display.show_paragraphs(quality_narrative.duplicates(q.report))


def show_crosswalk_gaps(q: Quality) -> None:
    """Display the actor, place and event-type names the crosswalks did not know."""
    report = q.report or {}
    unknown_rows = int((q.table["coalition1"].eq("unknown")
                        | q.table["coalition2"].eq("unknown")).sum())
    actors = report.get("unknown_actors", {})
    places = report.get("unplaced_places", {})
    types = report.get("unknown_event_types", {})
    display.show_paragraphs([quality_narrative.crosswalk_gaps(unknown_rows, len(actors),
                                                              len(places), len(types))])
    display.show_table(quality_tables.name_counts(actors, "data/actors.yaml"),
                       "Actor names not in the crosswalk, or on a date outside its "
                       "entry's dates (side \u201cUnknown\u201d), most rows first.",
                       "Every actor name is in the crosswalk.")
    display.show_table(quality_tables.name_counts(places, "data/district_aliases.csv or "
                                                          "data/places.csv"),
                       "Place names that matched no alias or known place (placed by coordinates, "
                       "or quarantined).", "Every place name matched an alias or a known place.")
    if types:
        display.show_table(quality_tables.name_counts(types, "data/event_types.yaml"),
                           "Event types the taxonomy does not know.")


def show_placement(q: Quality) -> None:
    """Display how events were placed in districts, and coordinates outside Libya."""
    report = q.report or {}
    placement = report.get("placement") or q.table["placed_by"].value_counts().to_dict()
    outside = report.get("coords_outside_libya", 0)
    display.show_paragraphs([quality_narrative.placement(placement, outside)])
    named = quality_narrative.placed_by_name(placement)
    display.show_figure(bar_charts.counts_bar(
        {str(k): int(v) for k, v in placement.items()}, q.ctx,
        "Events by the column that placed them in a district", f"{named} placed by name",
        "No events to place"))


def show_precision(q: Quality) -> None:
    """Display how precisely events are dated and located, per dataset."""
    display.show_figure(bar_charts.precision_bars(q.table, q.ctx, "date_precision"))
    display.show_figure(bar_charts.precision_bars(q.table, q.ctx, "geo_precision"))


def coverage_table(q: Quality) -> pd.DataFrame:
    """Return events per dataset and year, with first and last dates."""
    if q.table.empty:
        return pd.DataFrame()
    frame = q.table.assign(year=q.table["date"].dt.year)
    rows = []
    for (ds, year), part in frame.groupby(["dataset", "year"], sort=True):
        rows.append({"Dataset": wording.DATASET_NAMES.get(ds, ds), "Year": int(year),
                     "Events": f"{len(part):,}",
                     "Reported fatalities": f"{int(part['fatalities'].sum()):,}",
                     "First event": part["date"].min().date().isoformat(),
                     "Last event": part["date"].max().date().isoformat()})
    return pd.DataFrame(rows)


def show_coverage(q: Quality) -> None:
    """Display what the table covers, per dataset and year (never summed across datasets)."""
    display.show_table(coverage_table(q), "Events and reported fatalities per dataset and year; "
                       "the datasets count differently and are not added together.",
                       "The table holds no events.")


def show_quality_stamp(q: Quality) -> None:
    """Display the stamp of the data-quality report (see :func:`show_stamp`)."""
    show_stamp(q.params, q.data_file, q.table)
