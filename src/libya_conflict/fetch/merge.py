"""An ACLED update: the previous file, the events changed since, and ACLED's deletions.

As ACLED's own R package does it (acledR's ``acled_update``): the newest ``timestamp`` of the
file is where the update starts; events re-coded or added since (``timestamp >=`` it) replace
their old version or are appended; events ACLED deleted since are dropped. A deletion removes an
event only when the event's version is not newer than the deletion (an event re-coded after it
was deleted is back), the rule ``clean --deletions`` applies, so that cleaning the old file with
the deletions file gives the same events as cleaning the merged one.

Every event is accounted for: ``written = previous + added - deleted``.
"""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass
from pathlib import Path

from libya_conflict.errors import InputError
from libya_conflict.fetch.http import FetchError
from libya_conflict.fetch.output import DELETIONS_HEADER
from libya_conflict.reading.layouts import ACLED_CURRENT

ID = "event_id_cnty"


@dataclass
class MergeCounts:
    """What an update did to the file, event by event."""

    previous: int = 0
    fetched: int = 0
    added: int = 0
    recoded: int = 0
    refetched_unchanged: int = 0
    deletions_fetched: int = 0
    deleted: int = 0
    written: int = 0

    def as_dict(self) -> dict[str, int]:
        """Return the counts for the manifest."""
        return asdict(self)


def read_acled_file(path: Path) -> list[dict[str, str]]:
    """Read a file written by ``fetch acled`` (ACLED's current 31-column layout).

    Raises
    ------
    InputError
        When the file is not in that layout, or an event id is missing or repeated.

    """
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = [h.strip().lower() for h in reader.fieldnames or []]
            if sorted(header) != sorted(ACLED_CURRENT):
                raise InputError(path, "--update needs a file in ACLED's current 31-column "
                                 f"layout, as fetch acled writes it; columns seen "
                                 f"[{', '.join(header[:12])}{' ...' if len(header) > 12 else ''}]"
                                 "; fetch it once without --update")
            reader.fieldnames = header
            rows = [dict(row) for row in reader]
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 text (byte {exc.start}); expected a file written "
                         "by fetch acled") from None
    except OSError as exc:
        raise InputError(path, f"cannot read the file to update ({exc.strerror})") from None
    _check_ids(rows, path)
    return rows


def _check_ids(rows: list[dict[str, str]], path: Path) -> None:
    seen: set[str] = set()
    for number, row in enumerate(rows, start=1):
        event_id = (row.get(ID) or "").strip()
        if not event_id:
            raise InputError(path, "an event has no event_id_cnty, so it cannot be updated",
                             row=number, column=ID)
        if event_id in seen:
            raise InputError(path, f"event {event_id} appears twice, so the file cannot be "
                             "updated; fetch it again without --update", row=number, column=ID)
        seen.add(event_id)


def timestamp_of(row: dict[str, str]) -> int:
    """Return a row's ``timestamp`` (Unix seconds) as an integer; 0 when empty or bad."""
    text = str(row.get("timestamp") or "").strip().removesuffix(".0")
    return int(text) if text.lstrip("-").isdigit() else 0


def newest_timestamp(rows: list[dict[str, str]]) -> int | None:
    """Return the newest ``timestamp`` of the rows (None when there is none)."""
    stamps = [timestamp_of(row) for row in rows]
    return max(stamps) if stamps and max(stamps) > 0 else None


def read_deletions(path: Path) -> list[dict[str, str]]:
    """Read a deletions file written by a previous update ([] when there is none)."""
    if not path.is_file():
        return []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if set(DELETIONS_HEADER) - set(reader.fieldnames or []):
            raise InputError(path, "expected the columns event_id_cnty, deleted_timestamp")
        return [{k: (row.get(k) or "").strip() for k in DELETIONS_HEADER} for row in reader]


def combine_deletions(previous: list[dict[str, str]],
                      fetched: list[dict[str, str]]) -> list[dict[str, str]]:
    """Return every deletion known, one per event (its latest), oldest first."""
    latest: dict[str, dict[str, str]] = {}
    for row in [*previous, *fetched]:
        event_id = row[ID]
        if event_id not in latest or _deleted_at(row) >= _deleted_at(latest[event_id]):
            latest[event_id] = row
    return sorted(latest.values(), key=lambda r: (_deleted_at(r), r[ID]))


def _deleted_at(row: dict[str, str]) -> int:
    text = str(row.get("deleted_timestamp") or "").strip().removesuffix(".0")
    return int(text) if text.isdigit() else 0


def apply_update(previous: list[dict[str, str]], fetched: list[dict[str, str]],
                 deletions: list[dict[str, str]]) -> tuple[list[dict[str, str]], MergeCounts]:
    """Merge an update into the previous rows.

    Parameters
    ----------
    previous : list of dict
        The rows of the file before the update (unique ids).
    fetched : list of dict
        Events with a ``timestamp`` at or after the file's newest (unique ids).
    deletions : list of dict
        ``event_id_cnty`` and ``deleted_timestamp`` of events deleted since.

    Returns
    -------
    (list of dict, MergeCounts)
        The current rows: previous ones in their order (re-coded ones replaced in place), then
        the new ones in the order they came; and what happened to them.

    Raises
    ------
    FetchError
        If the counts do not balance (a bug: nothing is written).

    """
    counts = MergeCounts(previous=len(previous), fetched=len(fetched),
                         deletions_fetched=len(deletions))
    position = {row[ID]: n for n, row in enumerate(previous)}
    merged = list(previous)
    for row in fetched:
        n = position.get(row[ID])
        if n is None:
            position[row[ID]] = len(merged)
            merged.append(row)
            counts.added += 1
        elif timestamp_of(row) >= timestamp_of(merged[n]):
            if row == merged[n]:
                counts.refetched_unchanged += 1
            else:
                counts.recoded += 1
            merged[n] = row
        else:
            counts.refetched_unchanged += 1  # an older version than the one kept
    deleted_at = {}
    for row in deletions:
        deleted_at[row[ID]] = max(deleted_at.get(row[ID], 0), _deleted_at(row))
    kept = [row for row in merged
            if row[ID] not in deleted_at or timestamp_of(row) > deleted_at[row[ID]]]
    counts.deleted = len(merged) - len(kept)
    counts.written = len(kept)
    if counts.written != counts.previous + counts.added - counts.deleted:
        raise FetchError(f"the update does not balance: {counts.as_dict()}")
    return kept, counts
