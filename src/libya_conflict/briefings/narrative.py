"""Plain sentences from numbers: the text of the briefings.

Every function is pure: numbers and small tables in, a sentence or paragraph out (plain text;
the display layer escapes it, since names of actors and places come from the data). Small
numbers are guarded: no percentage change on a base under :data:`MIN_BASE` events ("up from
2 to 8" instead), "no events" when there are none, ties named together, singulars for one.

"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from libya_conflict.briefings import trend_narrative
from libya_conflict.briefings.coding import REMOTE_UNCODED_NOUNS
from libya_conflict.briefings.measures import FOREIGN_SIDES
from libya_conflict.briefings.wording import (
    DATASET_NAMES,
    DATASET_WHAT,
    MIN_SHARE_BASE,
    amount,
    capital,
    change,
    count,
    date_text,
    deaths,
    during,
    each,
    event_type_phrase,
    join,
    leaders,
    number,
    percent,
    period_text,
    side_name,
)


def overview(headline: Mapping, types: pd.DataFrame, subject: str) -> str:
    """Write what happened: totals, change on the previous period, and the event mix.

    Parameters
    ----------
    headline : mapping
        :func:`libya_conflict.briefings.measures.headline` figures.
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
            return text + (f" This period lies outside the {ds} data in this file, which run "
                           f"from {date_text(h['data_start'])} to {date_text(h['data_end'])}.")
        if h["previous_events"]:
            before = period_text(h["previous_start"], h["previous_end"])
            text += (f" There were {count(h['previous_events'], 'event')} in the previous "
                     f"{count(h['days'], 'day')} ({before}).")
        return f"{text} {trend_narrative.coverage_sentence(h)}".strip()
    text = (f"{opening}, {ds} recorded {count(h['events'], 'event')} {subject}, with "
            f"{deaths(h['fatalities'])}.")
    text += " " + comparison(h)
    return f"{text} {event_mix(types, h['events'])}".strip()


def comparison(headline: Mapping) -> str:
    """Compare the period with the previous one and the longer baselines, or say why not.

    See :func:`libya_conflict.briefings.trend_narrative.comparison`.
    """
    return trend_narrative.comparison(headline)


def headline_note(headline: Mapping) -> str:
    """Return the note under the headline figures: the comparison, and the other dataset's."""
    h = headline
    note = comparison(h) if h["events"] or h["previous_events"] else ""
    others = [f"{DATASET_NAMES[d]}: {count(v['events'], 'event')}, "
              f"{count(v['fatalities'], 'fatality', 'fatalities')}"
              for d, v in h["by_dataset"].items() if d != h["dataset"]]
    if others:
        note += f" Counted separately, never added: {'; '.join(others)}."
    return note.strip()


def event_mix(types: pd.DataFrame, total: int) -> str:
    """Say which types of event were most common."""
    names, top = leaders(types, "event_type")
    if not names:
        return ""
    if total == 1:
        return f"The event was classed as {event_type_phrase(names[0])}."
    phrases = [event_type_phrase(n) for n in names]
    if len(names) > 1:
        text = f"{capital(join(phrases))} were equally common ({count(top, 'event')} each)."
    else:
        portion = (f"{number(top)} of the {count(total, 'event')}" if total < MIN_SHARE_BASE
                   else f"{number(top)}, {percent(top, total)}")
        text = f"{capital(phrases[0])} were the most common type of event ({portion})."
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
        :func:`libya_conflict.briefings.measures.side_activity` of the period.
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
    if total == 1:
        text = (f"{capital(join([side_name(n, labels) for n in names]))} took part in the "
                "event")
    elif len(names) > 1:
        text = (f"{capital(join([side_name(n, labels) for n in names]))} each took part in "
                f"{number(top)} of the {count(total, 'event')}")
    else:
        text = (f"{capital(side_name(names[0], labels))} took part in {number(top)} of the "
                f"{count(total, 'event')}")
    rest = sides[~sides["side"].isin(names)].head(max(0, 3 - len(names)))
    if len(rest):
        others = [f"{side_name(r.side, labels)} in {number(r.events)}" for r in rest.itertuples()]
        text += f", {join(others)}"
    shown = set(names) | set(rest["side"])
    text += " (an event between two sides counts for each)." if len(shown) > 1 else "."
    foreign = sides[sides["side"].isin(FOREIGN_SIDES)]
    extra = [f"{side_name(r.side, labels)} in {count(r.events, 'event')}"
             for r in foreign.itertuples() if r.side not in shown]
    if extra:
        text += f" {capital(extra[0].replace(' in ', ' took part in ', 1))}"
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
        :func:`libya_conflict.briefings.measures.counterparts` (column ``counterpart``).
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
    text = (f"{capital(subject)} most often faced {join(names)} "
            f"({count(top, 'event')}{each(names)})")
    rest = named[~named["name"].isin(names)].head(2)
    if len(rest):
        text += f", then {join([f'{r.name} ({number(r.events)})' for r in rest.itertuples()])}"
    return text + "."


def civilians(headline: Mapping, harm: pd.DataFrame, labels: Mapping[str, str],
              remote_events: int, remote_fatalities: int, remote_uncoded: int = 0,
              against_civilians: tuple[int, int] | None = None) -> str:
    """Describe civilian harm: events targeting civilians, perpetrators, remote violence.

    Parameters
    ----------
    headline : mapping
        :func:`libya_conflict.briefings.measures.headline` figures; civilian targeting None
        when the export does not code it.
    harm : pandas.DataFrame
        :func:`libya_conflict.briefings.measures.civilian_harm` of the period.
    labels : mapping
        Coalition key -> label.
    remote_events, remote_fatalities : int
        Air or drone strikes and shelling (with remote violence of no coded sub-event type).
    remote_uncoded : int
        Those among them whose sub-event type is not coded.
    against_civilians : (int, int), optional
        Events of type violence against civilians and their fatalities, said instead when
        civilian targeting is not coded.

    """
    h = headline
    n = h["civilian_targeting_events"]
    if h["events"] == 0:
        return ""
    if n is None:
        text = "Civilian targeting is not coded in this export, so events targeting civilians "
        text += "cannot be counted"
        if against_civilians:
            vac, killed = against_civilians
            text += (f"; {count(vac, 'event')} {'was' if vac == 1 else 'were'} classed as "
                     f"violence against civilians, with {deaths(killed)}")
        text += "."
    elif n == 0:
        text = "No event in this period was coded as targeting civilians."
    else:
        text = _targeted(h, n) + _perpetrators(harm, labels, n)
    uncoded = h.get("civilian_targeting_not_coded") or 0
    if n is not None and uncoded:
        text += (f" {capital(count(uncoded, 'event'))} of the period "
                 f"{'does' if uncoded == 1 else 'do'} not code civilian targeting and "
                 f"{'is' if uncoded == 1 else 'are'} not counted in it.")
    return f"{text} {_remote(remote_events, remote_fatalities, remote_uncoded)}".strip()


def _targeted(h: Mapping, n: int) -> str:
    if h["events"] == 1:
        text = "The event targeted civilians"
    elif h["events"] < MIN_SHARE_BASE:
        text = f"{capital(number(n))} of the {count(h['events'], 'event')} targeted civilians"
    else:
        text = (f"{capital(count(n, 'event'))} ({percent(n, h['events'])} of all events) "
                "targeted civilians")
    return text + f", with {deaths(h['civilian_targeting_fatalities'])}."


def _perpetrators(harm: pd.DataFrame, labels: Mapping[str, str], n: int) -> str:
    names, top = leaders(harm, "side")
    if names and n > 1:
        who_did = capital(join([side_name(s, labels) for s in names]))
        return f" {who_did} were named as perpetrators in {number(top)}{each(names)} of them."
    if names:
        return f" The perpetrators named were {side_name(names[0], labels)}."
    return ""


def _remote(events: int, fatalities: int, uncoded: int) -> str:
    """Say how many strikes and shelling attacks there were, or that they are not coded."""
    if not events:
        return ""
    if uncoded == events:
        which = (f"all {count(events, *REMOTE_UNCODED_NOUNS)} are" if events > 1
                 else f"the only {REMOTE_UNCODED_NOUNS[0]} is")
        return ("Sub-event types are not coded in this export, so air or drone strikes cannot "
                f"be told from shelling: {which} counted, with {deaths(fatalities)}.")
    coded = events - uncoded
    attacks = count(coded, "air or drone strike or shelling attack",
                    "air or drone strikes and shelling attacks")
    text = f"There {'was' if coded == 1 else 'were'} {attacks}"
    if uncoded:
        text += (f", and {count(uncoded, *REMOTE_UNCODED_NOUNS)} whose sub-event type is not "
                 "coded")
    return text + f", with {deaths(fatalities)}{' in all' if uncoded else ''}."


def notable_changes(by_place: pd.DataFrame, by_type: pd.DataFrame, place_column: str = "district",
                    minimum: int = 3) -> str:
    """Name the largest changes since the previous period, by place and by type of event.

    Parameters
    ----------
    by_place, by_type : pandas.DataFrame
        :func:`libya_conflict.briefings.measures.compare_counts` by place and by ``event_type``.
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
    no_dates, no_places = figures.get("date_not_coded", 0), figures.get("place_not_coded", 0)
    when = (f"{amount(dated, n)} {'is' if dated == 1 else 'are'} dated only to a week, a month "
            "or a range of days")
    where = (f"{amount(placed, n)} {'is' if placed == 1 else 'are'} located only to a "
             "district, a region or wider")
    text = (f"Of the {count(n, 'event')} ({ds}), "
            f"{'the time precision is not coded' if no_dates == n else when}, and "
            f"{'the location precision is not coded' if no_places == n else where}; such "
            "events are drawn at the reported date and at the reference point of their area.")
    partly = [f"the time precision of {amount(no_dates, n)}" if 0 < no_dates < n else "",
              f"the location precision of {amount(no_places, n)}" if 0 < no_places < n else ""]
    if any(partly):
        text += (f" The export does not code {join([p for p in partly if p])}, not counted "
                 "above.")
    return text

