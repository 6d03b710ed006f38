"""Trend words with a baseline: ACLED's bands, the small-number guard, coverage of baselines."""

from __future__ import annotations

import pytest

from conftest import event, events_table
from libya_conflict.briefings import measures, selection, trends


@pytest.mark.parametrize(("now", "baseline", "expected"), [
    (126, 100, ("large_increase", 26.0, False)),
    (125, 100, ("moderate_increase", 25.0, False)),   # ACLED: "between 10% and 25%"
    (111, 100, ("moderate_increase", 11.0, False)),
    (110, 100, ("limited_change", 10.0, False)),      # +10% is still limited
    (75, 100, ("limited_change", -25.0, False)),      # -25% too
    (74, 100, ("large_decrease", -26.0, False)),
    (0, 40, ("large_decrease", -100.0, False)),
])
def test_bands_are_acleds(now, baseline, expected):
    assert trends.band(now, baseline) == expected


def test_small_numbers_are_a_limited_change_whatever_the_percentage():
    assert trends.band(5, 1) == ("limited_change", 400.0, True)
    assert trends.band(5, 2) == ("limited_change", 150.0, True)
    assert trends.band(0, 2) == ("limited_change", -100.0, True)
    assert trends.band(6, 2)[0] == "large_increase"        # six now is no longer small
    assert trends.band(3, 2.5) == ("moderate_increase", 20.0, False)  # an average above two


def test_a_zero_baseline():
    assert trends.band(0, 0) == ("limited_change", None, True)
    assert trends.band(4, 0) == ("limited_change", None, True)
    assert trends.band(9, 0) == ("large_increase", None, False)


def weekly(counts: list[int], first: str = "2020-01-06") -> list[dict]:
    """Events on consecutive weeks (Monday to Sunday), ``counts[i]`` in week i."""
    import pandas as pd

    rows = []
    for week, n in enumerate(counts):
        day = pd.Timestamp(first) + pd.Timedelta(weeks=week)
        rows += [event(date=day.date().isoformat()) for _ in range(n)]
    return rows


def test_the_four_period_average_and_the_previous_period():
    # Weeks of 10, 10, 20, 40 events, then 60 in the week asked for, then one later event.
    table = events_table(*weekly([10, 10, 20, 40, 60]), event(date="2020-03-30"))
    h = measures.headline(selection.select(table, "2020-02-03", "2020-02-09"))
    events = h["trends"]["events"]
    assert events["previous"] == {"band": "large_increase", "baseline": 40.0,
                                  "change_pct": 50.0, "small_numbers": False, "reason": ""}
    assert events["average4"]["baseline"] == 20.0 and events["average4"]["change_pct"] == 200.0
    # The data begin on 6 January: the previous 364 days are not covered.
    assert events["previous_year"]["band"] is None
    assert events["previous_year"]["reason"] == "baseline not fully covered by the data"
    assert [p["value"] for p in events["spark"]] == [None, 10, 10, 20, 40, 60]
    assert h["bands"]["bands"][0] == {"key": "large_increase", "label": "large increase",
                                      "above": 25}


def test_a_baseline_partly_covered_is_not_used():
    # Data from 20 January: of the four weeks before 10 February, the first is half outside.
    table = events_table(*weekly([5, 5, 5], first="2020-01-20"), event(date="2020-02-10"),
                         event(date="2020-03-30"))
    h = measures.headline(selection.select(table, "2020-02-10", "2020-02-16"))
    assert h["trends"]["events"]["previous"]["band"] == "large_decrease"
    assert h["trends"]["events"]["average4"] == {
        "band": None, "reason": "baseline not fully covered by the data"}


def test_the_previous_year_is_an_average_scaled_to_the_period():
    # 365 events spread over 2019 (one a day), and 31 events in January 2020: limited change.
    import pandas as pd

    days = pd.date_range("2018-12-01", "2020-01-31", freq="D")
    table = events_table(*[event(date=d.date().isoformat()) for d in days],
                         event(date="2020-03-01"))
    h = measures.headline(selection.select(table, "2020-01-01", "2020-01-31"))
    year = h["trends"]["events"]["previous_year"]
    assert year["baseline"] == 31.0 and year["band"] == "limited_change"


def test_civilian_targeting_not_coded_has_no_trend():
    table = events_table(event(date="2020-03-01", civilian_targeting=None),
                         *[event(date="2020-04-10", civilian_targeting=None) for _ in range(3)],
                         event(date="2020-05-10", civilian_targeting=None),
                         event(date="2020-06-10"))
    h = measures.headline(selection.select(table, "2020-05-01", "2020-05-31"))
    assert h["civilian_targeting_events"] is None
    assert h["trends"]["civilian_targeting_events"]["previous"] == {"band": None,
                                                                     "reason": "not coded"}
    assert h["trends"]["events"]["previous"]["band"] == "large_decrease"  # 3 to 1
