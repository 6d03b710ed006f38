"""Maps of events and districts. Each returns a Plotly figure whose title states the finding.

Every map draws the 22 district boundaries (Natural Earth, public domain) inlined in the figure,
never fetched; it is zoomed to the briefing's area, with the area's districts outlined, their
neighbours named and, when zoomed in, a small locator of Libya in the quietest corner. A
district with few or no events still gets its map.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from libya_conflict.briefings import (
    geography,
    map_layers,
    measures,
    theme,
    wording,
)
from libya_conflict.briefings.chart_base import (
    ChartContext,
    finish_chart,
    side_labels,
)
from libya_conflict.briefings.geography import View

# Sequential colours for counts (ColorBrewer OrRd, designed to read in print and for most
# colour-blind readers); districts with no event are drawn apart, in grey.
ZOOM_SPAN = 1.5   # degrees: a view closed in on the events is at least this wide
COUNT_SCALE = [[0.0, "#FEE8C8"], [0.25, "#FDBB84"], [0.5, "#FC8D59"], [0.75, "#D7301F"],
               [1.0, "#7F0000"]]


def _map_points(events: pd.DataFrame) -> pd.DataFrame:
    located = events.dropna(subset=["latitude", "longitude"]).assign(
        side=lambda f: f["coalition1"].replace("", "unknown"),
        lat=lambda f: f["latitude"].astype(float).round(3),
        lon=lambda f: f["longitude"].astype(float).round(3),
        place=lambda f: f["location"].where(f["location"].ne(""), f["district"]))
    return (located.groupby(["side", "lat", "lon"], sort=True)
            .agg(place=("place", "first"), district=("district", "first"),
                 events=("event_id", "size"), fatalities=("fatalities", "sum")).reset_index())


def _event_view(ctx: ChartContext, points: pd.DataFrame) -> tuple[View, float, str]:
    """Return the map's view, the share of the width it takes, and what it is zoomed to.

    The view is the area's districts; where the events of a large area (all of Libya, a
    region, the front) lie in a small part of it, the view closes in on them, so that a war
    in the north-west is not a pile of bubbles in the corner of an empty country.
    """
    area = geography.area_bounds(ctx.districts or None)
    box = geography.points_bounds(points["lat"].tolist(), points["lon"].tolist())
    note = ""
    if box is not None and geography.small_part(box, area):
        area, note = geography.at_least(box, ZOOM_SPAN), "zoomed to the events"
    # Without a key to put beside it, a map takes the whole width.
    share = geography.width_share(area) if len(points) else 1.0
    return geography.view_of(area, width=round(geography.PLOT_WIDTH * share)), share, note


def _bubbles(fig: go.Figure, points: pd.DataFrame) -> None:
    labels = side_labels()
    scale = max(1, int(points["fatalities"].max())) if len(points) else 1
    present = set(points["side"])
    for side in [s for s in theme.SIDE_ORDER if s in present] + sorted(
            present - set(theme.SIDE_ORDER)):
        part = points[points["side"].eq(side)]
        hover = [f"{theme.safe(r.place)} ({r.district})<br>{theme.safe(labels.get(side, side))}"
                 f"<br>{r.events} events, {r.fatalities} reported fatalities"
                 for r in part.itertuples()]
        fig.add_trace(go.Scattergeo(
            lon=part["lon"].tolist(), lat=part["lat"].tolist(),
            name=theme.safe(labels.get(side, side)), mode="markers", hovertext=hover,
            hoverinfo="text",
            marker={"size": part["fatalities"].tolist(), "sizemode": "area",
                    "sizeref": 2 * scale / 34 ** 2, "sizemin": 4,
                    "color": theme.side_colour(side), "opacity": 0.78,
                    "line": {"width": 0.5, "color": "#333333"}}))


def event_map(events: pd.DataFrame, ctx: ChartContext) -> go.Figure:
    """Map events on the district map of the briefing's area.

    One bubble per place and side (area = reported fatalities, colour = side of actor 1), over
    the district boundaries; the view is the area's districts (or, for all of Libya, where the
    events were), with neighbours named and a locator of Libya when zoomed in.
    """
    what = "Events by place; bubble area = reported fatalities, colour = side of actor 1"
    points = _map_points(events)
    view, share, zoom_note = _event_view(ctx, points)
    area = list(ctx.districts) or None
    fig = go.Figure()
    map_layers.add_districts(fig, view, area)
    _bubbles(fig, points)
    labels = map_layers.add_labels(fig, view, area)
    if view.zoomed:
        corner = geography.quiet_corner(view, points["lat"].tolist() + labels[0],
                                        points["lon"].tolist() + labels[1])
        map_layers.add_locator(fig, view, area, corner, share)
    beside = share < 1
    map_layers.set_view(fig, view, domain_x=(0, share))
    title = _event_title(events, points, ctx)
    if zoom_note:
        what += f" ({zoom_note})"
    fig = finish_chart(fig, ctx, title, what)
    if beside:
        return map_layers.fit_height(fig, view, key_beside=share + 0.03)
    return map_layers.fit_height(fig, view, legend_rows=_legend_rows(points))


def _legend_rows(points: pd.DataFrame) -> int:
    sides = points["side"].nunique() if len(points) else 0
    # About four entries fit on a row of the printed key.
    return math.ceil(sides / 4) if sides else 0


def _event_title(events: pd.DataFrame, points: pd.DataFrame, ctx: ChartContext) -> str:
    if events.empty:
        return f"No events recorded in {ctx.where} in this period"
    located = int(points["events"].sum()) if len(points) else 0
    if not located:
        return (f"{wording.capital(wording.count(len(events), 'event'))}, none with "
                "coordinates to map")
    # The deadliest place counts every side's events there, as the narrative does.
    by_place = measures.count_by(events.assign(place=events["location"].where(
        events["location"].ne(""), events["district"])), "place")
    deadly, worst = wording.leaders(by_place, "place", "fatalities")
    places = len(points[["lat", "lon"]].drop_duplicates())
    title = (f"{wording.capital(wording.count(located, 'event'))} at "
             f"{wording.count(places, 'place')}")
    if worst:
        title += (f"; the most reported fatalities were at {wording.join(deadly)} "
                  f"({wording.number(worst)}{wording.each(deadly)})")
    return title


def district_choropleth(events: pd.DataFrame, ctx: ChartContext, value: str = "events"
                        ) -> go.Figure:
    """Map events (or fatalities) per district, beside a ranking of the districts.

    The colour of each district is its count on a logarithmic scale (a war concentrated in
    one city would otherwise leave every other district the same pale shade); districts with
    none are grey, districts outside the area light grey. The bars beside the map rank the
    area's districts, with the rate per 100,000 people (2006 census) in the hover text.

    Parameters
    ----------
    events : pandas.DataFrame
        The period's events of the area.
    ctx : ChartContext
        Period, place (``ctx.districts`` the area's districts; empty for all of Libya).
    value : str
        ``events`` or ``fatalities``.

    """
    noun = "events" if value == "events" else "reported fatalities"
    what = f"{wording.capital(noun)} per district (colour on a logarithmic scale)"
    area = list(ctx.districts) or sorted(geography.district_shapes())
    counts = map_layers.district_counts(events, area)
    view = geography.view_of(geography.area_bounds(ctx.districts or None),
                             width=round(geography.PLOT_WIDTH * map_layers.CHOROPLETH_SHARE))
    fig = go.Figure()
    map_layers.add_choropleth(fig, view, counts, value, COUNT_SCALE)
    map_layers.add_labels(fig, view, list(ctx.districts) or None, named=False)
    map_layers.add_ranking(fig, counts, value, COUNT_SCALE)
    map_layers.set_view(fig, view, domain_x=(0, map_layers.CHOROPLETH_SHARE))
    title = _choropleth_title(counts, value, noun, len(area))
    fig = finish_chart(fig, ctx, title, what)
    return map_layers.fit_height(fig, view, legend_rows=1)


def _choropleth_title(counts: pd.DataFrame, value: str, noun: str, districts: int) -> str:
    total = int(counts[value].sum())
    if not total:
        return f"No {noun} recorded in any of the {districts} districts in this period"
    names, top = wording.leaders(counts, "district", value)
    hit = int((counts[value] > 0).sum())
    where = (f"all {wording.number(districts)} districts" if hit == districts else
             f"{wording.number(hit)} of the {wording.number(districts)} districts")
    return (f"{wording.join(names)} had the most {noun} ({wording.number(top)}"
            f"{wording.each(names)} of {wording.number(total)}); {noun} were recorded in "
            f"{where}")
