"""District boundaries (data/boundaries/libya_adm1.geojson): the 22 districts as polygons.

Natural Earth's admin-1 geometry (public domain, via geoBoundaries), keyed by the districts'
ISO 3166-2 codes so that every feature carries the district's name as ``districts.csv`` spells
it. Maps draw it; cleaning may place events by the polygon holding their coordinates.
"""

from __future__ import annotations

import csv
import json
from functools import cache

import numpy as np

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
def district_shapes() -> dict:
    """Return district -> its polygon as a shapely geometry (built once; do not modify)."""
    from shapely.geometry import shape

    return {f["id"]: shape(f["geometry"]) for f in _boundaries()["features"]}


def districts_at(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Return the district whose polygon holds each point, or None where none does.

    For placing events whose place name matches nothing: the polygon that contains the
    coordinates decides, before any nearest-place fallback. Points on a shared border go to
    the district first in alphabetical order; at Natural Earth's scale (about 1:10
    million) a point within a few kilometres of a border may belong to its neighbour.

    Parameters
    ----------
    lat, lon : numpy.ndarray
        Coordinates in degrees (NaN allowed: such points get None).

    Returns
    -------
    numpy.ndarray
        Object array of district names or None.

    """
    import shapely

    lat, lon = np.asarray(lat, dtype=float), np.asarray(lon, dtype=float)
    out = np.full(lat.shape, None, dtype=object)
    for name, polygon in sorted(district_shapes().items()):
        todo = (out == None) & ~np.isnan(lat) & ~np.isnan(lon)  # noqa: E711 - elementwise
        if not todo.any():
            break
        inside = shapely.contains_xy(polygon, lon[todo], lat[todo])
        out[np.flatnonzero(todo)[inside]] = name
    return out
