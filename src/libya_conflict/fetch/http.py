"""HTTP for the fetchers: timeouts on every request, bounded retries, secrets kept out of text.

One :class:`Http` client per fetch (httpx). Every request has connect and read timeouts and a
deadline for the whole response, and a body larger than :attr:`HttpPolicy.max_bytes` is
refused, so a server that trickles bytes forever cannot hold a run. 429 (honouring
``Retry-After``), 5xx, dropped connections, timeouts and bodies that are not JSON are retried
with exponential backoff (tenacity), bounded both in attempts and in time; other statuses go
back to the caller, which knows what a 401 means for its API.

Every message of this stage passes through :func:`redact`: a password or a token registered
with :func:`register_secret` is replaced by ``***`` wherever it would appear.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, BinaryIO

import httpx
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    stop_after_delay,
    wait_exponential,
    wait_random,
)

from libya_conflict.errors import EXIT_FAILED, EXIT_INPUT, LibyaConflictError

RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524})
_SECRETS: set[str] = set()
_SECRETS_LOCK = threading.Lock()


def register_secret(value: str | None) -> None:
    """Remember a secret (password, token) so that :func:`redact` hides it from every text."""
    # Very short values would blank out ordinary words; they are never printed anyway.
    if value and len(value) >= 4:
        with _SECRETS_LOCK:
            _SECRETS.add(value)
            _SECRETS.add(urllib.parse.quote(value, safe=""))


def redact(text: object) -> str:
    """Return ``text`` with every registered secret replaced by ``***``."""
    out = str(text)
    with _SECRETS_LOCK:
        secrets = sorted(_SECRETS, key=len, reverse=True)
    for secret in secrets:
        out = out.replace(secret, "***")
    return out


def shown_url(url: str) -> str:
    """Return a URL fit for a log line or a manifest: no user, password or fragment."""
    parts = urllib.parse.urlsplit(str(url))
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return redact(urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, "")))


class FetchError(LibyaConflictError):
    """A fetch failed; nothing was written and the previous file is unchanged.

    Parameters
    ----------
    message : str
        What failed and where (the page), as one line; secrets are redacted.
    target : str, optional
        The output file that was kept as it was, named in the command's line.

    """

    exit_code = EXIT_FAILED

    def __init__(self, message: str, target: str | None = None) -> None:
        self.message = " ".join(redact(message).split())
        self.target = target
        super().__init__(self.message)

    def cli_line(self) -> str:
        """Return the one line the command prints for this error."""
        kept = f"; {self.target} was not changed" if self.target else ""
        return f"libya-conflict: fetch failed: {self.message}{kept}"


class CredentialsError(FetchError):
    """Credentials are missing, refused, or kept in a file others can read."""

    exit_code = EXIT_INPUT


class _TransientError(FetchError):
    """A failure worth another attempt: 429, 5xx, a dropped connection, a timeout."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


@dataclass(frozen=True)
class HttpPolicy:
    """Timeouts and retry bounds of every request.

    Attributes
    ----------
    attempts : int
        Tries of one request, the first included.
    budget : float
        Seconds one request may take over all its attempts and waits.
    backoff : float
        First wait between attempts, doubled each time (with jitter).
    max_wait : float
        Longest single wait; a ``Retry-After`` asking for more fails at once.
    connect_timeout, read_timeout : float
        Seconds to connect, and to wait for the next bytes of a response.
    deadline : float
        Seconds one response may take from the request to its last byte.
    max_bytes : int
        Largest response body accepted.

    """

    attempts: int = 6
    budget: float = 600.0
    backoff: float = 1.0
    max_wait: float = 120.0
    connect_timeout: float = 20.0
    read_timeout: float = 90.0
    deadline: float = 300.0
    max_bytes: int = 512 * 1024 * 1024


DEFAULT_POLICY = HttpPolicy()


@dataclass
class Reply:
    """A complete response: status, headers and the body parsed as JSON (None if not JSON)."""

    status: int
    headers: dict[str, str]
    body: Any
    text: str = ""
    seconds: float = 0.0
    attempts: int = 1
    notes: list[str] = field(default_factory=list)


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Parse a ``Retry-After`` header: seconds, or an HTTP date (None when absent or bad)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


class Http:
    """An httpx client with the policy's timeouts, deadline, size limit and retries.

    Parameters
    ----------
    policy : HttpPolicy
        Timeouts and retry bounds.
    note : callable, optional
        Receives one line per retry (``"page 3: HTTP 503; retrying in 4 s (attempt 2 of 6)"``).
    sleep : callable, optional
        Waits between attempts (``time.sleep``; tests may replace it).

    """

    def __init__(self, policy: HttpPolicy | None = None, note: Callable[[str], None] | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.policy = policy or DEFAULT_POLICY
        self.note = note or (lambda line: None)
        self.sleep = sleep
        timeout = httpx.Timeout(self.policy.read_timeout, connect=self.policy.connect_timeout)
        import libya_conflict

        agent = f"libya-conflict/{libya_conflict.__version__} (httpx)"
        # Redirects are not followed unless asked: a header holding a token must never be sent
        # on to another host.
        self.client = httpx.Client(timeout=timeout, follow_redirects=False,
                                   headers={"User-Agent": agent, "Accept": "application/json"})

    def close(self) -> None:
        """Close the connections."""
        self.client.close()

    def __enter__(self) -> Http:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def request(self, method: str, url: str, *, what: str, params: dict | None = None,
                data: dict | None = None, headers: dict | None = None,
                expect_json: bool = True, follow_redirects: bool = False,
                sink: BinaryIO | None = None) -> Reply:
        """Send a request, retrying transient failures; return the complete reply.

        Parameters
        ----------
        method, url : str
            The request.
        what : str
            What is asked for, in the words of an error line (``"ACLED events, page 3"``).
        params, data, headers : dict, optional
            Query parameters, form fields, extra headers.
        expect_json : bool
            A 2xx body that is not JSON counts as a transient failure.
        follow_redirects : bool
            Follow redirects (only for requests that carry no secret).
        sink : binary file, optional
            Write the body there (emptied at each attempt) instead of keeping it in memory.

        Returns
        -------
        Reply
            Any status that is not retried (2xx, 401, 404...), for the caller to interpret.

        Raises
        ------
        FetchError
            When the retries are spent or their time is up, or ``Retry-After`` asks for longer
            than :attr:`HttpPolicy.max_wait`.

        """
        policy = self.policy
        began = time.monotonic()
        notes: list[str] = []
        retrying = Retrying(
            stop=stop_after_attempt(policy.attempts) | stop_after_delay(policy.budget),
            wait=self._wait, retry=retry_if_exception_type(_TransientError), reraise=True,
            sleep=self.sleep, before_sleep=lambda state: self._before_sleep(state, what, notes))
        try:
            for attempt in retrying:
                with attempt:
                    reply = self._once(method, url, (params, data, headers),
                                       expect_json and sink is None, follow_redirects, sink)
        except _TransientError as exc:
            tries = retrying.statistics.get("attempt_number", 1)
            raise FetchError(f"{what}: {exc.message} (after {tries} attempt"
                             f"{'s' if tries != 1 else ''} over "
                             f"{time.monotonic() - began:.0f} s)") from None
        except FetchError as exc:
            raise FetchError(f"{what}: {exc.message}") from None
        reply.seconds = time.monotonic() - began
        reply.attempts = retrying.statistics.get("attempt_number", 1)
        reply.notes = notes
        return reply

    def _once(self, method: str, url: str, parts: tuple[dict | None, dict | None, dict | None],
              expect_json: bool, follow_redirects: bool, sink: BinaryIO | None) -> Reply:
        policy = self.policy
        params, data, headers = parts
        ends = time.monotonic() + policy.deadline
        try:
            with self.client.stream(method, url, params=params, data=data, headers=headers,
                                    follow_redirects=follow_redirects) as response:
                content = self._read_body(response, ends, sink)
                status, header_map = response.status_code, dict(response.headers)
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise FetchError(f"{shown_url(url)} is not an http(s) URL ({exc})") from None
        except httpx.TimeoutException as exc:
            raise _TransientError(f"no answer in time ({type(exc).__name__})") from None
        except httpx.TransportError as exc:
            raise _TransientError(f"the connection failed or dropped before the response was "
                                  f"complete ({type(exc).__name__}: {exc})") from None
        if status in RETRY_STATUSES:
            wait = retry_after_seconds(header_map.get("retry-after"))
            if wait is not None and wait > policy.max_wait:
                raise FetchError(f"the server is busy (HTTP {status}) and asks to wait "
                                 f"{wait:.0f} s (Retry-After), longer than the "
                                 f"{policy.max_wait:.0f} s allowed; try again later")
            raise _TransientError(f"HTTP {status}", retry_after=wait)
        text = content.decode("utf-8", errors="replace")
        body = None
        if content.strip():
            try:
                body = json.loads(text)
            except ValueError as exc:
                if expect_json and 200 <= status < 300:
                    raise _TransientError(f"the response is not the JSON expected ({exc}; "
                                          f"{len(content):,} bytes)") from None
        elif expect_json and 200 <= status < 300:
            raise _TransientError("the response is empty where JSON was expected")
        return Reply(status, header_map, body, text[:2000])

    def _read_body(self, response: httpx.Response, ends: float,
                   sink: BinaryIO | None = None) -> bytes:
        policy = self.policy
        chunks, size = [], 0
        if sink is not None:
            sink.seek(0)
            sink.truncate()
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > policy.max_bytes:
                raise FetchError(f"the response is larger than {policy.max_bytes:,} bytes; "
                                 "ask for smaller pages")
            if time.monotonic() > ends:
                raise _TransientError(f"the response did not end within "
                                      f"{policy.deadline:.0f} s ({size:,} bytes so far)")
            if sink is not None and 200 <= response.status_code < 300:
                sink.write(chunk)
            else:
                chunks.append(chunk)
        return b"".join(chunks)

    def _wait(self, state: RetryCallState) -> float:
        policy = self.policy
        exc = state.outcome.exception() if state.outcome else None
        backoff = (wait_exponential(multiplier=policy.backoff, max=policy.max_wait)
                   + wait_random(0, policy.backoff))(state)
        wait = getattr(exc, "retry_after", None)
        wait = backoff if wait is None else max(wait, 0.0)
        left = policy.budget - (state.seconds_since_start or 0.0)
        return max(0.0, min(wait, policy.max_wait, left))

    def _before_sleep(self, state: RetryCallState, what: str, notes: list[str]) -> None:
        exc = state.outcome.exception() if state.outcome else None
        wait = state.upcoming_sleep
        line = (f"{what}: {getattr(exc, 'message', exc)}; retrying in {wait:.0f} s "
                f"(attempt {state.attempt_number + 1} of {self.policy.attempts})")
        notes.append(line)
        self.note(redact(line))
