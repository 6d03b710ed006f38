"""Words for numbers, dates and lists: small bases guarded, singulars, ties."""

from __future__ import annotations

import pytest

from libya_conflict.briefings import wording
from libya_conflict.reference.crosswalk import coalition_labels

LABELS = coalition_labels()


@pytest.mark.parametrize(("current", "previous", "expected"), [
    (8, 2, "up from 2 to 8"),
    (2, 8, "down from 8 to 2"),
    (162, 120, "up 35% from 120 to 162"),
    (90, 120, "down 25% from 120 to 90"),
    (0, 12, "down from 12 to none"),
    (3, 0, "up from none to 3"),
    (5, 5, "unchanged at 5"),
    (0, 0, "still none"),
    (7, None, "no earlier data to compare with"),
])
def test_change_guards_small_bases(current, previous, expected):
    assert wording.change(current, previous) == expected


def test_no_percentage_on_a_base_under_ten():
    for base in range(1, wording.MIN_BASE):
        assert "%" not in wording.change(base * 4, base)
    assert "%" in wording.change(40, wording.MIN_BASE)


@pytest.mark.parametrize(("n", "expected"), [(0, "no events"), (1, "one event"),
                                             (2, "2 events"), (1234, "1,234 events")])
def test_count(n, expected):
    assert wording.count(n, "event") == expected


def test_shares_and_amounts():
    assert wording.percent(1, 300) == "<1%"
    assert wording.share(3, 5) == "3 of 5"
    assert wording.share(30, 60) == "50%"
    assert wording.amount(0, 50) == "none" and wording.amount(1, 50) == "one"
    assert wording.amount(3, 5) == "3" and wording.amount(10, 40) == "10 (25%)"


@pytest.mark.parametrize(("start", "end", "text", "opening"), [
    ("2020-05-16", "2020-05-16", "16 May 2020", "On 16 May 2020"),
    ("2020-05-01", "2020-05-31", "1\u201331 May 2020", "From 1 to 31 May 2020"),
    ("2020-04-01", "2020-06-30", "1 April \u2013 30 June 2020", "From 1 April to 30 June 2020"),
    ("2019-04-04", "2020-06-05", "4 April 2019 \u2013 5 June 2020",
     "From 4 April 2019 to 5 June 2020"),
])
def test_periods(start, end, text, opening):
    assert wording.period_text(start, end) == text
    assert wording.during(start, end) == opening


def test_join_and_area_text():
    assert wording.join([]) == "" and wording.join(["a"]) == "a"
    assert wording.join(["a", "b", "c"]) == "a, b and c"
    assert wording.area_text("West") == "western Libya"
    assert wording.area_text("Jafara") == "Jafara district"
    assert wording.side_name("foreign_gna", LABELS) == "foreign forces backing the GNA"
    assert wording.side_name("gna", LABELS) == "GNA-aligned forces"
