"""One function per chart. Each returns a Plotly figure whose title states the finding.

Charts are deterministic (no random ids, no times), take their colours from :mod:`theme`, put
units, period and place in the subtitle, and show "No events recorded in this period" instead of
empty axes. Text from the data (places, actors) is escaped, since Plotly renders some HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from libya_conflict import analysis, narrative, theme
from libya_conflict.actors import coalition_labels
from libya_conflict.analysis import Period

DAY_MS = 86_400_000
PERIODS = {"day": DAY_MS, "week": 7 * DAY_MS, "month": "M1"}
LIBYA_LON = (9.0, 26.0)
LIBYA_LAT = (19.0, 34.0)
# Towns drawn on every map so readers can find their way (coordinates: DOMAIN.md section 4).
REFERENCE_TOWNS = {"Tripoli": (32.8874, 13.1873), "Misrata": (32.3754, 15.0925),
                   "Sirte": (31.2089, 16.5887), "Benghazi": (32.1149, 20.0686),
                   "Sabha": (27.0377, 14.4283), "Kufra": (24.1989, 23.2909)}


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
        return self.step or analysis.time_unit(self.period)

    def subtitle(self, what: str, dataset: str | None = None) -> str:
        """Return "what, dataset, period, place" for a subtitle."""
        ds = narrative.DATASET_NAMES.get(dataset or self.dataset, dataset or self.dataset)
        period = narrative.period_text(self.period.start, self.period.end)
        return f"{what} \u00b7 {ds} \u00b7 {period} \u00b7 {self.where}"


def _labels() -> dict[str, str]:
    return coalition_labels()


def _finish(fig: go.Figure, ctx: ChartContext, title: str, what: str,
            datasets: list[str] | None = None, height: int = theme.HEIGHT,
            subtitle_dataset: str | None = None) -> go.Figure:
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
    return _finish(fig, ctx, message, what, height=220)


def _when(bucket: pd.Timestamp, unit: str) -> str:
    if unit == "day":
        return f"on {narrative.date_text(bucket)}"
    if unit == "week":
        return f"in the week of {narrative.date_text(bucket)}"
    return f"in {narrative.MONTHS[bucket.month - 1]} {bucket.year}"


def _time_axis(fig: go.Figure, ctx: ChartContext, y_title: str) -> None:
    pad = pd.Timedelta(days=1)
    fig.update_xaxes(range=[(ctx.period.start - pad).isoformat(),
                            (ctx.period.end + 2 * pad).isoformat()], type="date",
                     tickformat="%-d %b\n%Y" if ctx.period.days <= 120 else "%b\n%Y")
    fig.update_yaxes(title_text=y_title)


def _bars(fig: go.Figure, table: pd.DataFrame, ctx: ChartContext, colours: dict[str, str],
          names: dict[str, str] | None = None, unit_name: str = "events") -> None:
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
    return f"{day.day} {narrative.MONTHS[day.month - 1][:3]} {day.year}"


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


def events_over_time(events: pd.DataFrame, ctx: ChartContext) -> go.Figure:
    """Chart events per day, week or month by type, with the key events marked."""
    what = f"Events per {ctx.unit} by type"
    if events.empty:
        return no_events(ctx, what)
    table = analysis.over_time(events, ctx.period, ctx.unit, by="event_type")
    totals = table.sum(axis=1)
    peak = totals.idxmax()
    most = narrative.count(int(totals.max()), "event")
    types, _ = narrative.leaders(table.sum().rename_axis("type").reset_index(name="events"),
                                 "type")
    kinds = narrative.join([narrative.event_type_phrase(t) for t in types])
    title = (f"Events peaked {_when(peak, ctx.unit)} ({most}); {kinds} were the most common "
             f"type{'s' if len(types) > 1 else ''}")
    fig = go.Figure()
    _bars(fig, table, ctx, theme.EVENT_TYPE_COLOURS)
    _time_axis(fig, ctx, f"Events per {ctx.unit}")
    return annotate_key_events(_finish(fig, ctx, title, what), ctx.key_events, ctx.period)


def remote_violence_over_time(events: pd.DataFrame, ctx: ChartContext) -> go.Figure:
    """Chart air/drone strikes and shelling per time step, by the side that carried them out."""
    what = f"Air or drone strikes and shelling per {ctx.unit}, by side of the attacker"
    remote = analysis.remote_violence(events).assign(
        side=lambda f: f["coalition1"].replace("", "unknown"))
    if remote.empty:
        return no_events(ctx, what, "No air or drone strikes or shelling recorded in this period")
    table = analysis.over_time(remote, ctx.period, ctx.unit, by="side")
    labels = _labels()
    names, top = narrative.leaders(table.sum().rename_axis("side").reset_index(name="events"),
                                   "side")
    who = narrative.join([labels.get(n, n) for n in names])
    if len(remote) == 1:
        title = f"{who} carried out the only air or drone strike or shelling attack"
    else:
        title = (f"{who} carried out {narrative.number(top)}{narrative.each(names)}"
                 f" of the {narrative.number(len(remote))} air or drone strikes and shelling "
                 "attacks")
    fig = go.Figure()
    _bars(fig, table, ctx, theme.SIDE_COLOURS, labels)
    _time_axis(fig, ctx, f"Attacks per {ctx.unit}")
    return annotate_key_events(_finish(fig, ctx, title, what), ctx.key_events, ctx.period)


def fatalities_by_dataset(table: pd.DataFrame, ctx: ChartContext) -> go.Figure:
    """Chart reported fatalities per time step in each dataset, side by side (never summed)."""
    unit = "month" if ctx.period.days > 62 else "week"
    what = f"Reported fatalities per {unit}, each dataset separately"
    present = [ds for ds in analysis.DATASETS if ds in set(table["dataset"])]
    if table.empty:
        return no_events(ctx, what)
    fig = go.Figure()
    totals = {}
    for ds in present:
        part = analysis.over_time(table[table["dataset"].eq(ds)], ctx.period, unit,
                                  value="fatalities")
        totals[ds] = int(part["fatalities"].sum())
        name = narrative.DATASET_NAMES[ds]
        fig.add_bar(x=[d.date().isoformat() for d in part.index],
                    y=part["fatalities"].tolist(), name=name,
                    marker_color=theme.DATASET_COLOURS[ds], xperiod=PERIODS[unit],
                    xperiodalignment="middle",
                    hovertemplate=f"{name}: %{{y}} fatalities<extra></extra>")
    fig.update_layout(barmode="group", hovermode="x unified")
    _time_axis(fig, ctx, f"Reported fatalities per {unit}")
    figures = [f"{narrative.DATASET_NAMES[d]} {narrative.number(v)}" for d, v in totals.items()]
    title = (f"Reported fatalities: {narrative.join(figures)}. The datasets count differently, "
             "so they are shown side by side, not added")
    return _finish(fig, ctx, title, what, present, subtitle_dataset="ACLED and UCDP GED"
                   if len(present) > 1 else present[0])


def _hbar(fig: go.Figure, names: list[str], values: list[int], colours: list[str] | str,
          hover: list[str], x_title: str) -> None:
    fig.add_bar(y=[theme.safe(n) for n in names], x=values, orientation="h",
                marker_color=colours, text=[narrative.number(v) for v in values],
                textposition="outside", cliponaxis=False,
                hovertext=[theme.safe(h) for h in hover], hoverinfo="text")
    fig.update_yaxes(autorange="reversed", gridcolor="rgba(0,0,0,0)", rangemode=None)
    # Room on the right for the value labels printed beyond each bar.
    fig.update_xaxes(title_text=x_title, showgrid=True, gridcolor="#E5E5E5",
                     range=[0, max(values, default=1) * 1.25 or 1])
    fig.update_layout(showlegend=False)


def _height(rows: int) -> int:
    return max(260, 120 + 28 * rows)


def fatalities_by_district(events: pd.DataFrame, ctx: ChartContext) -> go.Figure:
    """Chart reported fatalities per district, most first."""
    what = "Reported fatalities by district (districts with none left out)"
    if events.empty:
        return no_events(ctx, what)
    counts = analysis.by_fatalities(analysis.count_by(events, "district"), "district")
    counts = counts[counts["fatalities"] > 0]
    if counts.empty:
        return no_events(ctx, what, "No fatalities were reported in this period")
    names, top = narrative.leaders(counts, "district", "fatalities")
    total = int(counts["fatalities"].sum())
    each = " each" if len(names) > 1 else ""
    title = (f"{narrative.join(names)} had the most reported fatalities "
             f"({narrative.number(top)}{each} of {narrative.number(total)})")
    fig = go.Figure()
    hover = [f"{r.district}: {r.fatalities} fatalities in {r.events} events"
             for r in counts.itertuples()]
    _hbar(fig, counts["district"].tolist(), counts["fatalities"].tolist(), "#882255", hover,
          "Reported fatalities")
    return _finish(fig, ctx, title, what, height=_height(len(counts)))


def activity_by_side(events: pd.DataFrame, ctx: ChartContext) -> go.Figure:
    """Chart the events each side took part in (as either actor)."""
    what = "Events involving each side (an event between two sides counts for both)"
    sides = analysis.side_activity(events)
    if events.empty or sides.empty:
        return no_events(ctx, what)
    labels = _labels()
    names, top = narrative.leaders(sides, "side")
    title = (f"{narrative.join([labels.get(n, n) for n in names])} took part in the most events "
             f"({narrative.number(top)}{narrative.each(names)} of "
             f"{narrative.number(len(events))})")
    fig = go.Figure()
    hover = [f"{labels.get(r.side, r.side)}: {r.events} events ({r.initiated} as actor 1), "
             f"{r.fatalities} reported fatalities" for r in sides.itertuples()]
    _hbar(fig, [labels.get(s, s) for s in sides["side"]], sides["events"].tolist(),
          [theme.side_colour(s) for s in sides["side"]], hover, "Events")
    return _finish(fig, ctx, title, what, height=_height(len(sides)))


def civilian_harm_by_side(events: pd.DataFrame, ctx: ChartContext) -> go.Figure:
    """Chart events targeting civilians, by the side named as perpetrator."""
    what = "Events targeting civilians by perpetrator side, with reported fatalities"
    harm = analysis.civilian_harm(events)
    if harm.empty:
        return no_events(ctx, what, "No events targeting civilians were recorded in this period")
    labels = _labels()
    names, top = narrative.leaders(harm, "side")
    total = int(harm["events"].sum())
    who = narrative.join([labels.get(n, n) for n in names])
    if total == 1:
        title = f"{who} were named as perpetrators in the only event targeting civilians"
    else:
        title = (f"{who} were named as perpetrators in {narrative.number(top)}"
                 f"{narrative.each(names)} of the {narrative.number(total)} events "
                 "targeting civilians")
    fig = go.Figure()
    hover = [f"{labels.get(r.side, r.side)}: {r.events} events, {r.fatalities} reported "
             "fatalities" for r in harm.itertuples()]
    _hbar(fig, [labels.get(s, s) for s in harm["side"]], harm["events"].tolist(),
          [theme.side_colour(s) for s in harm["side"]], hover, "Events targeting civilians")
    fig.update_traces(text=[f"{narrative.number(r.events)} ({narrative.number(r.fatalities)} "
                            "killed)" for r in harm.itertuples()])
    return _finish(fig, ctx, title, what, height=_height(len(harm)))


def _map_points(events: pd.DataFrame) -> pd.DataFrame:
    located = events.dropna(subset=["latitude", "longitude"]).assign(
        side=lambda f: f["coalition1"].replace("", "unknown"),
        lat=lambda f: f["latitude"].astype(float).round(3),
        lon=lambda f: f["longitude"].astype(float).round(3),
        place=lambda f: f["location"].where(f["location"].ne(""), f["district"]))
    points = (located.groupby(["side", "lat", "lon"], sort=True)
              .agg(place=("place", "first"), district=("district", "first"),
                   events=("event_id", "size"), fatalities=("fatalities", "sum")).reset_index())
    return points


def event_map(events: pd.DataFrame, ctx: ChartContext) -> go.Figure:
    """Map events over Libya: one bubble per place and side, size = reported fatalities."""
    what = "Events by place; bubble area = reported fatalities, colour = side of actor 1"
    points = _map_points(events)
    if points.empty:
        return no_events(ctx, what)
    labels = _labels()
    scale = max(1, int(points["fatalities"].max()))
    traces = []
    for side in [s for s in theme.SIDE_ORDER if s in set(points["side"])]:
        part = points[points["side"].eq(side)]
        hover = [f"{theme.safe(r.place)} ({r.district})<br>{labels.get(side, side)}<br>"
                 f"{r.events} events, {r.fatalities} reported fatalities"
                 for r in part.itertuples()]
        traces.append(go.Scattergeo(
            lon=part["lon"].tolist(), lat=part["lat"].tolist(), name=labels.get(side, side),
            mode="markers", hovertext=hover, hoverinfo="text",
            marker={"size": part["fatalities"].tolist(), "sizemode": "area",
                    "sizeref": 2 * scale / 40 ** 2, "sizemin": 4, "color": theme.side_colour(side),
                    "opacity": 0.75, "line": {"width": 0.5, "color": "#333333"}}))
    fig = go.Figure(traces)
    towns = pd.DataFrame(REFERENCE_TOWNS, index=["lat", "lon"]).T
    fig.add_trace(go.Scattergeo(lon=towns["lon"].tolist(), lat=towns["lat"].tolist(),
                                text=towns.index.tolist(), mode="text", textposition="top right",
                                textfont={"size": 10, "color": "#444444"}, hoverinfo="skip",
                                showlegend=False))
    fig.update_geos(scope="africa", resolution=50, projection_type="mercator",
                    lonaxis_range=list(LIBYA_LON), lataxis_range=list(LIBYA_LAT),
                    showland=True, landcolor="#F4F1EC", showocean=True, oceancolor="#EAF2F8",
                    showcountries=True, countrycolor="#9A9A9A", showcoastlines=True,
                    coastlinecolor="#9A9A9A", showlakes=False, showframe=False)
    # The deadliest place counts every side's events there, as the narrative does.
    by_place = analysis.count_by(events.assign(place=events["location"].where(
        events["location"].ne(""), events["district"])), "place")
    deadly, worst = narrative.leaders(by_place, "place", "fatalities")
    places = len(points[["lat", "lon"]].drop_duplicates())
    title = (f"{narrative.count(int(points['events'].sum()), 'event')} at "
             f"{narrative.count(places, 'place')}")
    if worst:
        title += (f"; the most reported fatalities were at {narrative.join(deadly)} "
                  f"({narrative.number(worst)}{narrative.each(deadly)})")
    fig = _finish(fig, ctx, title, what, height=560)
    # Under the map, not beside it: a map keeps its aspect, so a key beside it shrinks it.
    fig.update_layout(legend={"itemsizing": "constant", "orientation": "h", "yanchor": "top",
                              "y": -0.02, "x": 0, "xanchor": "left"})
    return fig


def front_distance(events: pd.DataFrame, ctx: ChartContext) -> go.Figure:
    """Chart how far armed clashes were from central Tripoli (median and middle half)."""
    # Months for long periods: a week with two clashes far away would read as a front move.
    unit = ctx.step or ("day" if ctx.period.days <= 31 else
                        "week" if ctx.period.days <= 180 else "month")
    what = f"Distance of armed clashes from central Tripoli, km, per {unit} (median, middle half)"
    table = analysis.front_distance(events, ctx.period, unit)
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
    _time_axis(fig, ctx, "km from central Tripoli")
    first, last = table.iloc[0], table.iloc[-1]
    title = (f"Armed clashes were a median {first['median_km']:.0f} km from central Tripoli "
             f"{_when(table.index[0], unit)} and {last['median_km']:.0f} km "
             f"{_when(table.index[-1], unit)}")
    return annotate_key_events(_finish(fig, ctx, title, what), ctx.key_events, ctx.period)


def foreign_over_time(events: pd.DataFrame, ctx: ChartContext) -> go.Figure:
    """Chart events involving foreign forces backing each side, per time step."""
    what = f"Events involving foreign forces, per {ctx.unit}, by the side they backed"
    table = analysis.foreign_over_time(events, ctx.period, ctx.unit)
    if table.empty or table.to_numpy().sum() == 0:
        return no_events(ctx, what, "No events involving foreign forces were recorded")
    labels = _labels()
    totals = table.sum()
    parts = [f"{labels[s]} in {narrative.count(int(totals[s]), 'event')}"
             for s in analysis.FOREIGN_SIDES if s in totals]
    title = f"{parts[0]}".replace(" in ", " took part in ", 1)
    if len(parts) > 1:
        title += f"; {narrative.side_name(analysis.FOREIGN_SIDES[1], labels)} in " \
            f"{narrative.count(int(totals[analysis.FOREIGN_SIDES[1]]), 'event')}"
    fig = go.Figure()
    _bars(fig, table, ctx, theme.SIDE_COLOURS, labels)
    fig.update_layout(barmode="group")
    _time_axis(fig, ctx, f"Events per {ctx.unit}")
    return annotate_key_events(_finish(fig, ctx, title, what), ctx.key_events, ctx.period)


def event_mix(events: pd.DataFrame, ctx: ChartContext) -> go.Figure:
    """Chart events by sub-event type, coloured by event type."""
    what = "Events by kind"
    if events.empty:
        return no_events(ctx, what)
    counts = analysis.count_by(events, "sub_event_type")
    types = events.groupby("sub_event_type")["event_type"].first()
    names, top = narrative.leaders(counts, "sub_event_type")
    title = (f"{narrative.join(names)} {'was' if len(names) == 1 else 'were'} the most common "
             f"kind of event ({narrative.number(top)}{narrative.each(names)} of "
             f"{narrative.number(len(events))})")
    fig = go.Figure()
    hover = [f"{r.sub_event_type}: {r.events} events, {r.fatalities} reported fatalities"
             for r in counts.itertuples()]
    colours = [theme.EVENT_TYPE_COLOURS.get(types[s], "#999999") for s in counts["sub_event_type"]]
    _hbar(fig, counts["sub_event_type"].tolist(), counts["events"].tolist(), colours, hover,
          "Events")
    return _finish(fig, ctx, title, what, height=_height(len(counts)))


def top_places(events: pd.DataFrame, ctx: ChartContext, top: int = 12) -> go.Figure:
    """Chart the places with the most events."""
    what = f"Events by place (the {top} busiest)"
    if events.empty:
        return no_events(ctx, what)
    frame = events.assign(place=events["location"].where(events["location"].ne(""),
                                                         events["district"]))
    counts = analysis.count_by(frame, "place").head(top)
    names, most = narrative.leaders(counts, "place")
    title = (f"{narrative.join(names)} saw the most events ({narrative.number(most)}"
             f"{narrative.each(names)})")
    fig = go.Figure()
    hover = [f"{r.place}: {r.events} events, {r.fatalities} reported fatalities"
             for r in counts.itertuples()]
    _hbar(fig, counts["place"].tolist(), counts["events"].tolist(), "#0072B2", hover, "Events")
    return _finish(fig, ctx, title, what, height=_height(len(counts)))


def counterparts(events: pd.DataFrame, ctx: ChartContext, side: str = "",
                 names: list[str] | None = None, top: int = 10) -> go.Figure:
    """Chart who a side or an actor faced most often (the other actor of its events)."""
    what = "Events by the other actor" + ("'s side" if not names else "")
    counts = analysis.counterparts(events, side, names).head(top)
    if counts.empty:
        return no_events(ctx, what, "No counterpart was recorded in this period")
    labels = _labels()
    shown = [labels.get(c, c) for c in counts["counterpart"]] if not names \
        else counts["counterpart"].tolist()
    leaders, most = narrative.leaders(counts.assign(label=shown), "label")
    title = (f"{ctx.where} most often faced {narrative.join(leaders)} "
             f"({narrative.count(most, 'event')}{narrative.each(leaders)})")
    colours = ([theme.side_colour(c) for c in counts["counterpart"]] if not names
               else "#56B4E9")
    hover = [f"{n}: {r.events} events, {r.fatalities} reported fatalities"
             for n, r in zip(shown, counts.itertuples(), strict=True)]
    fig = go.Figure()
    _hbar(fig, shown, counts["events"].tolist(), colours, hover, "Events")
    return _finish(fig, ctx, title, what, height=_height(len(counts)))


def precision_bars(table: pd.DataFrame, ctx: ChartContext, column: str) -> go.Figure:
    """Chart how precisely events are dated or placed, per dataset (shares of events)."""
    orders = {"date_precision": ["day", "range", "week", "month"],
              "geo_precision": ["town", "near_town", "district", "region", "country", "sea_air"]}
    nouns = {"date_precision": "dated to the day", "geo_precision": "placed at a named town"}
    what = f"Share of events by {column.replace('_', ' ')}, per dataset"
    if table.empty:
        return no_events(ctx, what)
    fig = go.Figure()
    present = [ds for ds in analysis.DATASETS if ds in set(table["dataset"])]
    best = {}
    for ds in present:
        part = table[table["dataset"].eq(ds)]
        counts = part[column].value_counts().reindex(orders[column], fill_value=0)
        shares = (100 * counts / max(1, len(part))).round(1)
        best[ds] = shares.iloc[0]
        fig.add_bar(x=orders[column], y=shares.tolist(), name=narrative.DATASET_NAMES[ds],
                    marker_color=theme.DATASET_COLOURS[ds], customdata=counts.tolist(),
                    hovertemplate="%{x}: %{y}% (%{customdata} events)<extra></extra>")
    fig.update_layout(barmode="group")
    fig.update_yaxes(title_text="% of events", range=[0, 100])
    parts = [f"{best[d]:.0f}% of {narrative.DATASET_NAMES[d]} events" for d in present]
    title = f"{narrative.join(parts)} are {nouns[column]}"
    return _finish(fig, ctx, title, what, present,
                   subtitle_dataset=" and ".join(narrative.DATASET_NAMES[d] for d in present))


def counts_bar(counts: dict[str, int], ctx: ChartContext, what: str, title: str,
               empty: str) -> go.Figure:
    """Chart named counts as plain bars (cleaning-report figures such as placement)."""
    if not counts or sum(counts.values()) == 0:
        return no_events(ctx, what, empty)
    items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    fig = go.Figure()
    _hbar(fig, [k for k, _ in items], [v for _, v in items], "#0072B2",
          [f"{k}: {v}" for k, v in items], "Rows")
    return _finish(fig, ctx, title, what, [], height=_height(len(items)),
                   subtitle_dataset="all datasets")


def dyads(events: pd.DataFrame, ctx: ChartContext, top: int = 10) -> go.Figure:
    """Chart who fought whom: events per pair of sides."""
    what = "Events by pair of sides (actor 1 and actor 2, in either order)"
    counts = analysis.dyads(events).head(top)
    if counts.empty:
        return no_events(ctx, what, "No event between two actors was recorded in this period")
    labels = _labels()
    shown = [" vs ".join(labels.get(k, k) for k in d.split(" | ")) for d in counts["dyad"]]
    leaders, most = narrative.leaders(counts.assign(label=shown), "label")
    title = (f"{narrative.join(leaders)}: the most frequent pairing "
             f"({narrative.count(most, 'event')}{narrative.each(leaders)})")
    hover = [f"{n}: {r.events} events, {r.fatalities} reported fatalities"
             for n, r in zip(shown, counts.itertuples(), strict=True)]
    fig = go.Figure()
    _hbar(fig, shown, counts["events"].tolist(), "#56B4E9", hover, "Events")
    return _finish(fig, ctx, title, what, height=_height(len(counts)))
