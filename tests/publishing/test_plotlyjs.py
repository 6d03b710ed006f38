"""Tests of the plotly.js bundle choice, the packaged partial bundle and the warm-up page."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from libya_conflict.publishing import plotlyjs
from libya_conflict.publishing.pdf import CHARTS_DRAWN
from report_helpers import check_offline

PARTIAL = plotlyjs.partial_bundle()


def test_partial_bundle_names_its_version_and_trace_types():
    assert PARTIAL is not None
    assert PARTIAL.traces == {"scatter", "bar", "scattergeo", "choropleth"}
    assert PARTIAL.version.count(".") == 2
    # A third of plotly's full bundle: what makes pages smaller and PDFs faster.
    full = plotlyjs.full_bundle().path.stat().st_size
    assert PARTIAL.path.stat().st_size < full / 2


def test_bundle_for_takes_the_partial_bundle_only_when_it_draws_every_trace(monkeypatch):
    full = dataclasses.replace(plotlyjs.full_bundle(), version=PARTIAL.version)
    monkeypatch.setattr(plotlyjs, "full_bundle", lambda: full)
    assert plotlyjs.bundle_for({"bar", "scattergeo", "choropleth"}) == PARTIAL
    assert plotlyjs.bundle_for(set()) == PARTIAL
    assert plotlyjs.bundle_for({"bar", "pie"}) == full
    assert plotlyjs.bundle_for({"choropleth", "heatmap"}) == full


def test_bundle_for_falls_back_when_plotly_expects_another_plotly_js(monkeypatch):
    # After an upgrade of plotly, figures may use attributes the old bundle does not know.
    full = dataclasses.replace(plotlyjs.full_bundle(), version="99.0.0")
    monkeypatch.setattr(plotlyjs, "full_bundle", lambda: full)
    assert plotlyjs.bundle_for({"bar"}) == full


def test_partial_bundle_missing_or_without_header(monkeypatch, tmp_path):
    plotlyjs.partial_bundle.cache_clear()
    try:
        monkeypatch.setattr(plotlyjs, "data_path", lambda name: tmp_path)
        assert plotlyjs.partial_bundle() is None
        (tmp_path / plotlyjs.PARTIAL_NAME).write_text("var Plotly = {};\n", encoding="utf-8")
        plotlyjs.partial_bundle.cache_clear()
        assert plotlyjs.partial_bundle() is None
        monkeypatch.setattr(plotlyjs, "full_bundle", lambda: PARTIAL)
        assert plotlyjs.bundle_for({"bar"}) == PARTIAL  # the full bundle, here played by it
    finally:
        plotlyjs.partial_bundle.cache_clear()


def test_trace_types_default_to_scatter():
    figure = {"data": [{"type": "bar"}, {"x": [1]}, {"type": "scattergeo"}]}
    assert plotlyjs.trace_types(figure) == {"bar", "scatter", "scattergeo"}
    assert plotlyjs.trace_types({}) == set()


def test_topojson_script_cannot_close_its_script_element():
    script = plotlyjs.topojson_script()
    assert script.startswith("window.PlotlyGeoAssets")
    assert '["africa_50m"]' in script and "</" not in script


def test_partial_bundle_registers_exactly_its_trace_types(browser, tmp_path):
    page_path = tmp_path / "bundle.html"
    page_path.write_text('<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
                         f'<script src="{PARTIAL.path.as_uri()}"></script></head>'
                         "<body></body></html>", encoding="utf-8")
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(page_path.as_uri(), wait_until="load")
        version, traces = page.evaluate(
            "() => [Plotly.version, Object.keys(Plotly.PlotSchema.get().traces)]")
    finally:
        context.close()
    assert version == PARTIAL.version
    assert set(traces) == PARTIAL.traces


def test_warm_page_draws_a_chart_and_a_map_offline(browser, tmp_path):
    path = tmp_path / "warm.html"
    path.write_text(plotlyjs.warm_page(), encoding="utf-8")
    check = check_offline(browser, path)
    assert check.charts == 2 and check.drawn == 2 and check.geo_paths > 0
    assert check.outside == [] and check.errors == []
    assert "geolayer" in CHARTS_DRAWN  # the printer waits for the same thing


@pytest.mark.skipif(not Path("scripts/build_plotlyjs.sh").exists(), reason="not a checkout")
def test_bundle_build_script_matches_the_declared_traces():
    entry = Path("scripts/plotlyjs/entry.js").read_text(encoding="utf-8")
    build = Path("scripts/plotlyjs/build.js").read_text(encoding="utf-8")
    registered = {"scatter"} | {name for name in ("bar", "scattergeo", "pie", "choropleth")
                                if f"plotly.js/lib/{name}'" in entry}
    assert registered == PARTIAL.traces
    assert "const TRACES = ['scatter', 'bar', 'scattergeo', 'choropleth'];" in build
