"""The charts the briefing notebooks draw: ``from libya_conflict import charts``.

A facade over :mod:`libya_conflict.briefings` (``chart_base``, ``time_charts``, ``bar_charts``,
``maps``): one function per chart, each returning a Plotly figure whose title states the finding.
"""

from __future__ import annotations

from libya_conflict.briefings.bar_charts import (  # noqa: F401
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
from libya_conflict.briefings.chart_base import (  # noqa: F401
    DAY_MS,
    PERIODS,
    ChartContext,
    add_bars,
    add_hbar,
    annotate_key_events,
    bar_height,
    finish_chart,
    no_events,
    side_labels,
    time_axis,
    when_text,
)
from libya_conflict.briefings.maps import (  # noqa: F401
    LIBYA_LAT,
    LIBYA_LON,
    REFERENCE_TOWNS,
    event_map,
)
from libya_conflict.briefings.time_charts import (  # noqa: F401
    events_over_time,
    fatalities_by_dataset,
    foreign_over_time,
    front_distance,
    remote_violence_over_time,
)
