"""The libya-conflict command: every subcommand, its exit status and its one-line errors."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from conftest import acled_row, write_acled
from libya_conflict import cli
from libya_conflict.cli import add_publishing_parsers, formats_arg, main
from report_helpers import write_test_notebook


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


def hooked() -> bool:
    """Tell whether cli.py already calls add_publishing_parsers (the line its owner adds)."""
    parser = cli.build_parser()
    choices = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return "schedule" in choices.choices


def test_add_parsers_adds_build_and_schedule():
    parser = argparse.ArgumentParser()
    add_publishing_parsers(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["build", "situation_briefing", "-p", "area", "Misrata", "-p",
                              "start", "2020-01-01", "--formats", "pdf,html"])
    assert args.parameter == [["area", "Misrata"], ["start", "2020-01-01"]]
    assert args.formats == ("pdf", "html") and args.out == Path("reports")
    assert args.func.__name__ == "run_build"
    args = parser.parse_args(["schedule", "--jobs", "3", "--force"])
    assert (args.config, args.jobs, args.force) == (Path("config/briefings.yaml"), 3, True)
    assert args.func.__name__ == "run_schedule_command"


@pytest.mark.parametrize("bad", [["schedule", "--jobs", "0"], ["build", "x", "--formats", "docx"]])
def test_bad_options_are_usage_errors(bad, capsys):
    with pytest.raises(SystemExit) as caught:
        main(bad)
    assert caught.value.code == 2
    assert "error:" in capsys.readouterr().err


def test_formats_arg():
    assert formats_arg(" HTML , pdf,html") == ("html", "pdf")
    with pytest.raises(argparse.ArgumentTypeError, match="valid: html, pdf, ipynb"):
        formats_arg("")


def test_invalid_parameter_is_one_line_and_exit_2(notebook, capsys):
    code = main(["build", str(notebook), "-p", "area", "Atlantis"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("libya-conflict: error: test_briefing: area:")
    assert "valid areas: Libya, West, East, South, Greater Tripoli" in err


def test_build_with_a_parameters_file(notebook, tmp_path, capsys):
    params = tmp_path / "params.yaml"
    params.write_text("start: 2020-02-01\nend: 2020-02-29\narea: Sirte\n", encoding="utf-8")
    code = main(["build", str(notebook), "-f", str(params), "-p", "area", "Misrata",
                 "--formats", "html", "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert code == 0
    assert "events 87, fatalities 203" in out  # 29 days
    written = sorted(p.name for p in (tmp_path / "out" / "test_briefing").iterdir())
    assert written == [f"2020-02-01_2020-02-29_misrata_unidentified-armed-group-libya_"
                       f"clashes-were-reported_1.{ext}" for ext in ("html", "ipynb")]
    assert out.count("wrote ") == 2
    assert re.search(r"^built in \d+\.\d s \(notebook \d+\.\d s, HTML \d+\.\d s\)$", out, re.M)


def test_failed_build_exits_1_and_says_nothing_was_replaced(tmp_path, capsys):
    broken = write_test_notebook(tmp_path / "test_briefing.ipynb", fails=True)
    code = main(["build", str(broken), "--formats", "html", "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1
    assert "RuntimeError: planned failure" in err and "no report was replaced" in err


def test_schedule_command_then_unchanged(notebook, tmp_path, capsys):
    config = tmp_path / "briefings.yaml"
    config.write_text(yaml.safe_dump({"out": str(tmp_path / "reports"), "formats": ["html"],
                                      "briefings": [{"notebook": str(notebook)}]}))
    assert main(["schedule", str(config), "--no-progress"]) == 0
    assert "1 briefings: 1 built, 0 unchanged, 0 failed" in capsys.readouterr().out
    assert main(["schedule", str(config), "--no-progress"]) == 0
    captured = capsys.readouterr()
    assert "1 briefings: 0 built, 1 unchanged, 0 failed" in captured.out
    assert "unchanged, skipped: test_briefing" in captured.err


def test_missing_schedule_file_is_exit_2(tmp_path):
    done = subprocess.run([sys.executable, "-m", "libya_conflict.cli", "schedule",
                           str(tmp_path / "none.yaml")], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip().endswith("cannot read the schedule: No such file or directory")


@pytest.mark.skipif(not hooked(), reason="cli.py does not call cli_build.add_parsers yet")
def test_libya_conflict_command_has_the_subcommands(notebook, capsys):
    assert cli.main(["build", str(notebook), "-p", "end", "2019-01-01"]) == 2
    assert "end 2019-01-01 is before start 2020-04-01" in capsys.readouterr().err
