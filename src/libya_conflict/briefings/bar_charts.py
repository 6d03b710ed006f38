"""Bar charts of counts by district, side, kind, place and pair. Each title states the finding."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from libya_conflict.briefings import (
    coding,
    measures,
    selection,
    theme,
    wording,
)
from libya_conflict.briefings.chart_base import (
    ChartContext,
    add_hbar,
    bar_height,
    finish_chart,
    no_events,
    side_labels,
)


def fatalities_by_district(events: pd.DataFrame, ctx: ChartContext) -> go.Figure:
    """Chart reported fatalities per district, most first."""
    what = "Reported fatalities by district (districts with none left out)"
    if events.empty:
        return no_events(ctx, what)
    counts = measures.by_fatalities(measures.count_by(events, "district"), "district")
    counts = counts[counts["fatalities"] > 0]
    if counts.empty:
        return no_events(ctx, what, "No fatalities were reported in this period")
    names, top = wording.leaders(counts, "district", "fatalities")
    total = int(counts["fatalities"].sum())
    each = " each" if len(names) > 1 else ""
    title = (f"{wording.join(names)} had the most reported fatalities "
             f"({wording.number(top)}{each} of {wording.number(total)})")
    fig = go.Figure()
    hover = [f"{r.district}: {r.fatalities} fatalities in {r.events} events"
             for r in counts.itertuples()]
    add_hbar(fig, counts["district"].tolist(), counts["fatalities"].tolist(), "#882255", hover,
          "Reported fatalities")
    return finish_chart(fig, ctx, title, what, height=bar_height(len(counts)))


def activity_by_side(events: pd.DataFrame, ctx: ChartContext) -> go.Figure:
    """Chart the events each side took part in (as either actor)."""
    what = "Events involving each side (an event between two sides counts for both)"
    sides = measures.side_activity(events)
    if events.empty or sides.empty:
        return no_events(ctx, what)
    labels = side_labels()
    names, top = wording.leaders(sides, "side")
    title = (f"{wording.join([labels.get(n, n) for n in names])} took part in the most events "
             f"({wording.number(top)}{wording.each(names)} of "
             f"{wording.number(len(events))})")
    fig = go.Figure()
    hover = [f"{labels.get(r.side, r.side)}: {r.events} events ({r.initiated} as actor 1), "
             f"{r.fatalities} reported fatalities" for r in sides.itertuples()]
    add_hbar(fig, [labels.get(s, s) for s in sides["side"]], sides["events"].tolist(),
          [theme.side_colour(s) for s in sides["side"]], hover, "Events")
    return finish_chart(fig, ctx, title, what, height=bar_height(len(sides)))


def civilian_harm_by_side(events: pd.DataFrame, ctx: ChartContext) -> go.Figure:
    """Chart events targeting civilians, by the side named as perpetrator."""
    what = "Events targeting civilians by perpetrator side, with reported fatalities"
    harm = measures.civilian_harm(events)
    uncoded = int((~coding.civilian_coded(events)).sum())
    if len(events) and uncoded == len(events):
        return no_events(ctx, what, "Civilian targeting is not coded in this export")
    if uncoded:
        what += f" ({wording.count(uncoded, 'event')} not coding civilian targeting left out)"
    if harm.empty:
        return no_events(ctx, what, "No events targeting civilians were recorded in this period")
    labels = side_labels()
    names, top = wording.leaders(harm, "side")
    total = int(harm["events"].sum())
    who = wording.join([labels.get(n, n) for n in names])
    if total == 1:
        title = f"{who} were named as perpetrators in the only event targeting civilians"
    else:
        title = (f"{who} were named as perpetrators in {wording.number(top)}"
                 f"{wording.each(names)} of the {wording.number(total)} events "
                 "targeting civilians")
    fig = go.Figure()
    hover = [f"{labels.get(r.side, r.side)}: {r.events} events, {r.fatalities} reported "
             "fatalities" for r in harm.itertuples()]
    add_hbar(fig, [labels.get(s, s) for s in harm["side"]], harm["events"].tolist(),
          [theme.side_colour(s) for s in harm["side"]], hover, "Events targeting civilians")
    fig.update_traces(text=[f"{wording.number(r.events)} ({wording.number(r.fatalities)} "
                            "killed)" for r in harm.itertuples()])
    return finish_chart(fig, ctx, title, what, height=bar_height(len(harm)))


def event_mix(events: pd.DataFrame, ctx: ChartContext) -> go.Figure:
    """Chart events by sub-event type, coloured by event type."""
    what = "Events by kind"
    if events.empty:
        return no_events(ctx, what)
    # An event whose export gave no sub-event type is shown under its event type, said so.
    kinds = events["sub_event_type"].where(coding.sub_type_coded(events),
                                           events["event_type"] + " (sub-event type not coded)")
    events = events.assign(sub_event_type=kinds)
    counts = measures.count_by(events, "sub_event_type")
    types = events.groupby("sub_event_type")["event_type"].first()
    names, top = wording.leaders(counts, "sub_event_type")
    title = (f"{wording.join(names)} {'was' if len(names) == 1 else 'were'} the most common "
             f"kind of event ({wording.number(top)}{wording.each(names)} of "
             f"{wording.number(len(events))})")
    fig = go.Figure()
    hover = [f"{r.sub_event_type}: {r.events} events, {r.fatalities} reported fatalities"
             for r in counts.itertuples()]
    colours = [theme.EVENT_TYPE_COLOURS.get(types[s], "#999999") for s in counts["sub_event_type"]]
    add_hbar(fig, counts["sub_event_type"].tolist(), counts["events"].tolist(), colours, hover,
          "Events")
    return finish_chart(fig, ctx, title, what, height=bar_height(len(counts)))


def top_places(events: pd.DataFrame, ctx: ChartContext, top: int = 12) -> go.Figure:
    """Chart the places with the most events."""
    what = f"Events by place (the {top} busiest)"
    if events.empty:
        return no_events(ctx, what)
    frame = events.assign(place=events["location"].where(events["location"].ne(""),
                                                         events["district"]))
    counts = measures.count_by(frame, "place").head(top)
    names, most = wording.leaders(counts, "place")
    title = (f"{wording.join(names)} saw the most events ({wording.number(most)}"
             f"{wording.each(names)})")
    fig = go.Figure()
    hover = [f"{r.place}: {r.events} events, {r.fatalities} reported fatalities"
             for r in counts.itertuples()]
    add_hbar(fig, counts["place"].tolist(), counts["events"].tolist(), "#0072B2", hover, "Events")
    return finish_chart(fig, ctx, title, what, height=bar_height(len(counts)))


def counterparts(events: pd.DataFrame, ctx: ChartContext, side: str = "",
                 names: list[str] | None = None, top: int = 10) -> go.Figure:
    """Chart who a side or an actor faced most often (the other actor of its events)."""
    what = "Events by the other actor" + ("'s side" if not names else "")
    counts = measures.counterparts(events, side, names).head(top)
    if counts.empty:
        return no_events(ctx, what, "No counterpart was recorded in this period")
    labels = side_labels()
    shown = [labels.get(c, c) for c in counts["counterpart"]] if not names \
        else counts["counterpart"].tolist()
    leaders, most = wording.leaders(counts.assign(label=shown), "label")
    title = (f"{ctx.where} most often faced {wording.join(leaders)} "
             f"({wording.count(most, 'event')}{wording.each(leaders)})")
    colours = ([theme.side_colour(c) for c in counts["counterpart"]] if not names
               else "#56B4E9")
    hover = [f"{n}: {r.events} events, {r.fatalities} reported fatalities"
             for n, r in zip(shown, counts.itertuples(), strict=True)]
    fig = go.Figure()
    add_hbar(fig, shown, counts["events"].tolist(), colours, hover, "Events")
    return finish_chart(fig, ctx, title, what, height=bar_height(len(counts)))


def precision_bars(table: pd.DataFrame, ctx: ChartContext, column: str) -> go.Figure:
    """Chart how precisely events are dated or placed, per dataset (shares of events)."""
    orders = {"date_precision": ["day", "range", "week", "month"],
              "geo_precision": ["town", "near_town", "district", "region", "country", "sea_air"]}
    nouns = {"date_precision": "dated to the day", "geo_precision": "placed at a named town"}
    what = f"Share of events by {column.replace('_', ' ')}, per dataset"
    if table.empty:
        return no_events(ctx, what)
    fig = go.Figure()
    present = [ds for ds in selection.DATASETS if ds in set(table["dataset"])]
    best = {}
    for ds in present:
        part = table[table["dataset"].eq(ds)]
        counts = part[column].value_counts().reindex(orders[column], fill_value=0)
        shares = (100 * counts / max(1, len(part))).round(1)
        best[ds] = shares.iloc[0]
        fig.add_bar(x=orders[column], y=shares.tolist(), name=wording.DATASET_NAMES[ds],
                    marker_color=theme.DATASET_COLOURS[ds], customdata=counts.tolist(),
                    hovertemplate="%{x}: %{y}% (%{customdata} events)<extra></extra>")
    fig.update_layout(barmode="group")
    fig.update_yaxes(title_text="% of events", range=[0, 100])
    parts = [f"{best[d]:.0f}% of {wording.DATASET_NAMES[d]} events" for d in present]
    title = f"{wording.join(parts)} are {nouns[column]}"
    return finish_chart(fig, ctx, title, what, present,
                   subtitle_dataset=" and ".join(wording.DATASET_NAMES[d] for d in present))


def counts_bar(counts: dict[str, int], ctx: ChartContext, what: str, title: str,
               empty: str) -> go.Figure:
    """Chart named counts as plain bars (cleaning-report figures such as placement)."""
    if not counts or sum(counts.values()) == 0:
        return no_events(ctx, what, empty)
    items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    fig = go.Figure()
    add_hbar(fig, [k for k, _ in items], [v for _, v in items], "#0072B2",
          [f"{k}: {v}" for k, v in items], "Rows")
    return finish_chart(fig, ctx, title, what, [], height=bar_height(len(items)),
                   subtitle_dataset="all datasets")


def dyads(events: pd.DataFrame, ctx: ChartContext, top: int = 10) -> go.Figure:
    """Chart who fought whom: events per pair of sides."""
    what = "Events by pair of sides (actor 1 and actor 2, in either order)"
    counts = measures.dyads(events).head(top)
    if counts.empty:
        return no_events(ctx, what, "No event between two actors was recorded in this period")
    labels = side_labels()
    shown = [" vs ".join(labels.get(k, k) for k in d.split(" | ")) for d in counts["dyad"]]
    leaders, most = wording.leaders(counts.assign(label=shown), "label")
    title = (f"{wording.join(leaders)}: the most frequent pairing "
             f"({wording.count(most, 'event')}{wording.each(leaders)})")
    hover = [f"{n}: {r.events} events, {r.fatalities} reported fatalities"
             for n, r in zip(shown, counts.itertuples(), strict=True)]
    fig = go.Figure()
    add_hbar(fig, shown, counts["events"].tolist(), "#56B4E9", hover, "Events")
    return finish_chart(fig, ctx, title, what, height=bar_height(len(counts)))
