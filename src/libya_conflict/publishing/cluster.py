"""Schedules on a Dask cluster: each briefing is built by a worker, its report written here.

``libya-conflict schedule --cluster tcp://HOST:PORT`` (or ``cluster:`` in the schedule) sends
each briefing that changed to an existing Dask distributed scheduler:

- a task carries the notebook itself (its bytes: workers need only the package installed,
  not this checkout), its parameters (a data path made absolute), the formats, and what the
  worker must check before it runs anything: the package version and the data file's SHA-256
  (:mod:`libya_conflict.publishing.cluster_worker`);
- the worker builds the report in a private temporary folder and **sends its files back**;
  this process, which holds the schedule's lock, writes them into the reports folder with the
  same atomic renames as a local build. Workers never write to the reports folder, so they
  need no shared file system for it, and a worker killed midway leaves nothing there;
- the data must be readable by every worker at the same path (a shared or synced folder; the
  bundled sample needs a checkout on the worker): a worker that reads other bytes fails that
  briefing with a message saying so, rather than publish figures of another table;
- a briefing whose worker dies is given to another worker by Dask (up to its
  ``distributed.scheduler.allowed-failures``, 3 by default), then fails (``KilledWorker``);
- skipping unchanged briefings, the lock, failure isolation and the index stay in this
  process, as for the local pool; each index entry says where it was built
  (``"worker": "tcp://…"``).

Nothing here imports Dask until a schedule asks for a cluster.

"""

from __future__ import annotations

import contextlib
import re
import threading
import uuid
from pathlib import Path
from typing import Any

import libya_conflict
from libya_conflict.errors import InputError, LibyaConflictError, one_line
from libya_conflict.publishing.index_page import entry_for, failed_entry
from libya_conflict.publishing.progress import Outcome
from libya_conflict.publishing.schedule_config import Run

CONNECT_SECONDS = 10  # to reach the scheduler
WORKER_WAIT_SECONDS = 60  # for a first worker to join it
_ADDRESS = re.compile(r"^(?:(tcp|tls|ucx|ws|wss)://)?([A-Za-z0-9_.-]+|\[[0-9A-Fa-f:.]+\]):(\d{1,5})$")


def cluster_address(value: Any, source: str | Path) -> str | None:
    """Return the Dask scheduler's address (``tcp://HOST:PORT``), or None for the local pool.

    Parameters
    ----------
    value : str or None
        ``--cluster`` or the schedule's ``cluster:`` (``HOST:PORT`` means ``tcp://HOST:PORT``).
    source : str or Path
        Where the value came from, for the error message.

    Raises
    ------
    InputError
        When the value is not an address.

    """
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    match = _ADDRESS.match(text)
    if match is None:
        raise InputError(source, f"cluster: {text!r} is not the address of a Dask scheduler; "
                         "expected tcp://HOST:PORT (e.g. tcp://127.0.0.1:8786)")
    return text if match.group(1) else f"tcp://{text}"


def prefetch() -> None:
    """Import Dask's client in the background now (~1 s), while the schedule is planned."""
    threading.Thread(target=_import_client, name="dask-import", daemon=True).start()


def _import_client() -> None:
    with contextlib.suppress(ImportError):  # said by connect(), if the schedule needs it
        import distributed  # noqa: F401


@contextlib.contextmanager
def connect(address: str) -> Any:
    """Yield a Dask client of the scheduler at ``address`` that has at least one worker.

    Raises
    ------
    InputError
        When Dask's distributed package is not installed, the scheduler cannot be reached or
        no worker joins it in time.

    """
    try:
        from distributed import Client
    except ImportError:
        raise InputError(address, "schedules on a cluster need Dask's distributed package: "
                         "pip install 'libya-conflict[cluster]'") from None
    try:
        client = Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise InputError(address, f"cannot reach the Dask scheduler ({one_line(exc)}); start one "
                         f"with `dask scheduler` and workers with `dask worker {address}`, or "
                         "check the address; nothing was built") from None
    with client:
        try:
            client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
        except TimeoutError:
            raise InputError(address, f"no Dask worker joined the scheduler within "
                             f"{WORKER_WAIT_SECONDS} s; start one with `dask worker {address}`; "
                             "nothing was built") from None
        yield client


def task_for(run: Run, fp: str, kernel: str, data: Any, modules: list[str]) -> dict:
    """Return what a worker needs to build one run (see the module's docstring)."""
    parameters = dict(run.parameters)
    given = str(parameters.get("data") or "")
    if given:  # the worker's working folder is not ours: the path it reads must be absolute
        parameters["data"] = str(data.path(given))
    return {"notebook": run.name, "source": run.notebook.read_bytes(),
            "parameters": parameters, "formats": tuple(run.formats), "kernel": kernel,
            "record": {"fingerprint": fp, "key": run.key}, "data_sha256": data.sha256(given),
            "version": libya_conflict.__version__, "modules": modules}


def run_on_cluster(address: str, todo: list[tuple[Run, str]], previous: dict, out: Path,
                   kernel: str, bar: Any, data: Any) -> list[Outcome]:
    """Build runs on a Dask cluster and write their reports here, as they come back.

    Parameters
    ----------
    address : str
        The scheduler (``tcp://HOST:PORT``).
    todo : list of (Run, str)
        Runs to build, with their fingerprints.
    previous : dict
        Index entries of the last schedule, by run key.
    out : Path
        The reports folder (on this machine).
    kernel : str
        Jupyter kernel name on the workers.
    bar : Progress
        Told of each outcome.
    data : DataFiles
        The schedule's data files (paths and hashes, as read here).

    Returns
    -------
    list of Outcome

    """
    from distributed import as_completed

    from libya_conflict.publishing.cluster_worker import build_on_worker, release_worker
    from libya_conflict.publishing.kernels import notebook_modules

    modules = notebook_modules(list(dict.fromkeys(run.notebook for run, _ in todo)))
    tasks = [(run, fp, task_for(run, fp, kernel, data, modules)) for run, fp in todo]
    outcomes = []
    with connect(address) as client:
        futures = {client.submit(build_on_worker, task, pure=False,
                                 key=f"briefing-{run.name}-{uuid.uuid4().hex}"): (run, fp)
                   for run, fp, task in tasks}
        try:
            for future in as_completed(futures, loop=client.loop):
                run, fp = futures[future]
                outcome = _outcome(future, run, fp, previous.get(run.key), out)
                future.release()  # the report's bytes are written: the scheduler may forget them
                bar.update(outcome)
                outcomes.append(outcome)
        finally:
            client.cancel(list(futures))
            # Each worker closes its browser and kernel template when it has nothing to do.
            with contextlib.suppress(Exception):
                client.run(release_worker)
    return outcomes


def _outcome(future: Any, run: Run, fp: str, previous: dict | None, out: Path) -> Outcome:
    try:
        reply = future.result()
    except Exception as exc:  # noqa: BLE001 - a worker that died (KilledWorker), a lost scheduler
        message = (f"the Dask cluster could not build it ({type(exc).__name__}: "
                   f"{one_line(exc)}); the previous report is kept")
        return Outcome(run, "failed", failed_entry(run, previous, message, worker=None), message)
    worker, seconds = reply["worker"], reply["seconds"]
    if reply["status"] == "built":
        try:
            result = write_reply(reply, run, out)
        except LibyaConflictError as exc:  # a full disk here, say
            message = str(exc)
            return Outcome(run, "failed", failed_entry(run, previous, message, worker=worker),
                           message, seconds=seconds)
        return Outcome(run, "built", entry_for(run, result, out, fp, worker), seconds=seconds)
    kept = _keep_failed_notebook(reply.get("failed_notebook"), run, out)
    return Outcome(run, "failed", failed_entry(run, previous, reply["message"], kept, worker),
                   reply["message"], seconds=seconds)


def write_reply(reply: dict, run: Run, out: Path) -> Any:
    """Write the files a worker sent back, all together, and return the build's result."""
    from libya_conflict.publishing.build import BuildResult, report_paths
    from libya_conflict.publishing.report_files import write_files

    paths = report_paths(out, run.name, reply["slug"], tuple(reply["files"]))
    write_files(paths, reply["files"])
    paths["ipynb"].with_suffix(".failed.ipynb").unlink(missing_ok=True)
    return BuildResult(notebook=run.name, slug=reply["slug"], parameters=reply["parameters"],
                       paths=paths, headline=reply["headline"], stamp=reply["stamp"],
                       synthetic=reply["synthetic"], seconds=reply["seconds"],
                       timings=reply["timings"])


def _keep_failed_notebook(sent: tuple[str, bytes] | None, run: Run, out: Path) -> str | None:
    # The executed notebook with its error, for debugging, kept where a local build keeps it.
    if not sent or not re.fullmatch(r"[a-z0-9_-]+\.failed\.ipynb", sent[0]):
        return None
    from libya_conflict.files import write_atomic

    name, content = sent
    try:
        write_atomic(out / run.name / name, lambda path: path.write_bytes(content))
    except OSError:  # the briefing's own error is the news
        return None
    return f"{run.name}/{name}"
