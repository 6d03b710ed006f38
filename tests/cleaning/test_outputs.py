"""The three output files belong together: the whole stem of --out is kept."""

from pathlib import Path

import pytest

from libya_conflict.cleaning.outputs import output_paths


@pytest.mark.parametrize("out, stem", [
    ("data/processed/events.parquet", "data/processed/events"),
    ("data/processed/events.2020.parquet", "data/processed/events.2020"),
    ("out/libya.v2.final.parquet", "out/libya.v2.final"),
    ("out/events", "out/events"),
])
def test_every_output_keeps_the_whole_stem(out, stem):
    table, report, quarantine = output_paths(Path(out))
    assert (str(table), str(report), str(quarantine)) == (
        f"{stem}.parquet", f"{stem}.report.json", f"{stem}.quarantine.csv")
