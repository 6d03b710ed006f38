"""Tests of the reports' index: entries, skipping what is current, and the escaped page."""

from __future__ import annotations

import json
import re
from pathlib import Path

from libya_conflict.publishing.index_page import (
    INDEX_HTML,
    INDEX_JSON,
    failed_entry,
    now_utc,
    read_index,
    render_index,
    unchanged,
    write_index,
)
from libya_conflict.publishing.schedule_config import Run
from report_helpers import PLANTED_IMG, PLANTED_SCRIPT


def good_entry(out: Path) -> dict:
    (out / "situation_briefing").mkdir(parents=True, exist_ok=True)
    files = {}
    for fmt in ("ipynb", "html"):
        path = out / "situation_briefing" / f"april.{fmt}"
        path.write_text("x", encoding="utf-8")
        files[fmt] = path.relative_to(out).as_posix()
    return {"key": "k", "notebook": "situation_briefing", "slug": "april", "status": "ok",
            "parameters": {"start": "2020-04-01", "end": "2020-04-30", "area": "Libya"},
            "headline": {"events": 12, "previous_events": 20, "fatalities": 30,
                         "previous_fatalities": 25},
            "files": files, "fingerprint": "fp", "built_at": "2020-05-01T00:00:00Z",
            "synthetic": True}


def test_index_escapes_everything():
    entry = {"key": "k", "notebook": "actor_profile", "slug": "s", "status": "failed",
             "parameters": {"actor": PLANTED_SCRIPT, "start": "2020-01-01", "end": "2020-01-31"},
             "headline": {"events": 3, "previous_events": 1}, "files": {"html": "a/<b>.html"},
             "error": "cell 2: ValueError: " + PLANTED_IMG, "built_at": "2020-02-01T00:00:00Z"}
    page = render_index({"generated_at": "now", "briefings": [entry]})
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
    assert 'href="a/%3Cb%3E.html"' in page
    assert "Actor profiles" in page and "3 (+2)" in page


def test_write_index_then_read_it_back(tmp_path):
    entry = good_entry(tmp_path)
    page = write_index(tmp_path, [entry], Path("config/briefings.yaml"))
    assert page == tmp_path / INDEX_HTML
    index = read_index(tmp_path)
    assert index["briefings"] == [entry] and index["schedule"] == "config/briefings.yaml"
    text = page.read_text(encoding="utf-8")
    assert "Situation briefings" in text
    assert "12 (-8)" in text and "30 (+5)" in text  # changes on the previous period
    assert "Sample data" in text  # synthetic data is said so on the index too
    assert not re.search(r"(src|href)=\"https?:", text)


def test_a_missing_or_broken_index_reads_as_empty(tmp_path):
    assert read_index(tmp_path) == {"briefings": []}
    (tmp_path / INDEX_JSON).write_text("{not json", encoding="utf-8")
    assert read_index(tmp_path) == {"briefings": []}
    (tmp_path / INDEX_JSON).write_text(json.dumps({"briefings": "x"}), encoding="utf-8")
    assert read_index(tmp_path) == {"briefings": []}


def test_unchanged_needs_the_same_fingerprint_a_good_run_and_every_file(tmp_path):
    entry = good_entry(tmp_path)
    assert unchanged(entry, "fp", tmp_path)
    assert not unchanged(entry, "other", tmp_path)
    assert not unchanged(None, "fp", tmp_path)
    assert not unchanged(dict(entry, status="failed"), "fp", tmp_path)
    (tmp_path / entry["files"]["html"]).unlink()
    assert not unchanged(entry, "fp", tmp_path)


def test_a_failed_run_keeps_the_previous_report_in_its_entry(tmp_path):
    previous = good_entry(tmp_path)
    run = Run(tmp_path / "situation_briefing.ipynb", {"start": "2020-04-01"}, ("html",))
    entry = failed_entry(run, previous, "cell 3: ValueError: boom", "x.failed.ipynb")
    assert entry["files"] == previous["files"] and entry["headline"] == previous["headline"]
    assert entry["status"] == "failed" and entry["error"] == "cell 3: ValueError: boom"
    assert entry["failed_notebook"] == "x.failed.ipynb"
    first = failed_entry(run, None, "boom")
    assert first["files"] == {} and first["key"] == run.key


def test_now_utc_is_to_the_second():
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", now_utc())
