"""Charts: deterministic Plotly figures, findings as titles, fixed side colours, escaped labels."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from conftest import EVIL, IMG, figure_json, may_ctx
from libya_conflict.briefings import bar_charts, maps, time_charts
from libya_conflict.briefings.metadata import SAMPLE_BANNER

CHARTS = [time_charts.events_over_time, time_charts.remote_violence_over_time, maps.event_map,
          bar_charts.fatalities_by_district, bar_charts.activity_by_side,
          bar_charts.civilian_harm_by_side, time_charts.front_distance,
          time_charts.foreign_over_time, bar_charts.event_mix, bar_charts.top_places,
          bar_charts.counterparts, bar_charts.dyads, maps.district_choropleth]
MAPS = {"event_map", "district_choropleth"}


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.__name__)
def test_every_chart_has_a_finding_and_is_deterministic(chart, may):
    acled = may[may["dataset"].eq("acled")]
    fig = chart(acled, may_ctx())
    again = chart(acled, may_ctx())
    assert isinstance(fig, go.Figure)
    assert figure_json(fig) == figure_json(again)
    assert fig.layout.title.text and "uid" not in figure_json(fig)
    subtitle = fig.layout.title.subtitle.text.replace("<br>", " ")
    assert "Greater Tripoli" in subtitle and "1\u201331 May 2020" in subtitle
    assert SAMPLE_BANNER in subtitle and "Source: ACLED" in subtitle


@pytest.mark.parametrize("chart", CHARTS + [time_charts.fatalities_by_dataset],
                         ids=lambda c: c.__name__)
def test_every_chart_says_when_there_is_nothing(chart, may):
    fig = chart(may.iloc[:0], may_ctx(synthetic=False))
    assert fig.layout.title.text.startswith("No ")
    assert SAMPLE_BANNER not in fig.layout.title.subtitle.text
    if chart.__name__ in MAPS:
        # A quiet place still gets its map: the districts, no bubble, no colour.
        assert {t.type for t in fig.data} <= {"choropleth", "scattergeo"}
        assert not any(t.type == "scattergeo" and t.mode == "markers" for t in fig.data)
        assert all(t.showscale is False for t in fig.data if t.type == "choropleth")
        return
    assert not fig.data and fig.layout.annotations[0].text == fig.layout.title.text


def test_text_from_the_data_is_escaped(may):
    planted = may.copy()
    planted.loc[0, "location"] = IMG
    planted.loc[0, "actor1"] = EVIL
    text = "".join(figure_json(chart(planted, may_ctx())) for chart in CHARTS)
    text += figure_json(bar_charts.counterparts(planted, may_ctx(), names=[LNA_NAME]))
    assert "<script" not in text and "<img" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


LNA_NAME = "Military Forces of Libya (2014-) Haftar Faction"
