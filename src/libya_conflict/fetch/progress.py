"""Progress of a fetch: a bar of pages and rows on a terminal (tqdm), plain lines under cron."""

from __future__ import annotations

import sys
from typing import Any

from libya_conflict.fetch.http import redact


class FetchProgress:
    """Report pages as they arrive, and notes (retries, renewed tokens) as lines.

    Parameters
    ----------
    label : str
        What is fetched, at the start of every line (``"ACLED Libya"``).
    stream : file, optional
        Where lines go (default: stderr).
    bar : bool, optional
        Force the bar on or off (default: on a terminal only).

    """

    def __init__(self, label: str, stream: Any = None, bar: bool | None = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.use_bar = _isatty(self.stream) if bar is None else bar
        self.bar = None
        self.rows = 0

    def page(self, kind: str, number: int, rows: int, pages: int | None = None) -> None:
        """Report page ``number`` (1-based) of ``kind`` with ``rows`` rows."""
        self.rows += rows
        of = f" of {pages}" if pages else ""
        if not self.use_bar:
            plural = "s" if rows != 1 else ""
            self.line(f"{kind} page {number}{of}: {rows:,} row{plural} ({self.rows:,} in all)")
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=pages, unit="page", file=self.stream, dynamic_ncols=True,
                            desc=redact(self.label))
        if pages and self.bar.total != pages:
            self.bar.total = pages
        self.bar.set_postfix_str(f"{kind}, {self.rows:,} rows", refresh=False)
        self.bar.update(1)

    def line(self, text: str) -> None:
        """Write one line (above the bar when there is one)."""
        text = redact(f"{self.label}: {text}")
        if self.bar is not None:
            self.bar.write(text, file=self.stream)
        else:
            print(text, file=self.stream, flush=True)

    def close(self) -> None:
        """Finish the bar."""
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False
