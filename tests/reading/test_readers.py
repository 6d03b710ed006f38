import pandas as pd
import pytest

from conftest import acled_row, csv_text, ucdp_row, write_acled
from libya_conflict.errors import InputError
from libya_conflict.reading.layouts import ACLED_CURRENT, UCDP_GED_42, UCDP_GED_49
from libya_conflict.reading.readers import read_export


def test_real_acled_current_layout(real_acled):
    read = read_export(real_acled)
    assert read.layout.name == "acled-current"
    assert read.encoding == "utf-8"
    assert (read.rows_read, read.out_of_scope, len(read.frame)) == (9000, 8992, 8)
    assert set(read.frame["country"]) == {"Libya"}
    assert read.frame["event_id_cnty"].str.startswith("LBY").all()


def test_duckdb_and_pandas_engines_read_the_same_rows(real_acled):
    by_pandas = read_export(real_acled, engine="pandas")
    by_duckdb = read_export(real_acled, engine="duckdb")
    assert by_duckdb.engine == "duckdb"
    assert (by_duckdb.rows_read, by_duckdb.out_of_scope) == (9000, 8992)
    pd.testing.assert_frame_equal(by_pandas.frame, by_duckdb.frame[by_pandas.frame.columns],
                                  check_dtype=False)


def test_real_ucdp_ged(real_ucdp):
    read = read_export(real_ucdp)
    assert read.layout.name == "ucdp-ged"
    assert (read.rows_read, len(read.frame)) == (1000, 4)
    assert sorted(read.frame["adm_1"]) == ["Al Jufrah district", "Misrata district",
                                           "Mourzouq district", "Surt district"]


def test_export_tool_layout_with_optional_columns(tmp_path):
    header = ["data_id", "iso", *[c for c in ACLED_CURRENT if c != "iso"], "event_id_no_cnty",
              "iso3"]
    rows = [acled_row(event_date="18 May 2020", data_id="7", event_id_no_cnty="1", iso3="LBY")]
    read = read_export(write_acled(tmp_path / "export.csv", rows, header))
    assert read.layout.name == "acled-export-2019-2023"
    assert read.frame.loc[0, "event_date"] == "18 May 2020"


LEGACY_HEADER = ("GWNO,EVENT_ID_CNTY,EVENT_ID_NO_CNTY,EVENT_DATE,YEAR,TIME_PRECISION,EVENT_TYPE,"
                 "ACTOR1,ALLY_ACTOR_1,INTER1,ACTOR2,ALLY_ACTOR_2,INTER2,INTERACTION,COUNTRY,"
                 "ADMIN1,ADMIN2,ADMIN3,LOCATION,LATITUDE,LONGITUDE,GEO_PRECISION,SOURCE,NOTES,"
                 "FATALITIES,,,")


def legacy_file(tmp_path, rows: list[str], name="legacy.csv"):
    """An old upper-case Africa file: Windows-1252, CRLF, empty unnamed trailing columns."""
    text = "\r\n".join([LEGACY_HEADER, *rows]) + "\r\n"
    path = tmp_path / name
    path.write_bytes(text.encode("cp1252"))
    return path


def test_legacy_upper_case_windows_1252_crlf_with_multiline_note(tmp_path):
    rows = [
        '620,LBY100,100,18/04/2011,2011,1,Battle-No change of territory,Military Forces of '
        'Libya (1969-2011),,1,Rebel Forces,,2,12,Libya,Misrata,,,Misrata,32.3754,15.0925,1,'
        'AFP,"Heavy fighting in Misrata;\r\nthe rebels’ positions were shelled",12,,,',
        '620,LBY101,101,19/04/2011,2011,1,Riots/Protests,Protesters (Libya),,6,,,0,60,Libya,'
        'Benghazi,,,Benghazi,32.1149,20.0686,1,Reuters,Protest in Benghazi,0,,,',
        '652,SYR1,1,19/04/2011,2011,1,Riots/Protests,Protesters (Syria),,6,,,0,60,Syria,'
        'Damascus,,,Damascus,33.5,36.3,1,Reuters,Protest,0,,,',
    ]
    read = read_export(legacy_file(tmp_path, rows))
    assert read.layout.name == "acled-legacy"
    assert read.encoding == "windows-1252"
    assert (read.rows_read, read.out_of_scope, len(read.frame)) == (3, 1, 2)
    assert read.ignored_columns == []
    assert "assoc_actor_1" in read.frame.columns  # ALLY_ACTOR_1 renamed
    assert read.frame.loc[0, "notes"] == ("Heavy fighting in Misrata;\r\nthe rebels’ positions "
                                          "were shelled")
    assert read.frame["source_row"].tolist() == [1, 2]
    assert read.column_labels["assoc_actor_1"] == "ALLY_ACTOR_1"


def test_utf8_bom_header_is_read(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + csv_text(list(ACLED_CURRENT), [acled_row()]).encode())
    read = read_export(path)
    assert read.encoding == "utf-8-sig"
    assert read.layout.name == "acled-current"


def test_ucdp_19_1_without_header(tmp_path):
    row = ucdp_row(UCDP_GED_42)
    path = tmp_path / "ged191.csv"
    path.write_text(csv_text([], [[row[c] for c in UCDP_GED_42]]))
    read = read_export(path)
    assert (read.layout.name, read.has_header) == ("ucdp-ged-19.1", False)
    assert read.frame.loc[0, "side_b"] == "Forces of the House of Representatives"
    assert read.frame.loc[0, "best"] == "3"


def test_ucdp_49_without_header(tmp_path):
    rows = [[ucdp_row()[c] for c in UCDP_GED_49], [ucdp_row(id="400002")[c] for c in UCDP_GED_49]]
    path = tmp_path / "candidate.csv"
    path.write_text(csv_text([], rows))
    read = read_export(path)
    assert (read.layout.name, read.has_header, len(read.frame)) == ("ucdp-ged", False, 2)


def test_excel_workbook(tmp_path):
    rows = [acled_row(), acled_row(event_id_cnty="TUN1", country="Tunisia")]
    frame = pd.DataFrame(rows)[list(ACLED_CURRENT)]
    frame["fatalities"] = frame["fatalities"].astype(int)
    frame["event_date"] = pd.to_datetime(frame["event_date"])
    path = tmp_path / "export.xlsx"
    frame.to_excel(path, index=False)
    read = read_export(path)
    assert (read.encoding, read.rows_read, read.out_of_scope) == ("xlsx", 2, 1)
    assert read.frame.loc[0, "fatalities"] == "2"
    assert read.frame.loc[0, "event_date"].startswith("2019-04-10")


@pytest.mark.parametrize("content, message", [
    (b"", "file is empty"),
    (b"\n\n", "file is empty"),
    (b"name,age\nx,1\n", "unknown layout: columns seen [age, name]"),
    (b"\xff\xfe" + "a,b".encode("utf-16-le"), "UTF-16"),
    (b"event_id_cnty,event_date\nx\x81,y\n", "unreadable byte at offset"),
])
def test_bad_files_give_one_clear_message(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_export(path)
    assert message in str(err.value)
    assert str(err.value).startswith(str(path))
    assert "\n" not in str(err.value)


def test_ragged_row_is_reported_with_its_line(tmp_path):
    text = csv_text(list(ACLED_CURRENT), [acled_row()]) + "LBY2," + ",".join(["x"] * 40) + "\n"
    path = tmp_path / "ragged.csv"
    path.write_text(text)
    with pytest.raises(InputError, match="not a valid CSV.*line 3"):
        read_export(path)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_export(tmp_path / "nope.csv")


def test_duckdb_engine_hands_non_utf8_files_to_python_decoding(tmp_path):
    rows = ['620,LBY101,101,19/04/2011,2011,1,Riots/Protests,Protesters (Libya),,6,,,0,60,Libya,'
            'Benghazi,,,Benghazi,32.1149,20.0686,1,Reuters,Protesters’ march,0,,,']
    read = read_export(legacy_file(tmp_path, rows), engine="duckdb")
    assert (read.engine, read.encoding) == ("pandas", "windows-1252")
    assert read.frame.loc[0, "notes"] == "Protesters’ march"


def test_duckdb_engine_reports_ragged_rows_in_one_line(tmp_path):
    text = csv_text(list(ACLED_CURRENT), [acled_row()]) + "LBY2," + ",".join(["x"] * 40) + "\n"
    path = tmp_path / "ragged.csv"
    path.write_text(text)
    with pytest.raises(InputError) as err:
        read_export(path, engine="duckdb")
    assert "not a valid CSV: line 3: expected 31 fields" in str(err.value)
    assert "\n" not in str(err.value)


def test_hxl_row_under_the_header_is_skipped_and_counted(tmp_path):
    header = list(ACLED_CURRENT)
    hxl = ["#event+code" if c == "event_id_cnty" else "#country+name" if c == "country"
           else "" for c in header]
    path = tmp_path / "hdx.csv"
    path.write_text(csv_text(header, [hxl, acled_row()]))
    for engine in ("pandas", "duckdb"):
        read = read_export(path, engine=engine)
        assert (read.rows_read, read.hxl_rows, len(read.frame)) == (1, 1, 1)
        assert read.frame["source_row"].tolist() == [2]


def test_excel_workbook_with_an_hxl_row(tmp_path):
    frame = pd.DataFrame([acled_row()])[list(ACLED_CURRENT)]
    tags = pd.DataFrame([{c: ("#date" if c == "event_date" else "") for c in ACLED_CURRENT}])
    path = tmp_path / "hdx.xlsx"
    pd.concat([tags, frame]).to_excel(path, index=False)
    read = read_export(path)
    assert (read.rows_read, read.hxl_rows, read.frame["source_row"].tolist()) == (1, 1, [2])


def test_country_in_any_spelling_and_blank_countries_are_kept(tmp_path):
    rows = [acled_row(event_id_cnty="MMR1", country="Myanmar (Burma)"),
            acled_row(event_id_cnty="MMR2", country="MYANMAR"),
            acled_row(event_id_cnty="X3", country=""),
            acled_row(event_id_cnty="THA4", country="Thailand")]
    path = write_acled(tmp_path / "a.csv", rows)
    for given in ("Myanmar", "Burma", "MMR", "104"):
        read = read_export(path, country=given)
        assert read.frame["event_id_cnty"].tolist() == ["MMR1", "MMR2", "X3"], given
        assert read.out_of_scope == 1
