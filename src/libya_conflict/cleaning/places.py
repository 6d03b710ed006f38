"""Place every event in one of Libya's 22 current districts.

Names are tried first, most specific column last only when the district columns say nothing:
district names and their aliases of every vintage, then towns, neighbourhoods and bases (the
gazetteer of :mod:`libya_conflict.reference.gazetteer`). An event whose names match nothing is
placed at the nearest known place to its coordinates. The column that decided is kept in
``placed_by`` so the report can count how each event was placed.
"""

from __future__ import annotations

import pandas as pd

from libya_conflict.reference.gazetteer import (
    Gazetteer,
    gazetteer,
    nearest_district,
    outside_libya,
)


def place_events(name_columns: dict[str, pd.Series], lat: pd.Series,
                 lon: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Place events in districts, by name first and then by coordinates.

    Parameters
    ----------
    name_columns : dict of str -> pandas.Series
        Columns holding names, in the order they are tried (e.g. admin2, admin1, admin3,
        location). A location like "Tripoli - Abu Salim" is also tried part by part.
    lat, lon : pandas.Series
        Coordinates (floats, NA when missing).

    Returns
    -------
    (district, placed_by) : tuple of pandas.Series
        District names (NA where nothing placed the event) and how each was placed: the name
        of the column that matched, ``coordinates``, or NA.

    """
    gaz = gazetteer()
    index = lat.index
    district = pd.Series(pd.NA, index=index, dtype="object")
    placed_by = pd.Series(pd.NA, index=index, dtype="object")
    for column, values in name_columns.items():
        todo = district.isna()
        if not todo.any():
            break
        found = values[todo].map(_cached_lookup(gaz))
        hit = found.notna()
        district.loc[found.index[hit]] = found[hit]
        placed_by.loc[found.index[hit]] = column
    todo = district.isna() & lat.notna() & lon.notna() & ~outside_libya(lat, lon)
    if todo.any():
        district.loc[todo] = nearest_district(lat[todo].to_numpy(float), lon[todo].to_numpy(float))
        placed_by.loc[todo] = "coordinates"
    return district, placed_by


def _cached_lookup(gaz: Gazetteer):
    memo: dict[str, str | None] = {}

    def lookup(value: str) -> str | None:
        if value not in memo:
            memo[value] = _lookup_with_parts(gaz, value)
        return memo[value]

    return lookup


def _lookup_with_parts(gaz: Gazetteer, value: str) -> str | None:
    """Try a whole name, then its parts ("Tripoli - Abu Salim" -> "Abu Salim", "Tripoli")."""
    found = gaz.lookup(value)
    if found or " - " not in value:
        return found
    for part in reversed(value.split(" - ")):
        found = gaz.lookup(part)
        if found:
            return found
    return None
