"""Sentences about the war on Tripoli: phases, the front, shelling and strikes, foreign forces."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from libya_conflict.briefings.coding import MEANS_NOT_CODED, REMOTE_UNCODED_NOUNS
from libya_conflict.briefings.measures import NOT_CODED
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


def means_not_coded(dataset: str) -> str:
    """Say that a dataset does not record air or drone strikes and shelling as such."""
    name = MEANS_NOT_CODED.get(dataset, dataset)
    return (f"{name} does not code how violence was carried out, so air or drone strikes and "
            "shelling cannot be told apart from other fighting in these data; ACLED's data "
            "record them.")


def remote_violence(summary: pd.DataFrame, labels: Mapping[str, str]) -> str:
    """Describe shelling and air/drone strikes: how many, how deadly, who, and civilian harm.

    Parameters
    ----------
    summary : pandas.DataFrame
        :func:`libya_conflict.briefings.measures.remote_violence_summary`; a row of kind
        ``not coded`` holds explosions and remote violence without a sub-event type.
    labels : mapping
        Coalition key -> label.

    """
    uncoded = summary[summary["kind"].eq(NOT_CODED)]
    coded = summary[~summary["kind"].eq(NOT_CODED)]
    parts = []
    if len(uncoded):
        parts.append(_uncoded_remote(uncoded.iloc[0], coded["events"].sum() == 0, labels))
    for r in coded.itertuples():
        noun, plural = REMOTE_PHRASES.get(r.kind, (r.kind.lower(), r.kind.lower()))
        if r.events == 0:
            # Without sub-event types a zero here means "not told apart", not "none".
            if not len(uncoded):
                parts.append(f"No {noun} was recorded.")
            continue
        parts.append(_remote_kind(r, noun, plural, labels))
    return " ".join(parts)


def _remote_kind(r: object, noun: str, plural: str, labels: Mapping[str, str]) -> str:
    text = f"{capital(count(r.events, noun, plural))} caused {deaths(r.fatalities)}"
    if r.events > 1 and r.main_side:
        text += f"; {side_name(r.main_side, labels)} carried out {number(r.main_side_events)}"
    return text + ". " + _civilian_share(r)


def _civilian_share(r: object) -> str:
    if r.civilian_not_coded == r.events:
        return "Civilian targeting is not coded for them."
    lead = "It" if r.events == 1 else f"Of these, {amount(r.civilian_events, r.events)}"
    if r.events == 1:
        lead += " was" if r.civilian_events else " was not"
    text = (f"{lead}{'' if r.events == 1 else ' was' if r.civilian_events == 1 else ' were'}"
            " coded as targeting civilians"
            + (f", with {deaths(r.civilian_fatalities)}." if r.civilian_events else "."))
    if r.civilian_not_coded:
        text += f" {capital(amount(r.civilian_not_coded, r.events))} do not code it."
    return text


def _uncoded_remote(r: object, only: bool, labels: Mapping[str, str]) -> str:
    noun = count(r.events, *REMOTE_UNCODED_NOUNS)
    if only:
        which = f"all {noun} are" if r.events > 1 else f"the only {REMOTE_UNCODED_NOUNS[0]} is"
        text = ("Sub-event types are not coded in this export, so air or drone strikes cannot "
                f"be told from shelling: {which} shown")
    else:
        text = (f"Besides these, {noun} {'has' if r.events == 1 else 'have'} no coded "
                "sub-event type")
    text += f"; {'it' if r.events == 1 else 'they'} caused {deaths(r.fatalities)}"
    if r.events > 1 and r.main_side:
        text += f", {side_name(r.main_side, labels)} carried out {number(r.main_side_events)}"
    return text + ". " + _civilian_share(r)


def _rate_sentence(p: Mapping, before: Mapping | None) -> str:
    figures = f"{count(p['events'], 'event')}, {deaths(p['fatalities'])}"
    rate = p["events_per_day"]
    if before is None or not before["events"]:
        return f"{capital(figures)}: {rate:.1f} events a day."
    prior = before["events_per_day"]
    if rate >= 1.5 * prior:
        return (f"Fighting intensified to {rate:.1f} events a day, from {prior:.1f} in the "
                f"previous phase ({figures}).")
    if rate <= prior / 1.5:
        return f"The pace fell to {rate:.1f} events a day from {prior:.1f} ({figures})."
    return f"The pace held at about {rate:.1f} events a day ({figures})."


def _share(part: int | None, whole: int) -> float | None:
    return None if part is None or not whole else 100 * part / whole


def _mix_sentence(p: Mapping, before: Mapping | None) -> str:
    """Say what stood out in the mix: strikes and shelling, or civilian targeting."""
    n = p["events"]
    remote, civ = p["remote_violence_events"], p["civilian_targeting_events"]
    strikes = ("air or drone strikes or shelling" if not p.get("remote_violence_uncoded")
               else "explosions or remote violence")
    one = ("an air or drone strike or shelling attack" if not p.get("remote_violence_uncoded")
           else "an explosion or remote-violence event")
    civ_text = ("civilian targeting is not coded" if civ is None
                else f"{amount(civ, n)} targeted civilians")
    if remote is None and (before is None or not before["events"]):
        # The dataset does not record how violence was carried out: say so, never "none".
        return f"Air or drone strikes and shelling are not coded; {civ_text}."
    if before is None or not before["events"]:
        what = f"was {one}" if remote == 1 else f"were {strikes}"
        return f"{capital(amount(remote, n))} {what}; {civ_text}."
    shifts = {"remote": (_share(remote, n), _share(before["remote_violence_events"],
                                                   before["events"])),
              "civilians": (_share(civ, n), _share(before["civilian_targeting_events"],
                                                   before["events"]))}
    moves = {k: abs(a - b) for k, (a, b) in shifts.items() if a is not None and b is not None}
    if not moves or max(moves.values()) < 10:
        return ""  # nothing new to say about the mix
    key = max(moves, key=moves.get)
    now, prior = shifts[key]
    if key == "remote":
        return (f"{capital(strikes)} made up {now:.0f}% of events, "
                f"{'up' if now > prior else 'down'} from {prior:.0f}%.")
    return (f"Civilians were targeted in {now:.0f}% of events, "
            f"{'up' if now > prior else 'down'} from {prior:.0f}%.")


def _front_sentence(p: Mapping, before: Mapping | None) -> str:
    km = p["median_clash_km"]
    if pd.isna(km):
        return ""
    prior = None if before is None else before["median_clash_km"]
    if prior is None or pd.isna(prior):
        return f"Armed clashes were a median {km:.0f} km from central Tripoli."
    if km <= prior - 3:
        return f"Clashes came closer to the capital: a median {km:.0f} km, from {prior:.0f} km."
    if km >= prior + 3:
        return (f"Clashes moved away, to a median {km:.0f} km from central Tripoli "
                f"({prior:.0f} km before).")
    return ""  # the front did not move: said once, in the front-line section


def phase_paragraph(phase: Mapping, before: Mapping | None = None) -> str:
    """Describe one phase of a war from a row of :func:`~.timeline.phase_table`.

    Each phase after the first is told against the one before it (the pace of events, what
    changed most in the mix, where the front went), so that each paragraph says something new.

    Parameters
    ----------
    phase : mapping
        The phase's row.
    before : mapping, optional
        The previous phase's row.

    """
    p = phase
    head = f"{p['phase']} ({period_text(p['start'], p['end'])}, {count(p['days'], 'day')})"
    if p["opened_by"]:
        head += f" opened with the key event \u201c{p['opened_by']}\u201d"
    head += "."
    if p["events"] == 0:
        return f"{head} No events were recorded in the selected districts."
    parts = [head, _rate_sentence(p, before), _mix_sentence(p, before), _front_sentence(p, before)]
    return " ".join(part for part in parts if part)


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
    text = (f"Measured by the median distance of armed clashes from central Tripoli, the front "
            f"stood at {first['median_clash_km']:.0f} km in the first phase ({first['phase']}) "
            f"and at {last['median_clash_km']:.0f} km in the last ({last['phase']}).")
    if closest["phase"] not in (first["phase"], last["phase"]):
        text += (f" It came closest in {closest['phase']} "
                 f"({closest['median_clash_km']:.0f} km).")
    return text


def foreign(involvement: pd.DataFrame, labels: Mapping[str, str]) -> str:
    """Describe the events in which foreign forces backing each side took part."""
    if involvement.empty:
        return "No events involving foreign forces were recorded."
    parts = []
    for r in involvement.itertuples():
        kind = (f"most often {r.main_type.lower().replace('/', ' or ')} "
                f"({number(r.main_type_events)})" if r.main_type != NOT_CODED
                else "their sub-event types not coded")
        parts.append(f"{capital(side_name(r.side, labels))} took part in "
                     f"{count(r.events, 'event')} from {date_text(r.first)} to "
                     f"{date_text(r.last)}, {kind}, with {deaths(r.fatalities)}.")
    return " ".join(parts)
