"""Run a schedule of briefings unattended: skip what has not changed, isolate failures, index.

``libya-conflict schedule [config/briefings.yaml] [--jobs N] [--force]``:

- first refreshes the data the schedule lists under ``fetch:``
  (:mod:`libya_conflict.publishing.refresh`);
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
- writes ``reports/index.json`` and ``reports/index.html`` (offline, escaped);
- with ``--cluster tcp://HOST:PORT`` (or ``cluster:`` in the schedule), builds on the workers
  of a Dask scheduler instead of this machine's pool, everything else unchanged
  (:mod:`libya_conflict.publishing.cluster`).

"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import libya_conflict
from libya_conflict.errors import (
    EXIT_FAILED,
    InputError,
    LibyaConflictError,
    ScheduleLockedError,
)
from libya_conflict.files import file_lock, file_sha256
from libya_conflict.publishing.cluster import cluster_address
from libya_conflict.publishing.cluster import prefetch as prefetch_cluster_client
from libya_conflict.publishing.index_page import (
    INDEX_HTML,
    INDEX_JSON,
    entry_for,
    failed_entry,
    now_utc,
    read_index,
    unchanged,
    write_index,
)
from libya_conflict.publishing.progress import Outcome, Progress
from libya_conflict.publishing.refresh import RefreshResult, refresh_sources
from libya_conflict.publishing.report_files import remove_stale_temporaries, writing
from libya_conflict.publishing.schedule_config import (
    DEFAULT_CONFIG,
    Run,
    expand,
    load_config,
)

LOCK_NAME = ".schedule.lock"


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
                from libya_conflict.briefings.parameters import check_data

                checked = check_data("data", data)
                if checked:
                    self._paths[data] = Path(checked)
                else:
                    from libya_conflict.briefings.data import default_data

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
                self._hashes[path] = file_sha256(path)
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


@contextlib.contextmanager
def schedule_lock(out: Path) -> Iterator[None]:
    """Hold the reports folder's lock, or raise :class:`ScheduleLockedError` at once."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / LOCK_NAME
    with contextlib.ExitStack() as stack:
        try:
            fh = stack.enter_context(file_lock(path, wait=False))
        except BlockingIOError:
            holder = path.read_text(encoding="utf-8").strip() or "unknown"
            raise ScheduleLockedError(f"another schedule ({holder}) is writing {out}; nothing was "
                                      "done, try again when it has finished") from None
        if fh is not None:
            fh.seek(0)
            fh.truncate()
            fh.write(f"pid {os.getpid()} since {now_utc()}\n")
            fh.flush()
        try:
            yield
        finally:
            if fh is not None:
                fh.seek(0)
                fh.truncate()


@dataclass
class ScheduleResult:
    """Counts and outcomes of a schedule, and the exit status it implies."""

    outcomes: list[Outcome] = field(default_factory=list)
    index: Path | None = None
    refresh: RefreshResult | None = None  # the schedule's fetches and cleans, if any

    def count(self, status: str) -> int:
        """Return the number of runs with that status (built, unchanged, failed)."""
        return sum(o.status == status for o in self.outcomes)

    @property
    def exit_code(self) -> int:
        """0 when every run (and every fetch) succeeded or was unchanged, else 1."""
        failed = self.count("failed") or (self.refresh and self.refresh.failed)
        return EXIT_FAILED if failed else 0

    def summary(self) -> str:
        """One line: how many runs were built, unchanged and failed."""
        return (f"{len(self.outcomes)} briefings: {self.count('built')} built, "
                f"{self.count('unchanged')} unchanged, {self.count('failed')} failed; "
                + (f"{self.refresh.summary()}; " if self.refresh else "")
                + f"index: {self.index}")


def run_schedule(config_path: Path = DEFAULT_CONFIG, *, jobs: int | None = None,
                 force: bool = False, out: Path | None = None,
                 formats: tuple[str, ...] | None = None, kernel: str = "python3",
                 progress: bool | None = None, stream: Any = None,
                 cluster: str | None = None) -> ScheduleResult:
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
    cluster : str, optional
        Address of a Dask scheduler (``tcp://HOST:PORT``) to build on (default: the schedule's
        ``cluster``, else this machine's own pool; see :mod:`libya_conflict.publishing.cluster`).

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
    cluster = (cluster_address(cluster, "--cluster") if cluster
               else cluster_address(config.get("cluster"), config_path))
    if cluster:
        prefetch_cluster_client()
    with schedule_lock(out):
        remove_stale_temporaries(out)
        # Fetch and clean first: a failed fetch keeps yesterday's data, so its reports stay.
        refreshed = refresh_sources(config, progress=progress, stream=stream)
        data = DataFiles()
        runs = expand(config, data.date_range, formats)
        check_distinct_reports(runs, config_path)
        previous = {e.get("key"): e for e in read_index(out)["briefings"]}
        version = libya_conflict.__version__
        plan = [(run, fingerprint(run, data.sha256(run.parameters.get("data", "")), version,
                                  kernel)) for run in runs]
        result = ScheduleResult(refresh=refreshed)
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
            result.outcomes += _execute(todo, previous, out, jobs, kernel, bar, cluster, data)
        finally:
            bar.close()
        order = {run.key: n for n, run in enumerate(runs)}
        result.outcomes.sort(key=lambda o: order[o.run.key])
        with writing(out / INDEX_JSON, "the previous index", (out / INDEX_HTML,)):
            result.index = write_index(out, [o.entry for o in result.outcomes], config_path)
    return result


def check_distinct_reports(runs: list[Run], config_path: Path) -> None:
    """Refuse a schedule in which two runs would write the same report files.

    Reports are named after their parameters
    (:func:`libya_conflict.publishing.notebook_files.slug_for`), except ``title``: two runs
    that differ only in their title would overwrite each other. Runs with invalid parameters
    are left to fail on their own, with their own message.

    Raises
    ------
    InputError
        Naming the two runs and the report they share.

    """
    from libya_conflict.publishing.notebook_files import slug_for, validate_parameters

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
             bar: Progress, cluster: str | None = None,
             data: DataFiles | None = None) -> list[Outcome]:
    if not todo:
        return []
    if cluster:
        from libya_conflict.publishing.cluster import run_on_cluster

        return run_on_cluster(cluster, todo, previous, out, kernel, bar, data or DataFiles())
    from libya_conflict.publishing.kernels import (
        KernelTemplate,
        forking_supported,
        notebook_modules,
    )

    with contextlib.ExitStack() as stack:
        # One kernel template and one browser for every run.
        template = printer = None
        if forking_supported(kernel):
            notebooks = list(dict.fromkeys(run.notebook for run, _ in todo))
            template = stack.enter_context(KernelTemplate(notebook_modules(notebooks)))
        if any("pdf" in run.formats for run, _ in todo):
            from libya_conflict.publishing import plotlyjs
            from libya_conflict.publishing.pdf import PdfPrinter

            printer = stack.enter_context(PdfPrinter(warm_page=plotlyjs.warm_page()))
        from libya_conflict.publishing.build import import_runtime

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
    from libya_conflict.publishing.build import build

    printer, template, slots = shared
    began = time.perf_counter()
    try:
        result = build(run.notebook, run.parameters, out=out, formats=run.formats,
                       printer=printer, kernel=kernel, template=template, kernel_slots=slots,
                       record={"fingerprint": fp, "key": run.key})
        outcome = Outcome(run, "built", entry_for(run, result, out, fp),
                          seconds=time.perf_counter() - began)
    except LibyaConflictError as exc:  # a bad parameter, a failed cell, a PDF that failed
        kept = getattr(exc, "failed_notebook", None)
        rel = kept.relative_to(out).as_posix() if kept else None
        outcome = Outcome(run, "failed", failed_entry(run, previous, str(exc), rel), str(exc))
    except Exception as exc:  # noqa: BLE001 - one run's failure must not stop the others
        message = f"{type(exc).__name__}: {' '.join(str(exc).split())}"
        outcome = Outcome(run, "failed", failed_entry(run, previous, message), message)
    outcome.seconds = time.perf_counter() - began
    bar.update(outcome)
    return outcome
