"""ACLED exports of other years, written here as they were: every type canonical, nothing guessed.

The integrator checks these vintages on real files never seen here; these fixtures copy their
layouts: the old All-Africa workbook (upper-case columns, GWNO/ALLY_ACTOR, "Remote Violence"
and "Violence Against Civilians" capitalised), the old upper-case CSV in Windows-1252 with
dd/mm/yyyy dates, the export tool of 2018 (lower-case, data_id/iso3, no sub-event types, dates
like 16-Feb-18), and 2011 data (no sub_event_type, no civilian_targeting, no timestamp).
"""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import csv_text
from libya_conflict.cleaning.pipeline import clean
from libya_conflict.reference.taxonomy import current_event_types

QADHAFI = "Military Forces of Libya (1969-2011)"
REBELS = "NTC: National Transitional Council"
NATO = "NATO: North Atlantic Treaty Organization"
CIVILIANS = "Civilians (Libya)"
# type as the old files write it, actor1, inter1, actor2, inter2, location, admin1
OLD_EVENTS = [
    ("Remote Violence", NATO, 8, QADHAFI, 1, "Tripoli", "Tripoli"),
    ("Remote Violence", QADHAFI, 1, CIVILIANS, 7, "Misrata", "Misrata"),
    ("Violence Against Civilians", QADHAFI, 1, CIVILIANS, 7, "Az Zawiyah", "Az Zawiyah"),
    ("Violence against civilians", "Unidentified Armed Group (Libya)", 3, CIVILIANS, 7,
     "Benghazi", "Benghazi"),
    ("Battle-No change of territory", QADHAFI, 1, REBELS, 2, "Ajdabiya", "Al Wahat"),
    ("Battle-Government regains territory", QADHAFI, 1, REBELS, 2, "Brega", "Al Wahat"),
    ("Battle-Non-state actor overtakes territory", REBELS, 2, QADHAFI, 1, "Zintan",
     "Jabal al Gharbi"),
    ("Riots/Protests", "Protesters (Libya)", 6, "", 0, "Benghazi", "Benghazi"),
    ("Riots/Protests", "Rioters (Libya)", 5, "", 0, "Al Bayda", "Jabal al Akhdar"),
    ("Strategic development", REBELS, 2, "", 0, "Benghazi", "Benghazi"),
    ("Headquarters or base established", REBELS, 2, "", 0, "Benghazi", "Benghazi"),
    ("Non-violent transfer of territory", REBELS, 2, "", 0, "Tobruk", "Al Butnan"),
]
LEGACY_COLUMNS = ["GWNO", "EVENT_ID_CNTY", "EVENT_ID_NO_CNTY", "EVENT_DATE", "YEAR",
                  "TIME_PRECISION", "EVENT_TYPE", "ACTOR1", "ALLY_ACTOR_1", "INTER1", "ACTOR2",
                  "ALLY_ACTOR_2", "INTER2", "INTERACTION", "COUNTRY", "ADMIN1", "ADMIN2",
                  "ADMIN3", "LOCATION", "LATITUDE", "LONGITUDE", "GEO_PRECISION", "SOURCE",
                  "NOTES", "FATALITIES"]
EXPORT_2018 = ["data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year",
               "time_precision", "event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
               "assoc_actor_2", "inter2", "interaction", "region", "country", "admin1",
               "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
               "source", "source_scale", "notes", "fatalities", "timestamp", "iso3"]


def legacy_rows(date_text) -> list[dict]:
    rows = []
    for i, (etype, a1, i1, a2, i2, location, admin1) in enumerate(OLD_EVENTS, 1):
        rows.append({
            "GWNO": "620", "EVENT_ID_CNTY": f"LBY{i}", "EVENT_ID_NO_CNTY": str(i),
            "EVENT_DATE": date_text(i), "YEAR": "2011", "TIME_PRECISION": "1",
            "EVENT_TYPE": etype, "ACTOR1": a1, "ALLY_ACTOR_1": "", "INTER1": str(i1),
            "ACTOR2": a2, "ALLY_ACTOR_2": "", "INTER2": str(i2),
            "INTERACTION": str(min(i1, i2) * 10 + max(i1, i2)), "COUNTRY": "Libya",
            "ADMIN1": admin1, "ADMIN2": "", "ADMIN3": "", "LOCATION": location,
            "LATITUDE": "", "LONGITUDE": "", "GEO_PRECISION": "1", "SOURCE": "AFP",
            "NOTES": f"Event {i} in {location}; civilians’ homes hit", "FATALITIES": str(i % 4),
        })
    return rows


def check_canonical(table: pd.DataFrame, report) -> None:
    """What every vintage must give: canonical types, civilian harm counted, nothing guessed."""
    assert report.counts["quarantined"] == 0, dict(report.quarantine_reasons)
    assert len(table) == len(OLD_EVENTS) and not report.unknown_event_types
    assert set(table["event_type"]) <= set(current_event_types())
    assert table["event_type"].notna().all()
    vac = table["event_type"].eq("Violence against civilians").sum()
    assert table["civilian_targeting"].fillna(False).sum() >= vac == 2
    by_id = table.set_index("event_id")
    # Remote violence on civilians targets them; on Qadhafi's forces it does not.
    assert bool(by_id.loc["LBY2", "civilian_targeting"])
    assert not bool(by_id.loc["LBY1", "civilian_targeting"])
    # An old type that does not say how is not coded, never "none".
    assert pd.isna(by_id.loc["LBY1", "sub_event_type"])
    assert by_id.loc["LBY5", "sub_event_type"] == "Armed clash"
    assert by_id.loc["LBY9", "event_type"] == "Riots"
    assert by_id.loc["LBY8", "event_type"] == "Protests"
    assert set(table["disorder_type"]) <= {"Political violence", "Demonstrations",
                                           "Strategic developments"}
    assert table["timestamp"].isna().all()
    assert table["district"].notna().all()
    not_coded = set(report.files[0].not_coded)
    assert {"sub_event_type", "civilian_targeting", "timestamp"} <= not_coded


def test_old_all_africa_workbook(tmp_path):
    rows = legacy_rows(lambda i: f"2011-03-{i + 10:02d}")
    frame = pd.DataFrame(rows, columns=LEGACY_COLUMNS)
    frame["EVENT_DATE"] = pd.to_datetime(frame["EVENT_DATE"])   # Excel dates, as the workbook
    frame["FATALITIES"] = frame["FATALITIES"].astype(int)
    frame["GWNO"] = frame["GWNO"].astype(int)
    path = tmp_path / "ACLED_All_Africa_1997-2011.xlsx"
    frame.to_excel(path, index=False)
    table, report = clean([path])
    check_canonical(table, report)
    assert report.files[0].layout == "acled-legacy" and report.files[0].encoding == "xlsx"
    assert table["date"].min() == pd.Timestamp("2011-03-11")


def test_old_upper_case_csv_in_windows_1252(tmp_path):
    rows = legacy_rows(lambda i: f"{i + 10:02d}/03/2011")
    path = tmp_path / "ACLED_Libya_2011.csv"
    path.write_bytes(csv_text(LEGACY_COLUMNS, rows, newline="\r\n").encode("cp1252"))
    table, report = clean([path])
    check_canonical(table, report)
    assert (report.files[0].encoding, report.files[0].date_format) == ("windows-1252",
                                                                       "%d/%m/%Y")
    assert table.loc[0, "notes"].endswith("civilians’ homes hit")


@pytest.mark.parametrize("date_text, fmt", [
    (lambda i: f"{i + 10:02d}-Mar-18", "%d-%b-%y"),
    (lambda i: f"{i + 10:02d} March 2018", "%d %B %Y"),
])
def test_export_tool_file_of_2018(tmp_path, date_text, fmt):
    rows = []
    for legacy in legacy_rows(date_text):
        row = {c.lower(): v for c, v in legacy.items() if c not in ("GWNO",)}
        row.update(data_id=legacy["EVENT_ID_NO_CNTY"], iso="434", iso3="LBY",
                   region="Northern Africa", source_scale="National", timestamp="",
                   assoc_actor_1=legacy["ALLY_ACTOR_1"], assoc_actor_2=legacy["ALLY_ACTOR_2"],
                   year="2018")
        rows.append(row)
    path = tmp_path / "2018-03-01-2018-03-31-Libya.csv"
    path.write_text(csv_text(EXPORT_2018, rows))
    table, report = clean([path])
    check_canonical(table, report)
    assert report.files[0].layout == "acled-api-2018-2022"
    assert report.files[0].date_format == fmt


def test_2011_export_in_the_current_lower_case_layout_without_new_fields(tmp_path):
    columns = [c for c in (c.lower() for c in LEGACY_COLUMNS)
               if c not in ("gwno", "event_id_no_cnty")]
    columns = [c.replace("ally_actor", "assoc_actor") for c in columns]
    rows = [{c.lower().replace("ally_actor", "assoc_actor"): v for c, v in r.items()
             if c != "EVENT_ID_NO_CNTY"} for r in legacy_rows(lambda i: f"2011-03-{i + 10:02d}")]
    path = tmp_path / "libya_2011.csv"
    path.write_text(csv_text(columns, rows))
    table, report = clean([path])
    check_canonical(table, report)
    assert report.files[0].layout == "acled-current"
