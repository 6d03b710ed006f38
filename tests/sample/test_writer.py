"""Tests of the synthetic sample: determinism, the war's shape, documented events, layouts, the
dirty variant's manifest and the large export."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd
import pytest

from libya_conflict import sample
from libya_conflict.sample import common

REPO = Path(__file__).resolve().parents[2]
COMMITTED = REPO / "data" / "sample"
CANONICAL_DISTRICTS = {
    "Al Butnan", "Al Wahat", "Benghazi", "Derna", "Ghat", "Jabal al Akhdar", "Jabal al Gharbi",
    "Jafara", "Jufra", "Kufra", "Marj", "Misrata", "Murqub", "Murzuq", "Nalut", "Nuqat al Khams",
    "Sabha", "Sirte", "Tripoli", "Wadi al Hayaa", "Wadi al Shatii", "Zawiya",
}
MONTH_NUMBER = {name: i + 1 for i, name in enumerate(sample.MONTHS)}


# --------------------------------------------------------------------------------------------------
# fixtures and helpers
# --------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    sample.write_sample(out, dirty=True)
    return out


@pytest.fixture(scope="module")
def acled(generated: Path) -> pd.DataFrame:
    return pd.read_csv(generated / sample.ACLED_SAMPLE, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def ucdp(generated: Path) -> pd.DataFrame:
    return pd.read_csv(generated / sample.UCDP_SAMPLE, keep_default_na=False,
                       dtype={"adm_2": str, "gwnoa": str, "gwnob": str})


@pytest.fixture(scope="module")
def manifest(generated: Path) -> dict:
    return json.loads((generated / sample.DIRTY_MANIFEST).read_text(encoding="utf-8"))


def _acled_day(text: str) -> dt.date | None:
    match = re.fullmatch(r"(\d{2}) ([A-Z][a-z]+) (\d{4})", text)
    if not match or match.group(2) not in MONTH_NUMBER:
        return None
    try:
        return dt.date(int(match.group(3)), MONTH_NUMBER[match.group(2)], int(match.group(1)))
    except ValueError:
        return None


def _months(acled: pd.DataFrame) -> pd.Series:
    days = pd.to_datetime(acled["event_date"].map(_acled_day))
    return days.dt.to_period("M").value_counts().sort_index()


# --------------------------------------------------------------------------------------------------
# determinism
# --------------------------------------------------------------------------------------------------
def test_write_sample_is_byte_identical_between_runs(tmp_path: Path) -> None:
    first = sample.write_sample(tmp_path / "a", dirty=True)
    second = sample.write_sample(tmp_path / "b", dirty=True)
    assert [p.name for p in first] == [p.name for p in second] == [
        sample.ACLED_SAMPLE, sample.UCDP_SAMPLE, sample.DIRTY_SAMPLE, sample.DELETIONS_SAMPLE,
        sample.DIRTY_MANIFEST]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_committed_sample_matches_generator(generated: Path) -> None:
    for name in (sample.ACLED_SAMPLE, sample.UCDP_SAMPLE):
        committed = COMMITTED / name
        assert committed.exists(), f"{committed} missing: run `libya-conflict sample`"
        assert committed.read_bytes() == (generated / name).read_bytes(), (
            f"{name} differs from the generator's output: regenerate with `libya-conflict sample`")


def test_other_seed_gives_other_sample(tmp_path: Path, generated: Path) -> None:
    other = sample.write_sample(tmp_path, seed=7)[0]
    assert other.read_bytes() != (generated / sample.ACLED_SAMPLE).read_bytes()


# --------------------------------------------------------------------------------------------------
# ACLED layout
# --------------------------------------------------------------------------------------------------
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
    days = acled["event_date"].map(_acled_day)
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
    days = acled["event_date"].map(_acled_day)
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


# --------------------------------------------------------------------------------------------------
# the war's shape
# --------------------------------------------------------------------------------------------------
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
    days = acled["event_date"].map(_acled_day)
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


# --------------------------------------------------------------------------------------------------
# documented events and the key-events table
# --------------------------------------------------------------------------------------------------
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


# --------------------------------------------------------------------------------------------------
# UCDP
# --------------------------------------------------------------------------------------------------
def test_ucdp_layout(generated: Path, ucdp: pd.DataFrame) -> None:
    assert tuple(ucdp.columns) == sample.UCDP_COLUMNS and len(ucdp.columns) == 49
    assert b"\r" not in (generated / sample.UCDP_SAMPLE).read_bytes()
    assert 200 <= len(ucdp) <= 1000
    assert ucdp["id"].is_unique
    for column in ("date_start", "date_end"):
        assert ucdp[column].str.fullmatch(r"20(19|20)-\d\d-\d\d 00:00:00\.000").all()
    assert (ucdp["date_start"] <= ucdp["date_end"]).all()
    assert (ucdp["year"].astype(str) == ucdp["date_start"].str[:4]).all()
    assert set(ucdp["country"]) == {"Libya"} and set(ucdp["country_id"]) == {620}
    assert set(ucdp["region"]) == {"Africa"}
    assert ucdp["adm_1"].str.endswith(" district").all()
    assert ucdp["where_prec"].nunique() >= 3 and ucdp["date_prec"].nunique() >= 2
    assert (ucdp["geom_wkt"] == "POINT (" + ucdp["longitude"].astype(str) + " "
            + ucdp["latitude"].astype(str) + ")").all()


def test_ucdp_header_matches_real_file(real_ucdp: Path) -> None:
    header = real_ucdp.read_text(encoding="utf-8").split("\n", 1)[0].split(",")
    assert tuple(header) == sample.UCDP_COLUMNS


def test_ucdp_deaths_and_dyads(ucdp: pd.DataFrame) -> None:
    deaths = ucdp[["deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"]].sum(axis=1)
    assert (deaths == ucdp["best"]).all()
    assert (ucdp["best"] >= 1).all()
    assert ((ucdp["low"] <= ucdp["best"]) & (ucdp["best"] <= ucdp["high"])).all()
    types = ucdp["type_of_violence"].value_counts()
    assert set(types.index) == {1, 2, 3} and types[2] < types[3] < types[1]
    state = ucdp[ucdp["type_of_violence"] == 1]
    assert set(state["side_a"]) == {"Government of Libya"}
    assert set(state["side_b"]) == {"Forces of the House of Representatives"}
    assert set(state["dyad_new_id"]) == {14059}
    one_sided = ucdp[ucdp["type_of_violence"] == 3]
    assert set(one_sided["side_b"]) == {"Civilians"}
    assert (one_sided["deaths_civilians"] == one_sided["best"]).all()
    assert (ucdp["event_clarity"] == 2).sum() > 0


def test_ucdp_derived_from_the_same_events(acled: pd.DataFrame, ucdp: pd.DataFrame) -> None:
    assert len(ucdp) < (acled["fatalities"].astype(int) > 0).sum()
    assert ucdp["best"].sum() <= acled["fatalities"].astype(int).sum()
    documented = ucdp[ucdp["source_original"] == "documented"]
    assert sorted(documented["best"]) == [7, 30, 43, 53]
    assert set(ucdp["source_original"]) == {"documented", "synthetic"}


# --------------------------------------------------------------------------------------------------
# dirty variant: the manifest agrees with the file (checked here without the cleaning pipeline)
# --------------------------------------------------------------------------------------------------
def _decode_mixed(raw: bytes) -> str:
    lines = []
    for line in raw.split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(line.decode("cp1252"))
    return "\n".join(lines)


def _reference_report(export: Path, deletions: Path) -> dict:
    """Count the dirty file's defects the simple way, to check the manifest's arithmetic."""
    raw = export.read_bytes()
    rows = list(csv.DictReader(io.StringIO(_decode_mixed(raw))))
    libya = [r for r in rows if r["country"] == "Libya"]
    reasons: Counter[str] = Counter()
    valid = []
    for r in libya:
        if not r["event_id_cnty"]:
            reasons["missing_event_id"] += 1
        elif _acled_day(r["event_date"]) is None:
            reasons["bad_date"] += 1
        elif not r["fatalities"].isdigit():
            reasons["bad_fatalities"] += 1
        else:
            valid.append(r)
    seen: set[tuple[str, ...]] = set()
    versions: dict[str, list[dict[str, str]]] = defaultdict(list)
    exact = 0
    for r in valid:
        key = tuple(r.values())
        if key in seen:
            exact += 1
            continue
        seen.add(key)
        versions[r["event_id_cnty"]].append(r)
    superseded = sum(len(v) - 1 for v in versions.values())
    updated = sum(len(v) > 1 for v in versions.values())
    latest = {k: max(v, key=lambda r: int(r["timestamp"])) for k, v in versions.items()}
    deleted_at = {r["event_id_cnty"]: int(r["deleted_timestamp"])
                  for r in csv.DictReader(io.StringIO(deletions.read_text(encoding="utf-8")))}
    deleted = sum(1 for k, r in latest.items()
                  if k in deleted_at and deleted_at[k] > int(r["timestamp"]))
    quarantined = sum(reasons.values())
    return {
        "counts": {"read": len(rows), "kept": len(latest) - deleted,
                   "out_of_scope": len(rows) - len(libya), "quarantined": quarantined,
                   "duplicates": exact + superseded, "deleted": deleted},
        "duplicates": {"exact": exact, "superseded": superseded},
        "updated_events": updated,
        "quarantine_reasons": dict(reasons),
        "nbsp_fields": sum("\u00a0" in v for r in rows for v in r.values()),
        "windows_1252_bytes": raw.count(b"\x92"),
    }


def test_dirty_manifest_matches_the_dirty_file(generated: Path, manifest: dict) -> None:
    ref = _reference_report(generated / sample.DIRTY_SAMPLE, generated / sample.DELETIONS_SAMPLE)
    expected = manifest["expected_report"]
    assert ref["counts"] == expected["counts"]
    counts = expected["counts"]
    assert counts["read"] == (counts["kept"] + counts["out_of_scope"] + counts["quarantined"]
                              + counts["duplicates"] + counts["deleted"])
    assert ref["duplicates"] == expected["duplicates"]
    assert ref["updated_events"] == expected["updated_events"]
    assert ref["quarantine_reasons"] == {k: v for k, v in expected["quarantine_reasons"].items()
                                         if v}
    assert ref["nbsp_fields"] == expected["text_fixes"]["nbsp"]
    assert ref["windows_1252_bytes"] == expected["files"][0]["windows_1252_bytes"] > 0


def test_dirty_file_is_mixed_utf8_and_windows_1252(generated: Path, manifest: dict) -> None:
    raw = (generated / sample.DIRTY_SAMPLE).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert "\u00a0".encode() in raw  # UTF-8 non-breaking spaces beside the cp1252 bytes
    assert b"\r" not in raw


def test_dirty_defects_are_recorded_with_ids(generated: Path, manifest: dict) -> None:
    defects = manifest["defects"]
    for name in ("exact_duplicates", "recoded", "deleted", "old_district_names", "nbsp",
                 "windows_1252", "month_precision", "missing_coordinates", "bad_date",
                 "bad_fatalities", "missing_event_id", "out_of_scope"):
        assert defects[name]["count"] == len(defects[name]["event_ids"]) > 0, name
    dirty = pd.read_csv(io.StringIO(_decode_mixed(
        (generated / sample.DIRTY_SAMPLE).read_bytes())), dtype=str, keep_default_na=False)
    by_id = dirty.drop_duplicates("event_id_cnty").set_index("event_id_cnty")
    for event_id, name in defects["old_district_names"]["names"].items():
        assert by_id.loc[event_id, "admin2"] == name
    assert {"Tarhunah", "Surt", "An Nuqat al Khams"} & set(
        defects["old_district_names"]["names"].values())
    for event_id in defects["missing_coordinates"]["event_ids"]:
        assert by_id.loc[event_id, "latitude"] == by_id.loc[event_id, "longitude"] == ""
        assert by_id.loc[event_id, "admin2"] != ""
    for event_id in defects["month_precision"]["event_ids"]:
        assert by_id.loc[event_id, "time_precision"] == "3"
        assert by_id.loc[event_id, "event_date"].startswith("15 ")
    deletions = pd.read_csv(generated / sample.DELETIONS_SAMPLE, dtype=str)
    assert list(deletions.columns) == ["event_id_cnty", "deleted_timestamp"]
    for event_id in defects["deleted"]["event_ids"]:
        deleted_at = int(deletions.set_index("event_id_cnty").loc[event_id, "deleted_timestamp"])
        assert deleted_at > int(by_id.loc[event_id, "timestamp"])
    assert set(dirty["fatalities"]) >= {"-3", "unknown"}
    assert "31 Febuary 2020" in set(dirty["event_date"])


# --------------------------------------------------------------------------------------------------
# integration with libya_conflict.cleaning.pipeline
# --------------------------------------------------------------------------------------------------
def _assert_subset(expected: object, actual: object, where: str = "report") -> None:
    """Every value the manifest expects is in the report (missing counts read as 0)."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), where
        for key, value in expected.items():
            if value == 0 and key not in actual:
                continue
            assert key in actual, f"{where}.{key} missing"
            _assert_subset(value, actual[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), where
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            if isinstance(e, dict) and "path" in e:
                assert Path(a["path"]).name == e["path"], f"{where}[{i}].path"
                e = {k: v for k, v in e.items() if k != "path"}
            _assert_subset(e, a, f"{where}[{i}]")
    else:
        assert actual == expected, f"{where}: expected {expected!r}, got {actual!r}"


def test_clean_sample_passes_clean(generated: Path) -> None:
    clean_module = pytest.importorskip("libya_conflict.cleaning.pipeline")
    table, report = clean_module.clean(
        [generated / sample.ACLED_SAMPLE, generated / sample.UCDP_SAMPLE], deletions=None,
        country="Libya")
    result = report.to_dict()
    assert result["counts"]["quarantined"] == 0
    assert result["counts"]["kept"] == result["counts"]["read"]
    assert result["unknown_actors"] == {}
    assert table["district"].notna().all()
    assert set(table["district"]) <= CANONICAL_DISTRICTS
    assert table["coalition1"].notna().all() and (table["coalition1"] != "unknown").all()


def test_dirty_sample_counts_match_manifest(generated: Path, manifest: dict) -> None:
    clean_module = pytest.importorskip("libya_conflict.cleaning.pipeline")
    table, report = clean_module.clean(
        [generated / sample.DIRTY_SAMPLE], deletions=generated / sample.DELETIONS_SAMPLE,
        country="Libya")
    _assert_subset(manifest["expected_report"], report.to_dict())
    assert table["district"].notna().all()
    recoded = {e["event_id"]: e for e in manifest["defects"]["recoded"]["events"]}
    kept = table.set_index("event_id")
    for event_id, info in recoded.items():
        assert int(kept.loc[event_id, "fatalities"]) == info["final_fatalities"]


# --------------------------------------------------------------------------------------------------
# large export
# --------------------------------------------------------------------------------------------------
def test_large_export_layout_and_determinism(tmp_path: Path) -> None:
    first = sample.write_large_export(tmp_path / "a.csv", rows=20_000, countries=10)
    second = sample.write_large_export(tmp_path / "b.csv", rows=20_000, countries=10)
    assert first.read_bytes() == second.read_bytes()
    frame = pd.read_csv(first, dtype=str, keep_default_na=False)
    assert tuple(frame.columns) == sample.ACLED_CURRENT_COLUMNS
    assert len(frame) == 20_000 and frame["country"].nunique() == 10
    assert frame["event_id_cnty"].is_unique
    assert frame["event_date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    libya = frame[frame["country"] == "Libya"]
    assert 1_500 <= len(libya) <= 2_500
    assert libya["event_id_cnty"].str.fullmatch(r"LBY\d+").all()
    assert set(frame["tags"]) == {"synthetic"}
    assert 200 <= frame["notes"].str.len().mean() <= 400
    assert sample.write_large_export(tmp_path / "c.csv", 20_000, 10, seed=2).read_bytes() != (
        first.read_bytes())


def test_large_export_header_matches_real_acled(tmp_path: Path, real_acled: Path) -> None:
    path = sample.write_large_export(tmp_path / "large.csv", rows=100, countries=3)
    assert (path.read_text(encoding="utf-8").split("\n", 1)[0]
            == real_acled.read_text(encoding="utf-8").split("\n", 1)[0])


def test_large_export_rejects_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        sample.write_large_export(tmp_path / "x.csv", rows=0, countries=3)
    with pytest.raises(ValueError):
        sample.write_large_export(tmp_path / "x.csv", rows=10, countries=1000)
