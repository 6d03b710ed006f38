"""The key points at the top of a briefing: three or four sentences chosen from the data.

Each names its figures and the section below where a chart or table shows them, so that a
reader can check it: the largest change (headline figures), the deadliest event (most
significant events), where fighting moved (the map), and civilian harm.
"""

from __future__ import annotations

from collections.abc import Mapping

from libya_conflict.briefings.trend_narrative import MEASURE_NOUNS, band_phrase
from libya_conflict.briefings.wording import (
    capital,
    count,
    date_text,
    deaths,
    join,
    number,
    percent,
    side_name,
)

BASELINE_WORDS = {"previous": "the previous period",
                  "average4": "the average of the four periods before",
                  "previous_year": "the average over the previous year"}
SECTIONS = {"change": "Over time", "deadliest": "Most significant events", "where": "Where",
            "civilians": "Civilian harm", "summary": "What happened",
            "figures": "the headline figures"}
KIND_PHRASES = {"Air/drone strike": "an air or drone strike",
                "Shelling/artillery/missile attack": "shelling",
                "Armed clash": "an armed clash", "Attack": "an attack"}


def _see(text: str, section: str) -> str:
    """End a point with the section that shows its figures (quoted when it is a heading)."""
    where = section if section.startswith("the ") else f"\u201c{section}\u201d"
    return f"{text} (see {where})."


def change_point(change: Mapping | None, section: str) -> str:
    """Say which headline figure changed most, in its band ("" without a comparison)."""
    if not change:
        return ""
    noun = MEASURE_NOUNS[change["measure"]]
    verb = ("rose to" if "increase" in change["band"] else
            "fell to" if "decrease" in change["band"] else "stood at")
    pct = change["change_pct"]
    per = "" if change["baseline"] == "previous" else " a period"
    detail = f"{number(round(change['base']))}{per}" + (
        f", {'+' if pct > 0 else ''}{pct:.0f}%" if pct is not None else "")
    return _see(f"{capital(noun)} {verb} {number(change['now'])}: "
                f"{band_phrase(change['band'])} on {BASELINE_WORDS[change['baseline']]} "
                f"({detail})", section)


def deadliest_point(event: Mapping | None, section: str) -> str:
    """Name the deadliest event of the period ("" when none reported fatalities)."""
    if not event:
        return ""
    kind = KIND_PHRASES.get(event["kind"], "")
    what = f"{kind} in" if kind else "in"
    where = event["place"] + (f" ({event['district']})" if event["district"]
                              and event["district"] not in event["place"] else "")
    return _see(f"The deadliest event was {what} {where} on {date_text(event['date'])}, with "
                f"{deaths(event['fatalities'])}", section)


def where_point(move: Mapping | None, section: str) -> str:
    """Say where fighting moved since the previous period, or where it concentrated."""
    if not move:
        return ""
    up, down = move["up"], move["down"]
    if up and down:
        text = (f"Activity shifted towards {up[0]} (up from {number(up[2])} to "
                f"{number(up[1])} events) and away from {down[0]} (down from "
                f"{number(down[2])} to {number(down[1])})")
    elif up:
        text = f"Activity grew most in {up[0]}, from {number(up[2])} to {number(up[1])} events"
    elif down:
        text = (f"Activity fell most in {down[0]}, from {number(down[2])} to "
                f"{number(down[1])} events")
    else:
        text = busiest_place(move["top"], move["tied"])
    return _see(text, section)


def busiest_place(top: tuple, tied: list[str]) -> str:
    """Name the place with the most events; places that tie are named together, or counted.

    A place that merely shares the top with others is not said to have "the most events":
    when no place had more than one event, the sentence says so.
    """
    place, n, total = top
    if total == 1:
        return f"The only event was in {place}"
    if n == 1:
        return f"The {count(total, 'event')} were in {number(len(tied))} places, one in each"
    if len(tied) > 1:
        names = capital(join(tied)) if len(tied) <= 3 else f"{number(len(tied))} places"
        return f"{names} saw the most events ({number(n)} each of {number(total)})"
    share = (f"{count(n, 'event')}, {percent(n, total)}" if total >= 10
             else f"{number(n)} of {number(total)}")
    return f"{place} saw the most events ({share})"


def civilians_point(harm: Mapping, labels: Mapping[str, str], section: str) -> str:
    """Say how many events targeted civilians and who was named, or that it is not coded."""
    if not harm["events"]:
        return ""
    if harm["targeted"] is None:
        text = "Civilian targeting is not coded in this export"
        if harm["against"]:
            text += (f"; {count(harm['against'], 'event')} "
                     f"{'was' if harm['against'] == 1 else 'were'} violence against civilians")
        return _see(text, section)
    n = harm["targeted"]
    if not n:
        return _see("No event was coded as targeting civilians", section)
    share = f" ({percent(n, harm['events'])})" if harm["events"] >= 10 else ""
    text = (f"{capital(count(n, 'event'))}{share} targeted civilians, with "
            f"{deaths(harm['fatalities'] or 0)}")
    if harm["main_side"] and harm["main_side"] != "unknown" and n > 1:
        text += (f"; {side_name(harm['main_side'], labels)} were named in "
                 f"{number(harm['main_side_events'])}")
    return _see(text, section)


def quiet_point(where: str, days: int, before: int | None, section: str) -> str:
    """Say that nothing was recorded, and what the previous period held when it is known."""
    text = f"No events were recorded {where} in these {count(days, 'day')}"
    if before:
        text += f", against {count(before, 'event')} in the previous {count(days, 'day')}"
    return _see(text, section)


def key_points(change: Mapping | None, deadliest: Mapping | None, move: Mapping | None,
               harm: Mapping, labels: Mapping[str, str],
               sections: Mapping[str, str] | None = None) -> list[str]:
    """Return the key points, up to four, each traceable to a section below.

    Parameters
    ----------
    change, deadliest, move, harm : mapping or None
        :mod:`libya_conflict.briefings.highlights` figures.
    labels : mapping
        Coalition key -> label.
    sections : mapping, optional
        Section headings of the notebook, by point (``change``, ``deadliest``, ``where``,
        ``civilians``); default :data:`SECTIONS`.

    """
    names = {**SECTIONS, **(sections or {})}
    # Events over time have their chart; fatalities and civilian targeting their sparkline.
    on = names["change"] if (change or {}).get("measure") == "events" else names["figures"]
    points = [change_point(change, on),
              deadliest_point(deadliest, names["deadliest"]),
              where_point(move, names["where"]),
              civilians_point(harm, labels, names["civilians"])]
    return [p for p in points if p]
