"""Maps: events on Libya with fixed side colours."""

from __future__ import annotations

from conftest import figure_json, may_ctx
from libya_conflict.briefings import maps, theme
from libya_conflict.reference.crosswalk import coalition_labels


def test_map_is_a_scatter_geo_over_libya_with_fixed_side_colours(may):
    fig = maps.event_map(may[may["dataset"].eq("acled")], may_ctx())
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
