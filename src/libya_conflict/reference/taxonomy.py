"""ACLED's event-type taxonomy and how other vintages map onto it (data/event_types.yaml)."""

from __future__ import annotations

from functools import cache

from libya_conflict.resources import load_yaml


@cache
def taxonomy() -> dict:
    """Return the parsed event-type table (cached)."""
    return load_yaml("event_types.yaml")


def current_event_types() -> list[str]:
    """Return ACLED's six current event types."""
    return list(taxonomy()["current"])
