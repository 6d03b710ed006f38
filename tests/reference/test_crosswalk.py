import copy
from datetime import date, timedelta

import pytest

from libya_conflict.errors import InputError
from libya_conflict.reference.crosswalk import (
    KINDS,
    UNKNOWN,
    coalition_labels,
    coalitions_of_kind,
    crosswalk,
    eras_between,
    parse_crosswalk,
    sides_between,
)
from libya_conflict.resources import load_yaml

# The keys the bundled sample (2019-2020) and many tests use, with their 2016-2021 meaning.
KEPT = {"gna", "lna", "foreign_gna", "foreign_lna", "gnu", "jihadist", "other_armed",
        "unidentified_armed", "civilians", "protesters", "other_state"}
# Sources that are real exports or data files; the others are patterns or guesses.
NOT_SEEN = {"acled_pattern"}


def test_crosswalk_covers_the_sides_of_every_era():
    walk = crosswalk()
    assert KEPT <= set(walk.coalitions)
    assert {"gaddafi", "revolutionaries", "nato", "transitional", "dignity", "dawn", "gns",
            "foreign_gnu"} <= set(walk.coalitions)
    used = {p.coalition for e in walk.entries for p in e.periods}
    assert used <= set(walk.coalitions)
    assert coalition_labels()[UNKNOWN].startswith("Unknown")


def test_the_2016_2021_sides_keep_their_meaning():
    details = crosswalk().details
    assert details["gna"].label == "GNA-aligned forces"
    assert details["lna"].label == "LNA-aligned forces"
    assert (details["foreign_gna"].backs, details["foreign_lna"].backs) == ("gna", "lna")
    for key in ("gna", "lna", "foreign_gna", "foreign_lna"):
        assert details[key].overlaps(date(2016, 3, 30), date(2021, 3, 14)), key


def test_periods_are_ordered_and_do_not_overlap():
    for entry in crosswalk().entries:
        for earlier, later in zip(entry.periods, entry.periods[1:], strict=False):
            assert earlier.end is not None and later.start is not None
            assert earlier.end < later.start, entry


def test_every_period_lies_inside_the_dates_of_its_coalition():
    details = crosswalk().details
    for entry in crosswalk().entries:
        for period in entry.periods:
            span = details[period.coalition]
            assert span.start is None or (period.start or date.min) >= span.start, entry
            assert span.end is None or (period.end or date.max) <= span.end, entry


def test_a_2011_event_can_only_be_given_the_sides_of_2011():
    sides = set(sides_between(date(2011, 3, 1), date(2011, 3, 31)))
    assert {"gaddafi", "revolutionaries", "nato"} <= sides
    assert not sides & {"gna", "lna", "foreign_gna", "foreign_lna", "gnu", "dignity", "dawn",
                        "gns", "transitional"}
    assert "GNA" not in " ".join(crosswalk().coalitions[s] for s in sides)


def test_eras_split_time_without_gaps_from_the_first_acled_year_to_today():
    eras = crosswalk().eras
    assert eras[0].start <= date(1997, 1, 1) and eras[-1].end is None
    for earlier, later in zip(eras, eras[1:], strict=False):
        assert later.start - earlier.end == timedelta(days=1)
    assert [e.key for e in eras_between(date(2011, 10, 1), date(2011, 10, 31))] == [
        "revolution", "transition"]
    assert [e.key for e in eras_between(date(2019, 4, 4), date(2020, 6, 5))] == ["gna_lna"]
    assert [e.key for e in eras_between(date(2024, 1, 1))] == ["gnu"]


def test_each_era_names_its_camps_and_their_foreign_backers():
    details = crosswalk().details
    sides = {e.key: set(e.sides) for e in crosswalk().eras}
    assert sides["revolution"] == {"gaddafi", "revolutionaries", "nato"}
    assert sides["second_civil_war"] == {"dignity", "foreign_dignity", "dawn"}
    assert {"gnu", "gns", "lna", "foreign_gnu", "foreign_lna"} <= sides["gnu"]
    for era in crosswalk().eras:
        for side in era.sides:
            assert details[side].kind in ("camp", "foreign")
            assert details[side].overlaps(era.start, era.end), (era.key, side)


def test_every_coalition_has_a_kind_and_foreign_forces_back_a_camp_of_their_time():
    details = crosswalk().details
    for coalition in details.values():
        assert coalition.kind in KINDS
        if coalition.kind == "foreign":
            backed = details[coalition.backs]
            assert backed.kind == "camp"
            assert backed.overlaps(coalition.start, coalition.end), coalition.key


def test_foreign_forces_and_non_combatants_follow_the_data():
    from libya_conflict.briefings import measures

    foreign = coalitions_of_kind("foreign")
    assert foreign[:2] == ("foreign_gna", "foreign_lna")  # charts pair these two
    assert set(foreign) == {"foreign_gna", "foreign_lna", "nato", "foreign_dignity",
                            "foreign_gnu"}
    assert measures.FOREIGN_SIDES == foreign
    assert measures.NON_COMBATANTS == coalitions_of_kind("non_combatant") == (
        "civilians", "protesters")


def test_every_entry_says_where_its_spelling_was_seen():
    for entry in crosswalk().entries:
        assert entry.source, entry
        seen = set(entry.source) - NOT_SEEN
        assert entry.verified == bool(seen), entry


def test_no_catch_all_pattern():
    for entry in crosswalk().entries:
        if entry.pattern is not None:
            for probe in ("Some New Brigade", "Military Forces of Narnia (2011-)", "Libya",
                          "Forces of Libya", "Militia", "Brigade (Libya)", "X"):
                assert not entry.pattern.fullmatch(probe), (entry.pattern.pattern, probe)


def test_the_loaded_crosswalk_is_shared():
    assert crosswalk() is crosswalk()


def raw_with(change) -> dict:
    raw = copy.deepcopy(load_yaml("actors.yaml"))
    change(raw)
    return raw


def entry_named(raw: dict, name: str) -> dict:
    return next(item for item in raw["actors"] if item.get("name") == name)


def gna_in_2011(raw):
    entry_named(raw, "Tripoli Protection Force")["periods"][0]["from"] = date(2011, 5, 1)


def overlapping(raw):
    entry_named(raw, "Sumud Brigade")["periods"][1]["from"] = date(2019, 1, 1)


def no_source(raw):
    del entry_named(raw, "Wagner Group")["source"]


def bad_kind(raw):
    raw["coalitions"]["nato"]["kind"] = "ally"


def era_gap(raw):
    raw["eras"][2]["from"] = date(2011, 11, 1)


def unknown_side(raw):
    entry_named(raw, "Wagner Group")["coalition"] = "russia"


def bad_pattern(raw):
    raw["actors"].append({"pattern": "Brigade (", "coalition": "other_armed",
                          "verified": False, "source": "acled_pattern"})


@pytest.mark.parametrize("change, expected", [
    (gna_in_2011, "'Tripoli Protection Force'): period 2011-05-01 to 2021-03-14 is outside the "
                  "dates of 'gna' (2015-12-17 to 2021-03-14)"),
    (overlapping, "'Sumud Brigade'): periods must be in date order and must not overlap"),
    (no_source, "'Wagner Group'): needs a source among acled_2022"),
    (bad_kind, "coalition 'nato': kind 'ally' is not one of camp"),
    (era_gap, "era 'transition': must begin the day after era 'revolution' ends"),
    (unknown_side, "'Wagner Group'): unknown coalition 'russia'"),
    (bad_pattern, "'Brigade ('): not a regular expression"),
])
def test_a_broken_rule_is_one_line_naming_the_entry(change, expected):
    with pytest.raises(InputError) as caught:
        parse_crosswalk(raw_with(change), "data/actors.yaml")
    line = str(caught.value)
    assert line.startswith("data/actors.yaml: ") and expected in line, line
    assert "\n" not in line
