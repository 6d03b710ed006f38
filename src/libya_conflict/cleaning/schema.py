"""The canonical event table: column order and the pandera schema that enforces it.

docs/schema.md describes each column for readers; keep the two in step (a test checks that every
column here is documented there).

"""

from __future__ import annotations

from functools import cache

import pandas as pd

from libya_conflict.errors import LibyaConflictError
from libya_conflict.reference.districts import REGIONS


class SchemaError(LibyaConflictError):
    """The clean table broke the schema: a bug in cleaning, told in one line."""

    def __init__(self, message: str) -> None:
        super().__init__(f"the clean table failed its schema (a bug: please report it): "
                         f"{message}")

COLUMNS = [
    "event_id", "dataset", "date", "date_end", "date_precision", "year",
    "disorder_type", "event_type", "sub_event_type",
    "actor1", "actor2", "assoc_actors", "inter1", "inter2", "coalition1", "coalition2",
    "civilian_targeting",
    "country", "region", "district", "admin1", "admin2", "admin3", "location",
    "latitude", "longitude", "geo_precision", "geo_precision_code", "placed_by",
    "coords_outside_libya",
    "fatalities", "fatalities_low", "fatalities_high",
    "notes", "source", "tags", "timestamp", "flags", "layout", "source_file", "source_row",
]
TEXT_COLUMNS = [
    "event_id", "dataset", "date_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "actor2", "assoc_actors", "coalition1", "coalition2", "country", "region",
    "district", "admin1", "admin2", "admin3", "location", "geo_precision", "placed_by", "notes",
    "source", "tags", "flags", "layout", "source_file",
]
DATE_PRECISIONS = ["day", "week", "month", "range"]
GEO_PRECISIONS = ["town", "near_town", "district", "region", "country", "sea_air"]
PLACED_BY = ["admin1", "admin2", "admin3", "location", "polygon", "coordinates"]


def conform(events: pd.DataFrame) -> pd.DataFrame:
    """Put columns in schema order with their declared dtypes (text as pandas strings)."""
    out = events[COLUMNS].copy()
    for col in TEXT_COLUMNS:
        out[col] = out[col].astype("string")
    for col in ["year", "inter1", "inter2", "geo_precision_code", "fatalities", "fatalities_low",
                "fatalities_high"]:
        out[col] = out[col].astype("Int64")
    out["latitude"] = out["latitude"].astype("float64")
    out["longitude"] = out["longitude"].astype("float64")
    out["civilian_targeting"] = out["civilian_targeting"].astype("boolean")
    out["coords_outside_libya"] = out["coords_outside_libya"].astype("boolean")
    out["source_row"] = out["source_row"].astype("int64")
    for col in ["date", "date_end"]:
        out[col] = out[col].astype("datetime64[ns]")
    out["timestamp"] = out["timestamp"].astype("datetime64[ns, UTC]")
    return out.reset_index(drop=True)


@cache
def event_schema(libya: bool = True):
    """Build the pandera schema of the clean event table.

    Parameters
    ----------
    libya : bool
        True for a table of Libya (districts, regions and sides from Libya's crosswalks);
        False for another country, where those columns are the dataset's own or null.

    Returns
    -------
    pandera.DataFrameSchema

    """
    import pandera.pandas as pa

    from libya_conflict.cleaning.checks import MAX_FATALITIES
    from libya_conflict.reference.crosswalk import coalition_labels
    from libya_conflict.reference.gazetteer import gazetteer
    from libya_conflict.reference.taxonomy import taxonomy, ucdp_sub_event_types

    districts = gazetteer().districts["district"].tolist()
    coalitions = list(coalition_labels())
    types = taxonomy()["current"]
    sub_types = [sub for subs in types.values() for sub in subs] + ucdp_sub_event_types()

    def text(*checks: pa.Check, nullable: bool = False) -> pa.Column:
        return pa.Column("string", list(checks), nullable=nullable)

    def count(nullable: bool) -> pa.Column:
        return pa.Column("Int64", pa.Check.in_range(0, MAX_FATALITIES), nullable=nullable)

    def inter() -> pa.Column:
        return pa.Column("Int64", pa.Check.in_range(0, 8), nullable=True)

    if libya:
        places = {
            "coalition1": text(pa.Check.isin(coalitions)),
            "coalition2": text(pa.Check.isin(coalitions), nullable=True),
            "region": text(pa.Check.isin(REGIONS)),
            "district": text(pa.Check.isin(districts)),
            "placed_by": text(pa.Check.isin(PLACED_BY)),
            "coords_outside_libya": pa.Column("boolean"),
        }
    else:
        nothing = pa.Check(lambda s: s.isna(), element_wise=False, name="not applicable")
        places = {
            "coalition1": text(nothing, nullable=True),
            "coalition2": text(nothing, nullable=True),
            "region": text(nothing, nullable=True),
            "district": text(pa.Check.str_length(min_value=1), nullable=True),
            "placed_by": text(pa.Check.isin(["admin1"]), nullable=True),
            "coords_outside_libya": pa.Column("boolean", nothing, nullable=True),
        }
    columns = {
        "event_id": text(pa.Check.str_length(min_value=1)),
        "dataset": text(pa.Check.isin(["acled", "ucdp"])),
        "date": pa.Column("datetime64[ns]"),
        "date_end": pa.Column("datetime64[ns]"),
        "date_precision": text(pa.Check.isin(DATE_PRECISIONS), nullable=True),
        "year": pa.Column("Int64"),
        "disorder_type": text(pa.Check.isin(taxonomy()["disorder_types"]), nullable=True),
        "event_type": text(pa.Check.isin(list(types)), nullable=True),
        "sub_event_type": text(pa.Check.isin(sub_types), nullable=True),
        "actor1": text(),
        "actor2": text(),
        "assoc_actors": text(),
        "inter1": inter(),
        "inter2": inter(),
        "coalition1": places["coalition1"],
        "coalition2": places["coalition2"],
        "civilian_targeting": pa.Column("boolean", nullable=True),
        "country": text(),
        "region": places["region"],
        "district": places["district"],
        "admin1": text(), "admin2": text(), "admin3": text(), "location": text(),
        "latitude": pa.Column(float, pa.Check.in_range(-90, 90), nullable=True),
        "longitude": pa.Column(float, pa.Check.in_range(-180, 180), nullable=True),
        "geo_precision": text(pa.Check.isin(GEO_PRECISIONS), nullable=True),
        "geo_precision_code": pa.Column("Int64", nullable=True),
        "placed_by": places["placed_by"],
        "coords_outside_libya": places["coords_outside_libya"],
        "fatalities": count(nullable=False),
        "fatalities_low": count(nullable=True),
        "fatalities_high": pa.Column("Int64", pa.Check.ge(0), nullable=True),
        "notes": text(), "source": text(), "tags": text(),
        "timestamp": pa.Column("datetime64[ns, UTC]", nullable=True),
        "flags": text(),
        "layout": text(), "source_file": text(),
        "source_row": pa.Column("int64", pa.Check.ge(1)),
    }
    return pa.DataFrameSchema(
        columns,
        checks=[pa.Check(lambda df: df["date_end"] >= df["date"], name="date_end >= date")],
        unique=["dataset", "event_id"],
        strict=True,
        ordered=True,
        name="libya_conflict events",
    )


def validate(events: pd.DataFrame, libya: bool = True) -> pd.DataFrame:
    """Validate a clean event table against the schema, reporting every failure at once.

    Raises
    ------
    SchemaError
        One line naming the failed checks (never pandera's dump): a failure here is a bug in
        cleaning, since every row-level check has run before.

    """
    import pandera.errors

    try:
        return event_schema(libya).validate(events, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        raise SchemaError(_summary(exc)) from exc


def _summary(exc) -> str:
    """Name each failed check with its column and an example value, on one line."""
    cases = exc.failure_cases
    parts = []
    for (column, check), group in cases.groupby(["column", "check"], dropna=False, sort=False):
        example = str(group["failure_case"].iloc[0])[:40]
        check = str(check) if len(str(check)) <= 50 else str(check)[:47] + "..."
        parts.append(f"{column}: {check} ({len(group)} row(s), e.g. {example!r})")
    return "; ".join(parts[:5]) + (" ..." if len(parts) > 5 else "")
