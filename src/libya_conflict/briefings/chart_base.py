"""What every chart shares: its context, a finished layout, empty charts, bars and key events.

Charts are deterministic (no random ids, no times), take their colours from :mod:`theme`, put
units, period and place in the subtitle, and show "No events recorded in this period" instead of
empty axes. Text from the data (places, actors) is escaped, since Plotly renders some HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from libya_conflict.briefings import (
    theme,
    timeline,
    wording,
)
from libya_conflict.briefings.selection import Period
from libya_conflict.reference.crosswalk import coalition_labels

DAY_MS = 86_400_000
PERIODS = {"day": DAY_MS, "week": 7 * DAY_MS, "month": "M1"}


@dataclass(frozen=True)
class ChartContext:
    """What every chart of a briefing shares.

    Attributes
    ----------
    period : Period
        The period shown.
    where : str
        The place or subject, for subtitles ("Greater Tripoli", "LNA-aligned forces").
    dataset : str
        The dataset counted (``acled`` or ``ucdp``).
    synthetic : bool
        Mark every chart as sample data.
    key_events : pandas.DataFrame
        Key events to annotate on time charts (already limited to the period and area).
    step : str
        Time step of time charts (``day``, ``week``, ``month``); "" chooses from the period.

    """

    period: Period
    where: str
    dataset: str
    synthetic: bool = False
    key_events: pd.DataFrame = field(default_factory=pd.DataFrame)
    step: str = ""

    @property
    def unit(self) -> str:
        """Return the time step of time charts (``step``, or one that suits the period)."""
        return self.step or timeline.time_unit(self.period)

    def subtitle(self, what: str, dataset: str | None = None) -> str:
        """Return "what, dataset, period, place" for a subtitle."""
        ds = wording.DATASET_NAMES.get(dataset or self.dataset, dataset or self.dataset)
        period = wording.period_text(self.period.start, self.period.end)
        return f"{what} \u00b7 {ds} \u00b7 {period} \u00b7 {self.where}"


def side_labels() -> dict[str, str]:
    """Return coalition key -> label, for chart keys and titles."""
    return coalition_labels()


def finish_chart(fig: go.Figure, ctx: ChartContext, title: str, what: str,
            datasets: list[str] | None = None, height: int = theme.HEIGHT,
            subtitle_dataset: str | None = None) -> go.Figure:
    """Apply the theme to a chart of a briefing: title, subtitle with period and place, source."""
    datasets = [ctx.dataset] if datasets is None else datasets
    subtitle = ctx.subtitle(what, subtitle_dataset)
    return theme.finish(fig, title, subtitle, datasets, ctx.synthetic, height)


def no_events(ctx: ChartContext, what: str = "Events",
              message: str = "No events recorded in this period") -> go.Figure:
    """Return a figure that says plainly that there is nothing to show.

    Parameters
    ----------
    ctx : ChartContext
        Period, place and dataset.
    what : str
        What the chart would have shown, for the subtitle.
    message : str
        The statement shown as title and in the middle of the chart.

    """
    fig = go.Figure()
    fig.add_annotation(text=theme.safe(message), x=0.5, y=0.5, xref="paper", yref="paper",
                       showarrow=False, font={"size": 16, "color": "#555555"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return finish_chart(fig, ctx, message, what, height=220)


def when_text(bucket: pd.Timestamp, unit: str) -> str:
    """Return a time bucket for a sentence: "on 4 April 2019", "in the week of ...", "in May"."""
    if unit == "day":
        return f"on {wording.date_text(bucket)}"
    if unit == "week":
        return f"in the week of {wording.date_text(bucket)}"
    return f"in {wording.MONTHS[bucket.month - 1]} {bucket.year}"


def time_axis(fig: go.Figure, ctx: ChartContext, y_title: str) -> None:
    """Set a time chart's axes: the whole period on x, a titled count on y."""
    pad = pd.Timedelta(days=1)
    fig.update_xaxes(range=[(ctx.period.start - pad).isoformat(),
                            (ctx.period.end + 2 * pad).isoformat()], type="date",
                     tickformat="%-d %b\n%Y" if ctx.period.days <= 120 else "%b\n%Y")
    fig.update_yaxes(title_text=y_title)


def add_bars(fig: go.Figure, table: pd.DataFrame, ctx: ChartContext, colours: dict[str, str],
          names: dict[str, str] | None = None, unit_name: str = "events") -> None:
    """Add one stacked bar trace per column of a time table, in the given colours."""
    names = names or {}
    for column in table.columns:
        label = theme.safe(names.get(column, column))
        fig.add_bar(x=[d.date().isoformat() for d in table.index], y=table[column].tolist(),
                    name=label, marker_color=colours.get(column, theme.SIDE_COLOURS["unknown"]),
                    xperiod=PERIODS[ctx.unit], xperiodalignment="middle",
                    hovertemplate=f"{label}: %{{y}} {unit_name}<extra></extra>")
    fig.update_layout(barmode="stack", hovermode="x unified")


def annotate_key_events(fig: go.Figure, key_events: pd.DataFrame, period: Period) -> go.Figure:
    """Mark documented key events on a time chart (call after :func:`theme.finish`).

    A few well-spaced events get a dotted line and a label along it. Many or crowded events
    get a dotted line and a number each, with the numbered list under the chart, so that
    labels never pile up on each other or on the bars.
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
    return _numbered_key_events(fig, events, period)


def _short_date(day: pd.Timestamp) -> str:
    return f"{day.day} {wording.MONTHS[day.month - 1][:3]} {day.year}"


def _numbered_key_events(fig: go.Figure, events: pd.DataFrame, period: Period) -> go.Figure:
    levels: list[pd.Timestamp] = []
    close = pd.Timedelta(days=max(1.0, period.days * 0.035))
    items = []
    for day, group in events.groupby("date", sort=True):
        first = len(items) + 1
        items += [f"{first + i}\u00a0{theme.safe(e)} ({_short_date(day)})"
                  for i, e in enumerate(group["event"])]
        numbers = ",".join(str(first + i) for i in range(len(group)))
        # Stagger markers downwards when the previous one on a level is too close.
        level = next((i for i, last in enumerate(levels) if day - last > close), len(levels))
        levels[level:level + 1] = [day]
        fig.add_annotation(x=day.date().isoformat(), y=1, xref="x", yref="paper",
                           yanchor="top", yshift=-16 * (level % 4), showarrow=False,
                           text=numbers, font={"size": 10, "color": "#222222"},
                           bgcolor="white", bordercolor="#555555", borderwidth=1, borderpad=1)
    lines = theme.wrap("Key events: " + " \u00b7 ".join(items), 125).split("<br>")
    fig.add_annotation(text="<br>".join(lines), x=0, xref="paper", xanchor="left", y=0,
                       yref="paper", yanchor="top", yshift=-58, showarrow=False, align="left",
                       font={"size": 10, "color": "#333333"})
    extra = 14 * len(lines) + 20
    fig.update_layout(height=fig.layout.height + extra,
                      margin={"b": (fig.layout.margin.b or 50) + extra})
    return fig


def add_hbar(fig: go.Figure, names: list[str], values: list[int], colours: list[str] | str,
          hover: list[str], x_title: str) -> None:
    """Add horizontal bars with their values printed beyond each bar."""
    fig.add_bar(y=[theme.safe(n) for n in names], x=values, orientation="h",
                marker_color=colours, text=[wording.number(v) for v in values],
                textposition="outside", cliponaxis=False,
                hovertext=[theme.safe(h) for h in hover], hoverinfo="text")
    fig.update_yaxes(autorange="reversed", gridcolor="rgba(0,0,0,0)", rangemode=None)
    # Room on the right for the value labels printed beyond each bar.
    fig.update_xaxes(title_text=x_title, showgrid=True, gridcolor="#E5E5E5",
                     range=[0, max(values, default=1) * 1.25 or 1])
    fig.update_layout(showlegend=False)


def bar_height(rows: int) -> int:
    """Return the height in pixels of a bar chart with that many rows."""
    return max(260, 120 + 28 * rows)
