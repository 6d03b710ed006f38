"""Typed values from the strings of an export: dates, counts, codes and coordinates.

Each function returns the parsed values and a mask of values that could not be parsed, so the
caller can quarantine those rows with a reason instead of dropping or guessing them.

"""

from __future__ import annotations

import pandas as pd

# Date formats seen across ACLED and UCDP vintages, in the order they are tried.
DATE_FORMATS = (
    "%Y-%m-%d",             # ACLED API/current, UCDP
    "%d %B %Y",             # ACLED export tool 2019-2023: 18 May 2020
    "%d/%m/%Y",             # ACLED old Africa files: 18/04/2001
    "%m/%d/%Y",             # the same re-saved by Excel in a US locale: 4/18/2001
    "%d-%b-%y",             # ACLED c. 2018-19: 16-Feb-19
    "%d-%B-%y",             # the same with a full month name
    "%d %b %Y",             # 18 May 2020 written with a short month name
    "%Y-%m-%d %H:%M:%S",    # Excel cells read as datetimes
    "%Y-%m-%d %H:%M:%S.%f",  # UCDP: 2019-08-01 00:00:00.000
)
INTER_TEXT = {
    "state forces": 1, "rebel group": 2, "rebel groups": 2, "political militia": 3,
    "political militias": 3, "identity militia": 4, "identity militias": 4, "rioters": 5,
    "protesters": 6, "civilians": 7, "external/other forces": 8, "": 0,
}


def detect_date_format(values: pd.Series) -> str | None:
    """Return the format in :data:`DATE_FORMATS` that parses the most non-empty values.

    Parameters
    ----------
    values : pandas.Series
        Date strings of one file.

    Returns
    -------
    str or None
        The best format, or None when no format parses any value.

    """
    sample = values[values.ne("")].drop_duplicates().head(2000)
    best, best_count = None, 0
    for fmt in DATE_FORMATS:
        count = int(pd.to_datetime(sample, format=fmt, errors="coerce").notna().sum())
        if count > best_count:
            best, best_count = fmt, count
        if best_count == len(sample):
            break
    return best


def parse_dates(values: pd.Series, fmt: str | None) -> tuple[pd.Series, pd.Series]:
    """Parse date strings with one format; return (dates, bad mask)."""
    if fmt is None:
        dates = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    else:
        dates = pd.to_datetime(values, format=fmt, errors="coerce").astype("datetime64[ns]")
    return dates, dates.isna()


def parse_counts(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse non-negative whole numbers ("3", "3.0"); anything else is bad.

    Returns
    -------
    (pandas.Series of Int64, pandas.Series of bool)

    """
    numbers = pd.to_numeric(values.str.strip(), errors="coerce")
    bad = numbers.isna() | (numbers < 0) | (numbers % 1 != 0)
    return numbers.where(~bad).astype("Int64"), bad


def parse_optional_counts(values: pd.Series) -> pd.Series:
    """Parse whole numbers where empty is allowed (e.g. UCDP low/high); bad values become NA."""
    numbers, _ = parse_counts(values)
    return numbers


def parse_floats(values: pd.Series) -> pd.Series:
    """Parse decimal numbers; empty or bad values become NA."""
    return pd.to_numeric(values.str.strip().str.replace(",", ".", regex=False), errors="coerce")


def parse_inter(values: pd.Series, actor: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse ACLED inter codes given as numbers ("3") or words ("Political militia").

    An empty code is 0 (no such actor) when the actor is empty too, and not coded (NA)
    otherwise.

    Returns
    -------
    (codes, bad) : tuple of pandas.Series
        Nullable integers, and the mask of codes that are neither 0-8 nor ACLED's words.

    """
    text = values.str.strip().str.lower().str.replace(r"\.0$", "", regex=True)
    numeric = pd.to_numeric(text, errors="coerce")
    codes = numeric.fillna(text.map(INTER_TEXT)).astype("Int64")
    empty = text.eq("")
    codes = codes.mask(empty & actor.str.strip().ne(""), pd.NA)
    bad = ~empty & (codes.isna() | ~codes.between(0, 8).fillna(False))
    return codes.mask(bad, pd.NA), bad.astype(bool)


def parse_unix_timestamps(values: pd.Series) -> pd.Series:
    """Parse Unix seconds into UTC datetimes; empty or bad values become NaT."""
    seconds = pd.to_numeric(values.str.strip(), errors="coerce")
    return pd.to_datetime(seconds, unit="s", utc=True).astype("datetime64[ns, UTC]")
