"""Finding and loading the cleaned table a briefing reads."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from conftest import REPO
from libya_conflict.briefings import (
    data,
)
from libya_conflict.errors import ParameterError


def test_default_data_cleans_the_sample_once_and_again_when_it_changes(tmp_path):
    for name in ("acled_libya_sample.csv", "ucdp_ged_libya_sample.csv"):
        (tmp_path / "data" / "sample").mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "data" / "sample" / name, tmp_path / "data" / "sample" / name)
    (tmp_path / "pyproject.toml").write_text("")
    target = data.default_data(tmp_path)
    assert target == tmp_path / "data" / "processed" / "sample_events.parquet"
    assert Path(f"{target.with_suffix('')}.report.json").is_file()
    first = target.stat().st_mtime_ns
    assert data.default_data(tmp_path).stat().st_mtime_ns == first
    newer = first / 1e9 + 10
    os.utime(tmp_path / "data" / "sample" / "acled_libya_sample.csv", (newer, newer))
    assert data.default_data(tmp_path).stat().st_mtime_ns != first
    assert not list((tmp_path / "data" / "processed").glob("*.tmp"))


def test_default_data_without_a_sample_says_what_to_do(tmp_path):
    with pytest.raises(ParameterError, match="pass data=PATH.parquet"):
        data.default_data(tmp_path)


def test_a_table_without_the_columns_is_refused(tmp_path):
    path = tmp_path / "other.parquet"
    pd.DataFrame({"a": [1]}).to_parquet(path)
    with pytest.raises(ParameterError, match="not a cleaned event table"):
        data.load_table(path)
