"""Writing the bundled sample: byte-identical runs, the committed files, seeds, cleaning."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CANONICAL_DISTRICTS, REPO
from libya_conflict import sample

COMMITTED = REPO / "data" / "sample"


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


