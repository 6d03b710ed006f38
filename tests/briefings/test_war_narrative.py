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
    assert first.startswith("The offensive begins (4 April \u2013 25 June 2019, 83 days) opened "
                            "with the key event \u201cLNA offensive begins\u201d. 166 events, "
                            "120 reported fatalities: 2.0 events a day.")
    assert ("One was an air or drone strike or shelling attack; 20 (12%) targeted "
            "civilians.") in first
    assert "a median 12 km from central Tripoli" in first
    assert "No events were recorded" in war_narrative.phase_paragraph(phases.iloc[1].to_dict())
    assert war_narrative.front_summary(phases) == ("Armed clashes were a median 12 km from central "
                                               "Tripoli (The offensive begins).")
    assert "cannot be traced" in war_narrative.front_summary(phases.iloc[1:])


def phase(**values) -> dict:
    row = {"phase": "P", "start": pd.Timestamp("2019-06-26"), "end": pd.Timestamp("2019-12-11"),
           "days": 169, "opened_by": "", "events": 300, "fatalities": 90, "events_per_day": 1.8,
           "fatalities_per_day": 0.5, "civilian_targeting_events": 30,
           "remote_violence_events": 150, "remote_violence_uncoded": 0, "median_clash_km": 12.0}
    return row | values


def test_each_phase_is_told_against_the_one_before():
    before = phase(phase="First", events_per_day=6.0, remote_violence_events=30,
                   median_clash_km=20.0)
    text = war_narrative.phase_paragraph(phase(phase="Second"), before)
    assert ("The pace fell to 1.8 events a day from 6.0 (300 events, 90 reported "
            "fatalities).") in text
    assert "Air or drone strikes or shelling made up 50% of events, up from 10%." in text
    assert "Clashes came closer to the capital: a median 12 km, from 20 km." in text
    steady = war_narrative.phase_paragraph(phase(), phase(events_per_day=2.0))
    assert "The pace held at about 1.8 events a day" in steady
    # What did not change is not said again: the paragraph holds only what is new.
    assert steady.endswith("The pace held at about 1.8 events a day (300 events, 90 reported "
                           "fatalities).")
    rise = war_narrative.phase_paragraph(phase(events_per_day=4.0), phase(median_clash_km=5.0))
    assert "Fighting intensified to 4.0 events a day, from 1.8" in rise
    assert "Clashes moved away, to a median 12 km" in rise
    # Three phases, three different paragraphs: no two open their figures the same way.
    texts = [war_narrative.phase_paragraph(p, b) for p, b in
             [(before, None), (phase(), before), (phase(events_per_day=4.0), phase())]]
    assert len({t.split(". ")[1][:20] for t in texts}) == 3


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
         "civilian_fatalities": 43, "civilian_not_coded": 0, "main_side": "lna",
         "main_side_events": 1},
        {"kind": "Shelling/artillery/missile attack", "events": 20, "fatalities": 12,
         "civilian_events": 5, "civilian_fatalities": 7, "civilian_not_coded": 0,
         "main_side": "lna", "main_side_events": 15}])
    text = war_narrative.remote_violence(summary, LABELS)
    assert text.startswith("One air or drone strike caused 43 reported fatalities. It was "
                           "coded as targeting civilians, with 43 reported fatalities.")
    assert ("20 shelling, artillery and missile attacks caused 12 reported fatalities; "
            "LNA-aligned forces carried out 15. Of these, 5 (25%) were coded") in text
    none = summary.assign(events=0)
    assert war_narrative.remote_violence(none, LABELS) == (
        "No air or drone strike was recorded. No shelling, artillery or missile attack was "
        "recorded.")


def test_remote_violence_of_an_export_without_sub_event_types_is_not_none():
    # A 2011 export: 59 remote-violence events, no sub-event type, no civilian flag.
    summary = pd.DataFrame([
        {"kind": kind, "events": 0, "fatalities": 0, "civilian_events": 0,
         "civilian_fatalities": 0, "civilian_not_coded": 0, "main_side": "",
         "main_side_events": 0} for kind in ("Air/drone strike",
                                             "Shelling/artillery/missile attack")]
        + [{"kind": "not coded", "events": 59, "fatalities": 80, "civilian_events": 0,
            "civilian_fatalities": 0, "civilian_not_coded": 59, "main_side": "",
            "main_side_events": 0}])
    text = war_narrative.remote_violence(summary, LABELS)
    assert "No air" not in text and "none" not in text.lower()
    assert text.startswith("Sub-event types are not coded in this export, so air or drone "
                           "strikes cannot be told from shelling: all 59 explosions and "
                           "remote-violence events are shown; they caused 80 reported "
                           "fatalities.")
    assert "Civilian targeting is not coded for them." in text
