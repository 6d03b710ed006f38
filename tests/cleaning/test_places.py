import pandas as pd

from libya_conflict.cleaning.places import place_events


def test_place_events_tries_columns_in_order_then_parts_then_coordinates():
    frame = pd.DataFrame({
        "admin2": ["Sirt", "", "", "", "Nowhere"],
        "location": ["Ras Lanuf", "Tripoli - Abu Salim", "Unknown Hamlet", "", "Somewhere"],
        "latitude": [30.5, None, 32.1149, None, 48.85],
        "longitude": [18.5, None, 20.0686, None, 2.35],
    })
    district, placed_by = place_events({"admin2": frame["admin2"], "location": frame["location"]},
                                       frame["latitude"], frame["longitude"])
    assert district.tolist()[:3] == ["Sirte", "Tripoli", "Benghazi"]
    assert placed_by.tolist()[:3] == ["admin2", "location", "coordinates"]
    assert pd.isna(district[3]) and pd.isna(placed_by[3])
    assert pd.isna(district[4]), "coordinates in Paris must not place an event in Libya"


