"""``fetch ucdp --download URL``: a GED release's CSV (zipped or not), without a token.

UCDP publishes each release as a CSV zip (the links of https://ucdp.uu.se/downloads/). The file
is downloaded to a temporary file, its CSV read as a stream, and the rows of one country kept
(by ``country_id``, the Gleditsch-Ward code), with the release's own header, or none where a
candidate release has none: ``clean`` reads the result like the release itself. Rows of other
countries are counted in the manifest.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import io
import tempfile
import time
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import libya_conflict.fetch.http as fetch_http
from libya_conflict.errors import InputError
from libya_conflict.fetch.http import FetchError, Http, HttpPolicy, shown_url
from libya_conflict.fetch.output import FetchResult, Table, commit, now_utc
from libya_conflict.fetch.progress import FetchProgress
from libya_conflict.reading.layouts import clean_header, detect_headerless, detect_layout
from libya_conflict.reference.countries import Country

# A global GED release is about 400,000 events; its zip some 100 MB.
MAX_DOWNLOAD = 2 * 1024 ** 3


def fetch_release(url: str, country: Country, out: Path, *, progress: bool | None = None,
                  stream: Any = None, policy: HttpPolicy | None = None) -> FetchResult:
    """Download a GED release and keep one country's events in ``out``.

    Raises
    ------
    FetchError
        When the download fails or holds no GED CSV; nothing is written then.

    """
    if not url.lower().startswith(("http://", "https://")):
        raise InputError(None, f"--download {url!r} is not an http(s) URL; expected the link of "
                         "a release's CSV zip (https://ucdp.uu.se/downloads/)")
    began = time.monotonic()
    label = f"UCDP download {country.name}"
    bar = FetchProgress(label, stream, progress)
    policy = policy or dataclasses.replace(fetch_http.DEFAULT_POLICY, max_bytes=MAX_DOWNLOAD)
    what = f"UCDP release {shown_url(url)}"
    with tempfile.TemporaryFile() as sink:
        try:
            with Http(policy, note=bar.line) as http:
                reply = http.request("GET", url, what=what, follow_redirects=True, sink=sink,
                                     headers={"Accept": "*/*"})
            if reply.status != 200:
                raise FetchError(f"{what}: HTTP {reply.status}")
            bar.line(f"downloaded {sink.tell():,} bytes")
            try:
                member, kept, counts = _keep_country(sink, country, what)
            except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
                raise FetchError(f"{what}: the zip is damaged ({exc})") from None
        finally:
            bar.close()
    name, header, rows, has_header = kept
    manifest = {
        "source": "ucdp-download", "label": label, "url": shown_url(url), "member": member,
        "query": {"country": country.name, "country_id": country.gw_code},
        "mode": "full", "fetched_at": now_utc(), "seconds": round(time.monotonic() - began, 1),
        "rows": counts, "layout": name, "header": has_header,
    }
    table = Table(out, header, rows, write_header=has_header)
    return FetchResult(out, commit(out, [table], manifest), [out])


def _keep_country(sink: IO[bytes], country: Country, what: str) -> tuple[str, tuple, dict]:
    """Read the release's CSV; return its name, (layout, header, rows, header?), counts."""
    with _open_csv(sink, what) as (member, text):
        reader = csv.reader(text)
        try:
            first = next(reader)
        except StopIteration:
            raise FetchError(f"{what}: {member} is empty") from None
        except (UnicodeDecodeError, csv.Error) as exc:
            raise FetchError(f"{what}: {member} is not UTF-8 CSV ({exc})") from None
        headerless = detect_headerless(first)
        if headerless is not None:
            layout, header, pending = headerless, list(headerless.columns), [first]
        else:
            header = first
            try:
                layout = detect_layout(clean_header(first), member)
            except InputError as exc:
                raise FetchError(f"{what}: {exc.message}") from None
            pending = []
        if layout.dataset != "ucdp":
            raise FetchError(f"{what}: {member} is an {layout.dataset} file, not UCDP GED")
        where = clean_header(header).index("country_id")
        rows, counts = [], {"read": 0, "kept": 0, "other_countries": 0}
        try:
            for record in _chain(pending, reader):
                counts["read"] += 1
                code = record[where].strip().removesuffix(".0") if len(record) > where else ""
                if code == str(country.gw_code):
                    rows.append(dict(zip(header, record, strict=False)))
                    counts["kept"] += 1
                else:
                    counts["other_countries"] += 1
        except (UnicodeDecodeError, csv.Error) as exc:
            raise FetchError(f"{what}: {member} record {counts['read'] + 1} cannot be read "
                             f"({exc})") from None
    counts["written"] = counts["kept"]
    return member, (layout.name, header, rows, headerless is None), counts


def _chain(first: list[list[str]], reader: Iterator[list[str]]) -> Iterator[list[str]]:
    yield from first
    yield from reader


@contextlib.contextmanager
def _open_csv(sink: IO[bytes], what: str) -> Iterator[tuple[str, IO[str]]]:
    """Open the CSV of a zip (its largest ``.csv`` member) or a bare CSV, as text."""
    sink.seek(0)
    if not zipfile.is_zipfile(sink):
        sink.seek(0)
        yield "the downloaded file", io.TextIOWrapper(sink, encoding="utf-8-sig", newline="")
        return
    sink.seek(0)
    with zipfile.ZipFile(sink) as archive:
        members = [m for m in archive.infolist()
                   if m.filename.lower().endswith(".csv") and not m.is_dir()]
        if not members:
            raise FetchError(f"{what}: the zip holds no .csv file "
                             f"({', '.join(archive.namelist()[:5]) or 'nothing'})")
        member = max(members, key=lambda m: m.file_size)
        with archive.open(member) as raw:
            yield member.filename, io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
