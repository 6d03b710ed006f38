"""The JavaScript of a page with charts: which plotly.js bundle, the map topology, a warm-up.

A page gets the project's partial plotly.js bundle when it can draw every trace of the page.

plotly's own ``plotly.min.js`` (4.8 MB) registers every trace type. The briefings draw bars
and maps of districts (choropleth) with points on them, which
``data/plotlyjs/plotly-briefing.min.js`` (1.5 MB, built by ``scripts/build_plotlyjs.sh``)
covers: pages are a third of the size, and Chromium compiles the script in about a third of the
time, which is most of the cost of printing a PDF.

The bundle's first line names its plotly.js version and trace types. It is used only when both
fit: every trace of the page is one of its types, and its version is the one the installed
plotly package was made for (after an upgrade of plotly, pages fall back to the full bundle
until the partial one is rebuilt).

"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from libya_conflict.resources import data_path

PARTIAL_NAME = "plotly-briefing.min.js"
_HEADER = re.compile(r"plotly\.js v(?P<version>[0-9][0-9A-Za-z.\-]*); "
                     r"traces: (?P<traces>[a-z0-9,]+)")


@dataclass(frozen=True)
class Bundle:
    """A plotly.js file and the trace types it draws (``None``: all of them)."""

    path: Path
    version: str
    traces: frozenset[str] | None

    def draws(self, trace_types: Iterable[str]) -> bool:
        """Tell whether this bundle draws every one of ``trace_types``."""
        return self.traces is None or set(trace_types) <= self.traces


@functools.cache
def full_bundle() -> Bundle:
    """Return plotly's own bundle, which draws every trace type."""
    import plotly
    from plotly.offline import get_plotlyjs_version

    path = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
    return Bundle(path, get_plotlyjs_version(), None)


@functools.cache
def partial_bundle() -> Bundle | None:
    """Return the project's partial bundle, or ``None`` when it is missing or unreadable."""
    path = data_path("plotlyjs") / PARTIAL_NAME
    try:
        with path.open(encoding="utf-8") as handle:
            first = handle.readline()
    except OSError:
        return None
    match = _HEADER.search(first)
    if match is None:
        return None
    return Bundle(path.resolve(), match["version"], frozenset(match["traces"].split(",")))


def bundle_for(trace_types: Iterable[str]) -> Bundle:
    """Return the smallest bundle that draws ``trace_types`` with the installed plotly.

    Parameters
    ----------
    trace_types : iterable of str
        Plotly trace types on the page (``"bar"``, ``"scattergeo"``...).

    Returns
    -------
    Bundle
        The partial bundle when it draws them all and matches plotly's plotly.js version,
        else plotly's full bundle.

    """
    full, partial = full_bundle(), partial_bundle()
    if partial is not None and partial.version == full.version and partial.draws(trace_types):
        return partial
    return full


def default_bundle() -> Bundle:
    """Return the bundle of a page of bars and maps (what a PDF printer should compile first)."""
    return bundle_for({"bar", "scattergeo", "choropleth"})


@functools.cache
def script_text(path: Path) -> str:
    """Return the text of a bundle (read once per process)."""
    return Path(path).read_text(encoding="utf-8")


def trace_types(figure: dict) -> set[str]:
    """Return the trace types of a Plotly figure dict (a trace without a type is a scatter)."""
    return {str(trace.get("type") or "scatter") for trace in figure.get("data", [])}


@functools.cache
def topojson_script() -> str:
    """Return a script registering the packaged map topologies as ``PlotlyGeoAssets``.

    plotly.js looks there before fetching a topology from its CDN, so maps draw offline.
    """
    folder = data_path("topojson")
    parts = ["window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};"]
    for path in sorted(folder.glob("*.json")):
        # Re-encode: compact, and "<" escaped so the JSON can never close the script element.
        text = json.dumps(json.loads(path.read_text(encoding="utf-8")), separators=(",", ":"))
        text = text.replace("<", "\\u003c")
        parts.append(f"window.PlotlyGeoAssets.topojson[{json.dumps(path.stem)}] = {text};")
    return "\n".join(parts)


# A bar chart over dates and a map of Libya with a district, drawn as the briefings draw theirs
# (the polygon is wound clockwise, as plotly.js reads an outer ring).
_WARM_FIGURES = [
    {"data": [{"type": "bar", "x": ["2020-04-01", "2020-04-02"], "y": [1, 2], "name": "a"},
              {"type": "bar", "x": ["2020-04-01", "2020-04-02"], "y": [2, 1], "name": "b"}],
     "layout": {"barmode": "stack", "title": {"text": "Warm-up", "subtitle": {"text": "s"}},
                "xaxis": {"type": "date"}, "legend": {"orientation": "h"},
                "annotations": [{"text": "1", "x": "2020-04-01", "y": 2}],
                "shapes": [{"type": "line", "x0": "2020-04-01", "x1": "2020-04-01",
                            "y0": 0, "y1": 1, "yref": "paper"}]}},
    {"data": [{"type": "choropleth", "locations": ["a"], "z": [1], "showscale": False,
               "geojson": {"type": "FeatureCollection", "features": [{
                   "type": "Feature", "id": "a", "properties": {},
                   "geometry": {"type": "Polygon", "coordinates": [[
                       [13.0, 32.3], [13.0, 32.9], [13.9, 32.9], [13.9, 32.3],
                       [13.0, 32.3]]]}}]}},
              {"type": "scattergeo", "lat": [32.9], "lon": [13.2], "mode": "markers+text",
               "text": ["Tripoli"], "marker": {"size": 8}}],
     "layout": {"geo": {"scope": "africa", "resolution": 50, "projection": {"type": "mercator"},
                        "lonaxis": {"range": [9, 26]}, "lataxis": {"range": [19, 34]},
                        "showland": True, "showcountries": True, "showcoastlines": True}}},
]


def warm_page(bundle: Bundle | None = None) -> str:
    """Return a page that loads ``bundle`` (default :func:`default_bundle`) and draws two charts.

    A PDF printer loads it once while it starts: Chromium then holds plotly.js compiled,
    including the drawing code that runs only when a chart is drawn, and the first briefing
    prints as fast as the next ones. Its doctype and charset are those of a report, as
    Chromium reuses compiled code only for a script decoded the same way.
    """
    bundle = bundle or default_bundle()
    divs = "".join(f'<div id="warm-{n}" class="plotly-graph-div" '
                   'style="width:600px;height:300px"></div>'
                   for n in range(len(_WARM_FIGURES)))
    plots = "".join(
        f"Plotly.newPlot('warm-{n}', {json.dumps(f['data'])}, {json.dumps(f['layout'])}, "
        '{"responsive": true, "displaylogo": false});' for n, f in enumerate(_WARM_FIGURES))
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<script src="{bundle.path.as_uri()}"></script>'
            f'<script type="text/javascript">{topojson_script()}</script></head>'
            f"<body>{divs}<script>{plots}</script></body></html>")
