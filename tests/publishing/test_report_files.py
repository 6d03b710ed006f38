"""Tests of writing reports: all or none, a full disk said as such, debris of killed runs."""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from libya_conflict import files
from libya_conflict.errors import PublishError
from libya_conflict.publishing.report_files import (
    ReportWriteError,
    remove_stale_temporaries,
    write_files,
    writing,
)
from report_helpers import holder


def report_paths(folder: Path) -> dict[str, Path]:
    return {fmt: folder / "situation_briefing" / f"2020-05-01_2020-05-31_libya.{fmt}"
            for fmt in ("ipynb", "html", "pdf")}


def test_files_are_written_together_and_readable(tmp_path):
    paths = report_paths(tmp_path)
    write_files(paths, {"ipynb": "{}", "html": "<p>é</p>", "pdf": b"%PDF-1.4"})
    assert paths["html"].read_text(encoding="utf-8") == "<p>é</p>"
    assert paths["pdf"].read_bytes() == b"%PDF-1.4"
    assert {p.stat().st_mode & 0o777 for p in paths.values()} == {0o644}
    assert sorted(p.name for p in paths["ipynb"].parent.iterdir()) == sorted(
        p.name for p in paths.values())  # nothing else left in the folder


def test_a_full_disk_names_the_file_and_keeps_the_previous_report(tmp_path, monkeypatch):
    paths = report_paths(tmp_path)
    write_files(paths, {"ipynb": "old", "html": "old", "pdf": b"old"})
    real = Path.write_bytes

    def full_at_pdf(self, data):
        if self.name.startswith(f".{paths['pdf'].name}."):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", full_at_pdf)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ReportWriteError) as caught:
        write_files(paths, {"ipynb": "new", "html": "new", "pdf": b"new"})
    assert str(caught.value) == ("no space left on device writing situation_briefing/"
                                 "2020-05-01_2020-05-31_libya.pdf; the previous report is kept")
    assert isinstance(caught.value, PublishError) and caught.value.exit_code == 1
    assert caught.value.cli_line().startswith("libya-conflict: error: no space left on device")
    assert {p.read_bytes() for p in paths.values()} == {b"old"}
    assert sorted(p.name for p in paths["ipynb"].parent.iterdir()) == sorted(
        p.name for p in paths.values())


def test_writing_names_the_file_an_error_is_about(tmp_path):
    index, page = tmp_path / "index.json", tmp_path / "index.html"
    with pytest.raises(ReportWriteError, match=r"permission denied writing .*index.html; "
                                               r"the previous index is kept"):
        with writing(index, "the previous index", (page,)):
            raise PermissionError(errno.EACCES, "Permission denied", str(page))
    with pytest.raises(ReportWriteError, match=r"writing .*index.json"):
        with writing(index, "the previous index", (page,)):
            raise OSError(errno.EIO, "Input/output error")


@contextlib.contextmanager
def small_tmpfs(path: Path, size: str = "256k"):
    """Mount a small tmpfs at ``path`` (root only), or skip."""
    path.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                             capture_output=True)
    if mounted.returncode:
        pytest.skip("cannot mount a tmpfs here (not root?); the injected ENOSPC test covers it")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def test_a_really_full_disk(tmp_path, monkeypatch):
    with small_tmpfs(tmp_path / "disk") as disk:
        paths = report_paths(disk)
        write_files(paths, {"ipynb": "old", "html": "old", "pdf": b"old"})
        monkeypatch.chdir(disk)
        with pytest.raises(ReportWriteError, match=r"^no space left on device writing "
                                                   r"situation_briefing/2020-05-01_2020-05-31_"
                                                   r"libya\.(html|pdf); the previous report"):
            write_files(paths, {"ipynb": "new", "html": "x" * 400_000, "pdf": b"y" * 400_000})
        assert {p.read_bytes() for p in paths.values()} == {b"old"}
        assert not [p for p in paths["ipynb"].parent.iterdir() if p.name.startswith(".")]


# --- debris of killed runs --------------------------------------------------------------------

def test_temporary_names_say_whose_they_are(tmp_path):
    process, temp = holder(tmp_path / "report.html", 30)
    try:
        assert temp.parent == tmp_path and temp.name.startswith(".report.html.lc-")
        assert f"lc-{process.pid}-" in temp.name
        assert files.temporary_owner_alive(temp) is True
    finally:
        process.kill()
        process.wait()
    assert files.temporary_owner_alive(temp) is False  # killed: its file is debris
    assert temp.exists()
    assert files.temporary_owner_alive(tmp_path / ".report.html.abc123.tmp") is None
    assert files.temporary_owner_alive(tmp_path / ".report.html.lc-1-2@another-host.x.tmp") \
        is None


def test_a_reused_process_id_is_not_taken_for_the_writer(tmp_path):
    tag = files.temporary_prefix("report.html")  # this process, alive
    pid, start = tag.split("lc-")[1].split("@")[0].split("-")
    other_start = str(int(start) + 1)
    reused = tmp_path / tag.replace(f"-{start}@", f"-{other_start}@").lstrip("/")
    assert files.temporary_owner_alive(reused) is False
    assert files.temporary_owner_alive(tmp_path / f"{tag}x.tmp") is True


def test_stale_temporaries_of_dead_processes_go_and_those_of_live_ones_stay(tmp_path):
    folder = tmp_path / "situation_briefing"
    folder.mkdir()
    live, live_temp = holder(folder / "live.html", 60)
    dead, dead_temp = holder(folder / "dead.html", 60)
    dead.kill()
    dead.wait()
    host = files.temporary_prefix("x").split("@")[1].rstrip(".")
    print_page = folder / f".dead.lc-{dead.pid}-1@{host}.abc.print.html"
    print_page.write_text("<p>")
    foreign_young = folder / ".a.pdf.lc-1-1@elsewhere.abc.tmp"
    foreign_old = folder / ".b.pdf.lc-1-1@elsewhere.abc.tmp"
    untagged_old = tmp_path / ".index.json.abc.tmp"
    for path in (foreign_young, foreign_old, untagged_old):
        path.write_text("x")
    hour_ago = time.time() - 7200
    for path in (foreign_old, untagged_old):
        os.utime(path, (hour_ago, hour_ago))
    try:
        assert remove_stale_temporaries(tmp_path) == 4
        assert live_temp.exists() and foreign_young.exists()
        assert not any(p.exists() for p in (dead_temp, print_page, foreign_old, untagged_old))
    finally:
        live.kill()
        live.wait()
    assert remove_stale_temporaries(tmp_path) == 1  # now the live one's too
    assert not live_temp.exists()
    assert remove_stale_temporaries(tmp_path / f"missing-{uuid.uuid4().hex}") == 0
