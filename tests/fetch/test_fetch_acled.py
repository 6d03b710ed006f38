"""fetch acled against a stand-in of ACLED's API serving the real 2022 sample's events."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest

from api_standins import busy, cut_short, never_ending, server_error, truncated_json
from conftest import ACLED_EMAIL, ACLED_PASSWORD, REAL_ACLED_API_PAGE
from libya_conflict.fetch.acled import AcledQuery, acled_name, fetch_acled
from libya_conflict.fetch.acled_api import event_row
from libya_conflict.fetch.http import CredentialsError, FetchError, HttpPolicy
from libya_conflict.fetch.output import deletions_path, manifest_path
from libya_conflict.reading.layouts import ACLED_CURRENT
from libya_conflict.reference.countries import resolve_country

FAST = HttpPolicy(attempts=3, budget=30, backoff=0.01, max_wait=5, connect_timeout=2,
                  read_timeout=5, deadline=2)


def rows_of(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == list(ACLED_CURRENT)
        return list(reader)


def by_id(rows) -> dict[str, dict[str, str]]:
    return {r["event_id_cnty"]: dict(r) for r in rows}


def held(api, country: str) -> dict[str, dict[str, str]]:
    """The server's current events of a country, as text (what the file must hold)."""
    return {k: v for k, v in api.events.items() if v["country"] == country}


def fetch(out: Path, *countries: str, **kw):
    kw.setdefault("policy", FAST)
    kw.setdefault("progress", False)
    return fetch_acled(list(countries) or None, out=out, **kw)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- a first fetch ---------------------------------------------------------------------------


def test_first_fetch_pages_until_a_short_page_and_cleans_to_the_events_held(acled_api, tmp_path):
    from libya_conflict.cleaning.pipeline import clean

    out = tmp_path / "raw" / "acled_libya.csv"
    result = fetch(out, "Libya", start="2022-01-01", end="2022-06-30", page_size=3)
    assert by_id(rows_of(out)) == held(acled_api, "Libya")  # every field, as text
    pages = [r["args"] for r in acled_api.requests("/api/acled/read")]
    assert [p["page"] for p in pages] == ["1", "2", "3"]  # 3 + 3 + 2: the short page ends it
    assert {(p["country"], p["event_date"], p["event_date_where"], p["limit"]) for p in pages} \
        == {("Libya", "2022-01-01|2022-06-30", "BETWEEN", "3")}
    bearer = {r["headers"].get("Authorization", "")[:10] for r in acled_api.log[1:]}
    assert bearer == {"Bearer acc"}
    manifest = json.loads(manifest_path(out).read_text())
    assert manifest["pages"] == {"events of Libya": 3} and manifest["rows_written"] == 8
    assert manifest["sha256"] == digest(out) and manifest["mode"] == "full"
    assert manifest["newest_timestamp"] == max(int(r["timestamp"])
                                               for r in held(acled_api, "Libya").values())
    assert manifest["query"] == {"country": ["Libya"], "start": "2022-01-01",
                                 "end": "2022-06-30", "page_size": 3}
    assert result.manifest == manifest
    table, report = clean([out], country="Libya")
    assert set(table["event_id"]) == set(held(acled_api, "Libya"))
    assert report.kept == 8 and len(report.quarantine) == 0


def test_hundreds_of_events_in_pages_of_100(acled_api, tmp_path):
    out = tmp_path / "ukraine.csv"
    fetch(out, "Ukraine", page_size=100)
    assert by_id(rows_of(out)) == held(acled_api, "Ukraine")
    assert len(acled_api.requests("/api/acled/read")) == 7  # 690 events


def test_several_countries_one_query_each_with_acled_spellings(acled_api, tmp_path):
    out = tmp_path / "two.csv"
    fetch(out, "Libya", "Ivory Coast", page_size=50)
    asked = {r["args"]["country"] for r in acled_api.requests("/api/acled/read")}
    assert asked == {"Libya", "Ivory Coast"}  # ACLED's name, not ISO's "Côte d'Ivoire"
    assert by_id(rows_of(out)) == held(acled_api, "Libya") | held(acled_api, "Ivory Coast")
    assert acled_name(resolve_country("Democratic Republic of Congo")) \
        == "Democratic Republic of Congo"


def test_a_real_api_page_is_written_in_the_31_column_layout_clean_reads(tmp_path):
    from libya_conflict.cleaning.pipeline import clean
    from libya_conflict.fetch.output import Table, write_csv

    if not REAL_ACLED_API_PAGE.exists():
        pytest.skip("real ACLED API page not found")
    page = json.loads(REAL_ACLED_API_PAGE.read_text(encoding="utf-8"))
    from collections import Counter

    fields: Counter = Counter()
    rows = [event_row(r, fields) for r in page["data"]]
    assert not fields  # the real page has exactly the 31 fields
    null_tags = [r for r in page["data"] if r["tags"] is None]
    assert null_tags and all(rows[page["data"].index(r)]["tags"] == "" for r in null_tags)
    out = tmp_path / "page.csv"
    write_csv(out, Table(out, ACLED_CURRENT, rows))
    table, report = clean([out], country="Gabon")
    assert report.files[0].layout == "acled-current"
    counts = report.counts
    assert counts["read"] == 10 and counts["out_of_scope"] == 8 and report.balances()
    assert counts["kept"] + counts["quarantined"] == 2


def test_query_parameters():
    query = AcledQuery(("Libya",), "2011-01-01", None, 100)
    assert query.params("Libya") == {"country": "Libya", "event_date": "2011-01-01",
                                     "event_date_where": ">="}
    assert AcledQuery(("Libya",)).params("Libya") == {"country": "Libya"}


# --- updates ---------------------------------------------------------------------------------


def test_update_drops_deleted_replaces_recoded_adds_new_through_429_and_500(acled_api, tmp_path):
    from libya_conflict.cleaning.pipeline import clean

    ukraine = sorted(held(acled_api, "Ukraine"))
    later = {i: acled_api.events.pop(i) for i in ukraine[:40]}  # published after the first fetch
    out = tmp_path / "ukraine.csv"
    fetch(out, "Ukraine", start="2022-01-01", end="2022-06-30", page_size=100)
    assert len(rows_of(out)) == 650
    now = max(int(r["timestamp"]) for r in acled_api.events.values()) + 1000
    deleted = ukraine[40:55]
    for event_id in deleted:
        acled_api.delete(event_id, now)
    recoded = ukraine[55:80]
    for event_id in recoded:
        acled_api.recode(event_id, now + 5, fatalities="99", notes="Re-coded by ACLED.")
    for row in later.values():
        acled_api.add(dict(row, timestamp=str(now + 10)))
    acled_api.fail("/api/acled/read", busy, server_error)
    result = fetch(out, update=True)  # country, dates and page size from the manifest
    assert by_id(rows_of(out)) == held(acled_api, "Ukraine")
    assert [r.get("fault") for r in acled_api.requests("/api/acled/read")][-3:] \
        == ["busy", "server_error", None]
    asked = acled_api.requests("/api/acled/read")[-1]["args"]
    assert asked["timestamp_where"] == ">=" and asked["event_date"] == "2022-01-01|2022-06-30"
    since = json.loads(manifest_path(out).read_text())["since_timestamp"]
    assert asked["timestamp"] == str(since) and since < now
    counts = result.manifest["rows"]
    assert counts["added"] == 40 and counts["recoded"] == 25 and counts["deleted"] == 15
    assert counts["written"] == 650 + 40 - 15 == len(held(acled_api, "Ukraine"))
    with open(deletions_path(out), encoding="utf-8", newline="") as handle:
        gone = list(csv.DictReader(handle))
    assert {g["event_id_cnty"] for g in gone} == set(deleted)
    assert {g["deleted_timestamp"] for g in gone} == {str(now)}
    # The merged file cleans like the events the server holds.
    table, report = clean([out], country="Ukraine")
    assert report.counts["read"] == len(held(acled_api, "Ukraine")) and report.balances()


def test_update_of_an_event_recoded_after_its_deletion_keeps_it(acled_api, tmp_path):
    out = tmp_path / "libya.csv"
    fetch(out, "Libya", page_size=5)
    event_id = sorted(held(acled_api, "Libya"))[0]
    now = max(int(r["timestamp"]) for r in acled_api.events.values()) + 100
    row = dict(acled_api.events[event_id])
    acled_api.delete(event_id, now)
    acled_api.add(dict(row, timestamp=str(now + 50), fatalities="3"))  # restored, re-coded
    fetch(out, update=True)
    assert by_id(rows_of(out))[event_id]["fatalities"] == "3"
    assert by_id(rows_of(out)) == held(acled_api, "Libya")


def test_update_without_a_file_is_a_first_fetch(acled_api, tmp_path):
    out = tmp_path / "libya.csv"
    result = fetch(out, "Libya", update=True)
    assert result.manifest["mode"] == "full" and len(rows_of(out)) == 8
    assert not deletions_path(out).exists()


def test_update_refuses_a_file_of_another_layout(acled_api, tmp_path):
    from libya_conflict.errors import InputError

    out = tmp_path / "old.csv"
    out.write_text("EVENT_ID_CNTY,EVENT_DATE\nLBY1,18/04/2011\n", encoding="utf-8")
    with pytest.raises(InputError, match="ACLED's current 31-column layout"):
        fetch(out, "Libya", update=True)


# --- tokens and logins -----------------------------------------------------------------------


def test_an_expired_token_is_refreshed_then_a_new_login_when_refresh_fails(acled_api, tmp_path):
    out = tmp_path / "libya.csv"
    fetch(out, "Libya", page_size=3)
    grants = lambda: [r["form"].get("grant_type") for r in acled_api.requests("/oauth/token")]  # noqa: E731
    assert grants() == ["password"]
    acled_api.expire_tokens()
    fetch(out, "Libya", page_size=3)  # the cached token is refused: refresh grant
    assert grants() == ["password", "refresh_token"]
    acled_api.expire_tokens(refresh_too=True)
    fetch(out, "Libya", page_size=3)  # refresh refused too: a new login
    assert grants() == ["password", "refresh_token", "refresh_token", "password"]
    assert by_id(rows_of(out)) == held(acled_api, "Libya")
    cache = list((tmp_path / "cache" / "libya-conflict").glob("acled-token-*.json"))
    assert len(cache) == 1 and cache[0].stat().st_mode & 0o777 == 0o600
    assert ACLED_PASSWORD not in cache[0].read_text()


def test_a_refused_login_is_one_line_and_leaves_the_file_byte_identical(acled_api, tmp_path,
                                                                        monkeypatch):
    out = tmp_path / "libya.csv"
    fetch(out, "Libya")
    before = {p.name: digest(p) for p in tmp_path.glob("libya.csv*")}
    acled_api.echo_password = True  # the server repeats the password in its answer
    acled_api.expire_tokens(refresh_too=True)
    monkeypatch.setenv("ACLED_PASSWORD", "wrong-password-for-test")
    with pytest.raises(CredentialsError) as caught:
        fetch(out, "Libya")
    line = caught.value.cli_line()
    assert line.startswith(f"libya-conflict: fetch failed: ACLED refused the login for "
                           f"{ACLED_EMAIL}: The user credentials were incorrect.")
    assert "wrong-password-for-test" not in line and "***" in line and "\n" not in line
    assert caught.value.exit_code == 2
    assert {p.name: digest(p) for p in tmp_path.glob("libya.csv*")} == before


def test_missing_credentials_say_where_to_put_them(fetch_env, monkeypatch, tmp_path):
    monkeypatch.delenv("ACLED_PASSWORD")
    with pytest.raises(CredentialsError, match="set ACLED_PASSWORD .* chmod 600"):
        fetch(tmp_path / "x.csv", "Libya")


# --- responses that cannot be used -----------------------------------------------------------


@pytest.mark.parametrize("fault, expected", [
    (cut_short, "the connection failed or dropped before the response was complete"),
    (truncated_json, "the response is not the JSON expected"),
    (never_ending, "the response did not end within 2 s"),
    (server_error, "HTTP 500"),
])
def test_a_response_that_cannot_be_used_fails_and_keeps_the_file(acled_api, tmp_path, fault,
                                                                  expected):
    out = tmp_path / "libya.csv"
    fetch(out, "Libya", page_size=3)
    before = {p.name: digest(p) for p in tmp_path.iterdir() if p.is_file()}
    acled_api.fail("/api/acled/read", *[fault] * 5)
    with pytest.raises(FetchError) as caught:
        fetch(out, "Libya", page_size=3)
    assert "ACLED events of Libya, page 1: " + expected in caught.value.message
    assert "(after 3 attempts over" in caught.value.message
    assert caught.value.cli_line().endswith(f"; {out} was not changed")
    assert {p.name: digest(p) for p in tmp_path.iterdir() if p.is_file()} == before


def test_a_server_that_ignores_the_page_number_is_stopped(acled_api, tmp_path):
    acled_api.ignore_page = True
    with pytest.raises(FetchError, match="page 2: the page repeats rows of earlier pages"):
        fetch(tmp_path / "libya.csv", "Libya", page_size=3)
    assert not (tmp_path / "libya.csv").exists()


def test_pages_are_bounded(acled_api, tmp_path):
    with pytest.raises(FetchError, match="page 3: more than 2 pages of 3 rows"):
        fetch(tmp_path / "libya.csv", "Libya", page_size=3, max_pages=2)


def test_a_page_whose_count_disagrees_with_its_rows_fails(acled_api, tmp_path):
    from api_standins import json_response

    def lying(body: bytes):
        page = json.loads(body)
        return json_response(dict(page, count=page["count"] + 1))

    acled_api.fail("/api/acled/read", lying)
    with pytest.raises(FetchError, match="page 1: the page says count 4 but holds 3 rows"):
        fetch(tmp_path / "libya.csv", "Libya", page_size=3)


def test_an_update_with_another_query_fetches_everything_again(acled_api, tmp_path):
    out = tmp_path / "libya.csv"
    fetch(out, "Libya", start="2022-03-01")
    assert len(rows_of(out)) < 8
    lines = []

    class Lines:
        def write(self, text):
            lines.append(text)

        def flush(self):
            pass

    result = fetch(out, "Libya", start="2022-01-01", update=True, stream=Lines())
    assert result.manifest["mode"] == "full" and len(rows_of(out)) == 8
    assert any("the query differs from the previous fetch's (Libya, 2022-03-01 to ...); "
               "fetching everything" in line for line in lines)
