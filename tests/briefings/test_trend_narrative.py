"""Sentences about change: partial coverage said with its dates, bands named, never "none"."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import event, events_table
from libya_conflict.briefings import measures, narrative, selection, trend_narrative


def headline_of(table: pd.DataFrame, start: str, end: str) -> dict:
    return measures.headline(selection.select(table, start, end))


def test_a_previous_period_half_in_the_file_is_said_to_be_partly_covered():
    # A 2011 export begins on 15 February; the March briefing's previous 31 days are half in it.
    table = events_table(*[event(date=f"2011-02-{d}") for d in range(15, 29)],
                         *[event(date=f"2011-03-{d:02d}") for d in range(1, 32)],
                         event(date="2011-04-02"))
    h = headline_of(table, "2011-03-01", "2011-03-31")
    assert h["coverage"]["comparison"] == "previous_partly_covered"
    assert h["coverage"]["previous"] == "partial" and h["previous_events"] is None
    text = narrative.comparison(h)
    assert text == ("The ACLED data in this file begin on 15 February 2011, part-way through the "
                    "previous 31 days (29 January \u2013 28 February 2011): that period is only "
                    "partly covered, so no change is computed.")
    assert "no earlier data" not in text
    assert trend_narrative.card_lines(h, "events") == [
        "previous period partly covered: no change computed"]


def test_a_period_the_data_end_in_is_partly_covered():
    table = events_table(event(date="2020-03-01"), event(date="2020-04-20"),
                         event(date="2020-05-10"))
    h = headline_of(table, "2020-05-01", "2020-05-31")
    assert h["coverage"] == {"period": "partial", "previous": "full",
                             "covered_start": "2020-05-01", "covered_end": "2020-05-10",
                             "comparison": "period_partly_covered"}
    assert h["previous_events"] is None  # a part of May is not compared with all of April
    assert narrative.comparison(h) == (
        "The ACLED data in this file end on 10 May 2020 (the last event in the file), within "
        "this period: the figures cover 1\u201310 May 2020 only, so this period is partly "
        "covered and no change is computed.")


@pytest.mark.parametrize(("first", "case", "said"), [
    ("2020-05-20", "period_partly_covered",
     "The ACLED data in this file begin on 20 May 2020, within this period: the figures cover "
     "20\u201331 May 2020 only"),
    ("2020-05-01", "previous_not_covered",
     "The ACLED data in this file begin on 1 May 2020, so the previous 31 days (31 March "
     "\u2013 30 April 2020) lie outside them and there is no earlier period to compare with."),
])
def test_data_that_begin_in_or_with_the_period(first, case, said):
    table = events_table(event(date=first), event(date="2020-06-20"))
    h = headline_of(table, "2020-05-01", "2020-05-31")
    assert h["coverage"]["comparison"] == case
    assert narrative.comparison(h).startswith(said)


def test_bands_against_the_previous_period_and_the_four_period_average():
    rows = []
    for week, n in enumerate([10, 10, 20, 40, 60]):
        day = pd.Timestamp("2020-01-06") + pd.Timedelta(weeks=week)
        rows += [event(date=day.date().isoformat(), fatalities=1) for _ in range(n)]
    table = events_table(*rows, event(date="2020-03-30"))
    h = headline_of(table, "2020-02-03", "2020-02-09")
    text = narrative.comparison(h)
    assert text.startswith("Compared with the previous 7 days (27 January \u2013 2 February "
                           "2020): events up 50% from 40 to 60 (a large increase) and reported "
                           "fatalities up 50% from 40 to 60 (a large increase).")
    assert ("Against the average of the four periods before (20 events and 20 reported "
            "fatalities a period), this is a large increase in both.") in text
    lines = trend_narrative.card_lines(h, "events")
    assert lines == ["+50% on previous 40 \u00b7 large increase",
                     "+200% on 4-period avg. 20 \u00b7 large increase"]
    assert "more than +25%" in trend_narrative.bands_note(h)


def test_small_numbers_are_named_as_such():
    table = events_table(event(date="2020-04-10"), event(date="2020-05-10"),
                         event(date="2020-05-11"), event(date="2020-03-01"),
                         event(date="2020-06-20"))
    h = headline_of(table, "2020-05-01", "2020-05-31")
    assert "events up from 1 to 2 (a limited change, small numbers)" in narrative.comparison(h)


def test_civilian_targeting_not_coded_is_never_none():
    # An old export: violence against civilians, but no civilian-targeting flag.
    table = events_table(
        event(date="2011-03-05", event_type="Violence against civilians", sub_event_type=None,
              civilian_targeting=None, coalition2="civilians", fatalities=4),
        event(date="2011-03-06", event_type="Explosions/Remote violence", sub_event_type=None,
              civilian_targeting=None),
        event(date="2011-03-07", sub_event_type=None, civilian_targeting=None),
        event(date="2011-04-20", civilian_targeting=None))
    sel = selection.select(table, "2011-03-01", "2011-03-31")
    h = measures.headline(sel)
    assert h["civilian_targeting_events"] is None and h["civilian_targeting_not_coded"] == 3
    assert h["not_coded"] == {"sub_event_type": 3, "civilian_targeting": 3}
    assert trend_narrative.card_lines(h, "civilian_targeting_events") == [
        "not coded in this export"]
    ev = sel.events
    remote = measures.remote_violence(ev)
    text = narrative.civilians(h, measures.civilian_harm(ev), {}, len(remote),
                               int(remote["fatalities"].sum()), len(remote), (1, 4))
    assert text.startswith("Civilian targeting is not coded in this export, so events targeting "
                           "civilians cannot be counted; one event was classed as violence "
                           "against civilians, with 4 reported fatalities.")
    assert ("Sub-event types are not coded in this export, so air or drone strikes cannot be "
            "told from shelling: the only explosion or remote-violence event is counted, with 2 "
            "reported fatalities.") in text
    assert "none" not in text.lower() and "no event" not in text.lower()


def test_civilian_targeting_coded_for_some_events_only():
    table = events_table(event(date="2020-05-02", civilian_targeting=True),
                         event(date="2020-05-03", civilian_targeting=None),
                         event(date="2020-05-04"), event(date="2020-06-20"))
    h = measures.headline(selection.select(table, "2020-05-01", "2020-05-31"))
    assert (h["civilian_targeting_events"], h["civilian_targeting_not_coded"]) == (1, 1)
    text = narrative.civilians(h, measures.civilian_harm(table), {}, 0, 0)
    assert "One event of the period does not code civilian targeting and is not counted" in text
