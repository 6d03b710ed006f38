"""Sentences about the war on Tripoli: phases, the front, shelling and strikes, foreign forces."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from libya_conflict.briefings.wording import (
    amount,
    capital,
    count,
    date_text,
    deaths,
    number,
    period_text,
    side_name,
)

REMOTE_PHRASES = {
    "Shelling/artillery/missile attack": ("shelling, artillery or missile attack",
                                          "shelling, artillery and missile attacks"),
    "Air/drone strike": ("air or drone strike", "air and drone strikes"),
}


def remote_violence(summary: pd.DataFrame, labels: Mapping[str, str]) -> str:
    """Describe shelling and air/drone strikes: how many, how deadly, who, and civilian harm.

    Parameters
    ----------
    summary : pandas.DataFrame
        :func:`libya_conflict.briefings.measures.remote_violence_summary`.
    labels : mapping
        Coalition key -> label.

    """
    parts = []
    for r in summary.itertuples():
        noun, plural = REMOTE_PHRASES.get(r.kind, (r.kind.lower(), r.kind.lower()))
        if r.events == 0:
            parts.append(f"No {noun} was recorded.")
            continue
        text = f"{capital(count(r.events, noun, plural))} caused {deaths(r.fatalities)}"
        if r.events > 1 and r.main_side:
            text += f"; {side_name(r.main_side, labels)} carried out {number(r.main_side_events)}"
        text += (f". {capital(amount(r.civilian_events, r.events))} "
                 f"{'was' if r.civilian_events == 1 else 'were'} coded as targeting civilians"
                 + (f", with {deaths(r.civilian_fatalities)}." if r.civilian_events else "."))
        parts.append(text)
    return " ".join(parts)


def phase_paragraph(phase: Mapping) -> str:
    """Describe one phase of a war from a row of :func:`~.timeline.phase_table`."""
    p = phase
    text = f"{p['phase']} ({period_text(p['start'], p['end'])}, {count(p['days'], 'day')})."
    if p["opened_by"]:
        text += f" It opened with: {p['opened_by']}."
    if p["events"] == 0:
        return f"{text} No events were recorded in the selected districts."
    remote = p["remote_violence_events"]
    strikes = ("was an air or drone strike or shelling" if remote == 1
               else "were air or drone strikes or shelling")
    text += (f" {capital(count(p['events'], 'event'))} ({p['events_per_day']:.1f} a day), with "
             f"{deaths(p['fatalities'])}; {amount(p['civilian_targeting_events'], p['events'])} "
             f"targeted civilians and {amount(remote, p['events'])} {strikes}.")
    if pd.notna(p["median_clash_km"]):
        text += (f" Armed clashes were a median {p['median_clash_km']:.0f} km from central "
                 "Tripoli.")
    return text


def front_summary(phases: pd.DataFrame) -> str:
    """Say how the distance of clashes from central Tripoli changed from phase to phase."""
    located = phases.dropna(subset=["median_clash_km"])
    if located.empty:
        return "No located armed clashes were recorded, so the front line cannot be traced."
    if len(located) == 1:
        row = located.iloc[0]
        return (f"Armed clashes were a median {row['median_clash_km']:.0f} km from central "
                f"Tripoli ({row['phase']}).")
    first, last = located.iloc[0], located.iloc[-1]
    closest = located.loc[located["median_clash_km"].idxmin()]
    text = (f"Armed clashes were a median {first['median_clash_km']:.0f} km from central Tripoli "
            f"in the first phase ({first['phase']}) and {last['median_clash_km']:.0f} km in the "
            f"last ({last['phase']}).")
    if closest["phase"] not in (first["phase"], last["phase"]):
        text += (f" They came closest in {closest['phase']} "
                 f"({closest['median_clash_km']:.0f} km).")
    return text


def foreign(involvement: pd.DataFrame, labels: Mapping[str, str]) -> str:
    """Describe the events in which foreign forces backing each side took part."""
    if involvement.empty:
        return "No events involving foreign forces were recorded."
    parts = []
    for r in involvement.itertuples():
        kind = r.main_type.lower().replace("/", " or ")
        parts.append(f"{capital(side_name(r.side, labels))} took part in "
                     f"{count(r.events, 'event')} from {date_text(r.first)} to "
                     f"{date_text(r.last)}, most often {kind} ({number(r.main_type_events)}), "
                     f"with {deaths(r.fatalities)}.")
    return " ".join(parts)
