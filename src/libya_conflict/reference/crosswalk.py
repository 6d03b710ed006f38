"""Actor -> coalition crosswalk (data/actors.yaml): which side of the war each actor was on.

The same ACLED name can mean a different side in different years, so entries carry date ranges.
Each coalition belongs to an era (the Gaddafi regime, Libya Dawn, the GNA, ...) and may only be
given for dates inside it: a 2011 event can never land on the "GNA-aligned" side. Names the
crosswalk does not know map to ``unknown`` and are reported with counts; they are never guessed.

The file is checked when it is loaded; a broken rule raises :class:`InputError` naming the entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from libya_conflict.errors import InputError
from libya_conflict.resources import data_path, load_yaml

UNKNOWN = "unknown"
UNKNOWN_LABEL = "Unknown (not in crosswalk)"
# What a coalition is; briefings take foreign forces and non-combatants from these, not from names.
KINDS = ("camp", "foreign", "armed_group", "unidentified", "other_state", "non_combatant")
DATASETS = ("acled", "ucdp")


@dataclass(frozen=True)
class SidePeriod:
    """A coalition that holds from ``start`` to ``end`` (inclusive; None = open)."""

    coalition: str
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Coalition:
    """A side: its label, kind, the camp a foreign force backs, and the dates it existed."""

    key: str
    label: str
    kind: str
    start: date | None = None
    end: date | None = None
    backs: str | None = None
    description: str = ""

    def overlaps(self, start: date | None, end: date | None) -> bool:
        """Tell whether the coalition existed at some time between ``start`` and ``end``."""
        return _overlaps(self.start, self.end, start, end)


@dataclass(frozen=True)
class Era:
    """A period of the war with its own camps (``sides``)."""

    key: str
    label: str
    start: date | None
    end: date | None
    sides: tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    """One crosswalk entry: an exact name or a whole-string regular expression."""

    periods: tuple[SidePeriod, ...]
    name: str | None = None
    pattern: re.Pattern[str] | None = None
    dataset: str | None = None
    verified: bool = False
    source: tuple[str, ...] = ()

    def matches(self, actor: str, dataset: str) -> bool:
        """Tell whether this entry applies to an actor string of a dataset."""
        if self.dataset and self.dataset != dataset:
            return False
        if self.name is not None:
            return self.name == _key(actor)
        return bool(self.pattern and self.pattern.fullmatch(" ".join(actor.split())))


@dataclass(frozen=True)
class Crosswalk:
    """The parsed crosswalk: coalition labels, entries (exact names first), coalitions, eras."""

    coalitions: dict[str, str]
    entries: tuple[Entry, ...]
    details: dict[str, Coalition] = field(default_factory=dict)
    eras: tuple[Era, ...] = ()
    _exact: dict[str, tuple[Entry, ...]] = field(default_factory=dict, repr=False)
    _patterns: tuple[Entry, ...] = field(default=(), repr=False)

    def find(self, actor: str, dataset: str) -> Entry | None:
        """Return the entry for an actor: the first exact name, else the first pattern."""
        for entry in self._exact.get(_key(actor), ()):
            if entry.dataset in (None, dataset):
                return entry
        text = " ".join(actor.split())
        for entry in self._patterns:
            if entry.dataset in (None, dataset) and entry.pattern.fullmatch(text):
                return entry
        return None


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _as_date(value: object) -> date | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _overlaps(a_start: date | None, a_end: date | None, b_start: date | None,
              b_end: date | None) -> bool:
    return ((a_end is None or b_start is None or b_start <= a_end)
            and (a_start is None or b_end is None or a_start <= b_end))


def _within(period: SidePeriod, span: Coalition) -> bool:
    starts_in = span.start is None or (period.start is not None and period.start >= span.start)
    ends_in = span.end is None or (period.end is not None and period.end <= span.end)
    return starts_in and ends_in


class _Checker:
    """Collects the file's name so that every broken rule becomes one clear line."""

    def __init__(self, path: str) -> None:
        self.path = path

    def require(self, condition: bool, where: str, message: str) -> None:
        if not condition:
            raise InputError(self.path, f"{where}: {message}")

    def dates(self, spec: dict, where: str) -> tuple[date | None, date | None]:
        try:
            start, end = _as_date(spec.get("from")), _as_date(spec.get("to"))
        except (TypeError, ValueError):
            got = f"from={spec.get('from')!r}, to={spec.get('to')!r}"
            raise InputError(self.path, f"{where}: dates must be ISO dates (YYYY-MM-DD), "
                                        f"got {got}") from None
        self.require(start is None or end is None or start <= end, where,
                     f"'from' {start} is after 'to' {end}")
        return start, end


def _coalitions(raw: dict, check: _Checker) -> dict[str, Coalition]:
    specs = raw.get("coalitions")
    check.require(isinstance(specs, dict) and bool(specs), "coalitions", "expected a mapping")
    out = {}
    for key, spec in specs.items():
        where = f"coalition {key!r}"
        check.require(isinstance(spec, dict) and bool(spec.get("label")), where, "needs a label")
        check.require(spec.get("kind") in KINDS, where,
                      f"kind {spec.get('kind')!r} is not one of {', '.join(KINDS)}")
        check.require((spec.get("backs") is not None) == (spec["kind"] == "foreign"), where,
                      "a foreign coalition names the camp it backs ('backs'), no other does")
        start, end = check.dates(spec, where)
        out[key] = Coalition(key, spec["label"], spec["kind"], start, end, spec.get("backs"),
                             spec.get("description", ""))
    check.require(UNKNOWN not in out, f"coalition {UNKNOWN!r}", "is reserved for unmapped names")
    for coalition in out.values():
        if coalition.backs is not None:
            backed = out.get(coalition.backs)
            check.require(backed is not None and backed.kind == "camp",
                          f"coalition {coalition.key!r}", f"backs {coalition.backs!r}, not a camp")
    return out


def _eras(raw: dict, coalitions: dict[str, Coalition], check: _Checker) -> tuple[Era, ...]:
    eras = []
    for spec in raw.get("eras") or ():
        where = f"era {spec.get('key')!r}"
        start, end = check.dates(spec, where)
        sides = tuple(spec.get("sides") or ())
        unknown = [s for s in sides if s not in coalitions]
        check.require(not unknown, where, f"unknown sides {unknown}")
        if eras:
            # Eras split time without gaps or overlaps, so that every date has exactly one.
            check.require(eras[-1].end is not None and start is not None
                          and (start - eras[-1].end).days == 1, where,
                          f"must begin the day after era {eras[-1].key!r} ends")
        eras.append(Era(spec["key"], spec["label"], start, end, sides))
    return tuple(eras)


def _periods(item: dict, coalitions: dict[str, Coalition], check: _Checker,
             where: str) -> tuple[SidePeriod, ...]:
    check.require(("coalition" in item) != ("periods" in item), where,
                  "needs either 'coalition' or 'periods'")
    if "coalition" in item:
        key = item["coalition"]
        check.require(key in coalitions, where, f"unknown coalition {key!r}")
        # A plain coalition holds for its whole era and no longer.
        return (SidePeriod(key, coalitions[key].start, coalitions[key].end),)
    periods = []
    for spec in item["periods"]:
        key = spec.get("coalition")
        check.require(key in coalitions, where, f"unknown coalition {key!r}")
        start, end = check.dates(spec, where)
        period = SidePeriod(key, start, end)
        span = coalitions[key]
        check.require(_within(period, span), where,
                      f"period {start or '…'} to {end or '…'} is outside the dates of {key!r} "
                      f"({span.start or '…'} to {span.end or '…'})")
        if periods:
            earlier = periods[-1]
            check.require(earlier.end is not None and start is not None and earlier.end < start,
                          where, "periods must be in date order and must not overlap")
        periods.append(period)
    check.require(bool(periods), where, "'periods' is empty")
    return tuple(periods)


def _entry(item: dict, index: int, coalitions: dict[str, Coalition], sources: dict,
           check: _Checker) -> Entry:
    check.require(isinstance(item, dict), f"actors entry {index}", "expected a mapping")
    where = f"actors entry {index} ({item.get('name') or item.get('pattern')!r})"
    check.require(("name" in item) != ("pattern" in item), where,
                  "needs either 'name' or 'pattern'")
    check.require(item.get("dataset") in (None, *DATASETS), where,
                  f"dataset {item.get('dataset')!r} is not acled or ucdp")
    check.require(isinstance(item.get("verified"), bool), where, "needs verified: true or false")
    source = item.get("source")
    source = tuple(source) if isinstance(source, list) else (source,) if source else ()
    unknown = [s for s in source if s not in sources]
    check.require(bool(source) and not unknown, where,
                  f"needs a source among {', '.join(sources)}" + (f", not {unknown}" if unknown
                                                                   else ""))
    pattern = None
    if "pattern" in item:
        try:
            pattern = re.compile(item["pattern"], re.IGNORECASE)
        except re.error as exc:
            raise InputError(check.path, f"{where}: not a regular expression ({exc})") from None
    name = _key(item["name"]) if "name" in item else None
    return Entry(_periods(item, coalitions, check, where), name, pattern, item.get("dataset"),
                 item["verified"], source)


def parse_crosswalk(raw: dict, path: str = "actors.yaml") -> Crosswalk:
    """Check and parse the contents of ``actors.yaml``.

    Parameters
    ----------
    raw : dict
        The YAML document (sources, coalitions, eras, actors).
    path : str
        The file, for error messages.

    Returns
    -------
    Crosswalk

    Raises
    ------
    InputError
        One line naming the coalition, era or entry that breaks a rule and what was expected.

    """
    check = _Checker(path)
    check.require(isinstance(raw, dict), "file", "expected a YAML mapping")
    coalitions = _coalitions(raw, check)
    sources = raw.get("sources") or {}
    entries = tuple(_entry(item, i, coalitions, sources, check)
                    for i, item in enumerate(raw.get("actors") or (), start=1))
    exact: dict[str, tuple[Entry, ...]] = {}
    for entry in entries:
        if entry.name is not None:
            exact[entry.name] = (*exact.get(entry.name, ()), entry)
    patterns = tuple(e for e in entries if e.pattern is not None)
    # Exact names win over patterns whatever their order in the file.
    ordered = tuple(e for e in entries if e.name is not None) + patterns
    return Crosswalk({k: c.label for k, c in coalitions.items()}, ordered, coalitions,
                     _eras(raw, coalitions, check), exact, patterns)


@cache
def crosswalk() -> Crosswalk:
    """Load and check data/actors.yaml (cached)."""
    return parse_crosswalk(load_yaml("actors.yaml"), str(data_path("actors.yaml")))


def coalition_labels() -> dict[str, str]:
    """Return coalition key -> label, plus ``unknown``."""
    return {**crosswalk().coalitions, UNKNOWN: UNKNOWN_LABEL}


def coalitions_of_kind(*kinds: str) -> tuple[str, ...]:
    """Return the keys of the coalitions of some kinds (e.g. ``"foreign"``), in file order."""
    return tuple(k for k, c in crosswalk().details.items() if c.kind in kinds)


def eras_between(start: date | None = None, end: date | None = None) -> tuple[Era, ...]:
    """Return the eras that overlap a period (None = open), in date order."""
    return tuple(e for e in crosswalk().eras if _overlaps(e.start, e.end, start, end))


def sides_between(start: date | None = None, end: date | None = None) -> tuple[str, ...]:
    """Return the coalitions that existed at some time in a period, in file order.

    The coalitions without dates (jihadist groups, civilians, ...) belong to every period;
    ``unknown`` is not included.
    """
    return tuple(k for k, c in crosswalk().details.items() if c.overlaps(start, end))
