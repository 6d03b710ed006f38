"""Pages of ACLED's API: the bearer token on every request, and every page checked.

A page must be ``{"status":200,"success":true,"count":…,"data":[…]}`` with ``count`` (when it is
a number) equal to the rows it holds; pages are asked from 1 until one holds fewer rows than
the limit, and bounded: a server that ignores ``page``, sends rows again, or never stops, fails
with the page named. Events become rows of ACLED's current 31-column layout.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from libya_conflict.fetch.auth import AcledAuth
from libya_conflict.fetch.http import CredentialsError, FetchError, Http
from libya_conflict.fetch.merge import ID
from libya_conflict.fetch.output import date_text, text_value
from libya_conflict.fetch.progress import FetchProgress
from libya_conflict.reading.layouts import ACLED_CURRENT

MAX_PAGES = 10_000


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
