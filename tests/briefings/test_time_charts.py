"""Charts over time: datasets side by side, key events marked, time steps."""

from __future__ import annotations

from conftest import may_ctx
from libya_conflict.briefings import chart_base, event_marks, time_charts
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
    assert event_marks.key_event_list(few) == []
    war = Period.of("2019-04-04", "2020-10-23")
    many = time_charts.events_over_time(acled, may_ctx(period=war))
    listing = event_marks.key_event_list(many)
    assert len(listing) == len(may_ctx(period=war).key_events)
    assert any(i.endswith("\u00a0IDP shelter shelled in Tripoli (16 May 2020)") for i in listing)
    markers = [a for a in many.layout.annotations if a.bgcolor == event_marks.MARKER_FILL]
    assert markers and all(a.yanchor == "bottom" and a.y == 1 for a in markers)  # above the plot
    assert "1" in markers[0].text


def test_key_event_markers_never_touch_at_the_printed_width():
    from libya_conflict.reference.key_events import key_events

    war = Period.of("2019-04-04", "2020-10-23")
    events = key_events()
    events = events[events["date"].between(war.start, war.end)].reset_index(drop=True)
    groups = event_marks.marker_groups(events, war)
    numbers = [n for g in groups for n in g["numbers"]]
    assert numbers == list(range(1, len(events) + 1))  # every event numbered once, in order
    for row in {g["row"] for g in groups}:
        on_row = sorted((g for g in groups if g["row"] == row), key=lambda g: g["x"])
        for a, b in zip(on_row, on_row[1:], strict=False):
            assert a["x"] + a["half"] + 3 <= b["x"] - b["half"], (a, b)
    assert max(g["row"] for g in groups) <= 2  # a strip of a few rows, not a pile


def test_the_list_of_key_events_is_shown_under_the_chart(monkeypatch, may):
    from libya_conflict.briefings import display

    out: list = []
    monkeypatch.setattr(display, "emit", out.append)
    display.setup()
    war = Period.of("2019-04-04", "2020-10-23")
    chart = time_charts.events_over_time(may[may["dataset"].eq("acled")], may_ctx(period=war))
    display.show_figure(chart)
    display.show_figure(chart)
    figure, listing, _, again = out
    assert again["text/html"].endswith("numbered as under the chart above (1\u201317).</p>")
    assert "application/vnd.plotly.v1+json" in figure
    assert listing["text/html"].startswith('<p class="lc-key-events"><b>Key events:</b> 1')
    assert "IDP shelter shelled in Tripoli (16 May 2020)" in listing["text/html"]


def test_time_step_can_be_forced(may):
    fig = time_charts.events_over_time(may, may_ctx(step="week"))
    assert fig.data[0].xperiod == 7 * chart_base.DAY_MS
    assert "per week" in fig.layout.title.subtitle.text


def test_remote_violence_without_sub_event_types_is_shown_not_none():
    # March 2011: remote violence, but the export has no sub-event types.
    from conftest import event, events_table

    table = events_table(*[event(date=f"2020-05-0{d}", sub_event_type=None,
                                 event_type="Explosions/Remote violence", coalition1="lna")
                           for d in range(1, 8)])
    fig = time_charts.remote_violence_over_time(table, may_ctx())
    assert fig.layout.title.text.replace("<br>", " ") == (
        "Sub-event types are not coded in this export; all 7 remote-violence events are "
        "shown (LNA-aligned forces: 7)")
    assert sum(fig.data[0].y) == 7
    assert "sub-event types not coded" in fig.layout.title.subtitle.text


def test_foreign_forces_chart_names_any_number_of_foreign_sides(monkeypatch):
    from conftest import event, events_table
    from libya_conflict.briefings import timeline

    monkeypatch.setattr(timeline, "FOREIGN_SIDES", ("foreign_gna", "foreign_lna", "nato"))
    table = events_table(event(coalition1="nato"), event(coalition1="nato"),
                         event(coalition2="foreign_gna"), event(coalition1="foreign_lna"),
                         event(coalition1="foreign_lna"), event(coalition1="foreign_lna"))
    fig = time_charts.foreign_over_time(table, may_ctx(step="week"))
    assert fig.layout.title.text.replace("<br>", " ") == (
        "Foreign forces backing the LNA took part in 3 events; NATO and coalition forces in 2 "
        "events; foreign "
        "forces backing the GNA in one event")
    assert len(fig.data) == 3
