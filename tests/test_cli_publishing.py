"""Tests of the ``build`` and ``schedule`` subcommands: arguments, exit codes, one-line errors."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from libya_conflict import cli
from libya_conflict.cli import add_publishing_parsers, formats_arg, main
from report_helpers import write_test_notebook


@pytest.fixture(scope="module")
def notebook(tmp_path_factory) -> Path:
    return write_test_notebook(tmp_path_factory.mktemp("cli") / "test_briefing.ipynb")


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
