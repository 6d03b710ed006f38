"""The cache of in-scope rows: a re-clean reads it, a changed file or --no-cache scans again."""

from __future__ import annotations

import os

import pandas as pd

from conftest import acled_row, write_acled
from libya_conflict.cleaning import pipeline
from libya_conflict.cleaning.pipeline import clean
from libya_conflict.reading import cache
from libya_conflict.reference.countries import resolve_country

LIBYA = resolve_country("Libya")


def test_a_second_clean_reads_the_cache_and_gives_the_same_table(tmp_path, real_acled):
    folder = tmp_path / ".cache"
    first, report1 = clean([real_acled], cache_dir=folder)
    assert not report1.files[0].cached and cache.is_cached(real_acled, LIBYA, folder)
    assert len(list(folder.glob("*.parquet"))) == 1
    second, report2 = clean([real_acled], cache_dir=folder)
    assert report2.files[0].cached
    pd.testing.assert_frame_equal(first, second)
    assert report1.to_dict()["counts"] == report2.to_dict()["counts"]
    assert report2.files[0].rows_read == 9000 and report2.files[0].out_of_scope == 8992


def test_a_crosswalk_edit_takes_effect_on_a_cached_re_clean(tmp_path, monkeypatch):
    path = write_acled(tmp_path / "a.csv", [acled_row(actor1="Brand New Brigade")])
    folder = tmp_path / ".cache"
    table, _ = clean([path], cache_dir=folder)
    assert table.loc[0, "coalition1"] == "unknown"

    def edited(actors, dates, dataset):
        return actors.map(lambda a: "lna" if a == "Brand New Brigade" else pd.NA)

    monkeypatch.setattr(pipeline, "map_coalitions", edited)
    table, report = clean([path], cache_dir=folder)
    assert report.files[0].cached and table.loc[0, "coalition1"] == "lna"


def test_a_changed_file_is_scanned_again_and_replaces_its_entry(tmp_path):
    path = write_acled(tmp_path / "a.csv", [acled_row()])
    folder = tmp_path / ".cache"
    clean([path], cache_dir=folder)
    write_acled(path, [acled_row(), acled_row(event_id_cnty="LBY2")])
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    table, report = clean([path], cache_dir=folder)
    assert not report.files[0].cached and len(table) == 2
    assert len(list(folder.glob("*.parquet"))) == 1


def test_each_country_has_its_own_entry_and_no_cache_means_no_cache(tmp_path):
    rows = [acled_row(), acled_row(event_id_cnty="TUN1", country="Tunisia", admin1="Tunis")]
    path = write_acled(tmp_path / "a.csv", rows)
    folder = tmp_path / ".cache"
    clean([path], cache_dir=folder)
    tunisia, report = clean([path], country="Tunisia", cache_dir=folder)
    assert not report.files[0].cached and tunisia["event_id"].tolist() == ["TUN1"]
    assert len(list(folder.glob("*.parquet"))) == 2
    _, report = clean([path], cache_dir=None)
    assert not report.files[0].cached


def test_a_damaged_entry_is_ignored_and_rewritten(tmp_path):
    path = write_acled(tmp_path / "a.csv", [acled_row()])
    folder = tmp_path / ".cache"
    clean([path], cache_dir=folder)
    entry = next(folder.glob("*.parquet"))
    entry.write_bytes(b"not parquet")
    table, report = clean([path], cache_dir=folder)
    assert not report.files[0].cached and len(table) == 1
    _, report = clean([path], cache_dir=folder)
    assert report.files[0].cached


def test_a_folder_that_cannot_be_written_only_skips_the_cache(tmp_path):
    path = write_acled(tmp_path / "a.csv", [acled_row()])
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the cache folder would go")
    table, report = clean([path], cache_dir=blocker / ".cache")
    assert len(table) == 1 and not report.files[0].cached


def test_the_cache_sits_beside_the_output():
    from pathlib import Path

    assert cache.cache_folder(Path("data/processed/events.parquet")) == Path(
        "data/processed/.cache")


def test_a_run_that_fails_leaves_no_cache_behind(tmp_path):
    import pytest

    from libya_conflict.errors import InputError

    good = write_acled(tmp_path / "good.csv", [acled_row()])
    bad = tmp_path / "bad.csv"
    bad.write_text("nothing,useful\n")
    folder = tmp_path / "out" / ".cache"
    with pytest.raises(InputError):
        clean([good, bad], cache_dir=folder)
    assert not (tmp_path / "out").exists()
