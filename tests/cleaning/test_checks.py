"""Row-level checks: impossible or implausible values are quarantined or nulled, never fatal."""

from __future__ import annotations

import os

import pandas as pd

from conftest import REAL_UCDP, acled_row, csv_text, ucdp_row, write_acled
from libya_conflict.cleaning import checks
from libya_conflict.cleaning.pipeline import clean
from libya_conflict.reading.layouts import UCDP_GED_49


def bad_rows_file(tmp_path):
    rows = [
        acled_row(event_id_cnty="LBY1"),                                    # sound
        acled_row(event_id_cnty="LBY2", latitude="200"),                    # named: kept
        acled_row(event_id_cnty="LBY3", longitude="-500", admin2="", location=""),  # lost
        acled_row(event_id_cnty="LBY4", fatalities="1000000000"),
        acled_row(event_id_cnty="LBY5", event_date="1899-04-10", year="1899"),
        acled_row(event_id_cnty="LBY6", event_date="2031-04-10", year="2031"),
        acled_row(event_id_cnty="LBY7", inter1="9"),
        acled_row(event_id_cnty="LBY8", event_type="Skirmish", sub_event_type=""),
        acled_row(event_id_cnty="LBY9", latitude="", longitude="13.2"),      # half a pair
    ]
    return write_acled(tmp_path / "bad.csv", rows)


def test_impossible_and_implausible_rows_are_quarantined_or_nulled_and_counted(tmp_path):
    table, report = clean([bad_rows_file(tmp_path)])
    assert report.counts["read"] == 9 and report.balances()
    assert dict(report.quarantine_reasons) == {
        "coordinates_out_of_range": 1, "implausible_fatalities": 1, "date_before_dataset": 1,
        "date_after_export": 1}
    by_id = table.set_index("event_id")
    assert sorted(by_id.index) == ["LBY1", "LBY2", "LBY7", "LBY8", "LBY9"]
    assert pd.isna(by_id.loc["LBY2", "latitude"]) and pd.isna(by_id.loc["LBY2", "longitude"])
    assert by_id.loc["LBY2", "flags"] == "coordinates_out_of_range"
    assert by_id.loc["LBY2", "district"] == "Tripoli"
    assert pd.isna(by_id.loc["LBY7", "inter1"]) and by_id.loc["LBY7", "flags"] == (
        "inter_out_of_range")
    assert pd.isna(by_id.loc["LBY8", "event_type"]) and "unknown_event_type" in (
        by_id.loc["LBY8", "flags"])
    assert by_id.loc["LBY9", "flags"] == "coordinates_out_of_range"
    assert by_id.loc["LBY1", "flags"] == ""
    assert report.flags == {"coordinates_out_of_range": 2, "inter_out_of_range": 1,
                            "unknown_event_type": 1}
    assert report.unknown_event_types == {"Skirmish": 1}
    q = report.quarantine.set_index("event_id")
    assert "1000000000" in q.loc["LBY4", "detail"] and "543,176" in q.loc["LBY4", "detail"]
    assert "before ACLED began" in q.loc["LBY5", "detail"]
    assert "after the export was made" in q.loc["LBY6", "detail"]


def test_a_month_precise_event_may_lie_past_an_early_export(tmp_path):
    path = write_acled(tmp_path / "a.csv", [
        acled_row(event_id_cnty="LBY1", event_date="2020-05-15", time_precision="3"),
        acled_row(event_id_cnty="LBY2", event_date="2020-05-15", time_precision="1")])
    made = pd.Timestamp("2020-05-05").timestamp()
    os.utime(path, (made, made))
    table, report = clean([path])
    assert table["event_id"].tolist() == ["LBY1"]
    assert dict(report.quarantine_reasons) == {"date_after_export": 1}


def test_a_file_time_from_before_the_dataset_says_nothing_about_the_export(tmp_path):
    path = write_acled(tmp_path / "a.csv", [acled_row(timestamp="")])
    stamp = pd.Timestamp("1980-01-01").timestamp()  # what a zip gives its members
    os.utime(path, (stamp, stamp))
    table, report = clean([path])
    assert len(table) == 1 and not report.quarantine_reasons


def test_the_largest_real_ucdp_event_is_far_below_the_bound():
    if REAL_UCDP.exists():
        best = pd.read_csv(REAL_UCDP, usecols=["best"])["best"]
        assert best.max() == 3000 and best.max() < checks.MAX_FATALITIES


def test_ucdp_rows_get_the_same_checks(tmp_path):
    rows = [ucdp_row(), ucdp_row(id="2", best="600000"), ucdp_row(id="3",
                                                                  date_start="1985-01-01",
                                                                  date_end="1985-01-02"),
            ucdp_row(id="4", date_start="2019-04-12 00:00:00.000",
                     date_end="2019-04-10 00:00:00.000")]
    path = tmp_path / "ged.csv"
    path.write_text(csv_text(list(UCDP_GED_49), rows))
    table, report = clean([path])
    assert dict(report.quarantine_reasons) == {"implausible_fatalities": 1,
                                               "date_before_dataset": 1}
    backwards = table.set_index("event_id").loc["4"]
    assert backwards["date_end"] == backwards["date"] and backwards["flags"] == (
        "date_end_before_date")


def test_other_countries_keep_rows_with_impossible_coordinates_nulled(tmp_path):
    rows = [acled_row(event_id_cnty="TUN1", country="Tunisia", admin1="Sfax", latitude="95")]
    table, report = clean([write_acled(tmp_path / "t.csv", rows)], country="Tunisia")
    assert report.counts["kept"] == 1 and table.loc[0, "flags"] == "coordinates_out_of_range"
    assert table.loc[0, "district"] == "Sfax"
