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
