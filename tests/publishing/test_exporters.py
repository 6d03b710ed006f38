"""Tests of the nbconvert exporters: stock ``jupyter nbconvert`` on a plain papermill run."""

from __future__ import annotations

import glob
import io
import tomllib
from pathlib import Path

import nbformat
import pytest
from pypdf import PdfReader

from conftest import REPO
from libya_conflict.publishing import html_export
from libya_conflict.publishing.exporters import BriefingHTMLExporter
from libya_conflict.publishing.notebook_metadata import collect_metadata
from report_helpers import (
    PLANTED_IMG,
    PLANTED_SCRIPT,
    check_offline,
    executed_by_papermill,
    jupyter,
    papermill_cli,
    pdf_text,
    write_test_notebook,
)

MAY = {"start": "2020-05-01", "end": "2020-05-31", "actor": PLANTED_SCRIPT, "note": PLANTED_IMG}
TEMPLATE = REPO / "src" / "libya_conflict" / "publishing" / "templates" / "libya_conflict"


@pytest.fixture(scope="module")
def executed(tmp_path_factory) -> Path:
    """The test briefing run by plain papermill (no project engine), text planted in it."""
    _, out = executed_by_papermill(tmp_path_factory.mktemp("papermill"), "may.ipynb", MAY)
    nb = nbformat.read(out, as_version=4)
    assert "libya_conflict" not in nb.metadata  # no engine recorded anything: outputs only
    return out


@pytest.fixture(scope="module")
def converted(executed, tmp_path_factory) -> dict[str, Path]:
    """``jupyter nbconvert --to libya_conflict_html`` and ``--to libya_conflict_pdf``."""
    out = tmp_path_factory.mktemp("converted")
    paths = {}
    for fmt in ("html", "pdf"):
        done = jupyter("nbconvert", "--to", f"libya_conflict_{fmt}", str(executed),
                       "--output-dir", str(out), cwd=out)
        assert done.returncode == 0, done.stderr
        paths[fmt] = out / f"may.{fmt}"
    return paths


def test_stock_nbconvert_lists_the_exporters():
    from nbconvert.exporters import get_export_names, get_exporter

    assert {"libya_conflict_html", "libya_conflict_pdf"} <= set(get_export_names())
    assert get_exporter("libya_conflict_html") is BriefingHTMLExporter


def test_the_html_draws_every_chart_offline(converted, browser):
    check = check_offline(browser, converted["html"])
    assert (check.charts, check.drawn) == (2, 2)
    assert check.geo_paths > 0  # the map drew its land from the inlined topology
    assert (check.outside, check.errors, check.pwned) == ([], [], None)


def test_the_html_is_the_page_build_writes(converted, executed):
    nb = collect_metadata(nbformat.read(executed, as_version=4))
    assert converted["html"].read_text(encoding="utf-8") == html_export.export_html(
        nb, "test_briefing")
    page = converted["html"].read_text(encoding="utf-8")
    assert "Sample data" in page and "test.parquet" in page  # banner and stamp, from outputs
    assert "pio.renderers.default" not in page  # no code
    assert PLANTED_SCRIPT not in page and PLANTED_IMG not in page


def test_the_pdf_is_printed_with_its_charts(converted):
    data = converted["pdf"].read_bytes()
    assert len(PdfReader(io.BytesIO(data)).pages) > 0
    text = " ".join(pdf_text(data).split())
    assert "reported fatalities: 217" in text
    assert "GNA-aligned" in text  # the bar chart's axis: the chart was drawn before printing
    assert sorted(p.name for p in converted["pdf"].parent.iterdir()) == ["may.html", "may.pdf"]


def test_a_failed_notebook_is_refused_in_one_line(tmp_path):
    broken = write_test_notebook(tmp_path / "test_briefing.ipynb", fails=True)
    out = tmp_path / "failed.ipynb"
    assert papermill_cli(broken, out, MAY, check=False).returncode != 0
    for fmt in ("html", "pdf"):
        done = jupyter("nbconvert", "--to", f"libya_conflict_{fmt}", str(out), cwd=tmp_path)
        assert done.returncode == 1
        assert "Traceback" not in done.stderr
        [line] = [text for text in done.stderr.splitlines() if "libya-conflict" in text]
        assert "the notebook stopped with an error (cell" in line
        assert "RuntimeError: planned failure" in line
        assert not (tmp_path / f"failed.{fmt}").exists()


def test_the_template_is_found_by_name(executed, tmp_path):
    done = jupyter("nbconvert", "--to", "html", "--template", "libya_conflict", str(executed),
                   "--output-dir", str(tmp_path))
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "may.html").read_text(encoding="utf-8")
    assert '<meta content="libya-conflict" name="generator"/>' in page or (
        '<meta name="generator" content="libya-conflict">' in page)
    assert "https://" not in page  # none of the default template's CDN scripts


def test_the_template_is_packaged_where_stock_nbconvert_looks():
    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    installed = {}
    for folder, patterns in config["data-files"].items():
        for pattern in patterns:
            for name in glob.glob(str(REPO / pattern)):
                installed[Path(folder) / Path(name).name] = Path(name)
    base = Path("share/jupyter/nbconvert/templates/libya_conflict")
    expected = {base / p.relative_to(TEMPLATE): p for p in TEMPLATE.rglob("*") if p.is_file()}
    assert installed == expected
