"""Tests of PDF printing with the local Chromium: A4 pages, drawn charts, headline figures."""

from __future__ import annotations

import io
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pypdf import PdfReader

from libya_conflict.briefings import metadata
from libya_conflict.errors import InputError, PdfError
from libya_conflict.publishing import html_export, plotlyjs
from libya_conflict.publishing.build import execute
from libya_conflict.publishing.pdf import ENV_CHROMIUM, PdfPrinter, find_chromium
from report_helpers import PLANTED_IMG, PLANTED_SCRIPT, pdf_text, write_test_notebook

A4_POINTS = (595.9, 842.9)



@pytest.fixture(scope="module")
def printer():
    with PdfPrinter(warm_page=plotlyjs.warm_page(), timeout=30) as shared:
        yield shared


@pytest.fixture(scope="module")
def print_page(tmp_path_factory) -> Path:
    """The print twin of the test briefing for 1-31 May 2020 (31 days: 93 events, 217 dead)."""
    folder = tmp_path_factory.mktemp("pdf")
    nb = execute(write_test_notebook(folder / "test_briefing.ipynb"),
                 {"start": "2020-05-01", "end": "2020-05-31", "actor": PLANTED_SCRIPT,
                  "note": PLANTED_IMG})
    path = folder / "test_briefing.print.html"
    path.write_text(html_export.export_pages(nb, "test_briefing")[1], encoding="utf-8")
    return path


def test_find_chromium_prefers_the_configured_browser(tmp_path, monkeypatch):
    browser = tmp_path / "my-chrome"
    browser.write_text("#!/bin/sh\n")
    browser.chmod(0o755)
    monkeypatch.setenv(ENV_CHROMIUM, str(browser))
    assert find_chromium() == str(browser)


def test_find_chromium_rejects_a_configured_path_that_is_not_a_browser(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_CHROMIUM, str(tmp_path / "missing"))
    with pytest.raises(InputError, match=ENV_CHROMIUM):
        find_chromium()


def test_find_chromium_searches_path_in_order(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV_CHROMIUM, raising=False)
    for name in ("google-chrome", "chromium-browser"):
        (tmp_path / name).write_text("#!/bin/sh\n")
        (tmp_path / name).chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_chromium() == str(tmp_path / "chromium-browser")
    shell = tmp_path / "chromium-headless-shell"
    shell.write_text("#!/bin/sh\n")
    shell.chmod(0o755)
    assert find_chromium() == str(shell)  # the headless shell, lighter, comes first
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert find_chromium() is None  # Playwright's own browser, if installed


def test_pdf_is_a4_and_holds_the_headline_figures(printer, print_page):
    data = printer.print_pdf(print_page)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) > 0
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(A4_POINTS, abs=1)
    text = pdf_text(data)
    assert "Events: 93; reported fatalities: 217 in Libya." in " ".join(text.split())
    assert metadata.SAMPLE_BANNER in text
    assert "ACLED" in text and "UCDP" in text
    assert len(data) < 1_500_000


def test_one_browser_prints_many_pages_at_once(printer, print_page):
    with ThreadPoolExecutor(max_workers=3) as pool:
        pdfs = list(pool.map(lambda _: printer.print_pdf(print_page), range(3)))
    pages = {len(PdfReader(io.BytesIO(p)).pages) for p in pdfs}
    assert len(pages) == 1 and pages.pop() > 0


def test_a_chart_that_never_draws_is_an_error(tmp_path):
    page = tmp_path / "broken.html"
    page.write_text('<!DOCTYPE html><html><body><div class="plotly-graph-div"></div>'
                    "<script>window.Plotly = {};</script></body></html>", encoding="utf-8")
    with PdfPrinter(timeout=2) as quick, pytest.raises(PdfError, match="did not draw"):
        quick.print_pdf(page)


def test_a_javascript_error_is_an_error(printer, tmp_path):
    page = tmp_path / "error.html"
    page.write_text("<!DOCTYPE html><html><body><p>x</p><script>undefinedFunction();"
                    "</script></body></html>", encoding="utf-8")
    with pytest.raises(PdfError, match="undefinedFunction"):
        printer.print_pdf(page)
    page.write_text("<!DOCTYPE html><html><body><p>fine</p></body></html>", encoding="utf-8")
    assert pdf_text(printer.print_pdf(page)).strip().startswith("fine")  # printer still works


def test_requests_outside_the_machine_are_blocked(printer, tmp_path):
    # With the network blocked the image fails at once instead of waiting for a timeout, and
    # the failure is logged: printing refuses a page that is not self-contained.
    page = tmp_path / "remote.html"
    page.write_text('<!DOCTYPE html><html><body><img src="https://example.org/x.png">'
                    "</body></html>", encoding="utf-8")
    with pytest.raises(PdfError, match="ERR_FAILED|net::"):
        printer.print_pdf(page)


def test_no_browser_is_one_clear_error(tmp_path):
    missing = tmp_path / "no-such-chromium"
    printer = PdfPrinter(executable=str(missing), timeout=20)
    try:
        with pytest.raises(PdfError, match="cannot start Chromium"):
            printer.print_pdf(tmp_path / "x.html")
    finally:
        printer.close()
    assert not os.path.exists(missing)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread nice is Linux's")
def test_a_niced_printer_lowers_the_browser_only():
    psutil = pytest.importorskip("psutil")
    before = os.getpriority(os.PRIO_PROCESS, 0)
    others = {p.pid for p in psutil.Process().children(recursive=True)}  # other printers
    with PdfPrinter(nice=5, timeout=30) as niced:
        niced._browser_or_raise()  # wait until Chromium runs
        children = [p for p in psutil.Process().children(recursive=True) if p.pid not in others]
        driver = [p for p in children if p.name().startswith("node")]
        # Renderers come from the zygote. (Chromium's browser process, run as root, sets its
        # own priority, and so do some of its service processes.)
        zygotes = [p for p in children if "--type=zygote" in p.cmdline()]
        assert driver and zygotes
        helpers = zygotes
        assert {p.nice() for p in driver + helpers} == {before + 5}
    assert os.getpriority(os.PRIO_PROCESS, 0) == before  # this thread, this process: unchanged
