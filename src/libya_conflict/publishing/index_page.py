"""The reports' index: ``index.json`` (every briefing's run, as data) and ``index.html``.

A schedule keeps one entry per run: the files of its last good report, its headline figures
(from the notebook's metadata), when it was built and the fingerprint of its inputs, and, when
its last run failed, the error. ``index.html`` lists them grouped by notebook, offline and
escaped, with the failures first.

"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path
from typing import Any

import libya_conflict
from libya_conflict.briefings.metadata import SAMPLE_BANNER
from libya_conflict.files import write_atomic
from libya_conflict.publishing.refresh import data_facts
from libya_conflict.publishing.schedule_config import Run

INDEX_JSON = "index.json"
INDEX_HTML = "index.html"


def now_utc() -> str:
    """Return the time now, UTC, to the second, as ``2026-01-31T12:00:00Z``."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def read_index(out: Path) -> dict:
    """Return the previous ``index.json`` (an empty index when there is none or it is bad)."""
    try:
        index = json.loads((out / INDEX_JSON).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"briefings": []}
    return index if isinstance(index.get("briefings"), list) else {"briefings": []}


def entry_for(run: Run, result: Any, out: Path, fp: str, worker: str = "local") -> dict:
    """Return the index entry of a successful build (``worker``: where it was built)."""
    return {
        "key": run.key, "notebook": run.name, "slug": result.slug,
        "parameters": result.parameters, "given": run.parameters,
        "headline": result.headline, "synthetic": result.synthetic,
        "files": {fmt: path.relative_to(out).as_posix() for fmt, path in result.paths.items()},
        "built_at": result.stamp.get("run_at") or now_utc(), "seconds": round(result.seconds, 2),
        "fingerprint": fp, "status": "ok", "error": None, "failed_at": None,
        "data": data_facts(result.parameters.get("data") or run.parameters.get("data")),
        "worker": worker,
    }


def failed_entry(run: Run, previous: dict | None, message: str,
                 failed_notebook: str | None = None, worker: str = "local") -> dict:
    """Return the index entry of a failed run: the previous good report, with the error.

    ``worker`` stays that of the previous report; ``failed_worker`` is where this run failed.
    """
    entry = dict(previous or {"key": run.key, "notebook": run.name, "slug": None,
                              "parameters": run.parameters, "given": run.parameters,
                              "headline": {}, "synthetic": False, "files": {},
                              "built_at": None, "seconds": None, "fingerprint": None,
                              "worker": None})
    entry.update(status="failed", error=message, failed_at=now_utc(),
                 failed_notebook=failed_notebook, failed_worker=worker)
    return entry


def unchanged(previous: dict | None, fp: str, out: Path) -> bool:
    """Tell whether a run's last good report is current and all its files are in place."""
    if not previous or previous.get("fingerprint") != fp or previous.get("status") != "ok":
        return False
    return all((out / rel).is_file() for rel in previous.get("files", {}).values())


def write_index(out: Path, entries: list[dict], config_path: Path) -> Path:
    """Write ``index.json`` and ``index.html`` (atomically); return the HTML's path."""
    index = {"generated_at": now_utc(), "schedule": str(config_path),
             "package_version": libya_conflict.__version__, "briefings": entries}
    text = json.dumps(index, indent=1, ensure_ascii=False, default=str)
    write_atomic(out / INDEX_JSON, lambda p: p.write_text(text + "\n", encoding="utf-8"))
    page = render_index(index)
    write_atomic(out / INDEX_HTML, lambda p: p.write_text(page, encoding="utf-8"))
    for name in (INDEX_JSON, INDEX_HTML):
        (out / name).chmod(0o644)
    return out / INDEX_HTML


TITLES = {"situation_briefing": "Situation briefings", "tripoli_offensive": "Tripoli offensive",
          "district_profile": "District profiles", "actor_profile": "Actor profiles",
          "data_quality": "Data quality"}
SUBJECT_KEYS = ("area", "district", "side", "actor")
INDEX_CSS = """
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",Arial,
sans-serif;color:#1c232b;line-height:1.45}
body{margin:0 auto;max-width:72rem;padding:1rem 1.25rem 2rem}
h1{margin:.25rem 0}h2{margin:2rem 0 .5rem;border-top:1px solid #d8dde3;padding-top:.5rem}
.meta,footer{color:#56606c;font-size:.85rem}
.banner{background:#fff3cf;color:#6b4300;border:1px solid #e2b650;border-radius:4px;
padding:.5rem .75rem;font-weight:600}
.failures{background:#fdecea;border:1px solid #e5a29b;border-radius:4px;padding:.5rem .75rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #d8dde3;vertical-align:top}
thead th{border-bottom:2px solid #1c232b}td.num{text-align:right;font-variant-numeric:tabular-nums}
tr.failed td{background:#fdf3f2}.error{color:#9b1c10;font-size:.85rem}
td:first-child,td.when{white-space:nowrap}
a{color:#24588a}nav a{margin-right:1rem}
"""


def render_index(index: dict) -> str:
    """Return ``reports/index.html``: every briefing grouped by type, offline and escaped.

    Parameters
    ----------
    index : dict
        The content of ``index.json``.

    Returns
    -------
    str
        A page with no script and no external URL; every text is escaped.

    """
    entries = index.get("briefings", [])
    groups: dict[str, list[dict]] = {}
    for entry in entries:
        groups.setdefault(str(entry.get("notebook")), []).append(entry)
    parts = [f"<h1>Libya conflict briefings</h1>\n<p class=\"meta\">Index written "
             f"{_e(index.get('generated_at'))} by libya-conflict "
             f"{_e(index.get('package_version'))} from the schedule "
             f"{_e(index.get('schedule'))}.</p>"]
    if any(e.get("synthetic") for e in entries):
        parts.append(f'<p class="banner" role="note">{_e(SAMPLE_BANNER)}</p>')
    parts.append(_failures(entries))
    parts.append("<nav>" + "".join(f'<a href="#{_e(_group_id(n))}">{_e(_title(n))}</a>'
                                   for n in groups) + "</nav>")
    parts += [_group(name, rows, index.get("generated_at")) for name, rows in groups.items()]
    parts.append("<footer><p>Sources: ACLED (Armed Conflict Location &amp; Event Data Project), "
                 "acleddata.com; UCDP Georeferenced Event Dataset, Uppsala Conflict Data "
                 "Program, CC BY 4.0. ACLED and UCDP figures are never added together.</p>"
                 "</footer>")
    body = "\n".join(p for p in parts if p)
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>Libya conflict briefings</title>\n<style>{INDEX_CSS}</style>\n</head>\n"
            f"<body>\n{body}\n</body>\n</html>\n")


def _e(value: Any) -> str:

    return html.escape("" if value is None else str(value), quote=True)


def _title(notebook: str) -> str:
    return TITLES.get(notebook, notebook.replace("_", " ").capitalize())


def _group_id(notebook: str) -> str:
    return "group-" + re.sub(r"[^a-z0-9]+", "-", notebook.lower())


def _failures(entries: list[dict]) -> str:
    failed = [e for e in entries if e.get("status") == "failed"]
    if not failed:
        return ""
    items = "".join(f"<li><b>{_e(_title(str(e.get('notebook'))))}</b> {_e(_subject(e))} "
                    f"{_e(_period(e))}: <span class=\"error\">{_e(e.get('error'))}</span>"
                    f"{' (the previous report is kept)' if e.get('files') else ''}</li>"
                    for e in failed)
    return (f'<section class="failures"><h2>Failures in the last run ({len(failed)})</h2>'
            f"<ul>{items}</ul></section>")


def _group(notebook: str, entries: list[dict], now: str | None = None) -> str:
    rows = sorted(entries, key=lambda e: (_period(e), _subject(e)), reverse=True)
    head = ("<tr><th>Period</th><th>Subject</th><th class=\"num\">Events (change on the "
            "previous period)</th><th class=\"num\">Reported fatalities (change)</th>"
            "<th class=\"num\">Events targeting civilians</th><th>Report</th>"
            "<th>Data (as of, age)</th><th>Run at (UTC)</th></tr>")
    body = "".join(_row(e, now) for e in rows)
    return (f'<section id="{_e(_group_id(notebook))}"><h2>{_e(_title(notebook))}</h2>'
            f"<table><thead>{head}</thead><tbody>{body}</tbody></table></section>")


def _row(entry: dict, now: str | None = None) -> str:
    head = entry.get("headline") or {}
    failed = entry.get("status") == "failed"
    error = ""
    if failed:
        kept = entry.get("failed_notebook")
        link = f' (<a href="{_e(_quote(kept))}">failed notebook</a>)' if kept else ""
        error = f'<div class="error">Last run failed: {_e(entry.get("error"))}{link}</div>'
    row_class = ' class="failed"' if failed else ""
    return (f"<tr{row_class}><td>{_e(_period(entry))}</td>"
            f"<td>{_e(_subject(entry))}</td>"
            f"<td class=\"num\">{_e(_change(head, 'events'))}</td>"
            f"<td class=\"num\">{_e(_change(head, 'fatalities'))}</td>"
            f"<td class=\"num\">{_e(_number(head.get('civilian_targeting_events')))}</td>"
            f"<td>{_links(entry.get('files') or {})}{error}</td>"
            f"<td class=\"data\">{_e(data_text(entry.get('data'), now))}</td>"
            f"<td class=\"when\">{_e(_when(entry.get('built_at')))}</td></tr>")


def data_text(facts: dict | None, now: str | None) -> str:
    """Return which data a report was built from and how old they were at ``now``.

    ``events.parquet, as of 2026-01-30 06:30 (2 days old), events to 2026-01-28``; an entry
    written before the index recorded data says nothing rather than guess.
    """
    if not facts:
        return ""
    parts = [str(facts.get("label") or facts.get("path") or "")]
    as_of = facts.get("as_of")
    if as_of:
        age = _age(as_of, now)
        parts.append(f"as of {_when(as_of)}" + (f" ({age} old)" if age else ""))
    if facts.get("newest_event"):
        parts.append(f"events to {facts['newest_event']}")
    return ", ".join(p for p in parts if p)


def _age(then: str, now: str | None) -> str:
    try:
        start = dt.datetime.fromisoformat(str(then).replace("Z", "+00:00"))
        end = dt.datetime.fromisoformat(str(now).replace("Z", "+00:00")) if now else \
            dt.datetime.now(dt.UTC)
    except ValueError:
        return ""
    hours = (end - start).total_seconds() / 3600
    if hours < 1:
        return "under an hour"
    if hours < 48:
        return f"{int(hours)} hour{'s' if int(hours) != 1 else ''}"
    return f"{int(hours // 24)} days"


def _when(stamp: Any) -> str:
    return str(stamp or "").replace("T", " ").removesuffix("Z")[:16]


def _period(entry: dict) -> str:
    head, params = entry.get("headline") or {}, entry.get("parameters") or {}
    start = head.get("start") or params.get("start") or ""
    end = head.get("end") or params.get("end") or ""
    return f"{start} \u2013 {end}" if start or end else ""


def _subject(entry: dict) -> str:
    head, params = entry.get("headline") or {}, entry.get("parameters") or {}
    for key in SUBJECT_KEYS:
        value = head.get(key) or params.get(key)
        if value:
            return str(value)
    return ""


def _number(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else (
        "" if value is None else str(value))


def _change(head: dict, key: str) -> str:
    now, before = head.get(key), head.get(f"previous_{key}")
    if not isinstance(now, int) or not isinstance(before, int):
        return _number(now)
    return f"{now:,} ({now - before:+,})"


def _quote(path: str) -> str:
    from urllib.parse import quote

    return quote(str(path))


def _links(files: dict) -> str:
    labels = {"html": "HTML", "pdf": "PDF", "ipynb": "notebook"}
    return " ".join(f'<a href="{_e(_quote(files[fmt]))}">{label}</a>'
                    for fmt, label in labels.items() if fmt in files)
