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
from libya_conflict.briefings.event_marks import annotate_key_events
from libya_conflict.briefings.selection import Period
from libya_conflict.reference.crosswalk import coalition_labels

__all__ = ["ChartContext", "add_bars", "add_hbar", "annotate_key_events", "bar_height",
           "finish_chart", "no_events", "side_labels", "time_axis", "when_text"]

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
    districts : tuple of str
        The districts of the briefing's area, which maps are zoomed to; empty for all of
        Libya (and for a side or an actor, followed across the country).

    """

    period: Period
    where: str
    dataset: str
    synthetic: bool = False
    key_events: pd.DataFrame = field(default_factory=pd.DataFrame)
    step: str = ""
    districts: tuple[str, ...] = ()

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
    """Return the height in pixels of a bar chart with that many rows (before its title)."""
    return max(220, 100 + 24 * rows)
