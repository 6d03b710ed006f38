"""Display primitives for notebooks: escaped Markdown, HTML tables, figures and banners.

Every text from the data is escaped here before it reaches Markdown or HTML output; figures are
shown as Plotly JSON (``application/vnd.plotly.v1+json``), never as HTML with a CDN.
"""

from __future__ import annotations

import html
import json
import re

import pandas as pd

from libya_conflict.briefings import (
    metadata,
)
from libya_conflict.briefings.metadata import PLOTLY_MIMETYPE

# The key events listed under the last chart that had markers (see show_figure).
_LISTED: dict[str, list[str]] = {}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]|~$])")
_MD_LINE_START = re.compile(r"^([#+\-=]|\d+(?=[.)]))")


def setup() -> None:
    """Make Plotly figures notebook outputs of type ``application/vnd.plotly.v1+json``.

    Figures then stay data in the executed notebook: deterministic for nbval and converted to
    HTML by the report build, never loading plotly.js from a CDN.
    """
    import os
    import sys

    _LISTED.clear()  # a new briefing lists its key events afresh

    if "plotly.io._renderers" in sys.modules:
        import plotly.io as pio

        pio.renderers.default = "plotly_mimetype"
    else:
        # Plotly reads this when it first loads its renderers (a figure shown by hand): loading
        # them now would cost every briefing ~0.2 s for nothing.
        os.environ["PLOTLY_RENDERER"] = "plotly_mimetype"


def escape_html(text: object) -> str:
    """Escape text from the data for HTML output (``<``, ``>``, ``&`` and quotes)."""
    return html.escape("" if text is None else str(text), quote=True)


def escape_markdown(text: object) -> str:
    """Escape text for Markdown output: no markup, links, maths or HTML can come through.

    Line breaks become spaces (no block structure), Markdown's special characters are
    backslash-escaped, HTML's are turned into entities, and a leading ``#``, ``-``, ``+``,
    ``=`` or list number is escaped.
    """
    text = " ".join(("" if text is None else str(text)).split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = html.escape(text, quote=True)
    return _MD_LINE_START.sub(lambda m: m.group(0) + "\\" if m.group(0)[0].isdigit()
                              else "\\" + m.group(0), text)


def emit(bundle: dict) -> None:
    """Display a bundle of outputs (mimetype -> data) as they are, without conversion."""
    from IPython.display import display

    display(bundle, raw=True)


def show_markdown(markdown: str) -> None:
    """Display Markdown composed by the library (data already escaped)."""
    emit({"text/markdown": markdown, "text/plain": markdown})


def show_html(markup: str, plain: str) -> None:
    """Display HTML composed by the library (data already escaped), with a plain fallback."""
    emit({"text/html": markup, "text/plain": plain})


def show_paragraphs(paragraphs: list[str]) -> None:
    """Display plain-text paragraphs, escaped, skipping empty ones."""
    text = "\n\n".join(escape_markdown(p) for p in paragraphs if p)
    if text:
        show_markdown(text)


def show_heading(text: str, level: int = 2) -> None:
    """Display a heading (escaped)."""
    show_markdown(f"{'#' * level} {escape_markdown(text)}")


def show_figure(fig: object) -> None:
    """Display a Plotly figure as ``application/vnd.plotly.v1+json`` (no HTML, no CDN).

    The output is the bundle of Plotly's ``plotly_mimetype`` renderer, made directly: going
    through ``plotly.io.show`` loads every renderer (and nbformat) on the first chart, ~0.25 s.
    """
    import plotly.io as pio

    from libya_conflict.briefings.event_marks import key_event_list

    figure = fig.to_dict() if hasattr(fig, "to_dict") else dict(fig)
    text = pio.to_json(figure, validate=False, remove_uids=False)
    emit({PLOTLY_MIMETYPE: json.loads(text)})
    items = key_event_list(figure)
    if not items:
        return
    # The numbers on the chart's key-event markers, as text under it (escaped here); a chart
    # with the same events as the last one refers to its list instead of repeating it.
    if items == _LISTED.get("items"):
        listed = plain = f"numbered as under the chart above (1\u2013{len(items)})."
    else:
        listed = " \u00b7 ".join(escape_html(item) for item in items)
        plain = " \u00b7 ".join(items)
        _LISTED["items"] = items
    emit({"text/html": f'<p class="lc-key-events"><b>Key events:</b> {listed}</p>',
          "text/plain": f"Key events: {plain}"})


def figure_cards(cards: list[tuple], min_width: str = "10em", size: str = "1.8em") -> str:
    """Return headline figures as a row of cards (HTML).

    Parameters
    ----------
    cards : list of (label, value, change) or (label, value, change, extra)
        Plain-text label and value (escaped here), the change line(s) as HTML already escaped
        (None for no change line), and optional HTML already escaped shown beside the value
        (a :func:`sparkline`).
    min_width, size : str
        CSS width of a card and size of its figure.

    """
    parts = []
    for label, value, change, *extra in cards:
        beside = extra[0] if extra else ""
        parts.append(
            f'<div class="lc-figure" style="flex:1;min-width:{min_width};border-left:4px solid '
            f'#0072B2;padding:0.3em 0.8em"><div class="lc-value" style="font-size:{size};'
            f'font-weight:bold">{escape_html(value)}{beside}</div><div class="lc-label">'
            f'{escape_html(label)}</div>'
            + ("" if change is None
               else f'<div class="lc-change" style="color:#555">{change}</div>')
            + "</div>")
    markup = "".join(parts)
    return f'<div class="lc-headline" style="display:flex;gap:1em;flex-wrap:wrap">{markup}</div>'


def sparkline(points: list[dict], what: str) -> str:
    """Return a small bar chart of the last periods (HTML), the latest bar darkest.

    Parameters
    ----------
    points : list of dict
        start, end (ISO dates) and value (None where the data do not cover the period), oldest
        first (:func:`libya_conflict.briefings.trends.spark`).
    what : str
        What the bars count, for the text a screen reader says ("events").

    Returns
    -------
    str
        Inline-styled spans (no script, no SVG), or "" with fewer than two known values.

    """
    known = [p["value"] for p in points if p["value"] is not None]
    if len(known) < 2:
        return ""
    top = max(known) or 1
    bars = []
    for i, p in enumerate(points):
        span = f"{p['start']} to {p['end']}"
        if p["value"] is None:
            bars.append(f'<span class="lc-spark-bar lc-spark-none" title="{span}: not covered" '
                        'style="display:inline-block;vertical-align:bottom;width:6px;'
                        'height:2px;background-color:#d8dde3"></span>')
            continue
        height = max(2, round(26 * p["value"] / top))
        colour = "#0072B2" if i == len(points) - 1 else "#9DB7D0"
        bars.append(f'<span class="lc-spark-bar" title="{span}: {p["value"]:,}" '
                    f'style="display:inline-block;vertical-align:bottom;width:6px;'
                    f'height:{height}px;background-color:{colour}"></span>')
    said = ", ".join("not covered" if p["value"] is None else f"{p['value']:,}" for p in points)
    return (f'<span class="lc-spark" role="img" aria-label="{escape_html(what)} in the last '
            f'{len(points)} periods: {said}" style="display:inline-block;height:26px;'
            f'vertical-align:bottom">{"".join(bars)}</span>')


def show_banner(synthetic: bool) -> None:
    """Display the sample-data warning when the data hold synthetic events."""
    if not synthetic:
        return
    text = metadata.SAMPLE_BANNER
    show_html(f'<div class="lc-sample-banner" role="note" style="border:2px solid #B4231B;'
              f'color:#B4231B;background:#FDF1F0;padding:0.6em 1em;font-weight:bold;'
              f'margin:0.5em 0">\u26a0 {text}</div>', text)


def html_table(frame: pd.DataFrame, css_class: str = "lc-table") -> str:
    """Render a frame as an HTML table, every cell escaped."""
    head = "".join(f"<th>{escape_html(c)}</th>" for c in frame.columns)
    body = "".join("<tr>" + "".join(f"<td>{escape_html(v)}</td>" for v in row) + "</tr>"
                   for row in frame.astype(object).itertuples(index=False))
    return (f'<table class="{css_class}" style="border-collapse:collapse;text-align:left">'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def show_table(frame: pd.DataFrame, caption: str, empty: str = "Nothing to show.") -> None:
    """Display a table (cells escaped) with a caption in plain words."""
    if frame.empty:
        show_paragraphs([empty])
        return
    show_html(f'<p class="lc-caption">{escape_html(caption)}</p>{html_table(frame)}',
              f"{caption} ({len(frame)} rows)")
