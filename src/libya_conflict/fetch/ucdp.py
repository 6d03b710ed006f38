"""``fetch ucdp``: UCDP's GED API into a CSV in the GED layout ``clean`` reads.

``GET {base}/api/gedevents/<version>?pagesize=1000&page=0&Country=<Gleditsch-Ward code>`` with
the header ``x-ucdp-access-token`` (``UCDP_ACCESS_TOKEN``); ``NextPageUrl`` is followed until it
is empty, and the rows are checked against ``TotalCount``. A release's columns decide the file's
layout: GED 20.1 and later have 49 (``UCDP_GED_49``), GED 19.1 has 42 (``UCDP_GED_42``). The base
URL is ``https://ucdpapi.pcr.uu.se`` unless ``LIBYA_CONFLICT_UCDP_URL`` says otherwise. Without a
token, :mod:`libya_conflict.fetch.download` reads a release's CSV zip instead.
"""

from __future__ import annotations

import os
import re
import time
import urllib.parse
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from libya_conflict.errors import InputError
from libya_conflict.fetch.auth import credential, credentials_path
from libya_conflict.fetch.http import CredentialsError, FetchError, Http, HttpPolicy, shown_url
from libya_conflict.fetch.output import (
    FetchResult,
    Table,
    commit,
    date_text,
    fetch_lock,
    keeping,
    now_utc,
    slug,
    text_value,
)
from libya_conflict.fetch.progress import FetchProgress
from libya_conflict.reading.layouts import UCDP_GED_42, UCDP_GED_49
from libya_conflict.reference.countries import Country, resolve_country

DEFAULT_BASE = "https://ucdpapi.pcr.uu.se"
BASE_ENV = "LIBYA_CONFLICT_UCDP_URL"
DEFAULT_VERSION = "25.1"
PAGE_SIZE = 1000
MAX_PAGES = 2_000
TOKEN_HEADER = "x-ucdp-access-token"
_VERSION = re.compile(r"^\d{1,2}\.\d{1,2}(\.\d{1,2})?$")
LAYOUTS = (("ucdp-ged", UCDP_GED_49), ("ucdp-ged-19.1", UCDP_GED_42))
NO_TOKEN = ("UCDP's API needs an access token: set UCDP_ACCESS_TOKEN in the environment or in "
            "{path} (ask UCDP for one: https://ucdp.uu.se/apidocs/), or fetch a release's CSV "
            "zip without one: libya-conflict fetch ucdp --download URL (the links of "
            "https://ucdp.uu.se/downloads/)")


def base_url(env: Mapping[str, str] | None = None) -> str:
    """Return UCDP's base URL (``LIBYA_CONFLICT_UCDP_URL`` or ``https://ucdpapi.pcr.uu.se``)."""
    env = os.environ if env is None else env
    return (env.get(BASE_ENV, "").strip() or DEFAULT_BASE).rstrip("/")


def check_version(version: str) -> str:
    """Return a GED version (``25.1``, or a candidate such as ``26.0.8``), or raise."""
    version = str(version).strip()
    if not _VERSION.match(version):
        raise InputError(None, f"--version {version!r} is not a GED version; expected e.g. "
                         "25.1 (a yearly release) or 26.0.8 (a monthly candidate)")
    return version


def gw_code(country: Country) -> int:
    """Return the Gleditsch-Ward code UCDP's ``Country`` filter wants, or raise."""
    if country.gw_code is None:
        raise InputError(None, f"{country.name} has no Gleditsch-Ward code, so UCDP does not "
                         "code it as a country")
    return country.gw_code


def default_out(country: Country) -> Path:
    """Return ``data/raw/ucdp_<country>.csv``."""
    return Path("data") / "raw" / f"ucdp_{slug(country.name)}.csv"


def next_url(base: str, link: str) -> str:
    """Return the URL of the next page, on the configured server.

    UCDP's ``NextPageUrl`` names UCDP's own host. Behind a mirror, a proxy or a stand-in
    (``LIBYA_CONFLICT_UCDP_URL``), a link to another host is moved onto the configured one:
    the token is never sent to a host it was not configured for.
    """
    target = urllib.parse.urlsplit(urllib.parse.urljoin(base + "/", link))
    home = urllib.parse.urlsplit(base)
    if (target.scheme, target.netloc) == (home.scheme, home.netloc):
        return target.geturl()
    prefix = home.path.rstrip("/")
    return urllib.parse.urlunsplit((home.scheme, home.netloc, prefix + target.path,
                                    target.query, ""))


def layout_of(row: dict, what: str) -> tuple[str, tuple[str, ...]]:
    """Return the layout (name, columns) of a GED event from its fields, or raise."""
    keys = set(row)
    for name, columns in LAYOUTS:
        if set(columns) <= keys:
            return name, columns
    missing = sorted(set(UCDP_GED_42) - keys) or sorted(set(UCDP_GED_49) - keys)
    raise FetchError(f"{what}: the events lack GED's columns {', '.join(missing[:10])}; "
                     "expected the fields of a GED release")


def event_row(raw: dict, columns: tuple[str, ...], what: str) -> dict[str, str]:
    """One API event as a row of the GED CSV layout."""
    missing = [c for c in columns if c not in raw]
    if missing:
        raise FetchError(f"{what}: event {text_value(raw.get('id'))} lacks "
                         f"{', '.join(missing[:10])}")
    row = {name: text_value(raw.get(name)) for name in columns}
    for name in ("date_start", "date_end"):
        row[name] = date_text(row[name])
    return row


def _page(body: Any, what: str) -> tuple[list[dict], str, int | None, int | None]:
    if not isinstance(body, dict) or not isinstance(body.get("Result"), list):
        shape = type(body).__name__ if not isinstance(body, dict) else ", ".join(list(body)[:8])
        raise FetchError(f"{what}: the response is not the JSON expected ({{\"TotalCount\", "
                         f"\"TotalPages\", \"NextPageUrl\", \"Result\"}}; got {shape})")
    result = body["Result"]
    if not all(isinstance(row, dict) for row in result):
        raise FetchError(f"{what}: the Result is not a list of events")
    total, pages = body.get("TotalCount"), body.get("TotalPages")
    total = total if isinstance(total, int) and not isinstance(total, bool) else None
    pages = pages if isinstance(pages, int) and not isinstance(pages, bool) else None
    return result, str(body.get("NextPageUrl") or "").strip(), total, pages


class UcdpPager:
    """The pages of one GED query, followed through ``NextPageUrl`` and bounded."""

    def __init__(self, http: Http, base: str, token: str, progress: FetchProgress,
                 max_pages: int = MAX_PAGES) -> None:
        self.http, self.base, self.token = http, base, token
        self.progress, self.max_pages = progress, max_pages
        self.pages = 0
        self.total: int | None = None

    def get(self, url: str, params: dict | None, what: str) -> Any:
        """GET one page with the token header."""
        reply = self.http.request("GET", url, params=params, what=what,
                                  headers={TOKEN_HEADER: self.token})
        if reply.status in (401, 403):
            raise CredentialsError(f"{what}: UCDP refused the access token (HTTP {reply.status})"
                                   "; check UCDP_ACCESS_TOKEN")
        if reply.status == 404:
            raise FetchError(f"{what}: UCDP has no such GED version or page (HTTP 404)")
        if reply.status != 200:
            raise FetchError(f"{what}: HTTP {reply.status} {' '.join(reply.text.split())[:120]}")
        return reply.body

    def rows(self, version: str, code: int) -> list[dict]:
        """Every event of a version and country, with the number of pages checked."""
        url: str = f"{self.base}/api/gedevents/{version}"
        params: dict | None = {"pagesize": PAGE_SIZE, "page": 0, "Country": code}
        rows: list[dict] = []
        links: set[str] = set()
        limit, announced = self.max_pages, False
        while url:
            what = f"UCDP GED {version}, page {self.pages}"
            if self.pages >= limit:
                raise FetchError(f"{what}: more pages than the {limit:,} "
                                 f"{'announced (TotalPages)' if announced else 'allowed'}; the "
                                 "server does not stop paging")
            result, link, total, pages = _page(self.get(url, params, what), what)
            if self.pages == 0:
                self.total = total
                if pages is not None:
                    # One page of slack: an empty last page is harmless, the count is checked.
                    limit, announced = min(self.max_pages, pages + 1), True
            rows += result
            self.pages += 1
            self.progress.page("events", self.pages, len(result), pages)
            if link in links:
                raise FetchError(f"{what}: NextPageUrl points back to a page already read")
            links.add(link)
            url, params = (next_url(self.base, link) if link else ""), None
        return rows


def fetch_ucdp(country: str = "Libya", *, version: str = DEFAULT_VERSION,
               out: Path | None = None, download: str | None = None,
               progress: bool | None = None, stream: Any = None,
               policy: HttpPolicy | None = None, env: Mapping[str, str] | None = None,
               max_pages: int = MAX_PAGES) -> FetchResult:
    """Fetch one country's GED events into ``out``; see the module's docstring.

    Parameters
    ----------
    country : str
        Country in any spelling; UCDP is asked by its Gleditsch-Ward code (620 for Libya).
    version : str
        GED version (``25.1``) or candidate (``26.0.8``).
    out : Path, optional
        The CSV (default ``data/raw/ucdp_<country>.csv``).
    download : str, optional
        URL of a release's CSV zip, read instead of the API (no token needed).
    progress, stream, policy, env, max_pages
        As for :func:`libya_conflict.fetch.acled.fetch_acled`.

    Returns
    -------
    FetchResult

    Raises
    ------
    FetchError
        When anything fails (nothing is written then); :class:`CredentialsError` without a
        token, saying how to get one.

    """
    resolved = resolve_country(country)
    code = gw_code(resolved)
    target = Path(out) if out else default_out(resolved)
    if download:
        from libya_conflict.fetch.download import fetch_release

        with fetch_lock(target), keeping(target):
            return fetch_release(download, resolved, target, progress=progress, stream=stream,
                                 policy=policy)
    version = check_version(version)
    token = credential("UCDP_ACCESS_TOKEN", env)
    if not token:
        raise CredentialsError(NO_TOKEN.format(path=credentials_path()))
    with fetch_lock(target), keeping(target):
        return _fetch(resolved, code, version, target, token,
                      (progress, stream, policy, env, max_pages))


def _fetch(country: Country, code: int, version: str, out: Path, token: str,
           options: tuple) -> FetchResult:
    progress, stream, policy, env, max_pages = options
    began = time.monotonic()
    base = base_url(env)
    label = f"UCDP GED {version} {country.name}"
    bar = FetchProgress(label, stream, progress)
    try:
        with Http(policy, note=bar.line) as http:
            pager = UcdpPager(http, base, token, bar, max_pages)
            raw = pager.rows(version, code)
    finally:
        bar.close()
    what = f"UCDP GED {version}"
    if pager.total is not None and pager.total != len(raw):
        raise FetchError(f"{what}: {len(raw):,} events arrived in {pager.pages} pages but "
                         f"TotalCount says {pager.total:,}")
    name, columns = layout_of(raw[0], f"{what}, page 0") if raw else LAYOUTS[0]
    rows = [event_row(r, columns, what) for r in raw]
    ids = [r["id"] for r in rows]
    if len(set(ids)) != len(ids):
        twice = next(i for i in ids if ids.count(i) > 1)
        raise FetchError(f"{what}: event {twice} came twice; the data changed while paging, "
                         "fetch again")
    dates = sorted(r["date_start"][:10] for r in rows if r["date_start"])
    manifest = {
        "source": "ucdp", "label": label, "api": shown_url(base), "version": version,
        "query": {"country": country.name, "Country": code, "version": version,
                  "pagesize": PAGE_SIZE},
        "mode": "full", "fetched_at": now_utc(), "seconds": round(time.monotonic() - began, 1),
        "pages": {"events": pager.pages}, "total_count": pager.total,
        "rows": {"fetched": len(rows), "written": len(rows)}, "layout": name,
        "event_dates": {"first": dates[0] if dates else None,
                        "last": dates[-1] if dates else None},
        "fields_ignored": sorted(set(raw[0]) - set(columns)) if raw else [],
    }
    return FetchResult(out, commit(out, [Table(out, columns, rows)], manifest), [out])
