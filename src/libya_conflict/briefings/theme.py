"""One look for every chart: a fixed colour per side, fonts, layout, notes and safe labels.

Colours are Okabe & Ito's colour-blind-safe palette, completed with colours from Paul Tol's
palettes (also designed for colour-blind readers) where the sides of every era of the war need
more than eight. A side has the same colour in every chart of every report.

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
# Height of a chart before its title lines: with them and its key, a chart takes under half a
# printed A4 page (about 1,000 px at the PDF's 700 px layout width), so no chart leaves half a
# page blank before it, and a heading with its chart still fits on one page.
HEIGHT = 300
# The plot's width on paper, which legend rows and marker rows are worked out for.
PRINT_WIDTH = 700
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
    # The key sits under the plot, at the foot of the figure: beside the plot it took a third
    # of the printed width from the chart; above, it grew over the subtitle as entries wrapped.
    # finish() makes the bottom margin as tall as the key's rows.
    legend={"orientation": "h", "yanchor": "bottom", "y": 0, "yref": "container", "x": 0,
            "xanchor": "left", "title": {"text": ""}},
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
        Height in pixels of the plot and its x axis, plus 90 (the figure adds its title
        block and its key).

    """
    head = wrap(safe(title), 78)
    lines = [wrap(safe(subtitle), 100)]
    source = "Source: " + "; ".join(SOURCES.get(d, d) for d in datasets) if datasets else ""
    # The warning sits under the title, where no reader of the chart can miss it; on the
    # source's line when both fit, so that the chart keeps its height for the data.
    warning = (f"<span style='color:{WARNING_COLOUR}'><b>{SAMPLE_BANNER}</b></span>"
               if synthetic else "")
    if source and warning and len(source) + len(SAMPLE_BANNER) + 3 <= 100:
        lines.append(f"{source} \u00b7 {warning}")
    else:
        lines += [part for part in (source, warning) if part]
    sub = "<br>".join(lines)
    title_rows, sub_rows = head.count("<br>") + 1, sub.count("<br>") + 1
    keys = legend_rows(fig)
    # Room for the title block (16 px title lines, 12 px subtitle lines, padding) and for the
    # key under the x axis; the plot keeps height - 90 px whatever the title's length.
    top = 22 + 20 * title_rows + 15 * sub_rows
    bottom = 50 + 22 * keys
    fig.update_layout(
        template=TEMPLATE, height=height - 90 + top + bottom,
        title={"text": head, "subtitle": {"text": sub, "font": {"size": 12, "color": "#555555"}},
               "y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 12, "l": 8}},
        margin={"t": top, "b": bottom, "l": 60, "r": 20},
    )
    return fig


def legend_rows(fig: go.Figure, width: int = PRINT_WIDTH - 40) -> int:
    """Return how many rows the key under a chart takes at the printed width (0 without one).

    Entries are laid out as Plotly lays out a horizontal legend: a symbol and the name, side
    by side, wrapping onto a new row when the next would not fit.
    """
    names = [str(t.name) for t in fig.data if t.name and t.showlegend is not False]
    if fig.layout.showlegend is False or (len(names) < 2
                                          and not any(t.showlegend for t in fig.data)):
        return 0
    rows, used = 1, 0.0
    for name in names:
        entry = 46 + 6.6 * len(html.unescape(name))
        if used and used + entry > width:
            rows, used = rows + 1, 0.0
        used += entry
    return rows
