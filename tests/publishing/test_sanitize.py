"""Tests of the reader-facing HTML export, in a real headless Chromium with the network blocked."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from libya_conflict.publishing import sanitize
from report_helpers import PLANTED_IMG, PLANTED_SCRIPT


@pytest.mark.parametrize("dirty", [
    PLANTED_SCRIPT, PLANTED_IMG, '<a href="javascript:alert(1)">x</a>', "<svg onload=alert(1)>",
    '<iframe src="https://example.org"></iframe>', '<p onclick="alert(1)">x</p>',
    '<img src="https://example.org/x.png">', '<div style="background:url(https://x.org/a)">',
])
def test_sanitize_html_leaves_nothing_live(dirty):
    clean = sanitize.sanitize_html(dirty)
    soup = BeautifulSoup(clean, "html.parser")
    assert not soup.find_all(["script", "iframe", "svg"])
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            assert not name.startswith("on"), clean
            assert "javascript:" not in str(value) and "https:" not in str(value), clean


def test_sanitize_html_keeps_tables_and_inline_images():
    table = ('<table class="dataframe"><thead><tr><th>Date</th></tr></thead>'
             '<tbody><tr><td style="text-align: right;">4 April 2019</td></tr></tbody></table>')
    image = '<img alt="chart" src="data:image/png;base64,iVBORw0KGgo=">'
    clean = sanitize.sanitize_html(table + image)
    assert '<table class="dataframe">' in clean and "4 April 2019" in clean
    assert 'style="text-align: right;"' in clean
    assert 'src="data:image/png;base64,iVBORw0KGgo="' in clean
