"""Country-filtered scan of large UTF-8 CSV exports with DuckDB, optionally started early.

ACLED's global export is about 1.3 GB. DuckDB parses it on all cores without holding it in
memory; rows of other countries are only counted. The scan needs neither pandas nor pandera, so
the command line can start it before importing them (:func:`prefetch`): DuckDB works without the
GIL while Python imports the rest.

"""

from __future__ import annotations

import json
import re
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from libya_conflict.errors import InputError, LibyaConflictError, one_line
from libya_conflict.reading.encoding import sniff_utf8
from libya_conflict.reading.sniff import CsvHead, sniff_file
from libya_conflict.reference.countries import Country

DUCKDB_MIN_BYTES = 32 * 1024 * 1024
_PREFETCHED: dict[tuple[str, str], Future] = {}
_POOL: ThreadPoolExecutor | None = None


class NotUtf8Error(LibyaConflictError):
    """DuckDB found bytes that are not UTF-8 (the reader decodes the file in Python instead).

    Never reaches the user: :func:`libya_conflict.reading.readers.read_export` catches it.
    """


@dataclass
class ScanResult:
    """The in-scope rows of one file.

    Attributes
    ----------
    head : CsvHead
        Layout and header of the file.
    total : int
        Data records in the file.
    positions : list of int
        1-based record number of each in-scope row.
    records : list of dict
        The in-scope rows, column name -> text (None for an empty field).

    """

    head: CsvHead
    total: int
    positions: list[int]
    records: list[dict]


def wants_duckdb(path: Path, engine: str) -> bool:
    """Tell whether a CSV file should be scanned by DuckDB."""
    if engine == "duckdb":
        return True
    return engine == "auto" and path.stat().st_size >= DUCKDB_MIN_BYTES and sniff_utf8(path)


def country_keys(country: Country) -> list[str]:
    """Return every key a country cell may normalise to (see :func:`country_key_sql`)."""
    codes = {country.iso3.casefold()}
    if country.iso_numeric:
        codes.add(str(country.iso_numeric))
    return sorted(country.spellings | codes)


def country_key_sql(column: str) -> str:
    """Return DuckDB SQL normalising a country cell like ``reference.countries.country_key``.

    Accents dropped, lower case, ``&`` as "and", runs of other characters as one space.
    """
    text = f"replace(lower(strip_accents(trim(\"{column}\"))), '&', ' and ')"
    return f"trim(regexp_replace({text}, '[^a-z0-9]+', ' ', 'g'))"


def country_match_sql(column: str, country: Country) -> str:
    """Return a DuckDB condition true for the cells that stand for ``country``.

    The full normalisation costs a regular expression per row (0.7 CPU-seconds per million
    rows); a cell that contains none of the first words of the country's spellings cannot
    match, so that cheap test runs first and DuckDB evaluates the rest only where it passes.
    Cells with non-ASCII letters (whose accents the test would miss) always take the full
    path.
    """
    words = sorted({key.split()[0] for key in country_keys(country)})
    cell = f'lower("{column}")'
    cheap = " OR ".join([f'strlen("{column}") <> length("{column}")',
                         *(f"contains({cell}, '{word}')" for word in words)])
    return f"(({cheap}) AND list_contains($keys, {country_key_sql(column)}))"


def scan_country(path: Path, country: Country) -> ScanResult:
    """Scan a UTF-8 CSV file once, keeping the rows of one country (or with no country).

    The country matches in any spelling it has (``Myanmar (Burma)`` for Myanmar).

    Raises
    ------
    InputError
        For an unknown layout or a malformed CSV.
    NotUtf8Error
        When the file is not valid UTF-8.

    """
    import duckdb  # imported here: only large files need it

    head = sniff_file(path)
    names = head.names
    country_col = names[head.header.index("country")]
    params = {"keys": country_keys(country), "path": str(path), "header": head.has_header,
              "columns": dict.fromkeys(names, "VARCHAR")}
    try:
        kept = _run_scan(duckdb, _scan_query(country_col, country, parallel=True), params)
    except duckdb.Error as exc:
        if "parallel scanner does not support" not in str(exc):
            raise _scan_error(exc, path, len(names)) from None
        # Quoted line breaks (UCDP's source fields) with padded short rows: DuckDB reads
        # such files only with its single-threaded scanner.
        try:
            kept = _run_scan(duckdb, _scan_query(country_col, country, parallel=False), params)
        except duckdb.Error as retry_exc:
            raise _scan_error(retry_exc, path, len(names)) from None
    positions, records = _kept_rows(kept)
    return ScanResult(head, len(kept), positions, records)


def _scan_query(country_col: str, country: Country, parallel: bool) -> str:
    # Results come back in file order; other countries' rows are NULL, so they count for the
    # record numbers without their text ever being built.
    return f"""
        SELECT CASE WHEN coalesce(trim("{country_col}"), '') = ''
                         OR {country_match_sql(country_col, country)}
                    THEN to_json(struct_pack(*COLUMNS(*))) END AS kept
        FROM read_csv($path, header=$header, delim=',', quote='"', escape='"',
                      null_padding=true, auto_detect=false, columns=$columns,
                      parallel={'true' if parallel else 'false'})
    """


def _run_scan(duckdb, query: str, params: dict):
    con = duckdb.connect()
    try:
        return con.sql(query, params=params).to_arrow_table().column("kept")
    finally:
        con.close()


def _scan_error(exc: BaseException, path: Path, width: int) -> LibyaConflictError:
    if "invalid unicode" in str(exc).lower():
        return NotUtf8Error()
    return InputError(path, f"not a valid CSV: {duckdb_message(exc, width)}")


def _kept_rows(kept) -> tuple[list[int], list[dict]]:
    """Return the record numbers and values of the non-null entries of a chunked column.

    Chunk by chunk, in Arrow: converting a million mostly-null entries to Python would cost more
    than the scan.
    """
    import pyarrow.compute as pc

    positions: list[int] = []
    records: list[dict] = []
    offset = 0
    for chunk in kept.chunks:
        if chunk.null_count < len(chunk):
            index = pc.indices_nonzero(chunk.is_valid())
            positions += [offset + i + 1 for i in index.to_pylist()]
            records += [json.loads(text) for text in chunk.take(index).to_pylist()]
        offset += len(chunk)
    return positions, records


def duckdb_message(exc: BaseException, width: int) -> str:
    """Turn DuckDB's multi-line CSV error into one line naming the record."""
    text = str(exc)
    line = re.search(r"CSV Error on Line: (\d+)", text)
    where = f"line {line.group(1)}: " if line else ""
    if "Expected Number of Columns" in text:
        return f"{where}expected {width} fields per row like the header, found a different number"
    details = [ln for ln in text.splitlines()[1:] if ln and not ln.startswith("Original Line")]
    return where + (details[0] if details else one_line(exc))


def prefetch(paths: list[Path], country: Country, engine: str = "auto") -> None:
    """Start DuckDB scans of the large CSV files among ``paths`` in a background thread.

    Problems are not raised here: :func:`take_prefetched` re-raises them when the reader asks.
    """
    global _POOL
    for path in paths:
        try:
            usable = path.suffix.lower() == ".csv" and path.is_file() and wants_duckdb(path, engine)
        except (OSError, InputError):
            continue
        if usable:
            _POOL = _POOL or ThreadPoolExecutor(max_workers=1, thread_name_prefix="scan")
            _PREFETCHED[(str(path), country.iso3)] = _POOL.submit(scan_country, path, country)


def take_prefetched(path: Path, country: Country) -> ScanResult | None:
    """Return the result of a prefetched scan of ``path`` (re-raising its error), or None."""
    future = _PREFETCHED.pop((str(path), country.iso3), None)
    return None if future is None else future.result()
