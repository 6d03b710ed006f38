"""Selections: periods, areas, sides, actors and datasets, on edge cases."""

from __future__ import annotations

from conftest import event, events_table
from libya_conflict.briefings import measures, selection
from libya_conflict.briefings.parameters import check_parameters
from libya_conflict.briefings.selection import Period


def test_period_previous_has_equal_length_and_ends_the_day_before():
    may = Period.of("2020-05-01", "2020-05-31")
    assert may.days == 31
    assert may.previous() == Period.of("2020-03-31", "2020-04-30")
    assert Period.of("2020-05-16", "2020-05-16").previous().as_dict() == {
        "start": "2020-05-15", "end": "2020-05-15"}


def test_no_previous_period_when_the_data_start_later():
    table = events_table(event(date="2020-05-03"), event(date="2020-06-10"))
    sel = selection.select(table, "2020-05-01", "2020-05-31")
    assert not sel.has_previous and sel.previous_events is None
    h = measures.headline(sel)
    assert h["previous_events"] is None and h["previous_fatalities"] is None
    assert h["events"] == 1


def test_previous_period_counts_when_covered():
    table = events_table(event(date="2020-03-01"), event(date="2020-04-15"),
                         event(date="2020-06-02"))
    sel = selection.select(table, "2020-05-01", "2020-05-31")
    assert sel.has_previous and len(sel.previous_events) == 1 and sel.comparable


def test_greater_tripoli_is_tripoli_and_jafara_and_regions_follow_districts():
    table = events_table(event(district="Tripoli"), event(district="Jafara"),
                         event(district="Misrata"), event(district="Benghazi", region="East"))
    def districts(area):
        return sorted(selection.filter_area(table, area)["district"])
    assert districts("Greater Tripoli") == ["Jafara", "Tripoli"]
    assert districts("West") == ["Jafara", "Misrata", "Tripoli"]
    assert districts("East") == ["Benghazi"]
    assert districts("Libya") == ["Benghazi", "Jafara", "Misrata", "Tripoli"]


def test_district_in_another_spelling_selects_the_same_events():
    table = events_table(event(district="Jafara"), event(district="Tripoli"))
    area = check_parameters({"area": "Al Jifarah"})["area"]
    assert len(selection.select(table, "2020-05-01", "2020-05-31", area=area).events) == 1


def test_headline_counts_acled_where_it_covers_the_period_else_ucdp_never_both():
    table = events_table(event(date="2020-05-02", fatalities=3),
                         event(dataset="ucdp", date="2020-05-02", fatalities=10),
                         event(dataset="ucdp", date="2018-05-02", fatalities=4))
    may = measures.headline(selection.select(table, "2020-05-01", "2020-05-31"))
    assert (may["dataset"], may["events"], may["fatalities"]) == ("acled", 1, 3)
    assert may["by_dataset"] == {"acled": {"events": 1, "fatalities": 3},
                                 "ucdp": {"events": 1, "fatalities": 10}}
    old = measures.headline(selection.select(table, "2018-05-01", "2018-05-31"))
    assert (old["dataset"], old["events"], old["fatalities"]) == ("ucdp", 1, 4)


def test_actor_names_exact_first_then_substring_and_associated_actors_count():
    table = events_table(event(actor2="Wagner Group", coalition2="foreign_lna"),
                         event(assoc_actors="Wagner Group; Sudanese mercenaries"), event())
    assert selection.actor_names(table, "wagner  group") == ["Wagner Group"]
    assert selection.actor_names(table, "mercenar") == ["Sudanese mercenaries"]
    assert len(selection.filter_actor(table, ["Wagner Group"])) == 2


