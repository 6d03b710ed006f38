"""Row-level checks: what no real event can be, set in one place (see docs/schema.md).

A row that fails one of these is quarantined with the check's name, or, where the row is
otherwise sound, kept with the one bad field nulled and the check named in its ``flags``.
None of them can stop a run: the pandera schema stays the last line of defence for the table
as a whole.
"""

from __future__ import annotations

import pandas as pd

# No single event of UCDP GED can record more deaths than its deadliest country in total:
# Rwanda, 543,176 best-estimate deaths over 1989-2019 in GED 20.1 (the Government of Rwanda -
# civilians dyad of 1994 alone 534,213), as summed from the full release in the R data package
# mcgirjau/ucdp (README, "Top 10 Countries by Total Conflict Fatalities"). The largest event of
# the GED 23.1 sample in ../shared records 3,000.
MAX_FATALITIES = 543_176
# When each dataset began: ACLED's first events are of 1 January 1997 (its African countries;
# acledR acled_regions, first_event_date), UCDP GED's of 1 January 1989.
DATASET_START = {"acled": pd.Timestamp("1997-01-01"), "ucdp": pd.Timestamp("1989-01-01")}
# How far past the export an event's date may lie: ACLED dates a week-precise event to a day
# of that week and a month-precise one to the middle of the month; a day for time zones.
DATE_SLACK = {"day": pd.Timedelta(days=1), "week": pd.Timedelta(days=7),
              "month": pd.Timedelta(days=31), "range": pd.Timedelta(days=1)}


class Problems:
    """Quarantine reasons, one per row: the first problem found wins."""

    def __init__(self, index: pd.Index) -> None:
        self.reason = pd.Series(pd.NA, index=index, dtype="object")
        self.detail = pd.Series(pd.NA, index=index, dtype="object")

    def add(self, mask: pd.Series, reason: str, detail: pd.Series | str) -> None:
        """Give ``reason`` to the rows of ``mask`` that have no reason yet."""
        new = mask.fillna(False).astype(bool) & self.reason.isna()
        if new.any():
            self.reason[new] = reason
            self.detail[new] = detail[new] if isinstance(detail, pd.Series) else detail


def add_flag(values: pd.Series, mask: pd.Series, name: str) -> pd.Series:
    """Return ``values`` (``; ``-separated check names per row) with ``name`` added on ``mask``."""
    mask = mask.fillna(False).astype(bool)
    if not mask.any():
        return values
    current = values[mask]
    out = values.copy()
    out[mask] = current.where(current.eq(""), current + "; ") + name
    return out


class Flags:
    """Checks that nulled a field of an otherwise sound row, ``; ``-separated per row."""

    def __init__(self, index: pd.Index) -> None:
        self.values = pd.Series("", index=index, dtype=object)

    def add(self, mask: pd.Series, name: str) -> None:
        """Name the check ``name`` on the rows of ``mask``."""
        self.values = add_flag(self.values, mask, name)


def check_coordinates(lat: pd.Series, lon: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Null impossible coordinates: out of range, or one of the pair missing.

    Returns
    -------
    (latitude, longitude, bad) : tuple of pandas.Series

    """
    given = lat.notna() | lon.notna()
    bad = given & ~(lat.between(-90, 90) & lon.between(-180, 180))
    return lat.mask(bad), lon.mask(bad), bad.astype(bool)


def check_fatalities(fatalities: pd.Series, problems: Problems, column: str) -> None:
    """Quarantine fatality counts above :data:`MAX_FATALITIES`."""
    high = fatalities.gt(MAX_FATALITIES).fillna(False).astype(bool)
    problems.add(high, "implausible_fatalities",
                 f"{column} " + fatalities.astype(str) + f" is above {MAX_FATALITIES:,}, more "
                 "than any single event records (the deadliest country of UCDP GED in total)")


def export_time(path: str, timestamps: pd.Series, dataset: str) -> pd.Timestamp:
    """Return when the export was made at the latest: its file's time, or its newest change.

    ACLED's ``timestamp`` is each event's last change, so the export is no older than the
    newest; the file cannot be older than the export either. A file time from before the
    dataset began (a zip's 1980, a build's 1970) says nothing: then today is the bound.
    """
    from pathlib import Path

    made = pd.Timestamp(Path(path).stat().st_mtime, unit="s")
    if made < DATASET_START[dataset]:
        made = pd.Timestamp.now()
    newest = timestamps.max() if len(timestamps) else pd.NaT
    if pd.notna(newest):
        made = max(made, pd.Timestamp(newest).tz_convert(None))
    return made.normalize()


def check_dates(dates: pd.Series, precision: pd.Series, dataset: str, made: pd.Timestamp,
                problems: Problems, column: str) -> None:
    """Quarantine dates before the dataset began or after the export was made."""
    start = DATASET_START[dataset]
    problems.add(dates.lt(start), "date_before_dataset",
                 f"{column} " + dates.dt.strftime("%Y-%m-%d") + f" is before {dataset.upper()} "
                 f"began ({start:%d %B %Y})")
    slack = precision.map(DATE_SLACK).fillna(pd.Timedelta(days=1))
    late = dates.gt(made + pd.to_timedelta(slack))
    problems.add(late, "date_after_export",
                 f"{column} " + dates.dt.strftime("%Y-%m-%d") + f" is after the export was "
                 f"made ({made:%Y-%m-%d}, the file's time or its newest change)")
