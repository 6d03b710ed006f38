"""Tests of ``schedule``: expansion, skipping unchanged runs, failures, kills, lock and index."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from libya_conflict.errors import InputError, ScheduleLockedError
from libya_conflict.publishing.schedule import (
    check_distinct_reports,
    fingerprint,
    run_schedule,
    schedule_lock,
)
from libya_conflict.publishing.schedule_config import Run
from report_helpers import (
    PLANTED_SCRIPT,
    check_offline,
    holder,
    schedule_workspace,
    write_test_notebook,
)


def report_digests(out: Path) -> dict[str, str]:
    """SHA-256 of every report file and index (temporary dot-files excluded)."""
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def processes_marked(marker: str) -> list[int]:
    """Processes still running with ``LIBYA_TEST_MARK=marker`` in their environment."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and f"LIBYA_TEST_MARK={marker}".encode() in (
                    proc / "environ").read_bytes():
                if (proc / "stat").read_text().split(")")[-1].split()[0] != "Z":
                    found.append(int(proc.name))
        except OSError:
            continue
    return found


# --- expansion -------------------------------------------------------------------------------


def test_two_runs_may_not_write_the_same_report(tmp_path):
    notebook = write_test_notebook(tmp_path / "test_briefing.ipynb")
    april = {"start": "2020-04-01", "end": "2020-04-30"}
    runs = [Run(notebook, dict(april, title="April"), ("html",)),
            Run(notebook, dict(april, area="Sirte"), ("html",)),
            Run(notebook, {"start": "not a date"}, ("html",)),  # fails later, on its own
            Run(notebook, dict(april, title="April, again"), ("html",))]
    with pytest.raises(InputError, match=r"same report test_briefing/2020-04-01_2020-04-30_"
                                         r"libya_.*'test_briefing .*title=April'") as caught:
        check_distinct_reports(runs, tmp_path / "briefings.yaml")
    assert "\n" not in str(caught.value) and "title=April, again" in str(caught.value)
    check_distinct_reports(runs[:3], tmp_path / "briefings.yaml")  # no two alike: no error


def test_fingerprint_changes_with_every_input(tmp_path):
    notebook = write_test_notebook(tmp_path / "test_briefing.ipynb")
    run = Run(notebook, {"area": "Libya"}, ("html",))
    base = fingerprint(run, "d" * 64, "1.0", "python3")
    assert fingerprint(run, "d" * 64, "1.0", "python3") == base
    changed = [
        fingerprint(Run(notebook, {"area": "Sirte"}, ("html",)), "d" * 64, "1.0", "python3"),
        fingerprint(Run(notebook, {"area": "Libya"}, ("pdf",)), "d" * 64, "1.0", "python3"),
        fingerprint(run, "e" * 64, "1.0", "python3"),
        fingerprint(run, "d" * 64, "1.1", "python3"),
    ]
    notebook.write_text(notebook.read_text().replace("Test briefing", "Test"))
    changed.append(fingerprint(run, "d" * 64, "1.0", "python3"))
    assert base not in changed and len(set(changed)) == len(changed)


# --- real schedules --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> dict:
    """A notebook, a data file spanning three months and a schedule of four briefings."""
    space = schedule_workspace(tmp_path_factory.mktemp("schedule"))
    space["config"]["out"] = str(space["root"] / "reports")
    return space | {"out": space["root"] / "reports"}


def write_config(path: Path, config: dict) -> Path:
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def first_run(workspace):
    path = write_config(workspace["root"] / "briefings.yaml", workspace["config"])
    return run_schedule(path, progress=False, stream=io.StringIO())


def copy_of(workspace: dict, tmp_path: Path, change=None) -> tuple[Path, Path]:
    """A copy of the first run's reports, and a schedule writing there (optionally changed)."""
    out = tmp_path / "reports"
    shutil.copytree(workspace["out"], out)
    config = json.loads(json.dumps(workspace["config"]))
    config["out"] = str(out)
    if change:
        change(config)
    return write_config(tmp_path / "briefings.yaml", config), out


def test_first_run_builds_everything_and_indexes_it(first_run, workspace):
    assert (first_run.count("built"), first_run.count("failed")) == (4, 0)
    assert first_run.exit_code == 0
    index = json.loads((workspace["out"] / "index.json").read_text())
    entries = index["briefings"]
    assert [e["parameters"]["start"] for e in entries[:3]] == [
        "2020-01-01", "2020-02-01", "2020-03-01"]
    assert [e["headline"]["events"] for e in entries[:3]] == [93, 87, 93]
    for entry in entries:
        assert entry["status"] == "ok" and set(entry["files"]) == {"ipynb", "html", "pdf"}
        assert entry["worker"] == "local"  # built by this machine's pool
        for rel in entry["files"].values():
            assert (workspace["out"] / rel).is_file()


def test_unchanged_second_run_executes_nothing(first_run, workspace, tmp_path):
    path, out = copy_of(workspace, tmp_path)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.*")
              if "index" not in p.name and not p.name.startswith(".")}
    result = run_schedule(path, progress=False, stream=io.StringIO())
    assert (result.count("built"), result.count("unchanged"), result.exit_code) == (0, 4, 0)
    assert {p: p.stat().st_mtime_ns for p in before} == before


def test_changing_one_parameter_reruns_only_that_briefing(first_run, workspace, tmp_path):
    def to_sirte(config):
        config["briefings"][1]["parameters"]["area"] = "Sirte"

    path, out = copy_of(workspace, tmp_path, to_sirte)
    old = report_digests(out)
    stream = io.StringIO()
    result = run_schedule(path, progress=False, stream=stream)
    assert (result.count("built"), result.count("unchanged")) == (1, 3)
    assert [o.run.parameters.get("area") for o in result.outcomes if o.status == "built"] == [
        "Sirte"]
    new = report_digests(out)
    assert {k: v for k, v in new.items() if k in old and "index" not in k} == {
        k: v for k, v in old.items() if "index" not in k}  # nothing else was rewritten
    assert stream.getvalue().count("unchanged, skipped") == 3


def test_failing_notebook_keeps_the_previous_report(first_run, workspace, tmp_path, browser):
    broken = write_test_notebook(tmp_path / "broken" / "test_briefing.ipynb", fails=True)

    def break_misrata(config):
        config["briefings"][1]["notebook"] = str(broken)  # same name, now raising

    path, out = copy_of(workspace, tmp_path, break_misrata)
    old = {k: v for k, v in report_digests(out).items() if "index" not in k}
    result = run_schedule(path, progress=False, stream=io.StringIO())
    assert (result.count("failed"), result.count("unchanged"), result.exit_code) == (1, 3, 1)
    new = {k: v for k, v in report_digests(out).items() if "index" not in k}
    kept = {k: v for k, v in new.items() if not k.endswith(".failed.ipynb")}
    assert kept == old  # the previous good report, byte for byte
    assert len(new) == len(old) + 1  # and the failed notebook beside it, for debugging
    entry = json.loads((out / "index.json").read_text())["briefings"][3]
    assert entry["status"] == "failed" and "RuntimeError: planned failure" in entry["error"]
    assert PLANTED_SCRIPT in entry["error"]
    assert {fmt: (out / rel).is_file() for fmt, rel in entry["files"].items()} == {
        "ipynb": True, "html": True, "pdf": True}  # the index still links the good report
    check = check_offline(browser, out / "index.html", wait_for_charts=False)
    assert (check.outside, check.errors, check.pwned) == ([], [], None)
    assert "Failures in the last run (1)" in (out / "index.html").read_text()


def test_index_page_and_its_links_work_offline(first_run, workspace, browser):
    out = workspace["out"]
    check = check_offline(browser, out / "index.html", wait_for_charts=False)
    assert (check.outside, check.errors, check.pwned) == ([], [], None)
    files = [link for link in check.links if "#" not in link]
    assert len(files) == 4 * 3
    for link in files:
        path = Path(link.removeprefix("file://"))
        assert path.is_file(), link
        if path.suffix == ".html":
            report = check_offline(browser, path)
            assert (report.charts, report.drawn, report.outside, report.errors,
                    report.pwned) == (2, 2, [], [], None)


def test_a_second_schedule_waits_for_the_lock(first_run, workspace, tmp_path):
    path, out = copy_of(workspace, tmp_path)
    with schedule_lock(out):
        with pytest.raises(ScheduleLockedError, match="another schedule"):
            run_schedule(path, progress=False, stream=io.StringIO())
        done = subprocess.run([sys.executable, "-m", "libya_conflict.cli", "schedule",
                               str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 75 and "another schedule (pid" in done.stderr
    assert run_schedule(path, progress=False, stream=io.StringIO()).exit_code == 0


def test_a_run_killed_while_writing_leaves_the_reports_as_they_were(first_run, workspace,
                                                                      tmp_path):
    path, out = copy_of(workspace, tmp_path)
    before = report_digests(out)
    marker = f"schedule-killed-{os.getpid()}-{time.monotonic_ns()}"
    process = subprocess.Popen(
        [sys.executable, "-m", "libya_conflict.cli", "schedule", str(path), "--force",
         "--jobs", "1", "--no-progress"], stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True,
        env=dict(os.environ, LIBYA_TEST_MARK=marker))
    folder = out / "test_briefing"
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and process.poll() is None:
            writing = [p for p in folder.glob(".*") if p.name.endswith((".tmp", ".print.html"))]
            if writing:
                break
            time.sleep(0.01)
        assert process.poll() is None, "the schedule ended before it started writing"
        helpers = len(processes_marked(marker))
        os.killpg(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert writing  # it was killed while writing a report
    assert helpers > 2  # itself, its kernel template, Playwright and Chromium...
    assert report_digests(out) == before
    left = [p for p in out.rglob(".*") if p.name.endswith((".tmp", ".print.html"))]
    assert all(f"lc-{process.pid}-" in p.name for p in left)  # the killed run's, named so
    again = run_schedule(path, progress=False, stream=io.StringIO())
    assert (again.count("unchanged"), again.exit_code) == (4, 0)
    assert [p for p in out.rglob(".*") if p.name.endswith((".tmp", ".print.html"))] == []
    assert set(report_digests(out)) == set(before)  # the same files, none added
    deadline = time.monotonic() + 15  # its kernel template, kernels and browser go too
    while processes_marked(marker) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert processes_marked(marker) == []
    result = run_schedule(path, progress=False, stream=io.StringIO())  # the lock is free again
    assert result.exit_code == 0 and result.count("failed") == 0


def test_the_next_run_removes_what_killed_runs_left_never_a_live_writers(first_run, workspace,
                                                                        tmp_path):
    path, out = copy_of(workspace, tmp_path)
    folder = out / "test_briefing"
    dead, dead_temp = holder(folder / "killed.html", 60)
    dead.kill()
    dead.wait()
    live, live_temp = holder(folder / "writing.pdf", 120)  # a build writing here right now
    try:
        result = run_schedule(path, progress=False, stream=io.StringIO())
        assert result.exit_code == 0
        assert not dead_temp.exists()
        assert live_temp.exists()
        page = (out / "index.html").read_text(encoding="utf-8")
        assert ".tmp" not in page and ".print.html" not in page and "lc-" not in page
        assert "killed" not in page and "writing.pdf" not in page
    finally:
        live.kill()
        live.wait()
