"""The taxonomy: ACLED's six types, and every pre-2019 type onto them without a guess."""

import pytest

from libya_conflict.reference.taxonomy import (
    current_event_types,
    event_type_index,
    sub_event_type_index,
    taxonomy,
    type_key,
)


def test_current_taxonomy_has_six_types_and_25_sub_types():
    current = taxonomy()["current"]
    assert len(current_event_types()) == 6
    assert sum(len(subs) for subs in current.values()) == 25
    assert len(sub_event_type_index()) == 25


def test_every_legacy_type_maps_into_the_current_taxonomy_or_says_nothing():
    current = taxonomy()["current"]
    legacy = taxonomy()["legacy"]
    assert len(legacy) == 9
    for old, (new_type, new_sub) in legacy.items():
        assert new_type in current, old
        assert new_sub is None or new_sub in current[new_type], old


def test_no_two_names_collide_on_their_key_unless_they_agree():
    index = event_type_index()
    for old, (new_type, _) in taxonomy()["legacy"].items():
        assert index[type_key(old)].event_type == new_type


@pytest.mark.parametrize("a, b", [
    ("Remote Violence", "Remote violence"), ("Battle-No change of territory",
                                             "battle no change of territory"),
    ("Riots/Protests", "RIOTS / PROTESTS"), ("Air/drone strike", "Air / Drone Strike"),
])
def test_type_key_ignores_case_spacing_and_punctuation(a, b):
    assert type_key(a) == type_key(b)


def test_old_aliases_point_at_a_legacy_type_and_map_like_it():
    legacy = taxonomy()["legacy"]
    index = event_type_index()
    for alias, old in taxonomy()["legacy_aliases"].items():
        assert old in legacy, alias
        assert index[type_key(alias)] == index[type_key(old)], alias
    assert index[type_key("Battle-Rebels overtake territory")].sub_event_type == (
        "Non-state actor overtakes territory")
