"""``make lab``: JupyterLab on the notebooks, also as root (in a container), with the exporters."""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import signal
import socket
import subprocess
import time
import urllib.request

import pytest

from conftest import REPO


def lab_commands(**env: str) -> list[str]:
    done = subprocess.run(["make", "-n", "-s", "lab", "LAB_ARGS=--no-browser"], cwd=REPO,
                          capture_output=True, text=True, check=True,
                          env=dict(os.environ, **env))
    return [line for line in done.stdout.splitlines() if "jupyter lab" in line]


def test_lab_allows_root_only_as_root():
    [command] = lab_commands()
    assert "--notebook-dir=notebooks" in command and command.endswith("--no-browser")
    assert ("--allow-root" in command) == (os.getuid() == 0)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.skipif(importlib.util.find_spec("jupyterlab") is None,
                    reason="JupyterLab is not installed (make lab installs it)")
def test_make_lab_starts_and_offers_the_exporters():
    port, token = free_port(), "libya-conflict-test"
    process = subprocess.Popen(
        ["make", "-s", "lab", f"LAB_ARGS=--no-browser --port={port} --ServerApp.token={token}"],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        start_new_session=True)
    try:
        formats, deadline = None, time.monotonic() + 180
        while formats is None and time.monotonic() < deadline and process.poll() is None:
            with contextlib.suppress(OSError):
                url = f"http://127.0.0.1:{port}/api/nbconvert?token={token}"
                with urllib.request.urlopen(url, timeout=5) as answer:
                    formats = json.load(answer)
            time.sleep(0.5)
        assert process.poll() is None, process.stderr.read()  # it did not stop at once
        assert formats is not None, "JupyterLab did not answer"
        assert {"libya_conflict_html", "libya_conflict_pdf"} <= set(formats)  # Save and Export
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
