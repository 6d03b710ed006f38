"""Tests of the reader-facing HTML export, in a real headless Chromium with the network blocked."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from libya_conflict.briefings import metadata
from libya_conflict.publishing import html_export, plotlyjs
from libya_conflict.publishing.build import execute
from report_helpers import PLANTED_IMG, PLANTED_SCRIPT, check_offline, write_test_notebook

# The test page has bars and a map: it gets the bundle that draws those.
BUNDLE = plotlyjs.bundle_for({"bar", "scattergeo"})
BUNDLE_TEXT = plotlyjs.script_text(BUNDLE.path)


@pytest.fixture(scope="module")
def executed(tmp_path_factory) -> nbformat.NotebookNode:
    """The test notebook run by papermill with text planted in an actor name and a note."""
    folder = tmp_path_factory.mktemp("export")
    notebook = write_test_notebook(folder / "test_briefing.ipynb")
    return execute(notebook, {"actor": PLANTED_SCRIPT, "note": PLANTED_IMG,
                              "area": "Greater Tripoli"})


@pytest.fixture(scope="module")
def page(executed, tmp_path_factory) -> tuple[str, Path]:
    html = html_export.export_html(executed, "test_briefing")
    path = tmp_path_factory.mktemp("page") / "test_briefing.html"
    path.write_text(html, encoding="utf-8")
    return html, path


# --- sanitizer -------------------------------------------------------------------------------


def test_stamp_rows_are_text_in_a_fixed_vocabulary():
    rows = dict(html_export.stamp_rows({
        "parameters": {"start": "2020-04-01", "title": ""}, "data_file": "<b>x</b>.parquet",
        "data_sha256": "ab" * 32, "git_commit": None, "synthetic": True}))
    assert rows == {"Parameters": "start = 2020-04-01; title = (default)",
                    "Data file": "<b>x</b>.parquet", "SHA-256": "ab" * 32}


# --- the exported page -----------------------------------------------------------------------

def test_page_has_one_inline_plotly_js_and_no_external_resource(page):
    html, _ = page
    assert html.count(BUNDLE_TEXT) == 1  # bars and a map: the smallest bundle that draws them
    assert html.count("Plotly.newPlot(") == 2
    assert len(re.findall(r"plotly\.js v\d", html)) == 1  # the bundle's header, once
    assert "window.PlotlyGeoAssets" in html and '"africa_50m"' in html
    soup = BeautifulSoup(html.replace(BUNDLE_TEXT, ""), "html.parser")
    for tag in soup.find_all(["script", "link", "img", "iframe", "source"]):
        assert not tag.get("src") and not tag.get("href"), tag
    for name in ("require.js", "mathjax", "mermaid", "cdn.", "fonts.googleapis"):
        assert name not in html.replace(BUNDLE_TEXT, "").lower()


def test_page_hides_code_warnings_and_provenance_outputs(page):
    html, _ = page
    assert "pio.renderers.default" not in html  # code cells
    assert "a kernel warning for analysts only" not in html  # stderr
    assert "vnd.libya-conflict" not in html  # headline and stamp outputs


def test_figures_have_deterministic_ids(executed, page):
    html, _ = page
    soup = BeautifulSoup(html.replace(BUNDLE_TEXT, ""), "html.parser")
    assert [d["id"] for d in soup.select("div.plotly-graph-div")] == ["figure-1", "figure-2"]
    assert html_export.export_html(executed, "test_briefing") == html


def test_banner_stamp_attribution_and_contents(executed, page):
    html, _ = page
    soup = BeautifulSoup(html.replace(BUNDLE_TEXT, ""), "html.parser")
    assert soup.find("div", class_="banner").get_text() == metadata.SAMPLE_BANNER
    footer = soup.find("footer").get_text(" ")
    assert "ACLED" in footer and "UCDP" in footer and "CC BY 4.0" in footer
    assert "start = 2020-04-01" in footer and "test.parquet" in footer
    assert PLANTED_SCRIPT in footer  # shown as text, escaped in the markup
    toc = [a.get_text() for a in soup.select("nav.toc a")]
    assert toc == ["Headline figures", "Charts", "Activity by side", "Where", "Notes"]
    for link in soup.select("nav.toc a"):
        assert soup.find(id=link["href"][1:]) is not None
    assert soup.title.get_text() == "Test briefing"


def test_no_banner_without_synthetic_data(executed):
    nb = nbformat.from_dict(executed)
    nb.metadata["libya_conflict"]["synthetic"] = False
    html = html_export.export_html(nb, "test_briefing")
    assert metadata.SAMPLE_BANNER not in html


def test_print_page_loads_the_same_plotly_js_from_its_file(executed):
    html, print_html = html_export.export_pages(executed, "test_briefing")
    uri = BUNDLE.path.as_uri()
    assert print_html == html.replace(
        f'<script type="text/javascript">{BUNDLE_TEXT}</script>',
        f'<script src="{uri}"></script>\n{html_export.PRINT_CONFIG_SCRIPT}\n'
        f'{html_export.PRINT_LAYOUT_STYLE}')
    assert html_export.PRINT_CONFIG_SCRIPT not in html  # readers of the page keep hover and zoom


def test_page_draws_offline_and_planted_markup_does_not_run(page, browser):
    _, path = page
    check = check_offline(browser, path)
    assert check.charts == 2 and check.drawn == 2
    assert check.geo_paths > 0  # the map drew its land from the inlined topology
    assert check.outside == []
    assert check.errors == []
    assert check.pwned is None


def test_a_heading_that_ends_its_cell_is_kept_with_the_next_cell(page):
    html, _ = page
    soup = BeautifulSoup(html.replace(BUNDLE_TEXT, ""), "html.parser")
    kept = soup.select("main div.lc-keep")
    # Each heading ends its cell: "## Headline figures" (after the title), "### Activity by
    # side" (after "## Charts") and "### Where" (a cell of its own).
    assert [k.find(["h2", "h3"]).get_text(strip=True) for k in kept] == [
        "Headline figures", "Activity by side", "Where"]
    assert "Events:" in kept[0].get_text()  # together with the text that follows
    for keep in kept:
        heading = keep.find(["h2", "h3"])
        assert "jp-RenderedMarkdown" in heading.parent["class"]  # styled as before
    for keep in kept[1:]:
        assert keep.select_one(".plotly-graph-div") is not None  # together with its chart
    assert not [c for c in soup.select("main div.jp-MarkdownCell")
                if not c.get_text(strip=True)]  # no empty cell left behind
    assert soup.find(string="Charts") is not None  # the rest of the cell stays where it was
