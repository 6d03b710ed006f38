"""Narrative: plain sentences from numbers, guarded for small numbers, ties and empty periods."""

from __future__ import annotations

import pandas as pd
import pytest

from libya_conflict.briefings import (
    measures,
    narrative,
    quality_narrative,
    selection,
    war_narrative,
    wording,
)
from libya_conflict.reference.crosswalk import coalition_labels

LABELS = coalition_labels()


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


def test_overview_with_no_events():
    text = narrative.overview(headline(events=0, fatalities=0, previous_events=4),
                              counts("event_type"), "in Kufra district")
    assert text.startswith("From 1 to 31 May 2020, ACLED recorded no events in Kufra district.")
    assert "There were 4 events in the previous 31 days" in text


def test_overview_with_one_event_and_no_previous_period():
    h = headline(events=1, fatalities=1, previous_events=None, previous_fatalities=None)
    text = narrative.overview(h, counts("event_type", Battles=1), "in Libya")
    assert "recorded one event in Libya, with one reported fatality" in text
    assert "The data do not cover the previous 31 days" in text
    assert "The event was classed as battles." in text
    assert "%" not in text


def test_overview_change_and_tie_in_the_event_mix():
    h = headline(events=8, previous_events=2, fatalities=3, previous_fatalities=0)
    mix = counts("event_type", Battles=4, Protests=4)
    text = narrative.overview(h, mix, "in Libya")
    assert "events up from 2 to 8, reported fatalities up from none to 3" in text
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
    text = war_narrative.notable_changes(now, types)
    assert text == ("The largest changes on the previous period: Tripoli (up 100% from 20 to 40 "
                    "events) and battles (up from 2 to 8 events).")
    quiet = now.assign(change=[1, 1])
    assert war_narrative.notable_changes(quiet, types.assign(change=[2])).startswith(
        "No place or type of event changed by more than 2 events")
    zero = now.assign(events=[0, 0], previous=[0, 0], change=[0, 0])
    assert war_narrative.notable_changes(zero, types.iloc[:0]) == ""


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


def test_phase_paragraph_and_front_summary():
    phases = pd.DataFrame([
        {"phase": "The offensive begins", "start": pd.Timestamp("2019-04-04"),
         "end": pd.Timestamp("2019-06-25"), "days": 83, "opened_by": "LNA offensive begins",
         "events": 166, "fatalities": 120, "events_per_day": 2.0, "fatalities_per_day": 1.4,
         "civilian_targeting_events": 20, "remote_violence_events": 1, "median_clash_km": 12.4},
        {"phase": "After Gharyan", "start": pd.Timestamp("2019-06-26"),
         "end": pd.Timestamp("2019-07-01"), "days": 6, "opened_by": "", "events": 0,
         "fatalities": 0, "events_per_day": 0.0, "fatalities_per_day": 0.0,
         "civilian_targeting_events": 0, "remote_violence_events": 0,
         "median_clash_km": float("nan")}])
    first = war_narrative.phase_paragraph(phases.iloc[0].to_dict())
    assert first.startswith("The offensive begins (4 April \u2013 25 June 2019, 83 days). It "
                            "opened with: LNA offensive begins. 166 events (2.0 a day)")
    assert "one was an air or drone strike or shelling" in first
    assert "a median 12 km from central Tripoli" in first
    assert "No events were recorded" in war_narrative.phase_paragraph(phases.iloc[1].to_dict())
    assert war_narrative.front_summary(phases) == ("Armed clashes were a median 12 km from central "
                                               "Tripoli (The offensive begins).")
    assert "cannot be traced" in war_narrative.front_summary(phases.iloc[1:])


def test_foreign_and_accounting():
    table = pd.DataFrame([{"side": "foreign_gna", "events": 3, "fatalities": 4,
                           "first": pd.Timestamp("2020-01-05"), "last": pd.Timestamp("2020-05-18"),
                           "main_type": "Air/drone strike", "main_type_events": 2}])
    text = war_narrative.foreign(table, LABELS)
    assert text == ("Foreign forces backing the GNA took part in 3 events from 5 January 2020 to "
                    "18 May 2020, most often air or drone strike (2), with 4 reported "
                    "fatalities.")
    assert war_narrative.foreign(table.iloc[:0], LABELS).startswith("No events involving foreign")
    counts_ = {"read": 10, "kept": 6, "quarantined": 1, "duplicates": 2, "deleted": 1,
               "out_of_scope": 0}
    assert quality_narrative.accounting(counts_, True).endswith("accounted for exactly once.")
    assert "Warning" in quality_narrative.accounting(counts_, False)


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
                         event(date="2020-01-01"))
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


def test_remote_violence_sentences():
    summary = pd.DataFrame([
        {"kind": "Air/drone strike", "events": 1, "fatalities": 43, "civilian_events": 1,
         "civilian_fatalities": 43, "main_side": "lna", "main_side_events": 1},
        {"kind": "Shelling/artillery/missile attack", "events": 20, "fatalities": 12,
         "civilian_events": 5, "civilian_fatalities": 7, "main_side": "lna",
         "main_side_events": 15}])
    text = war_narrative.remote_violence(summary, LABELS)
    assert text.startswith("One air or drone strike caused 43 reported fatalities. One was "
                           "coded as targeting civilians, with 43 reported fatalities.")
    assert ("20 shelling, artillery and missile attacks caused 12 reported fatalities; "
            "LNA-aligned forces carried out 15. 5 (25%) were coded") in text
    none = summary.assign(events=0)
    assert war_narrative.remote_violence(none, LABELS) == (
        "No air or drone strike was recorded. No shelling, artillery or missile attack was "
        "recorded.")
