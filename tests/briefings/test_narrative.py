"""Narrative: plain sentences from numbers, guarded for small numbers, ties and empty periods."""

from __future__ import annotations

import pandas as pd

from libya_conflict.briefings import (
    measures,
    narrative,
    selection,
)
from libya_conflict.reference.crosswalk import coalition_labels

LABELS = coalition_labels()


def trend(now: int, baseline: float, base: str = "previous") -> dict:
    from libya_conflict.briefings import trends

    key, pct, guarded = trends.band(now, baseline)
    return {base: {"band": key, "baseline": baseline, "change_pct": pct,
                   "small_numbers": guarded, "reason": ""}}


def headline(**values: object) -> dict:
    h = {"start": "2020-05-01", "end": "2020-05-31", "days": 31, "area": "Libya",
         "dataset": "acled", "events": 120, "fatalities": 80, "civilian_targeting_events": 12,
         "civilian_targeting_fatalities": 9, "previous_start": "2020-03-31",
         "previous_end": "2020-04-30", "previous_events": 100, "previous_fatalities": 80,
         "previous_civilian_targeting_events": 10,
         "by_dataset": {"acled": {"events": 120, "fatalities": 80}}}
    h.update(values)
    return h


def counts(column: str, **values: int) -> pd.DataFrame:
    frame = pd.DataFrame({column: list(values), "events": list(values.values()),
                          "fatalities": [0] * len(values)})
    return frame.sort_values(["events", column], ascending=[False, True], ignore_index=True)


def test_overview_with_no_events():
    text = narrative.overview(headline(events=0, fatalities=0, previous_events=4),
                              counts("event_type"), "in Kufra district")
    assert text.startswith("From 1 to 31 May 2020, ACLED recorded no events in Kufra district.")
    assert "There were 4 events in the previous 31 days" in text


def test_overview_with_one_event_and_no_previous_period():
    h = headline(events=1, fatalities=1, previous_events=None, previous_fatalities=None,
                 data_start="2020-05-01", data_end="2020-06-30")
    text = narrative.overview(h, counts("event_type", Battles=1), "in Libya")
    assert "recorded one event in Libya, with one reported fatality" in text
    assert ("The ACLED data in this file begin on 1 May 2020, so the previous 31 days "
            "(31 March – 30 April 2020) lie outside them") in text
    assert "The event was classed as battles." in text
    assert "%" not in text


def test_overview_change_and_tie_in_the_event_mix():
    h = headline(events=8, previous_events=2, fatalities=3, previous_fatalities=0,
                 trends={"events": trend(8, 2), "fatalities": trend(3, 0)})
    mix = counts("event_type", Battles=4, Protests=4)
    text = narrative.overview(h, mix, "in Libya")
    assert ("events up from 2 to 8 (a large increase) and reported fatalities up from none to "
            "3 (a limited change, small numbers)") in text
    assert "Battles and protests were equally common (4 events each)." in text


def test_where_names_the_leader_ties_and_single_places():
    assert narrative.where(counts("district", Tripoli=6, Jafara=3, Murqub=1), 10) == (
        "Activity concentrated in Tripoli (6 events, 60%), followed by Jafara (3) and Murqub (1).")
    assert narrative.where(counts("district", Tripoli=2, Jafara=2), 4).startswith(
        "Jafara and Tripoli had the most events (2 each).")
    assert narrative.where(counts("district", Tripoli=1), 1) == "It was in Tripoli."
    assert narrative.where(counts("district", Tripoli=3), 3) == "All of them were in Tripoli."
    assert "(3 of the 5 events)" in narrative.where(counts("district", Tripoli=3, Sirte=2), 5)
    assert narrative.where(counts("district"), 0) == ""


def test_where_adds_the_deadliest_place_when_it_differs():
    frame = counts("district", Tripoli=6, Murqub=4)
    frame.loc[frame["district"].eq("Murqub"), "fatalities"] = 9
    assert "The most reported fatalities were in Murqub (9)." in narrative.where(frame, 10)


def test_who_lists_sides_ties_and_foreign_forces():
    sides = pd.DataFrame({"side": ["gna", "lna", "unidentified_armed", "foreign_lna"],
                          "events": [5, 5, 2, 1], "fatalities": [0] * 4})
    text = narrative.who(sides, 8, LABELS)
    assert text.startswith("GNA-aligned forces and LNA-aligned forces each took part in 5 of "
                           "the 8 events, unidentified armed groups in 2")
    assert "Foreign forces backing the LNA took part in one event." in text
    assert narrative.who(sides.iloc[:0], 3, LABELS) == "No armed side was named in these events."
    assert narrative.who(sides.iloc[:0], 0, LABELS) == ""


def test_civilians():
    harm = pd.DataFrame({"side": ["lna", "gna"], "events": [8, 4], "fatalities": [6, 3]})
    text = narrative.civilians(headline(), harm, LABELS, remote_events=30, remote_fatalities=12)
    assert text.startswith("12 events (10% of all events) targeted civilians, with 9 reported")
    assert "LNA-aligned forces were named as perpetrators in 8 of them." in text
    assert "There were 30 air or drone strikes and shelling attacks" in text
    none = narrative.civilians(headline(civilian_targeting_events=0), harm.iloc[:0], LABELS, 0, 0)
    assert none == "No event in this period was coded as targeting civilians."
    small = narrative.civilians(headline(events=5, civilian_targeting_events=2), harm, LABELS, 1, 0)
    assert small.startswith("2 of the 5 events targeted civilians")
    assert "There was one air or drone strike or shelling attack" in small
    assert narrative.civilians(headline(events=0), harm, LABELS, 0, 0) == ""


def test_notable_changes_skip_small_changes():
    now = pd.DataFrame({"district": ["Tripoli", "Jafara"], "events": [40, 5], "previous": [20, 4],
                        "change": [20, 1]})
    types = pd.DataFrame({"event_type": ["Battles"], "events": [8], "previous": [2],
                          "change": [6]})
    text = narrative.notable_changes(now, types)
    assert text == ("The largest changes on the previous period: Tripoli (up 100% from 20 to 40 "
                    "events) and battles (up from 2 to 8 events).")
    quiet = now.assign(change=[1, 1])
    assert narrative.notable_changes(quiet, types.assign(change=[2])).startswith(
        "No place or type of event changed by more than 2 events")
    zero = now.assign(events=[0, 0], previous=[0, 0], change=[0, 0])
    assert narrative.notable_changes(zero, types.iloc[:0]) == ""


def test_datasets_side_by_side_are_never_added():
    by = {"acled": {"events": 120, "fatalities": 80}, "ucdp": {"events": 30, "fatalities": 95}}
    text = narrative.datasets_side_by_side(by, "acled")
    assert "UCDP GED" in text and "recorded 30 events with 95 fatalities" in text
    assert "never added up" in text and "150" not in text and "175" not in text
    assert narrative.datasets_side_by_side({"acled": by["acled"]}, "acled") == ""
    assert "recorded no events in" in narrative.datasets_side_by_side(
        {"acled": by["acled"], "ucdp": {"events": 0, "fatalities": 0}}, "acled")


def test_precision_note():
    text = narrative.precision_note({"events": 200, "coarse_date": 20, "coarse_place": 1}, "acled")
    assert "20 (10%) are dated only to a week" in text and "one is located only" in text
    assert "none are dated" in narrative.precision_note(
        {"events": 5, "coarse_date": 0, "coarse_place": 2}, "acled")
    assert "no ACLED events" in narrative.precision_note(
        {"events": 0, "coarse_date": 0, "coarse_place": 0}, "acled")


def test_counterparts_sentence():
    frame = pd.DataFrame({"counterpart": ["gna", "civilians", "foreign_gna"], "events": [9, 3, 1],
                          "fatalities": [0, 0, 0]})
    text = narrative.counterparts(frame, "LNA-aligned forces", 13, LABELS)
    assert text == ("LNA-aligned forces most often faced GNA-aligned forces (9 events), then "
                    "civilians (3) and foreign forces backing the GNA (1).")
    assert narrative.counterparts(frame, "X", 0) == ""


def test_sentences_from_a_real_selection_have_no_percent_on_small_numbers():
    from conftest import event, events_table

    table = events_table(event(date="2020-04-10"), event(date="2020-05-02"),
                         event(date="2020-05-03"), event(date="2020-05-04"),
                         event(date="2020-01-01"), event(date="2020-06-20"))
    h = measures.headline(selection.select(table, "2020-05-01", "2020-05-31"))
    text = narrative.overview(h, measures.count_by(table, "event_type"), "in Libya")
    assert "up from 1 to 3" in text and "%" not in text.split("Battles")[0]


def test_many_ties_read_as_spread_and_small_mixes_as_parts():
    spread = counts("district", Tripoli=1, Sabha=1, Kufra=1, Sirte=1, Derna=1)
    assert narrative.where(spread, 5) == ("The events were spread over 5 places, with no more "
                                          "than one event in any one of them (Derna, Kufra, "
                                          "Sabha and others).")
    mix = counts("event_type", Protests=5, Battles=2, Riots=1)
    assert "Protests were the most common type of event (5 of the 8 events)" in (
        narrative.event_mix(mix, 8))


def test_a_period_outside_the_data_says_so():
    h = headline(events=0, fatalities=0, start="2018-01-01", end="2018-01-31",
                 previous_events=None, data_start="2019-01-01", data_end="2020-12-30")
    text = narrative.overview(h, counts("event_type"), "in Libya")
    assert text.endswith("This period lies outside the ACLED data in this file, which run from "
                         "1 January 2019 to 30 December 2020.")
    inside = narrative.overview(headline(events=0, data_start="2019-01-01",
                                         data_end="2020-12-30"), counts("event_type"), "here")
    assert "outside" not in inside




def test_precision_not_coded_is_said_not_counted_as_none():
    text = narrative.precision_note({"events": 42, "coarse_date": 0, "coarse_place": 2,
                                     "date_not_coded": 42, "place_not_coded": 0}, "acled")
    assert text.startswith("Of the 42 events (ACLED), the time precision is not coded, and 2")
    assert "none" not in text
    some = narrative.precision_note({"events": 42, "coarse_date": 3, "coarse_place": 2,
                                     "date_not_coded": 4, "place_not_coded": 0}, "acled")
    assert some.endswith("The export does not code the time precision of 4 (10%), not "
                         "counted above.")


def test_the_data_notes_name_the_fields_an_export_lacks():
    from libya_conflict.briefings import notes

    text = notes.not_coded_note({"sub_event_type": 42, "civilian_targeting": 40}, 42)
    assert text.startswith("This export does not code sub-event types for every event and "
                           "civilian targeting for 40 (95%) of them")
    assert notes.not_coded_note({}, 42) == ""


def test_who_names_every_foreign_side_however_many(monkeypatch):
    # The crosswalk of every era may name more than two foreign sides.
    monkeypatch.setattr(narrative, "FOREIGN_SIDES", ("foreign_gna", "foreign_lna", "nato"))
    sides = pd.DataFrame({"side": ["gna", "lna", "other_armed", "foreign_lna", "nato"],
                          "events": [9, 8, 7, 2, 1], "fatalities": [0] * 5})
    text = narrative.who(sides, 20, {**LABELS, "nato": "NATO forces"})
    assert ("Foreign forces backing the LNA took part in 2 events, NATO forces in one event."
            in text)
