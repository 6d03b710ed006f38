"""Libya's districts and the areas briefings are about (data/districts.csv, data/areas.yaml).

Kept free of pandas: parameters are checked before a build imports it.
"""

from __future__ import annotations

import csv

from libya_conflict.resources import data_path, load_yaml


def _districts() -> list[str]:
    # Read the small CSV directly: building the whole gazetteer (GeoNames) is not needed here,
    # nor pandas (parameters are checked before a build imports it).
    with data_path("districts.csv").open(encoding="utf-8", newline="") as handle:
        return sorted(row["district"] for row in csv.DictReader(handle))


_AREAS = load_yaml("areas.yaml")
NATIONAL: str = _AREAS["national"]["name"]
REGIONS: list[str] = [region["name"] for region in _AREAS["regions"]]
# Named groups of districts (Greater Tripoli): name -> districts.
AREA_GROUPS: dict[str, list[str]] = {g["name"]: list(g["districts"]) for g in _AREAS["groups"]}
GREATER_TRIPOLI = "Greater Tripoli"
GREATER_TRIPOLI_DISTRICTS: list[str] = AREA_GROUPS[GREATER_TRIPOLI]
DISTRICTS: list[str] = _districts()
AREAS: list[str] = [NATIONAL, *REGIONS, *AREA_GROUPS, *DISTRICTS]
_IN_SENTENCE = {item["name"]: item["in_sentence"]
                for item in [_AREAS["national"], *_AREAS["regions"], *_AREAS["groups"]]}


def area_phrase(area: str) -> str:
    """Return an area as a sentence names it ("western Libya", "Jafara district")."""
    return _IN_SENTENCE.get(area, f"{area} district")


def area_districts(area: str) -> list[str] | None:
    """Return the districts of an area, or None for all of Libya.

    Parameters
    ----------
    area : str
        ``Libya``, a region (``West``, ``East``, ``South``), a group (``Greater Tripoli``) or a
        district, spelled canonically (see
        :func:`libya_conflict.briefings.parameters.check_parameters`).

    """
    if area == NATIONAL:
        return None
    if area in AREA_GROUPS:
        return list(AREA_GROUPS[area])
    if area in REGIONS:
        from libya_conflict.reference.gazetteer import gazetteer

        return sorted(d for d, r in gazetteer().region_of().items() if r == area)
    return [area]


def district_population() -> dict[str, tuple[int, int]]:
    """Return district -> (population, census year) of ``data/district_population.csv``.

    The 2006 census, the last before the wars (its source is in the file): populations have
    moved since, so rates per 100,000 people are an order of magnitude, not a measure.
    """
    with data_path("district_population.csv").open(encoding="utf-8", newline="") as handle:
        return {row["district"]: (int(row["population"]), int(row["year"]))
                for row in csv.DictReader(handle)}
