"""Words for numbers, dates, lists and names: the building blocks of every sentence.

Small numbers are guarded: no percentage change on a base under :data:`MIN_BASE` events ("up
from 2 to 8" instead), "no events" when there are none, ties named together, singulars for one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from libya_conflict.reference.districts import area_phrase

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
    return area_phrase(area)


def event_type_phrase(event_type: str) -> str:
    """Return an ACLED event type in lower case for a sentence."""
    return EVENT_TYPE_PHRASES.get(event_type, event_type.lower())


def capital(text: str) -> str:
    """Return text with its first letter in upper case (the rest as it is)."""
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
