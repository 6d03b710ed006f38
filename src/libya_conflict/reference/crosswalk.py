"""Actor -> coalition crosswalk (data/actors.yaml): which side of the war each actor was on.

The same ACLED name can mean a different side in different years, so entries may carry date
ranges. Names the crosswalk does not know map to ``unknown`` and are reported with counts; they
are never guessed.

"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from libya_conflict.resources import load_yaml

UNKNOWN = "unknown"


@dataclass(frozen=True)
class SidePeriod:
    """A coalition that holds from ``start`` to ``end`` (inclusive; None = open)."""

    coalition: str
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Entry:
    """One crosswalk entry: an exact name or a whole-string regular expression."""

    periods: tuple[SidePeriod, ...]
    name: str | None = None
    pattern: re.Pattern[str] | None = None
    dataset: str | None = None

    def matches(self, actor: str, dataset: str) -> bool:
        """Tell whether this entry applies to an actor string of a dataset."""
        if self.dataset and self.dataset != dataset:
            return False
        if self.name is not None:
            return self.name == _key(actor)
        return bool(self.pattern and self.pattern.fullmatch(actor.strip()))


@dataclass(frozen=True)
class Crosswalk:
    """The parsed crosswalk."""

    coalitions: dict[str, str]
    entries: tuple[Entry, ...]

    def find(self, actor: str, dataset: str) -> Entry | None:
        """Return the first entry matching an actor (exact names before patterns)."""
        for entry in self.entries:
            if entry.matches(actor, dataset):
                return entry
        return None


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _as_date(value: object) -> date | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


@cache
def crosswalk() -> Crosswalk:
    """Load data/actors.yaml (cached)."""
    raw = load_yaml("actors.yaml")
    coalitions = {key: spec["label"] for key, spec in raw["coalitions"].items()}
    entries = []
    for item in raw["actors"]:
        if "periods" in item:
            periods = tuple(SidePeriod(p["coalition"], _as_date(p.get("from")),
                                       _as_date(p.get("to"))) for p in item["periods"])
        else:
            periods = (SidePeriod(item["coalition"]),)
        pattern = re.compile(item["pattern"], re.IGNORECASE) if "pattern" in item else None
        name = _key(item["name"]) if "name" in item else None
        entries.append(Entry(periods, name, pattern, item.get("dataset")))
    # Exact names win over patterns whatever their order in the file.
    entries.sort(key=lambda e: e.name is None)
    return Crosswalk(coalitions, tuple(entries))


def coalition_labels() -> dict[str, str]:
    """Return coalition key -> label, plus ``unknown``."""
    return {**crosswalk().coalitions, UNKNOWN: "Unknown (not in crosswalk)"}
