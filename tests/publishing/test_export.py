"""Tests of ``libya-conflict export``: notebooks executed elsewhere, published as ``build`` does."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
from pathlib import Path

import nbformat
import pytest

from libya_conflict import cli
from libya_conflict.publishing import html_export, pdf
from libya_conflict.publishing.build import build
from libya_conflict.publishing.export import effective_parameters, read_for_export
from report_helpers import (
    PLANTED_IMG,
    PLANTED_SCRIPT,
    check_offline,
    executed_by_papermill,
    papermill_cli,
    pdf_text,
    without_cell_ids,
    write_test_notebook,
)

MAY = {"start": "2020-05-01", "end": "2020-05-31", "actor": PLANTED_SCRIPT, "note": PLANTED_IMG,
       "area": "Aljfara"}  # a district in another spelling: the notebook normalises it


def digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> dict:
    """The test briefing run by plain papermill, and the same briefing built by ``build``."""
    root = tmp_path_factory.mktemp("export")
    notebook, executed = executed_by_papermill(root, "test_briefing_2020-05.ipynb", MAY)
    built = build(notebook, MAY, out=root / "built")
    return {"root": root, "notebook": notebook, "executed": executed, "built": built}


@pytest.fixture(scope="module")
def exported(workspace) -> tuple[int, str, Path]:
    out = workspace["root"] / "reports"
    from contextlib import redirect_stdout
    from io import StringIO

    stdout = StringIO()
    with redirect_stdout(stdout):
        code = cli.main(["export", str(workspace["executed"]), "--out", str(out)])
    return code, stdout.getvalue(), out


def test_export_writes_the_report_build_would_write(exported, workspace):
    code, stdout, out = exported
    built = workspace["built"]
    assert code == 0
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == sorted(f"test_briefing/{built.slug}.{f}" for f in ("html", "ipynb", "pdf"))
    assert "_jafara_" in built.slug  # the slug has the area as the notebook normalised it
    assert "events 93" in stdout and "fatalities 217" in stdout
    assert stdout.count("wrote ") == 3
    page = (out / "test_briefing" / f"{built.slug}.html").read_text(encoding="utf-8")
    # The page build makes of the same outputs, byte for byte, but for the id papermill gives
    # the cell it injects. (build exports the notebook it holds in memory, whose figures' keys
    # are in Plotly's order; papermill's file has them sorted: same length, same figures.)
    same_run = html_export.export_html(nbformat.read(built.paths["ipynb"], as_version=4),
                                       "test_briefing")
    assert without_cell_ids(page) == without_cell_ids(same_run)
    assert len(without_cell_ids(page)) == len(without_cell_ids(built.paths["html"].read_text()))


def test_export_records_headline_and_stamp_read_from_the_outputs(exported, workspace):
    _, _, out = exported
    slug = workspace["built"].slug
    nb = nbformat.read(out / "test_briefing" / f"{slug}.ipynb", as_version=4)
    meta = nb.metadata["libya_conflict"]
    assert meta["headline"]["events"] == 93 and meta["headline"]["fatalities"] == 217
    assert meta["headline"]["area"] == "Jafara"
    assert meta["stamp"]["data_file"] == "test.parquet" and meta["synthetic"] is True
    assert meta["build"]["slug"] == slug
    assert meta["build"]["exported_from"] == str(workspace["executed"])
    assert meta["build"]["parameters"] == workspace["built"].parameters


def test_exported_pages_draw_offline_and_the_pdf_has_the_figures(exported, workspace, browser):
    _, _, out = exported
    slug = workspace["built"].slug
    check = check_offline(browser, out / "test_briefing" / f"{slug}.html")
    assert (check.charts, check.drawn, check.outside, check.errors, check.pwned) == (
        2, 2, [], [], None)
    text = " ".join(pdf_text((out / "test_briefing" / f"{slug}.pdf").read_bytes()).split())
    assert "reported fatalities: 217" in text and "GNA-aligned" in text


def test_a_notebook_without_parameters_cell_is_named_after_its_file(workspace, tmp_path):
    nb = nbformat.read(workspace["executed"], as_version=4)
    nb.cells = [c for c in nb.cells if "parameters" not in c.metadata.get("tags", [])]
    del nb.metadata["papermill"]
    path = tmp_path / "Weekly Update.ipynb"
    nbformat.write(nb, path)
    assert effective_parameters(nb, path) is None
    item = read_for_export(path)
    assert (item.notebook, item.slug) == ("Weekly Update", "weekly-update")


@pytest.mark.parametrize("case", ["not json", "not a notebook", "never run", "failed"])
def test_export_refuses_what_it_cannot_publish(case, workspace, tmp_path, capsys):
    path = tmp_path / "input.ipynb"
    if case == "not json":
        path.write_text("this is not a notebook", encoding="utf-8")
    elif case == "not a notebook":
        path.write_text(json.dumps({"cells": "many"}), encoding="utf-8")
    elif case == "never run":
        shutil.copy(workspace["notebook"], path)
    else:
        broken = write_test_notebook(tmp_path / "test_briefing.ipynb", fails=True)
        papermill_cli(broken, path, MAY, check=False)
    # cell 5: the fourth cell of the notebook, after the one papermill injected.
    good = workspace["executed"]  # listed first: nothing is written when another one is bad
    code = cli.main(["export", str(good), str(path), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and err.startswith(f"libya-conflict: error: {path}: ")
    expected = {"not json": "not a Jupyter notebook", "not a notebook": "not a Jupyter notebook",
                "never run": "has not been run",
                "failed": "stopped with an error (cell 5: RuntimeError: planned failure"}[case]
    assert expected in err
    assert not (tmp_path / "out").exists()


def test_two_notebooks_for_one_report_are_refused(workspace, tmp_path, capsys):
    copy = tmp_path / "again.ipynb"
    shutil.copy(workspace["executed"], copy)
    code = cli.main(["export", str(workspace["executed"]), str(copy), "--out",
                     str(tmp_path / "out")])
    assert code == 2
    assert "would write the same report test_briefing/" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_full_disk_while_exporting_keeps_the_previous_report(exported, workspace, tmp_path,
                                                               monkeypatch, capsys):
    _, _, out = exported
    reports = tmp_path / "reports"
    shutil.copytree(out, reports)
    before = digests(reports)

    def full_disk(printer, html, where, stem):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(pdf, "print_page", full_disk)
    monkeypatch.chdir(tmp_path)
    code = cli.main(["export", str(workspace["executed"]), "--out", "reports"])
    assert code == 1
    assert capsys.readouterr().err == (
        f"libya-conflict: error: no space left on device writing reports/test_briefing/"
        f"{workspace['built'].slug}.pdf; the previous report is kept\n")
    assert digests(reports) == before
