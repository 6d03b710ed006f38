
from libya_conflict.reference.taxonomy import current_event_types, taxonomy


def test_current_taxonomy_has_six_types_and_25_sub_types():
    current = taxonomy()["current"]
    assert len(current_event_types()) == 6
    assert sum(len(subs) for subs in current.values()) == 25


def test_every_legacy_type_maps_into_the_current_taxonomy():
    current = taxonomy()["current"]
    legacy = taxonomy()["legacy"]
    assert len(legacy) == 9
    for old, (new_type, new_sub) in legacy.items():
        assert new_type in current, old
        assert new_sub in current[new_type] or "pre-2019" in new_sub, old
