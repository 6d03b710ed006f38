import json
import subprocess
import sys

import pandas as pd
import pytest

from conftest import acled_row, write_acled
from libya_conflict.cli import main


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """Run the installed command the way a user does."""
    return subprocess.run([sys.executable, "-m", "libya_conflict.cli", *args],
                          capture_output=True, text=True, check=False)


def test_clean_writes_table_report_and_quarantine(tmp_path, capsys):
    src = write_acled(tmp_path / "acled.csv", [acled_row(), acled_row(event_id_cnty="LBY9",
                                                                      fatalities="x")])
    out = tmp_path / "out" / "events.parquet"
    assert main(["clean", str(src), "--out", str(out)]) == 0
    table = pd.read_parquet(out)
    report = json.loads((tmp_path / "out" / "events.report.json").read_text())
    quarantine = pd.read_csv(tmp_path / "out" / "events.quarantine.csv")
    assert len(table) == 1 and report["counts"]["kept"] == 1
    assert report["balanced"] is True
    assert report["files"][0]["encoding"] == "utf-8"
    assert report["files"][0]["layout"] == "acled-current"
    assert quarantine["reason"].tolist() == ["bad_fatalities"]
    printed = capsys.readouterr().out
    assert "kept 1" in printed and "quarantined 1" in printed
    assert not list((tmp_path / "out").glob("*.tmp"))


@pytest.mark.parametrize("content, expected", [
    (b"", "file is empty"),
    (b"col_a,col_b\n1,2\n", "unknown layout: columns seen [col_a, col_b]; known layouts:"),
    (b"event_id_cnty,event_date\nLBY1,2020-01-01\n", "missing required column"),
    (b"event_id_cnty,event_date\nLBY\x81,2020\n", "unreadable byte at offset"),
])
def test_bad_input_one_line_exit_2_and_no_output(tmp_path, content, expected):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    out = tmp_path / "out" / "events.parquet"
    result = run_cli("clean", str(bad), "--out", str(out))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"libya-conflict: error: {bad}: ")
    assert expected in lines[0]
    assert "Traceback" not in result.stderr
    assert not out.parent.exists() or not any(out.parent.iterdir())


def test_failed_run_keeps_previous_good_outputs(tmp_path):
    good = write_acled(tmp_path / "good.csv", [acled_row()])
    out = tmp_path / "events.parquet"
    assert main(["clean", str(good), "--out", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in tmp_path.glob("events.*")}
    assert len(before) == 3
    bad = tmp_path / "bad.csv"
    bad.write_text("nothing,useful\n")
    assert main(["clean", str(good), str(bad), "--out", str(out)]) == 2
    after = {p.name: p.read_bytes() for p in tmp_path.glob("events.*")}
    assert after == before


def test_bad_deletions_file_is_named(tmp_path):
    good = write_acled(tmp_path / "good.csv", [acled_row()])
    deletions = tmp_path / "del.csv"
    deletions.write_text("event_id,when\nLBY1,1\n")
    result = run_cli("clean", str(good), "--deletions", str(deletions), "--out",
                     str(tmp_path / "e.parquet"))
    assert result.returncode == 2
    assert f"{deletions}: deletions file lacks column(s) deleted_timestamp, event_id_cnty" in (
        result.stderr)


def test_help_lists_subcommands():
    result = run_cli("--help")
    assert result.returncode == 0
    assert "clean" in result.stdout and "sample" in result.stdout
