"""Briefing parameters: normalised when valid, one clear line listing what is valid otherwise."""

from pathlib import Path

import pandas as pd
import pytest

from libya_conflict.briefings.parameters import check_parameters, split_list
from libya_conflict.errors import InputError, ParameterError
from libya_conflict.reference.districts import AREAS, DISTRICTS


def test_areas_are_libya_regions_greater_tripoli_and_the_22_districts():
    assert AREAS[:5] == ["Libya", "West", "East", "South", "Greater Tripoli"]
    assert len(DISTRICTS) == 22 and AREAS[5:] == DISTRICTS
    assert {"Tripoli", "Jafara", "Kufra", "Nuqat al Khams"} <= set(DISTRICTS)


def test_parameter_error_is_an_input_error_with_a_one_line_traceback():
    error = ParameterError("area: unknown")
    assert isinstance(error, InputError)
    assert str(error) == "area: unknown"
    assert error._render_traceback_() == ["ParameterError: area: unknown"]


@pytest.mark.parametrize(("given", "expected"), [
    ("Libya", "Libya"), ("libya", "Libya"), ("west", "West"), ("SOUTH", "South"),
    ("greater tripoli", "Greater Tripoli"), ("Tripoli", "Tripoli"), ("Aljfara", "Jafara"),
    ("Al Jifarah", "Jafara"), ("Al Jabal Al Gharbi", "Jabal al Gharbi"),
    ("Zwara", "Nuqat al Khams"), ("Sirt", "Sirte"), ("  Misrata ", "Misrata"),
])
def test_area_accepts_any_spelling_and_returns_the_canonical_name(given, expected):
    assert check_parameters({"area": given})["area"] == expected


def test_valid_values_are_normalised_and_unknown_names_pass_through():
    out = check_parameters({"start": "2020-05-01", "end": "2020-05-31", "district": "aljfara",
                            "side": "LNA-aligned forces", "actor": " Wagner   Group ",
                            "data": "", "title": "  May  briefing ", "other": 3})
    assert out == {"start": "2020-05-01", "end": "2020-05-31", "district": "Jafara",
                   "side": "lna", "actor": "Wagner Group", "data": "", "title": "May briefing",
                   "other": 3}


def test_side_accepts_key_or_label_in_any_case():
    assert check_parameters({"side": "GNA"})["side"] == "gna"
    assert check_parameters({"side": "foreign forces backing the lna"})["side"] == "foreign_lna"
    assert check_parameters({"side": ""})["side"] == ""


def test_front_districts_are_a_canonical_comma_separated_list():
    out = check_parameters({"front_districts": "tripoli; Aljfara, Tripoli,Zwara"})
    assert out["front_districts"] == "Tripoli, Jafara, Nuqat al Khams"
    assert split_list(out["front_districts"]) == ["Tripoli", "Jafara", "Nuqat al Khams"]


def test_data_path_must_exist_and_is_returned_absolute(tmp_path, monkeypatch):
    table = tmp_path / "events.parquet"
    pd.DataFrame({"a": [1]}).to_parquet(table)
    monkeypatch.chdir(tmp_path)
    assert check_parameters({"data": "events.parquet"})["data"] == str(table.resolve())


def one_line_error(values: dict) -> str:
    with pytest.raises(ParameterError) as info:
        check_parameters(values)
    message = str(info.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize("bad", ["2020-13-01", "May 2020", "2020-5-1", "20200501", "",
                                 "2020-02-30"])
def test_malformed_dates_are_refused(bad):
    message = one_line_error({"start": bad})
    assert message.startswith("start:") and "YYYY-MM-DD" in message


def test_end_before_start_is_refused():
    message = one_line_error({"start": "2020-05-31", "end": "2020-05-01"})
    assert "before start" in message


def test_unknown_area_lists_every_valid_area():
    message = one_line_error({"area": "Atlantis"})
    assert message.startswith("area: unknown area 'Atlantis'")
    assert all(area in message for area in AREAS)


def test_a_neighbourhood_is_not_an_area():
    # Towns resolve to districts when placing events, but an area must be named as such.
    assert "unknown area" in one_line_error({"area": "Ain Zara"})


@pytest.mark.parametrize(("values", "expected"), [
    ({"district": "West"}, "valid districts"),
    ({"side": "blue"}, "valid sides: gna (GNA-aligned forces)"),
    ({"actor": "", "side": ""}, "actor: expected an actor name"),
    ({"actor": "   "}, "actor: expected an actor name"),
    ({"front_districts": " , "}, "front_districts: expected one or more districts"),
    ({"front_districts": "Tripoli, Narnia"}, "unknown district 'Narnia'"),
    ({"data": "/nonexistent/events.parquet"}, "data: file not found"),
])
def test_invalid_values_name_the_parameter_and_what_is_valid(values, expected):
    assert expected in one_line_error(values)


def test_data_must_be_a_parquet_table(tmp_path):
    csv = tmp_path / "events.csv"
    csv.write_text("a\n1\n")
    assert "not a .parquet file" in one_line_error({"data": str(csv)})


def test_relative_data_path_falls_back_to_the_repository(monkeypatch, tmp_path):
    repo = Path(__file__).resolve().parents[2]
    target = repo / "data" / "processed" / "params_test_events.parquet"
    pd.DataFrame({"a": [1]}).to_parquet(target)
    try:
        monkeypatch.chdir(tmp_path)
        out = check_parameters({"data": "data/processed/params_test_events.parquet"})
        assert out["data"] == str(target.resolve())
    finally:
        target.unlink()
