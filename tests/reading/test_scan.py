import pytest

from conftest import acled_row, csv_text, write_acled
from libya_conflict.errors import InputError
from libya_conflict.reading import scan
from libya_conflict.reading.layouts import ACLED_CURRENT
from libya_conflict.reference.countries import resolve_country

LIBYA = resolve_country("Libya")


def test_scan_keeps_country_and_blank_country_rows_with_record_numbers(tmp_path):
    rows = [acled_row(country="Tunisia"), acled_row(event_id_cnty="LBY1"),
            acled_row(event_id_cnty="LBY2", country=" libya "),
            acled_row(event_id_cnty="X3", country=""), acled_row(country="Egypt"),
            acled_row(event_id_cnty="LBY6", country="LIBYA."),
            acled_row(event_id_cnty="MMR7", country="Myanmar (Burma)")]
    result = scan.scan_country(write_acled(tmp_path / "a.csv", rows), LIBYA)
    assert result.total == 7
    assert result.positions == [2, 3, 4, 6]
    assert [r["event_id_cnty"] for r in result.records] == ["LBY1", "LBY2", "X3", "LBY6"]
    burma = scan.scan_country(write_acled(tmp_path / "a.csv", rows), resolve_country("Myanmar"))
    assert burma.positions == [4, 7]
    assert result.records[0]["notes"] == acled_row()["notes"]


def test_prefetched_scan_is_taken_once(tmp_path):
    path = write_acled(tmp_path / "a.csv", [acled_row()])
    scan.prefetch([path], LIBYA, engine="duckdb")
    taken = scan.take_prefetched(path, LIBYA)
    assert taken is not None and taken.total == 1
    assert scan.take_prefetched(path, LIBYA) is None


def test_prefetch_errors_surface_when_taken(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("name,age\nx,1\n")
    scan.prefetch([path], LIBYA, engine="duckdb")
    with pytest.raises(InputError, match="unknown layout"):
        scan.take_prefetched(path, LIBYA)


def test_prefetch_ignores_files_it_cannot_scan(tmp_path):
    scan.prefetch([tmp_path / "missing.csv", tmp_path / "book.xlsx"], LIBYA, engine="duckdb")
    assert scan.take_prefetched(tmp_path / "missing.csv", LIBYA) is None


def test_not_utf8_is_signalled_for_the_python_reader(tmp_path):
    path = tmp_path / "old.csv"
    text = csv_text(list(ACLED_CURRENT), [acled_row(notes="Haftar’s forces")])
    path.write_bytes(text.encode("cp1252"))
    with pytest.raises(scan.NotUtf8Error):
        scan.scan_country(path, LIBYA)


def test_small_files_stay_with_pandas_in_auto_mode(tmp_path):
    path = write_acled(tmp_path / "a.csv", [acled_row()])
    assert not scan.wants_duckdb(path, "auto")
    assert scan.wants_duckdb(path, "duckdb")
    assert not scan.wants_duckdb(path, "pandas")
