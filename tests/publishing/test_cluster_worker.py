"""Tests of what a Dask worker checks before it builds, and the folders killed workers leave."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pytest

import libya_conflict
from libya_conflict.errors import InputError
from libya_conflict.files import file_sha256, temporary_prefix
from libya_conflict.publishing import cluster_worker
from libya_conflict.publishing.cluster import task_for
from libya_conflict.publishing.schedule import DataFiles
from libya_conflict.publishing.schedule_config import Run
from report_helpers import write_test_notebook


@pytest.fixture
def task(tmp_path) -> dict:
    notebook = write_test_notebook(tmp_path / "nbs" / "test_briefing.ipynb")
    data = tmp_path / "events.parquet"
    pd.DataFrame({"date": pd.to_datetime(["2020-01-05"]), "fatalities": [1]}).to_parquet(data)
    run = Run(notebook, {"area": "Libya", "data": "events.parquet"}, ("html",))
    return {"run": run, "data": data, "notebook": notebook}


def test_a_task_carries_the_notebook_and_an_absolute_data_path(task, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the schedule's data path is relative to where it runs
    sent = task_for(task["run"], "f" * 64, "python3", DataFiles(), ["pandas"])
    assert sent["source"] == task["notebook"].read_bytes()
    assert sent["parameters"] == {"area": "Libya", "data": str(task["data"].resolve())}
    assert sent["data_sha256"] == file_sha256(task["data"])
    assert sent["version"] == libya_conflict.__version__
    assert sent["record"] == {"fingerprint": "f" * 64, "key": task["run"].key}
    assert task["run"].parameters["data"] == "events.parquet"  # the run itself is unchanged
    cluster_worker.check_inputs(sent)  # the same data, the same version: no complaint


def test_a_worker_refuses_other_data_or_another_version(task, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sent = task_for(task["run"], "f" * 64, "python3", DataFiles(), [])
    with pytest.raises(InputError, match=r"events.parquet: is not the table the schedule read "
                                         r"\(SHA-256 [0-9a-f]{12}… here, 000000000000… where "
                                         r"the schedule runs\); every worker must read"):
        cluster_worker.check_inputs(sent | {"data_sha256": "0" * 64})
    with pytest.raises(InputError, match=r"this worker runs libya-conflict .*, the schedule "
                                         r"0\.0\.1; install the same version on every worker"):
        cluster_worker.check_inputs(sent | {"version": "0.0.1"})
    missing = sent | {"parameters": {"data": str(tmp_path / "elsewhere.parquet")}}
    with pytest.raises(InputError, match="data: file not found"):
        cluster_worker.check_inputs(missing)


def test_a_refused_task_comes_back_as_a_failure_not_an_exception(task, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sent = task_for(task["run"], "f" * 64, "python3", DataFiles(), [])
    reply = cluster_worker.build_on_worker(sent | {"data_sha256": "0" * 64})
    assert reply["status"] == "failed" and reply["worker"] == "local"
    assert "is not the table the schedule read" in reply["message"]
    assert reply["failed_notebook"] is None and reply["seconds"] >= 0


def test_the_build_folders_of_killed_workers_are_removed(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import tempfile; from libya_conflict.files "
                           "import temporary_prefix; print(tempfile.mkdtemp(prefix="
                           "temporary_prefix('libya-conflict-worker')))"],
                          capture_output=True, text=True, check=True)
    left = Path(dead.stdout.strip())
    (left / "reports").mkdir()
    mine = Path(tempfile.mkdtemp(prefix=temporary_prefix(cluster_worker.FOLDER_NAME)))
    try:
        assert left.is_dir() and left.name.startswith(".libya-conflict-worker.lc-")
        assert cluster_worker.remove_dead_folders() >= 1
        assert not left.exists()
        assert mine.is_dir()  # this process is alive: its folder stays
    finally:
        mine.rmdir()
