"""The briefings as a reader gets them: PDF pages checked as images, pages drawn offline.

Three briefings are built on the sample (the national situation briefing, the war on Tripoli
and a quiet district), printed by Chromium and rendered page by page (pypdfium2): charts must
fill the text width, key-event markers must never touch, and no page but the last may be left
half empty. The HTML pages must draw every chart and map with the network blocked.
"""

from __future__ import annotations

from collections import deque
from pathlib import Path

import nbformat
import numpy as np
import pytest

from libya_conflict.briefings.event_marks import MARKER_FILL
from libya_conflict.briefings.metadata import PLOTLY_MIMETYPE
from report_helpers import check_offline

DPI = 100
MM = DPI / 25.4
# The page's geometry (templates/libya_conflict/static/briefing.css and publishing/pdf.py).
TOP, BOTTOM, SIDE = 14 * MM, (297 - 16) * MM, 12 * MM
RULE = (216, 221, 227)      # the rule above each section heading, as wide as the text
BRIEFINGS = {
    "situation": ("situation_briefing", {}),
    "war": ("tripoli_offensive", {}),
    "quiet": ("district_profile", {"district": "Kufra"}),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict:
    from libya_conflict.publishing.build import build
    from libya_conflict.publishing.pdf import PdfPrinter

    out = tmp_path_factory.mktemp("printed")
    with PdfPrinter() as printer:
        return {key: build(name, params, out=out, printer=printer)
                for key, (name, params) in BRIEFINGS.items()}


def pages(pdf: Path) -> list[np.ndarray]:
    """Render every page of a PDF as an RGB array at :data:`DPI`."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return [doc[i].render(scale=DPI / 72, rev_byteorder=True).to_numpy()[:, :, :3].copy()
                for i in range(len(doc))]
    finally:
        doc.close()


def near(image: np.ndarray, colour: tuple[int, int, int], tolerance: int = 10) -> np.ndarray:
    return (np.abs(image.astype(int) - np.array(colour)) <= tolerance).all(axis=2)


def longest_run(mask: np.ndarray) -> int:
    """Return the longest horizontal run of True in any row of a mask."""
    best = 0
    for row in mask[mask.any(axis=1)]:
        padded = np.concatenate([[0], row.astype(np.int8), [0]])
        edges = np.flatnonzero(np.diff(padded))
        best = max(best, int((edges[1::2] - edges[::2]).max()))
    return best


def chart_titles(result) -> list[tuple[str, str, dict]]:
    """Return (first words of the title, kind, layout) of each chart of a built briefing."""
    import html

    nb = nbformat.read(result.paths["ipynb"], as_version=4)
    out = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            figure = o.get("data", {}).get(PLOTLY_MIMETYPE)
            if not figure:
                continue
            layout = figure["layout"]
            kind = ("map" if "geo" in layout else
                    "time" if layout.get("xaxis", {}).get("type") == "date" else "other")
            words = html.unescape(layout["title"]["text"].split("<br>")[0])[:30]
            out.append((words, kind, layout))
    return out


def find_text(doc, text: str) -> list[tuple[int, float]]:
    """Return the page and top (in pixels at :data:`DPI`) of each occurrence of a text."""
    found = []
    for number in range(len(doc)):
        page = doc[number]
        textpage = page.get_textpage()
        search = textpage.search(text)
        while (hit := search.get_next()):
            top = textpage.get_charbox(hit[0])[3]
            found.append((number, (page.get_size()[1] - top) * DPI / 72))
    return found


def grid_span(page: np.ndarray, top: float, bottom: float) -> int:
    """Return the width of a chart's plot: the longest horizontal grid line in a band.

    A grid line is one light grey along a row (anti-aliasing may lighten it, evenly), broken
    where bars stand in front of it; the top lines, above most bars, run across the plot.
    """
    band = page[int(top):int(bottom)].astype(int)
    neutral = (np.abs(band[:, :, 0] - band[:, :, 1]) < 3) & (
        np.abs(band[:, :, 1] - band[:, :, 2]) < 3)
    value = np.where(neutral & (band[:, :, 0] >= 215) & (band[:, :, 0] <= 248),
                     band[:, :, 0], 0)
    best = 0
    for row in value:
        counts = np.bincount(row, minlength=256)
        counts[0] = 0
        if not counts.any():
            continue
        xs = np.flatnonzero((row > 0) & (np.abs(row - counts.argmax()) <= 1))
        if len(xs) >= 100 and len(xs) >= 0.4 * (xs[-1] - xs[0]):
            best = max(best, int(xs[-1] - xs[0]))
    return best


def ink_span(page: np.ndarray, top: float, bottom: float) -> int:
    """Return how wide the ink of a band spreads (a map and the key beside it)."""
    band = page[int(top):int(bottom)].astype(int)
    columns = np.flatnonzero((band.min(axis=2) < 200).sum(axis=0) >= 2)
    return int(columns[-1] - columns[0]) if len(columns) else 0


def components(mask: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Return the bounding boxes (top, left, bottom, right) of 8-connected regions."""
    seen = np.zeros_like(mask, dtype=bool)
    boxes = []
    for y, x in zip(*np.nonzero(mask), strict=True):
        if seen[y, x]:
            continue
        seen[y, x] = True
        queue, box = deque([(y, x)]), [y, x, y, x]
        while queue:
            cy, cx = queue.popleft()
            box = [min(box[0], cy), min(box[1], cx), max(box[2], cy), max(box[3], cx)]
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    ny, nx = cy + dy, cx + dx
                    if (0 <= ny < mask.shape[0] and 0 <= nx < mask.shape[1]
                            and mask[ny, nx] and not seen[ny, nx]):
                        seen[ny, nx] = True
                        queue.append((ny, nx))
        boxes.append(tuple(box))
    return boxes


def markers_in(result) -> int:
    nb = nbformat.read(result.paths["ipynb"], as_version=4)
    return sum(1 for cell in nb.cells for o in cell.get("outputs", [])
               for a in o.get("data", {}).get(PLOTLY_MIMETYPE, {}).get("layout", {})
               .get("annotations", []) if a.get("bgcolor") == MARKER_FILL)


@pytest.mark.parametrize("key", list(BRIEFINGS))
def test_charts_fill_the_text_width(built, key):
    import pypdfium2

    result = built[key]
    images = pages(result.paths["pdf"])
    text_width = images[0].shape[1] - 2 * SIDE
    rules = max(longest_run(near(page, RULE, 6)) for page in images)
    assert rules >= 0.97 * text_width  # the rules above the headings span the text
    doc = pypdfium2.PdfDocument(str(result.paths["pdf"]))
    checked = 0
    try:
        for words, kind, layout in chart_titles(result):
            if kind == "other":
                continue  # bar charts by name: their bars are as long as their values
            where = find_text(doc, words)
            assert where, f"chart {words!r} not found in the PDF"
            scale = DPI / 96  # Chromium prints CSS pixels at 96 to the inch
            # The plot, from under the title block to the foot of the figure (key included);
            # the same words may open a sentence too, so the chart is where they have one.
            span = grid_span if kind == "time" else ink_span
            extent = max(span(images[number], top + layout["margin"]["t"] * scale,
                              top + layout["height"] * scale) for number, top in where)
            # A key beside a time chart squeezed its plot into the left half of the page; a
            # map narrower than the page has its key in the room beside it.
            assert extent >= 0.84 * text_width, (words, extent, text_width)
            checked += 1
    finally:
        doc.close()
    assert checked >= (1 if key == "quiet" else 2)


@pytest.mark.parametrize("key", list(BRIEFINGS))
def test_no_page_but_the_last_is_half_empty(built, key):
    images = pages(built[key].paths["pdf"])
    for number, page in enumerate(images[:-1], start=1):
        ink = ~near(page, (255, 255, 255), 8)
        ink[int(BOTTOM):] = False  # the page number in the bottom margin
        lowest = np.flatnonzero(ink.any(axis=1)).max()
        filled = (lowest - TOP) / (BOTTOM - TOP)
        assert filled > 0.5, f"{key}: page {number} of {len(images)} is {filled:.0%} filled"


def test_key_event_markers_never_overlap_on_paper(built):
    result = built["war"]
    expected = markers_in(result)
    assert expected >= 10
    boxes = [box for page in pages(result.paths["pdf"])
             for box in components(near(page, (0xEF, 0xE6, 0xF7), 6))]
    boxes = [b for b in boxes if (b[2] - b[0]) >= 6 and (b[3] - b[1]) >= 6]
    # Markers that touched would merge into one region: as many regions as markers, each one
    # marker high.
    assert len(boxes) == expected
    heights = [b[2] - b[0] for b in boxes]
    assert max(heights) <= 1.5 * min(heights)


DISTRICTS_DRAWN = """() => Array.from(document.querySelectorAll('.plotly-graph-div'))
    .map((div) => div.querySelectorAll('.choroplethlayer path.choroplethlocation[d]').length)
    .filter((n) => n > 0)"""


@pytest.mark.parametrize("key", list(BRIEFINGS))
def test_pages_draw_offline_with_their_district_maps(built, browser, key):
    from libya_conflict.publishing.pdf import CHARTS_DRAWN

    page_path = built[key].paths["html"]
    check = check_offline(browser, page_path)
    assert check.charts >= 4 and check.drawn == check.charts
    assert check.geo_paths > 0
    assert (check.outside, check.errors, check.pwned) == ([], [], None)
    # The district polygons are in the page itself: drawn with every request refused.
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
        "file:") else route.abort())
    try:
        tab = context.new_page()
        tab.goto(page_path.resolve().as_uri(), wait_until="load")
        tab.wait_for_function(CHARTS_DRAWN, timeout=30_000, polling=100)
        drawn = tab.evaluate(DISTRICTS_DRAWN)
    finally:
        context.close()
    assert drawn, "no district drawn"
    if key == "situation":
        assert 22 in drawn  # the national choropleth: every district coloured or greyed


def test_key_points_come_first(built):
    from report_helpers import pdf_text

    text = " ".join(pdf_text(built["situation"].paths["pdf"].read_bytes()).split())
    assert text.index("Key points") < text.index("events (ACLED)") < text.index("What happened")
    assert "(see \u201cMost significant events\u201d)" in text


def page_texts(pdf: Path) -> list[str]:
    """The text of each page of a PDF, whitespace collapsed."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return [" ".join(doc[i].get_textpage().get_text_range().split())
                for i in range(len(doc))]
    finally:
        doc.close()


@pytest.mark.parametrize("key", ["situation", "war"])
def test_a_table_starts_on_the_page_of_its_heading_and_caption(built, key):
    texts = page_texts(built[key].paths["pdf"])
    first = {part: next((n for n, t in enumerate(texts) if part in t), None)
             for part in ("Descriptions of documented events follow public reporting",
                          "the others are the dataset's own notes", "Why listed")}
    # The caption is never cut in two, and the table's header (held to its first row; rows
    # are never split) is on the caption's page, under the section's heading.
    assert len(set(first.values())) == 1 and None not in first.values(), (key, first)
    if key == "situation":  # its own section (in the war briefing, under civilian harm)
        assert "Most significant events" in texts[first["Why listed"]]
