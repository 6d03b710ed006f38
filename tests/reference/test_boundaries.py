"""District boundaries: 22 polygons, one per district, within Libya."""

from __future__ import annotations

from libya_conflict.reference.boundaries import district_boundaries
from libya_conflict.reference.districts import DISTRICTS


def test_one_closed_polygon_per_district_named_as_districts_csv():
    collection = district_boundaries()
    features = collection["features"]
    assert sorted(f["id"] for f in features) == DISTRICTS
    for feature in features:
        ring = feature["geometry"]["coordinates"][0]
        assert feature["geometry"]["type"] == "Polygon" and ring[0] == ring[-1]
        assert all(9.2 <= lon <= 25.3 and 19.4 <= lat <= 33.3 for lon, lat in ring)
        assert feature["properties"]["region"] in {"West", "East", "South"}


def test_each_call_returns_a_fresh_copy():
    first = district_boundaries()
    first["features"].clear()
    assert len(district_boundaries()["features"]) == 22
