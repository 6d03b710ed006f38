"""The cleaning report: where every input row went, and what an analyst should look at."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field

import pandas as pd

from libya_conflict.cleaning.text import TextFixes


@dataclass
class FileReport:
    """What one input file gave."""

    path: str
    layout: str
    dataset: str
    encoding: str
    windows_1252_bytes: int
    has_header: bool
    date_format: str | None
    engine: str
    rows_read: int
    out_of_scope: int
    quarantined: int = 0
    ignored_columns: list[str] = field(default_factory=list)
    hxl_rows: int = 0
    not_coded: list[str] = field(default_factory=list)
    derived: dict[str, int] = field(default_factory=dict)
    cached: bool = False


@dataclass
class CleaningReport:
    """Counts of a cleaning run.

    ``read = kept + out_of_scope + quarantined + duplicates + deleted`` always holds.

    Attributes
    ----------
    files : list of FileReport
        One entry per input file.
    country : str
        The country kept, as given.
    country_resolved : dict
        That country's name, ISO 3166 alpha-3 code and Gleditsch-Ward code.
    placement_scheme : str
        ``libya`` (Libya's districts and crosswalks) or ``dataset_admin1`` (another country:
        the dataset's own first-order division, no sides).
    kept : int
        Rows in the clean table.
    quarantine_reasons : Counter
        Quarantined rows per reason code.
    exact_duplicates, superseded : int
        Identical rows, and older versions of re-coded events; together the duplicates.
    updated_events : int
        Events that had an older version superseded.
    deleted : int
        Rows removed because ACLED's deletions file lists them.
    placement : Counter
        Kept events per way of placing them in a district.
    unknown_actors, unplaced_places, unknown_event_types, unknown_sub_event_types : Counter
        Names the crosswalks did not know, with counts: what to add next.
    flags : Counter
        Kept rows per check that nulled one of their fields.
    coords_outside_libya : int
        Kept events whose coordinates lie outside Libya's bounding box.
    text_fixes : TextFixes
        Cells changed by text normalisation.
    quarantine : pandas.DataFrame
        The quarantined rows (not part of :meth:`to_dict`).

    """

    files: list[FileReport] = field(default_factory=list)
    country: str = "Libya"
    country_resolved: dict = field(default_factory=dict)
    placement_scheme: str = "libya"
    kept: int = 0
    quarantine_reasons: Counter = field(default_factory=Counter)
    exact_duplicates: int = 0
    superseded: int = 0
    updated_events: int = 0
    deleted: int = 0
    placement: Counter = field(default_factory=Counter)
    unknown_actors: Counter = field(default_factory=Counter)
    unplaced_places: Counter = field(default_factory=Counter)
    unknown_event_types: Counter = field(default_factory=Counter)
    unknown_sub_event_types: Counter = field(default_factory=Counter)
    flags: Counter = field(default_factory=Counter)
    coords_outside_libya: int = 0
    text_fixes: TextFixes = field(default_factory=TextFixes)
    quarantine: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)

    @property
    def counts(self) -> dict[str, int]:
        """Return the accounting: read, kept, out_of_scope, quarantined, duplicates, deleted."""
        return {
            "read": sum(f.rows_read for f in self.files),
            "kept": self.kept,
            "out_of_scope": sum(f.out_of_scope for f in self.files),
            "quarantined": sum(self.quarantine_reasons.values()),
            "duplicates": self.exact_duplicates + self.superseded,
            "deleted": self.deleted,
        }

    def balances(self) -> bool:
        """Tell whether every row read is accounted for exactly once."""
        c = self.counts
        accounted = (c["kept"] + c["out_of_scope"] + c["quarantined"] + c["duplicates"]
                     + c["deleted"])
        return c["read"] == accounted

    def to_dict(self) -> dict:
        """Return the report as plain data (what ``PATH.report.json`` holds)."""
        return {
            "country": self.country,
            "country_resolved": self.country_resolved,
            "placement_scheme": self.placement_scheme,
            "counts": self.counts,
            "balanced": self.balances(),
            "duplicates": {"exact": self.exact_duplicates, "superseded": self.superseded},
            "updated_events": self.updated_events,
            "quarantine_reasons": dict(sorted(self.quarantine_reasons.items())),
            "placement": dict(self.placement.most_common()),
            "unknown_actors": dict(self.unknown_actors.most_common()),
            "unplaced_places": dict(self.unplaced_places.most_common()),
            "unknown_event_types": dict(self.unknown_event_types.most_common()),
            "unknown_sub_event_types": dict(self.unknown_sub_event_types.most_common()),
            "flags": dict(self.flags.most_common()),
            "coords_outside_libya": self.coords_outside_libya,
            "text_fixes": self.text_fixes.to_dict(),
            "files": [asdict(f) for f in self.files],
        }

    def summary(self) -> str:
        """Return a short human summary for the terminal."""
        c = self.counts
        lines = [
            f"read {c['read']:,} rows from {len(self.files)} file(s): kept {c['kept']:,}, "
            f"out of scope {c['out_of_scope']:,}, quarantined {c['quarantined']:,}, "
            f"duplicates {c['duplicates']:,} ({self.exact_duplicates:,} exact, "
            f"{self.superseded:,} superseded), deleted {c['deleted']:,}",
        ]
        for f in self.files:
            note = f" ({f.windows_1252_bytes} Windows-1252 bytes)" if f.windows_1252_bytes else ""
            extra = f", {f.hxl_rows} HXL row skipped" if f.hxl_rows else ""
            extra += ", from the cache" if f.cached else ""
            lines.append(f"  {f.path}: {f.layout}, {f.encoding}{note}, dates {f.date_format}, "
                         f"{f.rows_read:,} rows{extra}")
            if f.not_coded:
                lines.append(f"    not coded in this file: {', '.join(f.not_coded)}")
        if self.placement_scheme != "libya":
            name = self.country_resolved.get("name", self.country)
            lines.append(f"  {name}: events placed by the dataset's own admin1; Libya's "
                         "districts, regions and sides do not apply (left empty)")
        if self.quarantine_reasons:
            reasons = ", ".join(f"{k} {v}" for k, v in sorted(self.quarantine_reasons.items()))
            lines.append(f"  quarantined: {reasons}")
        placed = ", ".join(f"{k} {v}" for k, v in self.placement.most_common())
        lines.append(f"  placed by: {placed or 'nothing kept'}")
        if self.unknown_actors:
            example = self.unknown_actors.most_common(1)[0][0]
            lines.append(f"  {len(self.unknown_actors)} actor name(s) not in the crosswalk or "
                         f"outside its dates (coalition 'unknown'), e.g. {example}")
        if self.unplaced_places:
            lines.append(f"  {len(self.unplaced_places)} place name(s) matched no alias")
        if self.unknown_event_types:
            names = ", ".join(f"{k} ({v})" for k, v in self.unknown_event_types.most_common(3))
            lines.append(f"  event type(s) in no vintage of the taxonomy, kept with a null "
                         f"type: {names}")
        if self.flags:
            lines.append("  kept with a field nulled: " + ", ".join(
                f"{k} {v}" for k, v in self.flags.most_common()))
        if not self.balances():
            lines.append("  WARNING: the accounting does not add up")
        return "\n".join(lines)
