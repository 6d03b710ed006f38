"""Tests of ``schedule``: expansion, skipping unchanged runs, failures, kills, lock and index."""

from __future__ import annotations

import io

from libya_conflict.publishing.progress import Progress
from libya_conflict.publishing.schedule import (
    Outcome,
)
from libya_conflict.publishing.schedule_config import Run


def test_progress_is_plain_lines_off_a_terminal(tmp_path):
    stream = io.StringIO()
    bar = Progress(2, stream)
    run = Run(tmp_path / "x.ipynb", {"area": "Libya"}, ("html",))
    bar.update(Outcome(run, "unchanged", {}))
    bar.update(Outcome(run, "failed", {}, "cell 3: KeyError: 'x'"))
    bar.close()
    assert stream.getvalue().splitlines() == [
        "[1/2] unchanged, skipped: x area=Libya",
        "[2/2] FAILED x area=Libya: cell 3: KeyError: 'x'"]


def test_progress_bar_when_asked(tmp_path):
    stream = io.StringIO()
    bar = Progress(1, stream, bar=True)
    bar.update(Outcome(Run(tmp_path / "x.ipynb", {}, ("html",)), "built", {}, seconds=1.0))
    bar.close()
    assert "100%" in stream.getvalue() and "1/1" in stream.getvalue()
