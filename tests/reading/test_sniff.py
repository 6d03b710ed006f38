import pytest

from conftest import csv_text, ucdp_row
from libya_conflict.errors import InputError, one_line
from libya_conflict.reading.layouts import ACLED_CURRENT, UCDP_GED_49
from libya_conflict.reading.sniff import read_head, unique_names


def test_header_row_gives_layout_and_original_names():
    head = read_head(csv_text([c.upper() for c in ACLED_CURRENT], []), "f.csv")
    assert (head.layout.name, head.has_header) == ("acled-current", True)
    assert head.original[0] == "EVENT_ID_CNTY"
    assert head.names[0] == "event_id_cnty"


def test_headerless_ucdp_uses_the_layout_names():
    head = read_head(csv_text([], [[ucdp_row()[c] for c in UCDP_GED_49]]), "g.csv")
    assert (head.layout.name, head.has_header) == ("ucdp-ged", False)
    assert head.original == list(UCDP_GED_49)


def test_unknown_first_row_is_an_unknown_layout():
    with pytest.raises(InputError, match="unknown layout"):
        read_head("a,b,c\n1,2,3\n", "f.csv")


def test_unique_names_and_one_line():
    assert unique_names(["a", "b", "a", "a"]) == ["a", "b", "a_1", "a_2"]
    assert one_line(ValueError("first\nsecond")) == "first"
    assert one_line(ValueError("")) == "ValueError"
