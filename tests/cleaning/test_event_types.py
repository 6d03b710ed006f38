"""Event types of every vintage onto ACLED's six, and civilian targeting only where it is known."""

import pandas as pd
import pytest

from libya_conflict.cleaning.event_types import (
    acled_civilian_targeting,
    derive_civilian_targeting,
    disorder_types,
    map_acled_event_types,
    map_ucdp_violence,
)


def mapped(types, subs=None, inter1=None, actor1=None):
    types = pd.Series(types, dtype=object)
    subs = pd.Series(subs if subs is not None else [""] * len(types), dtype=object)
    inter1 = pd.Series(inter1 if inter1 is not None else [pd.NA] * len(types), dtype="Int64")
    actor1 = pd.Series(actor1 if actor1 is not None else ["X"] * len(types), dtype=object)
    return map_acled_event_types(types, subs, inter1, actor1)


@pytest.mark.parametrize("written, event_type, sub_event_type", [
    ("Remote Violence", "Explosions/Remote violence", None),          # All-Africa workbooks
    ("Violence Against Civilians", "Violence against civilians", None),
    ("VIOLENCE AGAINST CIVILIANS", "Violence against civilians", None),
    ("Battle-No change of territory", "Battles", "Armed clash"),
    ("Battle-No Change of Territory", "Battles", "Armed clash"),
    ("Battle - Government regains territory", "Battles", "Government regains territory"),
    ("Battle-Non-state actor overtakes territory", "Battles",
     "Non-state actor overtakes territory"),
    ("Headquarters or base established", "Strategic developments",
     "Headquarters or base established"),
    ("Strategic development", "Strategic developments", None),
    ("Non-Violent transfer of territory", "Strategic developments",
     "Non-violent transfer of territory"),
    ("Riots/Protests", "Protests", None),
    ("riots / protests", "Protests", None),
    ("Explosions / Remote Violence", "Explosions/Remote violence", None),
    ("  battles ", "Battles", None),
])
def test_every_vintage_matches_without_regard_to_case_spacing_and_punctuation(
        written, event_type, sub_event_type):
    result = mapped([written])
    assert result.event_type[0] == event_type
    assert (pd.isna(result.sub_event_type[0]) if sub_event_type is None
            else result.sub_event_type[0] == sub_event_type)
    assert not result.unknown_type[0]
    assert result.sub_derived[0] == (sub_event_type is not None)


def test_old_riots_protests_split_by_inter_code_or_actor_name():
    result = mapped(["Riots/Protests"] * 4, inter1=[5, 6, None, None],
                    actor1=["Rioters (Libya)", "Protesters (Libya)", "Rioters (Libya)",
                            "Protesters (Libya)"])
    assert result.event_type.tolist() == ["Riots", "Protests", "Riots", "Protests"]


def test_current_sub_event_types_any_spelling_and_wrong_parents():
    result = mapped(["Explosions/Remote violence", "Explosions/Remote violence", "Battles",
                     "Protests"],
                    ["Air/drone strike", "shelling / artillery / missile attack",
                     "Air/drone strike", "Sit-in"])
    assert result.sub_event_type.tolist()[:2] == ["Air/drone strike",
                                                  "Shelling/artillery/missile attack"]
    assert pd.isna(result.sub_event_type[2]) and pd.isna(result.sub_event_type[3])
    assert result.unknown_sub.tolist() == [False, False, True, True]


def test_unknown_types_are_null_and_flagged_never_passed_through():
    result = mapped(["Skirmish", "Skirmish", ""], ["", "Armed clash", ""])
    assert pd.isna(result.event_type[0]) and result.unknown_type[0]
    # The sub-event type names its parent: the type is derived from it, not unknown.
    assert result.event_type[1] == "Battles" and result.type_derived[1]
    assert not result.unknown_type[1]
    assert result.unknown_type[2]


def test_ucdp_violence_types_keep_a_clear_label_and_unknown_codes_are_null():
    event, sub, unknown = map_ucdp_violence(pd.Series(["1", "3", "9", "2.0"]))
    assert event.tolist()[:2] == ["Battles", "Violence against civilians"]
    assert sub.tolist()[:2] == ["State-based violence (UCDP)", "One-sided violence (UCDP)"]
    assert pd.isna(event[2]) and unknown.tolist() == [False, False, True, False]
    assert sub[3] == "Non-state violence (UCDP)"


def test_disorder_type_spelling_fixed_and_derived():
    types = pd.Series(["Protests", "Battles", "Battles", pd.NA], dtype=object)
    fixed, derived = disorder_types(types, pd.Series(["Demostrations", "", "violence?", ""]))
    assert fixed.tolist()[:3] == ["Demonstrations", "Political violence", "Political violence"]
    assert pd.isna(fixed[3])
    assert derived.tolist() == [False, True, True, False]
    fixed, derived = disorder_types(types[:2], None)
    assert fixed.tolist() == ["Demonstrations", "Political violence"] and derived.all()


CASES = [
    # event type, sub-event type, inter2, actor2, expected
    ("Violence against civilians", pd.NA, pd.NA, "", True),
    ("Explosions/Remote violence", pd.NA, 7, "Civilians (Libya)", True),
    ("Explosions/Remote violence", pd.NA, pd.NA, "Civilians (Libya)", True),
    ("Explosions/Remote violence", pd.NA, 1, "Military Forces of Libya (2014-)", False),
    ("Explosions/Remote violence", pd.NA, pd.NA, "", None),
    ("Battles", "Armed clash", 2, "Rebels", False),
    ("Strategic developments", pd.NA, 0, "", False),
    ("Protests", "Peaceful protest", 0, "", False),
    ("Protests", "Excessive force against protesters", 1, "Police", None),
    ("Protests", pd.NA, 0, "", None),
    ("Riots", "Mob violence", 7, "Civilians (Libya)", None),
    ("Riots", "Violent demonstration", 1, "Police Forces of Libya (2016-)", False),
    (pd.NA, pd.NA, 7, "Civilians (Libya)", None),
]


def test_civilian_targeting_is_derived_only_where_acled_s_definition_decides():
    frame = pd.DataFrame(CASES, columns=["type", "sub", "inter2", "actor2", "expected"])
    out = derive_civilian_targeting(frame["type"].astype(object), frame["sub"].astype(object),
                                    frame["inter2"].astype("Int64"), frame["actor2"])
    assert [None if pd.isna(v) else bool(v) for v in out] == frame["expected"].tolist()


def test_the_files_own_flag_wins_but_every_vac_event_targets_civilians():
    types = pd.Series(["Violence against civilians", "Explosions/Remote violence", "Riots"])
    subs = pd.Series([pd.NA, "Air/drone strike", "Mob violence"], dtype=object)
    inter2 = pd.Series([7, 7, 7], dtype="Int64")
    actor2 = pd.Series(["Civilians (Libya)"] * 3)
    flag = pd.Series(["", "Civilian targeting", ""])
    out, derived, coded = acled_civilian_targeting(flag, types, subs, inter2, actor2)
    assert coded and out.tolist() == [True, True, False]
    assert derived.tolist() == [True, False, False]
    # A column empty in every row says nothing: the values are derived.
    out, derived, coded = acled_civilian_targeting(pd.Series(["", "", ""]), types, subs, inter2,
                                                   actor2)
    assert not coded and out.tolist()[:2] == [True, True] and pd.isna(out[2])
    assert derived.tolist() == [True, True, False]
