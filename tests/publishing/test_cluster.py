"""Tests of schedules on a Dask cluster: a real ``distributed.LocalCluster`` on this machine
(scheduler, and two worker processes), and one started by hand with ``dask scheduler`` and
``dask worker`` as a team would."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import pytest
import yaml

from libya_conflict import cli
from libya_conflict.errors import InputError
from libya_conflict.publishing import cluster as cluster_module
from libya_conflict.publishing.cluster import cluster_address
from libya_conflict.publishing.schedule import run_schedule
from report_helpers import (
    pdf_text,
    schedule_workspace,
    without_cell_ids,
    write_test_notebook,
)

distributed = pytest.importorskip("distributed", reason="the cluster extra is not installed")
DASK_BIN = Path(sys.executable).parent / "dask"


def report_digests(out: Path) -> dict[str, str]:
    """SHA-256 of every report file (temporary dot-files and the index excluded)."""
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file() and not p.name.startswith(".")
            and "index" not in p.name}


def debris(out: Path) -> list[str]:
    return sorted(str(p.relative_to(out)) for p in out.rglob(".*")
                  if p.name.endswith((".tmp", ".print.html")))


def entries(out: Path) -> list[dict]:
    return json.loads((out / "index.json").read_text(encoding="utf-8"))["briefings"]


def write_config(path: Path, config: dict) -> Path:
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> dict:
    """A notebook, a data file spanning three months and a schedule of four briefings."""
    return schedule_workspace(tmp_path_factory.mktemp("cluster"))


def schedule_file(workspace: dict, name: str, **changes) -> tuple[Path, Path]:
    """A schedule writing to ``root/name``, with top-level keys changed."""
    out = workspace["root"] / name
    config = json.loads(json.dumps(workspace["config"])) | {"out": str(out)} | changes
    return write_config(workspace["root"] / f"{name}.yaml", config), out


@pytest.fixture(scope="module")
def cluster():
    """A LocalCluster: the scheduler in this process, two single-threaded worker processes."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0", silence_logs=logging.ERROR) as local:
        yield local


@pytest.fixture(scope="module")
def local_run(workspace):
    path, out = schedule_file(workspace, "local")
    return run_schedule(path, progress=False, stream=io.StringIO()), out


@pytest.fixture(scope="module")
def cluster_run(workspace, cluster):
    path, out = schedule_file(workspace, "on_cluster")
    return run_schedule(path, progress=False, stream=io.StringIO(),
                        cluster=cluster.scheduler_address), out


def test_the_cluster_builds_the_same_reports_as_the_local_pool(local_run, cluster_run):
    (local, local_out), (remote, remote_out) = local_run, cluster_run
    assert (local.count("built"), remote.count("built"), remote.exit_code) == (4, 4, 0)
    assert sorted(report_digests(remote_out)) == sorted(report_digests(local_out))
    for name in report_digests(local_out):
        mine, theirs = local_out / name, remote_out / name
        if name.endswith(".html"):  # the same page, byte for byte (papermill's ids aside)
            assert without_cell_ids(mine.read_bytes()) == without_cell_ids(
                theirs.read_bytes()), name
        elif name.endswith(".pdf"):
            assert pdf_text(mine.read_bytes()) == pdf_text(theirs.read_bytes()), name
        else:
            meta = [nbformat.read(p, as_version=4).metadata["libya_conflict"]
                    for p in (mine, theirs)]
            assert meta[0] == meta[1], name
    assert debris(remote_out) == []

    def comparable(entry):
        return {k: v for k, v in entry.items() if k not in ("built_at", "seconds", "worker")}

    assert [comparable(e) for e in entries(remote_out)] == [
        comparable(e) for e in entries(local_out)]


def test_the_index_names_where_each_report_was_built(local_run, cluster_run, cluster):
    workers = set(cluster.scheduler_info["workers"])
    assert {e["worker"] for e in entries(local_run[1])} == {"local"}
    built_on = [e["worker"] for e in entries(cluster_run[1])]
    assert set(built_on) == workers and len(workers) == 2  # both workers took briefings
    assert all(w.startswith("tcp://127.0.0.1:") for w in built_on)


def test_workers_close_their_browser_and_kernels_when_the_schedule_ends(cluster_run, cluster):
    with distributed.Client(cluster.scheduler_address, set_as_default=False) as client:
        pids = client.run(os.getpid)

    def helpers() -> list[str]:
        found = []
        for pid in pids.values():
            for child in alive(children_of(pid)):
                with contextlib.suppress(OSError):
                    found.append(Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ")
                                 .decode(errors="replace"))
        return [c for c in found if any(w in c for w in ("chrom", "playwright", "IPKernelApp"))]

    deadline = time.monotonic() + 15
    while helpers() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert helpers() == []


def test_an_unchanged_rerun_needs_no_cluster(cluster_run, workspace, tmp_path):
    path, out = schedule_file(workspace, "on_cluster")
    result = run_schedule(path, progress=False, stream=io.StringIO(),
                          cluster="tcp://127.0.0.1:9")  # nothing listens there: not needed
    assert (result.count("unchanged"), result.exit_code) == (4, 0)


def test_a_briefing_failing_on_a_worker_keeps_the_previous_report(cluster_run, workspace,
                                                                  cluster, tmp_path):
    _, built_out = cluster_run
    broken = write_test_notebook(tmp_path / "broken" / "test_briefing.ipynb", fails=True)
    config = json.loads(json.dumps(workspace["config"]))
    config["briefings"][1]["notebook"] = str(broken)  # same name, now raising
    out = tmp_path / "reports"
    shutil.copytree(built_out, out)
    config |= {"out": str(out), "cluster": cluster.scheduler_address}  # from the schedule file
    before = report_digests(out)
    result = run_schedule(write_config(tmp_path / "b.yaml", config), progress=False,
                          stream=io.StringIO())
    assert (result.count("failed"), result.count("unchanged"), result.exit_code) == (1, 3, 1)
    after = report_digests(out)
    failed = [name for name in after if name.endswith(".failed.ipynb")]
    assert {k: v for k, v in after.items() if k not in failed} == before  # byte for byte
    assert len(failed) == 1  # the executed notebook with its error, sent back for debugging
    assert "planned failure" in (out / failed[0]).read_text(encoding="utf-8")
    entry = entries(out)[3]
    assert entry["status"] == "failed" and "RuntimeError: planned failure" in entry["error"]
    assert entry["failed_worker"] in set(cluster.scheduler_info["workers"])
    assert entry["failed_notebook"] == failed[0]
    assert {fmt: (out / rel).is_file() for fmt, rel in entry["files"].items()} == {
        "ipynb": True, "html": True, "pdf": True}  # the index still links the good report
    assert debris(out) == []


def test_without_a_cluster_no_dask_is_imported(cluster_run, workspace, tmp_path):
    _, built_out = cluster_run
    out = tmp_path / "reports"
    shutil.copytree(built_out, out)
    config = json.loads(json.dumps(workspace["config"])) | {"out": str(out), "formats": ["html"]}
    path = write_config(tmp_path / "local.yaml", config)
    code = ("import io, sys; from libya_conflict.publishing.schedule import run_schedule; "
            f"r = run_schedule({str(path)!r}, progress=False, stream=io.StringIO()); "
            "print(r.count('built'), sorted(m for m in sys.modules "
            "if m.split('.')[0] in ('dask', 'distributed')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300, check=True)
    assert done.stdout.split() == ["4", "[]"]  # built (the formats changed), and no Dask


def test_bad_and_unreachable_clusters_are_one_line(workspace, tmp_path, monkeypatch, capsys):
    assert cluster_address("127.0.0.1:8786", "x") == "tcp://127.0.0.1:8786"
    assert cluster_address("tls://scheduler.example.org:8786", "x") == (
        "tls://scheduler.example.org:8786")
    assert cluster_address("", "x") is None and cluster_address(None, "x") is None
    with pytest.raises(InputError, match=r"^b.yaml: cluster: 'http://x' is not the address"):
        cluster_address("http://x", "b.yaml")
    monkeypatch.setattr(cluster_module, "CONNECT_SECONDS", 1)
    path, out = schedule_file(workspace, "unreachable")
    code = cli.main(["schedule", str(path), "--cluster", "tcp://127.0.0.1:9", "--no-progress"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert err.startswith("libya-conflict: error: tcp://127.0.0.1:9: cannot reach the Dask "
                          "scheduler")
    assert not (out / "index.json").exists()  # nothing was built, no index written


def children_of(pid: int) -> set[int]:
    """Every process descending from ``pid``."""
    parents: dict[int, int] = {}
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                parents[int(proc.name)] = int((proc / "stat").read_text().rsplit(")", 1)[1]
                                              .split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        found |= frontier
    return found


def alive(pids: set[int]) -> set[int]:
    out = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            out.add(pid)
    return out


def test_a_worker_killed_midway_leaves_no_half_written_report(cluster_run, local_run,
                                                              workspace, cluster, tmp_path):
    _, built_out = cluster_run
    out = tmp_path / "reports"
    shutil.copytree(built_out, out)
    config = json.loads(json.dumps(workspace["config"])) | {"out": str(out)}
    path = write_config(tmp_path / "k.yaml", config)
    with distributed.Client(cluster.scheduler_address, set_as_default=False) as client:
        pids = client.run(os.getpid)
        done: dict = {}
        thread = threading.Thread(target=lambda: done.update(result=run_schedule(
            path, force=True, progress=False, stream=io.StringIO(),
            cluster=cluster.scheduler_address)))
        thread.start()
        deadline, victim = time.monotonic() + 120, None
        while victim is None and time.monotonic() < deadline:
            busy = [w for w, keys in client.processing().items() if keys]
            victim = busy[0] if busy else None
            time.sleep(0.05)
        assert victim is not None, "no worker started a briefing"
        time.sleep(1.5)  # midway: its kernel runs, its browser is up
        helpers = alive(children_of(pids[victim]))
        os.kill(pids[victim], signal.SIGKILL)
        thread.join(timeout=300)
    result = done["result"]
    assert len(helpers) >= 2  # its kernel template and browser...
    assert result.count("built") == 4 and result.exit_code == 0  # Dask ran it again elsewhere
    assert debris(out) == []
    assert sorted(report_digests(out)) == sorted(report_digests(local_run[1]))
    for name in report_digests(out):  # every report whole, none half-written
        mine, local = out / name, local_run[1] / name
        if name.endswith(".html"):
            assert without_cell_ids(mine.read_bytes()) == without_cell_ids(
                local.read_bytes()), name
        elif name.endswith(".pdf"):
            assert pdf_text(mine.read_bytes()) == pdf_text(local.read_bytes()), name
        else:
            assert nbformat.read(mine, as_version=4).metadata["libya_conflict"]["headline"]
    assert all(e["status"] == "ok" for e in entries(out))
    assert victim not in {e["worker"] for e in entries(out)}  # it died before it finished one
    deadline = time.monotonic() + 20  # the dead worker's kernel template and browser go too
    while alive(helpers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert alive(helpers) == set()
    left = list(Path(tempfile.gettempdir()).glob(
        f".libya-conflict-worker.lc-{pids[victim]}-*"))
    assert left == []  # its build folder was removed by the next briefing on this machine


@pytest.fixture(scope="module")
def dask_by_hand(tmp_path_factory):
    """``dask scheduler`` and two ``dask worker`` processes (two threads each: one notebook
    at a time, one briefing printing), started as a team would."""
    folder = tmp_path_factory.mktemp("dask")
    info = folder / "scheduler.json"
    started = [subprocess.Popen([str(DASK_BIN), "scheduler", "--port", "0", "--dashboard-address",
                                 ":0", "--scheduler-file", str(info)], cwd=folder,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)]
    try:
        deadline = time.monotonic() + 60
        while not info.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        address = json.loads(info.read_text())["address"]
        for _ in range(2):
            started.append(subprocess.Popen(
                [str(DASK_BIN), "worker", address, "--nthreads", "2", "--dashboard-address",
                 ":0"], cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                start_new_session=True))
        with distributed.Client(address, set_as_default=False) as client:
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        for process in reversed(started):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for process in started:
            process.wait(timeout=30)


def test_the_command_builds_on_a_cluster_started_by_hand(dask_by_hand, workspace, capsys):
    path, out = schedule_file(workspace, "by_hand")
    code = cli.main(["schedule", str(path), "--cluster", dask_by_hand, "--no-progress"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "4 briefings: 4 built, 0 unchanged, 0 failed" in captured.out
    built_on = {e["worker"] for e in entries(out)}
    assert all(e["status"] == "ok" for e in entries(out))
    host, _ = dask_by_hand.removeprefix("tcp://").rsplit(":", 1)
    assert built_on and all(w.startswith(f"tcp://{host}:") for w in built_on)
    assert debris(out) == []
