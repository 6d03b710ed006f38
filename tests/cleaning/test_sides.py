import re

import pandas as pd
import pytest

from libya_conflict.cleaning.sides import map_coalitions
from libya_conflict.reference.crosswalk import UNKNOWN, crosswalk


@pytest.mark.parametrize("name, day, expected", [
    ("Military Forces of Libya (2014-) Haftar Faction", "2019-04-04", "lna"),
    ("Military Forces of Libya (2016-2021) Government of National Accord", "2019-04-04", "gna"),
    ("Military Forces of Turkey (2016-)", "2020-05-18", "foreign_gna"),
    ("Pro-Haftar Faction and/or Military Forces of United Arab Emirates (2004-)", "2019-07-02",
     "foreign_lna"),
    ("Wagner Group", "2020-01-10", "foreign_lna"),
    ("Islamic State (Libya)", "2019-06-01", "jihadist"),
    ("Unidentified Armed Group (Libya)", "2019-06-01", "unidentified_armed"),
    ("Civilians (Bangladesh)", "2020-05-16", "civilians"),
    ("Protesters (Libya)", "2020-05-16", "protesters"),
    ("Police Forces of Libya (2021-)", "2022-01-10", "gnu"),
    ("  military   forces of libya (2014-) haftar faction ", "2019-04-04", "lna"),
    ("Some New Brigade", "2019-04-04", UNKNOWN),
])
def test_acled_names(name, day, expected):
    assert coalitions([name], [day]) == [expected]


def test_the_same_name_changes_side_with_the_date():
    assert coalitions(["Government of Libya"] * 2, ["2019-04-10", "2022-01-10"], "ucdp") == [
        "gna", "gnu"]


def test_empty_actor_is_no_coalition():
    assert pd.isna(coalitions([""], ["2019-04-10"])[0])


def test_dataset_specific_entries_do_not_leak():
    ucdp_only = [e for e in crosswalk().entries if e.dataset == "ucdp" and e.name]
    assert ucdp_only, "the UCDP side names should be dataset-specific entries"
    name = ucdp_only[0].name
    assert coalitions([name], ["2019-04-10"], "acled") == [UNKNOWN] or any(
        e.dataset is None and (e.name == name or (e.pattern and re.fullmatch(e.pattern, name)))
        for e in crosswalk().entries)


def coalitions(names, dates, dataset="acled"):
    return map_coalitions(pd.Series(names), pd.to_datetime(pd.Series(dates)),
                          pd.Series([dataset] * len(names))).tolist()
