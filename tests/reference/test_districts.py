"""Districts and the areas a briefing can be about (data/districts.csv, data/areas.yaml)."""

from __future__ import annotations

from libya_conflict.reference import districts
from libya_conflict.reference.gazetteer import gazetteer


def test_areas_are_the_country_its_regions_groups_and_22_districts():
    assert districts.NATIONAL == "Libya"
    assert districts.REGIONS == ["West", "East", "South"]
    assert districts.GREATER_TRIPOLI_DISTRICTS == ["Tripoli", "Jafara"]
    assert len(districts.DISTRICTS) == 22
    assert districts.AREAS[:5] == ["Libya", "West", "East", "South", "Greater Tripoli"]


def test_every_group_and_region_is_made_of_current_districts():
    for group, members in districts.AREA_GROUPS.items():
        assert set(members) <= set(districts.DISTRICTS), group
    regions = set(gazetteer().region_of().values())
    assert regions == set(districts.REGIONS)
    covered = [d for r in districts.REGIONS for d in districts.area_districts(r)]
    assert sorted(covered) == districts.DISTRICTS


def test_areas_as_a_sentence_names_them():
    assert districts.area_phrase("West") == "western Libya"
    assert districts.area_phrase("Greater Tripoli") == ("Greater Tripoli (the Tripoli and Jafara "
                                                        "districts)")
    assert districts.area_phrase("Libya") == "Libya"
    assert districts.area_phrase("Murzuq") == "Murzuq district"
    assert districts.area_districts("Libya") is None
    assert districts.area_districts("Murzuq") == ["Murzuq"]


def test_every_district_has_a_2006_census_population_with_its_source():
    import csv

    from libya_conflict.resources import data_path

    people = districts.district_population()
    assert sorted(people) == districts.DISTRICTS
    assert sum(n for n, _ in people.values()) == 5_673_031  # the census total
    assert {year for _, year in people.values()} == {2006}
    assert people["Tripoli"][0] == 1_065_405 and people["Ghat"][0] == 23_518
    with data_path("district_population.csv").open(encoding="utf-8") as handle:
        assert all("2006 census" in row["source"] for row in csv.DictReader(handle))
