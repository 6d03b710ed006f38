"""Tests of ``build``: parameters checked before any kernel, real runs, atomic reports."""

from __future__ import annotations

import errno
import hashlib
import io
import os
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from pypdf import PdfReader

from conftest import REAL_NOTEBOOKS
from libya_conflict import cli
from libya_conflict.errors import BuildError
from libya_conflict.publishing import pdf
from libya_conflict.publishing.build import build
from report_helpers import (
    PLANTED_IMG,
    PLANTED_SCRIPT,
    check_offline,
    pdf_text,
    write_test_notebook,
)


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


# --- real builds -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(notebook):
    out = notebook.parent / "reports"
    return build(notebook, {"start": "2020-05-01", "end": "2020-05-31", "actor": PLANTED_SCRIPT,
                            "note": PLANTED_IMG}, out=out)


def test_build_writes_the_three_files_together(built, notebook):
    folder = notebook.parent / "reports" / "test_briefing"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        p.name for p in built.paths.values())
    for path in built.paths.values():
        assert path.stat().st_mode & 0o777 == 0o644
    nb = nbformat.read(built.paths["ipynb"], as_version=4)
    meta = nb.metadata["libya_conflict"]
    assert meta["headline"]["events"] == 93 and meta["headline"]["fatalities"] == 217
    assert meta["synthetic"] is True and meta["stamp"]["data_file"] == "test.parquet"
    assert meta["build"]["parameters"]["start"] == "2020-05-01"
    assert built.headline == meta["headline"]


def test_build_reports_where_its_time_went(built):
    assert set(built.timings) == {"notebook", "html", "pdf"}
    assert all(0 < t < built.seconds for t in built.timings.values())
    assert sum(built.timings.values()) <= built.seconds


def test_build_slug_is_readable(built):
    assert built.slug == ("2020-05-01_2020-05-31_libya_script-window-pwned-1-script_"
                          "img-src-x-onerror-window-pwned-2_1")


def test_built_pdf_and_html(built, browser):
    data = built.paths["pdf"].read_bytes()
    assert len(PdfReader(io.BytesIO(data)).pages) > 0
    assert "reported fatalities: 217" in " ".join(pdf_text(data).split())
    check = check_offline(browser, built.paths["html"])
    assert (check.charts, check.drawn, check.outside, check.errors, check.pwned) == (
        2, 2, [], [], None)


def test_failed_run_keeps_the_previous_report(built, notebook, tmp_path):
    folder = notebook.parent / "reports" / "test_briefing"
    before = digests(folder)
    broken = write_test_notebook(tmp_path / "test_briefing.ipynb", fails=True)  # same name
    with pytest.raises(BuildError, match=r"cell \d+: RuntimeError: planned failure") as caught:
        build(broken, {"start": "2020-05-01", "end": "2020-05-31", "actor": PLANTED_SCRIPT,
                       "note": PLANTED_IMG}, out=notebook.parent / "reports")
    failed = caught.value.failed_notebook
    assert failed == built.paths["ipynb"].with_suffix(".failed.ipynb")
    assert "planned failure" in failed.read_text(encoding="utf-8")
    after = digests(folder)
    assert after.pop(failed.name)
    assert after == before  # the same report's files untouched, no temporary file left
    assert set(before) == {p.name for p in built.paths.values()}


def test_a_full_disk_is_said_and_leaves_the_previous_report(built, notebook, monkeypatch,
                                                              capsys):
    folder = notebook.parent / "reports" / "test_briefing"
    before = digests(folder)

    def full_disk(printer, html, where, stem):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(pdf, "print_page", full_disk)
    monkeypatch.chdir(notebook.parent)
    code = cli.main(["build", str(notebook), "-p", "start", "2020-05-01", "-p", "end",
                     "2020-05-31", "-p", "actor", PLANTED_SCRIPT, "-p", "note", PLANTED_IMG,
                     "--out", "reports"])
    err = capsys.readouterr().err
    assert code == 1
    assert err == (f"libya-conflict: error: no space left on device writing reports/"
                   f"test_briefing/{built.slug}.pdf; the previous report is kept\n")
    assert digests(folder) == before


# --- the real briefing notebooks -------------------------------------------------------------

def planted_table(tmp_path: Path) -> Path:
    """The cleaned sample with a script in an actor name and in the notes of April 2020."""
    from libya_conflict.briefings.data import default_data

    table = pd.read_parquet(default_data())
    april = (table["date"] >= "2020-04-01") & (table["date"] <= "2020-04-30")
    rows = table.index[april & (table["fatalities"] > 0)][:20]
    table.loc[rows, "actor1"] = "Brigade " + PLANTED_SCRIPT
    table.loc[rows, "notes"] = "Shelling reported. " + PLANTED_IMG
    path = tmp_path / "planted_events.parquet"
    table.to_parquet(path)
    return path


@pytest.mark.skipif(not (REAL_NOTEBOOKS / "situation_briefing.ipynb").exists(),
                    reason="the briefing notebooks are not in notebooks/ yet")
def test_real_situation_briefing_offline_with_planted_text(tmp_path, browser):
    data = planted_table(tmp_path)
    result = build("situation_briefing", {"start": "2020-04-01", "end": "2020-04-30",
                                          "data": str(data)}, out=tmp_path / "reports")
    assert result.slug == "2020-04-01_2020-04-30_libya_planted-events"
    head = result.headline
    check = check_offline(browser, result.paths["html"])
    assert check.charts >= 5 and check.drawn == check.charts
    assert check.geo_paths > 0
    assert (check.outside, check.errors, check.pwned) == ([], [], None)
    text = " ".join(pdf_text(result.paths["pdf"].read_bytes()).split())
    assert f"{head['events']:,}" in text and f"{head['fatalities']:,}" in text
    assert result.paths["html"].stat().st_size <= 6_000_000
    assert result.paths["pdf"].stat().st_size <= 1_500_000


