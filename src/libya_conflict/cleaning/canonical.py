"""From a file's raw strings to the canonical event columns (one function per dataset).

Values that cannot be parsed are not dropped here: the row gets a quarantine reason in
``_problem`` and a human explanation in ``_detail``, and the caller moves it to the quarantine.
A field the file does not have is null (not coded) and named in :attr:`Canonical.not_coded`;
a field derived from others is counted in :attr:`Canonical.derived`.

"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from libya_conflict.cleaning import checks, coerce
from libya_conflict.cleaning.event_types import (
    acled_civilian_targeting,
    disorder_types,
    map_acled_event_types,
    map_ucdp_violence,
)
from libya_conflict.reading.readers import FileRead

ACLED_DATE_PRECISION = {"1": "day", "2": "week", "3": "month"}
UCDP_DATE_PRECISION = {"1": "day", "2": "range", "3": "week", "4": "month", "5": "range"}
ACLED_GEO_PRECISION = {"1": "town", "2": "near_town", "3": "region"}
UCDP_GEO_PRECISION = {"1": "town", "2": "near_town", "3": "district", "4": "region",
                      "5": "region", "6": "country", "7": "sea_air"}
SAMPLE_MARKERS = ("synthetic", "documented")
_UCDP_TIME_SUFFIX = r"\s+00:00:00(\.0+)?$"
# Table field -> the file columns it is read from: a field none of whose columns the file has
# is not coded. civilian_targeting is decided separately (an all-empty column says nothing).
ACLED_SOURCES = {
    "date_precision": ("time_precision",), "sub_event_type": ("sub_event_type",),
    "assoc_actors": ("assoc_actor_1", "assoc_actor_2"), "inter1": ("inter1",),
    "inter2": ("inter2",), "admin1": ("admin1",), "admin2": ("admin2",), "admin3": ("admin3",),
    "geo_precision": ("geo_precision",), "notes": ("notes",), "source": ("source",),
    "tags": ("tags",), "timestamp": ("timestamp",),
}
# Fields where an empty cell cannot mean "none": a file whose column is empty in every row
# does not code them either.
CODES = ("date_precision", "sub_event_type", "inter1", "inter2", "geo_precision", "timestamp")
# What UCDP GED never codes, whatever the release.
UCDP_NOT_CODED = ["inter1", "inter2", "assoc_actors", "admin3", "timestamp"]


@dataclass
class Canonical:
    """One file's rows in canonical columns, and what the file could not give.

    Attributes
    ----------
    events : pandas.DataFrame
        Canonical columns plus ``_problem``/``_detail`` (quarantine reason and explanation)
        and ``_raw_event_type``/``_raw_sub_event_type`` (the file's text where it is unknown).
    date_format : str or None
        The date format detected.
    not_coded : list of str
        Table fields this file has no column for.
    derived : Counter
        Table field -> rows whose value was derived rather than read.

    """

    events: pd.DataFrame
    date_format: str | None
    not_coded: list[str] = field(default_factory=list)
    derived: Counter = field(default_factory=Counter)


def to_canonical(read: FileRead, frame: pd.DataFrame) -> Canonical:
    """Convert one file's (text-normalised) frame to canonical columns.

    Parameters
    ----------
    read : FileRead
        What the reader found (layout, file name).
    frame : pandas.DataFrame
        The file's in-scope rows as strings, standard column names.

    Returns
    -------
    Canonical

    """
    problems, flags = checks.Problems(frame.index), checks.Flags(frame.index)
    if read.layout.dataset == "ucdp":
        result = _ucdp(frame, problems, flags)
    else:
        result = _acled(frame, problems, flags)
    out = result.events
    lat, lon, bad_coords = checks.check_coordinates(out["latitude"], out["longitude"])
    out["latitude"], out["longitude"], out["_bad_coords"] = lat, lon, bad_coords
    made = checks.export_time(read.path, out["timestamp"], read.layout.dataset)
    checks.check_dates(out["date"], out["date_precision"], read.layout.dataset, made, problems,
                       "event_date" if read.layout.dataset == "acled" else "date_start")
    problems.add(out["country"].eq(""), "missing_country", "country is empty")
    out["_problem"], out["_detail"] = problems.reason, problems.detail
    out["flags"] = flags.values
    out["layout"] = read.layout.name
    out["source_file"] = read.path
    out["source_row"] = frame["source_row"].astype("int64")
    return result


def _col(frame: pd.DataFrame, name: str) -> pd.Series:
    """Return a column as strings, or empty strings when the layout lacks it."""
    if name in frame.columns:
        return frame[name].astype(str)
    return pd.Series("", index=frame.index, dtype=object)


def _gives(frame: pd.DataFrame, column: str, needs_values: bool) -> bool:
    """Tell whether a file gives a column (with at least one value, where that matters)."""
    if column not in frame.columns:
        return False
    return not needs_values or bool(frame[column].astype(str).str.strip().ne("").any())


def _code(frame: pd.DataFrame, name: str) -> pd.Series:
    """Return a numeric code column as text without a trailing ``.0`` (Excel, JSON)."""
    return _col(frame, name).str.strip().str.replace(r"\.0$", "", regex=True)


def _acled(frame: pd.DataFrame, problems: checks.Problems, flags: checks.Flags) -> Canonical:
    out = pd.DataFrame(index=frame.index)
    out["event_id"] = _col(frame, "event_id_cnty").str.strip()
    out["dataset"] = "acled"
    problems.add(out["event_id"].eq(""), "missing_event_id", "event_id_cnty is empty")
    raw_date = _col(frame, "event_date").str.strip()
    fmt = coerce.detect_date_format(raw_date)
    dates, bad = coerce.parse_dates(raw_date, fmt)
    problems.add(bad, "bad_date", "event_date '" + raw_date + "' does not match " + _fmt_text(fmt))
    out["date"], out["date_end"] = dates, dates
    precision = _code(frame, "time_precision")
    out["date_precision"] = precision.map(ACLED_DATE_PRECISION).astype(object)
    problems.add(out["date_precision"].isna() & precision.ne(""), "bad_precision",
                 "time_precision '" + precision + "' is not 1, 2 or 3")
    out["year"] = dates.dt.year.astype("Int64")
    actor1, actor2 = _col(frame, "actor1"), _col(frame, "actor2")
    inter1, bad1 = coerce.parse_inter(_col(frame, "inter1"), actor1)
    inter2, bad2 = coerce.parse_inter(_col(frame, "inter2"), actor2)
    flags.add(bad1 | bad2, "inter_out_of_range")
    if "inter1" not in frame.columns:
        inter1 = pd.Series(pd.NA, index=frame.index, dtype="Int64")
    if "inter2" not in frame.columns:
        inter2 = pd.Series(pd.NA, index=frame.index, dtype="Int64")
    derived: Counter = Counter()
    _acled_types(out, frame, inter1, actor1, flags, derived)
    out["actor1"], out["actor2"] = actor1, actor2
    out["assoc_actors"] = _join_lists(_col(frame, "assoc_actor_1"), _col(frame, "assoc_actor_2"))
    out["inter1"], out["inter2"] = inter1, inter2
    given = frame["civilian_targeting"].astype(str) if "civilian_targeting" in frame else None
    targeting, from_rules, coded = acled_civilian_targeting(
        given, out["event_type"], out["sub_event_type"], inter2, actor2)
    out["civilian_targeting"] = targeting
    derived["civilian_targeting"] += int(from_rules.sum())
    _location_columns(out, frame, admin=("admin1", "admin2", "admin3"), location="location")
    code = _code(frame, "geo_precision")
    out["geo_precision"] = code.map(ACLED_GEO_PRECISION).astype(object)
    out["geo_precision_code"] = pd.to_numeric(code, errors="coerce").astype("Int64")
    raw_fat = _col(frame, "fatalities")
    fatalities, bad_fat = coerce.parse_counts(raw_fat)
    problems.add(bad_fat, "bad_fatalities",
                 "fatalities '" + raw_fat + "' is not a whole number >= 0")
    checks.check_fatalities(fatalities, problems, "fatalities")
    out["fatalities"] = fatalities
    out["fatalities_low"] = fatalities
    out["fatalities_high"] = fatalities
    out["notes"], out["source"] = _col(frame, "notes"), _col(frame, "source")
    out["tags"] = _col(frame, "tags")
    out["timestamp"] = coerce.parse_unix_timestamps(_col(frame, "timestamp"))
    not_coded = [name for name, sources in ACLED_SOURCES.items()
                 if not any(_gives(frame, s, name in CODES) for s in sources)]
    if not coded:
        not_coded.append("civilian_targeting")
    return Canonical(out, fmt, sorted(not_coded), +derived)


def _acled_types(out: pd.DataFrame, frame: pd.DataFrame, inter1: pd.Series, actor1: pd.Series,
                 flags: checks.Flags, derived: Counter) -> None:
    """Set event, sub-event and disorder types, flagging and counting what was not known."""
    raw_type = _col(frame, "event_type").str.strip()
    raw_sub = _col(frame, "sub_event_type").str.strip()
    mapped = map_acled_event_types(raw_type, raw_sub, inter1, actor1)
    flags.add(mapped.unknown_type, "unknown_event_type")
    flags.add(mapped.unknown_sub, "unknown_sub_event_type")
    out["event_type"], out["sub_event_type"] = mapped.event_type, mapped.sub_event_type
    out["_raw_event_type"] = raw_type.where(mapped.unknown_type, pd.NA)
    out["_raw_sub_event_type"] = raw_sub.where(mapped.unknown_sub, pd.NA)
    given = frame["disorder_type"].astype(str) if "disorder_type" in frame else None
    out["disorder_type"], from_type = disorder_types(mapped.event_type, given)
    derived["disorder_type"] += int(from_type.sum())
    derived["sub_event_type"] += int(mapped.sub_derived.sum())
    derived["event_type"] += int(mapped.type_derived.sum())


def _ucdp(frame: pd.DataFrame, problems: checks.Problems, flags: checks.Flags) -> Canonical:
    out = pd.DataFrame(index=frame.index)
    out["event_id"] = _col(frame, "id").str.strip()
    out["dataset"] = "ucdp"
    problems.add(out["event_id"].eq(""), "missing_event_id", "id is empty")
    start = _col(frame, "date_start").str.strip().str.replace(_UCDP_TIME_SUFFIX, "", regex=True)
    end = _col(frame, "date_end").str.strip().str.replace(_UCDP_TIME_SUFFIX, "", regex=True)
    fmt = coerce.detect_date_format(start)
    dates, bad = coerce.parse_dates(start, fmt)
    problems.add(bad, "bad_date", "date_start '" + start + "' does not match " + _fmt_text(fmt))
    ends, _ = coerce.parse_dates(end, fmt)
    backwards = ends.notna() & dates.notna() & (ends < dates)
    flags.add(backwards, "date_end_before_date")
    out["date"], out["date_end"] = dates, ends.where(ends.notna() & ~backwards, dates)
    precision = _code(frame, "date_prec")
    out["date_precision"] = precision.map(UCDP_DATE_PRECISION).astype(object)
    problems.add(out["date_precision"].isna() & precision.ne(""), "bad_precision",
                 "date_prec '" + precision + "' is not 1 to 5")
    out["year"] = dates.dt.year.astype("Int64")
    out["disorder_type"] = "Political violence"
    violence = _code(frame, "type_of_violence")
    out["event_type"], out["sub_event_type"], unknown = map_ucdp_violence(violence)
    flags.add(unknown, "unknown_event_type")
    out["_raw_event_type"] = ("type_of_violence " + violence).where(unknown, pd.NA)
    out["_raw_sub_event_type"] = pd.Series(pd.NA, index=frame.index, dtype=object)
    out["disorder_type"] = out["disorder_type"].where(~unknown, pd.NA)
    out["actor1"], out["actor2"] = _col(frame, "side_a"), _col(frame, "side_b")
    out["assoc_actors"] = ""
    out["inter1"] = pd.Series(pd.NA, index=frame.index, dtype="Int64")
    out["inter2"] = pd.Series(pd.NA, index=frame.index, dtype="Int64")
    out["civilian_targeting"] = violence.eq("3").astype("boolean").mask(unknown, pd.NA)
    _location_columns(out, frame, admin=("adm_1", "adm_2", None), location="where_coordinates")
    code = _code(frame, "where_prec")
    out["geo_precision"] = code.map(UCDP_GEO_PRECISION).astype(object)
    out["geo_precision_code"] = pd.to_numeric(code, errors="coerce").astype("Int64")
    raw_best = _col(frame, "best")
    best, bad_best = coerce.parse_counts(raw_best)
    problems.add(bad_best, "bad_fatalities", "best '" + raw_best + "' is not a whole number >= 0")
    checks.check_fatalities(best, problems, "best")
    out["fatalities"] = best
    out["fatalities_low"] = coerce.parse_optional_counts(_col(frame, "low"))
    out["fatalities_high"] = coerce.parse_optional_counts(_col(frame, "high"))
    out["notes"] = _col(frame, "source_headline")
    out["source"] = _col(frame, "source_office")
    out["tags"] = _ucdp_tags(_col(frame, "source_original"))
    out["timestamp"] = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns, UTC]")
    # UCDP codes neither: both follow from its type of violence.
    known = int((~unknown).sum())
    derived = Counter({"civilian_targeting": known, "disorder_type": known})
    return Canonical(out, fmt, list(UCDP_NOT_CODED), +derived)


def _ucdp_tags(source_original: pd.Series) -> pd.Series:
    """Return the project's sample markers, which UCDP rows carry in ``source_original``.

    GED has no tags column; the generated sample writes ``synthetic`` or ``documented`` there so
    that reports can tell synthetic data from real. Real GED text is never taken as a tag.
    """
    marker = source_original.str.strip().str.lower()
    return marker.where(marker.isin(SAMPLE_MARKERS), "")


def _location_columns(out: pd.DataFrame, frame: pd.DataFrame, admin: tuple,
                      location: str) -> None:
    out["country"] = _col(frame, "country").str.strip()
    for target, source in zip(("admin1", "admin2", "admin3"), admin, strict=True):
        out[target] = _col(frame, source) if source else ""
    out["location"] = _col(frame, location)
    out["latitude"] = coerce.parse_floats(_col(frame, "latitude"))
    out["longitude"] = coerce.parse_floats(_col(frame, "longitude"))


def _fmt_text(fmt: str | None) -> str:
    return fmt or "any known date format"


def _join_lists(first: pd.Series, second: pd.Series) -> pd.Series:
    """Join two '; '-separated actor lists, dropping empties and repeats, keeping order."""
    def join(a: str, b: str) -> str:
        items = [x.strip() for x in f"{a};{b}".split(";") if x.strip()]
        return "; ".join(dict.fromkeys(items))

    return pd.Series(np.vectorize(join, otypes=[object])(first.to_numpy(), second.to_numpy())
                     if len(first) else [], index=first.index, dtype=object)
