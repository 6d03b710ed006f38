import pandas as pd
import pytest

from libya_conflict.cleaning import coerce


@pytest.mark.parametrize("values, expected", [
    (["2020-05-18", "2019-04-04"], "%Y-%m-%d"),
    (["18 May 2020", "04 April 2019"], "%d %B %Y"),
    (["18/04/2011", "31/12/2010"], "%d/%m/%Y"),
    (["4/18/2011", "12/31/2010", "3/1/2011"], "%m/%d/%Y"),
    (["01/02/2011", "03/04/2011"], "%d/%m/%Y"),  # ambiguous: ACLED's own order wins
    (["16-Feb-19", "04-Apr-19"], "%d-%b-%y"),
    (["2020-05-18 00:00:00", ""], "%Y-%m-%d %H:%M:%S"),
])
def test_detect_date_format(values, expected):
    assert coerce.detect_date_format(pd.Series(values)) == expected


def test_detect_date_format_by_majority_and_unparseable():
    assert coerce.detect_date_format(pd.Series(["18 May 2020", "31 Febuary 2020"])) == "%d %B %Y"
    assert coerce.detect_date_format(pd.Series(["soon", ""])) is None


def test_parse_dates_marks_bad_values():
    dates, bad = coerce.parse_dates(pd.Series(["18 May 2020", "31 Febuary 2020", ""]), "%d %B %Y")
    assert dates[0] == pd.Timestamp("2020-05-18")
    assert bad.tolist() == [False, True, True]


def test_parse_counts():
    counts, bad = coerce.parse_counts(pd.Series(["3", "3.0", " 0 ", "-1", "unknown", "2.5", ""]))
    assert counts[:3].tolist() == [3, 3, 0]
    assert bad.tolist() == [False, False, False, True, True, True, True]


def test_parse_inter_numbers_and_text():
    values = pd.Series(["3", "Political militia", "State forces", "", "External/Other forces",
                        "", "9", "Sole", "7.0"])
    actors = pd.Series(["A", "B", "C", "", "D", "E", "F", "G", "H"])
    codes, bad = coerce.parse_inter(values, actors)
    assert codes.tolist()[:5] == [3, 3, 1, 0, 8]
    assert pd.isna(codes[5]), "an empty code beside a named actor is not coded, not 0"
    assert pd.isna(codes[6]) and pd.isna(codes[7]) and codes[8] == 7
    assert bad.tolist() == [False] * 6 + [True, True, False]


def test_parse_floats_and_timestamps():
    assert coerce.parse_floats(pd.Series(["32.8", "", "x", "13,2"])).tolist()[0] == 32.8
    assert coerce.parse_floats(pd.Series(["13,2"]))[0] == 13.2
    stamps = coerce.parse_unix_timestamps(pd.Series(["1589760000", ""]))
    assert stamps[0] == pd.Timestamp("2020-05-18", tz="UTC")
    assert pd.isna(stamps[1])
