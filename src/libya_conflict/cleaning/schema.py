"""The canonical event table: column order and the pandera schema that enforces it.

docs/schema.md describes each column for readers; keep the two in step (a test checks that every
column here is documented there).

"""

from __future__ import annotations

from functools import cache

import pandas as pd

from libya_conflict.reference.districts import REGIONS

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
PLACED_BY = ["admin1", "admin2", "admin3", "location", "coordinates"]


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
    out["civilian_targeting"] = out["civilian_targeting"].astype(bool)
    out["coords_outside_libya"] = out["coords_outside_libya"].astype(bool)
    out["source_row"] = out["source_row"].astype("int64")
    for col in ["date", "date_end"]:
        out[col] = out[col].astype("datetime64[ns]")
    out["timestamp"] = out["timestamp"].astype("datetime64[ns, UTC]")
    return out.reset_index(drop=True)


@cache
def event_schema():
    """Build the pandera schema of the clean event table.

    Returns
    -------
    pandera.DataFrameSchema

    """
    import pandera.pandas as pa

    from libya_conflict.reference.crosswalk import coalition_labels
    from libya_conflict.reference.gazetteer import gazetteer

    districts = gazetteer().districts["district"].tolist()
    coalitions = list(coalition_labels())

    def text(*checks: pa.Check, nullable: bool = False) -> pa.Column:
        return pa.Column("string", list(checks), nullable=nullable)

    def count(nullable: bool) -> pa.Column:
        return pa.Column("Int64", pa.Check.ge(0), nullable=nullable)

    columns = {
        "event_id": text(pa.Check.str_length(min_value=1)),
        "dataset": text(pa.Check.isin(["acled", "ucdp"])),
        "date": pa.Column("datetime64[ns]"),
        "date_end": pa.Column("datetime64[ns]"),
        "date_precision": text(pa.Check.isin(DATE_PRECISIONS)),
        "year": pa.Column("Int64"),
        "disorder_type": text(),
        "event_type": text(pa.Check.str_length(min_value=1)),
        "sub_event_type": text(nullable=True),
        "actor1": text(),
        "actor2": text(),
        "assoc_actors": text(),
        "inter1": pa.Column("Int64", pa.Check.in_range(0, 8), nullable=True),
        "inter2": pa.Column("Int64", pa.Check.in_range(0, 8), nullable=True),
        "coalition1": text(pa.Check.isin(coalitions)),
        "coalition2": text(pa.Check.isin(coalitions), nullable=True),
        "civilian_targeting": pa.Column(bool),
        "country": text(),
        "region": text(pa.Check.isin(REGIONS)),
        "district": text(pa.Check.isin(districts)),
        "admin1": text(), "admin2": text(), "admin3": text(), "location": text(),
        "latitude": pa.Column(float, pa.Check.in_range(-90, 90), nullable=True),
        "longitude": pa.Column(float, pa.Check.in_range(-180, 180), nullable=True),
        "geo_precision": text(pa.Check.isin(GEO_PRECISIONS), nullable=True),
        "geo_precision_code": pa.Column("Int64", nullable=True),
        "placed_by": text(pa.Check.isin(PLACED_BY)),
        "coords_outside_libya": pa.Column(bool),
        "fatalities": count(nullable=False),
        "fatalities_low": count(nullable=True),
        "fatalities_high": count(nullable=True),
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


def validate(events: pd.DataFrame) -> pd.DataFrame:
    """Validate a clean event table against the schema, reporting every failure at once."""
    return event_schema().validate(events, lazy=True)
