"""Analysis: periods, areas, sides, aggregates and changes, on edge cases and on the sample."""

from __future__ import annotations

import pandas as pd
import pytest

from libya_conflict import analysis
from libya_conflict.analysis import Period
from libya_conflict.keyevents import key_events, phases
from libya_conflict.params import check_parameters

GNA = "Military Forces of Libya (2016-2021) Government of National Accord"
LNA = "Military Forces of Libya (2014-) Haftar Faction"


def event(**values: object) -> dict:
    """One cleaned event: an ACLED armed clash between the GNA and the LNA in Ain Zara."""
    row = {"dataset": "acled", "date": "2020-05-10", "date_precision": "day",
           "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": GNA,
           "actor2": LNA, "assoc_actors": "", "coalition1": "gna", "coalition2": "lna",
           "civilian_targeting": False, "region": "West", "district": "Tripoli",
           "location": "Tripoli - Ain Zara", "latitude": 32.80, "longitude": 13.24,
           "geo_precision": "town", "placed_by": "admin2", "fatalities": 2,
           "notes": "GNA and LNA forces clashed.", "tags": "", "timestamp": pd.NaT}
    row.update(values)
    return row


def events_table(*rows: dict) -> pd.DataFrame:
    """A cleaned-table-like frame; events are numbered E1, E2... unless they carry an id."""
    rows = [{"event_id": f"E{i}", **r} for i, r in enumerate(rows, 1)]
    frame = pd.DataFrame(rows) if rows else pd.DataFrame(columns=["event_id", *event()])
    frame["date"] = pd.to_datetime(frame["date"])
    return analysis.normalise(frame)


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    from libya_conflict.briefing import default_data

    return pd.read_parquet(default_data())


def test_period_previous_has_equal_length_and_ends_the_day_before():
    may = Period.of("2020-05-01", "2020-05-31")
    assert may.days == 31
    assert may.previous() == Period.of("2020-03-31", "2020-04-30")
    assert Period.of("2020-05-16", "2020-05-16").previous().as_dict() == {
        "start": "2020-05-15", "end": "2020-05-15"}


def test_empty_period_counts_nothing_but_compares_with_the_previous_one():
    table = events_table(event(date="2020-03-01"), event(date="2020-04-20"),
                         event(date="2020-04-21", fatalities=5), event(date="2020-05-01"))
    h = analysis.headline(analysis.select(table, "2020-05-02", "2020-05-31"))
    assert (h["events"], h["fatalities"], h["civilian_targeting_events"]) == (0, 0, 0)
    assert (h["previous_events"], h["previous_fatalities"]) == (3, 9)


def test_one_event():
    table = events_table(event(date="2020-05-16", fatalities=7, civilian_targeting=True))
    sel = analysis.select(table, "2020-05-16", "2020-05-16")
    h = analysis.headline(sel)
    assert (h["events"], h["fatalities"], h["civilian_targeting_events"]) == (1, 7, 1)
    assert h["civilian_targeting_fatalities"] == 7


def test_no_previous_period_when_the_data_start_later():
    table = events_table(event(date="2020-05-03"), event(date="2020-06-10"))
    sel = analysis.select(table, "2020-05-01", "2020-05-31")
    assert not sel.has_previous and sel.previous_events is None
    h = analysis.headline(sel)
    assert h["previous_events"] is None and h["previous_fatalities"] is None
    assert h["events"] == 1


def test_previous_period_counts_when_covered():
    table = events_table(event(date="2020-03-01"), event(date="2020-04-15"))
    sel = analysis.select(table, "2020-05-01", "2020-05-31")
    assert sel.has_previous and len(sel.previous_events) == 1


def test_area_with_no_events():
    table = events_table(event(), event(district="Benghazi", region="East"))
    sel = analysis.select(table, "2020-05-01", "2020-05-31", area="Kufra")
    assert sel.events.empty and analysis.headline(sel)["events"] == 0


def test_greater_tripoli_is_tripoli_and_jafara_and_regions_follow_districts():
    table = events_table(event(district="Tripoli"), event(district="Jafara"),
                         event(district="Misrata"), event(district="Benghazi", region="East"))
    def districts(area):
        return sorted(analysis.filter_area(table, area)["district"])
    assert districts("Greater Tripoli") == ["Jafara", "Tripoli"]
    assert districts("West") == ["Jafara", "Misrata", "Tripoli"]
    assert districts("East") == ["Benghazi"]
    assert districts("Libya") == ["Benghazi", "Jafara", "Misrata", "Tripoli"]


def test_district_in_another_spelling_selects_the_same_events():
    table = events_table(event(district="Jafara"), event(district="Tripoli"))
    area = check_parameters({"area": "Al Jifarah"})["area"]
    assert len(analysis.select(table, "2020-05-01", "2020-05-31", area=area).events) == 1


def test_headline_counts_acled_where_it_covers_the_period_else_ucdp_never_both():
    table = events_table(event(date="2020-05-02", fatalities=3),
                         event(dataset="ucdp", date="2020-05-02", fatalities=10),
                         event(dataset="ucdp", date="2018-05-02", fatalities=4))
    may = analysis.headline(analysis.select(table, "2020-05-01", "2020-05-31"))
    assert (may["dataset"], may["events"], may["fatalities"]) == ("acled", 1, 3)
    assert may["by_dataset"] == {"acled": {"events": 1, "fatalities": 3},
                                 "ucdp": {"events": 1, "fatalities": 10}}
    old = analysis.headline(analysis.select(table, "2018-05-01", "2018-05-31"))
    assert (old["dataset"], old["events"], old["fatalities"]) == ("ucdp", 1, 4)


def test_count_by_breaks_ties_by_name():
    table = events_table(event(district="Zawiya"), event(district="Jafara"),
                         event(district="Tripoli"), event(district="Tripoli"))
    counts = analysis.count_by(table, "district")
    assert counts["district"].tolist() == ["Tripoli", "Jafara", "Zawiya"]
    assert counts["events"].tolist() == [2, 1, 1]


def test_side_activity_counts_each_side_of_an_event_once():
    table = events_table(event(), event(coalition2="gna", actor2="Rada Special Deterrence Force"),
                         event(coalition1="lna", coalition2="civilians",
                               civilian_targeting=True, fatalities=4))
    sides = analysis.side_activity(table).set_index("side")
    assert sides.loc["gna", "events"] == 2 and sides.loc["lna", "events"] == 2
    assert sides.loc["lna", "initiated"] == 1
    assert "civilians" not in sides.index


def test_civilian_harm_is_by_perpetrator_side():
    table = events_table(event(coalition1="lna", coalition2="civilians", civilian_targeting=True,
                               fatalities=4),
                         event(coalition1="", coalition2="civilians", civilian_targeting=True),
                         event())
    harm = analysis.civilian_harm(table).set_index("side")
    assert harm.loc["lna", "fatalities"] == 4 and harm.loc["unknown", "events"] == 1
    assert len(harm) == 2


def test_over_time_fills_every_bucket_with_zeros():
    table = events_table(event(date="2020-05-04"), event(date="2020-05-20", event_type="Protests"))
    period = Period.of("2020-05-01", "2020-05-31")
    weekly = analysis.over_time(table, period, "week", by="event_type")
    assert weekly.index[0] == pd.Timestamp("2020-04-27")  # the Monday of 1 May 2020's week
    assert len(weekly) == 5 and weekly.to_numpy().sum() == 2
    daily = analysis.over_time(table, period, "day")
    assert len(daily) == 31 and daily["events"].sum() == 2
    empty = analysis.over_time(table.iloc[:0], period, "month")
    assert len(empty) == 1 and empty.to_numpy().sum() == 0


def test_time_unit_suits_the_period():
    assert analysis.time_unit(Period.of("2020-05-01", "2020-05-31")) == "day"
    assert analysis.time_unit(Period.of("2020-01-01", "2020-06-30")) == "week"
    assert analysis.time_unit(Period.of("2019-04-04", "2020-10-23")) == "month"


def test_distance_from_central_tripoli():
    lat, lon = pd.Series([32.8874, 32.1149]), pd.Series([13.1873, 20.0686])
    km = analysis.distance_km(lat, lon)
    assert km[0] == pytest.approx(0, abs=1e-6)
    assert km[1] == pytest.approx(649, abs=10)  # Tripoli to Benghazi


def test_front_distance_summarises_located_clashes_per_bucket():
    table = events_table(event(date="2020-05-04", latitude=32.8874, longitude=13.1873),
                         event(date="2020-05-05", latitude=32.1722, longitude=13.0203),
                         event(date="2020-05-06", sub_event_type="Air/drone strike"),
                         event(date="2020-05-12", latitude=None, longitude=None))
    table = table.astype({"latitude": float, "longitude": float})
    front = analysis.front_distance(table, Period.of("2020-05-01", "2020-05-31"))
    assert front["clashes"].tolist() == [2]
    assert front["median_km"].iloc[0] == pytest.approx(40.3, abs=1)


def test_foreign_involvement_by_side():
    table = events_table(event(coalition1="foreign_gna", sub_event_type="Air/drone strike",
                               date="2020-01-05"),
                         event(coalition2="foreign_gna", sub_event_type="Air/drone strike",
                               date="2020-03-05", fatalities=6),
                         event())
    foreign = analysis.foreign_involvement(table)
    assert foreign["side"].tolist() == ["foreign_gna"]
    row = foreign.iloc[0]
    assert (row["events"], row["fatalities"], row["main_type"]) == (2, 8, "Air/drone strike")
    assert row["first"] == pd.Timestamp("2020-01-05")


def test_actor_names_exact_first_then_substring_and_associated_actors_count():
    table = events_table(event(actor2="Wagner Group", coalition2="foreign_lna"),
                         event(assoc_actors="Wagner Group; Sudanese mercenaries"), event())
    assert analysis.actor_names(table, "wagner  group") == ["Wagner Group"]
    assert analysis.actor_names(table, "mercenar") == ["Sudanese mercenaries"]
    assert len(analysis.filter_actor(table, ["Wagner Group"])) == 2


def test_an_actor_that_appears_once():
    table = events_table(event(actor1="Ahali Communal Militia (Libya)", coalition1="other_armed"),
                         event())
    sel = analysis.select(table, "2020-05-01", "2020-05-31", actor="Ahali Communal Militia (Libya)")
    assert len(sel.events) == 1 and sel.actor_names == ["Ahali Communal Militia (Libya)"]
    counts = analysis.counterparts(sel.events, names=sel.actor_names)
    assert counts["counterpart"].tolist() == [LNA]


def test_counterparts_of_a_side():
    table = events_table(event(), event(coalition1="lna", coalition2="gna"),
                         event(coalition1="lna", coalition2="civilians"))
    counts = analysis.counterparts(table[analysis.involves_side(table, "gna")], side="gna")
    assert counts.set_index("counterpart")["events"].to_dict() == {"lna": 2}


def test_dyads_ignore_order():
    table = events_table(event(), event(coalition1="lna", coalition2="gna"),
                         event(coalition2=""))
    assert analysis.dyads(table).set_index("dyad")["events"].to_dict() == {"gna | lna": 2}


def test_significant_events_join_documented_deadliest_and_context():
    keys = key_events()
    window = keys[keys["date"].between("2020-05-16", "2020-05-18")]
    table = events_table(
        event(date="2020-05-16", location="Tripoli - Furnaj", fatalities=7, tags="documented"),
        event(date="2020-05-16", location="Tripoli - Abu Salim", fatalities=12),
        event(date="2020-05-17", fatalities=0))
    sig = analysis.significant_events(table, window, top=5)
    assert sig["kind"].tolist().count("documented") == 1
    assert sig["kind"].tolist().count("deadliest") == 1
    documented = sig[sig["kind"].eq("documented")].iloc[0]
    assert "shelter for displaced people" in documented["description"]
    deadliest = sig[sig["kind"].eq("deadliest")].iloc[0]
    assert deadliest["description"] == "GNA and LNA forces clashed."
    context = sig[sig["kind"].eq("context")]
    assert "Stoltenberg" in " ".join(context["description"])
    assert context["fatalities"].isna().all()


def test_precision_counts_coarse_dates_and_places():
    table = events_table(event(date_precision="week"), event(geo_precision="region"),
                         event(date_precision="month", geo_precision="district"), event())
    assert analysis.precision(table) == {"events": 4, "coarse_date": 2, "coarse_place": 2,
                                         "no_coordinates": 0}


def test_compare_counts_orders_by_size_of_change():
    now = events_table(event(district="Tripoli"), event(district="Tripoli"),
                       event(district="Jafara"))
    before = events_table(event(district="Murqub"), event(district="Jafara"))
    changes = analysis.compare_counts(now, before, "district")
    assert changes["district"].tolist() == ["Tripoli", "Murqub", "Jafara"]
    assert changes["change"].tolist() == [2, -1, 0]
    assert analysis.compare_counts(now, None, "district").empty


def test_phase_table_splits_the_war_by_key_events():
    table = events_table(event(date="2019-04-10"), event(date="2019-07-02", fatalities=53,
                                                        civilian_targeting=True))
    summary = analysis.phase_table(table, phases("2019-04-04", "2019-12-31"))
    assert summary["phase"].tolist()[:2] == ["The offensive begins",
                                             "After Gharyan: stalemate and air war"]
    assert summary["events"].tolist() == [1, 1, 0]
    assert summary.loc[1, "civilian_targeting_events"] == 1


def test_headline_equals_a_direct_computation_on_the_sample(sample):
    table = sample.copy()
    for start, end, area, districts in [
            ("2020-05-01", "2020-05-31", "Libya", None),
            ("2019-04-01", "2019-06-30", "Greater Tripoli", ["Tripoli", "Jafara"]),
            ("2019-08-01", "2019-08-31", "South", ["Murzuq", "Sabha", "Ghat", "Jufra",
                                                  "Wadi al Hayaa", "Wadi al Shatii"])]:
        h = analysis.headline(analysis.select(table, start, end, area))
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
    summary = analysis.remote_violence_summary(table).set_index("kind")
    shelling = summary.loc["Shelling/artillery/missile attack"]
    assert (shelling["events"], shelling["fatalities"], shelling["civilian_events"]) == (2, 9, 1)
    assert (shelling["main_side"], shelling["main_side_events"]) == ("lna", 2)
    assert summary.loc["Air/drone strike", "main_side"] == "foreign_gna"
    empty = analysis.remote_violence_summary(table.iloc[:0])
    assert empty["events"].tolist() == [0, 0] and empty["main_side"].tolist() == ["", ""]
