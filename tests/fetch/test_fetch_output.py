"""What a fetch writes: CSV text from JSON, all files or none, the manifest, progress lines."""

from __future__ import annotations

import io
import json
import os

import pytest

from libya_conflict.fetch.http import FetchError, register_secret
from libya_conflict.fetch.output import (
    Table,
    commit,
    date_text,
    manifest_path,
    read_manifest,
    slug,
    text_value,
)
from libya_conflict.fetch.progress import FetchProgress


def test_json_values_as_an_export_writes_them():
    assert [text_value(v) for v in (None, 0, 12, 32.887, True, False, "Tripoli", [1])] \
        == ["", "0", "12", "32.887", "TRUE", "FALSE", "Tripoli", "[1]"]
    assert date_text("2019-04-10T00:00:00") == "2019-04-10"
    assert date_text("2019-04-10 00:00:00.000") == "2019-04-10"
    assert date_text("2019-04-10T13:05:00Z") == "2019-04-10 13:05:00"
    assert date_text("2019-04-10") == "2019-04-10" and date_text(None) == ""
    assert slug("Myanmar (Burma)") == "myanmar_burma" and slug("Côte d'Ivoire") == "cote_d_ivoire"


def test_files_are_written_together_or_not_at_all(tmp_path, monkeypatch):
    out = tmp_path / "a.csv"
    extra = tmp_path / "a.csv.deletions.csv"
    first = commit(out, [Table(out, ["x"], [{"x": "1"}]), Table(extra, ["y"], [{"y": "2"}])],
                   {"source": "test"})
    assert out.read_text() == "x\n1\n" and extra.read_text() == "y\n2\n"
    assert read_manifest(out) == first and first["rows_written"] == 1
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def broken_rows():
        yield {"x": "3"}
        raise OSError(28, "No space left on device")

    with pytest.raises(FetchError, match="cannot write the fetched data"):
        commit(out, [Table(out, ["x"], broken_rows())], {"source": "test"})
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    assert oct(os.stat(out).st_mode & 0o777) == "0o644"


def test_the_manifest_never_holds_a_secret(tmp_path):
    register_secret("manifest-secret-77")
    out = tmp_path / "a.csv"
    commit(out, [Table(out, ["x"], [])], {"api": "http://h/?key=manifest-secret-77"})
    text = manifest_path(out).read_text()
    assert "manifest-secret-77" not in text and json.loads(text)["api"] == "http://h/?key=***"


def test_plain_lines_without_a_terminal_and_a_bar_on_one():
    plain = io.StringIO()
    progress = FetchProgress("ACLED Libya", plain, bar=None)
    progress.page("events", 1, 1)
    progress.page("events", 2, 5000, pages=3)
    progress.close()
    assert plain.getvalue().splitlines() == [
        "ACLED Libya: events page 1: 1 row (1 in all)",
        "ACLED Libya: events page 2 of 3: 5,000 rows (5,001 in all)"]
    tty = io.StringIO()
    bar = FetchProgress("UCDP", tty, bar=True)
    bar.page("events", 1, 1000, pages=3)
    bar.line("retrying")
    bar.close()
    assert "1/3" in tty.getvalue() and "1,000 rows" in tty.getvalue()
    assert "UCDP: retrying" in tty.getvalue()
