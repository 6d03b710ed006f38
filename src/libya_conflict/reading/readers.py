"""Read one export file (CSV, Excel or ACLED API JSON) into a frame of strings, one country kept.

Small or non-UTF-8 files are decoded in Python (so the encoding is known exactly) and parsed by
pandas. Large UTF-8 files — ACLED's global export is about 1.3 GB — are scanned by DuckDB, which
filters the country while reading and never holds the other countries' rows in memory.
Every path returns the same frame: standard lower-case column names, every value a string
(``""`` when empty), and ``source_row``, the 1-based record number in the file. An HXL hashtag
row under the header (HDX's files) is counted and skipped, never read as an event. A country
matches in any spelling :mod:`libya_conflict.reference.countries` knows ("Myanmar (Burma)" for
``--country Myanmar``).

"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from libya_conflict.errors import InputError, one_line
from libya_conflict.reading import scan
from libya_conflict.reading.encoding import DecodedText, decode_bytes
from libya_conflict.reading.json_pages import json_layout, read_json_events
from libya_conflict.reading.layouts import Layout, clean_header, is_hxl_row
from libya_conflict.reading.sniff import CsvHead, read_head
from libya_conflict.reference.countries import Country, resolve_country

EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
JSON_SUFFIXES = {".json", ".jsonl"}


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
    hxl_rows : int
        HXL hashtag rows skipped (not events, not counted in ``rows_read``).
    cached : bool
        True when the rows came from the cache of an earlier scan.

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
    hxl_rows: int = 0
    cached: bool = False


def as_country(country: Country | str) -> Country:
    """Return a :class:`Country` for a country or any of its names and codes."""
    return country if isinstance(country, Country) else resolve_country(country)


def read_export(path: str | Path, country: Country | str = "Libya",
                engine: str = "auto") -> FileRead:
    """Read one ACLED or UCDP export, keeping the rows of one country.

    Parameters
    ----------
    path : str or Path
        A CSV, Excel (.xlsx) or ACLED API JSON file.
    country : Country or str
        The country to keep, or any of its names and codes. Rows with an empty country are
        kept so that cleaning can quarantine them rather than lose them.
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
    country = as_country(country)
    if path.suffix.lower() in JSON_SUFFIXES:
        return _read_json(path, country)
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


def _read_csv_python(path: Path, country: Country) -> FileRead:
    decoded: DecodedText = decode_bytes(path.read_bytes(), path)
    if not decoded.text.strip():
        raise InputError(path, "file is empty; expected an ACLED or UCDP export with a header row")
    if decoded.text.lstrip()[:1] in ("{", "["):
        return _read_json(path, country, decoded)
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


def _read_json(path: Path, country: Country, decoded: DecodedText | None = None) -> FileRead:
    decoded = decoded or decode_bytes(path.read_bytes(), path)
    header, rows = read_json_events(decoded.text, path)
    header = header or list(json_layout().columns)  # an empty page (past the last one)
    names = clean_header(header)
    head = CsvHead(json_layout(), names, True, header)
    frame = pd.DataFrame(rows, columns=head.names, dtype=object)
    frame.insert(0, "source_row", range(1, len(frame) + 1))
    return _finish(path, head, frame, "json", decoded.windows_1252_bytes, country, "pandas")


def _read_excel(path: Path, country: Country) -> FileRead:
    try:
        raw = pd.read_excel(path, dtype=str, header=None, keep_default_na=False)
    except Exception as exc:  # openpyxl raises many types for a broken workbook
        raise InputError(path, f"not a readable .xlsx workbook: {one_line(exc)}") from None
    if raw.empty:
        raise InputError(path, "workbook's first sheet is empty; expected a header row")
    raw = raw.fillna("")
    first = [str(v) for v in raw.iloc[0].tolist()]
    head = read_head(_csv_line(first), path)
    if head.has_header and len(raw) > 1 and is_hxl_row([str(v) for v in raw.iloc[1]]):
        head = CsvHead(head.layout, head.header, True, head.first, hxl=True)
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


def _read_csv_duckdb(path: Path, country: Country) -> FileRead:
    result = scan.take_prefetched(path, country) or scan.scan_country(path, country)
    head = result.head
    frame = pd.DataFrame.from_records(result.records, columns=head.names).fillna("")
    frame.insert(0, "source_row", pd.array(result.positions, dtype="int64"))
    # The scan counts an HXL row as a record (kept only if its country cell matched).
    total = result.total - (1 if head.hxl else 0)
    if head.hxl:
        frame = frame[frame["source_row"].ne(1)].reset_index(drop=True)
    return _finish(path, head, frame, "utf-8", 0, country, "duckdb",
                   prefiltered_out=total - len(frame), hxl_dropped=head.hxl)


def _finish(path: Path, head: CsvHead, frame: pd.DataFrame, encoding: str, cp1252_bytes: int,
            country: Country, engine: str, prefiltered_out: int = 0,
            hxl_dropped: bool = False) -> FileRead:
    """Drop the HXL row and unnamed empty columns, rename to standard names, keep the country."""
    layout, original = head.layout, head.original
    if head.hxl and not hxl_dropped:
        frame = frame.iloc[1:].reset_index(drop=True)
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
        frame = frame[in_scope(frame["country"], country)].reset_index(drop=True)
    return FileRead(
        path=str(path), layout=layout, encoding=encoding, windows_1252_bytes=cp1252_bytes,
        has_header=head.has_header, rows_read=rows_read,
        out_of_scope=rows_read - len(frame), frame=frame, original_header=list(original),
        ignored_columns=ignored, engine=engine, column_labels=labels,
        hxl_rows=1 if head.hxl else 0,
    )


def in_scope(values: pd.Series, country: Country) -> pd.Series:
    """Tell which rows are of ``country`` (in any spelling) or have no country at all."""
    keep = {value: not str(value).strip() or country.matches(str(value))
            for value in values.unique()}
    return values.map(keep).astype(bool)
