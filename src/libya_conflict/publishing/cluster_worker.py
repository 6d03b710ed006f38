"""What a Dask worker does for a schedule: check, build in a private folder, send the files back.

:func:`build_on_worker` runs in a worker process (the package must be installed there; the
notebook comes with the task). Before any kernel starts it checks that the worker runs the
same version of the package as the schedule and reads the same data (SHA-256), then builds
the report with :func:`libya_conflict.publishing.build.build` into a temporary folder of its
own and returns the files' bytes with the headline and stamp. A failure comes back as a reply,
like a success, so that the schedule reports it as it does a local one.

Each worker process keeps one kernel template and one Chromium for the briefings it builds
(started with its first briefing); :func:`release_worker` closes them when no briefing is
running, which the schedule asks every worker to do when it ends. As in the local pool, a
worker runs one notebook per two of its threads at a time: with ``dask worker --nthreads 2``,
one briefing is exported and printed while the next one's notebook runs.

"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import libya_conflict
from libya_conflict.errors import InputError, LibyaConflictError
from libya_conflict.files import file_sha256, temporary_owner_alive, temporary_prefix

FOLDER_NAME = "libya-conflict-worker"


class _WorkerState:
    """The browser and kernel template of this worker process, and how many builds use them."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.active = 0
        self.printer: Any = None
        self.template: Any = None
        self.slots: threading.Semaphore | None = None
        self.hashes: dict[tuple[str, int, int], str] = {}

    def shared(self, task: dict) -> tuple[Any, Any, threading.Semaphore]:
        """Return (printer, template, kernel slots) for a task, starting what is not running."""
        from libya_conflict.publishing.kernels import KernelTemplate, forking_supported

        with self.lock:
            if self.slots is None:
                self.slots = threading.Semaphore(max(1, worker_threads() // 2))
            if forking_supported(task["kernel"]) and (
                    self.template is None or not self.template.alive()):
                self.template = KernelTemplate(task["modules"])
            if "pdf" in task["formats"] and self.printer is None:
                from libya_conflict.publishing import plotlyjs
                from libya_conflict.publishing.pdf import PdfPrinter

                self.printer = PdfPrinter(warm_page=plotlyjs.warm_page()).start()
            return self.printer, self.template, self.slots

    @contextlib.contextmanager
    def using(self) -> Iterator[_WorkerState]:
        """Count a build as running while the block runs."""
        with self.lock:
            self.active += 1
        try:
            yield self
        finally:
            with self.lock:
                self.active -= 1

    def release(self) -> bool:
        """Close the browser and the template if no build is running; tell whether it did."""
        with self.lock:
            if self.active:
                return False
            printer, template, self.printer, self.template = self.printer, self.template, None, None
        for thing in (printer, template):
            if thing is not None:
                with contextlib.suppress(Exception):
                    thing.close()
        return True

    def sha256(self, path: Path) -> str:
        """Return a file's SHA-256, computed once while it does not change."""
        stat = path.stat()
        key = (str(path), stat.st_size, stat.st_mtime_ns)
        if key not in self.hashes:
            self.hashes[key] = file_sha256(path)
        return self.hashes[key]


_STATE = _WorkerState()


def worker_address() -> str:
    """Return the address of the Dask worker running this code (``"local"`` outside one)."""
    try:
        from distributed import get_worker

        return str(get_worker().address)
    except (ImportError, ValueError):
        return "local"


def worker_threads() -> int:
    """Return how many threads the Dask worker running this code has (1 outside one)."""
    try:
        from distributed import get_worker

        worker = get_worker()
    except (ImportError, ValueError):
        return 1
    return int(getattr(getattr(worker, "state", worker), "nthreads", 1) or 1)


def check_inputs(task: dict) -> None:
    """Refuse to build unless this worker runs the same package and reads the same data.

    Raises
    ------
    InputError
        Naming what differs, and what every worker needs.

    """
    if task["version"] != libya_conflict.__version__:
        raise InputError(None, f"this worker runs libya-conflict {libya_conflict.__version__}, "
                         f"the schedule {task['version']}; install the same version on every "
                         "worker")
    given = str(task["parameters"].get("data") or "")
    if given:
        from libya_conflict.briefings.parameters import check_data

        path = Path(check_data("data", given))
    else:
        from libya_conflict.briefings.data import default_data

        path = default_data()
    mine = _STATE.sha256(path)
    if mine != task["data_sha256"]:
        raise InputError(path, f"is not the table the schedule read (SHA-256 {mine[:12]}… here, "
                         f"{task['data_sha256'][:12]}… where the schedule runs); every worker "
                         "must read the same data at the same path")


def remove_dead_folders() -> int:
    """Remove the build folders of worker processes that were killed; return how many."""
    removed = 0
    for folder in Path(tempfile.gettempdir()).glob(f".{FOLDER_NAME}.lc-*"):
        if temporary_owner_alive(folder) is False:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed


def build_on_worker(task: dict) -> dict:
    """Build one briefing of a schedule and return its files, or its failure (see the module).

    Parameters
    ----------
    task : dict
        From :func:`libya_conflict.publishing.cluster.task_for`.

    Returns
    -------
    dict
        ``status`` ("built" or "failed"), ``worker`` (this worker's address), ``seconds``;
        when built, ``slug``, ``parameters``, ``headline``, ``stamp``, ``synthetic``,
        ``timings`` and ``files`` (``{format: bytes}``); when failed, ``message`` and
        ``failed_notebook`` (``(name, bytes)`` of the executed notebook, or None).

    """
    from libya_conflict.publishing.build import build

    began = time.perf_counter()
    reply: dict[str, Any] = {"worker": worker_address()}
    remove_dead_folders()
    # The folder's name says whose it is, so that it can be removed if this process is killed.
    with _STATE.using() as state, tempfile.TemporaryDirectory(
            prefix=temporary_prefix(FOLDER_NAME)) as folder:
        reports = Path(folder) / "reports"
        try:
            check_inputs(task)
            notebook = Path(folder) / "notebooks" / f"{task['notebook']}.ipynb"
            notebook.parent.mkdir()
            notebook.write_bytes(task["source"])
            printer, template, slots = state.shared(task)
            result = build(notebook, task["parameters"], out=reports, formats=task["formats"],
                           printer=printer, kernel=task["kernel"], record=task["record"],
                           template=template, kernel_slots=slots)
            reply.update(status="built", slug=result.slug, parameters=result.parameters,
                         headline=result.headline, stamp=result.stamp,
                         synthetic=result.synthetic, timings=result.timings,
                         files={fmt: path.read_bytes() for fmt, path in result.paths.items()})
        except LibyaConflictError as exc:  # a bad parameter, a failed cell, a PDF that failed
            failed = getattr(exc, "failed_notebook", None)
            sent = (failed.name, failed.read_bytes()) if failed and failed.is_file() else None
            reply.update(status="failed", message=str(exc), failed_notebook=sent)
        except Exception as exc:  # noqa: BLE001 - one run's failure must not stop the others
            reply.update(status="failed", message=f"{type(exc).__name__}: "
                         f"{' '.join(str(exc).split())}", failed_notebook=None)
    reply["seconds"] = time.perf_counter() - began
    return reply


def release_worker() -> bool:
    """Close this worker's browser and kernel template unless a briefing is being built."""
    return _STATE.release()
