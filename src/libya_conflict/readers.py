"""Read one export file (CSV or Excel) into a frame of strings, keeping only one country.

Small or non-UTF-8 files are decoded in Python (so the encoding is known exactly) and parsed by
pandas. Large UTF-8 files — ACLED's global export is about 1.3 GB — are scanned by DuckDB, which
filters the country while reading and never holds the other countries' rows in memory.
Both paths return the same frame: standard lower-case column names, every value a string
(``""`` when empty), and ``source_row``, the 1-based record number in the file.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from libya_conflict.encoding import DecodedText, decode_bytes, sniff_utf8
from libya_conflict.errors import InputError
from libya_conflict.layouts import Layout, clean_header, detect_headerless, detect_layout

DUCKDB_MIN_BYTES = 32 * 1024 * 1024
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
HEAD_BYTES = 256 * 1024


@dataclass
class FileRead:
    """What was read from one file.

    Attributes
    ----------
    path : str
        The file as given.
    layout : Layout
        The detected layout.
    encoding : str
        The text encoding used (``xlsx`` for Excel files).
    windows_1252_bytes : int
        Bytes decoded as Windows-1252 inside an otherwise UTF-8 file.
    has_header : bool
        False for a UCDP file recognised without a header row.
    rows_read : int
        Data records in the file.
    out_of_scope : int
        Records of another country, counted and not kept.
    frame : pandas.DataFrame
        The in-scope records (strings), standard column names, plus ``source_row``.
    original_header : list of str
        Column names as written in the file (for quarantine output).
    column_labels : dict
        Standard column name -> the name written in the file.
    ignored_columns : list of str
        Columns present in the file that the layout does not use.
    engine : str
        ``pandas`` or ``duckdb``.

    """

    path: str
    layout: Layout
    encoding: str
    windows_1252_bytes: int
    has_header: bool
    rows_read: int
    out_of_scope: int
    frame: pd.DataFrame
    original_header: list[str]
    ignored_columns: list[str] = field(default_factory=list)
    engine: str = "pandas"
    column_labels: dict[str, str] = field(default_factory=dict)


def read_export(path: str | Path, country: str = "Libya", engine: str = "auto") -> FileRead:
    """Read one ACLED or UCDP export, keeping the rows of one country.

    Parameters
    ----------
    path : str or Path
        A CSV or Excel (.xlsx) file.
    country : str
        Country name to keep (case-insensitive). Rows with an empty country are kept so that
        cleaning can quarantine them rather than lose them.
    engine : {"auto", "pandas", "duckdb"}
        ``auto`` uses DuckDB for UTF-8 CSV files of 32 MB or more.

    Returns
    -------
    FileRead

    Raises
    ------
    InputError
        For a missing, empty, unreadable or unknown-layout file.

    """
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "no such file")
    if path.stat().st_size == 0:
        raise InputError(path, "file is empty; expected an ACLED or UCDP export with a header row")
    if path.suffix.lower() in EXCEL_SUFFIXES:
        return _read_excel(path, country)
    if path.suffix.lower() == ".xls":
        raise InputError(path, "old Excel .xls files are not supported; save as .xlsx or CSV")
    use_duckdb = engine == "duckdb" or (
        engine == "auto" and path.stat().st_size >= DUCKDB_MIN_BYTES and sniff_utf8(path)
    )
    if use_duckdb:
        try:
            return _read_csv_duckdb(path, country)
        except _NotUtf8Error:
            pass  # a stray Windows-1252 byte past the sniffed head: decode in Python instead
    return _read_csv_python(path, country)


class _NotUtf8Error(Exception):
    """DuckDB found bytes that are not UTF-8."""


def _first_record(text: str, path: Path) -> list[str]:
    """Parse the first CSV record of a text."""
    try:
        return next(csv.reader(io.StringIO(text)))
    except StopIteration:
        raise InputError(path, "file has no rows; expected a header row") from None
    except csv.Error as exc:
        raise InputError(path, f"first row is not valid CSV ({exc})") from None


def _resolve_layout(first: list[str], path: Path) -> tuple[Layout, list[str], bool]:
    """Find the layout from the first record: a header, or a header-less UCDP row."""
    header = clean_header(first)
    try:
        return detect_layout(header, str(path)), header, True
    except InputError as exc:
        layout = detect_headerless(first)
        if layout is None:
            raise exc from None
        return layout, list(layout.columns), False


def _read_csv_python(path: Path, country: str) -> FileRead:
    decoded: DecodedText = decode_bytes(path.read_bytes(), path)
    if not decoded.text.strip():
        raise InputError(path, "file is empty; expected an ACLED or UCDP export with a header row")
    first = _first_record(decoded.text, path)
    layout, header, has_header = _resolve_layout(first, path)
    _check_width(first, header, has_header, path)
    try:
        frame = pd.read_csv(
            io.StringIO(decoded.text), dtype=str, keep_default_na=False, na_filter=False,
            header=0 if has_header else None, names=_unique(header), engine="c",
        )
    except (pd.errors.ParserError, ValueError) as exc:
        raise InputError(path, f"not a valid CSV: {_one_line(exc)}") from None
    frame = frame.fillna("")
    frame.insert(0, "source_row", range(1, len(frame) + 1))
    return _finish(path, layout, frame, first if has_header else header, has_header,
                   decoded.encoding, decoded.windows_1252_bytes, country, "pandas")


def _read_excel(path: Path, country: str) -> FileRead:
    try:
        raw = pd.read_excel(path, dtype=str, header=None, keep_default_na=False)
    except Exception as exc:  # openpyxl raises many types for a broken workbook
        raise InputError(path, f"not a readable .xlsx workbook: {_one_line(exc)}") from None
    if raw.empty:
        raise InputError(path, "workbook's first sheet is empty; expected a header row")
    raw = raw.fillna("")
    first = [str(v) for v in raw.iloc[0].tolist()]
    layout, header, has_header = _resolve_layout(first, path)
    frame = raw.iloc[1:] if has_header else raw
    frame = frame.set_axis(_unique(header), axis=1).reset_index(drop=True)
    frame = frame.map(_excel_text)
    frame.insert(0, "source_row", range(1, len(frame) + 1))
    return _finish(path, layout, frame, first if has_header else header, has_header, "xlsx", 0,
                   country, "pandas")


def _excel_text(value: object) -> str:
    """Excel numbers arrive as '1.0'; dates as '2020-05-18 00:00:00'. Keep them as text."""
    text = "" if value is None else str(value)
    return text[:-2] if text.endswith(".0") and text[:-2].lstrip("-").isdigit() else text


def _read_csv_duckdb(path: Path, country: str) -> FileRead:
    import duckdb  # imported here: only large files need it

    with open(path, "rb") as fh:
        head = fh.read(HEAD_BYTES)
    text = head.decode("utf-8-sig", errors="ignore")
    first = _first_record(text, path)
    layout, header, has_header = _resolve_layout(first, path)
    names = _unique(header)
    country_col = names[header.index("country")]
    con = duckdb.connect()
    columns = {name: "VARCHAR" for name in names}
    # One parallel scan, results in file order. Rows of other countries come back as NULL, so
    # their position still counts (source_row) but their text is never materialised.
    query = f"""
        SELECT CASE WHEN lower(trim("{country_col}")) = $country
                         OR coalesce(trim("{country_col}"), '') = ''
                    THEN to_json(struct_pack(*COLUMNS(*))) END AS kept
        FROM read_csv($path, header=$header, delim=',', quote='"', escape='"',
                      null_padding=true, auto_detect=false, columns=$columns)
    """
    params = {"country": country.lower(), "path": str(path), "header": has_header,
              "columns": columns}
    try:
        kept = con.sql(query, params=params).to_arrow_table().column("kept")
    except duckdb.Error as exc:
        if "invalid unicode" in str(exc).lower():
            raise _NotUtf8Error() from None
        raise InputError(path, f"not a valid CSV: {_duckdb_message(exc, len(names))}") from None
    finally:
        con.close()
    positions = np.flatnonzero(kept.is_valid().to_numpy(zero_copy_only=False)) + 1
    records = [json.loads(text) for text in kept.drop_null().to_pylist()]
    frame = pd.DataFrame.from_records(records, columns=names).fillna("")
    frame.insert(0, "source_row", positions.astype("int64"))
    out_of_scope = len(kept) - len(frame)
    read = _finish(path, layout, frame, first if has_header else header, has_header, "utf-8", 0,
                   country, "duckdb", prefiltered_out=out_of_scope)
    return read


def _finish(path: Path, layout: Layout, frame: pd.DataFrame, original: list[str],
            has_header: bool, encoding: str, cp1252_bytes: int, country: str, engine: str,
            prefiltered_out: int = 0) -> FileRead:
    """Drop unnamed empty columns, rename to standard names, and filter the country."""
    data_columns = [c for c in frame.columns if c != "source_row"]
    labels = {layout.renames.get(c, c): str(o)
              for c, o in zip(data_columns, original, strict=False)}
    ignored = []
    for col in [c for c in frame.columns if c.startswith("_unnamed_")]:
        if frame[col].astype(str).str.strip().ne("").any():
            ignored.append(col)
        frame = frame.drop(columns=col)
    frame = frame.rename(columns=layout.renames)
    known = set(layout.columns) | set(layout.renames.values()) | {"source_row"}
    ignored += [c for c in frame.columns if c not in known]
    rows_read = len(frame) + prefiltered_out
    if engine == "pandas":
        values = frame["country"].str.strip().str.lower()
        keep = values.eq(country.lower()) | values.eq("")
        frame = frame[keep].reset_index(drop=True)
    return FileRead(
        path=str(path), layout=layout, encoding=encoding, windows_1252_bytes=cp1252_bytes,
        has_header=has_header, rows_read=rows_read,
        out_of_scope=rows_read - len(frame), frame=frame, original_header=list(original),
        ignored_columns=ignored, engine=engine, column_labels=labels,
    )


def _check_width(first: list[str], header: list[str], has_header: bool, path: Path) -> None:
    if not has_header and len(first) != len(header):
        raise InputError(path, f"expected {len(header)} fields per row, saw {len(first)}")


def _unique(names: list[str]) -> list[str]:
    """Make column names unique (a file may repeat a name)."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        count = seen.get(name, 0)
        out.append(name if count == 0 else f"{name}_{count}")
        seen[name] = count + 1
    return out


def _duckdb_message(exc: BaseException, width: int) -> str:
    """Turn DuckDB's multi-line CSV error into one line naming the record."""
    text = str(exc)
    line = re.search(r"CSV Error on Line: (\d+)", text)
    where = f"line {line.group(1)}: " if line else ""
    if "Expected Number of Columns" in text:
        return f"{where}expected {width} fields per row like the header, found a different number"
    details = [ln for ln in text.splitlines()[1:] if ln and not ln.startswith("Original Line")]
    return where + (details[0] if details else _one_line(exc))


def _one_line(exc: BaseException) -> str:
    """First line of an exception's message, for one-line errors."""
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
