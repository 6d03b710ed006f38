"""ACLED API JSON pages: one page, several pages, one per line; errors in one line."""

from __future__ import annotations

import json

import pytest

from conftest import acled_row
from libya_conflict.cleaning.pipeline import clean
from libya_conflict.errors import InputError
from libya_conflict.reading.json_pages import as_text
from libya_conflict.reading.readers import read_export


def api_event(**values) -> dict:
    """An event as the current API returns it: numbers as numbers, inter codes as words."""
    row = acled_row(**values)
    event = {**row, "year": int(row["year"]), "iso": 434, "fatalities": int(row["fatalities"]),
             "geo_precision": 1, "timestamp": int(row["timestamp"]), "inter1": "State forces",
             "inter2": "State forces", "interaction": "State forces-State forces", "tags": None}
    event.update({k: v for k, v in values.items() if k in ("inter1", "inter2")})
    return event


def page(*events, **extra) -> dict:
    return {"status": 200, "success": True, "count": None, "data": list(events), **extra}


def test_one_page_reads_as_the_current_layout_with_inter_words(tmp_path):
    path = tmp_path / "page.json"
    path.write_text(json.dumps(page(api_event(), api_event(event_id_cnty="TUN1",
                                                           country="Tunisia"))))
    read = read_export(path)
    assert (read.layout.name, read.encoding, read.rows_read, read.out_of_scope) == (
        "acled-api-json", "json", 2, 1)
    table, report = clean([path])
    assert table.loc[0, "inter1"] == 1 and table.loc[0, "fatalities"] == 2
    assert report.files[0].layout == "acled-api-json"


@pytest.mark.parametrize("shape", ["array_of_pages", "json_lines", "bare_array"])
def test_several_pages_in_one_file_are_numbered_on(tmp_path, shape):
    first = page(api_event(event_id_cnty="LBY1"), api_event(event_id_cnty="LBY2"))
    second = page(api_event(event_id_cnty="LBY3"))
    path = tmp_path / "pages.json"
    if shape == "array_of_pages":
        path.write_text(json.dumps([first, second]))
    elif shape == "json_lines":
        path.write_text(json.dumps(first) + "\n" + json.dumps(second) + "\n")
    else:
        path.write_text(json.dumps(first["data"] + second["data"]))
    read = read_export(path)
    assert read.frame["event_id_cnty"].tolist() == ["LBY1", "LBY2", "LBY3"]
    assert read.frame["source_row"].tolist() == [1, 2, 3]


def test_pages_in_several_files_clean_together(tmp_path):
    paths = []
    for i, ids in enumerate([["LBY1", "LBY2"], ["LBY2", "LBY3"]]):
        path = tmp_path / f"page{i}.json"
        path.write_text(json.dumps(page(*[api_event(event_id_cnty=e) for e in ids])))
        paths.append(path)
    table, report = clean(paths)
    assert sorted(table["event_id"]) == ["LBY1", "LBY2", "LBY3"]
    assert report.counts["duplicates"] == 1 and report.balances()


@pytest.mark.parametrize("content, message", [
    ('{"status": 403, "success": false, "error": {"message": "Access denied"}}',
     "ACLED API error page"),
    ('{"status": 200, "rows": []}', "no 'data' array"),
    ('{"data": [1, 2]}', "event 1 of the 'data' array is not an object"),
    ('{"data": [{"name": "x"}]}', "JSON events lack ACLED field(s)"),
    ("{not json", "not valid JSON"),
])
def test_bad_json_is_one_line_naming_the_file(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(InputError) as err:
        read_export(path)
    assert message in str(err.value) and str(err.value).startswith(str(path))
    assert "\n" not in str(err.value)


def test_an_empty_page_past_the_last_one_reads_as_no_events(tmp_path):
    path = tmp_path / "page9.json"
    path.write_text(json.dumps(page()))
    table, report = clean([path])
    assert table.empty and report.counts["read"] == 0 and report.balances()


def test_a_json_page_saved_as_csv_is_still_recognised(tmp_path):
    path = tmp_path / "download.csv"
    path.write_text(json.dumps(page(api_event())))
    assert read_export(path).layout.name == "acled-api-json"


def test_values_become_the_text_a_csv_would_hold():
    assert [as_text(v) for v in (None, 3, 3.0, 0.3901, "x", True)] == [
        "", "3", "3", "0.3901", "x", "true"]
