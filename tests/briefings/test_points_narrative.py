"""Key points: three or four sentences chosen from the data, each pointing to a section."""

from __future__ import annotations

from conftest import event, events_table
from libya_conflict.briefings import highlights, measures, points_narrative, selection
from libya_conflict.reference.crosswalk import coalition_labels

LABELS = coalition_labels()


def may_and_april():
    before = [event(date="2020-04-10", district="Jafara", location="Al Aziziyah")
              for _ in range(6)] + [event(date="2020-04-12") for _ in range(4)]
    now = ([event(date="2020-05-10") for _ in range(14)]
           + [event(date="2020-05-11", district="Jafara", location="Al Aziziyah")]
           + [event(date="2020-05-24", sub_event_type="Air/drone strike", fatalities=18,
                    location="Tripoli - Salah al-Din")]
           + [event(date="2020-05-03", coalition1="lna", coalition2="civilians",
                    civilian_targeting=True, fatalities=7) for _ in range(3)])
    return events_table(event(date="2020-01-01"), *before, *now, event(date="2020-06-20"))


def test_key_points_name_a_change_the_deadliest_event_a_move_and_civilian_harm():
    sel = selection.select(may_and_april(), "2020-05-01", "2020-05-31")
    h = measures.headline(sel)
    points = points_narrative.key_points(
        highlights.largest_change(h), highlights.deadliest_event(sel.events),
        highlights.movement(sel.events, sel.previous_events),
        highlights.civilian_harm(h, sel.events), LABELS)
    assert len(points) == 4
    change, deadliest, move, civilians = points
    assert change.startswith("Reported fatalities rose to 69: a large increase on the previous "
                             "period (20, +245%)")
    assert change.endswith("(see the headline figures).")
    assert deadliest == ("The deadliest event was an air or drone strike in Tripoli - Salah "
                         "al-Din on 24 May 2020, with 18 reported fatalities (see \u201cMost "
                         "significant events\u201d).")
    assert move == ("Activity shifted towards Tripoli (up from 4 to 18 events) and away from "
                    "Jafara (down from 6 to 1) (see \u201cWhere\u201d).")
    assert civilians == ("3 events (16%) targeted civilians, with 21 reported fatalities; "
                         "LNA-aligned forces were named in 3 (see \u201cCivilian harm\u201d).")


def test_points_follow_the_notebook_s_own_headings():
    sel = selection.select(may_and_april(), "2020-05-01", "2020-05-31")
    h = measures.headline(sel)
    points = points_narrative.key_points(
        None, None, highlights.movement(sel.events, None), highlights.civilian_harm(h, sel.events),
        LABELS, {"where": "Places"})
    assert points[0] == "Tripoli saw the most events (18 events, 95%) (see \u201cPlaces\u201d)."


def test_small_numbers_make_no_change_point_and_not_coded_is_said():
    table = events_table(event(date="2020-04-10", civilian_targeting=None),
                         event(date="2020-05-10", civilian_targeting=None,
                               event_type="Violence against civilians"),
                         event(date="2020-01-01", civilian_targeting=None),
                         event(date="2020-06-20", civilian_targeting=None))
    sel = selection.select(table, "2020-05-01", "2020-05-31")
    h = measures.headline(sel)
    assert highlights.largest_change(h) is None
    point = points_narrative.civilians_point(highlights.civilian_harm(h, sel.events), LABELS,
                                             "Civilian harm")
    assert point == ("Civilian targeting is not coded in this export; one event was violence "
                     "against civilians (see \u201cCivilian harm\u201d).")


def test_a_quiet_period_has_one_point():
    assert points_narrative.quiet_point("in Kufra district", 31, 4, "Summary") == (
        "No events were recorded in Kufra district in these 31 days, against 4 events in the "
        "previous 31 days (see \u201cSummary\u201d).")
