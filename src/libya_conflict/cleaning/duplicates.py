"""Duplicates, re-coded events and ACLED deletions.

ACLED re-codes events: the same ``event_id_cnty`` reappears with a newer ``timestamp`` and
changed fields. Analysts also combine an old export with a newer one. Both leave several
versions of one event; the newest is kept and the others are counted as superseded. Identical
rows are counted as exact duplicates. ACLED's deletions file lists events it has withdrawn.

"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from libya_conflict.errors import InputError
from libya_conflict.reading.encoding import decode_bytes

# Columns that tell where a row came from, not what the event is.
PROVENANCE = ["layout", "source_file", "source_row"]


@dataclass
class DedupeCounts:
    """What de-duplication removed."""

    exact: int = 0
    superseded: int = 0
    updated_events: int = 0
    deleted: int = 0


def drop_exact_duplicates(events: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Drop rows identical in every event column (provenance ignored), keeping the first.

    Returns
    -------
    (pandas.DataFrame, int)
        The remaining rows and the number dropped.

    """
    content = [c for c in events.columns if c not in PROVENANCE]
    dup = events.duplicated(subset=content, keep="first")
    return events[~dup], int(dup.sum())


def keep_newest_versions(events: pd.DataFrame) -> tuple[pd.DataFrame, int, int]:
    """Keep one row per (dataset, event_id): the newest timestamp, then the last one read.

    Returns
    -------
    (pandas.DataFrame, int, int)
        The remaining rows, the number of superseded rows, and the number of events that had
        more than one version.

    """
    order = events.assign(_order=range(len(events)))
    order = order.sort_values(["dataset", "event_id", "timestamp", "_order"], na_position="first",
                              kind="stable")
    newest = ~order.duplicated(subset=["dataset", "event_id"], keep="last")
    versions = order.groupby(["dataset", "event_id"], sort=False)["_order"].transform("size")
    updated = int(((versions > 1) & newest).sum())
    kept = order[newest].sort_values("_order").drop(columns="_order")
    return kept, int((~newest).sum()), updated


def read_deletions(path: str | Path) -> pd.DataFrame:
    """Read an ACLED deletions file (``event_id_cnty``, ``deleted_timestamp`` in Unix seconds).

    Raises
    ------
    InputError
        If the file is missing, empty or lacks those columns, or a timestamp is not a number.

    """
    path = Path(path)
    if not path.is_file() or path.stat().st_size == 0:
        raise InputError(path, "deletions file is missing or empty; expected columns "
                         "event_id_cnty, deleted_timestamp")
    import io

    text = decode_bytes(path.read_bytes(), path).text
    table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    table.columns = [c.strip().lower() for c in table.columns]
    missing = {"event_id_cnty", "deleted_timestamp"} - set(table.columns)
    if missing:
        raise InputError(path, f"deletions file lacks column(s) {', '.join(sorted(missing))}; "
                         f"columns seen: {', '.join(table.columns)}")
    stamps = pd.to_numeric(table["deleted_timestamp"].str.strip(), errors="coerce")
    if stamps.isna().any():
        row = int(stamps.isna().to_numpy().argmax()) + 1
        raise InputError(path, f"row {row}: deleted_timestamp "
                         f"'{table['deleted_timestamp'].iloc[row - 1]}' is not Unix seconds")
    return pd.DataFrame({
        "event_id": table["event_id_cnty"].str.strip(),
        "deleted_at": pd.to_datetime(stamps, unit="s", utc=True).astype("datetime64[ns, UTC]"),
    })


def apply_deletions(events: pd.DataFrame, deletions: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Drop ACLED events listed as deleted, unless the kept version is newer than the deletion.

    Returns
    -------
    (pandas.DataFrame, int)
        The remaining rows and the number deleted.

    """
    latest = deletions.groupby("event_id")["deleted_at"].max()
    deleted_at = events["event_id"].map(latest)
    is_acled = events["dataset"].eq("acled")
    older = events["timestamp"].isna() | (events["timestamp"] <= deleted_at)
    drop = is_acled & deleted_at.notna() & older
    return events[~drop], int(drop.sum())
