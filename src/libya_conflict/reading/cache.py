"""A cache of each raw file's in-scope rows, so that cleaning again after a crosswalk edit is cheap.

Scanning ACLED's global export takes seconds; what it yields for one country is small. The
rows the reader kept, with what it found (layout, encoding, counts), are stored as one Parquet
file under the output's folder (``data/processed/.cache/`` for the default output), keyed by
the file's resolved path, size and modification time, the country and :data:`SCAN_VERSION`.
Everything after reading (text fixes, types, places, sides, checks) runs again on every clean,
so an edit of ``actors.yaml``, ``places.csv`` or ``event_types.yaml`` takes effect at once.
A cache that cannot be read is ignored and one that cannot be written is skipped: the cache
never makes a clean fail.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from libya_conflict.reading.layouts import LAYOUTS_BY_NAME
from libya_conflict.reading.readers import FileRead, as_country, read_export
from libya_conflict.reference.countries import Country

# Bump whenever reading changes what a file gives (columns, counts, record numbers).
SCAN_VERSION = 2
CACHE_FOLDER = ".cache"
_META_KEY = b"libya_conflict_read"
_FIELDS = ("path", "encoding", "windows_1252_bytes", "has_header", "rows_read", "out_of_scope",
           "original_header", "ignored_columns", "engine", "column_labels", "hxl_rows")


def cache_folder(out: Path) -> Path:
    """Return the cache folder for an output table ``PATH.parquet``."""
    return Path(out).parent / CACHE_FOLDER


def _entry(folder: Path, path: Path, country: Country) -> tuple[Path, str]:
    """Return the entry of a file's current version, and the prefix all its versions share."""
    resolved = str(path.resolve())
    stat = path.stat()
    file_id = hashlib.sha256(f"{resolved}\0{country.iso3}".encode()).hexdigest()[:20]
    version = json.dumps([resolved, stat.st_size, stat.st_mtime_ns, SCAN_VERSION, country.iso3])
    digest = hashlib.sha256(version.encode()).hexdigest()[:20]
    return folder / f"{file_id}-{digest}.parquet", f"{file_id}-"


def is_cached(path: Path, country: Country, folder: Path) -> bool:
    """Tell whether the cache holds the current version of a file (no pandas needed)."""
    try:
        return _entry(folder, Path(path), country)[0].is_file()
    except OSError:
        return False


def cached_read(path: str | Path, country: Country | str, engine: str,
                folder: Path | None, pending: list | None = None) -> FileRead:
    """Read an export through the cache (``folder`` None: no cache, always scan).

    Parameters
    ----------
    path : str or Path
        The export file.
    country : Country or str
        The country to keep.
    engine : {"auto", "pandas", "duckdb"}
        CSV engine for a scan.
    folder : Path or None
        The cache folder.
    pending : list, optional
        Where to put the writing of a new entry (a callable) instead of writing it now, so
        that a run that fails later leaves no cache behind.

    Returns
    -------
    FileRead
        ``cached`` is True when the rows came from the cache.

    """
    country = as_country(country)
    path = Path(path)
    if folder is None or not path.is_file():
        return read_export(path, country=country, engine=engine)
    entry, prefix = _entry(folder, path, country)
    read = _load(entry, path)
    if read is not None:
        return read
    read = read_export(path, country=country, engine=engine)
    if pending is None:
        _store(read, entry, prefix)
    else:
        pending.append(lambda: _store(read, entry, prefix))
    return read


def _load(entry: Path, path: Path) -> FileRead | None:
    if not entry.is_file():
        return None
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(entry)
        meta = json.loads(table.schema.metadata[_META_KEY])
        frame = table.to_pandas()
        fields = {name: meta[name] for name in _FIELDS}
        layout = LAYOUTS_BY_NAME[meta["layout"]]
    except Exception:  # a damaged or foreign file: scan again and replace it
        return None
    fields["path"] = str(path)  # as given this time
    return FileRead(layout=layout, frame=frame, cached=True, **fields)


def _store(read: FileRead, entry: Path, prefix: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    meta = {name: getattr(read, name) for name in _FIELDS}
    meta["layout"] = read.layout.name
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        table = pa.Table.from_pandas(read.frame.astype({c: str for c in read.frame.columns
                                                        if c != "source_row"}),
                                     preserve_index=False)
        table = table.replace_schema_metadata({_META_KEY: json.dumps(meta).encode()})
        tmp = entry.with_name(entry.name + ".tmp")
        pq.write_table(table, tmp)
        os.replace(tmp, entry)
        for old in entry.parent.glob(f"{prefix}*.parquet"):
            if old != entry:
                old.unlink(missing_ok=True)
    except OSError:
        return  # a read-only folder: clean without the cache
