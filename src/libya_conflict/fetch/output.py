"""What a fetch writes: the CSV in a layout ``clean`` reads, files beside it, and the manifest.

All of a fetch's files are written to temporary files and renamed together only when every one
is complete (:func:`libya_conflict.files.atomic_outputs`), so a failed fetch leaves the previous
files byte-identical. The manifest ``<out>.fetch.json`` records the query (never a credential),
the time, pages, rows, the newest timestamp, deletions applied and the file's SHA-256.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from libya_conflict.fetch.http import FetchError, redact
from libya_conflict.files import atomic_outputs, file_lock, file_sha256

MANIFEST_SUFFIX = ".fetch.json"
DELETIONS_SUFFIX = ".deletions.csv"
DELETIONS_HEADER = ("event_id_cnty", "deleted_timestamp")
_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]00:00:00(\.0+)?(Z|[+-]00:?00)?$")
_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]00:?00)?$")


def now_utc() -> str:
    """Return the time now, UTC, to the second, as ``2026-01-31T12:00:00Z``."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def beside(out: Path, suffix: str) -> Path:
    """Return the file beside ``out`` named ``<out><suffix>`` (``acled.csv.fetch.json``)."""
    return out.with_name(out.name + suffix)


def manifest_path(out: Path) -> Path:
    """Return ``<out>.fetch.json``."""
    return beside(out, MANIFEST_SUFFIX)


def deletions_path(out: Path) -> Path:
    """Return ``<out>.deletions.csv``."""
    return beside(out, DELETIONS_SUFFIX)


def slug(name: str) -> str:
    """Return a name fit for a file name: ``Myanmar (Burma)`` -> ``myanmar_burma``."""
    import unicodedata

    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return "_".join(re.findall(r"[a-z0-9]+", text)) or "country"


@contextlib.contextmanager
def fetch_lock(out: Path) -> Iterator[None]:
    """Hold ``.<out>.lock`` beside the output so that two fetches never write one file.

    Raises
    ------
    FetchError
        At once, when another fetch holds it.

    """
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        with file_lock(out.with_name(f".{out.name}.lock"), wait=False):
            yield
    except BlockingIOError:
        raise FetchError(f"another fetch is writing {out}; try again when it has finished",
                         str(out)) from None


@contextlib.contextmanager
def keeping(out: Path) -> Iterator[None]:
    """Name ``out`` in any :class:`FetchError` raised inside: it was kept as it was."""
    try:
        yield
    except FetchError as exc:
        exc.target = exc.target or str(out)
        raise


@dataclass
class FetchResult:
    """What a fetch wrote: the file, its manifest, and every file written."""

    path: Path
    manifest: dict
    written: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        """One line: rows, pages, and the files written."""
        m = self.manifest
        rows = m.get("rows", {})
        pages = sum((m.get("pages") or {}).values())
        if m.get("mode") == "update":
            since = dt.datetime.fromtimestamp(int(m.get("since_timestamp") or 0), dt.UTC)
            what = (f"update since {since:%Y-%m-%d %H:%M:%S} UTC: {rows.get('added', 0):,} "
                    f"new, {rows.get('recoded', 0):,} re-coded, {rows.get('deleted', 0):,} "
                    f"deleted; {rows.get('previous', 0):,} -> {rows.get('written', 0):,} events")
        else:
            what = f"{m.get('rows_written', 0):,} events"
        via = f" in {pages:,} page{'s' if pages != 1 else ''}" if pages else ""
        return (f"{m.get('label', m.get('source'))}: {what}{via}; wrote "
                + ", ".join(str(p) for p in [*self.written, manifest_path(self.path)]))


def read_manifest(out: Path) -> dict:
    """Return the manifest of a previous fetch of ``out`` ({} when there is none or it is bad)."""
    try:
        manifest = json.loads(manifest_path(out).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) else {}


def text_value(value: Any) -> str:
    """Return a JSON value as the text a CSV export holds: null is empty, never "None"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"  # as UCDP's CSV releases write them
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def date_text(value: Any) -> str:
    """Return a date as the CSV releases write it: ``2019-04-10`` at midnight, else with time."""
    text = text_value(value).strip()
    midnight = _MIDNIGHT.match(text)
    if midnight:
        return midnight.group(1)
    stamp = _DATETIME.match(text)
    return f"{stamp.group(1)} {stamp.group(2)}" if stamp else text


@dataclass
class Table:
    """Rows to write as one CSV: the header and the rows, each a mapping over the header."""

    path: Path
    header: Sequence[str]
    rows: Iterable[dict[str, str]]
    write_header: bool = True


def write_csv(path: Path, table: Table) -> int:
    """Write a table as UTF-8 CSV (Unix line ends, minimal quoting); return the rows written."""
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        if table.write_header:
            writer.writerow(table.header)
        for row in table.rows:
            writer.writerow([row.get(name, "") for name in table.header])
            count += 1
    return count


def commit(out: Path, tables: list[Table], manifest: dict) -> dict:
    """Write the tables (the first is ``out``) and the manifest, all or none.

    The manifest gets ``file``, ``sha256``, ``bytes``, ``rows_written`` and ``written_at``;
    every text in it passes through :func:`redact`.

    Returns
    -------
    dict
        The manifest as written.

    Raises
    ------
    FetchError
        When the files cannot be written (the previous ones are kept).

    """
    targets = [t.path for t in tables] + [manifest_path(out)]
    try:
        with atomic_outputs(targets) as temps:
            written = [write_csv(temp, table) for temp, table in zip(temps, tables, strict=False)]
            manifest = dict(manifest, file=out.name, sha256=file_sha256(temps[0]),
                            bytes=temps[0].stat().st_size, rows_written=written[0],
                            written_at=now_utc())
            text = redact(json.dumps(manifest, indent=1, ensure_ascii=False, default=str))
            temps[-1].write_text(text + "\n", encoding="utf-8")
            for temp in temps:
                temp.chmod(0o644)
    except OSError as exc:
        raise FetchError(f"{out}: cannot write the fetched data ({exc.strerror or exc})",
                         str(out)) from None
    return manifest
