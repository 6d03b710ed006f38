"""One look for every chart: a fixed colour per side, fonts, layout, notes and safe labels.

Colours are Okabe & Ito's colour-blind-safe palette, completed with colours from Paul Tol's
palettes (also designed for colour-blind readers) where twelve sides need more than eight. A side
has the same colour in every chart of every report.

"""

from __future__ import annotations

import html
import textwrap

import plotly.graph_objects as go

from libya_conflict.briefings.metadata import SAMPLE_BANNER

SIDE_COLOURS = {
    # Chronological: the camps of each era, then the sides every era has. A camp's successor
    # keeps a related hue (Dignity -> LNA -> GNS warm, Dawn -> GNA -> GNU dark blue). Each
    # era's colours were chosen apart from every side of their own and the neighbouring era:
    # CAM02-UCS distance >= 7.6 in normal vision and simulated deuteranomaly, protanomaly and
    # tritanomaly (colorspacious), against 6.8 for the closest pair of 2016-2021 (grey, green).
    "gaddafi": "#225522",           # Tol dark green
    "revolutionaries": "#7F3C8D",   # CARTO Bold purple
    "nato": "#33BBEE",              # Tol vibrant cyan
    "transitional": "#8E6C00",      # dark gold
    "dignity": "#663333",           # Tol dark red-brown
    "foreign_dignity": "#EE7733",   # Tol vibrant orange
    "dawn": "#222255",              # Tol dark navy
    "gna": "#0072B2",               # Okabe-Ito blue
    "foreign_gna": "#56B4E9",       # Okabe-Ito sky blue
    "lna": "#D55E00",               # Okabe-Ito vermillion
    "foreign_lna": "#E69F00",       # Okabe-Ito orange
    "gnu": "#332288",               # Tol indigo
    "foreign_gnu": "#99DDFF",       # Tol light cyan
    "gns": "#CC3311",               # Tol vibrant red
    "jihadist": "#000000",          # black
    "other_armed": "#CC79A7",       # Okabe-Ito reddish purple
    "unidentified_armed": "#8C8C8C",  # grey
    "civilians": "#009E73",         # Okabe-Ito bluish green
    "protesters": "#F0E442",        # Okabe-Ito yellow
    "other_state": "#882255",       # Tol wine
    "unknown": "#C8C8C8",           # light grey
}
SIDE_ORDER = list(SIDE_COLOURS)
EVENT_TYPE_COLOURS = {
    "Battles": "#882255",
    "Explosions/Remote violence": "#CC6677",
    "Violence against civilians": "#DDCC77",
    "Protests": "#88CCEE",
    "Riots": "#44AA99",
    "Strategic developments": "#999933",
}
DATASET_COLOURS = {"acled": "#117733", "ucdp": "#AA4499"}
WARNING_COLOUR = "#B4231B"
TEXT_COLOUR = "#222222"
FONT = "Helvetica Neue, Helvetica, Arial, Liberation Sans, sans-serif"
HEIGHT = 440
SOURCES = {"acled": "ACLED (acleddata.com)", "ucdp": "UCDP GED (ucdp.uu.se), CC BY 4.0"}
TEMPLATE = go.layout.Template(layout=go.Layout(
    font={"family": FONT, "size": 12, "color": TEXT_COLOUR},
    # Title and subtitle start at the figure's left edge: aligned on the plot area, they would
    # move right (past long axis labels) and run off the figure.
    title={"font": {"size": 16}, "x": 0, "xanchor": "left", "xref": "container"},
    paper_bgcolor="white", plot_bgcolor="white",
    colorway=["#0072B2", "#D55E00", "#009E73", "#E69F00", "#56B4E9", "#CC79A7", "#000000"],
    xaxis={"showgrid": False, "linecolor": "#666666", "ticks": "outside", "automargin": True},
    yaxis={"gridcolor": "#E5E5E5", "zeroline": False, "automargin": True, "rangemode": "tozero"},
    # The key sits right of the plot, top-aligned: Plotly widens the margin to fit it, whereas
    # a key above the plot grows upwards over the subtitle as entries wrap onto more rows.
    legend={"orientation": "v", "yanchor": "top", "y": 1.0, "x": 1.02, "xanchor": "left",
            "title": {"text": ""}},
    hoverlabel={"font": {"family": FONT}},
    bargap=0.15, height=HEIGHT,
))


def side_colour(side: str) -> str:
    """Return the fixed colour of a side (coalition key)."""
    return SIDE_COLOURS.get(side, SIDE_COLOURS["unknown"])


def safe(text: object) -> str:
    """Escape text from the data for Plotly, which renders some HTML tags in labels."""
    return html.escape(str(text), quote=False)


def wrap(text: str, width: int = 80) -> str:
    """Break a long (already escaped) title into lines joined by Plotly's ``<br>``."""
    return "<br>".join(textwrap.wrap(text, width=width)) or text


def finish(fig: go.Figure, title: str, subtitle: str, datasets: list[str],
           synthetic: bool, height: int = HEIGHT) -> go.Figure:
    """Apply the theme, the finding as title, units and period as subtitle, and the notes.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        The chart.
    title : str
        The finding, as a sentence (plain text; escaped here).
    subtitle : str
        What is measured, in which units, for which period and place (plain text).
    datasets : list of str
        Datasets shown, for the source line.
    synthetic : bool
        Add the sample-data warning.
    height : int
        Height in pixels.

    """
    head = wrap(safe(title), 78)
    lines = [wrap(safe(subtitle), 100)]
    if datasets:
        lines.append("Source: " + "; ".join(SOURCES.get(d, d) for d in datasets))
    if synthetic:
        # The warning sits under the title, where no reader of the chart can miss it.
        lines.append(f"<span style='color:{WARNING_COLOUR}'><b>{SAMPLE_BANNER}</b></span>")
    sub = "<br>".join(lines)
    rows = head.count("<br>") + 1 + sub.count("<br>") + 1
    fig.update_layout(
        template=TEMPLATE, height=height + 18 * rows,
        title={"text": head, "subtitle": {"text": sub, "font": {"size": 12, "color": "#555555"}},
               "y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 12, "l": 8}},
        margin={"t": 40 + 19 * rows, "b": 50, "l": 60, "r": 20},
    )
    return fig
