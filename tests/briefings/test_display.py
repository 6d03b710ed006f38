"""Display primitives: escaping for Markdown and HTML."""

from __future__ import annotations

from conftest import EVIL, IMG
from libya_conflict.briefings import (
    display,
)


def test_escape_markdown_leaves_no_markup():
    text = display.escape_markdown(f"# {EVIL} *x* _y_ [a](b) `c` $d$ | e\n\n- f")
    assert "<" not in text and ">" not in text
    assert text.startswith("\\#") and "\\*x\\*" in text and "\\[a\\]" in text
    assert "\\$d\\$" in text and "\n" not in text
    assert display.escape_markdown("1. first") == "1\\. first"
    assert display.escape_markdown("- item") == "\\- item"
    assert display.escape_markdown("O'Brien & \"co\"") == "O&#x27;Brien &amp; &quot;co&quot;"
    assert display.escape_html(IMG) == "&lt;img src=x onerror=alert(1)&gt;"


def test_sparkline_is_inline_spans_with_the_latest_bar_darkest():
    from libya_conflict.briefings.display import sparkline

    points = [{"start": f"2020-0{m}-01", "end": f"2020-0{m}-28", "value": v}
              for m, v in zip(range(1, 5), [None, 10, 20, 40], strict=True)]
    html = sparkline(points, "events")
    assert html.count('class="lc-spark-bar') == 4 and "<script" not in html and "<svg" not in html
    assert "lc-spark-none" in html and "not covered" in html
    assert html.rsplit("lc-spark-bar", 1)[1].count("#0072B2") == 1  # the period itself
    assert "height:26px;background-color:#0072B2" in html and "height:6px" in html
    assert 'aria-label="events in the last 4 periods: not covered, 10, 20, 40"' in html
    assert sparkline(points[:2], "events") == ""  # one known value is no trend
