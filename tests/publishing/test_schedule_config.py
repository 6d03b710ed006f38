"""Tests of ``schedule``: expansion, skipping unchanged runs, failures, kills, lock and index."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import REPO
from libya_conflict.errors import InputError
from libya_conflict.publishing.schedule_config import expand, latest_start, load_config, months
from report_helpers import (
    write_test_notebook,
)


def test_months_cover_every_calendar_month_between_two_dates():
    assert months(dt.date(2019, 12, 15), dt.date(2020, 2, 3)) == [
        (dt.date(2019, 12, 1), dt.date(2019, 12, 31)), (dt.date(2020, 1, 1), dt.date(2020, 1, 31)),
        (dt.date(2020, 2, 1), dt.date(2020, 2, 29))]


@pytest.mark.parametrize(("count", "unit", "start"), [
    (4, "weeks", dt.date(2020, 12, 3)), (1, "day", dt.date(2020, 12, 30)),
    (1, "month", dt.date(2020, 12, 1)), (10, "months", dt.date(2020, 3, 1))])
def test_latest_period_ends_on_the_last_event(count, unit, start):
    assert latest_start(dt.date(2020, 12, 30), count, unit) == start


def test_expand_periods_and_each(tmp_path):
    notebook = write_test_notebook(tmp_path / "test_briefing.ipynb")
    config = {"formats": ["html"], "briefings": [
        {"notebook": str(notebook), "period": "each-month", "parameters": {"area": "Libya"}},
        {"notebook": str(notebook), "period": "latest-2-weeks",
         "each": {"area": ["Misrata", "Sirte"]}},
        {"notebook": str(notebook), "data": "other.parquet", "formats": ["pdf"]},
        {"notebook": str(notebook), "period": "each-month", "parameters": {"area": "Libya"}},
    ]}
    seen = []

    def data_range(data):
        seen.append(data)
        return dt.date(2020, 1, 20), dt.date(2020, 3, 14)

    runs = expand(config, data_range)
    assert [r.parameters for r in runs] == [
        {"area": "Libya", "start": "2020-01-01", "end": "2020-01-31"},
        {"area": "Libya", "start": "2020-02-01", "end": "2020-02-29"},
        {"area": "Libya", "start": "2020-03-01", "end": "2020-03-31"},
        {"area": "Misrata", "start": "2020-03-01", "end": "2020-03-14"},
        {"area": "Sirte", "start": "2020-03-01", "end": "2020-03-14"},
        {"data": "other.parquet"},
    ]  # the repeated briefing is not run twice
    assert [r.formats for r in runs][-2:] == [("html",), ("pdf",)]
    assert set(seen) == {""}  # dates are read only for briefings with a period


@pytest.mark.parametrize(("text", "message"), [
    ("briefings: {}", "'briefings' list"),
    ("briefings: [{parameters: {}}]", "briefing 1: expected a mapping with 'notebook: NAME'"),
    ("briefings: [{notebook: x, period: weekly}]", "period 'weekly' is not valid"),
    ("briefings: [{notebook: x, evry: {}}]", "unknown keys evry"),
    ("briefings: [{notebook: x, each: {side: []}}]", "non-empty lists"),
    ("briefings: [\n", "not valid YAML"),
])
def test_bad_schedules_are_one_clear_line(tmp_path, text, message):
    path = tmp_path / "briefings.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        load_config(path)
    assert "\n" not in str(caught.value)


def test_default_schedule_expands_as_documented():
    config = load_config(REPO / "config" / "briefings.yaml")
    names = [b["notebook"] for b in config["briefings"]]
    assert names == ["situation_briefing", "situation_briefing", "tripoli_offensive",
                     "district_profile", "actor_profile", "data_quality"]
    if not (REPO / "notebooks" / "situation_briefing.ipynb").exists():
        pytest.skip("the briefing notebooks are not in notebooks/ yet")
    runs = expand(config, lambda data: (dt.date(2019, 1, 1), dt.date(2020, 12, 30)))
    assert len(runs) == 24 + 1 + 1 + 8 + 4 + 1
    assert runs[24].parameters == {"area": "Greater Tripoli", "start": "2020-12-03",
                                   "end": "2020-12-30"}
    assert {r.parameters.get("side") for r in runs} >= {"gna", "lna", "foreign_gna",
                                                        "foreign_lna"}
