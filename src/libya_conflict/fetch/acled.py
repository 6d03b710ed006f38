"""``fetch acled``: ACLED's API into a CSV in ACLED's current 31-column layout, and updates.

- ``POST {base}/oauth/token`` for a bearer token (:mod:`libya_conflict.fetch.auth`);
- ``GET {base}/api/acled/read`` with ``country``, ``event_date=START|END`` and
  ``event_date_where=BETWEEN``, ``limit`` and ``page`` (from 1), one country at a time, paged
  until a page comes back with fewer rows than asked;
- with ``update``: the file's newest ``timestamp`` T, ``GET {base}/api/deleted/read`` with
  ``deleted_timestamp=T`` and ``deleted_timestamp_where=>=``, and the events with
  ``timestamp=T`` and ``timestamp_where=>=``, merged by :mod:`libya_conflict.fetch.merge`.

The base URL is ``https://acleddata.com`` unless ``LIBYA_CONFLICT_ACLED_URL`` says otherwise.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from libya_conflict.errors import InputError
from libya_conflict.fetch.acled_api import MAX_PAGES, AcledApi, deletion_row, event_row
from libya_conflict.fetch.auth import AcledAuth, AcledCredentials, TokenCache
from libya_conflict.fetch.http import FetchError, Http, HttpPolicy, shown_url
from libya_conflict.fetch.merge import (
    ID,
    apply_update,
    combine_deletions,
    newest_timestamp,
    read_acled_file,
    read_deletions,
)
from libya_conflict.fetch.output import (
    DELETIONS_HEADER,
    FetchResult,
    Table,
    commit,
    deletions_path,
    fetch_lock,
    keeping,
    now_utc,
    read_manifest,
    slug,
)
from libya_conflict.fetch.progress import FetchProgress
from libya_conflict.reading.layouts import ACLED_CURRENT
from libya_conflict.reference.countries import Country, resolve_country
from libya_conflict.resources import data_path

DEFAULT_BASE = "https://acleddata.com"
BASE_ENV = "LIBYA_CONFLICT_ACLED_URL"
EVENTS = "/api/acled/read"
DELETED = "/api/deleted/read"
DEFAULT_PAGE_SIZE = 5000
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@cache
def _acled_names() -> dict[str, str]:
    with data_path("acled_country_names.csv").open(encoding="utf-8", newline="") as handle:
        return {row["iso3"]: row["acled_name"] for row in csv.DictReader(handle)}


def acled_name(country: Country) -> str:
    """Return the country's name as ACLED writes it (its ``country`` filter wants that name)."""
    return _acled_names().get(country.iso3, country.name)


def base_url(env: Mapping[str, str] | None = None) -> str:
    """Return ACLED's base URL (``LIBYA_CONFLICT_ACLED_URL`` or ``https://acleddata.com``)."""
    env = os.environ if env is None else env
    return (env.get(BASE_ENV, "").strip() or DEFAULT_BASE).rstrip("/")


@dataclass(frozen=True)
class AcledQuery:
    """What to fetch: countries (as ACLED names them), event dates, page size."""

    countries: tuple[str, ...]
    start: str | None = None
    end: str | None = None
    page_size: int = DEFAULT_PAGE_SIZE

    def params(self, country: str) -> dict[str, str]:
        """Return the query parameters of one country (without paging)."""
        params = {"country": country}
        if self.start and self.end:
            params |= {"event_date": f"{self.start}|{self.end}", "event_date_where": "BETWEEN"}
        elif self.start or self.end:
            params |= {"event_date": self.start or self.end,
                       "event_date_where": ">=" if self.start else "<="}
        return params

    def as_dict(self) -> dict[str, Any]:
        """Return the query for the manifest."""
        return {"country": list(self.countries), "start": self.start, "end": self.end,
                "page_size": self.page_size}


def check_date(text: str | None, name: str) -> str | None:
    """Return an ISO date unchanged, or raise a one-line error naming the option."""
    if text in (None, ""):
        return None
    try:
        if not _DATE.match(text):
            raise ValueError
        dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(None, f"{name} {text!r} is not a date; expected YYYY-MM-DD") from None
    return text


def default_out(countries: list[Country]) -> Path:
    """Return ``data/raw/acled_<country>.csv``."""
    return Path("data") / "raw" / f"acled_{'_'.join(slug(c.name) for c in countries)}.csv"


def fetch_acled(countries: list[str] | None = None, *, start: str | None = None,
                end: str | None = None, page_size: int | None = None, out: Path | None = None,
                update: bool = False, progress: bool | None = None, stream: Any = None,
                policy: HttpPolicy | None = None, env: Mapping[str, str] | None = None,
                max_pages: int = MAX_PAGES) -> FetchResult:
    """Fetch ACLED events into ``out``, or update it; see the module's docstring.

    Parameters
    ----------
    countries : list of str, optional
        Country names in any spelling (default: those of the previous fetch, else Libya).
    start, end : str, optional
        First and last event dates (ISO); default: those of the previous fetch, else all.
    page_size : int, optional
        Rows per page (default 5,000).
    out : Path, optional
        The CSV (default ``data/raw/acled_<country>.csv``).
    update : bool
        Update ``out`` from its newest timestamp (a full fetch when there is no file yet).
    progress : bool, optional
        Force the progress bar on or off (default: on a terminal).
    stream : file, optional
        Where progress goes (default: stderr).
    policy : HttpPolicy, optional
        Timeouts and retries.
    env : mapping, optional
        Environment for credentials and the base URL (default: ``os.environ``).
    max_pages : int
        Most pages of one query.

    Returns
    -------
    FetchResult

    Raises
    ------
    FetchError
        When anything fails; nothing is written then.
    InputError
        For an unknown country, or a file to update in another layout.

    """
    target = Path(out) if out else None
    previous = (read_manifest(target).get("query") or {}) if update and target else {}
    resolved = [resolve_country(c) for c in countries or previous.get("country") or ["Libya"]]
    target = target or default_out(resolved)
    if update and not previous:
        previous = read_manifest(target).get("query") or {}
    query = AcledQuery(tuple(dict.fromkeys(acled_name(c) for c in resolved)),
                       check_date(start, "--start") or previous.get("start"),
                       check_date(end, "--end") or previous.get("end"),
                       int(page_size or previous.get("page_size") or DEFAULT_PAGE_SIZE))
    if query.start and query.end and query.start > query.end:
        raise InputError(None, f"--start {query.start} is after --end {query.end}")
    if query.page_size < 1:
        raise InputError(None, f"--page-size must be at least 1, not {query.page_size}")
    asked = query.as_dict()
    if update and previous and any(asked[k] != previous.get(k) for k in ("country", "start",
                                                                          "end")):
        # An update only adds what changed since; another query needs every event again.
        update = False
        why_full = (f"the query differs from the previous fetch's ({_query_text(previous)}); "
                       "fetching everything")
    else:
        why_full = ""
    with fetch_lock(target), keeping(target):
        return _fetch(query, target, update, why_full,
                      (progress, stream, policy, env, max_pages))


def _query_text(query: dict) -> str:
    dates = f"{query.get('start') or '...'} to {query.get('end') or '...'}"
    return f"{', '.join(query.get('country') or [])}, {dates}"


def _fetch(query: AcledQuery, out: Path, update: bool, note: str,
           options: tuple) -> FetchResult:
    progress, stream, policy, env, max_pages = options
    began = time.monotonic()
    base = base_url(env)
    credentials = AcledCredentials.from_environment(env)
    label = f"ACLED {', '.join(query.countries)}"
    bar = FetchProgress(label, stream, progress)
    if note:
        bar.line(note)
    existing = read_acled_file(out) if update and out.is_file() else None
    since = newest_timestamp(existing) if existing is not None else None
    if update and since is None:
        bar.line(f"no events with a timestamp in {out}; fetching everything"
                 if existing is not None else f"{out} does not exist yet; fetching everything")
    fields: Counter = Counter()
    try:
        with Http(policy, note=bar.line) as http:
            api = AcledApi(http, base, AcledAuth(http, base, credentials, TokenCache(),
                                                 note=bar.line), bar, max_pages)
            deletions = []
            if since is not None:
                stamp = {"deleted_timestamp": since, "deleted_timestamp_where": ">="}
                deletions = [deletion_row(r, "ACLED deletions") for r in
                             api.rows(DELETED, stamp, "deletions", query.page_size, unique=False)]
            events = []
            for country in query.countries:
                params = query.params(country)
                if since is not None:
                    params |= {"timestamp": since, "timestamp_where": ">="}
                raw = api.rows(EVENTS, params, f"events of {country}", query.page_size)
                events += [event_row(r, fields) for r in raw]
    finally:
        bar.close()
    _check_unique(events)
    tables, counts = _tables(out, existing if since is not None else None, events, deletions)
    manifest = {
        "source": "acled", "label": label, "api": shown_url(base), "query": query.as_dict(),
        "mode": "update" if since is not None else "full", "since_timestamp": since,
        "fetched_at": now_utc(), "seconds": round(time.monotonic() - began, 1),
        "pages": dict(api.pages_read), "rows": counts,
        "deletions_applied": counts.get("deleted", 0),
        "newest_timestamp": newest_timestamp(tables[0].rows),
        "event_dates": _date_range(tables[0].rows), "layout": "acled-current",
        "fields_missing": {k.split(":", 1)[1]: n for k, n in fields.items()
                           if k.startswith("missing:")},
        "fields_ignored": sorted(k.split(":", 1)[1] for k in fields if k.startswith("ignored:")),
    }
    if len(tables) > 1:
        manifest["deletions_file"] = tables[1].path.name
    return FetchResult(out, commit(out, tables, manifest), [t.path for t in tables])


def _check_unique(events: list[dict[str, str]]) -> None:
    seen: set[str] = set()
    for row in events:
        if row[ID] in seen:  # two countries' queries cannot share an event
            raise FetchError(f"event {row[ID]} came twice, in the pages of two countries")
        seen.add(row[ID])


def _tables(out: Path, existing: list[dict[str, str]] | None, events: list[dict[str, str]],
            deletions: list[dict[str, str]]) -> tuple[list[Table], dict[str, int]]:
    if existing is None:
        counts = {"fetched": len(events), "written": len(events)}
        return [Table(out, ACLED_CURRENT, events)], counts
    rows, merged = apply_update(existing, events, deletions)
    every = combine_deletions(read_deletions(deletions_path(out)), deletions)
    return ([Table(out, ACLED_CURRENT, rows), Table(deletions_path(out), DELETIONS_HEADER, every)],
            merged.as_dict())


def _date_range(rows: list[dict[str, str]]) -> dict[str, str | None]:
    dates = sorted(r["event_date"] for r in rows if r.get("event_date"))
    return {"first": dates[0] if dates else None, "last": dates[-1] if dates else None}
