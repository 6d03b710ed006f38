"""Validate briefing parameters before any work starts, with one clear line on error.

``libya-conflict build`` calls :func:`check_parameters` before a kernel starts, and every
notebook calls it in the cell after its parameters cell, so a bad value stops the run at once
with a message that lists what is valid.

"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from libya_conflict.errors import ParameterError
from libya_conflict.reference.districts import (
    AREA_GROUPS,
    AREAS,
    DISTRICTS,
    NATIONAL,
    REGIONS,
)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def check_parameters(values: dict) -> dict:
    """Validate briefing parameters by name and return them normalised.

    Parameters
    ----------
    values : dict
        Parameter name -> value. Known names are ``start``, ``end`` (ISO dates), ``area``,
        ``district``, ``front_districts`` (comma-separated districts), ``side``, ``actor``,
        ``data`` and ``title``; other names are returned unchanged.

    Returns
    -------
    dict
        The same names with normalised values: dates as ``YYYY-MM-DD``, areas and districts
        spelled canonically, ``side`` as a coalition key, ``data`` as an absolute path (or ""
        for the bundled sample).

    Raises
    ------
    ParameterError
        On the first invalid value, with one line naming the parameter and what is valid.

    """
    checks = {"start": check_date, "end": check_date, "area": check_area,
              "district": check_district, "front_districts": check_district_list,
              "side": check_side, "actor": _text, "data": check_data, "title": _text}
    out = {name: checks[name](name, value) if name in checks else value
           for name, value in values.items()}
    if out.get("start") and out.get("end") and out["end"] < out["start"]:
        raise ParameterError(f"end {out['end']} is before start {out['start']}; "
                             "expected an end date on or after the start date")
    if "actor" in out and not out["actor"] and not out.get("side"):
        raise ParameterError("actor: expected an actor name (any non-empty text), "
                             "or leave actor empty and give a side")
    return out


def _text(name: str, value: object) -> str:
    return "" if value is None else " ".join(str(value).split())


def check_date(name: str, value: object) -> str:
    """Return an ISO date ``YYYY-MM-DD`` or raise :class:`ParameterError`."""
    text = _text(name, value)
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError(text)
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise ParameterError(f"{name}: {text!r} is not a valid date; expected an ISO date "
                             "YYYY-MM-DD, e.g. 2020-05-01") from None


def check_area(name: str, value: object) -> str:
    """Return the canonical name of an area (Libya, a region, Greater Tripoli or a district)."""
    text = _text(name, value)
    for area in [NATIONAL, *REGIONS, *AREA_GROUPS]:
        if text.casefold() == area.casefold():
            return area
    district = _district_or_none(text)
    if district is None:
        raise ParameterError(f"{name}: unknown area {text!r}; valid areas: {', '.join(AREAS)} "
                             "(any spelling of a district)")
    return district


def check_district(name: str, value: object) -> str:
    """Return the canonical name of one of the 22 districts, in any of its spellings."""
    text = _text(name, value)
    district = _district_or_none(text)
    if district is None:
        raise ParameterError(f"{name}: unknown district {text!r}; valid districts: "
                             f"{', '.join(DISTRICTS)} (any spelling)")
    return district


def check_district_list(name: str, value: object) -> str:
    """Return comma-separated districts spelled canonically, without repeats."""
    parts = [p for p in re.split(r"[,;]", _text(name, value)) if p.strip()]
    if not parts:
        raise ParameterError(f"{name}: expected one or more districts separated by commas; "
                             f"valid districts: {', '.join(DISTRICTS)}")
    districts = [check_district(name, part) for part in parts]
    return ", ".join(dict.fromkeys(districts))


def split_list(value: str) -> list[str]:
    """Split a normalised comma-separated parameter into its items."""
    return [p.strip() for p in value.split(",") if p.strip()]


def _district_or_none(text: str) -> str | None:
    from libya_conflict.reference.gazetteer import gazetteer, normalise_name

    key = normalise_name(text)
    return gazetteer().district_keys.get(key) if key else None


def check_side(name: str, value: object) -> str:
    """Return a coalition key for a key or a label (any case); "" stays "" (no side)."""
    from libya_conflict.reference.crosswalk import coalition_labels

    text = _text(name, value)
    if not text:
        return ""
    labels = coalition_labels()
    for key, label in labels.items():
        if text.casefold() in (key.casefold(), label.casefold()):
            return key
    valid = ", ".join(f"{key} ({label})" for key, label in labels.items())
    raise ParameterError(f"{name}: unknown side {text!r}; valid sides: {valid}")


def check_data(name: str, value: object) -> str:
    """Return "" (the bundled sample) or the absolute path of an existing cleaned table."""
    text = "" if value is None else str(value).strip()
    if not text:
        return ""
    path = Path(text).expanduser()
    if not path.is_absolute() and not path.exists():
        from libya_conflict.resources import repo_root

        root = repo_root()
        path = root / path if root else path
    if not path.is_file():
        raise ParameterError(f"{name}: file not found: {text}; expected a cleaned table "
                             "PATH.parquet written by libya-conflict clean, or empty for the "
                             "bundled sample")
    if path.suffix != ".parquet":
        raise ParameterError(f"{name}: {text} is not a .parquet file; expected a cleaned table "
                             "PATH.parquet written by libya-conflict clean")
    return str(path.resolve())
