import asyncio
import concurrent.futures
import sys
import time
from pathlib import Path
from queue import Empty

import nbformat
import pytest

from libya_conflict.errors import BuildError
from libya_conflict.publishing import build as build_module
from libya_conflict.publishing.build import execute
from libya_conflict.publishing.kernels import (
    ENV_FORK,
    KernelTemplate,
    _reply,
    forking_supported,
    notebook_modules,
    prompt_client_class,
)

PROBE_CELLS = [
    "import builtins, os, time\n"
    "assert not hasattr(builtins, 'left_by_another_briefing'), 'state leaked between runs'\n"
    "builtins.left_by_another_briefing = True\n"
    "print(os.getpid(), os.getppid(), os.getcwd())",
    "time.sleep(wait)",
]


def probe_notebook(path: Path) -> Path:
    params = nbformat.v4.new_code_cell("wait: float = 0.0")
    params.metadata["tags"] = ["parameters"]
    nb = nbformat.v4.new_notebook(cells=[params, *map(nbformat.v4.new_code_cell, PROBE_CELLS)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def test_notebook_modules_lists_what_the_cells_import(notebook):
    modules = notebook_modules([notebook])
    assert {"plotly.graph_objects", "libya_conflict.params", "IPython.display",
            "libya_conflict.briefings.metadata.HEADLINE_MIMETYPE"} <= set(modules)


def test_forking_can_be_turned_off(monkeypatch):
    monkeypatch.setenv(ENV_FORK, "0")
    assert not forking_supported()
    monkeypatch.setenv(ENV_FORK, "1")
    assert forking_supported() == sys.platform.startswith("linux")
    assert not forking_supported("ir")


@pytest.mark.skipif(not forking_supported(), reason="kernels are forked on Linux only")
def test_each_run_gets_a_fresh_kernel_process(tmp_path):
    notebook = probe_notebook(tmp_path / "nb" / "probe.ipynb")
    with KernelTemplate(notebook_modules([notebook])) as template:
        runs = [execute(notebook, {}, template=template) for _ in range(2)]
        lines = [next(c.outputs[0].text.split() for c in nb.cells if c.get("outputs"))
                 for nb in runs]
        assert lines[0][0] != lines[1][0]  # two processes, and no state shared (cell 2)
        assert {line[1] for line in lines} == {str(template.process.pid)}
        assert {line[2] for line in lines} == {str(notebook.parent)}
        time.sleep(0.5)
        for pid, *_ in lines:  # both kernels were stopped with their runs
            assert not Path(f"/proc/{pid}").exists()


@pytest.mark.skipif(not forking_supported(), reason="kernels are forked on Linux only")
def test_a_forked_kernel_is_interrupted_at_the_cell_timeout(tmp_path, monkeypatch):
    notebook = probe_notebook(tmp_path / "probe.ipynb")
    monkeypatch.setattr(build_module, "CELL_TIMEOUT", 2)
    began = time.monotonic()
    with KernelTemplate(notebook_modules([notebook])) as template, \
            pytest.raises(BuildError, match="CellTimeoutError: A cell timed out"):
        execute(notebook, {"wait": 60.0}, template=template)
    assert time.monotonic() - began < 30


def run_async(coroutine):
    """Run a coroutine in a thread of its own (Playwright's sync API holds this thread's loop)."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


class FakeChannel:
    """A channel that hands out the given messages, then times out like a ZMQ channel."""

    def __init__(self, messages):
        self.messages = list(messages)

    async def get_msg(self, timeout=None):
        if not self.messages:
            raise Empty
        return self.messages.pop(0)


def message(msg_type, parent, **content):
    return {"msg_type": msg_type, "parent_header": {"msg_id": parent}, "content": content}


def test_reply_skips_answers_to_earlier_requests():
    channel = FakeChannel([message("kernel_info_reply", "old"), message("status", "new",
                                                                        execution_state="busy"),
                           message("kernel_info_reply", "new")])
    found = run_async(_reply(channel, "new", 1.0))
    assert found["parent_header"]["msg_id"] == "new"
    assert found["msg_type"] == "kernel_info_reply" and not channel.messages


def test_reply_on_iopub_is_the_idle_status_of_the_request():
    channel = FakeChannel([message("status", "new", execution_state="busy"),
                           message("status", "old", execution_state="idle"),
                           message("status", "new", execution_state="idle")])
    assert run_async(_reply(channel, "new", 1.0))["content"]["execution_state"] == "idle"


def test_reply_gives_none_when_the_kernel_stays_silent():
    assert run_async(_reply(FakeChannel([message("status", "old", execution_state="idle")]),
                              "new", 1.0)) is None


@pytest.mark.skipif(not forking_supported(), reason="kernels are forked on Linux only")
def test_a_forked_kernel_is_ready_and_runs_code(tmp_path):
    async def run(template):
        manager = template.manager_class()(kernel_name="python3")
        await manager.start_kernel(cwd=str(tmp_path))
        client = manager.client()
        assert isinstance(client, prompt_client_class())
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=60)
            msg_id = client.execute("print(6 * 7)")
            while True:  # the first output on IOPub belongs to this request, nothing earlier
                msg = await client.get_iopub_msg(timeout=30)
                if msg["msg_type"] == "stream":
                    assert msg["parent_header"]["msg_id"] == msg_id
                    return msg["content"]["text"]
        finally:
            client.stop_channels()
            await manager.shutdown_kernel(now=True)

    with KernelTemplate(["libya_conflict"]) as template:
        assert run_async(run(template)).strip() == "42"
