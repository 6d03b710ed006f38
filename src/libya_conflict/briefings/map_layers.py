"""The layers of the briefings' maps: districts, names, a locator, a choropleth and its ranking.

The district polygons go into each figure (rounded to 0.001 degree, about 100 m, well under
Natural Earth's own precision, and only the districts in view), so a page draws them with no
network. Names and counts come from the package's own tables; text from the data is escaped.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from libya_conflict.briefings import geography, theme, wording
from libya_conflict.briefings.geography import View
from libya_conflict.reference.boundaries import district_boundaries
from libya_conflict.reference.districts import district_population

# Share of the figure's width the choropleth's map takes; the ranking of districts the rest.
CHOROPLETH_SHARE = 0.56
LAND = "#F3F3F1"          # other countries
DISTRICT = "#F5EFE4"      # Libya's districts outside the area
AREA = "#E9DCC4"          # the area's own districts
NO_EVENTS = "#E4E4E4"
OUTSIDE = "#F7F7F7"
# Towns that help a reader find the way (coordinates: DOMAIN.md section 4, from GeoNames).
TOWNS = {"Tripoli": (32.8874, 13.1873), "Misrata": (32.3754, 15.0925),
         "Sirte": (31.2089, 16.5887), "Benghazi": (32.1149, 20.0686),
         "Sabha": (27.0377, 14.4283), "Kufra": (24.1989, 23.2909),
         "Tajoura": (32.8817, 13.3506), "Janzour": (32.8187, 13.0173),
         "Gharyan": (32.1722, 13.0203), "Tarhuna": (32.4350, 13.6332),
         "Zawiya": (32.7571, 12.7276), "Sabratha": (32.7934, 12.4885),
         "Derna": (32.7670, 22.6367), "Murzuq": (25.9155, 13.9184),
         "Ghadames": (30.1337, 9.5007), "Hun": (29.1268, 15.9477)}
MAIN_TOWNS = ("Tripoli", "Misrata", "Sirte", "Benghazi", "Sabha", "Kufra")


def _clockwise(ring: list[list[float]]) -> list[list[float]]:
    """Return a ring wound clockwise, as plotly.js (d3-geo) reads an outer ring.

    GeoJSON (RFC 7946) winds outer rings counter-clockwise; d3-geo reads such a ring as the
    whole globe minus the polygon, and paints the sea the district's colour.
    """
    area = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False))
    return ring[::-1] if area > 0 else ring


@cache
def _compact_features() -> tuple[dict, ...]:
    features = []
    for feature in district_boundaries()["features"]:
        ring = _clockwise([[round(x, 3), round(y, 3)]
                           for x, y in feature["geometry"]["coordinates"][0]])
        features.append({"type": "Feature", "id": feature["id"],
                         "properties": {"district": feature["id"]},
                         "geometry": {"type": "Polygon", "coordinates": [ring]}})
    return tuple(features)


def boundaries_in(view: View | None, only: list[str] | None = None) -> dict:
    """Return a FeatureCollection of the districts that reach into the view (or of ``only``)."""
    shapes = geography.district_shapes()
    keep = []
    for feature in _compact_features():
        name = feature["id"]
        if only is not None and name not in only:
            continue
        west, south, east, north = shapes[name].bounds
        if view is None or not (east < view.lon[0] or west > view.lon[1]
                                or north < view.lat[0] or south > view.lat[1]):
            keep.append(feature)
    return {"type": "FeatureCollection", "features": keep}


def add_districts(fig: go.Figure, view: View, area: list[str] | None) -> None:
    """Draw the districts in view: the area's own shaded and outlined, the others light."""
    collection = boundaries_in(view)
    names = [f["id"] for f in collection["features"]]
    mine = [area is None or n in area for n in names]
    fig.add_trace(go.Choropleth(
        geojson=collection, locations=names, featureidkey="id",
        z=[1 if m and area else 0 for m in mine], zmin=0, zmax=1,
        colorscale=[[0, DISTRICT], [1, AREA]], showscale=False, showlegend=False,
        marker={"line": {"color": ["#3A3A3A" if m and area else "#9A9A9A" for m in mine],
                         "width": [1.6 if m and area else 0.6 for m in mine]}},
        hovertemplate="%{location}<extra></extra>", name="Districts"))


def add_labels(fig: go.Figure, view: View, area: list[str] | None, named: bool = True
               ) -> tuple[list[float], list[float]]:
    """Name the area's districts and their neighbours, and the towns in view.

    Returns the latitudes and longitudes of the labels drawn (so that a locator avoids them).
    """
    lats: list[float] = []
    lons: list[float] = []
    if named and area:
        for names, style in ((area, "<b>{}</b>"), (geography.neighbours(area), "<i>{}</i>")):
            points = [(n, geography.label_point(n)) for n in names]
            points = [(n, p) for n, p in points if view.holds(*p)]
            if not points:
                continue
            fig.add_trace(go.Scattergeo(
                lat=[p[0] for _, p in points], lon=[p[1] for _, p in points], mode="text",
                text=[style.format(theme.safe(n)) for n, _ in points], hoverinfo="skip",
                showlegend=False, textfont={"size": 11 if style[1] == "b" else 10,
                                            "color": "#333333" if style[1] == "b" else "#777777"}))
            lats += [p[0] for _, p in points]
            lons += [p[1] for _, p in points]
    towns = MAIN_TOWNS if not view.zoomed else tuple(TOWNS)
    shown = [(t, TOWNS[t]) for t in towns if view.holds(*TOWNS[t])]
    if shown:
        fig.add_trace(go.Scattergeo(
            lat=[p[0] for _, p in shown], lon=[p[1] for _, p in shown], mode="markers+text",
            text=[t for t, _ in shown], textposition="top right", hoverinfo="skip",
            showlegend=False, marker={"size": 3, "color": "#555555"},
            textfont={"size": 9, "color": "#555555"}))
        lats += [p[0] for _, p in shown]
        lons += [p[1] for _, p in shown]
    return lats, lons


def add_locator(fig: go.Figure, view: View, area: list[str] | None, corner: str,
                share: float = 1.0) -> None:
    """Add a small map of Libya in a corner, with the area shaded and the view framed.

    ``share`` is the part of the figure's width the main map takes (from the left).
    """
    w, h = 0.22 * share, 0.34
    x = (share - w, share) if "right" in corner else (0, w)
    y = (1 - h, 1) if "top" in corner else (0, h)
    if area:
        collection = boundaries_in(None, only=area)
        fig.add_trace(go.Choropleth(
            geojson=collection, locations=[f["id"] for f in collection["features"]],
            featureidkey="id", z=[1] * len(collection["features"]), zmin=0, zmax=1,
            colorscale=[[0, "#8C6D46"], [1, "#8C6D46"]], showscale=False, showlegend=False,
            marker={"line": {"width": 0}}, hoverinfo="skip", geo="geo2"))
    west, east = view.lon
    south, north = view.lat
    fig.add_trace(go.Scattergeo(
        lon=[west, east, east, west, west], lat=[south, south, north, north, south],
        mode="lines", line={"color": theme.WARNING_COLOUR, "width": 1.5}, hoverinfo="skip",
        showlegend=False, geo="geo2"))
    libya = geography.view_of(geography.libya_bounds(), width=160, max_height=400)
    fig.update_layout(geo2={
        "domain": {"x": list(x), "y": list(y)}, "scope": "africa", "resolution": 50,
        "projection": {"type": "mercator"}, "lonaxis": {"range": list(libya.lon)},
        "lataxis": {"range": list(libya.lat)}, "showland": True, "landcolor": DISTRICT,
        "showcountries": True, "countrycolor": "#777777", "showcoastlines": True,
        "coastlinecolor": "#777777", "showocean": True, "oceancolor": "#EAF2F8",
        "showframe": True, "framecolor": "#777777", "framewidth": 1, "bgcolor": "white",
        "showlakes": False})


def set_view(fig: go.Figure, view: View, domain_x: tuple[float, float] = (0, 1)) -> None:
    """Set the main map's view, base layers and place on the figure (``geo``, not the locator)."""
    fig.update_layout(geo={
        "scope": "africa", "resolution": 50, "projection": {"type": "mercator"},
        "lonaxis": {"range": list(view.lon)}, "lataxis": {"range": list(view.lat)},
        "showland": True, "landcolor": LAND, "showocean": True, "oceancolor": "#EAF2F8",
        "showcountries": True, "countrycolor": "#9A9A9A", "showcoastlines": True,
        "coastlinecolor": "#9A9A9A", "showlakes": False, "showframe": False,
        "domain": {"x": list(domain_x), "y": [0, 1]}})


def fit_height(fig: go.Figure, view: View, legend_rows: int = 0,
               key_beside: float | None = None) -> go.Figure:
    """Size the figure so that the map's plot is ``view.height`` pixels high.

    The key goes under the map, in as many rows as it needs (a map keeps its shape, so a key
    beside it would shrink it); only a map narrower than the page (all of Libya) has its key
    beside it, at ``key_beside`` (a share of the width), in the room the map leaves.
    """
    top = fig.layout.margin.t or 80
    bottom = 12 + 24 * (0 if key_beside is not None else legend_rows)
    # Inside the figure's own box either way: a key outside the plot would make Plotly push
    # the margins out and shrink the map.
    legend = ({"orientation": "v", "yanchor": "middle", "y": 0.5, "yref": "paper",
               "x": key_beside, "xanchor": "left"} if key_beside is not None else
              {"orientation": "h", "yanchor": "bottom", "y": 0, "yref": "container", "x": 0,
               "xanchor": "left"})
    fig.update_layout(height=top + view.height + bottom,
                      margin={"l": 8, "r": 8, "b": bottom, "t": top},
                      legend={**legend, "itemsizing": "constant"})
    return fig


def district_counts(events: pd.DataFrame, area: list[str]) -> pd.DataFrame:
    """Count events and fatalities in each district of the area (zero where none).

    Returns
    -------
    pandas.DataFrame
        district, events, fatalities, population (2006 census), events_per_100k,
        fatalities_per_100k; most events first, ties by name.

    """
    grouped = events.groupby("district").agg(events=("event_id", "size"),
                                              fatalities=("fatalities", "sum"))
    out = grouped.reindex(area, fill_value=0).rename_axis("district").reset_index()
    out[["events", "fatalities"]] = out[["events", "fatalities"]].astype("int64")
    people = district_population()
    out["population"] = [people.get(d, (0, 0))[0] for d in out["district"]]
    for column in ("events", "fatalities"):
        out[f"{column}_per_100k"] = (100_000 * out[column] / out["population"].replace(0, np.nan)
                                     ).round(1)
    return out.sort_values(["events", "district"], ascending=[False, True], kind="stable",
                           ignore_index=True)


def _log_ticks(top: int) -> tuple[list[float], list[str]]:
    steps = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000]
    shown = [s for s in steps if s <= max(top, 1)] or [1]
    if len(shown) > 5:
        shown = shown[::2]
    return [round(math.log10(1 + s), 4) for s in shown], [wording.number(s) for s in shown]


def add_choropleth(fig: go.Figure, view: View, counts: pd.DataFrame, value: str,
                   scale: list) -> None:
    """Colour the area's districts by ``value`` (log scale), grey where none, light outside."""
    collection = boundaries_in(view)
    in_view = {f["id"] for f in collection["features"]}
    area = counts[counts["district"].isin(in_view)]
    hit, none = area[area[value] > 0], area[area[value] == 0]
    outside = sorted(in_view - set(counts["district"]))
    noun = "events" if value == "events" else "reported fatalities"
    top = int(counts[value].max()) if len(counts) else 0
    if len(hit):
        tickvals, ticktext = _log_ticks(top)
        fig.add_trace(go.Choropleth(
            geojson=collection, locations=hit["district"].tolist(), featureidkey="id",
            z=[round(math.log10(1 + v), 4) for v in hit[value]], zmin=0,
            zmax=max(tickvals[-1], math.log10(1 + top)), colorscale=scale,
            marker={"line": {"color": "#555555", "width": 0.7}}, name=noun,
            hovertext=[_hover(r) for r in hit.itertuples()], hoverinfo="text",
            colorbar={"orientation": "h", "x": 0, "xanchor": "left", "y": 0, "yanchor": "top",
                      "yref": "paper", "len": CHOROPLETH_SHARE * 0.9, "thickness": 10,
                      "tickvals": tickvals, "ticktext": ticktext,
                      "title": {"text": wording.capital(noun), "side": "top"}}))
    for frame, colour, text in ((none, NO_EVENTS, "no events"), (pd.DataFrame(
            {"district": outside}), OUTSIDE, "outside the area")):
        if len(frame):
            fig.add_trace(go.Choropleth(
                geojson=collection, locations=frame["district"].tolist(), featureidkey="id",
                z=[0] * len(frame), colorscale=[[0, colour], [1, colour]], showscale=False,
                showlegend=False, marker={"line": {"color": "#9A9A9A", "width": 0.6}},
                hovertemplate=f"%{{location}}: {text}<extra></extra>"))


def _hover(r: object) -> str:
    rate = ("" if pd.isna(r.events_per_100k) else
            f"<br>{r.events_per_100k:g} events per 100,000 people (2006 census)")
    return (f"{r.district}: {r.events} events, {r.fatalities} reported fatalities{rate}")


def add_ranking(fig: go.Figure, counts: pd.DataFrame, value: str, scale: list,
                top: int = 12) -> None:
    """Rank the districts with any events beside the map, coloured as on the map."""
    rows = counts[counts[value] > 0].sort_values([value, "district"], ascending=[False, True],
                                                  kind="stable").head(top)
    if rows.empty:
        return
    most = int(rows[value].max())
    colours = [_colour_at(scale, math.log10(1 + v) / max(math.log10(1 + most), 1e-9))
               for v in rows[value]]
    fig.add_trace(go.Bar(
        x=rows[value].tolist(), y=rows["district"].tolist(), orientation="h",
        marker_color=colours, text=[wording.number(v) for v in rows[value]],
        textposition="outside", cliponaxis=False, showlegend=False,
        hovertext=[_hover(r) for r in rows.itertuples()], hoverinfo="text",
        xaxis="x", yaxis="y"))
    fig.update_layout(
        xaxis={"domain": [CHOROPLETH_SHARE + 0.16, 0.97], "range": [0, most * 1.3],
               "showgrid": True, "gridcolor": "#E5E5E5", "tickfont": {"size": 10},
               "title": {"text": "events" if value == "events" else "reported fatalities",
                         "font": {"size": 11}}},
        yaxis={"autorange": "reversed", "tickfont": {"size": 10}, "automargin": False,
               "anchor": "x"})


def _colour_at(scale: list, share: float) -> str:
    """Return the colour of a sequential scale at a share between 0 and 1 (nearest stop)."""
    share = min(max(share, 0.0), 1.0)
    return min(scale, key=lambda stop: abs(stop[0] - share))[1]
