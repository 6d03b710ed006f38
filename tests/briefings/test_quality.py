"""The data-quality report: every row accounted for, with or without the cleaning report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from libya_conflict.briefings import (
    metadata,
    quality,
    quality_tables,
)
from libya_conflict.briefings.parameters import check_parameters


@pytest.fixture(scope="module")
def dirty(tmp_path_factory) -> Path:
    from libya_conflict.cleaning.outputs import write_clean_outputs
    from libya_conflict.cleaning.pipeline import clean
    from libya_conflict.sample.writer import write_sample

    folder = tmp_path_factory.mktemp("dirty")
    write_sample(folder, dirty=True)
    table, report = clean([folder / "acled_libya_sample_dirty.csv",
                           folder / "ucdp_ged_libya_sample.csv"],
                          deletions=folder / "acled_deletions_sample.csv")
    write_clean_outputs(table, report, folder / "events.parquet")
    return folder / "events.parquet"


def test_data_quality_accounts_for_every_row(shown, dirty):
    q = quality.open_quality(check_parameters({"data": str(dirty), "title": ""}))
    quality.show_quality_title(q)
    quality.show_quality_headline(q)
    quality.show_accounting(q)
    quality.show_quarantine(q)
    quality.show_duplicates(q)
    quality.show_crosswalk_gaps(q)
    quality.show_placement(q)
    quality.show_coverage(q)
    headline = next(s for s in shown if isinstance(s, dict)
                    and metadata.HEADLINE_MIMETYPE in s)[metadata.HEADLINE_MIMETYPE]
    assert headline["rows_read"] == headline["rows_kept"] + headline["quarantined"] + \
        headline["duplicates"] + headline["deleted"] + q.report["counts"]["out_of_scope"]
    text = json.dumps([s for s in shown if isinstance(s, dict)])
    assert "accounted for exactly once" in text
    assert "bad_date" in text and "bad_fatalities" in text and "missing_event_id" in text
    assert "acled_libya_sample_dirty.csv" in text
    examples = quality_tables.quarantine_examples(q.quarantine)
    assert set(examples["Reason"]) == set(q.report["quarantine_reasons"])
    assert examples["Original values"].str.contains("event_date: ").all()


def test_data_quality_without_a_report(shown, sample_table, tmp_path):
    sample_table.to_parquet(tmp_path / "bare.parquet", index=False)
    q = quality.open_quality(check_parameters({"data": str(tmp_path / "bare.parquet")}))
    quality.show_quality_title(q)
    quality.show_accounting(q)
    quality.show_quarantine(q)
    text = json.dumps(shown)
    assert "No cleaning report was found" in text and "cannot be counted" in text
