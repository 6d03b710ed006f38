"""fetch ucdp against a stand-in of UCDP's GED API serving real GED 19.1 and 23.1 events."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from api_standins import busy, read_rows, truncated_json
from conftest import REAL_UCDP_19, UCDP_TOKEN
from libya_conflict.fetch.http import CredentialsError, FetchError, HttpPolicy
from libya_conflict.fetch.output import date_text, manifest_path
from libya_conflict.fetch.ucdp import check_version, fetch_ucdp, layout_of, next_url
from libya_conflict.reading.layouts import UCDP_GED_42, UCDP_GED_49

FAST = HttpPolicy(attempts=3, budget=30, backoff=0.01, max_wait=5, connect_timeout=2,
                  read_timeout=5, deadline=5)


def fetch(country: str, out: Path, **kw):
    kw.setdefault("policy", FAST)
    kw.setdefault("progress", False)
    return fetch_ucdp(country, out=out, **kw)


def written(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def as_csv(row: dict[str, str]) -> dict[str, str]:
    """A real CSV row as the fetch writes it (booleans as UCDP's CSV writes them, plain dates)."""
    out = dict(row)
    out["active_year"] = "TRUE" if row["active_year"] in ("1", "TRUE") else "FALSE"
    for name in ("date_start", "date_end"):
        out[name] = date_text(row[name])
    return out


def test_myanmar_ged_19_1_all_2593_events_over_three_pages(ucdp_api, tmp_path):
    from libya_conflict.cleaning.pipeline import clean

    out = tmp_path / "ucdp_myanmar.csv"
    result = fetch("Myanmar", out, version="19.1")
    pages = ucdp_api.requests("/api/gedevents/19.1")
    assert len(pages) == 3
    assert pages[0]["args"] == {"pagesize": "1000", "page": "0", "Country": "775"}
    assert {p["headers"].get("X-Ucdp-Access-Token") for p in pages} == {UCDP_TOKEN}
    header, rows = written(out)
    assert header == list(UCDP_GED_42)  # GED 19.1's own 42 columns
    expected = [as_csv(r) for r in read_rows(REAL_UCDP_19) if r["country_id"] == "775"]
    assert len(rows) == 2593 and rows == expected
    manifest = json.loads(manifest_path(out).read_text())
    assert manifest["total_count"] == 2593 and manifest["pages"] == {"events": 3}
    assert manifest["layout"] == "ucdp-ged-19.1" and result.manifest["rows_written"] == 2593
    # clean reads it (Bangladesh's 601 events of the same release: Myanmar's are slow to place).
    bangladesh = tmp_path / "ucdp_bangladesh.csv"
    fetch("Bangladesh", bangladesh, version="19.1")
    table, report = clean([bangladesh], country="Bangladesh")
    assert report.files[0].layout == "ucdp-ged-19.1"
    assert report.counts["read"] == 601 and report.balances()


def test_ged_23_1_is_written_in_the_49_column_layout(ucdp_api, tmp_path, real_ucdp):
    from libya_conflict.cleaning.pipeline import clean

    out = tmp_path / "ucdp_libya.csv"
    fetch("Libya", out, version="23.1")
    header, rows = written(out)
    assert header == list(UCDP_GED_49)
    assert rows == [as_csv(r) for r in read_rows(real_ucdp) if r["country_id"] == "620"]
    table, report = clean([out], country="Libya")
    assert report.counts["read"] == len(rows) == 4
    assert set(table["event_id"]) | set(report.quarantine.get("event_id", [])) \
        == {r["id"] for r in rows}


def test_next_page_links_to_ucdps_host_are_followed_on_the_configured_server(ucdp_api, tmp_path):
    ucdp_api.next_host = "https://ucdpapi.pcr.uu.se"  # as the real API writes NextPageUrl
    fetch("Myanmar", tmp_path / "mmr.csv", version="19.1")
    assert [r["args"].get("page") for r in ucdp_api.requests("/api/gedevents/19.1")] \
        == ["0", "1", "2"]
    assert next_url("http://127.0.0.1:9/ucdp", "https://ucdpapi.pcr.uu.se/api/gedevents/25.1"
                    "?pagesize=1000&page=1") \
        == "http://127.0.0.1:9/ucdp/api/gedevents/25.1?pagesize=1000&page=1"
    assert next_url("http://h:1", "/api/gedevents/25.1?page=2") == \
        "http://h:1/api/gedevents/25.1?page=2"


def test_retries_then_a_body_that_is_not_json_fails_naming_the_page(ucdp_api, tmp_path):
    out = tmp_path / "mmr.csv"
    ucdp_api.fail("/api/gedevents/19.1", busy, *[truncated_json] * 3)
    with pytest.raises(FetchError) as caught:
        fetch("Myanmar", out, version="19.1")
    assert "UCDP GED 19.1, page 0: the response is not the JSON expected" \
        in caught.value.message
    # Nothing half-written: only the (empty) lock file of fetches to this file is left.
    assert [p.name for p in tmp_path.iterdir()] == [".mmr.csv.lock"]


def test_no_token_says_how_to_get_one(ucdp_api, monkeypatch, tmp_path):
    monkeypatch.delenv("UCDP_ACCESS_TOKEN")
    with pytest.raises(CredentialsError) as caught:
        fetch("Libya", tmp_path / "x.csv")
    message = caught.value.message
    assert "set UCDP_ACCESS_TOKEN" in message and "https://ucdp.uu.se/apidocs/" in message
    assert "--download URL" in message and caught.value.exit_code == 2
    assert not ucdp_api.log


def test_a_token_read_from_the_credentials_file(ucdp_api, monkeypatch, tmp_path):
    monkeypatch.delenv("UCDP_ACCESS_TOKEN")
    secrets = tmp_path / "config" / "libya-conflict" / "credentials"
    secrets.parent.mkdir(parents=True)
    secrets.write_text(f"# UCDP\nUCDP_ACCESS_TOKEN='{UCDP_TOKEN}'\n")
    secrets.chmod(0o600)
    fetch("Bangladesh", tmp_path / "bgd.csv", version="19.1")
    assert len(written(tmp_path / "bgd.csv")[1]) == 601


def test_a_refused_token(ucdp_api, monkeypatch, tmp_path):
    monkeypatch.setenv("UCDP_ACCESS_TOKEN", "not-the-right-token")
    with pytest.raises(CredentialsError, match=r"page 0: UCDP refused the access token "
                                               r"\(HTTP 401\)") as caught:
        fetch("Libya", tmp_path / "x.csv", version="23.1")
    assert "not-the-right-token" not in caught.value.cli_line()


def test_a_server_that_never_stops_paging_is_bounded(ucdp_api, tmp_path):
    ucdp_api.endless = True
    with pytest.raises(FetchError, match=r"page 4: more pages than the 4 announced"):
        fetch("Myanmar", tmp_path / "mmr.csv", version="19.1")
    assert len(ucdp_api.requests("/api/gedevents/19.1")) == 4  # 3 announced + 1 of slack


def test_rows_that_disagree_with_total_count_fail(ucdp_api, tmp_path):
    from api_standins import json_response

    def short(body: bytes):
        page = json.loads(body)
        return json_response(dict(page, Result=page["Result"][:-1]))

    ucdp_api.fail("/api/gedevents/19.1", lambda body: json_response(json.loads(body)), short)
    with pytest.raises(FetchError, match=r"2,592 events arrived in 3 pages but TotalCount says "
                                         r"2,593"):
        fetch("Myanmar", tmp_path / "mmr.csv", version="19.1")


def test_unknown_version_and_country_without_a_code(ucdp_api, tmp_path):
    from libya_conflict.errors import InputError

    with pytest.raises(FetchError, match="UCDP has no such GED version"):
        fetch("Libya", tmp_path / "x.csv", version="99.1")
    with pytest.raises(InputError, match="not a GED version"):
        check_version("latest")
    assert check_version("26.0.8") == "26.0.8"
    with pytest.raises(InputError, match="no Gleditsch-Ward code"):
        fetch("Puerto Rico", tmp_path / "x.csv")


def test_layout_of_names_the_missing_columns():
    assert layout_of(dict.fromkeys(UCDP_GED_49, 1), "p")[0] == "ucdp-ged"
    assert layout_of(dict.fromkeys(UCDP_GED_42, 1), "p")[0] == "ucdp-ged-19.1"
    with pytest.raises(FetchError, match="p: the events lack GED's columns"):
        layout_of({"id": 1, "country": "Libya"}, "p")
