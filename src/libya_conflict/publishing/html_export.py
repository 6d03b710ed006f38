"""Reader-facing HTML of an executed briefing notebook: offline, escaped, code hidden.

The export goes through nbconvert with the project template (``templates/libya_conflict``):

- each Plotly figure output (``application/vnd.plotly.v1+json``) becomes a ``<div>`` drawn by
  plotly.js, with deterministic ids (``figure-1``, ``figure-2``...), because stock nbconvert
  cannot render that mimetype and Plotly's notebook renderers either use a CDN or random ids;
- plotly.js is inlined once per page (the project's partial bundle when it draws every trace,
  see :mod:`libya_conflict.publishing.plotlyjs`) and the map topology (``data/topojson``) is
  registered as ``window.PlotlyGeoAssets`` before the first plot, so maps draw with no network;
- every HTML and Markdown output of the kernel goes through an allow-list sanitizer: text from
  the data is untrusted, and a ``<script>`` that slipped through the notebook must not run;
- code cells, prompts, warnings (stderr) and the provenance outputs are left out; the page gets
  a table of contents, the sample-data banner where the data is synthetic, and a footer with the
  run's stamp and the ACLED and UCDP attribution.

"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode
from traitlets.config import Config

from libya_conflict.briefings.metadata import METADATA_KEY, SAMPLE_BANNER
from libya_conflict.briefings.metadata import PLOTLY_MIMETYPE as PLOTLY_MIME
from libya_conflict.publishing import plotlyjs
from libya_conflict.publishing.sanitize import sanitize_html

# Our own rendering of a figure: only PlotlyToHtml writes it, and the template prints it raw.
FIGURE_MIME = "application/vnd.libya-conflict.figure+html"
TEMPLATE_NAME = "libya_conflict"
# Where the exporter keeps what it learns about a page in nbconvert's resources.
RESOURCES_KEY = "libya_conflict"
TEMPLATES = Path(__file__).resolve().parent / "templates"
PLOTLYJS_MARKER = "<!--libya-conflict:plotly.js-->"
TOC_MARKER = "<!--libya-conflict:toc-->"
PRINT_CONFIG_SCRIPT = "<script>Plotly.setPlotConfig({staticPlot: true});</script>"
# Charts are drawn once, at load, under screen rules, then printed under print rules: the
# print twin lays the page out as print does (no side padding), so that each chart is drawn
# at the full text width of the paper instead of the narrower screen column.
PRINT_LAYOUT_STYLE = ("<style>@media screen { body { max-width: none; padding-left: 0; "
                      "padding-right: 0; } }</style>")


# Kernel outputs that may reach the reader; anything else (JavaScript, widgets, our private
# mimetypes forged by a kernel) is dropped.
READER_MIMES = ("text/html", "text/markdown", "text/plain", "image/png", "image/jpeg",
                "image/svg+xml", PLOTLY_MIME)
REMOVE_CELL_TAGS = {"remove-cell", "remove_cell"}
REMOVE_OUTPUT_TAGS = {"remove-output", "remove_output"}
GEO_TRACES = {"scattergeo", "choropleth"}


def _outputs(nb: NotebookNode) -> Iterator[NotebookNode]:
    for cell in nb.cells:
        yield from cell.get("outputs", [])


class ReaderOutputs(Preprocessor):
    """Keep only what a reader should see: no removed cells, no warnings, no private outputs."""

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        """Drop removed cells, stderr streams and every output mimetype not for readers."""
        nb.cells = [c for c in nb.cells
                    if not REMOVE_CELL_TAGS & set(c.get("metadata", {}).get("tags", []))]
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            if REMOVE_OUTPUT_TAGS & set(cell.metadata.get("tags", [])):
                cell.outputs = []
            cell.outputs = [o for o in map(_reader_output, cell.outputs) if o is not None]
        return nb, resources


def _reader_output(output: NotebookNode) -> NotebookNode | None:
    if output.output_type == "stream":
        return output if output.get("name") == "stdout" else None
    if output.output_type not in ("display_data", "execute_result"):
        return output
    data = {k: v for k, v in output.get("data", {}).items() if k in READER_MIMES}
    if not data:
        return None
    output.data = NotebookNode(data)
    return output


class PlotlyToHtml(Preprocessor):
    """Replace each Plotly JSON output by its ``<div>`` and ``<script>``, ids in page order."""

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        """Convert the figures; record in ``resources`` how many, their trace types, any map."""
        figures = maps = 0
        types: set[str] = set()
        for output in _outputs(nb):
            figure = output.get("data", {}).get(PLOTLY_MIME)
            if figure is None:
                continue
            figures += 1
            maps += is_map(figure)
            types |= plotlyjs.trace_types(figure)
            output.data = NotebookNode({FIGURE_MIME: figure_html(figure, f"figure-{figures}")})
        resources.setdefault(RESOURCES_KEY, {}).update(figures=figures, maps=maps,
                                                           trace_types=types)
        return nb, resources


def is_map(figure: dict) -> bool:
    """Tell whether a Plotly figure dict draws a geographic map."""
    traces = figure.get("data", [])
    return any(t.get("type") in GEO_TRACES for t in traces) or "geo" in figure.get("layout", {})


def figure_html(figure: dict, div_id: str) -> str:
    """Return the HTML of one Plotly figure (plotly.js itself is inlined once elsewhere)."""
    import plotly.io as pio

    # validate=False: the JSON came from Plotly in the kernel; re-validating costs ~50 ms a chart.
    return pio.to_html(figure, full_html=False, include_plotlyjs=False, include_mathjax=False,
                       div_id=div_id, validate=False,
                       config={"responsive": True, "displaylogo": False})


def _head_scripts(page: dict, for_print: bool = False) -> str:
    if not page["figures"]:
        return ""
    bundle = plotlyjs.bundle_for(page["trace_types"])
    if for_print:
        # Static charts on paper: no hover or zoom layers to build, the same drawing.
        scripts = [f'<script src="{bundle.path.as_uri()}"></script>', PRINT_CONFIG_SCRIPT,
                   PRINT_LAYOUT_STYLE]
    else:
        scripts = [f'<script type="text/javascript">{plotlyjs.script_text(bundle.path)}</script>']
    if page["maps"]:
        scripts.append(f'<script type="text/javascript">{plotlyjs.topojson_script()}</script>')
    return "\n".join(scripts)


def stamp_rows(stamp: dict) -> list[tuple[str, str]]:
    """Flatten a run's stamp into (label, text) rows for the footer, in a stable order.

    Parameters
    ----------
    stamp : dict
        ``metadata["libya_conflict"]["stamp"]`` of an executed notebook.

    Returns
    -------
    list of (str, str)
        Plain text (escaped by the template).

    """
    labels = {"parameters": "Parameters", "data_file": "Data file", "data_sha256": "SHA-256",
              "data_vintage": "Data vintage", "package_version": "libya-conflict",
              "git_commit": "Commit", "run_at": "Run at"}
    rows = []
    for key, value in stamp.items():
        if key == "synthetic" or value in (None, "", {}):
            continue
        if isinstance(value, dict):
            value = "; ".join(f"{k} = {v if v not in (None, '') else '(default)'}"
                              for k, v in value.items())
        rows.append((labels.get(key, key.replace("_", " ").capitalize()), str(value)))
    return rows


class BriefingExporter(HTMLExporter):
    """nbconvert's HTML exporter with the project template, preprocessors and sanitizer."""

    def __init__(self, **kw: Any) -> None:
        config = Config({
            "HTMLExporter": {"sanitize_html": True, "exclude_input": True,
                             "exclude_input_prompt": True, "exclude_output_prompt": True,
                             "exclude_anchor_links": True},
        })
        super().__init__(config=config, template_name=TEMPLATE_NAME,
                         extra_template_basedirs=[str(TEMPLATES)], **kw)
        self.register_preprocessor(ReaderOutputs, enabled=True)
        self.register_preprocessor(PlotlyToHtml, enabled=True)
        self.register_filter("clean_html", sanitize_html)

    @property
    def default_config(self) -> Config:
        """Put our figure mimetype first in the display priority."""
        config = super().default_config
        priority = list(config.NbConvertBase.display_data_priority)
        config.NbConvertBase.display_data_priority = [FIGURE_MIME, *priority]
        return config

    def from_notebook_node(self, nb: NotebookNode, resources: dict | None = None,
                           **kw: Any) -> tuple[str, dict]:
        """Render the page, then add the table of contents, the title and plotly.js."""
        resources = dict(resources or {})
        meta = nb.metadata.get(METADATA_KEY, {})
        resources[RESOURCES_KEY] = {
            "synthetic": bool(meta.get("synthetic")), "banner": SAMPLE_BANNER,
            "stamp": stamp_rows(meta.get("stamp", {})),
        }
        html, resources = super().from_notebook_node(nb, resources, **kw)
        page = resources[RESOURCES_KEY]
        html = finish_page(html, _title(meta))
        # Inserted last, as text: parsing megabytes of JavaScript with BeautifulSoup is slow.
        before, marker, after = html.partition(PLOTLYJS_MARKER)
        page["print_html"] = before + _head_scripts(page, for_print=True) + after
        return before + _head_scripts(page) + after, resources


def _title(meta: dict) -> str:
    return str(meta.get("stamp", {}).get("parameters", {}).get("title") or "").strip()


def finish_page(html: str, title: str = "") -> str:
    """Fill in the title and the table of contents from the rendered headings.

    Parameters
    ----------
    html : str
        The page as rendered by the template (before plotly.js is inserted).
    title : str
        Title given as a parameter; when empty, the first ``<h1>`` of the page is used.

    Returns
    -------
    str
        The page with its ``<title>``, the ``<nav>`` list of its sections placed after the
        notebook's title block, and the top banner dropped when the notebook shows its own.

    """
    soup = BeautifulSoup(html, "html.parser")
    main = soup.find("main")
    headings = main.find_all(["h1", "h2", "h3"]) if main else []
    first_h1 = next((h for h in headings if h.name == "h1"), None)
    title = title or (first_h1.get_text(" ", strip=True) if first_h1 else "") or "Briefing"
    if soup.title is not None:
        soup.title.string = title
    nav = soup.find("nav", class_="toc")
    if nav is not None:
        _fill_toc(soup, nav, [h for h in headings if h.name != "h1"])
        block = first_h1.find_parent("div", class_="jp-Cell") if first_h1 else None
        if block is not None and nav.parent is not None:
            block.insert_after(nav.extract())  # title first, then the contents
    banner = soup.find("div", class_="banner")
    if banner is not None and main is not None and SAMPLE_BANNER in main.get_text(" "):
        banner.decompose()  # the notebook shows the banner itself, above its title
    if main is not None:
        _keep_headings_with_next(soup, main)
    return str(soup)


def _keep_headings_with_next(soup: BeautifulSoup, main: Any) -> None:
    """Keep a heading that ends a Markdown cell on the same printed page as the next cell.

    Chromium does not carry ``break-after: avoid`` from the last heading of a cell over to the
    cell's own break, so the heading and the next cell (a chart, usually) go together in a
    ``div.lc-keep``, which the print CSS does not break inside.
    """
    for cell in main.select("div.jp-MarkdownCell"):
        blocks = cell.select_one(".jp-RenderedMarkdown")
        children = blocks.find_all(recursive=False) if blocks else []
        last = children[-1] if children else None
        following = cell.find_next_sibling("div", class_="jp-Cell")
        if last is None or last.name not in ("h2", "h3") or following is None:
            continue
        keep = soup.new_tag("div", attrs={"class": "lc-keep"})
        # The heading keeps the classes it was styled by.
        heading = soup.new_tag("div", attrs={"class": blocks.get("class", [])})
        heading.append(last.extract())
        following.insert_before(keep)
        keep.append(heading)
        keep.append(following.extract())
        if not blocks.get_text(strip=True):
            cell.decompose()  # nothing left of a cell that held only the heading


def _fill_toc(soup: BeautifulSoup, nav: Any, headings: list) -> None:
    if not headings:
        nav.decompose()
        return
    used: set[str] = set()
    items = soup.new_tag("ol")
    for number, heading in enumerate(headings, start=1):
        anchor = heading.get("id") or _anchor(heading.get_text(" ", strip=True), number)
        while anchor in used:
            anchor = f"{anchor}-{number}"
        used.add(anchor)
        heading["id"] = anchor
        item = soup.new_tag("li", attrs={"class": f"toc-{heading.name}"})
        link = soup.new_tag("a", href=f"#{anchor}")
        link.string = heading.get_text(" ", strip=True)
        item.append(link)
        items.append(item)
    nav.append(items)


def _anchor(text: str, number: int) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return f"section-{slug or number}"


_lock = threading.Lock()
_exporter: BriefingExporter | None = None


def exporter() -> BriefingExporter:
    """Return the process's exporter (building the template environment once costs ~0.2 s)."""
    global _exporter
    if _exporter is None:
        _exporter = BriefingExporter()
    return _exporter


def export_pages(nb: NotebookNode, name: str = "briefing") -> tuple[str, str]:
    """Return the reader-facing HTML page of an executed briefing, and its print twin.

    Parameters
    ----------
    nb : NotebookNode
        The executed notebook (not modified: the export works on a copy).
    name : str
        Notebook name, the page title of last resort.

    Returns
    -------
    html : str
        A self-contained page: plotly.js and the map topology inline, nothing fetched when it
        is opened.
    print_html : str
        The same page loading the same plotly.js file from a ``file:`` URL instead, for
        printing on this machine: Chromium caches compiled code of a script file, not of an
        inline script, which saves the script's compilation on every PDF.

    """
    import copy

    # One export at a time: nbconvert's exporter registers per-call filters on itself.
    with _lock:
        html, resources = exporter().from_notebook_node(copy.deepcopy(nb),
                                                        {"metadata": {"name": name}})
    return html, resources[RESOURCES_KEY]["print_html"]


def export_html(nb: NotebookNode, name: str = "briefing") -> str:
    """Return the reader-facing, self-contained HTML page of an executed briefing."""
    return export_pages(nb, name)[0]


def warm_up() -> None:
    """Prepare exports now (e.g. while a kernel runs): the first export costs ~0.3 s more.

    Builds the exporter, reads the default plotly.js bundle and the topology, and exports a
    small notebook, which compiles the templates and imports what the sanitizer and Plotly
    need on first use.
    """
    import nbformat

    plotlyjs.script_text(plotlyjs.default_bundle().path)
    plotlyjs.topojson_script()
    figure = {"data": [{"type": "bar", "x": ["a"], "y": [1]}], "layout": {}}
    geo = {"data": [{"type": "scattergeo", "lat": [32.9], "lon": [13.2]}],
           "layout": {"geo": {"scope": "africa", "resolution": 50}}}
    outputs = [nbformat.v4.new_output("display_data", data=data) for data in (
        {"text/markdown": "*Warm-up*"}, {"text/html": "<table><tr><td>1</td></tr></table>"},
        {PLOTLY_MIME: figure}, {PLOTLY_MIME: geo})]
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Warm-up\n\n## Section"),
        nbformat.v4.new_code_cell("", outputs=outputs)])
    export_pages(nb, "warm-up")
