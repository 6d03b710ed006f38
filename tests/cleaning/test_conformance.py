"""Conformance on real files: every file in ../shared/data/real cleans, with the right country.

For each file the expected figures are counted here, independently of the package, with the
csv module (the json module for the API page), as ../shared/data/real/README.md counted them;
the README's own figures are checked too, so a file that changes is noticed. Then the file is
cleaned with ``--country`` spelled several ways and the report and the table must agree with
the count: rows read, kept, fatalities, nothing quarantined for the country named, and the
accounting identity.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest

from conftest import REAL
from libya_conflict.cleaning.pipeline import clean
from libya_conflict.reference.taxonomy import current_event_types

# file -> (rows, {country as written: (events, fatalities)}) as in ../shared/data/real/README.md
# (the ACLED 2022 and UCDP 23.1 samples: only their Libya counts are in the README).
README = {
    "acled_api_2018_nigeria.csv": (1636, {"Nigeria": (1636, 4812)}),
    "acled_api_2022_ukraine.csv": (5748, {"Ukraine": (5748, 6224)}),
    "acled_api_2025_sample.json": (10, {"Gabon": (2, None), "Liberia": (2, None),
                                        "Kenya": (2, None), "Angola": (1, None),
                                        "India": (1, None), "Sierra Leone": (1, None),
                                        "Egypt": (1, None)}),
    "ucdp_ged_19.1_sample.csv": (3194, {"Myanmar (Burma)": (2593, 19574),
                                        "Bangladesh": (601, 1362)}),
    "hdx_ucdp_bgd_hxl.csv": (601, {"Bangladesh": (601, 1362)}),
    "hdx_acled_lakechad_hxl.csv": (803, {"Nigeria": (803, 2616)}),
    "acled_2022_sample.csv": (9000, {"Libya": (8, None)}),
    "ucdp_ged_23.1_sample.csv": (1000, {"Libya": (4, None)}),
}
# (file, --country as a user would type it, the country as the file writes it)
CASES = [
    ("acled_2022_sample.csv", "Libya", "Libya"),
    ("acled_2022_sample.csv", "434", "Libya"),
    ("acled_2022_sample.csv", "Nigeria", "Nigeria"),
    ("acled_api_2018_nigeria.csv", "Nigeria", "Nigeria"),
    ("acled_api_2018_nigeria.csv", "566", "Nigeria"),
    ("acled_api_2022_ukraine.csv", "UKR", "Ukraine"),
    ("acled_api_2025_sample.json", "Gabon", "Gabon"),
    ("acled_api_2025_sample.json", "KEN", "Kenya"),
    ("acled_api_2025_sample.json", "Egypt", "Egypt"),
    ("hdx_acled_lakechad_hxl.csv", "NGA", "Nigeria"),
    ("hdx_ucdp_bgd_hxl.csv", "Bangladesh", "Bangladesh"),
    ("ucdp_ged_19.1_sample.csv", "Myanmar", "Myanmar (Burma)"),
    ("ucdp_ged_19.1_sample.csv", "Burma", "Myanmar (Burma)"),
    ("ucdp_ged_19.1_sample.csv", "BGD", "Bangladesh"),
    ("ucdp_ged_23.1_sample.csv", "Libya", "Libya"),
    ("ucdp_ged_23.1_sample.csv", "Syria", "Syria"),
]
UCDP_FILES = {"ucdp_ged_19.1_sample.csv", "hdx_ucdp_bgd_hxl.csv", "ucdp_ged_23.1_sample.csv"}


def real(name: str) -> Path:
    path = REAL / name
    if not path.exists():
        pytest.skip(f"real export {path} not found (set LIBYA_SHARED)")
    return path


def independent_count(path: Path) -> tuple[int, dict[str, tuple[int, int]]]:
    """Count events and fatalities per country as written, without the package."""
    if path.suffix == ".json":
        rows = json.loads(path.read_text(encoding="utf-8"))["data"]
    else:
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        rows = [{k.lower(): v for k, v in row.items()} for row in rows]
        rows = [r for r in rows if not all(v.startswith("#") or not v for v in r.values())]
    deaths = "best" if path.name in UCDP_FILES else "fatalities"
    events: Counter = Counter()
    fatalities: Counter = Counter()
    for row in rows:
        events[row["country"]] += 1
        fatalities[row["country"]] += int(row[deaths])
    return len(rows), {c: (events[c], fatalities[c]) for c in events}


@pytest.mark.parametrize("name", sorted(README))
def test_the_independent_count_agrees_with_the_readme(name):
    rows, by_country = independent_count(real(name))
    expected_rows, expected = README[name]
    assert rows == expected_rows
    for country, (events, deaths) in expected.items():
        assert by_country[country][0] == events
        if deaths is not None:
            assert by_country[country][1] == deaths
    if name == "acled_api_2025_sample.json":
        assert sum(d for _, d in by_country.values()) == 4


@pytest.mark.parametrize("name, given, written", CASES)
def test_each_real_file_cleans_with_its_country_in_any_spelling(name, given, written, tmp_path):
    path = real(name)
    rows, by_country = independent_count(path)
    events, deaths = by_country[written]
    table, report = clean([path], country=given)
    counts = report.counts
    assert counts["read"] == rows
    assert counts["kept"] == events == len(table)
    assert counts["out_of_scope"] == rows - events
    assert counts["quarantined"] == 0, dict(report.quarantine_reasons)
    assert counts["read"] == (counts["kept"] + counts["out_of_scope"] + counts["quarantined"]
                              + counts["duplicates"] + counts["deleted"])
    assert report.balances()
    assert int(table["fatalities"].sum()) == deaths
    assert set(table["country"]) == {written}
    assert set(table["event_type"].dropna()) <= set(current_event_types())
    assert table["event_type"].notna().all(), dict(report.unknown_event_types)
    vac = int(table["event_type"].eq("Violence against civilians").sum())
    assert int(table["civilian_targeting"].fillna(False).sum()) >= vac
    assert report.files[0].date_format is not None
    libya = written == "Libya"
    assert report.placement_scheme == ("libya" if libya else "dataset_admin1")
    if libya:
        assert table["district"].notna().all() and table["coalition1"].notna().all()
    else:
        assert table["region"].isna().all() and table["coalition1"].isna().all()
        assert table["district"].notna().sum() == table["placed_by"].eq("admin1").sum()


@pytest.mark.parametrize("name", ["acled_api_2022_ukraine.csv", "ucdp_ged_19.1_sample.csv",
                                  "hdx_ucdp_bgd_hxl.csv"])
def test_duckdb_and_pandas_agree_on_the_real_files(name):
    path = real(name)
    country = {"acled_api_2022_ukraine.csv": "Ukraine"}.get(name, "Bangladesh")
    by_pandas, _ = clean([path], country=country, engine="pandas")
    by_duckdb, report = clean([path], country=country, engine="duckdb")
    assert report.files[0].engine == "duckdb"
    assert by_pandas.drop(columns="layout").equals(by_duckdb.drop(columns="layout"))


def test_what_each_real_layout_lacks_is_named_not_coded():
    expected = {
        "acled_api_2018_nigeria.csv": ("Nigeria", {"sub_event_type", "civilian_targeting",
                                                   "tags"}),
        "hdx_acled_lakechad_hxl.csv": ("Nigeria", {"date_precision", "inter1", "inter2",
                                                   "sub_event_type", "civilian_targeting",
                                                   "timestamp", "geo_precision"}),
        "ucdp_ged_19.1_sample.csv": ("Bangladesh", {"timestamp", "inter1", "inter2"}),
    }
    for name, (country, fields) in expected.items():
        table, report = clean([real(name)], country=country)
        assert fields <= set(report.files[0].not_coded), name
        for field in fields & {"date_precision", "inter1", "timestamp"}:
            assert table[field].isna().all(), (name, field)
    nigeria, report = clean([real("acled_api_2018_nigeria.csv")], country="Nigeria")
    # Old types that say which sub-event type applies give it; the others stay not coded.
    battles = nigeria[nigeria["event_type"].eq("Battles")]
    assert battles["sub_event_type"].eq("Armed clash").sum() > 0
    assert nigeria.loc[nigeria["event_type"].eq("Protests"), "sub_event_type"].isna().all()
    assert report.files[0].derived["civilian_targeting"] > 0
    hdx, report = clean([real("hdx_acled_lakechad_hxl.csv")], country="Nigeria")
    assert report.files[0].hxl_rows == 1
    assert report.files[0].layout == "acled-hdx"
    assert hdx["source_row"].min() == 2  # the HXL row is record 1
