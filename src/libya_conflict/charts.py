"""The charts the briefing notebooks draw (``from libya_conflict import charts``).

A facade over :mod:`libya_conflict.briefings` (``chart_base``, ``time_charts``, ``bar_charts``,
``maps``): one function per chart, each returning a Plotly figure whose title states the finding.
"""

from __future__ import annotations

from libya_conflict.briefings.bar_charts import (
    activity_by_side,
    civilian_harm_by_side,
    counterparts,
    counts_bar,
    dyads,
    event_mix,
    fatalities_by_district,
    precision_bars,
    top_places,
)
from libya_conflict.briefings.chart_base import ChartContext, annotate_key_events, no_events
from libya_conflict.briefings.maps import district_choropleth, event_map
from libya_conflict.briefings.time_charts import (
    events_over_time,
    fatalities_by_dataset,
    foreign_over_time,
    front_distance,
    remote_violence_over_time,
)

__all__ = [
    "ChartContext", "activity_by_side", "annotate_key_events", "civilian_harm_by_side",
    "counterparts", "counts_bar", "district_choropleth", "dyads", "event_map", "event_mix",
    "events_over_time",
    "fatalities_by_dataset", "fatalities_by_district", "foreign_over_time", "front_distance",
    "no_events", "precision_bars", "remote_violence_over_time", "top_places",
]
