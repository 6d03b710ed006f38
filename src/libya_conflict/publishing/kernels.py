"""Kernels forked from a warm template process: a fresh kernel for each briefing, at once.

A fresh ipykernel spends ~0.7 s starting and ~0.6 s importing pandas, plotly and the library
before the first cell of a briefing does any work. A template process imports all that once
and forks a new kernel for each run: every briefing still gets its own fresh process (the
template never runs notebook code, so nothing of one briefing can reach another), at ~0.05 s.
The kernel manager launches a tiny proxy (``python -I -S``) that asks the template for a
kernel, forwards signals to it and exits with it; when the proxy is killed, the template
kills the kernel, and when the template dies, its kernels exit (ipykernel's parent poller).

Linux only (``fork``); ``LIBYA_CONFLICT_FORK_KERNELS=0`` turns it off.

"""

from __future__ import annotations

import ast
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from queue import Empty
from typing import Any

KERNEL = "python3"
ENV_FORK = "LIBYA_CONFLICT_FORK_KERNELS"


# Seconds to wait for a reply before asking a starting kernel again (jupyter_client's values).
_REPLY_WAIT = 1.0
_IOPUB_WAIT = 0.2
_TEMPLATE_SERVER = r'''
import importlib, json, os, selectors, signal, socket, sys, traceback
path, modules = sys.argv[1], sys.argv[2:]
from ipykernel.kernelapp import IPKernelApp
for name in modules:
    try:
        importlib.import_module(name)
    except Exception:
        pass
server = socket.socket(socket.AF_UNIX)
server.bind(path + ".new")
os.rename(path + ".new", path)
server.listen(64)
events = selectors.DefaultSelector()
events.register(server, selectors.EVENT_READ, "accept")
events.register(sys.stdin, selectors.EVENT_READ, "parent")
kernels = {}

def run_kernel(request, conn):
    try:
        events.close()
        server.close()
        for other in [conn, *kernels.values()]:
            other.close()
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        os.setsid()
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        sys.argv = ["ipykernel_launcher", *request["argv"]]
        app = IPKernelApp.instance()
        app.initialize([*request["argv"], f"--IPKernelApp.parent_handle={os.getppid()}"])
        app.start()
    except BaseException:
        traceback.print_exc()
        os._exit(1)
    os._exit(0)

def kill_all():
    for pid in kernels:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass

while True:
    for key, _ in events.select(timeout=0.05):
        if key.data == "parent":
            if not os.read(0, 4096):
                kill_all()
                os._exit(0)
        elif key.data == "accept":
            conn, _ = server.accept()
            conn.settimeout(10)
            request = json.loads(conn.makefile("rb").readline())
            pid = os.fork()
            if pid == 0:
                run_kernel(request, conn)
            kernels[pid] = conn
            conn.sendall(b"%d\n" % pid)
            events.register(conn, selectors.EVENT_READ, pid)
        elif not key.fileobj.recv(4096):
            try:
                os.kill(key.data, signal.SIGKILL)
            except OSError:
                pass
    while kernels:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0:
            break
        conn = kernels.pop(pid, None)
        if conn is not None:
            try:
                conn.sendall(b"exit %d\n" % os.waitstatus_to_exitcode(status))
            except OSError:
                pass
            events.unregister(conn)
            conn.close()
'''
_KERNEL_PROXY = r'''
import json, os, signal, socket, sys, time
connection_file, path, server_pid, argv = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
sock = socket.socket(socket.AF_UNIX)
while True:
    try:
        sock.connect(path)
        break
    except OSError:
        os.kill(server_pid, 0)
        time.sleep(0.02)
request = {"argv": ["-f", connection_file, *argv], "cwd": os.getcwd(), "env": dict(os.environ)}
sock.sendall((json.dumps(request) + "\n").encode())
reply = sock.makefile("rb")
pid = int(reply.readline())
for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
    signal.signal(number, lambda n, frame: os.kill(pid, n))
line = reply.readline()
sys.exit(int(line.split()[1]) if line.startswith(b"exit") else 1)
'''


def forking_supported(kernel: str = KERNEL) -> bool:
    """Tell whether kernels can be forked from a template here (Linux, the Python kernel).

    ``LIBYA_CONFLICT_FORK_KERNELS=0`` turns it off: every run then starts a kernel the usual way.
    """
    return (sys.platform.startswith("linux") and kernel == KERNEL
            and os.environ.get(ENV_FORK, "1") != "0")


def notebook_modules(notebooks: list[Path]) -> list[str]:
    """Return the modules the notebooks import in their code cells (for the template).

    ``import a.b`` gives ``a.b``; ``from a import b`` gives ``a`` and ``a.b`` (``b`` may be a
    module). Cells that do not parse (magics) are skipped.
    """
    found: dict[str, None] = {}
    for path in notebooks:
        cells = json.loads(Path(path).read_text(encoding="utf-8")).get("cells", [])
        for cell in cells:
            if cell.get("cell_type") != "code":
                continue
            source = "".join(cell.get("source", ""))
            try:
                tree = ast.parse(source)
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    found.update(dict.fromkeys(a.name for a in node.names))
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    found[node.module] = None
                    found.update(dict.fromkeys(f"{node.module}.{a.name}" for a in node.names))
    return list(found)


class KernelTemplate:
    """A warm Python process (ipykernel and the notebooks' modules imported) forking kernels.

    Parameters
    ----------
    modules : list of str
        Modules to import once (see :func:`notebook_modules`); those that fail are skipped.

    Notes
    -----
    Use :meth:`manager_class` as nbclient's ``kernel_manager_class``. Modules that look at the
    environment when imported see the template's: ``PLOTLY_RENDERER`` is set to Plotly's choice
    in a kernel, ``plotly_mimetype``, unless already set.

    """

    def __init__(self, modules: list[str]) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="libya-conflict-kernels-"))
        self.socket = self.folder / "template.sock"
        env = dict(os.environ)
        env.setdefault("PLOTLY_RENDERER", "plotly_mimetype")
        env.pop("JPY_PARENT_PID", None)
        self.process = subprocess.Popen(
            [sys.executable, "-c", _TEMPLATE_SERVER, str(self.socket), *modules],
            stdin=subprocess.PIPE, start_new_session=True, env=env)

    def alive(self) -> bool:
        """Tell whether the template process is still running."""
        return self.process.poll() is None

    def manager_class(self) -> type:
        """Return a kernel manager class whose kernels are forked from this template."""
        from jupyter_client.kernelspec import KernelSpec
        from jupyter_client.manager import AsyncKernelManager

        spec = KernelSpec(argv=[sys.executable, "-I", "-S", "-c", _KERNEL_PROXY,
                                "{connection_file}", str(self.socket), str(self.process.pid)],
                          display_name="Python 3 (ipykernel, forked)", language="python",
                          interrupt_mode="signal")

        class ForkedKernelManager(AsyncKernelManager):
            def __init__(self, **kw: Any) -> None:
                super().__init__(**kw)
                self._kernel_spec = spec
                self.client_factory = prompt_client_class()

        return ForkedKernelManager

    def close(self) -> None:
        """Stop the template now (a kernel still running exits with it, within a second)."""
        if self.process.stdin:
            self.process.stdin.close()
        self.process.kill()  # it may still be importing: do not wait for that
        self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> KernelTemplate:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@functools.cache
def prompt_client_class() -> type:
    """Return a kernel client class whose ``wait_for_ready`` returns as soon as it can.

    jupyter_client's own waits, after the kernel has answered, until IOPub has been silent
    for 0.2 s: 0.2 s lost on every briefing. This one returns when the kernel's answer has
    arrived on the shell channel and the kernel has reported itself idle for that request on
    IOPub, which shows that IOPub is connected (the reason for jupyter_client's wait).
    """
    from jupyter_client.asynchronous import AsyncKernelClient

    class PromptKernelClient(AsyncKernelClient):
        async def wait_for_ready(self, timeout: float | None = None) -> None:
            deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
            while True:
                msg_id = self.kernel_info()
                reply = await _reply(self.shell_channel, msg_id, _REPLY_WAIT)
                if reply is not None and await _reply(self.iopub_channel, msg_id, _IOPUB_WAIT):
                    self._handle_kernel_info_reply(reply)
                    return
                if not await self._async_is_alive():
                    raise RuntimeError("Kernel died before replying to kernel_info")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")

    return PromptKernelClient


async def _reply(channel: Any, msg_id: str, wait: float) -> dict | None:
    """Return the shell reply to ``msg_id``, or (on IOPub) the idle status that ends it."""
    end = time.monotonic() + wait
    while (left := end - time.monotonic()) > 0:
        try:
            msg = await channel.get_msg(timeout=left)
        except Empty:
            return None
        if msg.get("parent_header", {}).get("msg_id") != msg_id:
            continue  # an answer to an earlier request, from before the kernel was ready
        if msg["msg_type"] == "kernel_info_reply" or (
                msg["msg_type"] == "status"
                and msg.get("content", {}).get("execution_state") == "idle"):
            return msg
    return None
