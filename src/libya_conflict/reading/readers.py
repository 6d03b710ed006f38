"""Read one export file (CSV or Excel) into a frame of strings, keeping only one country.

Small or non-UTF-8 files are decoded in Python (so the encoding is known exactly) and parsed by
pandas. Large UTF-8 files — ACLED's global export is about 1.3 GB — are scanned by DuckDB, which
filters the country while reading and never holds the other countries' rows in memory.
Both paths return the same frame: standard lower-case column names, every value a string
(``""`` when empty), and ``source_row``, the 1-based record number in the file.

"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from libya_conflict.errors import InputError, one_line
from libya_conflict.reading import scan
from libya_conflict.reading.encoding import DecodedText, decode_bytes
from libya_conflict.reading.layouts import Layout
from libya_conflict.reading.sniff import CsvHead, read_head

EXCEL_SUFFIXES = {".xlsx", ".xlsm"}


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
    if scan.wants_duckdb(path, engine):
        try:
            return _read_csv_duckdb(path, country)
        except scan.NotUtf8Error:
            pass  # a stray Windows-1252 byte past the sniffed head: decode in Python instead
    return _read_csv_python(path, country)


def _read_csv_python(path: Path, country: str) -> FileRead:
    decoded: DecodedText = decode_bytes(path.read_bytes(), path)
    if not decoded.text.strip():
        raise InputError(path, "file is empty; expected an ACLED or UCDP export with a header row")
    head = read_head(decoded.text, path)
    try:
        frame = pd.read_csv(
            io.StringIO(decoded.text), dtype=str, keep_default_na=False, na_filter=False,
            header=0 if head.has_header else None, names=head.names, engine="c",
        )
    except (pd.errors.ParserError, ValueError) as exc:
        raise InputError(path, f"not a valid CSV: {one_line(exc)}") from None
    frame = frame.fillna("")
    frame.insert(0, "source_row", range(1, len(frame) + 1))
    return _finish(path, head, frame, decoded.encoding, decoded.windows_1252_bytes, country,
                   "pandas")


def _read_excel(path: Path, country: str) -> FileRead:
    try:
        raw = pd.read_excel(path, dtype=str, header=None, keep_default_na=False)
    except Exception as exc:  # openpyxl raises many types for a broken workbook
        raise InputError(path, f"not a readable .xlsx workbook: {one_line(exc)}") from None
    if raw.empty:
        raise InputError(path, "workbook's first sheet is empty; expected a header row")
    raw = raw.fillna("")
    first = [str(v) for v in raw.iloc[0].tolist()]
    head = read_head(_csv_line(first), path)
    frame = raw.iloc[1:] if head.has_header else raw
    frame = frame.set_axis(head.names, axis=1).reset_index(drop=True)
    frame = frame.map(_excel_text)
    frame.insert(0, "source_row", range(1, len(frame) + 1))
    return _finish(path, head, frame, "xlsx", 0, country, "pandas")


def _csv_line(values: list[str]) -> str:
    """Render one row as a CSV line (so a sheet's first row is sniffed like a file's)."""
    import csv

    buf = io.StringIO()
    csv.writer(buf).writerow(values)
    return buf.getvalue()


def _excel_text(value: object) -> str:
    """Excel numbers arrive as '1.0'; dates as '2020-05-18 00:00:00'. Keep them as text."""
    text = "" if value is None else str(value)
    return text[:-2] if text.endswith(".0") and text[:-2].lstrip("-").isdigit() else text


def _read_csv_duckdb(path: Path, country: str) -> FileRead:
    result = scan.take_prefetched(path, country) or scan.scan_country(path, country)
    head = result.head
    frame = pd.DataFrame.from_records(result.records, columns=head.names).fillna("")
    frame.insert(0, "source_row", pd.array(result.positions, dtype="int64"))
    return _finish(path, head, frame, "utf-8", 0, country, "duckdb",
                   prefiltered_out=result.total - len(frame))


def _finish(path: Path, head: CsvHead, frame: pd.DataFrame, encoding: str, cp1252_bytes: int,
            country: str, engine: str, prefiltered_out: int = 0) -> FileRead:
    """Drop unnamed empty columns, rename to standard names, and filter the country."""
    layout, original = head.layout, head.original
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
        has_header=head.has_header, rows_read=rows_read,
        out_of_scope=rows_read - len(frame), frame=frame, original_header=list(original),
        ignored_columns=ignored, engine=engine, column_labels=labels,
    )
