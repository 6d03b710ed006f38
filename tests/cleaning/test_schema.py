import re
from pathlib import Path

import pandas as pd
import pytest

from conftest import acled_row, write_acled
from libya_conflict.cleaning.pipeline import clean
from libya_conflict.cleaning.schema import COLUMNS, SchemaError, event_schema, validate
from libya_conflict.errors import LibyaConflictError

SCHEMA_DOC = Path(__file__).resolve().parents[2] / "docs" / "schema.md"


def test_every_column_is_documented_in_docs_schema_md():
    documented = re.findall(r"^\| `([a-z_0-9]+)` \|", SCHEMA_DOC.read_text(), flags=re.M)
    assert documented == COLUMNS


def test_schema_and_column_list_agree():
    assert list(event_schema().columns) == COLUMNS


@pytest.mark.parametrize("column, value", [
    ("district", "Atlantis"), ("region", "North"), ("coalition1", "martians"),
    ("date_precision", "century"), ("dataset", "gdelt"), ("event_type", "Remote Violence"),
    ("event_type", "Riots/Protests"), ("sub_event_type", "Unspecified (pre-2019 type)"),
    ("disorder_type", "Demostrations"),
])
def test_schema_rejects_values_outside_the_vocabulary(tmp_path, column, value):
    table, _ = clean([write_acled(tmp_path / "a.csv", [acled_row()])])
    table[column] = value
    table[column] = table[column].astype("string")
    with pytest.raises(SchemaError) as err:
        validate(table)
    assert column in str(err.value) and "\n" not in str(err.value)
    assert isinstance(err.value, LibyaConflictError)


def test_other_country_schema_holds_no_libyan_sides_or_regions(tmp_path):
    rows = [acled_row(country="Tunisia", admin1="Tunis", admin2="Tunis", latitude="36.8",
                      longitude="10.18", event_id_cnty="TUN1")]
    table, _ = clean([write_acled(tmp_path / "t.csv", rows)], country="TUN")
    assert table.loc[0, "district"] == "Tunis" and pd.isna(table.loc[0, "region"])
    bad = table.copy()
    bad["coalition1"] = pd.Series(["gna"], dtype="string")
    with pytest.raises(SchemaError, match="coalition1"):
        validate(bad, libya=False)
    with pytest.raises(SchemaError, match="district"):
        validate(table, libya=True)


def test_schema_rejects_negative_fatalities_and_duplicate_ids(tmp_path):
    rows = [acled_row(), acled_row(event_id_cnty="LBY2")]
    table, _ = clean([write_acled(tmp_path / "a.csv", rows)])
    bad = table.copy()
    bad.loc[0, "fatalities"] = -1
    with pytest.raises(SchemaError):
        validate(bad)
    dup = table.copy()
    dup.loc[1, "event_id"] = dup.loc[0, "event_id"]
    with pytest.raises(SchemaError):
        validate(dup)
