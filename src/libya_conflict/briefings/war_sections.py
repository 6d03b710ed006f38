"""The parts of the Tripoli-offensive briefing: phases, the front, shelling, foreign forces."""

from __future__ import annotations

import pandas as pd

from libya_conflict.briefings import (
    coding,
    display,
    measures,
    time_charts,
    timeline,
    war_narrative,
    wording,
)
from libya_conflict.briefings.model import Briefing
from libya_conflict.reference import key_events


def phases_table(b: Briefing) -> pd.DataFrame:
    """Return the phases of the war on Tripoli with their figures (headline dataset)."""
    p = b.selection.period
    return timeline.phase_table(b.events, key_events.phases(p.start, p.end),
                                coding.means_coded(b.selection.dataset))


def show_phases(b: Briefing) -> None:
    """Display the phases of the war: a table of figures and a paragraph for each."""
    table = phases_table(b)
    shown = pd.DataFrame({
        "Phase": table["phase"],
        "Dates": [wording.period_text(s, e) for s, e in zip(table["start"], table["end"],
                                                               strict=True)],
        "Days": table["days"], "Events": table["events"],
        "Events a day": table["events_per_day"].map("{:.1f}".format),
        "Reported fatalities": table["fatalities"],
        "Targeting civilians": table["civilian_targeting_events"].map(
            lambda n: "not coded" if n is None or pd.isna(n) else int(n)),
        "Air/drone strikes and shelling": table["remote_violence_events"].map(
            lambda n: "not coded" if n is None or pd.isna(n) else int(n)),
        "Median km of clashes from central Tripoli": table["median_clash_km"].map(
            lambda km: "—" if pd.isna(km) else f"{km:.0f}"),
    })
    ds = wording.DATASET_NAMES.get(b.selection.dataset, b.selection.dataset)
    display.show_table(shown, f"The phases of the war, separated by documented key events ({ds} "
                       "events in the front districts).", "The period holds no phase of the war.")
    rows = table.to_dict("records")
    display.show_paragraphs([war_narrative.phase_paragraph(row, rows[i - 1] if i else None)
                             for i, row in enumerate(rows)])


def show_front(b: Briefing) -> None:
    """Display how far the fighting was from central Tripoli, phase by phase and week by week."""
    display.show_paragraphs([war_narrative.front_summary(phases_table(b))])
    display.show_figure(time_charts.front_distance(b.events, b.ctx))


def show_shelling(b: Briefing) -> None:
    """Display what shelling and air/drone strikes did, to whom and by whom."""
    if not coding.means_coded(b.selection.dataset):
        display.show_paragraphs([war_narrative.means_not_coded(b.selection.dataset)])
        return
    display.show_paragraphs([war_narrative.remote_violence(measures.remote_violence_summary(b.events),
                                               b.labels)])


def show_foreign(b: Briefing) -> None:
    """Display the involvement of foreign forces on each side."""
    involvement = measures.foreign_involvement(b.events)
    display.show_paragraphs([war_narrative.foreign(involvement, b.labels)])
    display.show_figure(time_charts.foreign_over_time(b.events, b.context("month")))
