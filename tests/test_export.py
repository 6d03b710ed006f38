"""Tests of the reader-facing HTML export, in a real headless Chromium with the network blocked.

Also holds the helpers the other report-build tests import: a small briefing notebook written
by the tests (parameters cell, Markdown, HTML and Markdown outputs with text from the
parameters, a Plotly chart, a scatter_geo map, headline and stamp outputs) and an offline page
check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from libya_conflict import export
from libya_conflict.build import execute
from libya_conflict.pdf import CHARTS_DRAWN, CHROMIUM_ARGS, find_chromium

PLANTED_SCRIPT = "<script>window.__pwned = 1</script>"
PLANTED_IMG = '<img src="x" onerror="window.__pwned = 2">'
PLANTED = PLANTED_SCRIPT + PLANTED_IMG

PARAMETERS_CELL = """\
start: str = "2020-04-01"
end: str = "2020-04-30"
area: str = "Libya"
actor: str = "Unidentified Armed Group (Libya)"
note: str = "Clashes were reported."
data: str = ""
title: str = ""
pages: int = 1"""

SETUP_CELL = """\
import datetime as dt
import sys
import plotly.graph_objects as go
import plotly.io as pio
from IPython.display import HTML, Markdown, display
from libya_conflict.params import check_parameters
from libya_conflict.provenance import HEADLINE_MIMETYPE, STAMP_MIMETYPE
pio.renderers.default = "plotly_mimetype"
p = check_parameters(dict(start=start, end=end, area=area, actor=actor, data=data,
                          title=title))
days = (dt.date.fromisoformat(p["end"]) - dt.date.fromisoformat(p["start"])).days + 1
events, fatalities = 3 * days, 7 * days
display({HEADLINE_MIMETYPE: dict(start=p["start"], end=p["end"], area=p["area"],
         actor=p["actor"], events=events, fatalities=fatalities,
         civilian_targeting_events=days, previous_events=events - 5,
         previous_fatalities=fatalities + 4)}, raw=True)
display({STAMP_MIMETYPE: dict(parameters=p, data_file="test.parquet", data_sha256="0" * 64,
         package_version="test", run_at="2024-01-01T00:00:00Z", synthetic=True)}, raw=True)"""

# Text from the parameters goes out raw here, on purpose: the exporter must neutralise it.
TEXT_CELL = """\
display(Markdown(f"Events: **{events}**; reported fatalities: **{fatalities}** in {p['area']}."))
display(HTML("<p>Most active actor: " + actor + "</p>"))
display(Markdown("Note: " + note))
print("a kernel warning for analysts only", file=sys.stderr)"""

CHART_CELL = """\
go.Figure(go.Bar(x=["GNA-aligned", actor], y=[events, fatalities], name=actor)).show()"""

MAP_CELL = """\
fig = go.Figure(go.Scattergeo(lat=[32.89, 32.11], lon=[13.19, 20.07], mode="markers",
                              text=[actor, note], marker={"size": [12, 8]}))
fig.update_geos(scope="africa", resolution=50, lataxis_range=[19, 34], lonaxis_range=[9, 26])
fig.show()"""


def write_test_notebook(path: Path, fails: bool = False) -> Path:
    """Write the small briefing notebook the report-build tests run.

    With ``fails``, the same notebook (same name, same parameters) with a bug: a cell raises
    ``RuntimeError`` with a planted ``<script>`` in its message.
    """
    params = nbformat.v4.new_code_cell(PARAMETERS_CELL)
    params.metadata["tags"] = ["parameters"]
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        params,
        nbformat.v4.new_code_cell(SETUP_CELL),
        nbformat.v4.new_markdown_cell("# Test briefing\n\n## Headline figures"),
        nbformat.v4.new_code_cell(TEXT_CELL),
        nbformat.v4.new_markdown_cell("## Charts\n\n### Activity by side"),
        nbformat.v4.new_code_cell(CHART_CELL),
        nbformat.v4.new_markdown_cell("### Where"),
        nbformat.v4.new_code_cell(MAP_CELL),
        nbformat.v4.new_markdown_cell("## Notes\n\nA notebook written by the tests."),
        nbformat.v4.new_code_cell('for _ in range(pages - 1):\n'
                                  '    display(Markdown("A paragraph of filler. " * 150))'),
    ]
    if fails:
        nb.cells.insert(4, nbformat.v4.new_code_cell(
            f"raise RuntimeError('planned failure ' + {PLANTED_SCRIPT!r})"))
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


@dataclass
class PageCheck:
    """What an offline browser saw on a page."""

    charts: int = 0
    drawn: int = 0
    geo_paths: int = 0
    pwned: object = None
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


def check_offline(browser, path: Path, wait_for_charts: bool = True) -> PageCheck:
    """Open a local page with every non-file request blocked; report what happened."""
    check = PageCheck()
    context = browser.new_context(viewport={"width": 1000, "height": 900})

    def route(route):
        url = route.request.url
        if url.startswith("file:"):
            route.continue_()
        else:
            check.outside.append(url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("pageerror", lambda exc: check.errors.append(str(exc)))
    page.on("console", lambda msg: msg.type == "error" and check.errors.append(msg.text))
    try:
        page.goto(path.resolve().as_uri(), wait_until="load")
        if wait_for_charts:
            page.wait_for_function(CHARTS_DRAWN, timeout=30_000, polling=100)
        page.wait_for_timeout(200)  # let any late onerror/onload handler fire
        seen = page.evaluate("""() => ({
            charts: document.querySelectorAll('.plotly-graph-div').length,
            drawn: Array.from(document.querySelectorAll('.plotly-graph-div'))
                .filter(d => d.querySelector('.main-svg')).length,
            geo: document.querySelectorAll('.geolayer path[d]').length,
            pwned: window.__pwned === undefined ? null : window.__pwned,
            links: Array.from(document.querySelectorAll('a[href]')).map(a => a.href)})""")
    finally:
        context.close()
    check.charts, check.geo_paths, check.pwned = seen["charts"], seen["geo"], seen["pwned"]
    check.drawn = seen["drawn"]
    check.links = seen["links"]
    return check


_BROWSER: dict = {}


def shared_browser():
    """Yield the session's headless Chromium for checking pages (started once).

    Each test module that checks pages declares a session fixture ``browser`` yielding from
    this; the browser itself is kept here, because two Playwright instances cannot run in one
    thread.
    """
    from playwright.sync_api import sync_playwright

    if not _BROWSER:
        playwright = sync_playwright().start()
        _BROWSER.update(playwright=playwright, browser=playwright.chromium.launch(
            executable_path=find_chromium(), args=CHROMIUM_ARGS))
    yield _BROWSER["browser"]
    if _BROWSER:
        _BROWSER.pop("browser").close()
        _BROWSER.pop("playwright").stop()


@pytest.fixture(scope="session")
def browser():
    yield from shared_browser()


@pytest.fixture(scope="module")
def executed(tmp_path_factory) -> nbformat.NotebookNode:
    """The test notebook run by papermill with text planted in an actor name and a note."""
    folder = tmp_path_factory.mktemp("export")
    notebook = write_test_notebook(folder / "test_briefing.ipynb")
    return execute(notebook, {"actor": PLANTED_SCRIPT, "note": PLANTED_IMG,
                              "area": "Greater Tripoli"})


@pytest.fixture(scope="module")
def page(executed, tmp_path_factory) -> tuple[str, Path]:
    html = export.export_html(executed, "test_briefing")
    path = tmp_path_factory.mktemp("page") / "test_briefing.html"
    path.write_text(html, encoding="utf-8")
    return html, path


# --- sanitizer -------------------------------------------------------------------------------

@pytest.mark.parametrize("dirty", [
    PLANTED_SCRIPT, PLANTED_IMG, '<a href="javascript:alert(1)">x</a>', "<svg onload=alert(1)>",
    '<iframe src="https://example.org"></iframe>', '<p onclick="alert(1)">x</p>',
    '<img src="https://example.org/x.png">', '<div style="background:url(https://x.org/a)">',
])
def test_sanitize_html_leaves_nothing_live(dirty):
    clean = export.sanitize_html(dirty)
    soup = BeautifulSoup(clean, "html.parser")
    assert not soup.find_all(["script", "iframe", "svg"])
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            assert not name.startswith("on"), clean
            assert "javascript:" not in str(value) and "https:" not in str(value), clean


def test_sanitize_html_keeps_tables_and_inline_images():
    table = ('<table class="dataframe"><thead><tr><th>Date</th></tr></thead>'
             '<tbody><tr><td style="text-align: right;">4 April 2019</td></tr></tbody></table>')
    image = '<img alt="chart" src="data:image/png;base64,iVBORw0KGgo=">'
    clean = export.sanitize_html(table + image)
    assert '<table class="dataframe">' in clean and "4 April 2019" in clean
    assert 'style="text-align: right;"' in clean
    assert 'src="data:image/png;base64,iVBORw0KGgo="' in clean


def test_stamp_rows_are_text_in_a_fixed_vocabulary():
    rows = dict(export.stamp_rows({
        "parameters": {"start": "2020-04-01", "title": ""}, "data_file": "<b>x</b>.parquet",
        "data_sha256": "ab" * 32, "git_commit": None, "synthetic": True}))
    assert rows == {"Parameters": "start = 2020-04-01; title = (default)",
                    "Data file": "<b>x</b>.parquet", "SHA-256": "ab" * 32}


# --- the exported page -----------------------------------------------------------------------

def test_page_has_one_inline_plotly_js_and_no_external_resource(page):
    html, _ = page
    assert html.count("Plotly.newPlot(") == 2
    assert len(re.findall(r"\* plotly\.js v\d", html)) == 1  # the bundle's header, once
    assert "window.PlotlyGeoAssets" in html and '"africa_50m"' in html
    soup = BeautifulSoup(html.replace(export.plotly_js(), ""), "html.parser")
    for tag in soup.find_all(["script", "link", "img", "iframe", "source"]):
        assert not tag.get("src") and not tag.get("href"), tag
    for name in ("require.js", "mathjax", "mermaid", "cdn.", "fonts.googleapis"):
        assert name not in html.replace(export.plotly_js(), "").lower()


def test_page_hides_code_warnings_and_provenance_outputs(page):
    html, _ = page
    assert "pio.renderers.default" not in html  # code cells
    assert "a kernel warning for analysts only" not in html  # stderr
    assert "vnd.libya-conflict" not in html  # headline and stamp outputs


def test_figures_have_deterministic_ids(executed, page):
    html, _ = page
    soup = BeautifulSoup(html.replace(export.plotly_js(), ""), "html.parser")
    assert [d["id"] for d in soup.select("div.plotly-graph-div")] == ["figure-1", "figure-2"]
    assert export.export_html(executed, "test_briefing") == html


def test_banner_stamp_attribution_and_contents(executed, page):
    html, _ = page
    soup = BeautifulSoup(html.replace(export.plotly_js(), ""), "html.parser")
    assert soup.find("div", class_="banner").get_text() == export.SAMPLE_BANNER
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
    html = export.export_html(nb, "test_briefing")
    assert export.SAMPLE_BANNER not in html


def test_print_page_loads_the_same_plotly_js_from_its_file(executed):
    html, print_html = export.export_pages(executed, "test_briefing")
    uri = export.plotly_js_path().as_uri()
    assert export.plotly_js_path().read_text(encoding="utf-8") == export.plotly_js()
    assert print_html == html.replace(
        f'<script type="text/javascript">{export.plotly_js()}</script>',
        f'<script src="{uri}"></script>')


def test_page_draws_offline_and_planted_markup_does_not_run(page, browser):
    _, path = page
    check = check_offline(browser, path)
    assert check.charts == 2 and check.drawn == 2
    assert check.geo_paths > 0  # the map drew its land from the inlined topology
    assert check.outside == []
    assert check.errors == []
    assert check.pwned is None
