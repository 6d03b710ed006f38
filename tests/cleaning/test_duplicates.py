import pandas as pd
import pytest

from libya_conflict.cleaning.duplicates import (
    apply_deletions,
    drop_exact_duplicates,
    keep_newest_versions,
    read_deletions,
)
from libya_conflict.errors import InputError


def events(rows):
    frame = pd.DataFrame(rows, columns=["dataset", "event_id", "fatalities", "timestamp",
                                        "source_file", "source_row", "layout"])
    frame["timestamp"] = pd.to_datetime(frame["timestamp"], unit="s", utc=True)
    return frame


def test_exact_duplicates_ignore_provenance():
    frame = events([("acled", "A", 1, 10, "old.csv", 1, "x"),
                    ("acled", "A", 1, 10, "new.csv", 7, "y"),
                    ("acled", "A", 2, 10, "new.csv", 8, "y")])
    kept, dropped = drop_exact_duplicates(frame)
    assert dropped == 1
    assert kept["source_file"].tolist() == ["old.csv", "new.csv"]


def test_newest_version_wins_then_last_read():
    frame = events([("acled", "A", 1, 30, "f", 1, "x"), ("acled", "A", 2, 10, "f", 2, "x"),
                    ("acled", "B", 1, 10, "f", 3, "x"), ("acled", "B", 5, 10, "f", 4, "x"),
                    ("ucdp", "A", 9, None, "g", 1, "u")])
    kept, superseded, updated = keep_newest_versions(frame)
    assert (superseded, updated) == (2, 2)
    assert kept.set_index(["dataset", "event_id"])["fatalities"].to_dict() == {
        ("acled", "A"): 1, ("acled", "B"): 5, ("ucdp", "A"): 9}


def test_deletions_only_drop_older_acled_versions(tmp_path):
    path = tmp_path / "del.csv"
    path.write_text("event_id_cnty,deleted_timestamp\nA,20\nB,20\nC,20\n")
    frame = events([("acled", "A", 1, 10, "f", 1, "x"), ("acled", "B", 1, 30, "f", 2, "x"),
                    ("ucdp", "C", 1, None, "g", 1, "u")])
    kept, deleted = apply_deletions(frame, read_deletions(path))
    assert deleted == 1
    assert kept["event_id"].tolist() == ["B", "C"]


def test_deletions_file_with_bad_timestamp_names_the_row(tmp_path):
    path = tmp_path / "del.csv"
    path.write_text("event_id_cnty,deleted_timestamp\nA,20\nB,yesterday\n")
    with pytest.raises(InputError, match=r"row 2: deleted_timestamp 'yesterday' is not Unix"):
        read_deletions(path)
