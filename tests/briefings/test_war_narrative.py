"""Sentences about the war on Tripoli: phases, the front, foreign forces, shelling."""

from __future__ import annotations

import pandas as pd

from libya_conflict.briefings import (
    quality_narrative,
    war_narrative,
)
from libya_conflict.reference.crosswalk import coalition_labels

LABELS = coalition_labels()


def test_phase_paragraph_and_front_summary():
    phases = pd.DataFrame([
        {"phase": "The offensive begins", "start": pd.Timestamp("2019-04-04"),
         "end": pd.Timestamp("2019-06-25"), "days": 83, "opened_by": "LNA offensive begins",
         "events": 166, "fatalities": 120, "events_per_day": 2.0, "fatalities_per_day": 1.4,
         "civilian_targeting_events": 20, "remote_violence_events": 1, "median_clash_km": 12.4},
        {"phase": "After Gharyan", "start": pd.Timestamp("2019-06-26"),
         "end": pd.Timestamp("2019-07-01"), "days": 6, "opened_by": "", "events": 0,
         "fatalities": 0, "events_per_day": 0.0, "fatalities_per_day": 0.0,
         "civilian_targeting_events": 0, "remote_violence_events": 0,
         "median_clash_km": float("nan")}])
    first = war_narrative.phase_paragraph(phases.iloc[0].to_dict())
    assert first.startswith("The offensive begins (4 April \u2013 25 June 2019, 83 days). It "
                            "opened with: LNA offensive begins. 166 events (2.0 a day)")
    assert "one was an air or drone strike or shelling" in first
    assert "a median 12 km from central Tripoli" in first
    assert "No events were recorded" in war_narrative.phase_paragraph(phases.iloc[1].to_dict())
    assert war_narrative.front_summary(phases) == ("Armed clashes were a median 12 km from central "
                                               "Tripoli (The offensive begins).")
    assert "cannot be traced" in war_narrative.front_summary(phases.iloc[1:])


def test_foreign_and_accounting():
    table = pd.DataFrame([{"side": "foreign_gna", "events": 3, "fatalities": 4,
                           "first": pd.Timestamp("2020-01-05"), "last": pd.Timestamp("2020-05-18"),
                           "main_type": "Air/drone strike", "main_type_events": 2}])
    text = war_narrative.foreign(table, LABELS)
    assert text == ("Foreign forces backing the GNA took part in 3 events from 5 January 2020 to "
                    "18 May 2020, most often air or drone strike (2), with 4 reported "
                    "fatalities.")
    assert war_narrative.foreign(table.iloc[:0], LABELS).startswith("No events involving foreign")
    counts_ = {"read": 10, "kept": 6, "quarantined": 1, "duplicates": 2, "deleted": 1,
               "out_of_scope": 0}
    assert quality_narrative.accounting(counts_, True).endswith("accounted for exactly once.")
    assert "Warning" in quality_narrative.accounting(counts_, False)


def test_remote_violence_sentences():
    summary = pd.DataFrame([
        {"kind": "Air/drone strike", "events": 1, "fatalities": 43, "civilian_events": 1,
         "civilian_fatalities": 43, "main_side": "lna", "main_side_events": 1},
        {"kind": "Shelling/artillery/missile attack", "events": 20, "fatalities": 12,
         "civilian_events": 5, "civilian_fatalities": 7, "main_side": "lna",
         "main_side_events": 15}])
    text = war_narrative.remote_violence(summary, LABELS)
    assert text.startswith("One air or drone strike caused 43 reported fatalities. One was "
                           "coded as targeting civilians, with 43 reported fatalities.")
    assert ("20 shelling, artillery and missile attacks caused 12 reported fatalities; "
            "LNA-aligned forces carried out 15. 5 (25%) were coded") in text
    none = summary.assign(events=0)
    assert war_narrative.remote_violence(none, LABELS) == (
        "No air or drone strike was recorded. No shelling, artillery or missile attack was "
        "recorded.")
