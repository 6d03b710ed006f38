import pytest

from libya_conflict.errors import InputError
from libya_conflict.reading.layouts import (
    ACLED_API_2018,
    ACLED_CURRENT,
    ACLED_HDX,
    LAYOUTS,
    UCDP_GED_42,
    UCDP_GED_49,
    clean_header,
    detect_headerless,
    detect_layout,
    is_hxl_row,
    unknown_layout_message,
)


def test_layout_widths_match_the_codebooks():
    assert len(ACLED_CURRENT) == 31
    assert len(UCDP_GED_49) == 49
    assert len(UCDP_GED_42) == 42
    assert set(UCDP_GED_49) - set(UCDP_GED_42) == {
        "relid", "code_status", "conflict_dset_id", "dyad_dset_id", "side_a_dset_id",
        "side_b_dset_id", "where_description"}


@pytest.mark.parametrize("header, expected", [
    (list(ACLED_CURRENT), "acled-current"),
    (["data_id", *ACLED_CURRENT, "iso3"], "acled-export-2019-2023"),
    ([c.upper() for c in ("gwno", "event_id_cnty", "event_id_no_cnty", "event_date", "year",
                          "time_precision", "event_type", "actor1", "ally_actor_1", "inter1",
                          "actor2", "ally_actor_2", "inter2", "interaction", "country",
                          "admin1", "admin2", "admin3", "location", "latitude", "longitude",
                          "geo_precision", "source", "notes", "fatalities")], "acled-legacy"),
    (list(UCDP_GED_49), "ucdp-ged"),
    (list(UCDP_GED_42), "ucdp-ged-19.1"),
    ([*UCDP_GED_42, "iso3"], "ucdp-ged-19.1"),
    (list(ACLED_API_2018), "acled-api-2018-2022"),
    ([c for c in ACLED_API_2018 if c != "sub_event_type"], "acled-api-2018-2022"),
    ([c.upper() for c in ACLED_HDX], "acled-hdx"),
])
def test_detect_layout(header, expected):
    assert detect_layout(clean_header(header), "f.csv").name == expected


def test_unknown_layout_names_columns_seen_and_layouts_known():
    with pytest.raises(InputError) as err:
        detect_layout(clean_header(["name", "age", "city"]), "people.csv")
    message = str(err.value)
    assert message.startswith("people.csv: unknown layout: columns seen [age, city, name]")
    assert "acled-current" in message and "ucdp-ged-19.1" in message


def test_missing_required_column_is_named():
    header = [c for c in ACLED_CURRENT if c != "fatalities"]
    with pytest.raises(InputError, match="missing required column.*fatalities"):
        detect_layout(header, "f.csv")


def test_blank_and_pandas_unnamed_headers_are_marked():
    assert clean_header([" EVENT_DATE ", "", "Unnamed: 5"]) == [
        "event_date", "_unnamed_1", "_unnamed_2"]


def test_headerless_ucdp_only_when_certain():
    assert detect_headerless(["123"] + [""] * 48).name == "ucdp-ged"
    assert detect_headerless(["123"] + [""] * 41).name == "ucdp-ged-19.1"
    assert detect_headerless(["abc"] + [""] * 48) is None
    assert detect_headerless(["123"] + [""] * 30) is None


def test_the_refusal_lists_every_known_layout():
    message = unknown_layout_message(["a"])
    for layout in LAYOUTS:
        assert f"{layout.name} ({layout.description})" in message
    assert {layout.name for layout in LAYOUTS} == {
        "acled-current", "acled-api-json", "acled-export-2019-2023", "acled-api-2018-2022",
        "acled-legacy", "acled-hdx", "ucdp-ged", "ucdp-ged-19.1"}


@pytest.mark.parametrize("row, expected", [
    (["#event+code", "#date", "#affected+killed"], True),
    (["", "#date+year", "", "#group+name+first", ""], True),
    (["#Date", "#adm1 +name"], True),
    (["", "", ""], False),
    (["#1 in Libya", "2020"], False),
    (["NIG11709", "2018-01-16"], False),
])
def test_hxl_hashtag_rows(row, expected):
    assert is_hxl_row(row) is expected
