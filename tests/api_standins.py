"""Stand-ins of ACLED's and UCDP's APIs on a local HTTP server (pytest-httpserver), for tests.

They speak the shapes of the real APIs (``{"status":200,"success":true,"count":…,"data":[…]}``
for ACLED, ``{"TotalCount","TotalPages","PreviousPageUrl","NextPageUrl","Result"}`` for UCDP)
and serve real rows read at test time from ``../shared/data/real`` (never copied into the
repository). Faults are queued per path: a 429 with ``Retry-After``, a 500, a body cut short, a
page that never ends, an expired token.
"""

from __future__ import annotations

import csv
import json
import logging
import re
import secrets
import time
import urllib.parse
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no access log in the test output
ACLED_INTS = ("year", "iso", "geo_precision", "fatalities", "timestamp")
UCDP_FLOATS = ("latitude", "longitude")


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a real CSV export, as text."""
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def json_response(body: object, status: int = 200, headers: dict | None = None) -> Response:
    return Response(json.dumps(body), status=status, headers=headers or {},
                    content_type="application/json")


# --- faults ----------------------------------------------------------------------------------


def busy(body: bytes = b"", retry_after: int = 1) -> Response:
    """429 Too Many Requests with ``Retry-After`` seconds."""
    return json_response({"message": "Too many requests"}, 429,
                         {"Retry-After": str(retry_after)})


def server_error(body: bytes = b"") -> Response:
    return Response("<html>Internal Server Error</html>", status=500, content_type="text/html")


def cut_short(body: bytes) -> Response:
    """A response whose connection closes before the bytes its Content-Length announces."""
    return Response([body[: len(body) // 2]], status=200, direct_passthrough=True,
                    headers={"Content-Length": str(len(body)), "Connection": "close",
                             "Content-Type": "application/json"})


def truncated_json(body: bytes) -> Response:
    """A complete HTTP response whose JSON text stops in the middle."""
    return Response(body[: len(body) // 2], status=200, content_type="application/json")


def never_ending(body: bytes = b"", seconds: float = 20.0) -> Response:
    """A 200 whose body trickles a byte at a time and would not end for ``seconds``."""
    def trickle() -> Iterator[bytes]:
        yield b'{"status":200,"success":true,"data":['
        ends = time.monotonic() + seconds
        while time.monotonic() < ends:
            time.sleep(0.05)
            yield b" "
    return Response(trickle(), status=200, content_type="application/json")


class StandIn:
    """A stand-in API on its own local server, with faults queued per path."""

    def __init__(self) -> None:
        self.server = HTTPServer(threaded=True)
        self.server.expect_request(re.compile(".*")).respond_with_handler(self._handle)
        self.faults: dict[str, deque[Callable[[bytes], Response]]] = defaultdict(deque)
        self.log: list[dict] = []

    def start(self) -> StandIn:
        self.server.start()
        return self

    def stop(self) -> None:
        self.server.clear()
        if self.server.is_running():
            self.server.stop()

    @property
    def url(self) -> str:
        return self.server.url_for("").rstrip("/")

    def fail(self, path: str, *faults: Callable[[bytes], Response]) -> None:
        """Answer the next requests of ``path`` with these faults, in order (each gets the
        body the request would have had)."""
        self.faults[path].extend(faults)

    def requests(self, path: str) -> list[dict]:
        return [r for r in self.log if r["path"] == path]

    def _handle(self, request: Request) -> Response:
        entry = {"path": request.path, "method": request.method, "args": dict(request.args),
                 "form": dict(request.form), "headers": dict(request.headers)}
        self.log.append(entry)
        response = self.respond(request)
        if self.faults[request.path]:
            fault = self.faults[request.path].popleft()
            entry["fault"] = getattr(fault, "__name__", "fault")
            return fault(response.get_data())
        return response

    def respond(self, request: Request) -> Response:  # pragma: no cover - overridden
        raise NotImplementedError


class AcledStandIn(StandIn):
    """ACLED's API: OAuth token endpoint, events and deletions, paged from 1."""

    def __init__(self, rows: list[dict[str, str]], email: str, password: str) -> None:
        super().__init__()
        self.events = {r["event_id_cnty"]: dict(r) for r in rows}
        self.deletions: list[dict] = []
        self.accounts = {email: password}
        self.tokens: dict[str, float] = {}  # access token -> expiry (Unix time)
        self.refresh_tokens: set[str] = set()
        self.echo_password = False  # a careless server repeating the password in its error
        self.ignore_page = False  # a server that sends page 1 whatever is asked

    # state changes the tests make
    def delete(self, event_id: str, when: int) -> None:
        del self.events[event_id]
        self.deletions.append({"event_id_cnty": event_id, "deleted_timestamp": when})

    def recode(self, event_id: str, when: int, **values: str) -> None:
        self.events[event_id].update(values, timestamp=str(when))

    def add(self, row: dict[str, str]) -> None:
        self.events[row["event_id_cnty"]] = dict(row)

    def expire_tokens(self, refresh_too: bool = False) -> None:
        self.tokens = dict.fromkeys(self.tokens, 0.0)
        if refresh_too:
            self.refresh_tokens.clear()

    # the API
    def respond(self, request: Request) -> Response:
        if request.path == "/oauth/token" and request.method == "POST":
            return self._token(request.form)
        if request.path in ("/api/acled/read", "/api/deleted/read"):
            bearer = request.headers.get("Authorization", "").removeprefix("Bearer ")
            if self.tokens.get(bearer, 0.0) < time.time():
                return json_response({"message": "Unauthenticated: the token is invalid or "
                                                 "expired"}, 401)
            rows = (self._events(request.args) if request.path == "/api/acled/read"
                    else self._deletions(request.args))
            return self._page(rows, request.args)
        return json_response({"message": "not found"}, 404)

    def _token(self, form: dict) -> Response:
        if form.get("client_id") != "acled":
            return json_response({"error": "invalid_client"}, 401)
        if form.get("grant_type") == "password":
            if self.accounts.get(form.get("username")) != form.get("password"):
                said = f" (you sent {form.get('password')})" if self.echo_password else ""
                return json_response({"error": "invalid_grant", "error_description":
                                      f"The user credentials were incorrect.{said}"}, 400)
        elif form.get("grant_type") == "refresh_token":
            if form.get("refresh_token") not in self.refresh_tokens:
                return json_response({"error": "invalid_grant",
                                      "error_description": "Invalid refresh token"}, 400)
            self.refresh_tokens.discard(form["refresh_token"])
        else:
            return json_response({"error": "unsupported_grant_type"}, 400)
        access, refresh = f"acc-{secrets.token_hex(16)}", f"ref-{secrets.token_hex(16)}"
        self.tokens[access] = time.time() + 86400
        self.refresh_tokens.add(refresh)
        return json_response({"token_type": "Bearer", "expires_in": 86400,
                              "access_token": access, "refresh_token": refresh})

    def _events(self, args: dict) -> list[dict]:
        rows = [r for r in self.events.values() if r["country"] == args.get("country")]
        if "event_date" in args:
            where, value = args.get("event_date_where", "="), args["event_date"]
            if where == "BETWEEN":
                low, high = value.split("|")
                rows = [r for r in rows if low <= r["event_date"] <= high]
            else:
                rows = [r for r in rows if _compare(r["event_date"], where, value)]
        if "timestamp" in args:
            rows = [r for r in rows if _compare(int(r["timestamp"]), args.get("timestamp_where",
                                                                              "="),
                                                int(args["timestamp"]))]
        rows.sort(key=lambda r: (r["event_date"], r["event_id_cnty"]), reverse=True)
        return rows

    def _deletions(self, args: dict) -> list[dict]:
        since = int(args.get("deleted_timestamp", 0))
        return [d for d in self.deletions
                if _compare(d["deleted_timestamp"], args.get("deleted_timestamp_where", "="),
                            since)]

    def _page(self, rows: list[dict], args: dict) -> Response:
        limit, page = int(args.get("limit", 5000)), int(args.get("page", 1))
        page = 1 if self.ignore_page else page
        data = [acled_json(r) for r in rows[(page - 1) * limit: page * limit]]
        return json_response({"status": 200, "success": True, "count": len(data),
                              "messages": [], "data": data})


def _compare(left: object, where: str, right: object) -> bool:
    return {"=": left == right, ">=": left >= right, "<=": left <= right,
            ">": left > right, "<": left < right}[where]


def acled_json(row: dict[str, str]) -> dict:
    """An event as ACLED's API sends it: numbers as numbers, empty tags as null."""
    out: dict = dict(row)
    for name in ACLED_INTS:
        if out.get(name, "").lstrip("-").isdigit():
            out[name] = int(out[name])
    if out.get("tags") == "":
        out["tags"] = None
    return out


class UcdpStandIn(StandIn):
    """UCDP's GED API: pages from 0, ``NextPageUrl`` absolute, a token header."""

    def __init__(self, versions: dict[str, list[dict[str, str]]], token: str,
                 next_host: str | None = None) -> None:
        super().__init__()
        self.versions = versions
        self.token = token
        self.next_host = next_host  # write NextPageUrl on another host, as behind a proxy
        self.endless = False  # a server whose NextPageUrl never runs out
        self.downloads: dict[str, bytes] = {}  # path -> a release's zip

    def respond(self, request: Request) -> Response:
        match = re.fullmatch(r"/api/gedevents/([0-9.]+)", request.path)
        if request.path.startswith("/downloads/"):
            return self.download(request)
        if not match:
            return json_response({"message": "not found"}, 404)
        if request.headers.get("x-ucdp-access-token") != self.token:
            return json_response({"message": "A valid access token is required"}, 401)
        version = match.group(1)
        if version not in self.versions:
            return json_response({"message": f"no version {version}"}, 404)
        size, page = int(request.args.get("pagesize", 1)), int(request.args.get("page", 0))
        country = request.args.get("Country")
        rows = [r for r in self.versions[version] if country is None or
                r["country_id"] == country]
        pages = -(-len(rows) // size)
        result = rows[page * size: (page + 1) * size]
        more = self.endless or page + 1 < pages
        host = self.next_host or self.url
        query = urllib.parse.urlencode({"pagesize": size, "page": page + 1, "Country": country})
        return json_response({
            "TotalCount": len(rows), "TotalPages": pages,
            "PreviousPageUrl": "" if page == 0 else f"{host}{request.path}?page={page - 1}",
            "NextPageUrl": f"{host}{request.path}?{query}" if more else "",
            "Result": [ucdp_json(r) for r in result]})

    def download(self, request: Request) -> Response:
        body = self.downloads.get(request.path)
        if body is None:
            return Response("no such file", status=404)
        return Response(body, status=200, content_type="application/zip")


def ucdp_json(row: dict[str, str]) -> dict:
    """A GED event as UCDP's API sends it: numbers as numbers, active_year as a boolean."""
    out: dict = {}
    for name, value in row.items():
        if name == "active_year":
            out[name] = value in ("1", "TRUE", "True", "true")
        elif name in UCDP_FLOATS and value:
            out[name] = float(value) if "." in value else int(value)
        elif re.fullmatch(r"-?\d+", value or "") and name not in ("adm_2",):
            out[name] = int(value)
        else:
            out[name] = value if value != "" else None
    return out
