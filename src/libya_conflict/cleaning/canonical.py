"""From a file's raw strings to the canonical event columns (one function per dataset).

Values that cannot be parsed are not dropped here: the row gets a quarantine reason in
``_problem`` and a human explanation in ``_detail``, and the caller moves it to the quarantine.

"""

from __future__ import annotations

import numpy as np
import pandas as pd

from libya_conflict.cleaning import coerce
from libya_conflict.cleaning.event_types import (
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
CIVILIAN_INTER_CODE = 7
SAMPLE_MARKERS = ("synthetic", "documented")
_UCDP_TIME_SUFFIX = r"\s+00:00:00(\.0+)?$"


def to_canonical(read: FileRead, frame: pd.DataFrame) -> tuple[pd.DataFrame, str | None]:
    """Convert one file's (text-normalised) frame to canonical columns.

    Parameters
    ----------
    read : FileRead
        What the reader found (layout, file name).
    frame : pandas.DataFrame
        The file's in-scope rows as strings, standard column names.

    Returns
    -------
    (pandas.DataFrame, str or None)
        Canonical columns plus ``_problem``/``_detail``, and the date format detected.

    """
    if read.layout.dataset == "ucdp":
        out, fmt = _ucdp(frame)
    else:
        out, fmt = _acled(frame)
    out["flags"] = ""
    out["layout"] = read.layout.name
    out["source_file"] = read.path
    out["source_row"] = frame["source_row"].astype("int64")
    return out, fmt


def _col(frame: pd.DataFrame, name: str) -> pd.Series:
    """Return a column as strings, or empty strings when the layout lacks it."""
    if name in frame.columns:
        return frame[name].astype(str)
    return pd.Series("", index=frame.index, dtype=object)


class _Problems:
    """First problem found per row wins; later checks do not overwrite it."""

    def __init__(self, index: pd.Index) -> None:
        self.reason = pd.Series(pd.NA, index=index, dtype="object")
        self.detail = pd.Series(pd.NA, index=index, dtype="object")

    def add(self, mask: pd.Series, reason: str, detail: pd.Series | str) -> None:
        new = mask & self.reason.isna()
        self.reason[new] = reason
        self.detail[new] = detail[new] if isinstance(detail, pd.Series) else detail


def _acled(frame: pd.DataFrame) -> tuple[pd.DataFrame, str | None]:
    problems = _Problems(frame.index)
    out = pd.DataFrame(index=frame.index)
    out["event_id"] = _col(frame, "event_id_cnty").str.strip()
    out["dataset"] = "acled"
    problems.add(out["event_id"].eq(""), "missing_event_id", "event_id_cnty is empty")
    raw_date = _col(frame, "event_date").str.strip()
    fmt = coerce.detect_date_format(raw_date)
    dates, bad = coerce.parse_dates(raw_date, fmt)
    problems.add(bad, "bad_date", "event_date '" + raw_date + "' does not match " + _fmt_text(fmt))
    out["date"] = dates
    out["date_end"] = dates
    precision = _col(frame, "time_precision").str.strip().str.replace(r"\.0$", "", regex=True)
    out["date_precision"] = precision.map(ACLED_DATE_PRECISION)
    problems.add(out["date_precision"].isna(), "bad_precision",
                 "time_precision '" + precision + "' is not 1, 2 or 3")
    out["year"] = dates.dt.year.astype("Int64")
    inter1 = coerce.parse_inter(_col(frame, "inter1"))
    inter2 = coerce.parse_inter(_col(frame, "inter2"))
    event_type, sub_type, _ = map_acled_event_types(
        _col(frame, "event_type").str.strip(), _col(frame, "sub_event_type").str.strip(), inter1)
    given_disorder = frame["disorder_type"].astype(str) if "disorder_type" in frame else None
    out["disorder_type"] = disorder_types(event_type, given_disorder)
    out["event_type"], out["sub_event_type"] = event_type, sub_type
    out["actor1"], out["actor2"] = _col(frame, "actor1"), _col(frame, "actor2")
    out["assoc_actors"] = _join_lists(_col(frame, "assoc_actor_1"), _col(frame, "assoc_actor_2"))
    out["inter1"], out["inter2"] = inter1, inter2
    out["civilian_targeting"] = _acled_civilian_targeting(frame, event_type, inter2)
    _location_columns(out, frame, admin=("admin1", "admin2", "admin3"), location="location")
    code = _col(frame, "geo_precision").str.strip().str.replace(r"\.0$", "", regex=True)
    out["geo_precision"] = code.map(ACLED_GEO_PRECISION)
    out["geo_precision_code"] = pd.to_numeric(code, errors="coerce").astype("Int64")
    raw_fat = _col(frame, "fatalities")
    fatalities, bad_fat = coerce.parse_counts(raw_fat)
    problems.add(bad_fat, "bad_fatalities",
                 "fatalities '" + raw_fat + "' is not a whole number >= 0")
    out["fatalities"] = fatalities
    out["fatalities_low"] = fatalities
    out["fatalities_high"] = fatalities
    out["notes"], out["source"] = _col(frame, "notes"), _col(frame, "source")
    out["tags"] = _col(frame, "tags")
    out["timestamp"] = coerce.parse_unix_timestamps(_col(frame, "timestamp"))
    _check_country(out, problems)
    out["_problem"], out["_detail"] = problems.reason, problems.detail
    return out, fmt


def _acled_civilian_targeting(frame: pd.DataFrame, event_type: pd.Series,
                              inter2: pd.Series) -> pd.Series:
    """Return ACLED's civilian-targeting flag, or derive it for files without the column.

    Older files: violence against civilians, or remote violence whose second actor is civilians.
    """
    if "civilian_targeting" in frame.columns:
        return frame["civilian_targeting"].astype(str).str.strip().ne("")
    remote_on_civilians = event_type.eq("Explosions/Remote violence") & inter2.eq(
        CIVILIAN_INTER_CODE).fillna(False)
    return (event_type.eq("Violence against civilians") | remote_on_civilians).astype(bool)


def _ucdp(frame: pd.DataFrame) -> tuple[pd.DataFrame, str | None]:
    problems = _Problems(frame.index)
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
    ends = ends.where(ends.notna() & (ends >= dates), dates)
    out["date"], out["date_end"] = dates, ends
    precision = _col(frame, "date_prec").str.strip()
    out["date_precision"] = precision.map(UCDP_DATE_PRECISION)
    problems.add(out["date_precision"].isna(), "bad_precision",
                 "date_prec '" + precision + "' is not 1 to 5")
    out["year"] = dates.dt.year.astype("Int64")
    out["disorder_type"] = "Political violence"
    out["event_type"], out["sub_event_type"] = map_ucdp_violence(_col(frame, "type_of_violence"))
    out["actor1"], out["actor2"] = _col(frame, "side_a"), _col(frame, "side_b")
    out["assoc_actors"] = ""
    out["inter1"] = pd.Series(pd.NA, index=frame.index, dtype="Int64")
    out["inter2"] = pd.Series(pd.NA, index=frame.index, dtype="Int64")
    out["civilian_targeting"] = _col(frame, "type_of_violence").str.strip().eq("3")
    _location_columns(out, frame, admin=("adm_1", "adm_2", None), location="where_coordinates")
    code = _col(frame, "where_prec").str.strip()
    out["geo_precision"] = code.map(UCDP_GEO_PRECISION)
    out["geo_precision_code"] = pd.to_numeric(code, errors="coerce").astype("Int64")
    raw_best = _col(frame, "best")
    best, bad_best = coerce.parse_counts(raw_best)
    problems.add(bad_best, "bad_fatalities", "best '" + raw_best + "' is not a whole number >= 0")
    out["fatalities"] = best
    out["fatalities_low"] = coerce.parse_optional_counts(_col(frame, "low"))
    out["fatalities_high"] = coerce.parse_optional_counts(_col(frame, "high"))
    out["notes"] = _col(frame, "source_headline")
    out["source"] = _col(frame, "source_office")
    out["tags"] = _ucdp_tags(_col(frame, "source_original"))
    out["timestamp"] = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns, UTC]")
    _check_country(out, problems)
    out["_problem"], out["_detail"] = problems.reason, problems.detail
    return out, fmt


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


def _check_country(out: pd.DataFrame, problems: _Problems) -> None:
    problems.add(out["country"].eq(""), "missing_country", "country is empty")


def _join_lists(first: pd.Series, second: pd.Series) -> pd.Series:
    """Join two '; '-separated actor lists, dropping empties and repeats, keeping order."""
    def join(a: str, b: str) -> str:
        items = [x.strip() for x in f"{a};{b}".split(";") if x.strip()]
        return "; ".join(dict.fromkeys(items))

    return pd.Series(np.vectorize(join, otypes=[object])(first.to_numpy(), second.to_numpy())
                     if len(first) else [], index=first.index, dtype=object)
