import pandas as pd

from conftest import acled_row, csv_text, ucdp_row, write_acled
from libya_conflict.cleaning.canonical import to_canonical
from libya_conflict.reading.layouts import ACLED_CURRENT, UCDP_GED_42
from libya_conflict.reading.readers import read_export


def canonical(path):
    read = read_export(path)
    result = to_canonical(read, read.frame)
    return result.events, result.date_format


def test_ucdp_19_1_fields_by_name_not_position(tmp_path):
    row = ucdp_row(UCDP_GED_42, best="5", low="4", high="9", date_prec="4",
                   date_start="2019-08-01", date_end="2019-08-31", type_of_violence="3",
                   side_a="Forces of the House of Representatives", side_b="Civilians")
    path = tmp_path / "ged191.csv"
    path.write_text(csv_text(list(UCDP_GED_42), [row]))
    events, fmt = canonical(path)
    event = events.iloc[0]
    assert fmt == "%Y-%m-%d"
    assert (event["fatalities"], event["fatalities_low"], event["fatalities_high"]) == (5, 4, 9)
    assert event["date_precision"] == "month"
    assert event["date_end"] == pd.Timestamp("2019-08-31")
    assert event["civilian_targeting"]
    assert event["event_type"] == "Violence against civilians"


def test_acled_fields(tmp_path):
    rows = [acled_row(event_date="18 May 2020", time_precision="2", inter1="State forces",
                      assoc_actor_1="Misrata Communal Militia (Libya)",
                      assoc_actor_2="Wagner Group; Misrata Communal Militia (Libya)",
                      civilian_targeting="Civilian targeting", geo_precision="3")]
    header = ["data_id", *ACLED_CURRENT, "iso3"]
    events, fmt = canonical(write_acled(tmp_path / "a.csv", rows, header))
    event = events.iloc[0]
    assert fmt == "%d %B %Y"
    assert event["date"] == pd.Timestamp("2020-05-18") and event["date_precision"] == "week"
    assert event["inter1"] == 1
    assert event["assoc_actors"] == "Misrata Communal Militia (Libya); Wagner Group"
    assert event["civilian_targeting"] and event["geo_precision"] == "region"
    assert pd.isna(event["_problem"])


def test_unparseable_date_names_the_value_and_format(tmp_path):
    rows = [acled_row(event_date="18 May 2020"), acled_row(event_date="31 Febuary 2020")]
    events, _ = canonical(write_acled(tmp_path / "a.csv", rows))
    assert events["_problem"].tolist()[1] == "bad_date"
    assert events["_detail"].tolist()[1] == "event_date '31 Febuary 2020' does not match %d %B %Y"
