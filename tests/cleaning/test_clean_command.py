"""`libya-conflict clean` end to end: countries, names, the cache, and rows that cannot be."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd

from conftest import acled_row, write_acled
from libya_conflict.cli import main


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "libya_conflict.cli", *args],
                          capture_output=True, text=True, check=False)


def test_country_tunisia_keeps_tunisia_s_rows(tmp_path, capsys):
    rows = [acled_row(), acled_row(event_id_cnty="TUN1", country="Tunisia", admin1="Tunis",
                                   latitude="36.8", longitude="10.18"),
            acled_row(event_id_cnty="TUN2", country="Tunisia", admin1="Sfax")]
    out = tmp_path / "tunisia.parquet"
    assert main(["clean", str(write_acled(tmp_path / "a.csv", rows)), "--country", "Tunisia",
                 "--out", str(out)]) == 0
    table = pd.read_parquet(out)
    assert sorted(table["event_id"]) == ["TUN1", "TUN2"]
    assert sorted(table["district"]) == ["Sfax", "Tunis"]
    report = json.loads((tmp_path / "tunisia.report.json").read_text())
    assert report["placement_scheme"] == "dataset_admin1"
    assert report["country_resolved"] == {"name": "Tunisia", "iso3": "TUN", "gw_code": 616}
    assert report["counts"]["out_of_scope"] == 1
    assert "placed by the dataset's own admin1" in capsys.readouterr().out


def test_an_unknown_country_is_one_line_and_writes_nothing(tmp_path):
    src = write_acled(tmp_path / "a.csv", [acled_row()])
    out = tmp_path / "out" / "e.parquet"
    result = run_cli("clean", str(src), "--country", "Lybia", "--out", str(out))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert lines[0].startswith("libya-conflict: error: unknown country 'Lybia': expected a name")
    assert "did you mean Libya" in lines[0]
    assert not out.parent.exists()


def test_impossible_values_among_good_rows_clean_in_one_run(tmp_path):
    rows = [acled_row(), acled_row(event_id_cnty="LBY2", latitude="200"),
            acled_row(event_id_cnty="LBY3", longitude="-500", admin2="", location=""),
            acled_row(event_id_cnty="LBY4", fatalities="1000000000"),
            acled_row(event_id_cnty="LBY5", event_date="1899-01-01"),
            acled_row(event_id_cnty="LBY6", event_date="2031-01-01")]
    src = write_acled(tmp_path / "a.csv", rows)
    out = tmp_path / "events.parquet"
    result = run_cli("clean", str(src), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "SchemaErrors" not in result.stdout + result.stderr
    assert len(pd.read_parquet(out)) == 2
    quarantine = pd.read_csv(tmp_path / "events.quarantine.csv")
    assert sorted(quarantine["reason"]) == ["coordinates_out_of_range", "date_after_export",
                                            "date_before_dataset", "implausible_fatalities"]


def test_a_dotted_name_keeps_its_whole_stem(tmp_path):
    src = write_acled(tmp_path / "a.csv", [acled_row()])
    out = tmp_path / "events.2020.parquet"
    assert main(["clean", str(src), "--out", str(out)]) == 0
    assert sorted(p.name for p in tmp_path.glob("events.*")) == [
        "events.2020.parquet", "events.2020.quarantine.csv", "events.2020.report.json"]


def test_a_second_clean_uses_the_cache_unless_told_not_to(tmp_path, capsys):
    src = write_acled(tmp_path / "a.csv", [acled_row()])
    out = tmp_path / "processed" / "events.parquet"
    for _ in range(2):
        assert main(["clean", str(src), "--out", str(out)]) == 0
    report = json.loads((tmp_path / "processed" / "events.report.json").read_text())
    assert report["files"][0]["cached"] is True
    assert list((tmp_path / "processed" / ".cache").glob("*.parquet"))
    assert "from the cache" in capsys.readouterr().out
    assert main(["clean", str(src), "--out", str(out), "--no-cache"]) == 0
    report = json.loads((tmp_path / "processed" / "events.report.json").read_text())
    assert report["files"][0]["cached"] is False


def test_a_schema_failure_is_one_line_never_a_pandera_dump(tmp_path, monkeypatch, capsys):
    from libya_conflict.cleaning import pipeline
    from libya_conflict.cleaning.schema import SchemaError

    def broken(table, libya=True):
        raise SchemaError("district: isin(...) (1 row(s), e.g. 'Atlantis')")

    monkeypatch.setattr(pipeline, "validate", broken)
    src = write_acled(tmp_path / "a.csv", [acled_row()])
    out = tmp_path / "events.parquet"
    assert main(["clean", str(src), "--out", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["libya-conflict: error: the clean table failed its schema (a bug: please "
                   "report it): district: isin(...) (1 row(s), e.g. 'Atlantis')"]
    assert not out.exists()
