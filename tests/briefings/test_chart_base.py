"""Charts: deterministic Plotly figures, findings as titles, fixed side colours, escaped labels."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from conftest import event, events_table
from libya_conflict.briefings import bar_charts, chart_base, maps, theme, time_charts
from libya_conflict.briefings.metadata import SAMPLE_BANNER
from libya_conflict.briefings.selection import Period
from libya_conflict.reference.crosswalk import coalition_labels
from libya_conflict.reference.key_events import in_window, key_events

MAY = Period.of("2020-05-01", "2020-05-31")
EVIL = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def ctx(synthetic: bool = True, period: Period = MAY, **kw) -> chart_base.ChartContext:
    window = in_window(key_events(), period.start, period.end, ["Tripoli", "Jafara"])
    return chart_base.ChartContext(period, "Greater Tripoli", "acled", synthetic, window, **kw)


@pytest.fixture(scope="module")
def may() -> pd.DataFrame:
    return events_table(
        event(date="2020-05-02", fatalities=3),
        event(date="2020-05-03", event_type="Explosions/Remote violence",
              sub_event_type="Shelling/artillery/missile attack", coalition1="lna",
              coalition2="civilians", actor1="Tarhuna Brigade (Kaniyat)",
              actor2="Civilians (Libya)", civilian_targeting=True, fatalities=7),
        event(date="2020-05-16", event_type="Explosions/Remote violence",
              sub_event_type="Air/drone strike", coalition1="foreign_gna", fatalities=0,
              district="Jafara", location="Al Aziziyah", latitude=32.53, longitude=13.02),
        event(date="2020-05-20", dataset="ucdp", sub_event_type="State-based violence (UCDP)",
              fatalities=11),
    )


CHARTS = [time_charts.events_over_time, time_charts.remote_violence_over_time, maps.event_map,
          bar_charts.fatalities_by_district, bar_charts.activity_by_side,
          bar_charts.civilian_harm_by_side, time_charts.front_distance,
          time_charts.foreign_over_time, bar_charts.event_mix, bar_charts.top_places,
          bar_charts.counterparts, bar_charts.dyads]


def figure_json(fig: go.Figure) -> str:
    return json.dumps(fig.to_plotly_json(), sort_keys=True, default=str)


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.__name__)
def test_every_chart_has_a_finding_and_is_deterministic(chart, may):
    acled = may[may["dataset"].eq("acled")]
    fig = chart(acled, ctx())
    again = chart(acled, ctx())
    assert isinstance(fig, go.Figure)
    assert figure_json(fig) == figure_json(again)
    assert fig.layout.title.text and "uid" not in figure_json(fig)
    subtitle = fig.layout.title.subtitle.text.replace("<br>", " ")
    assert "Greater Tripoli" in subtitle and "1\u201331 May 2020" in subtitle
    assert SAMPLE_BANNER in subtitle and "Source: ACLED" in subtitle


@pytest.mark.parametrize("chart", CHARTS + [time_charts.fatalities_by_dataset],
                         ids=lambda c: c.__name__)
def test_every_chart_says_when_there_is_nothing(chart, may):
    fig = chart(may.iloc[:0], ctx(synthetic=False))
    assert fig.layout.title.text.startswith("No ")
    assert not fig.data and fig.layout.annotations[0].text == fig.layout.title.text
    assert SAMPLE_BANNER not in fig.layout.title.subtitle.text


def test_titles_state_the_finding(may):
    acled = may[may["dataset"].eq("acled")]
    assert bar_charts.fatalities_by_district(acled, ctx()).layout.title.text == (
        "Tripoli had the most reported fatalities (10 of 10)")
    harm = bar_charts.civilian_harm_by_side(acled, ctx()).layout.title.text.replace("<br>", " ")
    assert harm == ("LNA-aligned forces were named as perpetrators in the only event targeting "
                    "civilians")
    assert time_charts.events_over_time(acled, ctx()).layout.title.text.startswith(
        "Events peaked on 2 May 2020 (one event)")


def test_map_is_a_scatter_geo_over_libya_with_fixed_side_colours(may):
    fig = maps.event_map(may[may["dataset"].eq("acled")], ctx())
    geo = fig.layout.geo
    assert geo.scope == "africa" and geo.resolution == 50
    assert tuple(geo.lonaxis.range) == (9, 26) and tuple(geo.lataxis.range) == (19, 34)
    traces = {t.name: t for t in fig.data if t.showlegend is not False}
    labels = coalition_labels()
    for side in ("gna", "lna", "foreign_gna"):
        assert traces[labels[side]].marker.color == theme.SIDE_COLOURS[side]
    gna = traces[labels["gna"]]
    assert list(gna.marker.size) == [3] and gna.marker.sizemode == "area"
    assert all(t.type == "scattergeo" for t in fig.data)
    assert "cdn" not in figure_json(fig).lower() and "http" not in figure_json(fig).lower()


def test_side_colours_are_fixed_distinct_and_cover_every_coalition():
    assert set(theme.SIDE_COLOURS) == set(coalition_labels())
    assert len(set(theme.SIDE_COLOURS.values())) == len(theme.SIDE_COLOURS)


def test_activity_chart_uses_the_side_colours(may):
    fig = bar_charts.activity_by_side(may, ctx())
    labels = coalition_labels()
    bar = fig.data[0]
    colours = dict(zip(bar.y, bar.marker.color, strict=True))
    assert colours[labels["gna"]] == theme.SIDE_COLOURS["gna"]
    assert colours[labels["lna"]] == theme.SIDE_COLOURS["lna"]


def test_text_from_the_data_is_escaped(may):
    planted = may.copy()
    planted.loc[0, "location"] = IMG
    planted.loc[0, "actor1"] = EVIL
    text = "".join(figure_json(chart(planted, ctx())) for chart in CHARTS)
    text += figure_json(bar_charts.counterparts(planted, ctx(), names=[LNA_NAME]))
    assert "<script" not in text and "<img" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


LNA_NAME = "Military Forces of Libya (2014-) Haftar Faction"


def test_both_datasets_side_by_side_never_summed(may):
    fig = time_charts.fatalities_by_dataset(may, ctx())
    assert [t.name for t in fig.data] == ["ACLED", "UCDP GED"]
    assert fig.layout.barmode == "group"
    assert sum(fig.data[0].y) == 10 and sum(fig.data[1].y) == 11
    assert "21" not in fig.layout.title.text


def test_key_events_few_are_labelled_many_are_numbered_and_listed(may):
    acled = may[may["dataset"].eq("acled")]
    few = time_charts.events_over_time(acled, ctx(period=Period.of("2020-05-17", "2020-06-30")))
    texts = [a.text for a in few.layout.annotations]
    assert "GNA retakes Tripoli airport" in texts
    assert len(few.layout.shapes) == 1  # one dotted line per date
    war = Period.of("2019-04-04", "2020-10-23")
    many = time_charts.events_over_time(acled, ctx(period=war))
    listing = [a.text for a in many.layout.annotations if a.text.startswith("Key events:")]
    assert len(listing) == 1 and "IDP shelter shelled in Tripoli (16 May 2020)" in listing[0]
    assert "1" in [a.text for a in many.layout.annotations]


def test_time_step_can_be_forced(may):
    fig = time_charts.events_over_time(may, ctx(step="week"))
    assert fig.data[0].xperiod == 7 * chart_base.DAY_MS
    assert "per week" in fig.layout.title.subtitle.text


def test_precision_and_counts_charts(may):
    fig = bar_charts.precision_bars(may, ctx(), "date_precision")
    assert [t.name for t in fig.data] == ["ACLED", "UCDP GED"]
    title = fig.layout.title.text.replace("<br>", " ")
    assert title == "100% of ACLED events and 100% of UCDP GED events are dated to the day"
    bars = bar_charts.counts_bar({"admin2": 3, "coordinates": 1}, ctx(), "what", "title", "none")
    assert list(bars.data[0].y) == ["admin2", "coordinates"]
    empty = bar_charts.counts_bar({}, ctx(), "what", "title", "Nothing")
    assert empty.layout.title.text == "Nothing"
