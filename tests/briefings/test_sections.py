"""Briefing layer: finding the data, escaping, and the parts of each report (no kernel)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from conftest import EVIL, IMG
from libya_conflict import files
from libya_conflict.briefings import (
    metadata,
    model,
    sections,
    war_sections,
)
from libya_conflict.briefings.parameters import check_parameters


def planted_table(sample_table: pd.DataFrame, path: Path) -> Path:
    """Write the sample with live markup planted in an actor, a place and a note."""
    table = sample_table.copy()
    row = table.index[(table["dataset"] == "acled")
                      & (table["date"] == pd.Timestamp("2020-05-16"))][0]
    table.loc[row, ["actor1", "location", "notes"]] = [f"{EVIL} Brigade", IMG,
                                                       f"Shelled {IMG} and {EVIL}"]
    table.loc[row, "fatalities"] = 90
    table.to_parquet(path, index=False)
    return path


def open_situation(**values) -> model.Briefing:
    params = check_parameters({"start": "2020-05-01", "end": "2020-05-31", "area": "Libya",
                               "data": "", "title": ""} | values)
    return model.open_briefing(params)


def test_the_banner_comes_first_and_the_headline_is_recorded(shown):
    b = open_situation()
    sections.show_title(b, "Situation briefing")
    sections.show_headline(b)
    banner, title, headline = shown
    assert metadata.SAMPLE_BANNER in banner["text/html"]
    assert title["text/markdown"].startswith("# Situation briefing: Libya, 1\u201331 May 2020")
    figures = headline[metadata.HEADLINE_MIMETYPE]
    assert {"start", "end", "area", "events", "fatalities", "civilian_targeting_events",
            "previous_events", "previous_fatalities", "dataset"} <= set(figures)
    assert json.loads(json.dumps(figures)) == figures
    assert f"{figures['events']:,}" in headline["text/html"]


def test_no_banner_for_data_without_synthetic_events(shown, sample_table, tmp_path):
    real = sample_table.assign(tags="")
    real.to_parquet(tmp_path / "real.parquet", index=False)
    b = open_situation(data=str(tmp_path / "real.parquet"))
    assert not b.synthetic
    sections.show_title(b, "Situation briefing")
    assert len(shown) == 1 and metadata.SAMPLE_BANNER not in json.dumps(shown)


def test_text_from_the_data_is_escaped_everywhere(shown, sample_table, tmp_path):
    path = planted_table(sample_table, tmp_path / "planted.parquet")
    b = open_situation(data=str(path))
    sections.show_summary(b)
    sections.show_significant_events(b)
    sections.show_data_notes(b)
    actor = model.open_briefing(check_parameters(
        {"side": "", "actor": f"{EVIL} Brigade", "start": "2020-05-01", "end": "2020-05-31",
         "data": str(path)}))
    assert len(actor.events) == 1  # an actor that appears once
    sections.show_title(actor, "Actor profile")
    sections.show_summary(actor)
    sections.show_headline(actor)
    text = json.dumps([{k: v for k, v in s.items() if k != metadata.HEADLINE_MIMETYPE}
                       for s in shown if isinstance(s, dict)])
    assert "<script" not in text and "<img" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text  # the planted place, escaped
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Brigade" in text  # the planted actor


def test_profiles_and_the_front(shown):
    side = model.open_briefing(check_parameters(
        {"side": "lna", "actor": "", "start": "2019-01-01", "end": "2020-12-31", "data": ""}))
    assert side.where == "LNA-aligned forces" and side.selection.side == "lna"
    assert sections.summary_paragraphs(side)[2].startswith("LNA-aligned forces most often faced")
    actor = model.open_briefing(check_parameters(
        {"side": "lna", "actor": "wagner", "start": "2019-01-01", "end": "2020-12-31",
         "data": ""}))
    assert actor.selection.actor_names == ["Wagner Group"]
    assert "names matched: Wagner Group" in actor.subject
    front = model.open_briefing(check_parameters(
        {"start": "2019-04-04", "end": "2020-10-23", "data": "",
         "front_districts": "Tripoli, Jafara, Murqub"}))
    assert set(front.events["district"]) <= {"Tripoli", "Jafara", "Murqub"}
    assert front.headline["area"] == "Tripoli, Jafara, Murqub"
    table = war_sections.phases_table(front)
    assert table["events"].sum() == len(front.events)
    war_sections.show_phases(front)
    war_sections.show_front(front)
    war_sections.show_shelling(front)
    war_sections.show_foreign(front)
    assert sum(1 for s in shown if not isinstance(s, dict)) == 2
    assert "shelling, artillery and missile attacks caused" in json.dumps(
        [s for s in shown if isinstance(s, dict)])


def test_the_stamp_records_where_the_numbers_come_from(shown):
    b = open_situation()
    sections.show_briefing_stamp(b)
    stamp = shown[0][metadata.STAMP_MIMETYPE]
    assert stamp["data_sha256"] == files.file_sha256(b.data_file)
    assert stamp["data_vintage"]["newest_event_date"] == "2020-12-30"
    assert stamp["synthetic"] is True and stamp["parameters"]["area"] == "Libya"
    assert stamp["package_version"] and stamp["run_at"].endswith("Z")
    assert json.loads(json.dumps(stamp)) == stamp


def test_datasets_side_by_side_or_a_sentence_when_only_one(shown, sample_table, tmp_path):
    sections.show_datasets(open_situation())
    assert len(shown) == 2 and "never added up" in shown[0]["text/markdown"]
    shown.clear()
    acled = sample_table[sample_table["dataset"] == "acled"]
    acled.to_parquet(tmp_path / "acled.parquet", index=False)
    sections.show_datasets(open_situation(data=str(tmp_path / "acled.parquet")))
    assert len(shown) == 1 and "ACLED events only" in shown[0]["text/markdown"]


