"""The fetchers' HTTP client: timeouts, bounded retries, Retry-After, redirects, secrets."""

from __future__ import annotations

import email.utils
import time

import pytest
from werkzeug import Response

from api_standins import StandIn, busy, cut_short, json_response, never_ending, server_error
from libya_conflict.fetch.http import (
    FetchError,
    Http,
    HttpPolicy,
    redact,
    register_secret,
    retry_after_seconds,
    shown_url,
)

FAST = HttpPolicy(attempts=4, budget=30, backoff=0.01, max_wait=3, connect_timeout=2,
                  read_timeout=3, deadline=1.5)


class Echo(StandIn):
    """Answers {"ok": true}; /redirect sends elsewhere."""

    def respond(self, request):
        if request.path == "/redirect":
            return Response("", status=302, headers={"Location": "http://127.0.0.1:9/stolen"})
        return json_response({"ok": True, "path": request.path})


@pytest.fixture
def echo():
    server = Echo().start()
    yield server
    server.stop()


def client(**policy) -> tuple[Http, list[float], list[str]]:
    waits: list[float] = []
    notes: list[str] = []
    fields = {**FAST.__dict__, **policy}
    return Http(HttpPolicy(**fields), note=notes.append, sleep=waits.append), waits, notes


def test_retry_after_in_seconds_or_as_a_date():
    assert retry_after_seconds("7") == 7.0
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 28 <= retry_after_seconds(when) <= 30
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_429_waits_as_long_as_retry_after_says_then_succeeds(echo):
    echo.fail("/a", lambda body: busy(body, retry_after=2), server_error)
    http, waits, notes = client()
    reply = http.request("GET", echo.url + "/a", what="page 1")
    assert reply.status == 200 and reply.body["ok"] is True and reply.attempts == 3
    assert waits[0] == 2.0 and waits[1] < 1  # Retry-After honoured, then a short backoff
    assert notes[0] == "page 1: HTTP 429; retrying in 2 s (attempt 2 of 4)"


def test_retries_are_bounded_in_number(echo):
    echo.fail("/a", *[server_error] * 10)
    http, waits, notes = client(attempts=3)
    with pytest.raises(FetchError, match=r"^page 2: HTTP 500 \(after 3 attempts over \d+ s\)$"):
        http.request("GET", echo.url + "/a", what="page 2")
    assert len(waits) == 2 and len(echo.requests("/a")) == 3


def test_retries_are_bounded_in_time(echo):
    echo.fail("/a", *[lambda body: busy(body, retry_after=1)] * 20)
    http = Http(HttpPolicy(attempts=50, budget=2.5, backoff=0.01, max_wait=3))
    began = time.monotonic()
    with pytest.raises(FetchError, match="HTTP 429"):
        http.request("GET", echo.url + "/a", what="page 1")
    assert time.monotonic() - began < 6 and len(echo.requests("/a")) <= 4


def test_a_retry_after_longer_than_allowed_fails_at_once(echo):
    echo.fail("/a", lambda body: busy(body, retry_after=3600))
    http, waits, _ = client()
    with pytest.raises(FetchError, match="asks to wait 3600 s .*longer than the 3 s allowed"):
        http.request("GET", echo.url + "/a", what="page 1")
    assert waits == [] and len(echo.requests("/a")) == 1


def test_a_dropped_connection_is_retried(echo):
    echo.fail("/a", cut_short)
    http, _, notes = client()
    assert http.request("GET", echo.url + "/a", what="p").body["ok"] is True
    assert "dropped before the response was complete" in notes[0]


def test_a_body_that_never_ends_is_cut_at_the_deadline(echo):
    echo.fail("/a", never_ending, never_ending)
    http, _, _ = client(attempts=2)
    began = time.monotonic()
    with pytest.raises(FetchError, match=r"did not end within 2 s"):
        http.request("GET", echo.url + "/a", what="p")
    assert time.monotonic() - began < 8


def test_a_server_that_does_not_answer_times_out(echo):
    def silent(body):
        time.sleep(3)
        return json_response({})

    echo.fail("/a", silent, silent)
    http, _, _ = client(attempts=2, read_timeout=0.5)
    with pytest.raises(FetchError, match=r"no answer in time \(ReadTimeout\)"):
        http.request("GET", echo.url + "/a", what="p")


def test_a_body_too_large_is_refused(echo):
    http, _, _ = client(max_bytes=10)
    with pytest.raises(FetchError, match="larger than 10 bytes"):
        http.request("GET", echo.url + "/a", what="p")


def test_redirects_are_not_followed_unless_asked(echo):
    http, _, _ = client()
    reply = http.request("GET", echo.url + "/redirect", what="p",
                         headers={"x-ucdp-access-token": "secret-token-x"})
    assert reply.status == 302  # the token never goes to the other host


def test_secrets_are_redacted_everywhere():
    register_secret("s3cr3t-value/with&chars")
    assert redact("token s3cr3t-value/with&chars, quoted s3cr3t-value%2Fwith%26chars") \
        == "token ***, quoted ***"
    assert FetchError("login s3cr3t-value/with&chars refused").message == "login *** refused"
    assert shown_url("https://me:s3cr3t@example.org:8443/api?x=1#frag") \
        == "https://example.org:8443/api?x=1"
    register_secret("ab")  # too short to redact without blanking words
    assert redact("a tab") == "a tab"


def test_a_base_url_that_is_not_http_is_one_line():
    http, waits, _ = client()
    with pytest.raises(FetchError, match=r"^ACLED login: ftp://mirror/oauth/token is not an "
                                         r"http\(s\) URL"):
        http.request("POST", "ftp://mirror/oauth/token", what="ACLED login")
    assert waits == []  # not retried
