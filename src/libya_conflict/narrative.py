"""Plain sentences from numbers: the text of the briefings.

Every function is pure: numbers and small tables in, a sentence or paragraph out (plain text;
the display layer escapes it, since names of actors and places come from the data). Small
numbers are guarded: no percentage change on a base under :data:`MIN_BASE` events ("up from
2 to 8" instead), "no events" when there are none, ties named together, singulars for one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

# Below this many events in the base period a percentage change misleads ("+300 %" from 2 to 8).
MIN_BASE = 10
# Below this many events a share ("45 %") says little: give "3 of 5" instead.
MIN_SHARE_BASE = 10
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
EVENT_TYPE_PHRASES = {
    "Battles": "battles",
    "Explosions/Remote violence": "explosions and remote violence",
    "Violence against civilians": "violence against civilians",
    "Protests": "protests",
    "Riots": "riots",
    "Strategic developments": "strategic developments",
}
DATASET_NAMES = {"acled": "ACLED", "ucdp": "UCDP GED"}
DATASET_WHAT = {
    "acled": "which records every reported event, fatal or not",
    "ucdp": "which records only fatal events of organised violence, often aggregated",
}
NO_COMPARISON = "no earlier data to compare with"


def number(n: int | float) -> str:
    """Format a count with thousands separators ("1,234")."""
    return f"{int(n):,}"


def count(n: int, noun: str, plural: str | None = None) -> str:
    """Return "no events", "one event" or "12 events"."""
    plural = plural or f"{noun}s"
    if n == 0:
        return f"no {plural}"
    return f"one {noun}" if n == 1 else f"{number(n)} {plural}"


def deaths(n: int) -> str:
    """Return "no reported fatalities", "one reported fatality" or "12 reported fatalities"."""
    return count(n, "reported fatality", "reported fatalities")


def percent(part: int, whole: int) -> str:
    """Return a share as a whole percentage ("45%"; "<1%" for a small non-zero share)."""
    if whole <= 0:
        return "0%"
    share = 100 * part / whole
    if 0 < share < 1:
        return "<1%"
    return f"{share:.0f}%"


def share(part: int, whole: int) -> str:
    """Return "45%" of a large base, or "3 of 5" of a small one."""
    if whole < MIN_SHARE_BASE:
        return f"{number(part)} of {number(whole)}"
    return percent(part, whole)


def change(current: int, previous: int | None, noun: str = "") -> str:
    """Describe a change between two counts, guarding small bases.

    Parameters
    ----------
    current, previous : int
        The counts now and before; ``previous`` None when there is no previous period.
    noun : str
        Appended to the numbers when given ("up from 2 to 8 events").

    Returns
    -------
    str
        For example "up 35% from 120 to 162", "up from 2 to 8" (base under MIN_BASE),
        "down from 12 to none", "unchanged at 5", or "no earlier data to compare with".

    """
    if previous is None:
        return NO_COMPARISON
    tail = f" {noun}" if noun else ""
    if current == previous:
        return f"unchanged at {number(current)}{tail}" if current else "still none"
    direction = "up" if current > previous else "down"
    to = number(current) if current else "none"
    start = number(previous) if previous else "none"
    if previous < MIN_BASE or current == 0:
        return f"{direction} from {start} to {to}{tail}"
    pct = abs(current - previous) / previous * 100
    return f"{direction} {pct:.0f}% from {start} to {to}{tail}"


def date_text(day: pd.Timestamp | str) -> str:
    """Return "16 May 2020" (English month names, whatever the locale)."""
    day = pd.Timestamp(day)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def period_text(start: pd.Timestamp | str, end: pd.Timestamp | str) -> str:
    """Return a compact period for titles: "1\u201331 May 2020", "1 April \u2013 30 June 2020"."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if start == end:
        return date_text(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}\u2013{date_text(end)}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} \u2013 {date_text(end)}"
    return f"{date_text(start)} \u2013 {date_text(end)}"


def during(start: pd.Timestamp | str, end: pd.Timestamp | str) -> str:
    """Return the period opening a sentence: "From 1 to 31 May 2020" or "On 16 May 2020"."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if start == end:
        return f"On {date_text(start)}"
    if (start.year, start.month) == (end.year, end.month):
        return f"From {start.day} to {date_text(end)}"
    if start.year == end.year:
        return f"From {start.day} {MONTHS[start.month - 1]} to {date_text(end)}"
    return f"From {date_text(start)} to {date_text(end)}"


def join(items: Sequence[str]) -> str:
    """Join words as English does: "a", "a and b", "a, b and c"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def area_text(area: str) -> str:
    """Return an area as written in a sentence ("western Libya", "Jafara district")."""
    regions = {"West": "western Libya", "East": "eastern Libya", "South": "southern Libya"}
    if area in regions:
        return regions[area]
    if area == "Greater Tripoli":
        return "Greater Tripoli (the Tripoli and Jafara districts)"
    return area if area == "Libya" else f"{area} district"


def event_type_phrase(event_type: str) -> str:
    """Return an ACLED event type in lower case for a sentence."""
    return EVENT_TYPE_PHRASES.get(event_type, event_type.lower())


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def side_name(key: str, labels: Mapping[str, str]) -> str:
    """Return a side's label for the middle of a sentence ("foreign forces backing the LNA")."""
    label = labels.get(key, key)
    if len(label) > 1 and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def amount(part: int, whole: int) -> str:
    """Return part of a whole for a sentence that already names the whole.

    "none", "one", "3" (small whole), or "45 (12%)".
    """
    if part == 0:
        return "none"
    if part == 1:
        return "one"
    return number(part) if whole < MIN_SHARE_BASE else f"{number(part)} ({percent(part, whole)})"


def leaders(counts: pd.DataFrame, name: str, value: str = "events") -> tuple[list[str], int]:
    """Return the names sharing the largest value (ties) and that value."""
    if counts.empty or counts[value].max() <= 0:
        return [], 0
    top = int(counts[value].max())
    return sorted(counts.loc[counts[value].eq(top), name].astype(str)), top


def each(names: Sequence) -> str:
    """Return " each" after a figure shared by tied leaders (``12 each``), else ""."""
    return " each" if len(names) > 1 else ""


def overview(headline: Mapping, types: pd.DataFrame, subject: str) -> str:
    """Write what happened: totals, change on the previous period, and the event mix.

    Parameters
    ----------
    headline : mapping
        :func:`libya_conflict.analysis.headline` figures.
    types : pandas.DataFrame
        Events per ``event_type`` (``count_by``) in the period.
    subject : str
        What the events are of, e.g. "in western Libya" or "involving LNA-aligned forces".

    """
    h = headline
    ds = DATASET_NAMES.get(h["dataset"], h["dataset"])
    opening = during(h["start"], h["end"])
    if h["events"] == 0:
        text = f"{opening}, {ds} recorded no events {subject}."
        if h.get("data_start") and (h["end"] < h["data_start"] or h["start"] > h["data_end"]):
            text += (f" This period lies outside the {ds} data in this file, which run from "
                     f"{date_text(h['data_start'])} to {date_text(h['data_end'])}.")
        if h["previous_events"]:
            before = period_text(h["previous_start"], h["previous_end"])
            text += (f" There were {count(h['previous_events'], 'event')} in the previous "
                     f"{count(h['days'], 'day')} ({before}).")
        return text
    text = (f"{opening}, {ds} recorded {count(h['events'], 'event')} {subject}, with "
            f"{deaths(h['fatalities'])}.")
    text += " " + comparison(h)
    return f"{text} {event_mix(types, h['events'])}".strip()


def comparison(headline: Mapping) -> str:
    """Compare the period's events and fatalities with the previous period of equal length."""
    h = headline
    before = period_text(h["previous_start"], h["previous_end"])
    if h["previous_events"] is None:
        return (f"The data do not cover the previous {count(h['days'], 'day')} "
                f"({before}), so there is {NO_COMPARISON}.")
    events = change(h["events"], h["previous_events"])
    deaths = change(h["fatalities"], h["previous_fatalities"])
    return (f"Compared with the previous {count(h['days'], 'day')} ({before}): events "
            f"{events}, reported fatalities {deaths}.")


def event_mix(types: pd.DataFrame, total: int) -> str:
    """Say which types of event were most common."""
    names, top = leaders(types, "event_type")
    if not names:
        return ""
    if total == 1:
        return f"The event was classed as {event_type_phrase(names[0])}."
    phrases = [event_type_phrase(n) for n in names]
    if len(names) > 1:
        text = f"{_capital(join(phrases))} were equally common ({number(top)} events each)."
    else:
        portion = (f"{number(top)} of the {count(total, 'event')}" if total < MIN_SHARE_BASE
                   else f"{number(top)}, {percent(top, total)}")
        text = f"{_capital(phrases[0])} were the most common type of event ({portion})."
    rest = types[~types["event_type"].isin(names)].head(2)
    if len(rest):
        others = [f"{event_type_phrase(r.event_type)} ({number(r.events)})"
                  for r in rest.itertuples()]
        text = text[:-1] + f", followed by {join(others)}."
    return text


def where(districts: pd.DataFrame, total: int, column: str = "district") -> str:
    """Say where events concentrated, and where most fatalities were reported.

    Parameters
    ----------
    districts : pandas.DataFrame
        ``count_by`` of the period's events by ``column`` (district or location).
    total : int
        Events in the period.
    column : str
        The place column counted.

    """
    names, top = leaders(districts, column)
    if not names:
        return ""
    if len(districts) == 1:
        return f"{'It was' if total == 1 else 'All of them were'} in {names[0]}."
    if len(names) > 3:
        first = ", ".join(names[:3])
        return (f"The events were spread over {count(len(districts), 'place')}, with no more "
                f"than {count(top, 'event')} in any one of them ({first} and others).")
    if len(names) > 1:
        text = f"{join(names)} had the most events ({number(top)} each)."
    else:
        portion = (f"{number(top)} of the {count(total, 'event')}" if total < MIN_SHARE_BASE
                   else f"{count(top, 'event')}, {percent(top, total)}")
        text = f"Activity concentrated in {names[0]} ({portion})"
        rest = districts[~districts[column].isin(names)].head(2)
        others = [f"{r[column]} ({number(r['events'])})" for _, r in rest.iterrows()]
        text += f", followed by {join(others)}." if others else "."
    deadly, worst = leaders(districts, column, "fatalities")
    if worst and deadly != names:
        text += (f" The most reported fatalities were in {join(deadly)} "
                 f"({number(worst)}{each(deadly)}).")
    return text


def who(sides: pd.DataFrame, total: int, labels: Mapping[str, str],
        actors: pd.DataFrame | None = None) -> str:
    """Say which sides (and named actors) took part in the events.

    Parameters
    ----------
    sides : pandas.DataFrame
        :func:`libya_conflict.analysis.side_activity` of the period.
    total : int
        Events in the period.
    labels : mapping
        Coalition key -> label.
    actors : pandas.DataFrame, optional
        Events per named actor (column ``actor``), most first.

    """
    if sides.empty:
        return "No armed side was named in these events." if total else ""
    names, top = leaders(sides, "side")
    if len(names) > 1:
        text = (f"{_capital(join([side_name(n, labels) for n in names]))} each took part in "
                f"{number(top)} of the {count(total, 'event')}")
    else:
        text = (f"{_capital(side_name(names[0], labels))} took part in {number(top)} of the "
                f"{count(total, 'event')}")
    rest = sides[~sides["side"].isin(names)].head(max(0, 3 - len(names)))
    if len(rest):
        others = [f"{side_name(r.side, labels)} in {number(r.events)}" for r in rest.itertuples()]
        text += f", {join(others)}"
    shown = set(names) | set(rest["side"])
    text += " (an event between two sides counts for each)." if len(shown) > 1 else "."
    foreign = sides[sides["side"].isin(["foreign_gna", "foreign_lna"])]
    extra = [f"{side_name(r.side, labels)} in {count(r.events, 'event')}"
             for r in foreign.itertuples() if r.side not in shown]
    if extra:
        text += f" {_capital(extra[0].replace(' in ', ' took part in ', 1))}"
        text += f", {join(extra[1:])}." if len(extra) > 1 else "."
    if actors is not None and len(actors):
        named = [f"{r.actor} ({number(r.events)})" for r in actors.head(3).itertuples()]
        text += f" The most active named actors were {join(named)}."
    return text


def counterparts(counts: pd.DataFrame, subject: str, total: int,
                 labels: Mapping[str, str] | None = None) -> str:
    """Say whom a side or actor faced most often.

    Parameters
    ----------
    counts : pandas.DataFrame
        :func:`libya_conflict.analysis.counterparts` (column ``counterpart``).
    subject : str
        The side or actor, as the sentence's subject ("LNA-aligned forces").
    total : int
        Events of the subject in the period.
    labels : mapping, optional
        Coalition key -> label, when counterparts are sides.

    """
    if total == 0:
        return ""
    if counts.empty:
        return f"No other actor was named in the events {subject} took part in."
    named = counts.assign(name=[side_name(c, labels) if labels else c
                                for c in counts["counterpart"]])
    names, top = leaders(named, "name")
    text = (f"{_capital(subject)} most often faced {join(names)} "
            f"({count(top, 'event')}{each(names)})")
    rest = named[~named["name"].isin(names)].head(2)
    if len(rest):
        text += f", then {join([f'{r.name} ({number(r.events)})' for r in rest.itertuples()])}"
    return text + "."


def civilians(headline: Mapping, harm: pd.DataFrame, labels: Mapping[str, str],
              remote_events: int, remote_fatalities: int) -> str:
    """Describe civilian harm: events targeting civilians, perpetrators, remote violence."""
    h = headline
    n = h["civilian_targeting_events"]
    if h["events"] == 0:
        return ""
    if n == 0:
        text = "No event in this period was coded as targeting civilians."
    else:
        if h["events"] == 1:
            text = "The event targeted civilians"
        elif h["events"] < MIN_SHARE_BASE:
            text = f"{_capital(number(n))} of the {count(h['events'], 'event')} targeted civilians"
        else:
            text = (f"{_capital(count(n, 'event'))} ({percent(n, h['events'])} of all events) "
                    "targeted civilians")
        text += f", with {deaths(h['civilian_targeting_fatalities'])}."
        names, top = leaders(harm, "side")
        if names and n > 1:
            who_did = _capital(join([side_name(s, labels) for s in names]))
            each = " each" if len(names) > 1 else ""
            text += f" {who_did} were named as perpetrators in {number(top)}{each} of them."
        elif names:
            text += f" The perpetrators named were {side_name(names[0], labels)}."
    if remote_events:
        attacks = count(remote_events, "air or drone strike or shelling attack",
                        "air or drone strikes and shelling attacks")
        text += (f" There {'was' if remote_events == 1 else 'were'} {attacks}, with "
                 f"{deaths(remote_fatalities)}.")
    return text


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
        :func:`libya_conflict.analysis.remote_violence_summary`.
    labels : mapping
        Coalition key -> label.

    """
    parts = []
    for r in summary.itertuples():
        noun, plural = REMOTE_PHRASES.get(r.kind, (r.kind.lower(), r.kind.lower()))
        if r.events == 0:
            parts.append(f"No {noun} was recorded.")
            continue
        text = f"{_capital(count(r.events, noun, plural))} caused {deaths(r.fatalities)}"
        if r.events > 1 and r.main_side:
            text += f"; {side_name(r.main_side, labels)} carried out {number(r.main_side_events)}"
        text += (f". {_capital(amount(r.civilian_events, r.events))} "
                 f"{'was' if r.civilian_events == 1 else 'were'} coded as targeting civilians"
                 + (f", with {deaths(r.civilian_fatalities)}." if r.civilian_events else "."))
        parts.append(text)
    return " ".join(parts)


def notable_changes(by_place: pd.DataFrame, by_type: pd.DataFrame, place_column: str = "district",
                    minimum: int = 3) -> str:
    """Name the largest changes since the previous period, by place and by type of event.

    Parameters
    ----------
    by_place, by_type : pandas.DataFrame
        :func:`libya_conflict.analysis.compare_counts` by place and by ``event_type``.
    place_column : str
        The place column of ``by_place``.
    minimum : int
        Changes smaller than this many events are not worth a sentence.

    """
    if by_place[["events", "previous"]].to_numpy().sum() == 0:
        return ""
    parts = []
    for frame, column, describe in ((by_place, place_column, str),
                                     (by_type, "event_type", event_type_phrase)):
        big = frame[frame["change"].abs() >= minimum].head(2)
        parts += [f"{describe(r[column])} "
                  f"({change(int(r['events']), int(r['previous']), 'events')})"
                  for _, r in big.iterrows()]
    if not parts:
        return ("No place or type of event changed by more than "
                f"{count(minimum - 1, 'event')} on the previous period.")
    return f"The largest changes on the previous period: {join(parts)}."


def datasets_side_by_side(by_dataset: Mapping[str, Mapping[str, int]], primary: str) -> str:
    """Say what the other dataset recorded, and that the two are never added up."""
    others = [ds for ds in by_dataset if ds != primary]
    if not others:
        return ""
    texts = []
    for ds in others:
        figures = by_dataset[ds]
        recorded = count(figures["events"], "event")
        if figures["events"]:
            recorded += (f" with {count(figures['fatalities'], 'fatality', 'fatalities')} "
                         "(best estimates)")
        texts.append(f"{DATASET_NAMES.get(ds, ds)}, {DATASET_WHAT.get(ds, '')}, recorded "
                     f"{recorded}")
    return (f"{'; '.join(texts)} in the same period and place. The datasets count differently, "
            f"so their figures are shown side by side and never added up; the figures above are "
            f"{DATASET_NAMES.get(primary, primary)}'s.")


def precision_note(figures: Mapping[str, int], dataset: str) -> str:
    """Describe how precisely the events are dated and placed."""
    n = figures["events"]
    ds = DATASET_NAMES.get(dataset, dataset)
    if n == 0:
        return f"There are no {ds} events in this period to assess for precision."
    dated, placed = figures["coarse_date"], figures["coarse_place"]
    return (f"Of the {count(n, 'event')} ({ds}), {amount(dated, n)} "
            f"{'is' if dated == 1 else 'are'} dated only to a week, a month or a range of days, "
            f"and {amount(placed, n)} {'is' if placed == 1 else 'are'} located only to a "
            "district, a region or wider; such events are drawn at the reported date and at the "
            "reference point of their area.")


FATALITIES_CAVEAT = ("Fatality counts are reported estimates, not verified tolls: they come from "
                     "media and other reports, are often revised, and are conservative where "
                     "sources disagree.")


def phase_paragraph(phase: Mapping) -> str:
    """Describe one phase of a war from a row of :func:`libya_conflict.analysis.phase_table`."""
    p = phase
    text = f"{p['phase']} ({period_text(p['start'], p['end'])}, {count(p['days'], 'day')})."
    if p["opened_by"]:
        text += f" It opened with: {p['opened_by']}."
    if p["events"] == 0:
        return f"{text} No events were recorded in the selected districts."
    remote = p["remote_violence_events"]
    strikes = ("was an air or drone strike or shelling" if remote == 1
               else "were air or drone strikes or shelling")
    text += (f" {_capital(count(p['events'], 'event'))} ({p['events_per_day']:.1f} a day), with "
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
        parts.append(f"{_capital(side_name(r.side, labels))} took part in "
                     f"{count(r.events, 'event')} from {date_text(r.first)} to "
                     f"{date_text(r.last)}, most often {kind} ({number(r.main_type_events)}), "
                     f"with {deaths(r.fatalities)}.")
    return " ".join(parts)


def accounting(counts: Mapping[str, int], balanced: bool) -> str:
    """Describe where every row read by the cleaning went."""
    c = counts
    text = (f"The cleaning read {count(c['read'], 'row')}: {number(c['kept'])} kept as events, "
            f"{number(c['quarantined'])} quarantined, {number(c['duplicates'])} dropped as "
            f"duplicates, {number(c['deleted'])} deleted at ACLED's request and "
            f"{number(c['out_of_scope'])} about other countries.")
    if balanced:
        return text + " Every row read is accounted for exactly once."
    return text + " Warning: these do not add up to the rows read; check the cleaning report."
