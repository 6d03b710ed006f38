"""A schedule that fetches first: update, clean what changed, keep yesterday's data on failure."""

from __future__ import annotations

import hashlib
import io
import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from libya_conflict.errors import InputError
from libya_conflict.fetch import http
from libya_conflict.publishing.index_page import data_text
from libya_conflict.publishing.refresh import data_facts, sources_path
from libya_conflict.publishing.schedule import run_schedule
from libya_conflict.publishing.schedule_config import load_config
from report_helpers import write_test_notebook


def digests(root: Path) -> dict[str, str]:
    """The data and reports of a project (the indexes, rewritten every run, aside)."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in (root / "data", root / "reports") for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith((".", "index."))}


@pytest.fixture
def project(tmp_path, acled_api, ucdp_api, monkeypatch):
    """A schedule fetching ACLED (Libya, 2022) and UCDP GED 23.1 into one table."""
    monkeypatch.setattr(http, "DEFAULT_POLICY", http.HttpPolicy(
        attempts=2, budget=20, backoff=0.05, max_wait=2, read_timeout=5, deadline=10))
    monkeypatch.chdir(tmp_path)
    notebook = write_test_notebook(tmp_path / "nbs" / "test_briefing.ipynb")
    config = {
        "out": "reports", "data": "data/processed/events.parquet", "formats": ["ipynb"],
        "fetch": [
            {"source": "acled", "country": "Libya", "start": "2022-01-01", "end": "2022-06-30",
             "page_size": 5, "out": "data/raw/acled_libya.csv",
             "table": "data/processed/events.parquet"},
            {"source": "ucdp", "country": "Libya", "version": "23.1",
             "out": "data/raw/ucdp_libya.csv", "table": "data/processed/events.parquet"}],
        "briefings": [{"notebook": str(notebook), "period": "all",
                       "parameters": {"area": "Libya"}}]}
    path = tmp_path / "briefings.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return {"root": tmp_path, "config": path, "acled": acled_api, "ucdp": ucdp_api}


def schedule(project) -> tuple:
    stream = io.StringIO()
    result = run_schedule(project["config"], progress=False, stream=stream)
    index = json.loads((project["root"] / "reports" / "index.json").read_text())
    return result, stream.getvalue(), index


def test_fetch_clean_build_then_update_then_a_failed_fetch_keeps_everything(project,
                                                                           monkeypatch):
    root = project["root"]
    table = root / "data" / "processed" / "events.parquet"

    result, log, index = schedule(project)  # first run: everything is new
    assert result.exit_code == 0, log
    assert [o.status for o in result.refresh.sources] == ["fetched", "fetched"]
    assert [o.status for o in result.refresh.tables] == ["cleaned"]
    assert result.count("built") == 1
    record = json.loads(sources_path(table).read_text())
    assert record["events"] == 8 + 4 and record["country"] == "Libya"
    assert [s["label"] for s in record["sources"]] == ["ACLED Libya", "UCDP GED 23.1 Libya"]
    entry = index["briefings"][0]
    assert entry["data"]["path"] == str(table) and entry["data"]["label"] == "events.parquet"
    assert entry["data"]["as_of"] == min(s["fetched_at"] for s in record["sources"])
    assert entry["data"]["newest_event"] == record["newest_event"]
    page = (root / "reports" / "index.html").read_text()
    assert "Data (as of, age)" in page and "events.parquet, as of 20" in page
    assert "data: 2 sources (2 fetched, 0 failed), 1 tables cleaned" in result.summary()

    result, log, _ = schedule(project)  # nothing changed on the servers
    assert [o.status for o in result.refresh.sources] == ["unchanged", "unchanged"]
    assert "GED 23.1 already fetched" in log and len(project["ucdp"].log) == 1
    assert [o.status for o in result.refresh.tables] == ["unchanged"]
    assert result.count("unchanged") == 1 and result.exit_code == 0

    api = project["acled"]  # ACLED deletes one event and re-codes another
    now = max(int(r["timestamp"]) for r in api.events.values()) + 60
    libya = sorted(k for k, v in api.events.items() if v["country"] == "Libya")
    api.delete(libya[0], now)
    api.recode(libya[1], now, fatalities="5")
    result, log, index = schedule(project)
    assert [o.status for o in result.refresh.sources] == ["fetched", "unchanged"]
    assert [o.status for o in result.refresh.tables] == ["cleaned"]
    assert result.count("built") == 1 and result.exit_code == 0
    assert json.loads(sources_path(table).read_text())["events"] == 7 + 4
    kept, kept_index = digests(root), index

    api.expire_tokens(refresh_too=True)  # the next login is refused
    monkeypatch.setenv("ACLED_PASSWORD", "changed-and-wrong")
    api.delete(libya[2], now + 10)
    result, log, index = schedule(project)
    assert result.exit_code == 1
    failed = result.refresh.sources[0]
    assert failed.status == "failed" and "ACLED refused the login" in failed.message
    assert "keeping data/raw/acled_libya.csv as it was" in failed.message
    assert ("[fetch 1/2] FAILED acled Libya: ACLED refused the login for analyst@example.org: "
            "The user credentials were incorrect. (HTTP 400); keeping data/raw/acled_libya.csv "
            "as it was\n") in log
    assert "changed-and-wrong" not in log
    assert result.count("unchanged") == 1 and "1 failed)" in result.summary()
    assert digests(root) == kept  # yesterday's data, table and report, byte for byte
    assert index["briefings"][0]["data"] == kept_index["briefings"][0]["data"]


def test_a_raw_file_never_fetched_leaves_no_table(project):
    project["ucdp"].token = "another"  # UCDP refuses the token: its file is never written
    stream = io.StringIO()
    with pytest.raises(InputError, match="data: file not found: data/processed/events.parquet"):
        run_schedule(project["config"], progress=False, stream=stream)
    log = stream.getvalue()
    assert "[fetch 1/2] fetched acled Libya\n" in log
    assert "[fetch 2/2] FAILED ucdp Libya: UCDP GED 23.1, page 0: UCDP refused the access " \
        "token (HTTP 401); check UCDP_ACCESS_TOKEN\n" in log
    assert "[clean] FAILED data/processed/events.parquet: data/raw/ucdp_libya.csv never " \
        "fetched\n" in log  # half the sources would be a table that misleads
    assert not (project["root"] / "data" / "processed").exists()


# --- the schedule file's fetch: entries -------------------------------------------------------


def readme_fetch_example() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, flags=re.S)
    found = [b for b in blocks if b.lstrip().startswith("fetch:")]
    assert found, "the README shows a fetch: example"
    return found[0]


def test_the_readme_example_is_a_valid_schedule(tmp_path):
    path = tmp_path / "briefings.yaml"
    path.write_text(readme_fetch_example(), encoding="utf-8")
    config = load_config(path)
    assert [f["source"] for f in config["fetch"]] == ["acled", "ucdp"]
    assert {f["table"] for f in config["fetch"]} == {config["data"]}


@pytest.mark.parametrize("fetch, expected", [
    ({"source": "gdelt", "table": "t.parquet"}, "fetch 1: expected a mapping with 'source: "),
    ({"source": "acled", "table": "t.parquet", "version": "25.1"},
     "fetch 1: unknown keys version; valid keys for acled"),
    ({"source": "ucdp"}, "fetch 1: 'table' must name the cleaned table"),
    ({"source": "acled", "table": "t.parquet", "start": "May 2020"}, "is not a date"),
    ({"source": "acled", "table": "t.parquet", "page_size": 0}, "page_size must be a positive"),
    ({"source": "ucdp", "table": "t.parquet", "country": ["Libya", "Chad"]},
     "'country' must be a country name$"),
])
def test_bad_fetch_entries_are_one_line(tmp_path, fetch, expected):
    path = tmp_path / "briefings.yaml"
    path.write_text(yaml.safe_dump({"briefings": [], "fetch": [fetch]}), encoding="utf-8")
    with pytest.raises(InputError, match=expected):
        load_config(path)


def test_one_table_is_cleaned_for_one_country(tmp_path):
    path = tmp_path / "briefings.yaml"
    path.write_text(yaml.safe_dump({"briefings": [], "fetch": [
        {"source": "acled", "country": "Libya", "table": "t.parquet"},
        {"source": "ucdp", "country": "Chad", "table": "t.parquet"}]}), encoding="utf-8")
    with pytest.raises(InputError, match=r"fed by several countries \(Chad, Libya\)"):
        load_config(path)


def test_data_facts_and_their_words(tmp_path):
    table = tmp_path / "events.parquet"
    table.write_bytes(b"PAR1")
    facts = data_facts(table)
    assert facts["label"] == "events.parquet" and facts["as_of"].endswith("Z")
    assert data_facts("")["label"] == "the bundled sample (synthetic)"
    words = data_text({"label": "events.parquet", "as_of": "2026-01-28T06:30:00Z",
                       "newest_event": "2026-01-24"}, "2026-01-30T07:00:00Z")
    assert words == "events.parquet, as of 2026-01-28 06:30 (2 days old), events to 2026-01-24"
    assert data_text({"label": "x", "as_of": "2026-01-30T06:30:00Z"}, "2026-01-30T09:00:00Z") \
        == "x, as of 2026-01-30 06:30 (2 hours old)"
    assert data_text(None, None) == ""
