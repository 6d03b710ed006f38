"""ACLED updates: deleted events dropped, re-coded ones replaced, new ones added, all counted."""

from __future__ import annotations

import pytest

from conftest import acled_row, write_acled
from libya_conflict.errors import InputError
from libya_conflict.fetch.merge import (
    apply_update,
    combine_deletions,
    newest_timestamp,
    read_acled_file,
    read_deletions,
)


def row(event_id: str, timestamp: int, **values: str) -> dict[str, str]:
    return acled_row(event_id_cnty=event_id, timestamp=str(timestamp), **values)


def test_an_update_as_acled_update_does_it():
    previous = [row("LBY1", 100), row("LBY2", 100), row("LBY3", 200), row("LBY4", 200)]
    fetched = [row("LBY3", 200),  # the newest of the file, asked again (timestamp >=)
               row("LBY4", 300, fatalities="9"),  # re-coded
               row("LBY5", 300)]  # new
    deletions = [{"event_id_cnty": "LBY1", "deleted_timestamp": "250"},
                 {"event_id_cnty": "LBY4", "deleted_timestamp": "250"},  # re-coded since
                 {"event_id_cnty": "TUN9", "deleted_timestamp": "260"}]  # not in this file
    rows, counts = apply_update(previous, fetched, deletions)
    assert [r["event_id_cnty"] for r in rows] == ["LBY2", "LBY3", "LBY4", "LBY5"]
    assert rows[2]["fatalities"] == "9"
    assert counts.as_dict() == {"previous": 4, "fetched": 3, "added": 1, "recoded": 1,
                                "refetched_unchanged": 1, "deletions_fetched": 3, "deleted": 1,
                                "written": 4}


def test_a_deletion_after_the_last_recode_wins():
    rows, counts = apply_update([row("LBY1", 100)], [row("LBY1", 300, notes="x")],
                                [{"event_id_cnty": "LBY1", "deleted_timestamp": "300"}])
    assert rows == [] and counts.deleted == 1 and counts.recoded == 1


def test_the_newest_timestamp_and_the_file_read_back(tmp_path):
    path = write_acled(tmp_path / "a.csv", [row("LBY1", 100), row("LBY2", 1656348317)])
    rows = read_acled_file(path)
    assert newest_timestamp(rows) == 1656348317
    assert newest_timestamp([row("LBY1", 0)]) is None


@pytest.mark.parametrize("rows, expected", [
    ([row("LBY1", 1), row("LBY1", 2)], "event LBY1 appears twice"),
    ([row("", 1)], "an event has no event_id_cnty"),
])
def test_a_file_that_cannot_be_updated(tmp_path, rows, expected):
    path = write_acled(tmp_path / "a.csv", rows)
    with pytest.raises(InputError, match=expected) as caught:
        read_acled_file(path)
    assert caught.value.row and caught.value.column == "event_id_cnty"


def test_deletions_accumulate_one_per_event(tmp_path):
    old = [{"event_id_cnty": "LBY1", "deleted_timestamp": "10"}]
    new = [{"event_id_cnty": "LBY2", "deleted_timestamp": "20"},
           {"event_id_cnty": "LBY1", "deleted_timestamp": "30"}]
    assert combine_deletions(old, new) == [{"event_id_cnty": "LBY2", "deleted_timestamp": "20"},
                                           {"event_id_cnty": "LBY1", "deleted_timestamp": "30"}]
    assert read_deletions(tmp_path / "none.csv") == []
    (tmp_path / "bad.csv").write_text("id,when\n1,2\n")
    with pytest.raises(InputError, match="event_id_cnty, deleted_timestamp"):
        read_deletions(tmp_path / "bad.csv")
