"""A schedule of briefings: read and check its YAML file, and expand it into runs."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from libya_conflict.errors import InputError

DEFAULT_CONFIG = Path("config") / "briefings.yaml"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PERIOD = re.compile(r"^(each-month|all|latest-(\d+)-(day|days|week|weeks|month|months))$")


@dataclass(frozen=True)
class Run:
    """One briefing to build: a notebook and the parameters the schedule gives it."""

    notebook: Path
    parameters: dict
    formats: tuple[str, ...]

    @property
    def name(self) -> str:
        """Notebook name (``situation_briefing``)."""
        return self.notebook.stem

    @property
    def key(self) -> str:
        """Identity of the run in the index: notebook name and parameters."""
        return f"{self.name} {json.dumps(self.parameters, sort_keys=True, default=str)}"

    def label(self) -> str:
        """Short text for log lines: ``situation_briefing start=2020-04-01 ...``."""
        values = " ".join(f"{k}={v}" for k, v in self.parameters.items() if k != "data")
        return f"{self.name} {values}".strip()


def load_config(path: Path) -> dict:
    """Read and check a schedule file (YAML); see ``config/briefings.yaml`` for the format."""
    import yaml

    try:
        config = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise InputError(path, f"cannot read the schedule: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise InputError(path, f"not valid YAML ({str(exc).splitlines()[0]})") from None
    if not isinstance(config, dict) or not isinstance(config.get("briefings"), list):
        raise InputError(path, "expected a mapping with a 'briefings' list, e.g. "
                         "'briefings: [{notebook: situation_briefing, period: each-month}]'")
    for number, item in enumerate(config["briefings"], start=1):
        _check_item(path, number, item)
    if not isinstance(config.get("fetch") or [], list):
        raise InputError(path, "'fetch' must be a list of sources, e.g. 'fetch: [{source: acled, "
                         "country: Libya, table: data/processed/events.parquet}]'")
    for number, item in enumerate(config.get("fetch") or [], start=1):
        _check_fetch(path, number, item)
    _check_tables(path, config.get("fetch") or [])
    return config


def _check_item(path: Path, number: int, item: Any) -> None:
    where = f"briefing {number}"
    if not isinstance(item, dict) or not isinstance(item.get("notebook"), str):
        raise InputError(path, f"{where}: expected a mapping with 'notebook: NAME'")
    unknown = set(item) - {"notebook", "parameters", "period", "each", "data", "formats"}
    if unknown:
        raise InputError(path, f"{where}: unknown keys {', '.join(sorted(unknown))}; valid "
                         "keys: notebook, parameters, period, each, data, formats")
    period = item.get("period")
    if period is not None and not _PERIOD.match(str(period)):
        raise InputError(path, f"{where}: period {period!r} is not valid; expected each-month, "
                         "all, or latest-N-days / latest-N-weeks / latest-N-months")
    each = item.get("each", {})
    if not isinstance(each, dict) or not all(isinstance(v, list) and v for v in each.values()):
        raise InputError(path, f"{where}: 'each' must map parameter names to non-empty lists")
    if not isinstance(item.get("parameters", {}), dict):
        raise InputError(path, f"{where}: 'parameters' must be a mapping")


FETCH_KEYS = {"acled": {"source", "country", "start", "end", "page_size", "out", "table"},
              "ucdp": {"source", "country", "version", "download", "out", "table"}}


def _check_fetch(path: Path, number: int, item: Any) -> None:
    where = f"fetch {number}"
    if not isinstance(item, dict) or item.get("source") not in FETCH_KEYS:
        raise InputError(path, f"{where}: expected a mapping with 'source: acled' or "
                         "'source: ucdp'")
    valid = FETCH_KEYS[item["source"]]
    unknown = set(item) - valid
    if unknown:
        raise InputError(path, f"{where}: unknown keys {', '.join(sorted(unknown))}; valid keys "
                         f"for {item['source']}: {', '.join(sorted(valid))}")
    if not isinstance(item.get("table"), str) or not item["table"].endswith(".parquet"):
        raise InputError(path, f"{where}: 'table' must name the cleaned table it feeds, e.g. "
                         "data/processed/events.parquet")
    country = item.get("country", "Libya")
    names = country if isinstance(country, list) and item["source"] == "acled" else [country]
    if not names or not all(isinstance(n, str) and n.strip() for n in names):
        raise InputError(path, f"{where}: 'country' must be a country name"
                         + (" or a list of them" if item["source"] == "acled" else ""))
    for key in ("start", "end"):
        value = item.get(key)
        if value is not None and not _DATE.match(str(value)):
            raise InputError(path, f"{where}: {key} {value!r} is not a date YYYY-MM-DD")
    size = item.get("page_size")
    if size is not None and (not isinstance(size, int) or isinstance(size, bool) or size < 1):
        raise InputError(path, f"{where}: page_size must be a positive whole number")


def _check_tables(path: Path, items: list[dict]) -> None:
    """Refuse two countries feeding one table: ``clean`` keeps one country."""
    countries: dict[str, set[str]] = {}
    for item in items:
        country = item.get("country", "Libya")
        names = country if isinstance(country, list) else [country]
        countries.setdefault(item["table"], set()).update(str(n) for n in names)
    for table, names in countries.items():
        if len(names) > 1:
            raise InputError(path, f"table {table} is fed by several countries "
                             f"({', '.join(sorted(names))}); a table is cleaned for one country")


def expand(config: dict, data_range: Callable[[str], tuple[dt.date, dt.date]],
           formats: tuple[str, ...] | None = None) -> list[Run]:
    """Turn a schedule's briefings into runs.

    Parameters
    ----------
    config : dict
        The schedule, as read by :func:`load_config`.
    data_range : callable
        ``data -> (first, last)`` event dates of a data file ("" = the bundled sample); called
        only for briefings with a ``period``.
    formats : tuple of str, optional
        Overrides the schedule's ``formats``.

    Returns
    -------
    list of Run
        In the order of the schedule; duplicates removed.

    """
    from libya_conflict.publishing.notebook_files import resolve_notebook

    default_formats = tuple(formats or config.get("formats") or ("html", "pdf"))
    runs: dict[str, Run] = {}
    for item in config["briefings"]:
        notebook = resolve_notebook(item["notebook"])
        data = str(item.get("data", config.get("data", "")) or "")
        fixed = dict(item.get("parameters", {})) | ({"data": data} if data else {})
        periods = _periods(item.get("period"), data, data_range)
        for values in _product(item.get("each", {})):
            for period in periods:
                run = Run(notebook, fixed | values | period,
                          tuple(formats or item.get("formats") or default_formats))
                runs.setdefault(run.key, run)
    return list(runs.values())


def _product(each: dict) -> Iterator[dict]:
    import itertools

    names = list(each)
    for combination in itertools.product(*(each[n] for n in names)):
        yield dict(zip(names, combination, strict=True))


def _periods(period: str | None, data: str,
             data_range: Callable[[str], tuple[dt.date, dt.date]]) -> list[dict]:
    if period is None:
        return [{}]
    first, last = data_range(data)
    if period == "all":
        return [{"start": first.isoformat(), "end": last.isoformat()}]
    if period == "each-month":
        return [{"start": s.isoformat(), "end": e.isoformat()} for s, e in months(first, last)]
    count, unit = _PERIOD.match(period).group(2, 3)
    return [{"start": latest_start(last, int(count), unit).isoformat(), "end": last.isoformat()}]


def months(first: dt.date, last: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Return (first day, last day) of every calendar month from ``first`` to ``last``."""
    out = []
    start = first.replace(day=1)
    while start <= last:
        following = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        out.append((start, following - dt.timedelta(days=1)))
        start = following
    return out


def latest_start(last: dt.date, count: int, unit: str) -> dt.date:
    """Return the first day of the latest ``count`` days, weeks or months ending on ``last``."""
    if unit.startswith("day"):
        return last - dt.timedelta(days=count - 1)
    if unit.startswith("week"):
        return last - dt.timedelta(days=7 * count - 1)
    year, month0 = divmod(last.year * 12 + last.month - 1 - count, 12)
    day = min(last.day, calendar.monthrange(year, month0 + 1)[1])
    return dt.date(year, month0 + 1, day) + dt.timedelta(days=1)
