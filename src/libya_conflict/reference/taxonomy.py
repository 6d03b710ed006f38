"""ACLED's event-type taxonomy and how other vintages map onto it (data/event_types.yaml).

Names are matched by :func:`type_key`, which ignores case, spacing and punctuation, so the
capitalisations and hyphenations of every vintage ("Remote Violence", "Battle-No Change of
Territory", "Riots/protests") meet the one spelling in the YAML file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from libya_conflict.resources import load_yaml

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def type_key(text: str) -> str:
    """Return the matching key of an event or sub-event type: letters and digits, lower-case.

    >>> type_key("Battle-No Change of Territory") == type_key("Battle-No change of territory")
    True
    """
    return _NOT_ALNUM.sub("", str(text).casefold())


@dataclass(frozen=True)
class TypeMapping:
    """What one event type of some vintage stands for.

    Attributes
    ----------
    event_type : str
        One of ACLED's six current event types.
    sub_event_type : str or None
        The current sub-event type the old type implies, or None when it does not say.
    legacy : bool
        True for a pre-2019 type.

    """

    event_type: str
    sub_event_type: str | None
    legacy: bool


@cache
def taxonomy() -> dict:
    """Return the parsed event-type table (cached)."""
    return load_yaml("event_types.yaml")


def current_event_types() -> list[str]:
    """Return ACLED's six current event types."""
    return list(taxonomy()["current"])


@cache
def event_type_index() -> dict[str, TypeMapping]:
    """Return type key -> mapping, for the current and the pre-2019 event types."""
    index = {type_key(name): TypeMapping(name, None, False) for name in taxonomy()["current"]}
    legacy = taxonomy()["legacy"]
    for old, (new_type, new_sub) in legacy.items():
        # A current name wins: "Violence against civilians" is both.
        index.setdefault(type_key(old), TypeMapping(new_type, new_sub, True))
    for alias, old in taxonomy().get("legacy_aliases", {}).items():
        new_type, new_sub = legacy[old]
        index.setdefault(type_key(alias), TypeMapping(new_type, new_sub, True))
    return index


@cache
def sub_event_type_index() -> dict[str, tuple[str, str]]:
    """Return sub-event type key -> (event type, sub-event type) for ACLED's 25 sub-types."""
    return {type_key(sub): (event_type, sub)
            for event_type, subs in taxonomy()["current"].items() for sub in subs}


def ucdp_sub_event_types() -> list[str]:
    """Return the sub-event labels of UCDP's three types of violence."""
    return [sub for _, sub in taxonomy()["ucdp_type_of_violence"].values()]


@cache
def disorder_type_index() -> dict[str, str]:
    """Return disorder-type key -> ACLED's spelling (misspellings included)."""
    index = {type_key(name): name for name in taxonomy()["disorder_types"]}
    for wrong, right in taxonomy()["disorder_type_spelling"].items():
        index[type_key(wrong)] = right
    return index
