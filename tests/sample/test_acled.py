"""The synthetic ACLED sample: layout, codes, the war's shape and geography, key events."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

import pandas as pd

from conftest import CANONICAL_DISTRICTS, export_tool_day
from libya_conflict import sample
from libya_conflict.sample import common


def _months(acled: pd.DataFrame) -> pd.Series:
    days = pd.to_datetime(acled["event_date"].map(export_tool_day))
    return days.dt.to_period("M").value_counts().sort_index()


def test_acled_layout_and_codes(generated: Path, acled: pd.DataFrame) -> None:
    raw = (generated / sample.ACLED_SAMPLE).read_bytes()
    assert b"\r" not in raw
    raw.decode("ascii")  # plain ASCII, so any odd byte in the dirty file is an injected one
    assert tuple(acled.columns) == sample.ACLED_2019_COLUMNS and len(acled.columns) == 34
    assert 2500 <= len(acled) <= 5000
    assert acled["event_id_cnty"].str.fullmatch(r"LBY\d+").all()
    assert acled["event_id_cnty"].is_unique and acled["data_id"].is_unique
    assert (acled["event_id_cnty"] == "LBY" + acled["event_id_no_cnty"]).all()
    assert acled["event_date"].str.fullmatch(r"\d{2} [A-Z][a-z]+ \d{4}").all()
    days = acled["event_date"].map(export_tool_day)
    assert days.notna().all()
    assert min(days) >= dt.date(2019, 1, 1) and max(days) <= dt.date(2020, 12, 31)
    assert (acled["year"].astype(int) == days.map(lambda d: d.year)).all()
    assert (acled[["iso", "iso3", "region", "country"]].drop_duplicates().values.tolist()
            == [["434", "LBY", "Northern Africa", "Libya"]])
    assert set(acled["admin1"]) <= {"East", "West", "South"}
    assert set(acled["time_precision"]) == {"1", "2", "3"}
    assert set(acled["geo_precision"]) == {"1", "2", "3"}
    assert (acled["time_precision"] == "1").mean() > 0.8
    assert (acled["geo_precision"] == "1").mean() > 0.6
    month_only = acled[acled["time_precision"] == "3"]
    assert month_only["event_date"].str.startswith("15 ").all()


def test_acled_interaction_disorder_and_targeting(acled: pd.DataFrame) -> None:
    inter1, inter2 = acled["inter1"].astype(int), acled["inter2"].astype(int)
    expected = [a * 10 if b == 0 else min(a, b) * 10 + max(a, b)
                for a, b in zip(inter1, inter2, strict=True)]
    assert (acled["interaction"].astype(int) == expected).all()
    assert ((acled["actor2"] == "") == (inter2 == 0)).all()
    disorder = sample.load_shape()["disorder_type"]
    assert (acled["disorder_type"] == acled["event_type"].map(disorder)).all()
    assert set(acled["civilian_targeting"]) == {"", "Civilian targeting"}
    targeted = acled["civilian_targeting"] == "Civilian targeting"
    assert (acled.loc[targeted, "actor2"] == "Civilians (Libya)").all()
    assert acled["fatalities"].str.fullmatch(r"\d+").all()


def test_acled_timestamps_follow_events(acled: pd.DataFrame) -> None:
    days = acled["event_date"].map(export_tool_day)
    midnight = days.map(lambda d: int(dt.datetime(d.year, d.month, d.day,
                                                  tzinfo=dt.UTC).timestamp()))
    lag_days = (acled["timestamp"].astype(int) - midnight) / 86400
    assert (lag_days > 1).all() and (lag_days < 40).all()


def test_acled_actors_are_known_to_the_shape_file(acled: pd.DataFrame) -> None:
    shape = sample.load_shape()
    names = {a["name"] for side in shape["sides"].values()
             for pool in ("ground", "air", "rear") for a in side[pool]}
    names |= {a["name"] for a in shape["fixed_actors"].values()}
    used = set(acled["actor1"]) | set(acled["actor2"]) - {""}
    assert used <= names
    assert "Islamic State (Libya)" in used and "Wagner Group" in used


def test_monthly_shape(acled: pd.DataFrame) -> None:
    months = _months(acled)
    assert len(months) == 24
    count = {str(k): int(v) for k, v in months.items()}
    quiet = (count["2019-01"] + count["2019-02"] + count["2019-03"]) / 3
    for month in ("2019-04", "2019-05", "2019-06"):
        assert count[month] >= 3 * quiet, month
    peak = max(count.values())
    for month in ("2020-11", "2020-12"):
        assert count[month] < 0.1 * peak, month
    # Peaks around July 2019, Dec 2019 - Jan 2020 and Apr - Jun 2020; collapse after June 2020.
    assert count["2019-07"] > count["2019-06"] and count["2019-07"] > count["2019-09"]
    assert count["2020-01"] > count["2019-11"] and count["2020-05"] == peak
    assert count["2020-07"] < 0.5 * count["2020-06"]


def test_wartime_geography(acled: pd.DataFrame) -> None:
    days = acled["event_date"].map(export_tool_day)
    war = (days >= dt.date(2019, 4, 4)) & (days <= dt.date(2020, 6, 4))
    south_tripoli = acled["location"].isin([
        "Tripoli - Ain Zara", "Tripoli - Salah al-Din", "Qasr bin Ghashir",
        "Tripoli - Airport Road", "Tripoli - Abu Salim"])
    assert south_tripoli[war].mean() > 0.3
    synthetic = acled["tags"] != "documented"
    sirte = acled["location"].eq("Sirte") & synthetic
    assert (days[sirte & (days < dt.date(2020, 1, 6))].size
            < 0.3 * days[sirte & (days >= dt.date(2020, 1, 6))].size)
    gharyan_after = acled["location"].eq("Gharyan") & (days > dt.date(2019, 7, 1))
    assert gharyan_after.sum() < acled["location"].eq("Gharyan").sum() / 2


def test_key_events_table() -> None:
    key = sample.load_key_events()
    assert list(key.columns) == ["date", "event", "description", "place", "district", "latitude",
                                 "longitude", "fatalities", "kind", "in_sample", "source"]
    assert key["event"].str.len().max() <= 40 and key["event"].is_unique
    assert set(key["kind"]) == {"attack", "territory", "political"}
    assert set(key.loc[key["district"] != "", "district"]) <= CANONICAL_DISTRICTS
    assert (key.loc[key["kind"] == "political", "in_sample"] == False).all()  # noqa: E712
    in_sample = key[key["in_sample"]]
    assert in_sample["district"].isin(CANONICAL_DISTRICTS).all()
    assert in_sample[["latitude", "longitude", "fatalities"]].notna().all().all()
    assert (key["source"] != "").all()


def test_key_events_agree_with_domain() -> None:
    # Dates, places and tolls as in ../shared/DOMAIN.md §5.
    key = sample.load_key_events()
    by_date: dict[str, list] = defaultdict(list)
    for row in key.itertuples():
        by_date[row.date.strftime("%Y-%m-%d")].append(row)
    attacks = {"2019-07-02": ("Tripoli", 53), "2019-08-04": ("Murzuq", 43),
               "2020-01-04": ("Tripoli", 30), "2020-05-16": ("Tripoli", 7),
               "2019-04-08": ("Tripoli", 0)}
    for day, (district, toll) in attacks.items():
        [row] = [r for r in by_date[day] if r.kind == "attack"]
        assert (row.district, int(row.fatalities)) == (district, toll), day
    territory = {"2019-04-04": "Jabal al Gharbi", "2019-04-05": "Jafara",
                 "2019-06-26": "Jabal al Gharbi", "2020-01-06": "Sirte",
                 "2020-04-13": "Nuqat al Khams", "2020-05-18": "Nuqat al Khams",
                 "2020-06-03": "Jafara", "2020-06-05": "Murqub"}
    for day, district in territory.items():
        [row] = [r for r in by_date[day] if r.kind == "territory"]
        assert row.district == district and row.fatalities == 0 and row.in_sample, day
    for day in ("2019-11-27", "2019-12-12", "2020-01-02", "2020-01-19", "2020-03-26",
                "2020-10-23"):
        assert any(r.kind == "political" for r in by_date[day]), day
    places = dict(zip(key["event"], key["place"], strict=True))
    assert places["GNA takes Tarhuna"] == "Tarhuna"
    assert places["GNA enters al-Watiya air base"] == "Al Watiya air base"
    assert places["Tajoura detention centre air strike"] == "Tajoura"


def test_every_documented_event_is_in_the_sample(acled: pd.DataFrame) -> None:
    key = sample.load_key_events()
    key = key[key["in_sample"]]
    documented = acled[acled["tags"] == "documented"]
    assert len(documented) == len(key)
    for event in key.itertuples():
        day = common._acled_date(event.date.date())
        rows = documented[(documented["event_date"] == day)
                          & (documented["latitude"].astype(float).round(4) == event.latitude)
                          & (documented["longitude"].astype(float).round(4) == event.longitude)]
        assert len(rows) == 1, event.event
        row = rows.iloc[0]
        assert int(row["fatalities"]) == event.fatalities, event.event
        assert row["source"] == event.source and row["time_precision"] == "1"
        assert "documented event" in row["notes"]


def test_synthetic_rows_are_all_tagged(acled: pd.DataFrame) -> None:
    first_tag = acled["tags"].str.split(";").str[0].str.strip()
    assert set(first_tag) == {"documented", "synthetic"}
    synthetic = acled[first_tag == "synthetic"]
    assert len(synthetic) > 2000
    assert synthetic["notes"].str.contains("[synthetic event:", regex=False).all()
    assert synthetic["notes"].str.match(r"On \d{1,2} [A-Z][a-z]+ \d{4}, ").all()
    assert not acled.loc[first_tag == "documented", "notes"].str.contains("synthetic").any()
