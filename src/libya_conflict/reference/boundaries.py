"""District boundaries (data/boundaries/libya_adm1.geojson): the 22 districts as polygons.

Natural Earth's admin-1 geometry (public domain, via geoBoundaries), keyed by the districts'
ISO 3166-2 codes so that every feature carries the district's name as ``districts.csv`` spells
it. Maps draw it; cleaning may place events by the polygon holding their coordinates.
"""

from __future__ import annotations

import csv
import json
from functools import cache

from libya_conflict.resources import data_path

BOUNDARIES_FILE = "boundaries/libya_adm1.geojson"
BOUNDARIES_CREDIT = ("District boundaries: Natural Earth, via geoBoundaries (Runfola et al. "
                     "2020, PLoS ONE 15(4): e0231866)")


@cache
def _district_by_code() -> dict[str, dict[str, str]]:
    with data_path("districts.csv").open(encoding="utf-8", newline="") as handle:
        return {row["iso_code"]: row for row in csv.DictReader(handle)}


@cache
def _boundaries() -> dict:
    collection = json.loads(data_path(BOUNDARIES_FILE).read_text(encoding="utf-8"))
    by_code = _district_by_code()
    for feature in collection["features"]:
        row = by_code[feature["properties"]["iso_3166_2"]]
        feature["id"] = row["district"]
        feature["properties"].update(district=row["district"], region=row["region"])
    return collection


def district_boundaries() -> dict:
    """Return the districts as a GeoJSON FeatureCollection (a fresh copy).

    Returns
    -------
    dict
        One Polygon feature per district; ``id`` and ``properties["district"]`` are the
        district's name as in ``districts.csv``, ``properties["region"]`` its region and
        ``properties["iso_3166_2"]`` its code.

    """
    return json.loads(json.dumps(_boundaries()))


@cache
def _polygon_index():
    """Return an STRtree of the district polygons and the district of each (shapely)."""
    import numpy as np
    import shapely

    features = _boundaries()["features"]
    polygons = [shapely.geometry.shape(feature["geometry"]) for feature in features]
    names = np.array([feature["id"] for feature in features], dtype=object)
    return shapely.STRtree(polygons), names


def district_at(lat, lon):
    """Return the district whose polygon contains each point, or None (vectorised).

    Parameters
    ----------
    lat, lon : array-like of float
        Coordinates (WGS84 degrees); NaN gives None.

    Returns
    -------
    numpy.ndarray of object
        District names as in ``districts.csv``; None for a point in no polygon (outside
        Libya, at sea, or on a coast the 1:10 million outline cuts off). A point on a shared
        border gets the first district that holds it.

    """
    import numpy as np
    import shapely

    lat = np.asarray(lat, dtype=float)
    lon = np.asarray(lon, dtype=float)
    out = np.full(len(lat), None, dtype=object)
    valid = ~(np.isnan(lat) | np.isnan(lon))
    if not valid.any():
        return out
    tree, names = _polygon_index()
    points = shapely.points(lon[valid], lat[valid])
    hits, polygons = tree.query(points, predicate="within")
    first, at = np.unique(hits, return_index=True)
    out[np.flatnonzero(valid)[first]] = names[polygons[at]]
    return out
