import csv
import re

import pandas as pd
import pytest

from libya_conflict.cleaning.sides import map_coalitions
from libya_conflict.reference.crosswalk import UNKNOWN, crosswalk

# Events of each era built from actor names: (date, dataset, actor 1, side, actor 2, side).
# Spellings marked * were seen in a real export or data file (see `source` in actors.yaml: the
# ACLED 2022 sample, the ACLED 2014-15 Africa export, ACLED Libya drone-strike queries, UCDP GED
# 23.1 and 25.1, the UCDP/PRIO conflict dataset); the others follow ACLED's naming pattern.
ERAS = {
    "Gaddafi era": [
        ("2006-02-17", "acled", "Police Forces of Libya (1969-2011)", "gaddafi",
         "Rioters (Libya)*", "protesters"),
        ("2009-08-08", "acled", "Protesters (Libya)*", "protesters", "", None),
    ],
    "2011 revolution": [
        ("2011-02-17", "acled", "Military Forces of Libya (1969-2011)", "gaddafi",
         "Protesters (Libya)*", "protesters"),
        ("2011-03-06", "acled", "Libyan Rebel Forces*", "revolutionaries",
         "Military Forces of Libya (1969-2011)", "gaddafi"),
        ("2011-03-19", "acled", "Military Forces of France (2007-2012)", "nato",
         "Military Forces of Libya (1969-2011)", "gaddafi"),
        ("2011-04-01", "acled", "NATO: North Atlantic Treaty Organization*", "nato",
         "Military Forces of Libya (1969-2011) Khamis Brigade", "gaddafi"),
        ("2011-04-10", "acled", "Militia (Pro-Government)*", "gaddafi", "Civilians (Libya)*",
         "civilians"),
        ("2011-05-20", "acled", "Military Forces of the United States (2009-2017)", "nato",
         "Police Forces of Libya (1969-2011)", "gaddafi"),
        ("2011-06-01", "acled", "February 17 Martyrs Brigade*", "revolutionaries",
         "Mercenaries (Chad)", "gaddafi"),
        ("2011-08-21", "acled", "Tripoli Revolutionaries Brigade*", "revolutionaries",
         "Unidentified Armed Group (Libya)*", "unidentified_armed"),
        ("2011-09-15", "acled", "Misratah Communal Militia (Libya)*", "revolutionaries",
         "Government of Libya (1969-2011)", "gaddafi"),
        ("2011-10-20", "acled", "Zintan Ethnic Militia (Libya)*", "revolutionaries",
         "Mercenaries (Liberia)*", "gaddafi"),
        ("2011-03-30", "ucdp", "Government of Libya*", "gaddafi", "NTC*", "revolutionaries"),
        ("2011-09-10", "ucdp", "Government of Libya*", "revolutionaries",
         "Forces of Muammar Gaddafi*", "gaddafi"),
    ],
    "Transition (NTC and GNC)": [
        ("2012-07-07", "acled", "Military Forces of Libya (2012-2014)*", "transitional",
         "Unidentified Armed Group (Libya)*", "unidentified_armed"),
        ("2012-09-11", "acled", "Ansar al-Sharia*", "jihadist", "Civilians (United States)",
         "civilians"),
        ("2013-01-10", "acled", "Police Forces of Libya (2012-2014)*", "transitional",
         "Rioters (Libya)*", "protesters"),
        ("2013-06-08", "acled", "Libya Shield Brigade*", "transitional", "Protesters (Libya)*",
         "protesters"),
        ("2013-08-01", "acled", "Militia (Ibrahim Jadran)*", "other_armed",
         "Military Forces of Libya (2012-2014) Special Forces*", "transitional"),
        ("2013-10-10", "acled", "LROR: Libya Revolutionaries Operations Room*", "transitional",
         "Government of Libya (2012-2014)*", "transitional"),
        ("2014-02-01", "acled", "Zintan Ethnic Militia (Libya)*", "other_armed",
         "Misratah Communal Militia (Libya)*", "other_armed"),
        ("2014-03-15", "acled", "Military Forces of Libya (2014-)*", "transitional",
         "Tabu Ethnic Militia (Libya)*", "other_armed"),
        ("2013-03-01", "ucdp", "Government of Libya*", "transitional", "Civilians*", "civilians"),
    ],
    "Second civil war (Dignity and Dawn)": [
        ("2014-05-16", "acled", "Military Forces of Libya (2014-) Special Forces*", "dignity",
         "February 17 Martyrs Brigade*", "other_armed"),
        ("2014-07-20", "acled", "Operation Libya Dawn*", "dawn",
         "Zintan Ethnic Militia (Libya)*", "dignity"),
        ("2014-08-23", "acled", "Military Forces of the United Arab Emirates (2004-)*",
         "foreign_dignity", "Operation Libya Dawn*", "dawn"),
        ("2014-10-15", "acled", "Police Forces of Libya (2014-)*", "dignity",
         "BRSC: Shura Council of Benghazi Revolutionaries*", "jihadist"),
        ("2014-12-01", "acled", "Government of Libya (2014-) House of Representatives*",
         "dignity", "", None),
        ("2015-02-16", "acled", "Military Forces of Egypt (2014-)*", "foreign_dignity",
         "Islamic State (Cyrenaica Province)*", "jihadist"),
        ("2015-03-01", "acled", "Government of Libya (2014-) General National Congress*",
         "dawn", "Protesters (Libya)*", "protesters"),
        ("2015-04-01", "acled", "Military Forces of Libya (2014-) Haftar Faction", "dignity",
         "Ajdabiya Revolutionaries'Shura Council*", "jihadist"),
        ("2015-06-01", "acled", "Islamic State (Tripoli)*", "jihadist",
         "Misratah Communal Militia (Libya)*", "dawn"),
        ("2015-06-10", "acled", "Shura Council of Darnah Mujahidin*", "jihadist",
         "Abu Salim Martyrs' Brigade*", "jihadist"),
        ("2015-08-01", "acled", "Militia (Ibrahim Jadran)*", "other_armed",
         "Tuareg Ethnic Militia (Libya)*", "other_armed"),
        ("2015-09-01", "acled", "Special Deterrence Forces*", "other_armed",
         "101 Battalion (Tajoura)*", "other_armed"),
        ("2015-03-01", "ucdp", "Libya Dawn*", "dawn", "LNA*", "dignity"),
        ("2015-10-01", "ucdp", "Government of Libya*", "dawn",
         "Forces of the House of Representatives*", "dignity"),
        ("2015-11-01", "ucdp", "Rafallah al-Sahati Brigade*", "other_armed", "LNA*", "dignity"),
    ],
    "GNA and LNA": [
        ("2016-05-30", "ucdp", "Government of Libya*", "gna", "IS*", "jihadist"),
        ("2016-08-02", "acled", "Military Forces of the United States (2009-2017)",
         "foreign_gna", "Islamic State (Libya)*", "jihadist"),
        ("2016-08-09", "ucdp", "SDB*", "other_armed", "Forces of the House of Representatives*",
         "lna"),
        ("2017-10-04", "ucdp", "Government of Libya*", "gna", "IS*", "jihadist"),
        ("2017-11-08", "ucdp", "Government of Libya*", "gna", "PFLL*", "other_armed"),
        ("2019-04-10", "acled", "Tariq Ibn Ziyad Brigade*", "lna",
         "Tripoli Revolutionaries Brigade*", "gna"),
        ("2019-06-01", "acled", "Military Forces of Sudan (2019-) Rapid Support Forces*",
         "foreign_lna", "Misratah Communal Militia (Libya)*", "gna"),
        ("2019-07-02", "acled",
         "Pro-Haftar Faction and/or Military Forces of United Arab Emirates (2004-)*",
         "foreign_lna", "Migrants (Africa)", "civilians"),
        ("2019-08-01", "ucdp", "Ahali*", "other_armed", "Toubou*", "other_armed"),
        ("2020-01-10", "acled", "Wagner Group*", "foreign_lna",
         "Military Forces of Libya (2016-2021) Government of National Accord", "gna"),
        ("2020-05-18", "acled", "Pro-GNA Faction and/or Military Forces of Turkey (2016-)*",
         "foreign_gna", "Military Forces of Libya (2014-) Haftar Faction", "lna"),
        ("2020-06-05", "acled", "Military Forces of Turkey (2016-)*", "foreign_gna",
         "Tarhuna Brigade (Kaniyat)", "lna"),
    ],
    "GNU, GNS and LNA": [
        ("2021-06-01", "acled", "Wagner Group*", "foreign_lna", "Civilians (Libya)*",
         "civilians"),
        ("2022-01-10", "acled", "Protesters (Libya)*", "protesters",
         "Police Forces of Libya (2021-)*", "gnu"),
        ("2022-01-27", "acled", "Tariq Ibn Ziyad Brigade*", "lna", "Civilians (Libya)*",
         "civilians"),
        ("2022-03-10", "acled", "Military Forces of Libya (2022-) Government of National "
         "Stability", "gns", "Protesters (Libya)*", "protesters"),
        ("2022-04-18", "acled", "Islamic State (Libya)*", "jihadist", "Tariq Ibn Ziyad Brigade*",
         "lna"),
        ("2022-05-17", "acled", "Nawasi Brigade*", "other_armed", "Special Deterrence Forces*",
         "gnu"),
        ("2022-08-27", "acled", "Tripoli Revolutionaries Brigade*", "other_armed",
         "Police Forces of Libya (2021-)*", "gnu"),
        ("2023-01-15", "acled", "Military Forces of Turkey (2016-)*", "foreign_gnu",
         "Unidentified Armed Group (Libya)*", "unidentified_armed"),
        ("2023-05-01", "acled", "Misratah Communal Militia (Libya)*", "other_armed",
         "Labour Group (Libya)*", "civilians"),
        ("2024-06-01", "acled", "Military Forces of Russia (2000-) Africa Corps", "foreign_lna",
         "", None),
        ("2022-06-01", "ucdp", "Government of Libya*", "gnu", "Civilians*", "civilians"),
    ],
}


@pytest.mark.parametrize("era", list(ERAS))
def test_the_actors_of_each_era_get_the_side_they_were_on_at_the_date(era):
    rows = ERAS[era]
    sides = []
    for n in (1, 2):
        names = [row[2 * n].rstrip("*") for row in rows]
        got = coalitions(names, [r[0] for r in rows], [r[1] for r in rows])
        sides.append([None if pd.isna(g) else g for g in got])
        assert sides[-1] == [row[2 * n + 1] for row in rows], era
    unknown = sum(1 for pair in zip(*sides, strict=True) if UNKNOWN in pair)
    assert unknown / len(rows) < 0.05  # the target on real exports: at most 5 % of events


def test_each_eras_camps_are_named_for_that_era():
    labels = crosswalk().coalitions
    sides = {row[k] for row in ERAS["2011 revolution"] for k in (3, 5)} - {None}
    assert "GNA" not in " ".join(labels[s] for s in sides)
    assert {labels[s] for s in ("gaddafi", "revolutionaries", "nato")} <= {labels[s]
                                                                          for s in sides}


# Libyan actor names of the real ACLED 2014-15 Africa export (names only, no rows).
REAL_2014_15 = [
    "Abu Obeida Brigade", "Abu Salim Brigade", "Abu Salim Martyrs' Brigade",
    "Ajdabiya Martyrs Brigade", "Ajdabiya Revolutionaries'Shura Council",
    "Ajilat Communal Militia (Libya)", "Al Qaqa Brigade", "Al-Blaza Ethnic Militia (Libya)",
    "Al-Burayqah Martyr's Brigade", "Al-Raqaiat Ethnic Militia (Libya)", "Ansar al-Sharia",
    "Awlad Garbou Ethnic Militia (Libya)", "Awlad Suleiman Ethnic Militia (Libya)",
    "BRSC: Shura Council of Benghazi Revolutionaries", "Bashir Sadawi Brigade",
    "Bedouin Ethnic Militia (Libya)", "Berber Ethnic Militia (Libya)", "Brega Martyrs Brigade",
    "Civilians (International)", "Civilians (Libya)", "El-Mashashia Ethnic Militia (Libya)",
    "February 17 Martyrs Brigade", "Firjan Ethnic Militia (Libya)",
    "Former Military Forces of Libya (2012-2014)", "Gharyan Communal Militia (Libya)",
    "Government of Libya (2014-) General National Congress",
    "Government of Libya (2014-) House of Representatives",
    "ICRC: International Committee of the Red Cross and Red Crescent",
    "Islamic State (Cyrenaica Province)", "Islamic State (Fezzan Province)",
    "Islamic State (Tripoli)", "Islamic State of Tripoli", "Islamist Militia (Libya)",
    "Janzur Communal Militia (Libya)", "LROR: Libya Revolutionaries Operations Room",
    "Libya Shield Brigade", "Libyan Rebel Forces", "Margahni Clan Militia (Libya)",
    "Mercenaries (Liberia)", "Military Forces of Egypt (2014-)",
    "Military Forces of Egypt (2014-) Special Forces", "Military Forces of France",
    "Military Forces of Libya (2014-)", "Military Forces of Libya (2014-) Border Guards",
    "Military Forces of Libya (2014-) Special Forces", "Military Forces of Spain",
    "Military Forces of Tunisia (2014-)", "Military Forces of United States",
    "Militia (Ibrahim Jadran)", "Militia (Pro-Government)", "Misratah Communal Militia (Libya)",
    "Nahaj Clan Militia (Libya)", "Nawasi Brigade", "Obeidat Ethnic Militia (Libya)",
    "Operation Libya Dawn", "Police Forces of Libya (2014-)", "Prison Guards (Libya)",
    "Prisoners (Libya)", "Private Security Forces (Libya)", "Protesters (Libya)",
    "Qadhadhfa Ethnic Militia (Libya)", "Rafallah Sehati Brigade", "Rioters (Libya)",
    "RSF: Rapid Support Forces", "Sabratha Communal Militia (Libya)", "Shield Militia",
    "Shura CouncilofIslamic Youth", "Shura Council of Darnah Mujahidin",
    "Special Deterrence Forces", "Surman Communal Militia (Libya)",
    "Tabu Ethnic Group (Libya)", "Tabu Ethnic Militia (Libya)",
    "Tajoura Communal Militia (Libya)", "Tripoli Communal Militia (Libya)",
    "Tripoli Revolutionaries Brigade", "Tuareg Ethnic Group (Libya)",
    "Tuareg Ethnic Militia (Libya)", "UN: United Nations",
    "UNSMIL: United Nations Support Mission in Libya", "Unidentified Armed Group (Libya)",
    "Unidentified Communal Militia (Libya)", "Unidentified Ethnic Militia (Libya)",
    "Vigilante Militia (Libya)", "Wershefana Communal Militia (Libya)",
    "Zawiya Communal Group (Libya)", "Zawiya Communal Militia (Libya)", "Zawiya Martyrs Brigade",
    "Zintan Ethnic Group (Libya)", "Zintan Ethnic Militia (Libya)", "Zintan Martyrs Brigade",
    "Zultan Communal Group (Libya)", "Zuwarah Communal Militia (Libya)",
    "Zwai Ethnic Militia (Libya)", "101 Battalion (Tajoura)",
]


@pytest.mark.parametrize("day", ["2014-10-01", "2015-06-01", "2015-12-31"])
def test_every_libyan_name_of_the_real_2014_15_export_has_a_side(day):
    got = coalitions(REAL_2014_15, [day] * len(REAL_2014_15))
    assert {n for n, c in zip(REAL_2014_15, got, strict=True) if c == UNKNOWN} == set()


def real_libya_actors(path, country_column, columns, dataset):
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row[country_column] != "Libya":
                continue
            day = (row.get("event_date") or row["date_start"])[:10]
            for column in columns:
                for name in filter(None, row[column].split("; ")):
                    yield day, dataset, name


def test_no_libya_event_of_the_real_exports_has_an_actor_of_unknown_side(real_acled, real_ucdp):
    actors = [*real_libya_actors(real_acled, "country",
                                 ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2"), "acled"),
              *real_libya_actors(real_ucdp, "country", ("side_a", "side_b"), "ucdp")]
    assert len({a for a in actors if a[1] == "ucdp"}) >= 4  # 4 UCDP Libya events, 2 sides each
    got = coalitions([a[2] for a in actors], [a[0] for a in actors], [a[1] for a in actors])
    assert {a[2] for a, c in zip(actors, got, strict=True) if c == UNKNOWN} == set()


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
    ("Operation Libya Dawn", "2011-06-01", UNKNOWN),  # a name outside its era is reported
    ("Military Forces of Libya (1969-2011)", "2019-06-01", UNKNOWN),
])
def test_acled_names(name, day, expected):
    assert coalitions([name], [day]) == [expected]


def test_the_same_name_changes_side_with_the_date():
    days = ["2011-03-30", "2011-09-10", "2013-03-01", "2015-10-01", "2019-04-10", "2022-01-10"]
    assert coalitions(["Government of Libya"] * 6, days, "ucdp") == [
        "gaddafi", "revolutionaries", "transitional", "dawn", "gna", "gnu"]
    assert coalitions(["Military Forces of Turkey (2016-)"] * 3,
                      ["2018-01-01", "2020-01-05", "2023-01-01"]) == [
        "other_state", "foreign_gna", "foreign_gnu"]


def test_an_undated_event_gets_only_a_side_that_holds_at_every_date():
    got = map_coalitions(pd.Series(["Protesters (Libya)", "Military Forces of Turkey (2016-)"]),
                         pd.Series(pd.to_datetime([None, None])), pd.Series(["acled"] * 2))
    assert got.tolist() == ["protesters", UNKNOWN]


def test_empty_actor_is_no_coalition():
    assert pd.isna(coalitions([""], ["2019-04-10"])[0])


def test_dataset_specific_entries_do_not_leak():
    ucdp_only = [e for e in crosswalk().entries if e.dataset == "ucdp" and e.name]
    assert ucdp_only, "the UCDP side names should be dataset-specific entries"
    name = ucdp_only[0].name
    assert coalitions([name], ["2019-04-10"], "acled") == [UNKNOWN] or any(
        e.dataset is None and (e.name == name or (e.pattern and re.fullmatch(e.pattern, name)))
        for e in crosswalk().entries)


def test_the_result_keeps_the_index_of_the_input():
    actors = pd.Series(["Wagner Group", "", "Wagner Group"], index=[7, 3, 5])
    got = map_coalitions(actors, pd.Series(pd.to_datetime(["2020-01-01"] * 3), index=[7, 3, 5]),
                         pd.Series(["acled"] * 3, index=[7, 3, 5]))
    assert got.index.tolist() == [7, 3, 5]
    assert got[7] == got[5] == "foreign_lna" and pd.isna(got[3])


def coalitions(names, dates, dataset="acled"):
    datasets = dataset if isinstance(dataset, list) else [dataset] * len(names)
    return map_coalitions(pd.Series(names), pd.to_datetime(pd.Series(dates)),
                          pd.Series(datasets)).tolist()
