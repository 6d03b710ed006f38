import pandas as pd

from libya_conflict.cleaning.event_types import (
    disorder_types,
    map_acled_event_types,
    map_ucdp_violence,
)


def test_map_acled_event_types_old_and_new():
    types = pd.Series(["Remote violence", "Riots/Protests", "Riots/Protests", "Battles",
                       "Battle-Government regains territory"])
    subs = pd.Series(["", "", "", "Armed clash", ""])
    inter1 = pd.Series([1, 5, 6, 1, 1], dtype="Int64")
    new_type, new_sub, legacy = map_acled_event_types(types, subs, inter1)
    assert new_type.tolist() == ["Explosions/Remote violence", "Riots", "Protests", "Battles",
                                 "Battles"]
    assert new_sub.tolist() == ["Unspecified (pre-2019 type)", "Unspecified (pre-2019 type)",
                                "Unspecified (pre-2019 type)", "Armed clash",
                                "Government regains territory"]
    assert legacy.tolist() == [True, True, True, False, True]


def test_ucdp_violence_types_keep_a_clear_label():
    event, sub = map_ucdp_violence(pd.Series(["1", "3", "9"]))
    assert event.tolist()[:2] == ["Battles", "Violence against civilians"]
    assert sub.tolist()[:2] == ["State-based violence (UCDP)", "One-sided violence (UCDP)"]
    assert "Unknown UCDP type_of_violence 9" in (event[2], sub[2])


def test_disorder_type_spelling_fixed_and_derived():
    types = pd.Series(["Protests", "Battles"])
    assert disorder_types(types, pd.Series(["Demostrations", ""])).tolist() == [
        "Demonstrations", "Political violence"]
    assert disorder_types(types, None).tolist() == ["Demonstrations", "Political violence"]
