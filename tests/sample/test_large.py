"""The large multi-country export for benchmarks: layout, determinism, arguments."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from libya_conflict import sample


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
