"""Run a schedule of briefings unattended: skip what has not changed, isolate failures, index.

``libya-conflict schedule [config/briefings.yaml] [--jobs N] [--force]``:

- expands the configured briefings into runs (a situation briefing per calendar month in the
  data, the latest four weeks, one profile per district or side...);
- skips a run whose inputs are unchanged since its last good build: the notebook's content,
  the parameters, the data file's SHA-256, the package version and the formats, hashed into a
  fingerprint kept in ``reports/index.json``;
- builds the others with at most ``--jobs`` notebooks running at once, each in a fresh kernel
  process (forked from one warm template on Linux), while threads export and print finished
  ones with one shared Chromium;
- a failed run keeps the previous good report, is listed with the notebook's error, does not
  stop the others, and makes the command exit 1;
- holds ``reports/.schedule.lock`` (an advisory lock the system releases when the process dies)
  so two schedules never write the same reports;
- writes ``reports/index.json`` and ``reports/index.html`` (offline, escaped).
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import libya_conflict
from libya_conflict.errors import InputError
from libya_conflict.index_page import (
    entry_for,
    failed_entry,
    now_utc,
    read_index,
    unchanged,
    write_index,
)

DEFAULT_CONFIG = Path("config") / "briefings.yaml"
LOCK_NAME = ".schedule.lock"
EXIT_FAILED = 1
EXIT_LOCKED = 75  # EX_TEMPFAIL: another schedule holds the lock; try again later
STALE_TEMP_SECONDS = 3600
_PERIOD = re.compile(r"^(each-month|all|latest-(\d+)-(day|days|week|weeks|month|months))$")


class ScheduleLockedError(RuntimeError):
    """Another schedule is writing the same reports folder."""


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


@dataclass
class Outcome:
    """What happened to a run: built, unchanged or failed."""

    run: Run
    status: str
    entry: dict
    message: str = ""
    seconds: float = 0.0


# --------------------------------------------------------------------------------------------
# Configuration and expansion
# --------------------------------------------------------------------------------------------

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
    from libya_conflict.build import resolve_notebook

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


# --------------------------------------------------------------------------------------------
# Data files: where, which dates, which hash
# --------------------------------------------------------------------------------------------

class DataFiles:
    """Resolve, date and hash data files once per schedule (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._paths: dict[str, Path] = {}
        self._hashes: dict[Path, str] = {}

    def path(self, data: str) -> Path:
        """Return the table a briefing reads ("" = the cleaned sample, cleaned if needed)."""
        with self._lock:
            if data not in self._paths:
                from libya_conflict.params import check_data

                checked = check_data("data", data)
                if checked:
                    self._paths[data] = Path(checked)
                else:
                    from libya_conflict.briefing import default_data

                    self._paths[data] = default_data()
            return self._paths[data]

    def date_range(self, data: str) -> tuple[dt.date, dt.date]:
        """Return the first and last event dates of a table."""
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        path = self.path(data)
        try:
            column = pq.read_table(path, columns=["date"])["date"]
        except Exception as exc:  # noqa: BLE001 - any reader error means the same to the user
            raise InputError(path, f"cannot read event dates ({exc}); expected a cleaned "
                             "table written by libya-conflict clean") from None
        bounds = pc.min_max(column).as_py()
        if bounds["min"] is None:
            raise InputError(path, "the table has no events, so no period can be scheduled")
        return _as_date(bounds["min"]), _as_date(bounds["max"])

    def sha256(self, data: str) -> str:
        """Return the SHA-256 of a table (computed once per schedule)."""
        path = self.path(data)
        with self._lock:
            if path not in self._hashes:
                digest = hashlib.sha256()
                with open(path, "rb") as fh:
                    for block in iter(lambda: fh.read(1 << 20), b""):
                        digest.update(block)
                self._hashes[path] = digest.hexdigest()
            return self._hashes[path]


def _as_date(value: Any) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def fingerprint(run: Run, data_sha256: str, version: str, kernel: str) -> str:
    """Return the hash of everything a run's report depends on.

    The notebook file's bytes, the parameters, the data file's hash, the package version,
    the formats and the kernel name: when none changed, the report would come out the same.
    """
    facts = {"notebook": hashlib.sha256(run.notebook.read_bytes()).hexdigest(),
             "parameters": run.parameters, "data": data_sha256, "version": version,
             "formats": sorted(run.formats), "kernel": kernel}
    text = json.dumps(facts, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------------------------
# Lock and housekeeping
# --------------------------------------------------------------------------------------------

@contextlib.contextmanager
def schedule_lock(out: Path) -> Iterator[None]:
    """Hold the reports folder's lock, or raise :class:`ScheduleLockedError` at once."""
    import fcntl

    out.mkdir(parents=True, exist_ok=True)
    path = out / LOCK_NAME
    with open(path, "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "unknown"
            raise ScheduleLockedError(f"another schedule ({holder}) is writing {out}; nothing was "
                                 "done, try again when it has finished") from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()} since {now_utc()}\n")
        fh.flush()
        try:
            yield
        finally:
            fh.seek(0)
            fh.truncate()
            fcntl.flock(fh, fcntl.LOCK_UN)


def remove_stale_temporaries(out: Path, age: float = STALE_TEMP_SECONDS) -> int:
    """Delete temporary files left by killed runs (older than ``age`` seconds)."""
    removed = 0
    limit = time.time() - age
    for pattern in ("*/.*.tmp", "*/.*.print.html", ".*.tmp"):
        for path in out.glob(pattern):
            with contextlib.suppress(OSError):
                if path.stat().st_mtime < limit:
                    path.unlink()
                    removed += 1
    return removed


# --------------------------------------------------------------------------------------------
# Progress
# --------------------------------------------------------------------------------------------

class Progress:
    """A progress bar on a terminal (tqdm), plain log lines otherwise."""

    def __init__(self, total: int, stream: Any = None, bar: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self.count = 0
        self._lock = threading.Lock()
        use_bar = self.stream.isatty() if bar is None else bar
        self.bar = None
        if use_bar and total:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="briefing", file=self.stream, dynamic_ncols=True)

    def update(self, outcome: Outcome) -> None:
        """Report one finished run."""
        with self._lock:
            self.count += 1
            line = _outcome_line(outcome)
            if self.bar is None:
                width = len(str(self.total))
                print(f"[{self.count:>{width}}/{self.total}] {line}", file=self.stream,
                      flush=True)
            else:
                if outcome.status == "failed":
                    self.bar.write(line, file=self.stream)
                self.bar.set_postfix_str(outcome.run.name, refresh=False)
                self.bar.update(1)

    def close(self) -> None:
        """Finish the bar."""
        if self.bar is not None:
            self.bar.close()


def _outcome_line(outcome: Outcome) -> str:
    label = outcome.run.label()
    if outcome.status == "built":
        return f"built {label} in {outcome.seconds:.1f} s"
    if outcome.status == "unchanged":
        return f"unchanged, skipped: {label}"
    return f"FAILED {label}: {outcome.message}"


# --------------------------------------------------------------------------------------------
# Running
# --------------------------------------------------------------------------------------------

@dataclass
class ScheduleResult:
    """Counts and outcomes of a schedule, and the exit status it implies."""

    outcomes: list[Outcome] = field(default_factory=list)
    index: Path | None = None

    def count(self, status: str) -> int:
        """Return the number of runs with that status (built, unchanged, failed)."""
        return sum(o.status == status for o in self.outcomes)

    @property
    def exit_code(self) -> int:
        """0 when every run succeeded or was unchanged, else 1."""
        return EXIT_FAILED if self.count("failed") else 0

    def summary(self) -> str:
        """One line: how many runs were built, unchanged and failed."""
        return (f"{len(self.outcomes)} briefings: {self.count('built')} built, "
                f"{self.count('unchanged')} unchanged, {self.count('failed')} failed; "
                f"index: {self.index}")


def run_schedule(config_path: Path = DEFAULT_CONFIG, *, jobs: int | None = None,
                 force: bool = False, out: Path | None = None,
                 formats: tuple[str, ...] | None = None, kernel: str = "python3",
                 progress: bool | None = None, stream: Any = None) -> ScheduleResult:
    """Run a schedule; see the module's docstring.

    Parameters
    ----------
    config_path : Path
        The schedule (YAML).
    jobs : int, optional
        Runs at a time (default: the schedule's ``jobs``, else 1).
    force : bool
        Rebuild every run, changed or not.
    out : Path, optional
        Reports folder (default: the schedule's ``out``, else ``reports``).
    formats : tuple of str, optional
        Override the schedule's formats.
    kernel : str
        Jupyter kernel.
    progress : bool, optional
        Force the progress bar on or off (default: on a terminal only).
    stream : file, optional
        Where progress goes (default: stderr).

    Returns
    -------
    ScheduleResult

    Raises
    ------
    InputError
        For a bad schedule file or data file (nothing is run).
    ScheduleLockedError
        When another schedule holds the reports folder.

    """
    config = load_config(config_path)
    out = Path(out or config.get("out") or "reports").resolve()
    jobs = max(1, int(jobs or config.get("jobs") or 1))
    with schedule_lock(out):
        remove_stale_temporaries(out)
        data = DataFiles()
        runs = expand(config, data.date_range, formats)
        check_distinct_reports(runs, config_path)
        previous = {e.get("key"): e for e in read_index(out)["briefings"]}
        version = libya_conflict.__version__
        plan = [(run, fingerprint(run, data.sha256(run.parameters.get("data", "")), version,
                                  kernel)) for run in runs]
        result = ScheduleResult()
        bar = Progress(len(plan), stream, progress)
        try:
            todo = []
            for run, fp in plan:
                if not force and unchanged(previous.get(run.key), fp, out):
                    outcome = Outcome(run, "unchanged", previous[run.key])
                    result.outcomes.append(outcome)
                    bar.update(outcome)
                else:
                    todo.append((run, fp))
            result.outcomes += _execute(todo, previous, out, jobs, kernel, bar)
        finally:
            bar.close()
        order = {run.key: n for n, run in enumerate(runs)}
        result.outcomes.sort(key=lambda o: order[o.run.key])
        result.index = write_index(out, [o.entry for o in result.outcomes], config_path)
    return result


def check_distinct_reports(runs: list[Run], config_path: Path) -> None:
    """Refuse a schedule in which two runs would write the same report files.

    Reports are named after their parameters (:func:`libya_conflict.build.slug_for`), except
    ``title``: two runs that differ only in their title would overwrite each other. Runs with
    invalid parameters are left to fail on their own, with their own message.

    Raises
    ------
    InputError
        Naming the two runs and the report they share.

    """
    from libya_conflict.build import slug_for, validate_parameters

    seen: dict[tuple[str, str], Run] = {}
    for run in runs:
        try:
            _, effective = validate_parameters(run.notebook, dict(run.parameters))
        except InputError:
            continue
        report = (run.name, slug_for(effective))
        if report in seen:
            raise InputError(config_path, f"two briefings would write the same report "
                             f"{report[0]}/{report[1]}.*: {seen[report].label()!r} and "
                             f"{run.label()!r}; give them parameters that differ by more than "
                             "the title")
        seen[report] = run


def _execute(todo: list[tuple[Run, str]], previous: dict, out: Path, jobs: int, kernel: str,
             bar: Progress) -> list[Outcome]:
    if not todo:
        return []
    from libya_conflict.kernels import KernelTemplate, forking_supported, notebook_modules

    with contextlib.ExitStack() as stack:
        # One kernel template and one browser for every run.
        template = printer = None
        if forking_supported(kernel):
            notebooks = list(dict.fromkeys(run.notebook for run, _ in todo))
            template = stack.enter_context(KernelTemplate(notebook_modules(notebooks)))
        if any("pdf" in run.formats for run, _ in todo):
            from libya_conflict import plotlyjs
            from libya_conflict.pdf import PdfPrinter

            printer = stack.enter_context(PdfPrinter(warm_page=plotlyjs.warm_page()))
        from libya_conflict.build import import_runtime

        import_runtime()  # here, before the threads: see its docstring
        # At most `jobs` notebooks run at once; as many more threads export and print the
        # briefings whose notebooks are done, so that kernels never wait for Chromium.
        slots = threading.Semaphore(jobs)
        with ThreadPoolExecutor(max_workers=2 * jobs, thread_name_prefix="briefing") as pool:
            futures = [pool.submit(_one, run, fp, previous.get(run.key), out, kernel,
                                   (printer, template, slots), bar) for run, fp in todo]
            return [f.result() for f in futures]


def _one(run: Run, fp: str, previous: dict | None, out: Path, kernel: str,
         shared: tuple[Any, Any, threading.Semaphore], bar: Progress) -> Outcome:
    from libya_conflict.build import BuildError, build

    printer, template, slots = shared
    began = time.perf_counter()
    try:
        result = build(run.notebook, run.parameters, out=out, formats=run.formats,
                       printer=printer, kernel=kernel, template=template, kernel_slots=slots,
                       record={"fingerprint": fp, "key": run.key})
        outcome = Outcome(run, "built", entry_for(run, result, out, fp),
                          seconds=time.perf_counter() - began)
    except (InputError, BuildError) as exc:
        kept = getattr(exc, "failed_notebook", None)
        rel = kept.relative_to(out).as_posix() if kept else None
        outcome = Outcome(run, "failed", failed_entry(run, previous, str(exc), rel), str(exc))
    except Exception as exc:  # noqa: BLE001 - one run's failure must not stop the others
        message = f"{type(exc).__name__}: {' '.join(str(exc).split())}"
        outcome = Outcome(run, "failed", failed_entry(run, previous, message), message)
    outcome.seconds = time.perf_counter() - began
    bar.update(outcome)
    return outcome
