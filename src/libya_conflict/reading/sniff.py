"""The first record of a CSV file: header or not, and which layout (no pandas needed)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from libya_conflict.errors import InputError
from libya_conflict.reading.layouts import (
    Layout,
    clean_header,
    detect_headerless,
    detect_layout,
    is_hxl_row,
)

HEAD_BYTES = 256 * 1024


@dataclass(frozen=True)
class CsvHead:
    """What the first record of a CSV file says.

    Attributes
    ----------
    layout : Layout
        The detected layout.
    header : list of str
        Cleaned column names (the layout's own names for a header-less file).
    has_header : bool
        False for a UCDP file recognised without a header row.
    first : list of str
        The first record as written (the header, or the first data row).
    hxl : bool
        True when the record after the header is an HXL hashtag row (HDX's files), which is
        not an event.

    """

    layout: Layout
    header: list[str]
    has_header: bool
    first: list[str]
    hxl: bool = False

    @property
    def names(self) -> list[str]:
        """Return unique column names for the reader."""
        return unique_names(self.header)

    @property
    def original(self) -> list[str]:
        """Return the column names as written in the file."""
        return self.first if self.has_header else self.header


def first_records(text: str, path: Path) -> tuple[list[str], list[str]]:
    """Parse the first two CSV records of a text (the second is [] when there is none)."""
    reader = csv.reader(io.StringIO(text))
    try:
        first = next(reader)
    except StopIteration:
        raise InputError(path, "file has no rows; expected a header row") from None
    except csv.Error as exc:
        raise InputError(path, f"first row is not valid CSV ({exc})") from None
    try:
        second = next(reader)
    except (StopIteration, csv.Error):
        second = []  # an error there is the reader's to report, with its line
    return first, second


def read_head(text: str, path: Path) -> CsvHead:
    """Find the layout from the first record of a text: a header, or a header-less UCDP row."""
    first, second = first_records(text, path)
    header = clean_header(first)
    try:
        return CsvHead(detect_layout(header, str(path)), header, True, first,
                       hxl=is_hxl_row(second))
    except InputError as exc:
        layout = detect_headerless(first)
        if layout is None:
            raise exc from None
        if len(first) != len(layout.columns):
            raise InputError(path, f"expected {len(layout.columns)} fields per row, "
                             f"saw {len(first)}") from None
        return CsvHead(layout, list(layout.columns), False, first)


def sniff_file(path: Path) -> CsvHead:
    """Read the head of a UTF-8 CSV file and detect its layout."""
    with open(path, "rb") as fh:
        head = fh.read(HEAD_BYTES)
    return read_head(head.decode("utf-8-sig", errors="ignore"), path)


def unique_names(names: list[str]) -> list[str]:
    """Make column names unique (a file may repeat a name)."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        count = seen.get(name, 0)
        out.append(name if count == 0 else f"{name}_{count}")
        seen[name] = count + 1
    return out
