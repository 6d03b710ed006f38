

from libya_conflict.reference.crosswalk import UNKNOWN, coalition_labels, crosswalk

REQUIRED = {"gna", "lna", "foreign_gna", "foreign_lna", "jihadist", "other_armed",
            "unidentified_armed", "civilians", "protesters"}


def test_crosswalk_covers_the_sides_of_the_war():
    walk = crosswalk()
    assert REQUIRED <= set(walk.coalitions)
    used = {p.coalition for e in walk.entries for p in e.periods}
    assert used <= set(walk.coalitions)
    assert coalition_labels()[UNKNOWN].startswith("Unknown")


def test_periods_are_ordered_and_do_not_overlap():
    for entry in crosswalk().entries:
        for earlier, later in zip(entry.periods, entry.periods[1:], strict=False):
            assert earlier.end is not None and later.start is not None
            assert earlier.end < later.start, entry


def test_no_catch_all_pattern():
    for entry in crosswalk().entries:
        if entry.pattern is not None:
            assert not entry.pattern.fullmatch("Some New Brigade"), entry.pattern.pattern
