"""Key events: the documented timeline, its windows and the phases of the war on Tripoli."""

import pandas as pd

from libya_conflict.reference.key_events import in_window, key_events, phases, war_phases


def test_key_events_are_typed_and_sorted():
    table = key_events()
    assert len(table) >= 20
    assert table["date"].is_monotonic_increasing
    assert set(table["kind"]) <= {"territory", "attack", "political"}
    assert table["in_sample"].dtype == bool
    furnaj = table[table["event"].eq("IDP shelter shelled in Tripoli")].iloc[0]
    assert (furnaj["date"], furnaj["district"], furnaj["fatalities"]) == (
        pd.Timestamp("2020-05-16"), "Tripoli", 7)


def test_key_events_returns_a_copy():
    table = key_events()
    table.loc[0, "event"] = "changed"
    assert key_events().loc[0, "event"] != "changed"


def test_window_keeps_the_area_and_national_events():
    table = key_events()
    tripoli = in_window(table, "2020-05-01", "2020-06-30", ["Tripoli", "Jafara"])
    assert "IDP shelter shelled in Tripoli" in set(tripoli["event"])
    assert "NATO chief calls Sarraj" in set(tripoli["event"])  # national, no district
    assert "GNA takes Tarhuna" not in set(tripoli["event"])  # Murqub
    assert len(in_window(table, "2020-05-01", "2020-06-30")) > len(tripoli)
    assert in_window(table, "2021-01-01", "2021-12-31").empty


def test_every_phase_opens_with_a_key_event():
    names = set(key_events()["date"].dt.strftime("%Y-%m-%d"))
    assert all(key in names for _, _, key in war_phases())


def test_phases_cover_the_period_without_gaps():
    found = phases("2019-04-04", "2020-10-23")
    assert [p.name for p in found][:2] == ["The offensive begins",
                                          "After Gharyan: stalemate and air war"]
    assert found[0].start == pd.Timestamp("2019-04-04")
    assert found[-1].end == pd.Timestamp("2020-10-23")
    assert found[-1].name == "After Tarhuna: towards the ceasefire"
    for before, after in zip(found, found[1:], strict=False):
        assert after.start - before.end == pd.Timedelta(days=1)
    assert sum(p.days for p in found) == (pd.Timestamp("2020-10-23")
                                          - pd.Timestamp("2019-04-04")).days + 1
    assert found[0].opened_by == "LNA offensive on Tripoli begins"


def test_phases_are_clipped_and_extended_at_both_ends():
    found = phases("2019-01-01", "2020-12-31")
    assert found[0].name == "Before the offensive" and found[0].opened_by == ""
    assert found[-1].name == "After the permanent ceasefire"
    assert found[-1].start == pd.Timestamp("2020-10-24")
    inside = phases("2020-05-01", "2020-05-31")
    assert [p.name for p in inside] == ["The GNA takes the coastal towns",
                                        "From al-Watiya to Tarhuna"]
    assert inside[0].start == pd.Timestamp("2020-05-01")
