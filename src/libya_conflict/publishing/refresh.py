"""Refresh a schedule's data before its briefings: fetch, clean what changed, keep what worked.

A schedule may list sources under ``fetch:`` (see the README): each is fetched (ACLED: an update
of its file; UCDP: a version once, as a release never changes), then every cleaned table whose
raw files changed is cleaned again. A fetch that fails leaves its raw file, the table and the
reports built from them as they were, and is reported (the schedule exits 1). Each table gets
``<table>.sources.json`` beside it: the raw files it was cleaned from, when each was fetched and
its newest event, which the index shows beside every report (:func:`data_facts`).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from libya_conflict.errors import LibyaConflictError
from libya_conflict.fetch.output import now_utc, read_manifest
from libya_conflict.files import file_sha256, write_atomic

SOURCES_SUFFIX = ".sources.json"


@dataclass
class SourceOutcome:
    """What happened to one ``fetch:`` entry: fetched, unchanged or failed."""

    label: str
    raw: Path
    status: str
    message: str = ""


@dataclass
class TableOutcome:
    """What happened to one cleaned table: cleaned, unchanged or failed (the old one kept)."""

    path: Path
    status: str
    message: str = ""


@dataclass
class RefreshResult:
    """The fetches and cleans of one schedule run."""

    sources: list[SourceOutcome] = field(default_factory=list)
    tables: list[TableOutcome] = field(default_factory=list)

    @property
    def failed(self) -> int:
        """Number of fetches and cleans that failed."""
        return sum(o.status == "failed" for o in [*self.sources, *self.tables])

    def summary(self) -> str:
        """One clause for the schedule's summary line."""
        fetched = sum(o.status == "fetched" for o in self.sources)
        cleaned = sum(o.status == "cleaned" for o in self.tables)
        return (f"data: {len(self.sources)} sources ({fetched} fetched, "
                f"{sum(o.status == 'failed' for o in self.sources)} failed), "
                f"{cleaned} tables cleaned")


def sources_path(table: Path) -> Path:
    """Return ``<table>.sources.json``."""
    return table.with_name(table.name + SOURCES_SUFFIX)


def refresh_sources(config: dict, *, progress: bool | None = None,
                    stream: Any = None) -> RefreshResult | None:
    """Fetch a schedule's sources and clean the tables whose raw files changed.

    Parameters
    ----------
    config : dict
        The schedule (checked by :func:`~libya_conflict.publishing.schedule_config.load_config`).
    progress : bool, optional
        Progress bars on or off (default: on a terminal).
    stream : file, optional
        Where lines go (default: stderr).

    Returns
    -------
    RefreshResult or None
        None when the schedule fetches nothing.

    """
    items = config.get("fetch") or []
    if not items:
        return None
    stream = stream or sys.stderr
    result = RefreshResult()
    for number, item in enumerate(items, start=1):
        outcome = _fetch_one(item, progress, stream)
        result.sources.append(outcome)
        status = "FAILED" if outcome.status == "failed" else outcome.status
        print(f"[fetch {number}/{len(items)}] {status} {outcome.label}"
              + (f": {outcome.message}" if outcome.message else ""), file=stream, flush=True)
    tables: dict[Path, list[dict]] = {}
    for item in items:
        tables.setdefault(Path(item["table"]), []).append(item)
    for table, group in tables.items():
        outcome = _clean_table(table, group)
        result.tables.append(outcome)
        status = "FAILED" if outcome.status == "failed" else outcome.status
        print(f"[clean] {status} {table}" + (f": {outcome.message}" if outcome.message else ""),
              file=stream, flush=True)
    return result


def raw_path(item: dict) -> Path:
    """Return the raw file a ``fetch:`` entry writes (its ``out``, else the fetcher's default)."""
    if item.get("out"):
        return Path(item["out"])
    from libya_conflict.reference.countries import resolve_country

    countries = item.get("country") or "Libya"
    countries = countries if isinstance(countries, list) else [countries]
    if item["source"] == "acled":
        from libya_conflict.fetch.acled import default_out

        return default_out([resolve_country(c) for c in countries])
    from libya_conflict.fetch.ucdp import default_out as ucdp_out

    return ucdp_out(resolve_country(countries[0]))


def _fetch_one(item: dict, progress: bool | None, stream: Any) -> SourceOutcome:
    raw = raw_path(item)
    country = item.get("country") or "Libya"
    label = f"{item['source']} {', '.join(country) if isinstance(country, list) else country}"
    before = file_sha256(raw) if raw.is_file() else None
    try:
        if item["source"] == "acled":
            from libya_conflict.fetch.acled import fetch_acled

            fetch_acled(country if isinstance(country, list) else [country],
                        start=_text(item.get("start")), end=_text(item.get("end")),
                        page_size=item.get("page_size"), out=raw, update=True,
                        progress=progress, stream=stream)
        else:
            version = _text(item.get("version")) or "25.1"
            if before and _already_fetched(raw, item, version):
                return SourceOutcome(label, raw, "unchanged", f"GED {version} already fetched")
            from libya_conflict.fetch.ucdp import fetch_ucdp

            fetch_ucdp(str(country), version=version, out=raw, download=item.get("download"),
                       progress=progress, stream=stream)
    except LibyaConflictError as exc:
        kept = f"; keeping {raw} as it was" if before else ""
        return SourceOutcome(label, raw, "failed", f"{_one_line(exc)}{kept}")
    changed = file_sha256(raw) != before
    return SourceOutcome(label, raw, "fetched" if changed else "unchanged",
                         "" if changed else "no change")


def _already_fetched(raw: Path, item: dict, version: str) -> bool:
    """Tell whether a GED release is in ``raw`` already (a release never changes)."""
    from libya_conflict.fetch.http import shown_url
    from libya_conflict.reference.countries import resolve_country

    manifest = read_manifest(raw)
    if item.get("download"):
        same = manifest.get("url") == shown_url(item["download"])
    else:
        same = manifest.get("version") == version
    country = resolve_country(str(item.get("country") or "Libya")).name
    return bool(same and (manifest.get("query") or {}).get("country") == country
                and manifest.get("sha256") == file_sha256(raw))


def _text(value: Any) -> str | None:
    # YAML reads 2011-01-01 as a date and 25.1 as a number; the fetchers want text.
    return None if value in (None, "") else str(value)


def _one_line(exc: LibyaConflictError) -> str:
    return " ".join(str(exc).split())


def _clean_table(table: Path, items: list[dict]) -> TableOutcome:
    raws = [raw_path(item) for item in items]
    missing = [str(r) for r in raws if not r.is_file()]
    if missing:
        kept = "; the previous table is kept" if table.is_file() else ""
        return TableOutcome(table, "failed", f"{', '.join(missing)} never fetched{kept}")
    digests = {str(r): file_sha256(r) for r in raws}
    previous = _read_json(sources_path(table))
    if table.is_file() and previous.get("raw_sha256") == digests:
        return TableOutcome(table, "unchanged")
    country = items[0].get("country") or "Libya"
    country = country[0] if isinstance(country, list) else country
    try:
        from libya_conflict.cleaning.outputs import write_clean_outputs
        from libya_conflict.cleaning.pipeline import clean

        events, report = clean(raws, country=str(country))
        write_clean_outputs(events, report, table)
    except LibyaConflictError as exc:
        kept = "; the previous table is kept" if table.is_file() else ""
        return TableOutcome(table, "failed", f"{_one_line(exc)}{kept}")
    newest = events["date"].max() if len(events) else None
    record = {"table": table.name, "cleaned_at": now_utc(), "country": str(country),
              "events": len(events), "sha256": file_sha256(table),
              "newest_event": newest.date().isoformat() if newest is not None else None,
              "raw_sha256": digests, "sources": [_source(r) for r in raws]}
    text = json.dumps(record, indent=1, ensure_ascii=False)
    write_atomic(sources_path(table), lambda p: p.write_text(text + "\n", encoding="utf-8"))
    return TableOutcome(table, "cleaned", f"{len(events):,} events")


def _source(raw: Path) -> dict:
    manifest = read_manifest(raw)
    return {"raw": str(raw), "label": manifest.get("label") or raw.name,
            "fetched_at": manifest.get("fetched_at"),
            "last_event": (manifest.get("event_dates") or {}).get("last")}


def _read_json(path: Path) -> dict:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def data_facts(data: str | Path | None) -> dict:
    """Return what the index says of a briefing's data: which table, and as of when.

    ``as_of`` is when its oldest source was last fetched (from ``<table>.sources.json``), else
    when the table was written; ``newest_event`` the date of its latest event, when known.
    """
    if not data:
        return {"path": "", "label": "the bundled sample (synthetic)", "as_of": None,
                "newest_event": None, "sources": []}
    table = Path(data)
    record = _read_json(sources_path(table))
    if record.get("sha256") and record["sha256"] != _table_sha256(table):
        record = {}  # cleaned again by hand since: the record is not about this table
    sources = record.get("sources") or []
    fetched = sorted(s["fetched_at"] for s in sources if s.get("fetched_at"))
    as_of = fetched[0] if fetched else _mtime(table)
    return {"path": str(table), "label": table.name, "as_of": as_of,
            "newest_event": record.get("newest_event"),
            "sources": [{"label": s.get("label"), "fetched_at": s.get("fetched_at")}
                        for s in sources]}


def _table_sha256(path: Path) -> str | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return _sha256_of(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=64)
def _sha256_of(path: str, mtime_ns: int, size: int) -> str:
    # Once per version of a table, however many briefings of a schedule read it.
    return file_sha256(path)


def _mtime(path: Path) -> str | None:
    try:
        stamp = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).replace(microsecond=0)
    except OSError:
        return None
    return stamp.isoformat().replace("+00:00", "Z")
