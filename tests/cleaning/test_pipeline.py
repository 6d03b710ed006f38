import json

import pandas as pd
import pytest

from conftest import acled_row, csv_text, ucdp_row, write_acled
from libya_conflict.cleaning.pipeline import clean
from libya_conflict.cleaning.schema import COLUMNS
from libya_conflict.reading.layouts import UCDP_GED_49


def identity_holds(report) -> bool:
    c = report.counts
    return c["read"] == (c["kept"] + c["out_of_scope"] + c["quarantined"] + c["duplicates"]
                         + c["deleted"])


def test_real_exports_give_the_known_libya_events(real_acled, real_ucdp):
    table, report = clean([real_acled, real_ucdp])
    assert report.counts == {"read": 10000, "kept": 12, "out_of_scope": 9988, "quarantined": 0,
                             "duplicates": 0, "deleted": 0}
    assert identity_holds(report)
    acled = table[table["dataset"] == "acled"]
    ucdp = table[table["dataset"] == "ucdp"]
    assert len(acled) == 8 and len(ucdp) == 4
    assert list(table.columns) == COLUMNS
    assert table["district"].notna().all() and table["region"].notna().all()
    assert not report.unknown_actors, report.unknown_actors
    assert sorted(ucdp["district"]) == ["Jufra", "Misrata", "Murzuq", "Sirte"]
    sabha = acled.set_index("event_id").loc["LBY11084"]
    assert (sabha["district"], sabha["region"], sabha["coalition1"]) == (
        "Sabha", "South", "unidentified_armed")
    assert set(acled["disorder_type"]) <= {"Political violence", "Demonstrations"}
    assert ucdp["fatalities"].sum() == 7 + 8 + 5 + 1


def test_accounting_with_duplicates_updates_and_deletions(tmp_path):
    rows = [
        acled_row(event_id_cnty="LBY1"),
        acled_row(event_id_cnty="LBY1"),                                   # exact duplicate
        acled_row(event_id_cnty="LBY2", fatalities="1", timestamp="1556000000"),
        acled_row(event_id_cnty="LBY2", fatalities="4", timestamp="1557000000"),  # re-coded
        acled_row(event_id_cnty="LBY3", timestamp="1556000000"),           # deleted later
        acled_row(event_id_cnty="LBY4", timestamp="1559000000"),           # re-added after deletion
        acled_row(event_id_cnty="TUN1", country="Tunisia"),                # out of scope
        acled_row(event_id_cnty="LBY5", fatalities="-2"),                  # quarantined
    ]
    older = write_acled(tmp_path / "old.csv", rows)
    newer = write_acled(tmp_path / "new.csv", [acled_row(event_id_cnty="LBY2", fatalities="5",
                                                         timestamp="1558000000")])
    deletions = tmp_path / "deletions.csv"
    deletions.write_text("event_id_cnty,deleted_timestamp\nLBY3,1557500000\nLBY4,1558500000\n")
    table, report = clean([older, newer], deletions=deletions)
    assert report.counts == {"read": 9, "kept": 3, "out_of_scope": 1, "quarantined": 1,
                             "duplicates": 3, "deleted": 1}
    assert (report.exact_duplicates, report.superseded, report.updated_events) == (1, 2, 1)
    assert identity_holds(report)
    by_id = table.set_index("event_id")
    assert by_id.loc["LBY2", "fatalities"] == 5
    assert by_id.loc["LBY2", "source_file"] == str(newer)
    assert sorted(by_id.index) == ["LBY1", "LBY2", "LBY4"]


def test_quarantine_keeps_reason_file_row_and_original_values(tmp_path):
    rows = [
        acled_row(event_id_cnty="LBY1"),
        acled_row(event_id_cnty="LBY2", event_date="2019-02-31"),
        acled_row(event_id_cnty="LBY3", fatalities="unknown"),
        acled_row(event_id_cnty="", notes="no id"),
        acled_row(event_id_cnty="LBY5", admin2="", location="", latitude="", longitude=""),
        acled_row(event_id_cnty="LBY6", time_precision="7"),
    ]
    path = write_acled(tmp_path / "bad.csv", rows)
    table, report = clean([path])
    assert report.kept == 1
    assert dict(report.quarantine_reasons) == {"bad_date": 1, "bad_fatalities": 1,
                                               "missing_event_id": 1, "unplaceable": 1,
                                               "bad_precision": 1}
    q = report.quarantine.set_index("source_row")
    assert q.loc[2, "reason"] == "bad_date"
    assert "2019-02-31" in q.loc[2, "detail"]
    assert q.loc[3, "detail"] == "fatalities 'unknown' is not a whole number >= 0"
    assert json.loads(q.loc[4, "original"])["notes"] == "no id"
    assert (q["source_file"] == str(path)).all()
    assert identity_holds(report)


def test_legacy_windows_1252_file_is_cleaned_into_the_current_taxonomy(tmp_path):
    header = ("GWNO,EVENT_ID_CNTY,EVENT_ID_NO_CNTY,EVENT_DATE,YEAR,TIME_PRECISION,EVENT_TYPE,"
              "ACTOR1,ALLY_ACTOR_1,INTER1,ACTOR2,ALLY_ACTOR_2,INTER2,INTERACTION,COUNTRY,ADMIN1,"
              "ADMIN2,ADMIN3,LOCATION,LATITUDE,LONGITUDE,GEO_PRECISION,SOURCE,NOTES,FATALITIES,,")
    lines = [
        header,
        '620,LBY5,5,16-Feb-15,2015,1,Remote violence,Military Forces of Libya (2014-) Haftar '
        'Faction,,1,Civilians (Libya),,7,17,Libya,Derna,,,Darnah,32.767,22.6367,1,AFP,'
        '"Air strike on Derna;\r\ncivilians’ homes hit",5,,',
        '620,LBY6,6,17-Feb-15,2015,3,Riots/Protests,Rioters (Libya),,5,,,0,50,Libya,Tarhunah,,,'
        'Tarhunah,32.435,13.6332,2,AFP,Riot,0,,',
    ]
    path = tmp_path / "old.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    table, report = clean([path])
    assert report.files[0].encoding == "windows-1252"
    assert report.files[0].layout == "acled-legacy"
    assert report.files[0].date_format == "%d-%b-%y"
    by_id = table.set_index("event_id")
    strike = by_id.loc["LBY5"]
    # February 2015: Haftar's forces are the Operation Dignity camp (the LNA from March 2016).
    assert (strike["event_type"], strike["district"], strike["coalition1"]) == (
        "Explosions/Remote violence", "Derna", "dignity")
    assert strike["civilian_targeting"]
    assert strike["notes"] == "Air strike on Derna; civilians’ homes hit"
    riot = by_id.loc["LBY6"]
    assert (riot["event_type"], riot["district"], riot["date_precision"]) == (
        "Riots", "Murqub", "month")
    assert riot["disorder_type"] == "Demonstrations"


def test_acled_and_ucdp_together_make_one_table(tmp_path):
    acled = write_acled(tmp_path / "acled.csv", [acled_row()])
    ucdp = tmp_path / "ged.csv"
    ucdp.write_text(csv_text(list(UCDP_GED_49), [ucdp_row()]))
    table, report = clean([acled, ucdp])
    assert sorted(table["dataset"]) == ["acled", "ucdp"]
    event = table[table["dataset"] == "ucdp"].iloc[0]
    assert (event["fatalities"], event["fatalities_low"], event["fatalities_high"]) == (3, 3, 4)
    assert (event["coalition1"], event["coalition2"]) == ("gna", "lna")
    assert event["district"] == "Tripoli" and event["date"] == pd.Timestamp("2019-04-10")


def test_unknown_actors_and_unplaced_places_are_listed_for_the_analyst(tmp_path):
    rows = [acled_row(actor1="Brand New Brigade", admin2="Atlantis", location="Lost Oasis",
                      latitude="32.1149", longitude="20.0686")]
    table, report = clean([write_acled(tmp_path / "a.csv", rows)])
    assert table.loc[0, "coalition1"] == "unknown"
    assert table.loc[0, "placed_by"] == "polygon"
    assert table.loc[0, "district"] == "Benghazi"
    assert report.unknown_actors == {"Brand New Brigade": 1}
    assert report.unplaced_places == {"Atlantis (admin2)": 1, "Lost Oasis (location)": 1}
    assert report.placement == {"polygon": 1}


def test_coordinates_outside_libya_are_flagged_not_used(tmp_path):
    rows = [acled_row(latitude="36.8", longitude="10.18")]
    table, report = clean([write_acled(tmp_path / "a.csv", rows)])
    assert table.loc[0, "coords_outside_libya"]
    assert table.loc[0, "placed_by"] == "admin2"
    assert report.coords_outside_libya == 1


def test_text_is_normalised_before_matching(tmp_path):
    rows = [acled_row(actor1="Military\u00a0Forces of Libya (2014-)  Haftar Faction",
                      admin2="Al\u00a0Jabal Al Akhdar", notes="CafÃ© shelled")]
    table, report = clean([write_acled(tmp_path / "a.csv", rows)])
    assert table.loc[0, "actor1"] == "Military Forces of Libya (2014-) Haftar Faction"
    assert table.loc[0, "coalition1"] == "lna"
    assert table.loc[0, "district"] == "Jabal al Akhdar"
    assert table.loc[0, "notes"] == "Café shelled"
    assert report.text_fixes.nbsp == 2 and report.text_fixes.mojibake == 1


def test_no_input_rows_gives_an_empty_valid_table(tmp_path):
    path = write_acled(tmp_path / "tunisia.csv", [acled_row(country="Tunisia")])
    table, report = clean([path])
    assert table.empty and list(table.columns) == COLUMNS
    assert report.counts["out_of_scope"] == 1 and identity_holds(report)


@pytest.mark.parametrize("engine", ["pandas", "duckdb"])
def test_both_engines_clean_the_real_file_identically(real_acled, engine):
    table, _ = clean([real_acled], engine=engine)
    reference, _ = clean([real_acled], engine="pandas")
    pd.testing.assert_frame_equal(table, reference)
