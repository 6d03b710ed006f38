"""The charts' theme: colours, escaping, and a layout whose parts never overlap when drawn."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from libya_conflict.briefings import theme
from libya_conflict.briefings.metadata import SAMPLE_BANNER
from libya_conflict.publishing import plotlyjs
from libya_conflict.reference.crosswalk import coalition_labels

LONG_NAMES = ["Strategic developments", "Protests", "Violence against civilians", "Battles",
              "Explosions/Remote violence", "Riots"]
BOXES = """() => {
  const box = (el) => { const r = el.getBoundingClientRect();
                        return [r.left, r.top, r.right, r.bottom]; };
  return {
    figure: box(document.querySelector('.plotly-graph-div')),
    legend: box(document.querySelector('.legend')),
    plot: box(document.querySelector('.nsewdrag')),
    title: Array.from(document.querySelectorAll('.gtitle, .gtitle-subtitle')).map(box),
  };
}"""


def stacked_bars(synthetic: bool = True) -> go.Figure:
    fig = go.Figure([go.Bar(x=["2020-04-01", "2020-04-02"], y=[n, n + 1], name=name)
                     for n, name in enumerate(LONG_NAMES)])
    fig.update_layout(barmode="stack")
    return theme.finish(fig, "Events peaked on 30 April 2020 (17 events); explosions and remote "
                        "violence were the most common type of event in the period",
                        "Events per day by type · ACLED · 1–30 April 2020 · Libya", ["acled"],
                        synthetic)


def overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_title_and_subtitle_say_source_and_sample():
    fig = stacked_bars()
    assert "<br>" in fig.layout.title.text  # a long finding wraps
    subtitle = fig.layout.title.subtitle.text
    assert "Source: ACLED" in subtitle and SAMPLE_BANNER in subtitle
    assert SAMPLE_BANNER not in stacked_bars(synthetic=False).layout.title.subtitle.text
    # Room above the plot for every line of title and subtitle.
    rows = fig.layout.title.text.count("<br>") + subtitle.count("<br>") + 2
    assert fig.layout.margin.t >= 19 * rows


def test_text_is_escaped_for_plotly():
    assert theme.safe("<b>x</b> & y") == "&lt;b&gt;x&lt;/b&gt; &amp; y"


@pytest.mark.parametrize("width", [700, 1000])
def test_drawn_legend_title_and_plot_never_overlap(browser, tmp_path, width):
    fig = stacked_bars()
    page = tmp_path / "chart.html"
    div = pio.to_html(fig, full_html=False, include_plotlyjs=False, div_id="chart",
                      config={"responsive": True})
    bundle = plotlyjs.bundle_for({"bar"})
    page.write_text('<!DOCTYPE html><html><head><meta charset="utf-8">'
                    f'<script src="{bundle.path.as_uri()}"></script></head>'
                    f'<body style="margin:0;width:{width}px">{div}</body></html>',
                    encoding="utf-8")
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        tab = context.new_page()
        tab.goto(page.as_uri(), wait_until="load")
        tab.wait_for_selector(".legend")
        boxes = tab.evaluate(BOXES)
    finally:
        context.close()
    assert len(boxes["title"]) == 2
    for part in boxes["title"]:
        assert not overlap(part, boxes["legend"]), (part, boxes["legend"])
        assert not overlap(part, boxes["plot"]), (part, boxes["plot"])
        assert part[2] <= boxes["figure"][2] + 1  # inside the figure, not cut at its right
    assert not overlap(boxes["legend"], boxes["plot"])


def test_side_colours_are_fixed_distinct_and_cover_every_coalition():
    assert set(theme.SIDE_COLOURS) == set(coalition_labels())
    assert len(set(theme.SIDE_COLOURS.values())) == len(theme.SIDE_COLOURS)
