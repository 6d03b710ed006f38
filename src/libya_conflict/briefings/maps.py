"""Maps of events. Each returns a Plotly figure whose title states the finding."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from libya_conflict.briefings import (
    measures,
    theme,
    wording,
)
from libya_conflict.briefings.chart_base import (
    ChartContext,
    finish_chart,
    no_events,
    side_labels,
)

LIBYA_LON = (9.0, 26.0)
LIBYA_LAT = (19.0, 34.0)


# Towns drawn on every map so readers can find their way (coordinates: DOMAIN.md section 4).
REFERENCE_TOWNS = {"Tripoli": (32.8874, 13.1873), "Misrata": (32.3754, 15.0925),
                   "Sirte": (31.2089, 16.5887), "Benghazi": (32.1149, 20.0686),
                   "Sabha": (27.0377, 14.4283), "Kufra": (24.1989, 23.2909)}


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
    labels = side_labels()
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
    by_place = measures.count_by(events.assign(place=events["location"].where(
        events["location"].ne(""), events["district"])), "place")
    deadly, worst = wording.leaders(by_place, "place", "fatalities")
    places = len(points[["lat", "lon"]].drop_duplicates())
    title = (f"{wording.count(int(points['events'].sum()), 'event')} at "
             f"{wording.count(places, 'place')}")
    if worst:
        title += (f"; the most reported fatalities were at {wording.join(deadly)} "
                  f"({wording.number(worst)}{wording.each(deadly)})")
    fig = finish_chart(fig, ctx, title, what, height=560)
    # Under the map, not beside it: a map keeps its aspect, so a key beside it shrinks it.
    fig.update_layout(legend={"itemsizing": "constant", "orientation": "h", "yanchor": "top",
                              "y": -0.02, "x": 0, "xanchor": "left"})
    return fig
