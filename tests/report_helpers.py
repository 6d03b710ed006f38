"""Helpers of the report-build tests: a small briefing notebook written by the tests, an offline
page check in headless Chromium, and the text of a PDF.

The notebook has a parameters cell, Markdown, HTML and Markdown outputs with text from the
parameters, a Plotly chart, a scattergeo map, and headline and stamp outputs.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from pypdf import PdfReader

from libya_conflict.publishing.pdf import CHARTS_DRAWN, CHROMIUM_ARGS, find_chromium

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
from libya_conflict.briefings.metadata import HEADLINE_MIMETYPE, STAMP_MIMETYPE
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


def papermill_cli(notebook: Path, executed: Path, parameters: dict[str, str],
                  check: bool = True) -> subprocess.CompletedProcess:
    """Run a notebook with plain ``papermill`` (its CLI, no project engine), as a team would."""
    command = [str(Path(sys.executable).parent / "papermill"), str(notebook), str(executed),
               "--no-progress-bar", "-k", "python3"]
    for name, value in parameters.items():
        command += ["-p", name, value]
    return subprocess.run(command, capture_output=True, text=True, check=check, timeout=300)


def executed_by_papermill(folder: Path, name: str, parameters: dict[str, str]) -> tuple[Path, Path]:
    """Write the test notebook in ``folder/notebooks`` and run it by plain papermill to
    ``folder/runs/NAME``; return both paths."""
    notebook = write_test_notebook(folder / "notebooks" / "test_briefing.ipynb")
    executed = folder / "runs" / name
    executed.parent.mkdir(parents=True, exist_ok=True)
    papermill_cli(notebook, executed, parameters)
    return notebook, executed


def schedule_workspace(root: Path) -> dict:
    """The test notebook, a table of three months' events and a schedule of four briefings
    (three monthly ones with a script in their title, one for Misrata with a planted note)."""
    import pandas as pd

    notebook = write_test_notebook(root / "nbs" / "test_briefing.ipynb")
    data = root / "events.parquet"
    pd.DataFrame({"date": pd.to_datetime(["2020-01-05", "2020-02-10", "2020-03-30"]),
                  "fatalities": [1, 0, 2]}).to_parquet(data)
    config = {"data": str(data), "formats": ["html", "pdf"], "jobs": 2, "briefings": [
        {"notebook": str(notebook), "period": "each-month",
         "parameters": {"area": "Libya", "title": PLANTED_SCRIPT}},
        {"notebook": str(notebook), "parameters": {"area": "Misrata", "note": PLANTED_IMG}}]}
    return {"root": root, "notebook": notebook, "config": config}


def jupyter(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``jupyter ARGS...`` of this environment (e.g. ``nbconvert --to ...``)."""
    return subprocess.run([str(Path(sys.executable).parent / "jupyter"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


HOLDER = """
import sys, time
from pathlib import Path
from libya_conflict.files import atomic_outputs
with atomic_outputs([Path(sys.argv[1])]) as (temp,):
    temp.write_text("half")
    print(temp, flush=True)
    time.sleep(float(sys.argv[2]))
"""


def holder(target: Path, seconds: float) -> tuple[subprocess.Popen, Path]:
    """A process writing ``target``: its temporary file exists while it sleeps ``seconds``."""
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(target), str(seconds)],
                               stdout=subprocess.PIPE, text=True)
    return process, Path(process.stdout.readline().strip())


def without_cell_ids(page: str | bytes) -> str:
    """A page without its cells' ids: papermill gives the cell it injects a new one each run."""
    text = page.decode("utf-8") if isinstance(page, bytes) else page
    return re.sub(r'id="cell-id=[0-9a-f-]+"', "", text)


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

    The ``browser`` fixture of conftest.py yields from this; the browser is kept here because
    two Playwright instances cannot run in one thread.
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


def pdf_text(data: bytes) -> str:
    """Text of a PDF, by pdftotext when installed (as a reader would copy it), else pypdf."""
    if shutil.which("pdftotext"):
        done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data,
                              capture_output=True, check=True)
        return done.stdout.decode("utf-8")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
