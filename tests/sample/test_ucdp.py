"""The synthetic UCDP GED sample: layout, deaths and dyads, derived from the same events."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from libya_conflict import sample


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
