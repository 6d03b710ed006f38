"""Key events on a time chart: dotted lines, and markers that never overlap.

A few well-spaced events get a label along their line. Many or crowded events get a numbered
marker each in a strip above the plot (never over the bars), set on as many rows as it takes
for no two markers to touch at the printed width, with events too close to tell apart sharing
one marker ("9\u201313"); the numbered list goes under the chart, as text (see
:func:`key_event_list`), where it can run onto the next page instead of making the chart too
tall for one.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from libya_conflict.briefings import theme, wording
from libya_conflict.briefings.selection import Period

# The markers' fill: a colour no other part of a chart uses, so that a test can find each
# marker on a printed page.
MARKER_FILL = "#EFE6F7"
MARKER_ROW = 17          # px between rows of markers
CHAR_PX = 6.5            # width of a digit at the markers' font size
META_KEY = "key_events"  # where the figure keeps its numbered list (layout.meta)
PLOT_MARGINS = 80        # left and right margins of a time chart (theme.finish)


def _short_date(day: pd.Timestamp) -> str:
    return f"{day.day} {wording.MONTHS[day.month - 1][:3]} {day.year}"


def annotate_key_events(fig: go.Figure, key_events: pd.DataFrame, period: Period) -> go.Figure:
    """Mark documented key events on a time chart (call after :func:`theme.finish`).

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        A finished time chart.
    key_events : pandas.DataFrame
        The key events of the period (date, event).
    period : Period
        The period on the x axis.

    Returns
    -------
    plotly.graph_objects.Figure
        The chart with a dotted line per date and labels, or numbered markers above the plot
        and the numbered list in ``layout.meta["key_events"]``.

    """
    if key_events is None or key_events.empty:
        return fig
    events = key_events.sort_values(["date", "event"], kind="stable").reset_index(drop=True)
    gaps = events["date"].diff().dt.days.dropna()
    crowded = len(events) > 5 or bool((gaps < max(1.0, period.days * 0.04)).any())
    for day in events["date"].drop_duplicates():
        fig.add_vline(x=day.date().isoformat(), line_dash="dot", line_color="#555555",
                      line_width=1)
    if not crowded:
        for i, row in enumerate(events.itertuples()):
            # Labels read upwards along their line, alternating sides of it.
            fig.add_annotation(x=row.date.date().isoformat(), y=1, xref="x", yref="paper",
                               yanchor="top", textangle=-90, showarrow=False,
                               xanchor="right" if i % 2 else "left", text=theme.safe(row.event),
                               font={"size": 10, "color": "#333333"},
                               bgcolor="rgba(255,255,255,0.75)")
        return fig
    return _numbered(fig, events, period)


def marker_groups(events: pd.DataFrame, period: Period,
                  width: float = theme.PRINT_WIDTH - PLOT_MARGINS) -> list[dict]:
    """Group key events into markers and set each on a row where it touches no other.

    Parameters
    ----------
    events : pandas.DataFrame
        Key events sorted by date (numbered 1, 2... in that order).
    period : Period
        The x axis.
    width : float
        Plot width in pixels the layout must hold at (the printed width; wider is easier).

    Returns
    -------
    list of dict
        One per marker: date (of its first event), text ("3", "3,4" or "9\u201313"),
        numbers, x (px from the plot's left edge), half (half its width in px), row.

    """
    span = (period.end - period.start).days + 3  # the axis runs a day either side
    px = [((d - period.start).days + 1) / span * width for d in events["date"]]
    groups: list[dict] = []
    for number, (day, x) in enumerate(zip(events["date"], px, strict=True), start=1):
        last = groups[-1] if groups else None
        # Events closer than a marker's width share it: no marker could point at one alone.
        if last is not None and x - last["x"] < 2 * CHAR_PX:
            last["numbers"].append(number)
            continue
        groups.append({"date": day, "x": x, "numbers": [number]})
    rows: list[float] = []
    for group in groups:
        numbers = group["numbers"]
        group["text"] = (str(numbers[0]) if len(numbers) == 1 else
                         f"{numbers[0]},{numbers[1]}" if len(numbers) == 2 else
                         f"{numbers[0]}\u2013{numbers[-1]}")
        group["half"] = (CHAR_PX * len(group["text"]) + 6) / 2
        left = group["x"] - group["half"]
        row = next((i for i, edge in enumerate(rows) if edge + 3 <= left), len(rows))
        rows[row:row + 1] = [group["x"] + group["half"]]
        group["row"] = row
    return groups


def _numbered(fig: go.Figure, events: pd.DataFrame, period: Period) -> go.Figure:
    groups = marker_groups(events, period)
    for group in groups:
        fig.add_annotation(x=group["date"].date().isoformat(), y=1, xref="x", yref="paper",
                           yanchor="bottom", yshift=3 + MARKER_ROW * group["row"],
                           showarrow=False, text=group["text"],
                           font={"size": 10, "color": "#222222"}, bgcolor=MARKER_FILL,
                           bordercolor="#555555", borderwidth=1, borderpad=1)
    items = [f"{i}\u00a0{e} ({_short_date(d)})"
             for i, (e, d) in enumerate(zip(events["event"], events["date"], strict=True), 1)]
    extra = MARKER_ROW * (max(g["row"] for g in groups) + 1) + 4
    fig.update_layout(height=fig.layout.height + extra,
                      margin={"t": (fig.layout.margin.t or 80) + extra},
                      meta={META_KEY: items})
    return fig


def key_event_list(fig: go.Figure | dict) -> list[str]:
    """Return the numbered key events a chart's markers refer to (plain text; [] if none)."""
    layout = fig.get("layout", {}) if isinstance(fig, dict) else fig.layout.to_plotly_json()
    meta = layout.get("meta") or {}
    return list(meta.get(META_KEY, [])) if isinstance(meta, dict) else []
