"""Charts over time: datasets side by side, key events marked, time steps."""

from __future__ import annotations

from conftest import may_ctx
from libya_conflict.briefings import chart_base, time_charts
from libya_conflict.briefings.selection import Period


def test_both_datasets_side_by_side_never_summed(may):
    fig = time_charts.fatalities_by_dataset(may, may_ctx())
    assert [t.name for t in fig.data] == ["ACLED", "UCDP GED"]
    assert fig.layout.barmode == "group"
    assert sum(fig.data[0].y) == 10 and sum(fig.data[1].y) == 11
    assert "21" not in fig.layout.title.text


def test_key_events_few_are_labelled_many_are_numbered_and_listed(may):
    acled = may[may["dataset"].eq("acled")]
    few = time_charts.events_over_time(acled, may_ctx(period=Period.of("2020-05-17", "2020-06-30")))
    texts = [a.text for a in few.layout.annotations]
    assert "GNA retakes Tripoli airport" in texts
    assert len(few.layout.shapes) == 1  # one dotted line per date
    war = Period.of("2019-04-04", "2020-10-23")
    many = time_charts.events_over_time(acled, may_ctx(period=war))
    listing = [a.text for a in many.layout.annotations if a.text.startswith("Key events:")]
    assert len(listing) == 1 and "IDP shelter shelled in Tripoli (16 May 2020)" in listing[0]
    assert "1" in [a.text for a in many.layout.annotations]


def test_time_step_can_be_forced(may):
    fig = time_charts.events_over_time(may, may_ctx(step="week"))
    assert fig.data[0].xperiod == 7 * chart_base.DAY_MS
    assert "per week" in fig.layout.title.subtitle.text
