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
from libya_conflict.fetch.auth import AcledAuth, AcledCredentials, TokenCache
from libya_conflict.fetch.http import CredentialsError, FetchError, Http, HttpPolicy, shown_url
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
    date_text,
    deletions_path,
    fetch_lock,
    keeping,
    now_utc,
    read_manifest,
    slug,
    text_value,
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
MAX_PAGES = 10_000
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


class AcledApi:
    """Pages of ACLED's API with a bearer token, renewed on a 401."""

    def __init__(self, http: Http, base: str, auth: AcledAuth, progress: FetchProgress,
                 max_pages: int = MAX_PAGES) -> None:
        self.http, self.base, self.auth = http, base, auth
        self.progress, self.max_pages = progress, max_pages
        self.pages_read: Counter[str] = Counter()

    def get(self, path: str, params: dict, what: str) -> Any:
        """GET one page with the bearer token; after a 401, refresh, then log in again."""
        for refusals in range(3):
            reply = self.http.request("GET", self.base + path, params=params, what=what,
                                      headers=self.auth.headers())
            if reply.status != 401 or refusals == 2:
                break
            self.progress.line(f"{what}: the token was refused (HTTP 401); renewing it")
            self.auth.renew(refused_twice=refusals == 1)
        if reply.status in (401, 403):
            raise CredentialsError(f"{what}: ACLED refused access for "
                                   f"{self.auth.credentials.email} (HTTP {reply.status}) "
                                   f"{_message(reply.body, reply.text)}; check that the account "
                                   "may use the API")
        if reply.status != 200:
            raise FetchError(f"{what}: HTTP {reply.status} {_message(reply.body, reply.text)}")
        return reply.body

    def rows(self, path: str, params: dict, kind: str, limit: int,
             unique: bool = True) -> list[dict]:
        """Every row of a paged query: pages from 1 until one holds fewer than ``limit``.

        A page made only of rows already seen means the server ignores ``page``; with
        ``unique``, a page sharing some rows with earlier ones means the data changed while
        paging (rows may then be missing too): both fail, with the page named.
        """
        rows: list[dict] = []
        seen: dict[str, int] = {}
        for page in range(1, self.max_pages + 2):
            what = f"ACLED {kind}, page {page}"
            if page > self.max_pages:
                raise FetchError(f"{what}: more than {self.max_pages:,} pages of {limit:,} rows; "
                                 "the server does not stop paging")
            data = _page_rows(self.get(path, params | {"limit": limit, "page": page}, what), what)
            ids = [_event_id(row, number, what) for number, row in enumerate(data, start=1)]
            again = [i for i in ids if i in seen]
            if data and len(again) == len(data):
                raise FetchError(f"{what}: the page repeats rows of earlier pages; the server "
                                 "does not page as asked")
            if again and unique:
                raise FetchError(f"{what}: event {again[0]} came on page {seen[again[0]]} "
                                 "already; the data changed while paging, fetch again")
            seen |= {i: page for i in ids if i not in seen}
            rows += data
            self.pages_read[kind] += 1
            self.progress.page(kind, page, len(data))
            if len(data) < limit:
                return rows
        raise AssertionError("unreachable")  # pragma: no cover


def _event_id(row: dict, number: int, what: str) -> str:
    event_id = text_value(row.get(ID)).strip()
    if not event_id:
        raise FetchError(f"{what}: row {number} has no {ID}")
    return event_id


def _message(body: Any, text: str) -> str:
    if isinstance(body, dict):
        for name in ("message", "error_description", "error", "messages"):
            value = body.get(name)
            if value:
                return f"({' '.join(str(value).split())[:200]})"
    return f"({' '.join(text.split())[:120]})" if text.strip() else ""


def _page_rows(body: Any, what: str) -> list[dict]:
    """Return the ``data`` of a page, after checking that the page is what ACLED sends."""
    if not isinstance(body, dict) or not isinstance(body.get("data"), list):
        shape = type(body).__name__ if not isinstance(body, dict) else ", ".join(list(body)[:8])
        raise FetchError(f"{what}: the response is not the JSON expected "
                         f"({{\"status\":200,\"success\":true,\"data\":[...]}}; got {shape})")
    if body.get("success") is False or body.get("status") not in (None, 200, "200"):
        raise FetchError(f"{what}: ACLED answered status {body.get('status')} "
                         f"{_message(body, '')}")
    data = body["data"]
    if not all(isinstance(row, dict) for row in data):
        raise FetchError(f"{what}: the data are not a list of events")
    count = body.get("count")
    if isinstance(count, int) and not isinstance(count, bool) and count != len(data):
        raise FetchError(f"{what}: the page says count {count} but holds {len(data)} rows")
    return data


def event_row(raw: dict, fields: Counter) -> dict[str, str]:
    """One API event as a row of the 31-column layout; counts fields missing or extra."""
    for name in raw.keys() - set(ACLED_CURRENT):
        fields[f"ignored:{name}"] += 1
    row = {}
    for name in ACLED_CURRENT:
        if name not in raw:
            fields[f"missing:{name}"] += 1  # written empty: not coded, never zero
        row[name] = text_value(raw.get(name))
    row["event_date"] = date_text(row["event_date"])
    return row


def deletion_row(raw: dict, what: str) -> dict[str, str]:
    """One deletion, its timestamp as Unix seconds (as ``clean --deletions`` expects)."""
    stamp = text_value(raw.get("deleted_timestamp")).strip().removesuffix(".0")
    if not stamp.isdigit():
        raise FetchError(f"{what}: deletion of {text_value(raw.get(ID))} has deleted_timestamp "
                         f"{stamp!r}; expected Unix seconds")
    return {ID: text_value(raw.get(ID)).strip(), "deleted_timestamp": stamp}


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
    resolved = [resolve_country(c) for c in countries] if countries else None
    target = Path(out) if out else None
    previous = read_manifest(target).get("query", {}) if (update and target) else {}
    if resolved is None:
        names = previous.get("country") or ["Libya"]
        resolved = [resolve_country(c) for c in names]
    target = target or default_out(resolved)
    if update and not previous:
        previous = read_manifest(target).get("query", {})
    query = AcledQuery(tuple(dict.fromkeys(acled_name(c) for c in resolved)),
                       check_date(start, "--start") or previous.get("start"),
                       check_date(end, "--end") or previous.get("end"),
                       int(page_size or previous.get("page_size") or DEFAULT_PAGE_SIZE))
    if query.start and query.end and query.start > query.end:
        raise InputError(None, f"--start {query.start} is after --end {query.end}")
    if query.page_size < 1:
        raise InputError(None, f"--page-size must be at least 1, not {query.page_size}")
    with fetch_lock(target), keeping(target):
        return _fetch(query, target, update, progress, stream, policy, env, max_pages)


def _fetch(query: AcledQuery, out: Path, update: bool, progress: bool | None, stream: Any,
           policy: HttpPolicy | None, env: Mapping[str, str] | None,
           max_pages: int) -> FetchResult:
    began = time.monotonic()
    base = base_url(env)
    credentials = AcledCredentials.from_environment(env)
    label = f"ACLED {', '.join(query.countries)}"
    bar = FetchProgress(label, stream, progress)
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
