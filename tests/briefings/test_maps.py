"""Maps: district boundaries inlined, zoomed to the area, neighbours named, a locator, a
choropleth of the 22 districts, and a map for a quiet district."""

from __future__ import annotations

import json

import pytest

from conftest import event, events_table, figure_json, may_ctx
from libya_conflict.briefings import geography, map_layers, maps, theme
from libya_conflict.briefings.selection import Period
from libya_conflict.reference.crosswalk import coalition_labels
from libya_conflict.reference.districts import DISTRICTS, area_districts

FRONT = ("Tripoli", "Jafara", "Zawiya", "Nuqat al Khams", "Jabal al Gharbi", "Murqub")


def districts_drawn(fig) -> set[str]:
    return {f["id"] for t in fig.data if t.type == "choropleth" and t.geo in (None, "geo")
            for f in t.geojson["features"]}


def test_map_draws_bubbles_in_fixed_side_colours_over_inlined_districts(may):
    fig = maps.event_map(may[may["dataset"].eq("acled")], may_ctx())
    traces = {t.name: t for t in fig.data if t.type == "scattergeo" and t.mode == "markers"}
    labels = coalition_labels()
    for side in ("gna", "lna", "foreign_gna"):
        assert traces[labels[side]].marker.color == theme.SIDE_COLOURS[side]
    gna = traces[labels["gna"]]
    assert list(gna.marker.size) == [3] and gna.marker.sizemode == "area"
    text = figure_json(fig).lower()
    assert "cdn" not in text and "http" not in text and "topojson" not in text
    geo = fig.layout.geo
    assert geo.scope == "africa" and geo.resolution == 50 and geo.projection.type == "mercator"


def test_the_national_map_draws_all_22_districts_and_the_choropleth_colours_them(may):
    national = maps.event_map(may.iloc[:0], may_ctx())
    assert districts_drawn(national) == set(DISTRICTS)
    fig = maps.district_choropleth(may[may["dataset"].eq("acled")], may_ctx())
    drawn = [t for t in fig.data if t.type == "choropleth"]
    assert {f["id"] for t in drawn for f in t.geojson["features"]} == set(DISTRICTS)
    located = {loc for t in drawn for loc in t.locations}
    assert located == set(DISTRICTS)  # every district coloured or greyed, none left out
    coloured = next(t for t in drawn if t.showscale is not False)
    assert sorted(coloured.locations) == ["Jafara", "Tripoli"]
    assert fig.layout.title.text.startswith("Tripoli had the most events (2 of 3)")
    bars = next(t for t in fig.data if t.type == "bar")
    assert list(bars.y) == ["Tripoli", "Jafara"] and list(bars.x) == [2, 1]


def test_rings_are_wound_as_plotly_draws_an_outer_ring():
    # Counter-clockwise (GeoJSON) outer rings paint the whole globe in plotly.js.
    for feature in map_layers.boundaries_in(None)["features"]:
        ring = feature["geometry"]["coordinates"][0]
        area = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False))
        assert area < 0, feature["id"]


@pytest.mark.parametrize(("districts", "widest"), [
    (("Tripoli",), 3.0), (("Tripoli", "Jafara"), 3.0), (FRONT, 9.0)])
def test_maps_of_tripoli_greater_tripoli_and_the_front_are_zoomed(districts, widest):
    # Events at both ends of the area, so that the view is the area's own.
    corners = geography.area_bounds(districts)
    table = events_table(event(latitude=corners[1] + 0.05, longitude=corners[0] + 0.05),
                         event(latitude=corners[3] - 0.05, longitude=corners[2] - 0.05))
    fig = maps.event_map(table, may_ctx(districts=districts))
    lon, lat = fig.layout.geo.lonaxis.range, fig.layout.geo.lataxis.range
    assert lon[1] - lon[0] < widest
    west, south, east, north = corners
    assert lon[0] < west and lon[1] > east and lat[0] < south and lat[1] > north
    # The area outlined, its neighbours named, and a locator of all Libya.
    outline = next(t for t in fig.data if t.type == "choropleth" and t.geo in (None, "geo"))
    widths = dict(zip(outline.locations, outline.marker.line.width, strict=False))
    assert all(widths[d] > 1 for d in districts)
    assert all(w < 1 for d, w in widths.items() if d not in districts)
    names = " ".join(t.text[i] for t in fig.data
                     if t.type == "scattergeo" and t.mode == "text" for i in range(len(t.text)))
    assert all(f"<i>{n}</i>" in names for n in geography.neighbours(districts)
               if fig.layout.geo.lonaxis.range[0] < geography.label_point(n)[1]
               < fig.layout.geo.lonaxis.range[1]
               and lat[0] < geography.label_point(n)[0] < lat[1])
    assert fig.layout.geo2.lonaxis.range[1] - fig.layout.geo2.lonaxis.range[0] > 15
    frame = next(t for t in fig.data if t.geo == "geo2" and t.type == "scattergeo")
    assert (min(frame.lon), max(frame.lon)) == tuple(lon)


def test_neighbours_are_the_districts_that_share_a_border():
    # In Natural Earth's geometry the Tripoli district reaches the Zawiya district.
    assert geography.neighbours(["Tripoli"]) == ["Jafara", "Murqub", "Zawiya"]
    assert geography.neighbours(["Kufra"]) == ["Al Wahat", "Jufra", "Murzuq"]
    assert "Tripoli" not in geography.neighbours(["Tripoli", "Jafara"])


def test_a_quiet_district_still_has_its_map():
    ctx = may_ctx(districts=("Kufra",), period=Period.of("2019-01-01", "2020-12-31"))
    ctx = type(ctx)(ctx.period, "Kufra district", "acled", False, ctx.key_events, "",
                    ("Kufra",))
    fig = maps.event_map(events_table().iloc[:0], ctx)
    assert fig.layout.title.text == "No events recorded in Kufra district in this period"
    assert "Kufra" in districts_drawn(fig)
    lon = fig.layout.geo.lonaxis.range
    west, _, east, _ = geography.area_bounds(["Kufra"])
    assert lon[0] < west and lon[1] > east and lon[1] - lon[0] < 25


def test_a_region_is_zoomed_to_its_districts_and_others_are_greyed(may):
    west = tuple(area_districts("West"))
    fig = maps.district_choropleth(may[may["dataset"].eq("acled")], may_ctx(districts=west))
    outside = [t for t in fig.data if t.type == "choropleth"
               and t.colorscale[0][1] == map_layers.OUTSIDE]
    assert outside and not set(outside[0].locations) & set(west)
    title = fig.layout.title.text.replace("<br>", " ")
    assert title.endswith("events were recorded in 2 of the 9 districts")


def test_events_in_a_small_corner_of_a_large_area_are_zoomed_to():
    table = events_table(*[event(latitude=32.8 + i / 100, longitude=13.2 + i / 100)
                           for i in range(5)])
    fig = maps.event_map(table, may_ctx())
    lon = fig.layout.geo.lonaxis.range
    assert lon[1] - lon[0] < 6 and "zoomed to the events" in fig.layout.title.subtitle.text
    assert fig.layout.geo2.domain.x  # the locator says where in Libya this is


def test_a_view_fills_the_printed_width():
    view = geography.view_of(geography.area_bounds(["Tripoli"]))
    dx = view.lon[1] - view.lon[0]
    dy = geography.merc(view.lat[1]) - geography.merc(view.lat[0])
    assert abs(geography.PLOT_WIDTH / view.height - dx / dy) < 0.02
    assert geography.MIN_HEIGHT <= view.height <= geography.MAX_HEIGHT


def test_the_locator_keeps_out_of_the_way():
    view = geography.view_of(geography.area_bounds(["Tripoli"]))
    # Points crowd the top right: the locator goes elsewhere.
    lat = [view.lat[1] - 0.01] * 5
    lon = [view.lon[1] - 0.01] * 5
    assert geography.quiet_corner(view, lat, lon) != "top right"


def test_district_counts_have_rates_per_100000_people():
    table = events_table(event(district="Tripoli"), event(district="Tripoli"))
    counts = map_layers.district_counts(table, ["Tripoli", "Kufra"]).set_index("district")
    assert counts.loc["Tripoli", "events"] == 2 and counts.loc["Kufra", "events"] == 0
    assert counts.loc["Tripoli", "events_per_100k"] == round(2e5 / 1_065_405, 1)


def test_figure_json_is_deterministic_and_small(may):
    one = figure_json(maps.event_map(may, may_ctx(districts=("Tripoli",))))
    assert one == figure_json(maps.event_map(may, may_ctx(districts=("Tripoli",))))
    assert len(json.dumps(map_layers.boundaries_in(None))) < 40_000
