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


def test_points_are_placed_by_the_polygon_that_holds_them():
    import numpy as np

    from libya_conflict.reference.boundaries import districts_at

    # Central Tripoli, Al Aziziyah (Jafara), Kufra town, the sea off Tripoli, no coordinates.
    lat = np.array([32.8874, 32.53, 24.1989, 33.5, np.nan])
    lon = np.array([13.1873, 13.02, 23.2909, 13.2, 13.0])
    assert list(districts_at(lat, lon)) == ["Tripoli", "Jafara", "Kufra", None, None]


def test_every_district_s_reference_point_lies_in_its_own_polygon():
    import csv

    import numpy as np

    from libya_conflict.reference.boundaries import districts_at
    from libya_conflict.resources import data_path

    with data_path("districts.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    found = districts_at(np.array([float(r["latitude"]) for r in rows]),
                         np.array([float(r["longitude"]) for r in rows]))
    misplaced = {r["district"]: f for r, f in zip(rows, found, strict=True)
                 if f != r["district"]}
    assert misplaced == {}
