import re
from pathlib import Path

import pandera.errors
import pytest

from conftest import acled_row, write_acled
from libya_conflict.cleaning.pipeline import clean
from libya_conflict.cleaning.schema import COLUMNS, event_schema, validate

SCHEMA_DOC = Path(__file__).resolve().parents[2] / "docs" / "schema.md"


def test_every_column_is_documented_in_docs_schema_md():
    documented = re.findall(r"^\| `([a-z_0-9]+)` \|", SCHEMA_DOC.read_text(), flags=re.M)
    assert documented == COLUMNS


def test_schema_and_column_list_agree():
    assert list(event_schema().columns) == COLUMNS


@pytest.mark.parametrize("column, value", [
    ("district", "Atlantis"), ("region", "North"), ("coalition1", "martians"),
    ("date_precision", "century"), ("dataset", "gdelt"),
])
def test_schema_rejects_values_outside_the_vocabulary(tmp_path, column, value):
    table, _ = clean([write_acled(tmp_path / "a.csv", [acled_row()])])
    table[column] = value
    table[column] = table[column].astype("string")
    with pytest.raises(pandera.errors.SchemaErrors):
        validate(table)


def test_schema_rejects_negative_fatalities_and_duplicate_ids(tmp_path):
    rows = [acled_row(), acled_row(event_id_cnty="LBY2")]
    table, _ = clean([write_acled(tmp_path / "a.csv", rows)])
    bad = table.copy()
    bad.loc[0, "fatalities"] = -1
    with pytest.raises(pandera.errors.SchemaErrors):
        validate(bad)
    dup = table.copy()
    dup.loc[1, "event_id"] = dup.loc[0, "event_id"]
    with pytest.raises(pandera.errors.SchemaErrors):
        validate(dup)
