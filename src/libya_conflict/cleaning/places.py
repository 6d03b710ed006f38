"""Place every event: in one of Libya's 22 districts, or by the dataset's own division elsewhere.

Libya: names are tried first, most specific column last only when the district columns say
nothing: district names and their aliases of every vintage, then towns, neighbourhoods and
bases (the gazetteer of :mod:`libya_conflict.reference.gazetteer`). An event whose names match
nothing is placed by the district polygon that holds its coordinates
(:mod:`libya_conflict.reference.boundaries`), and only then at the nearest known place (a point
on a coast the outline cuts off). The way that decided is kept in ``placed_by``.

Another country: Libya's gazetteer means nothing there, so the event keeps the dataset's own
first-order division (ACLED ``admin1``, UCDP ``adm_1``) as its district.
"""

from __future__ import annotations

import pandas as pd

from libya_conflict.cleaning.checks import add_flag
from libya_conflict.reference.boundaries import districts_at
from libya_conflict.reference.gazetteer import (
    Gazetteer,
    gazetteer,
    nearest_district,
    normalise_name,
    outside_libya,
)

NAME_ORDER = {"acled": ["admin2", "admin1", "admin3", "location"],
              "ucdp": ["admin1", "admin2", "location"]}
_REGION_WORDS = {"west", "east", "south", "north"}


def place_events(name_columns: dict[str, pd.Series], lat: pd.Series,
                 lon: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Place events in Libya's districts: by name, then polygon, then nearest known place.

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
        of the column that matched, ``polygon``, ``coordinates``, or NA.

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
        inside = pd.Series(districts_at(lat[todo].to_numpy(float), lon[todo].to_numpy(float)),
                           index=lat.index[todo], dtype=object)
        inside = inside[inside.notna()]
        district.loc[inside.index], placed_by.loc[inside.index] = inside, "polygon"
        todo &= district.isna()
    if todo.any():
        district.loc[todo] = nearest_district(lat[todo].to_numpy(float), lon[todo].to_numpy(float))
        placed_by.loc[todo] = "coordinates"
    return district, placed_by


def place_in_libya(events: pd.DataFrame, dataset: str) -> pd.Series:
    """Set ``district``, ``region``, ``placed_by`` and ``coords_outside_libya`` for Libya.

    Rows that nothing places are marked for quarantine (``unplaceable``, or
    ``coordinates_out_of_range`` when their coordinates were impossible); kept rows whose
    impossible coordinates were nulled are flagged.

    Returns
    -------
    pandas.Series
        The place names that matched no alias, as ``"name (column)"``, one per event.

    """
    order = NAME_ORDER[dataset]
    district, placed_by = place_events({c: events[c] for c in order}, events["latitude"],
                                       events["longitude"])
    events["district"], events["placed_by"] = district, placed_by
    events["region"] = district.map(gazetteer().region_of())
    events["coords_outside_libya"] = outside_libya(events["latitude"],
                                                   events["longitude"]).astype("boolean")
    open_rows = events["_problem"].isna()
    lost = district.isna() & open_rows
    bad_coords = events["_bad_coords"]
    _mark(events, lost & bad_coords, "coordinates_out_of_range", order,
          "coordinates out of range")
    _mark(events, lost & ~bad_coords, "unplaceable", order, "no usable coordinates")
    _flag(events, bad_coords & district.notna(), "coordinates_out_of_range")
    return _unplaced_names(events[~placed_by.isin(order)], order)


def place_by_dataset(events: pd.DataFrame) -> None:
    """Set the place columns for another country: the dataset's own first-order division."""
    own = events["admin1"].str.strip()
    events["district"] = own.where(own.ne(""), pd.NA).astype(object)
    events["placed_by"] = pd.Series("admin1", index=events.index, dtype=object).where(
        events["district"].notna(), pd.NA)
    events["region"] = pd.Series(pd.NA, index=events.index, dtype=object)
    events["coords_outside_libya"] = pd.Series(pd.NA, index=events.index, dtype="boolean")
    _flag(events, events["_bad_coords"], "coordinates_out_of_range")


def _mark(events: pd.DataFrame, mask: pd.Series, reason: str, order: list[str],
          why: str) -> None:
    """Quarantine the rows of ``mask``, naming the names that placed nothing."""
    if mask.any():
        events.loc[mask, "_problem"] = reason
        events.loc[mask, "_detail"] = "no district: " + _names_text(events[mask], order) + (
            f"; {why}")


def _flag(events: pd.DataFrame, mask: pd.Series, name: str) -> None:
    events["flags"] = add_flag(events["flags"], mask, name)


def _names_text(events: pd.DataFrame, order: list[str]) -> pd.Series:
    if not len(events):
        return pd.Series(dtype=object)
    parts = [column + "='" + events[column] + "'" for column in order]
    return pd.concat(parts, axis=1).agg(", ".join, axis=1)


def _unplaced_names(events: pd.DataFrame, order: list[str]) -> pd.Series:
    """Return "name (column)" for each name of events not placed by name that no alias knows."""
    gaz, names = gazetteer(), []
    lookup = _cached_lookup(gaz)
    for column in order:
        values = events[column]
        for value in values[values.str.strip().ne("")]:
            key = normalise_name(value)
            if key and key not in _REGION_WORDS and lookup(value) is None:
                names.append(f"{value} ({column})")
    return pd.Series(names, dtype=object)


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
