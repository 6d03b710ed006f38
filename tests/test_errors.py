"""One error family: what each error carries, the line the command prints and its exit status."""

from __future__ import annotations

import pytest

from libya_conflict import cli
from libya_conflict.errors import (
    EXIT_FAILED,
    EXIT_INPUT,
    EXIT_LOCKED,
    BuildError,
    InputError,
    LibyaConflictError,
    ParameterError,
    PdfError,
    ScheduleLockedError,
)


def test_input_errors_name_the_file_row_and_column():
    error = InputError("data/raw/x.csv", "fatalities 'many' is not a whole number", row=12,
                       column="FATALITIES")
    assert str(error) == "data/raw/x.csv: fatalities 'many' is not a whole number"
    assert (error.path, error.row, error.column) == ("data/raw/x.csv", 12, "FATALITIES")
    assert error.cli_line() == ("libya-conflict: error: data/raw/x.csv: fatalities 'many' is "
                                "not a whole number")
    assert ParameterError("area: unknown area 'Atlantis'").path is None


def test_build_errors_carry_the_notebook_and_the_failing_cell(tmp_path):
    error = BuildError("situation_briefing", "cell 7: KeyError: 'district'",
                       tmp_path / "x.failed.ipynb", cell=7)
    assert (error.notebook, error.cell) == ("situation_briefing", 7)
    assert error.cli_line() == ("libya-conflict: build failed: situation_briefing: cell 7: "
                                "KeyError: 'district'; no report was replaced")


@pytest.mark.parametrize(("error", "code"), [
    (InputError("f.csv", "bad"), EXIT_INPUT), (ParameterError("bad"), EXIT_INPUT),
    (BuildError("nb", "bad"), EXIT_FAILED), (PdfError("bad"), EXIT_FAILED),
    (ScheduleLockedError("another schedule is writing reports"), EXIT_LOCKED),
])
def test_the_command_maps_each_error_to_its_exit_status(monkeypatch, capsys, error, code):
    def fail(args):
        raise error

    parser = cli.build_parser()
    monkeypatch.setattr(cli, "build_parser", lambda: parser)
    parser.set_defaults(func=fail)
    for action in parser._subparsers._group_actions[0].choices.values():
        action.set_defaults(func=fail)
    assert cli.main(["sample", "--out", "unused"]) == code
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [error.cli_line()] and isinstance(error, LibyaConflictError)
