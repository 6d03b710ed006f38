import pandas as pd

from libya_conflict.cleaning.places import place_events
from libya_conflict.reference.gazetteer import nearest_district


def test_place_events_tries_columns_in_order_then_parts_then_polygons_then_nearest():
    frame = pd.DataFrame({
        "admin2": ["Sirt", "", "", "", "Nowhere", ""],
        "location": ["Ras Lanuf", "Tripoli - Abu Salim", "Unknown Hamlet", "", "Somewhere",
                     "Offshore"],
        "latitude": [30.5, None, 32.1149, None, 48.85, 32.95],
        "longitude": [18.5, None, 20.0686, None, 2.35, 13.25],
    })
    district, placed_by = place_events({"admin2": frame["admin2"], "location": frame["location"]},
                                       frame["latitude"], frame["longitude"])
    assert district.tolist()[:3] == ["Sirte", "Tripoli", "Benghazi"]
    assert placed_by.tolist()[:3] == ["admin2", "location", "polygon"]
    assert pd.isna(district[3]) and pd.isna(placed_by[3])
    assert pd.isna(district[4]), "coordinates in Paris must not place an event in Libya"
    # Just off Tripoli's coast: in no polygon, so the nearest known place decides.
    assert (district[5], placed_by[5]) == ("Tripoli", "coordinates")


def test_a_polygon_beats_a_nearer_place_of_another_district():
    # Inside Jabal al Gharbi's outline, nearest to a known place of Nalut.
    lat, lon = pd.Series([30.0]), pd.Series([11.8])
    assert nearest_district(lat.to_numpy(), lon.to_numpy())[0] == "Nalut"
    district, placed_by = place_events({}, lat, lon)
    assert (district[0], placed_by[0]) == ("Jabal al Gharbi", "polygon")


