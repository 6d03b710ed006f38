"""fetch ucdp --download: a GED release's CSV zip, built at test time from the real sample."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from api_standins import read_rows
from libya_conflict.fetch.http import FetchError, HttpPolicy
from libya_conflict.fetch.output import manifest_path
from libya_conflict.fetch.ucdp import fetch_ucdp

FAST = HttpPolicy(attempts=2, budget=20, backoff=0.01, max_wait=2, connect_timeout=2,
                  read_timeout=5, deadline=10)


def zipped(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("readme.txt", "UCDP GED")
        archive.writestr(name, data)
    return buffer.getvalue()


def download(ucdp_api, out, path="/downloads/ged/ged231-csv.zip", **kw):
    return fetch_ucdp("Libya", out=out, download=ucdp_api.url + path, policy=FAST,
                      progress=False, **kw)


def test_a_release_zip_keeps_one_countrys_events_with_the_releases_header(ucdp_api, real_ucdp,
                                                                         tmp_path, monkeypatch):
    from libya_conflict.cleaning.pipeline import clean

    monkeypatch.delenv("UCDP_ACCESS_TOKEN")  # no token needed
    ucdp_api.downloads["/downloads/ged/ged231-csv.zip"] = zipped("GEDEvent_v23_1.csv",
                                                                 real_ucdp.read_bytes())
    out = tmp_path / "ucdp_libya.csv"
    result = download(ucdp_api, out)
    with open(real_ucdp, encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    with open(out, encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == header
    assert [dict(r) for r in read_rows(out)] == [r for r in read_rows(real_ucdp)
                                                 if r["country_id"] == "620"]
    manifest = json.loads(manifest_path(out).read_text())
    assert manifest["rows"] == {"read": 1000, "kept": 4, "other_countries": 996, "written": 4}
    assert manifest["member"] == "GEDEvent_v23_1.csv" and result.manifest["layout"] == "ucdp-ged"
    assert "x-ucdp-access-token" not in {k.lower() for k in ucdp_api.log[-1]["headers"]}
    table, report = clean([out], country="Libya")
    assert report.counts["read"] == 4 and report.balances()


def test_a_candidate_without_a_header_stays_without_one(ucdp_api, real_ucdp, tmp_path):
    body = real_ucdp.read_bytes().split(b"\n", 1)[1]  # candidate releases ship no header row
    ucdp_api.downloads["/downloads/candidate/ged26_0_8.csv"] = body
    out = tmp_path / "ucdp_libya.csv"
    result = download(ucdp_api, out, "/downloads/candidate/ged26_0_8.csv")
    assert result.manifest["header"] is False and result.manifest["rows"]["kept"] == 4
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4 and all(line.split(",")[0].isdigit() for line in lines)


@pytest.mark.parametrize("body, expected", [
    (zipped("notes.txt", b"nothing"), "the zip holds no .csv file"),
    (b"PK\x03\x04 not really a zip", "unknown layout"),
    (zipped("acled.csv", b"event_id_cnty,event_date\nLBY1,2020-01-01\n"), "missing required"),
])
def test_a_download_that_is_not_a_ged_release_fails(ucdp_api, tmp_path, body, expected):
    ucdp_api.downloads["/downloads/bad.zip"] = body
    with pytest.raises(FetchError, match=expected):
        download(ucdp_api, tmp_path / "x.csv", "/downloads/bad.zip")
    assert not (tmp_path / "x.csv").exists()


def test_a_missing_release_and_a_url_that_is_not_http(ucdp_api, tmp_path):
    from libya_conflict.errors import InputError

    with pytest.raises(FetchError, match="HTTP 404"):
        download(ucdp_api, tmp_path / "x.csv", "/downloads/none.zip")
    with pytest.raises(InputError, match="not an http"):
        fetch_ucdp("Libya", out=tmp_path / "x.csv", download="file:///etc/passwd")
