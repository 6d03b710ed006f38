"""ACLED API JSON pages saved to a file: ``{"status": 200, "success": true, "data": [...]}``.

ACLED's API answers a page of events at a time. A user may save one page per file, several
pages in one file (a JSON array of pages, or one page per line), or the bare ``data`` array.
Each event is an object of the current layout's fields; numbers may arrive as numbers or as
text and inter codes as numbers or words ("Political militia"), so every value is turned into
the text a CSV export would hold.
"""

from __future__ import annotations

import json
from pathlib import Path

from libya_conflict.errors import InputError, one_line
from libya_conflict.reading.layouts import LAYOUTS_BY_NAME, Layout, clean_header

JSON_LAYOUT = "acled-api-json"


def json_layout() -> Layout:
    """Return the layout JSON pages are read in."""
    return LAYOUTS_BY_NAME[JSON_LAYOUT]


def read_json_events(text: str, path: Path) -> tuple[list[str], list[list[str]]]:
    """Return the field names and the events (as text) of a saved ACLED API JSON file.

    Raises
    ------
    InputError
        For text that is not JSON, an API error page, or pages without ACLED events.

    """
    records = []
    for page in _pages(text, path):
        records += _page_events(page, path)
    names: dict[str, None] = {}
    for record in records:
        names.update(dict.fromkeys(record))
    header = list(names)
    missing = sorted(json_layout().required - set(clean_header(header)))
    if records and missing:
        raise InputError(path, f"JSON events lack ACLED field(s) {', '.join(missing)}; fields "
                         f"seen: {', '.join(header[:15])}")
    rows = [[as_text(record.get(name)) for name in header] for record in records]
    return header, rows


def _pages(text: str, path: Path) -> list:
    """Parse one JSON document, or one per line (JSON Lines of pages)."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) < 2:
            raise InputError(path, f"not valid JSON ({one_line(exc)}); expected an ACLED API "
                             "page") from None
        try:
            return [json.loads(line) for line in lines]
        except json.JSONDecodeError as line_exc:
            raise InputError(path, f"not valid JSON ({one_line(line_exc)}); expected an ACLED "
                             "API page or one page per line") from None
    if isinstance(document, list) and document and all(
            isinstance(item, dict) and "data" in item for item in document):
        return document
    return [document]


def _page_events(page: object, path: Path) -> list[dict]:
    """Return the events of one page (or of a bare array of events)."""
    if isinstance(page, list):
        events = page
    elif isinstance(page, dict) and isinstance(page.get("data"), list):
        events = page["data"]
    elif isinstance(page, dict) and (page.get("success") is False or "error" in page):
        error = page.get("error") or page.get("messages") or page.get("message")
        raise InputError(path, f"the file is an ACLED API error page, not events: "
                         f"{one_line(ValueError(str(error)))[:200]}")
    else:
        keys = ", ".join(list(page)[:10]) if isinstance(page, dict) else type(page).__name__
        raise InputError(path, f"JSON has no 'data' array of events (saw {keys}); expected an "
                         "ACLED API page")
    bad = next((i for i, event in enumerate(events) if not isinstance(event, dict)), None)
    if bad is not None:
        raise InputError(path, f"event {bad + 1} of the 'data' array is not an object")
    return events


def as_text(value: object) -> str:
    """Render a JSON value as the text of a CSV cell (null is empty; 3.0 is 3)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
