"""Measures: totals, counts by place, side and actor, and changes, on edge cases and the sample."""

from __future__ import annotations

import pandas as pd

from conftest import LNA, event, events_table
from libya_conflict.briefings import measures, selection


def test_empty_period_counts_nothing_but_compares_with_the_previous_one():
    table = events_table(event(date="2020-03-01"), event(date="2020-04-20"),
                         event(date="2020-04-21", fatalities=5), event(date="2020-05-01"),
                         event(date="2020-06-10"))
    h = measures.headline(selection.select(table, "2020-05-02", "2020-05-31"))
    assert (h["events"], h["fatalities"], h["civilian_targeting_events"]) == (0, 0, 0)
    assert (h["previous_events"], h["previous_fatalities"]) == (3, 9)
    assert h["coverage"]["comparison"] == "previous_period"


def test_a_period_after_the_data_end_is_not_compared_with_anything():
    # The data end on 1 May: "down from 3 to none" in the rest of May would be false.
    table = events_table(event(date="2020-03-01"), event(date="2020-04-20"),
                         event(date="2020-04-21", fatalities=5), event(date="2020-05-01"))
    h = measures.headline(selection.select(table, "2020-05-02", "2020-05-31"))
    assert h["previous_events"] is None and h["previous_fatalities"] is None
    assert h["coverage"] == {"period": "none", "previous": "full", "covered_start": None,
                             "covered_end": None, "comparison": "period_not_covered"}
    assert h["trends"]["events"]["previous"]["band"] is None


def test_one_event():
    table = events_table(event(date="2020-05-16", fatalities=7, civilian_targeting=True))
    sel = selection.select(table, "2020-05-16", "2020-05-16")
    h = measures.headline(sel)
    assert (h["events"], h["fatalities"], h["civilian_targeting_events"]) == (1, 7, 1)
    assert h["civilian_targeting_fatalities"] == 7


def test_area_with_no_events():
    table = events_table(event(), event(district="Benghazi", region="East"))
    sel = selection.select(table, "2020-05-01", "2020-05-31", area="Kufra")
    assert sel.events.empty and measures.headline(sel)["events"] == 0


def test_count_by_breaks_ties_by_name():
    table = events_table(event(district="Zawiya"), event(district="Jafara"),
                         event(district="Tripoli"), event(district="Tripoli"))
    counts = measures.count_by(table, "district")
    assert counts["district"].tolist() == ["Tripoli", "Jafara", "Zawiya"]
    assert counts["events"].tolist() == [2, 1, 1]


def test_side_activity_counts_each_side_of_an_event_once():
    table = events_table(event(), event(coalition2="gna", actor2="Rada Special Deterrence Force"),
                         event(coalition1="lna", coalition2="civilians",
                               civilian_targeting=True, fatalities=4))
    sides = measures.side_activity(table).set_index("side")
    assert sides.loc["gna", "events"] == 2 and sides.loc["lna", "events"] == 2
    assert sides.loc["lna", "initiated"] == 1
    assert "civilians" not in sides.index


def test_civilian_harm_is_by_perpetrator_side():
    table = events_table(event(coalition1="lna", coalition2="civilians", civilian_targeting=True,
                               fatalities=4),
                         event(coalition1="", coalition2="civilians", civilian_targeting=True),
                         event())
    harm = measures.civilian_harm(table).set_index("side")
    assert harm.loc["lna", "fatalities"] == 4 and harm.loc["unknown", "events"] == 1
    assert len(harm) == 2


def test_foreign_involvement_by_side():
    table = events_table(event(coalition1="foreign_gna", sub_event_type="Air/drone strike",
                               date="2020-01-05"),
                         event(coalition2="foreign_gna", sub_event_type="Air/drone strike",
                               date="2020-03-05", fatalities=6),
                         event())
    foreign = measures.foreign_involvement(table)
    assert foreign["side"].tolist() == ["foreign_gna"]
    row = foreign.iloc[0]
    assert (row["events"], row["fatalities"], row["main_type"]) == (2, 8, "Air/drone strike")
    assert row["first"] == pd.Timestamp("2020-01-05")


def test_an_actor_that_appears_once():
    table = events_table(event(actor1="Ahali Communal Militia (Libya)", coalition1="other_armed"),
                         event())
    sel = selection.select(table, "2020-05-01", "2020-05-31",
                           actor="Ahali Communal Militia (Libya)")
    assert len(sel.events) == 1 and sel.actor_names == ["Ahali Communal Militia (Libya)"]
    counts = measures.counterparts(sel.events, names=sel.actor_names)
    assert counts["counterpart"].tolist() == [LNA]


def test_counterparts_of_a_side():
    table = events_table(event(), event(coalition1="lna", coalition2="gna"),
                         event(coalition1="lna", coalition2="civilians"))
    counts = measures.counterparts(table[selection.involves_side(table, "gna")], side="gna")
    assert counts.set_index("counterpart")["events"].to_dict() == {"lna": 2}


def test_dyads_ignore_order():
    table = events_table(event(), event(coalition1="lna", coalition2="gna"),
                         event(coalition2=""))
    assert measures.dyads(table).set_index("dyad")["events"].to_dict() == {"gna | lna": 2}


def test_precision_counts_coarse_dates_and_places():
    table = events_table(event(date_precision="week"), event(geo_precision="region"),
                         event(date_precision="month", geo_precision="district"), event())
    assert measures.precision(table) == {"events": 4, "coarse_date": 2, "coarse_place": 2,
                                         "no_coordinates": 0, "date_not_coded": 0,
                                         "place_not_coded": 0}
    # An export without time precision: not coded, not "dated to the day".
    old = events_table(event(date_precision=None), event())
    assert measures.precision(old)["date_not_coded"] == 1


def test_compare_counts_orders_by_size_of_change():
    now = events_table(event(district="Tripoli"), event(district="Tripoli"),
                       event(district="Jafara"))
    before = events_table(event(district="Murqub"), event(district="Jafara"))
    changes = measures.compare_counts(now, before, "district")
    assert changes["district"].tolist() == ["Tripoli", "Murqub", "Jafara"]
    assert changes["change"].tolist() == [2, -1, 0]
    assert measures.compare_counts(now, None, "district").empty


def test_headline_equals_a_direct_computation_on_the_sample(sample_table):
    table = sample_table.copy()
    for start, end, area, districts in [
            ("2020-05-01", "2020-05-31", "Libya", None),
            ("2019-04-01", "2019-06-30", "Greater Tripoli", ["Tripoli", "Jafara"]),
            ("2019-08-01", "2019-08-31", "South", ["Murzuq", "Sabha", "Ghat", "Jufra",
                                                  "Wadi al Hayaa", "Wadi al Shatii"])]:
        h = measures.headline(selection.select(table, start, end, area))
        rows = table[(table["dataset"] == "acled")
                     & table["date"].between(pd.Timestamp(start), pd.Timestamp(end))]
        if districts:
            rows = rows[rows["district"].isin(districts)]
        assert h["events"] == len(rows)
        assert h["fatalities"] == int(rows["fatalities"].sum())
        assert h["civilian_targeting_events"] == int(rows["civilian_targeting"].sum())
        ucdp = table[(table["dataset"] == "ucdp")
                     & table["date"].between(pd.Timestamp(start), pd.Timestamp(end))]
        if districts:
            ucdp = ucdp[ucdp["district"].isin(districts)]
        assert h["by_dataset"]["ucdp"] == {"events": len(ucdp),
                                           "fatalities": int(ucdp["fatalities"].sum())}


def test_remote_violence_summary_counts_civilian_harm_and_the_main_side():
    table = events_table(
        event(sub_event_type="Air/drone strike", coalition1="foreign_gna", fatalities=3),
        event(sub_event_type="Shelling/artillery/missile attack", coalition1="lna",
              coalition2="civilians", civilian_targeting=True, fatalities=7),
        event(sub_event_type="Shelling/artillery/missile attack", coalition1="lna"),
        event())
    summary = measures.remote_violence_summary(table).set_index("kind")
    shelling = summary.loc["Shelling/artillery/missile attack"]
    assert (shelling["events"], shelling["fatalities"], shelling["civilian_events"]) == (2, 9, 1)
    assert (shelling["main_side"], shelling["main_side_events"]) == ("lna", 2)
    assert summary.loc["Air/drone strike", "main_side"] == "foreign_gna"
    empty = measures.remote_violence_summary(table.iloc[:0])
    assert empty["events"].tolist() == [0, 0] and empty["main_side"].tolist() == ["", ""]
