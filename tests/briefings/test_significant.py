"""Significant events: documented key events, the deadliest, and context."""

from __future__ import annotations

from conftest import event, events_table
from libya_conflict.briefings import significant
from libya_conflict.reference.key_events import key_events


def test_significant_events_join_documented_deadliest_and_context():
    keys = key_events()
    window = keys[keys["date"].between("2020-05-16", "2020-05-18")]
    table = events_table(
        event(date="2020-05-16", location="Tripoli - Furnaj", fatalities=7, tags="documented"),
        event(date="2020-05-16", location="Tripoli - Abu Salim", fatalities=12),
        event(date="2020-05-17", fatalities=0))
    sig = significant.significant_events(table, window, top=5)
    assert sig["kind"].tolist().count("documented") == 1
    assert sig["kind"].tolist().count("deadliest") == 1
    documented = sig[sig["kind"].eq("documented")].iloc[0]
    assert "shelter for displaced people" in documented["description"]
    deadliest = sig[sig["kind"].eq("deadliest")].iloc[0]
    assert deadliest["description"] == "GNA and LNA forces clashed."
    context = sig[sig["kind"].eq("context")]
    assert "Stoltenberg" in " ".join(context["description"])
    assert context["fatalities"].isna().all()
