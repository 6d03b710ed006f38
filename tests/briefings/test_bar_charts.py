"""Bar charts: findings as titles, side colours, escaped labels, precision and counts."""

from __future__ import annotations

from conftest import may_ctx
from libya_conflict.briefings import bar_charts, theme, time_charts
from libya_conflict.reference.crosswalk import coalition_labels


def test_titles_state_the_finding(may):
    acled = may[may["dataset"].eq("acled")]
    assert bar_charts.fatalities_by_district(acled, may_ctx()).layout.title.text == (
        "Tripoli had the most reported fatalities (10 of 10)")
    harm = bar_charts.civilian_harm_by_side(acled, may_ctx()).layout.title.text.replace("<br>", " ")
    assert harm == ("LNA-aligned forces were named as perpetrators in the only event targeting "
                    "civilians")
    assert time_charts.events_over_time(acled, may_ctx()).layout.title.text.startswith(
        "Events peaked on 2 May 2020 (one event)")


def test_activity_chart_uses_the_side_colours(may):
    fig = bar_charts.activity_by_side(may, may_ctx())
    labels = coalition_labels()
    bar = fig.data[0]
    colours = dict(zip(bar.y, bar.marker.color, strict=True))
    assert colours[labels["gna"]] == theme.SIDE_COLOURS["gna"]
    assert colours[labels["lna"]] == theme.SIDE_COLOURS["lna"]


def test_precision_and_counts_charts(may):
    fig = bar_charts.precision_bars(may, may_ctx(), "date_precision")
    assert [t.name for t in fig.data] == ["ACLED", "UCDP GED"]
    title = fig.layout.title.text.replace("<br>", " ")
    assert title == "100% of ACLED events and 100% of UCDP GED events are dated to the day"
    bars = bar_charts.counts_bar({"admin2": 3, "coordinates": 1}, may_ctx(), "what", "title",
                                 "none")
    assert list(bars.data[0].y) == ["admin2", "coordinates"]
    empty = bar_charts.counts_bar({}, may_ctx(), "what", "title", "Nothing")
    assert empty.layout.title.text == "Nothing"


def test_events_without_a_sub_event_type_are_shown_under_their_type_not_dropped():
    from conftest import event, events_table

    table = events_table(event(sub_event_type=None), event(sub_event_type=None),
                         event(event_type="Explosions/Remote violence", sub_event_type=None),
                         event())
    fig = bar_charts.event_mix(table, may_ctx())
    kinds = dict(zip(fig.data[0].y, fig.data[0].x, strict=True))
    assert kinds == {"Battles (sub-event type not coded)": 2, "Armed clash": 1,
                     "Explosions/Remote violence (sub-event type not coded)": 1}


def test_civilian_harm_not_coded_is_said_not_none():
    from conftest import event, events_table

    table = events_table(event(civilian_targeting=None), event(civilian_targeting=None))
    fig = bar_charts.civilian_harm_by_side(table, may_ctx())
    assert fig.layout.title.text == "Civilian targeting is not coded in this export"
