"""Charts over time. Each returns a Plotly figure whose title states the finding."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from libya_conflict.briefings import (
    coding,
    measures,
    selection,
    theme,
    timeline,
    wording,
)
from libya_conflict.briefings.chart_base import (
    PERIODS,
    ChartContext,
    add_bars,
    annotate_key_events,
    finish_chart,
    no_events,
    side_labels,
    time_axis,
    when_text,
)


def events_over_time(events: pd.DataFrame, ctx: ChartContext) -> go.Figure:
    """Chart events per day, week or month by type, with the key events marked."""
    what = f"Events per {ctx.unit} by type"
    if events.empty:
        return no_events(ctx, what)
    table = timeline.over_time(events, ctx.period, ctx.unit, by="event_type")
    totals = table.sum(axis=1)
    peak = totals.idxmax()
    most = wording.count(int(totals.max()), "event")
    types, _ = wording.leaders(table.sum().rename_axis("type").reset_index(name="events"),
                                 "type")
    kinds = wording.join([wording.event_type_phrase(t) for t in types])
    title = (f"Events peaked {when_text(peak, ctx.unit)} ({most}); {kinds} were the most common "
             f"type{'s' if len(types) > 1 else ''}")
    fig = go.Figure()
    add_bars(fig, table, ctx, theme.EVENT_TYPE_COLOURS)
    time_axis(fig, ctx, f"Events per {ctx.unit}")
    return annotate_key_events(finish_chart(fig, ctx, title, what), ctx.key_events, ctx.period)


def remote_violence_over_time(events: pd.DataFrame, ctx: ChartContext) -> go.Figure:
    """Chart air/drone strikes and shelling per time step, by the side that carried them out.

    Explosions and remote violence whose sub-event type the export did not code are shown too,
    and the title says so: without the sub-event type they cannot be told from the rest.
    """
    if not coding.means_coded(ctx.dataset):
        name = coding.MEANS_NOT_CODED[ctx.dataset]
        return no_events(ctx, "Air or drone strikes and shelling",
                         f"{name} does not code how violence was carried out (air or drone "
                         "strikes, shelling): see ACLED's data for them")
    remote = measures.remote_violence(events).assign(
        side=lambda f: f["coalition1"].replace("", "unknown"))
    uncoded = len(coding.remote_violence_uncoded(events))
    kind = ("Explosions and remote violence (sub-event types not coded)" if uncoded
            else "Air or drone strikes and shelling")
    what = f"{kind} per {ctx.unit}, by side of the attacker"
    if remote.empty:
        return no_events(ctx, what, "No air or drone strikes or shelling recorded in this period")
    table = timeline.over_time(remote, ctx.period, ctx.unit, by="side")
    labels = side_labels()
    names, top = wording.leaders(table.sum().rename_axis("side").reset_index(name="events"),
                                   "side")
    who = wording.join([labels.get(n, n) for n in names])
    if uncoded == len(remote):
        noun = ("the only remote-violence event" if len(remote) == 1 else
                f"all {wording.number(len(remote))} remote-violence events")
        title = (f"Sub-event types are not coded in this export; {noun} "
                 f"{'is' if len(remote) == 1 else 'are'} shown ({who}: {wording.number(top)}"
                 f"{wording.each(names)})")
    elif len(remote) == 1:
        title = f"{who} carried out the only air or drone strike or shelling attack"
    else:
        title = (f"{who} carried out {wording.number(top)}{wording.each(names)}"
                 f" of the {wording.number(len(remote))} air or drone strikes and shelling "
                 "attacks")
        if uncoded:
            title += f" ({wording.number(uncoded)} with no sub-event type coded)"
    fig = go.Figure()
    add_bars(fig, table, ctx, theme.SIDE_COLOURS, labels)
    time_axis(fig, ctx, f"Attacks per {ctx.unit}")
    return annotate_key_events(finish_chart(fig, ctx, title, what), ctx.key_events, ctx.period)


def fatalities_by_dataset(table: pd.DataFrame, ctx: ChartContext) -> go.Figure:
    """Chart reported fatalities per time step in each dataset, side by side (never summed)."""
    unit = "month" if ctx.period.days > 62 else "week"
    what = f"Reported fatalities per {unit}, each dataset separately"
    present = [ds for ds in selection.DATASETS if ds in set(table["dataset"])]
    if table.empty:
        return no_events(ctx, what)
    fig = go.Figure()
    totals = {}
    for ds in present:
        part = timeline.over_time(table[table["dataset"].eq(ds)], ctx.period, unit,
                                  value="fatalities")
        totals[ds] = int(part["fatalities"].sum())
        name = wording.DATASET_NAMES[ds]
        fig.add_bar(x=[d.date().isoformat() for d in part.index],
                    y=part["fatalities"].tolist(), name=name,
                    marker_color=theme.DATASET_COLOURS[ds], xperiod=PERIODS[unit],
                    xperiodalignment="middle",
                    hovertemplate=f"{name}: %{{y}} fatalities<extra></extra>")
    fig.update_layout(barmode="group", hovermode="x unified")
    time_axis(fig, ctx, f"Reported fatalities per {unit}")
    figures = [f"{wording.DATASET_NAMES[d]} {wording.number(v)}" for d, v in totals.items()]
    title = (f"Reported fatalities: {wording.join(figures)}. The datasets count differently, "
             "so they are shown side by side, not added")
    return finish_chart(fig, ctx, title, what, present, subtitle_dataset="ACLED and UCDP GED"
                   if len(present) > 1 else present[0])


def front_distance(events: pd.DataFrame, ctx: ChartContext) -> go.Figure:
    """Chart how far armed clashes were from central Tripoli (median and middle half)."""
    # Months for long periods: a week with two clashes far away would read as a front move.
    unit = ctx.step or ("day" if ctx.period.days <= 31 else
                        "week" if ctx.period.days <= 180 else "month")
    what = f"Distance of armed clashes from central Tripoli, km, per {unit} (median, middle half)"
    if len(coding.battles_uncoded(events)):
        what += "; battles without a coded sub-event type counted as clashes"
    table = timeline.front_distance(events, ctx.period, unit)
    if table.empty:
        return no_events(ctx, what, "No located armed clashes were recorded in this period")
    x = [d.date().isoformat() for d in table.index]
    fig = go.Figure()
    fig.add_scatter(x=x + x[::-1], y=table["q75_km"].tolist() + table["q25_km"].tolist()[::-1],
                    fill="toself", fillcolor="rgba(0,114,178,0.18)", line={"width": 0},
                    hoverinfo="skip", name="Middle half of clashes")
    fig.add_scatter(x=x, y=table["median_km"].tolist(), mode="lines+markers", name="Median",
                    line={"color": "#0072B2", "width": 2}, marker={"size": 4},
                    customdata=table["clashes"].tolist(),
                    hovertemplate="%{y} km (median of %{customdata} clashes)<extra></extra>")
    time_axis(fig, ctx, "km from central Tripoli")
    first, last = table.iloc[0], table.iloc[-1]
    title = (f"Armed clashes were a median {first['median_km']:.0f} km from central Tripoli "
             f"{when_text(table.index[0], unit)} and {last['median_km']:.0f} km "
             f"{when_text(table.index[-1], unit)}")
    return annotate_key_events(finish_chart(fig, ctx, title, what), ctx.key_events, ctx.period)


def foreign_over_time(events: pd.DataFrame, ctx: ChartContext) -> go.Figure:
    """Chart events involving foreign forces backing each side, per time step."""
    what = f"Events involving foreign forces, per {ctx.unit}, by the side they backed"
    table = timeline.foreign_over_time(events, ctx.period, ctx.unit)
    if table.empty or table.to_numpy().sum() == 0:
        return no_events(ctx, what, "No events involving foreign forces were recorded")
    labels = side_labels()
    totals = table.sum()
    # Any number of foreign sides (one per backer and era), the most active first.
    parts = [f"{wording.side_name(s, labels)} in {wording.count(int(totals[s]), 'event')}"
             for s in totals.sort_values(ascending=False, kind="stable").index if totals[s]]
    title = wording.capital(parts[0].replace(" in ", " took part in ", 1))
    if len(parts) > 1:
        title += "; " + "; ".join(parts[1:])
    fig = go.Figure()
    add_bars(fig, table, ctx, theme.SIDE_COLOURS, labels)
    fig.update_layout(barmode="group")
    time_axis(fig, ctx, f"Events per {ctx.unit}")
    return annotate_key_events(finish_chart(fig, ctx, title, what), ctx.key_events, ctx.period)
