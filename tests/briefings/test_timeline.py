"""Numbers over time: buckets, the front line and the phases of the war."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import event, events_table
from libya_conflict.briefings import timeline
from libya_conflict.briefings.selection import Period
from libya_conflict.reference.key_events import phases


def test_over_time_fills_every_bucket_with_zeros():
    table = events_table(event(date="2020-05-04"), event(date="2020-05-20", event_type="Protests"))
    period = Period.of("2020-05-01", "2020-05-31")
    weekly = timeline.over_time(table, period, "week", by="event_type")
    assert weekly.index[0] == pd.Timestamp("2020-04-27")  # the Monday of 1 May 2020's week
    assert len(weekly) == 5 and weekly.to_numpy().sum() == 2
    daily = timeline.over_time(table, period, "day")
    assert len(daily) == 31 and daily["events"].sum() == 2
    empty = timeline.over_time(table.iloc[:0], period, "month")
    assert len(empty) == 1 and empty.to_numpy().sum() == 0


def test_time_unit_suits_the_period():
    assert timeline.time_unit(Period.of("2020-05-01", "2020-05-31")) == "day"
    assert timeline.time_unit(Period.of("2020-01-01", "2020-06-30")) == "week"
    assert timeline.time_unit(Period.of("2019-04-04", "2020-10-23")) == "month"


def test_distance_from_central_tripoli():
    lat, lon = pd.Series([32.8874, 32.1149]), pd.Series([13.1873, 20.0686])
    km = timeline.distance_km(lat, lon)
    assert km[0] == pytest.approx(0, abs=1e-6)
    assert km[1] == pytest.approx(649, abs=10)  # Tripoli to Benghazi


def test_front_distance_summarises_located_clashes_per_bucket():
    table = events_table(event(date="2020-05-04", latitude=32.8874, longitude=13.1873),
                         event(date="2020-05-05", latitude=32.1722, longitude=13.0203),
                         event(date="2020-05-06", sub_event_type="Air/drone strike"),
                         event(date="2020-05-12", latitude=None, longitude=None))
    table = table.astype({"latitude": float, "longitude": float})
    front = timeline.front_distance(table, Period.of("2020-05-01", "2020-05-31"))
    assert front["clashes"].tolist() == [2]
    assert front["median_km"].iloc[0] == pytest.approx(40.3, abs=1)


def test_phase_table_splits_the_war_by_key_events():
    table = events_table(event(date="2019-04-10"), event(date="2019-07-02", fatalities=53,
                                                        civilian_targeting=True))
    summary = timeline.phase_table(table, phases("2019-04-04", "2019-12-31"))
    assert summary["phase"].tolist()[:2] == ["The offensive begins",
                                             "After Gharyan: stalemate and air war"]
    assert summary["events"].tolist() == [1, 1, 0]
    assert summary.loc[1, "civilian_targeting_events"] == 1
