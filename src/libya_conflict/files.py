"""Small helpers for files: atomic writes, SHA-256 digests and advisory locks.

A reader (or a later step) never sees a half-written file, and a failed run leaves the previous
good file in place: outputs are written to a temporary file beside the target, then renamed.
Temporary names say whose they are (``.NAME.lc-PID-START@HOST.XXXX.tmp``), so that the
temporaries of a process that was killed can be told from those of one still writing.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
import socket
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

_OWNER = re.compile(r"\.lc-(\d+)-(\d+)@([A-Za-z0-9-]+)\.")


def _process_start(pid: int) -> str | None:
    """Return when a process started (clock ticks since boot), "0" where unknown, None if gone.

    With the start time, a process id the system has since given to another process is not
    taken for the one that wrote the file.
    """
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except FileNotFoundError:
        if Path("/proc/self/stat").exists():
            return None  # Linux, and no such process
        try:  # no /proc (macOS): whether the id is in use is all we can know
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            pass
        return "0"
    except OSError:
        return None
    return stat.rsplit(")", 1)[1].split()[19]  # field 22, counted after the command's name


@functools.cache
def _host() -> str:
    return re.sub(r"[^A-Za-z0-9-]+", "-", socket.gethostname().split(".")[0])[:40] or "host"


@functools.cache
def _owner_tag(pid: int) -> str:
    return f"lc-{pid}-{_process_start(pid) or '0'}@{_host()}"


def temporary_prefix(name: str) -> str:
    """Return the prefix of a temporary file for ``name``: ``.NAME.lc-PID-START@HOST.``."""
    return f".{name}.{_owner_tag(os.getpid())}."


def temporary_owner_alive(path: str | Path) -> bool | None:
    """Tell whether the process that made a temporary file is still running.

    Returns
    -------
    bool or None
        True or False for a file made on this host by :func:`atomic_outputs` (or any name from
        :func:`temporary_prefix`); None when that cannot be known (another host, another name).

    """
    match = _OWNER.search(Path(path).name)
    if match is None or match.group(3) != _host():
        return None
    return _process_start(int(match.group(1))) == match.group(2)


@contextlib.contextmanager
def atomic_outputs(targets: list[Path]) -> Iterator[list[Path]]:
    """Yield temporary paths for several outputs; rename them all only if the block succeeds.

    Parameters
    ----------
    targets : list of Path
        Final paths. Their folders are created.

    Yields
    ------
    list of Path
        Temporary paths in the same folders, in the same order. On an exception they are
        removed and the targets are untouched.

    """
    temps = []
    try:
        for target in targets:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=temporary_prefix(target.name), suffix=".tmp",
                                        dir=target.parent)
            os.close(fd)
            temps.append(Path(name))
        yield temps
        for temp, target in zip(temps, targets, strict=True):
            os.replace(temp, target)
    finally:
        for temp in temps:
            temp.unlink(missing_ok=True)


def write_atomic(target: Path, write: Callable[[Path], None]) -> None:
    """Write one file atomically with ``write(temp_path)``."""
    with atomic_outputs([target]) as (temp,):
        write(temp)


def file_sha256(path: str | Path) -> str:
    """Return the SHA-256 hex digest of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@contextlib.contextmanager
def file_lock(path: Path, *, wait: bool = True) -> Iterator[IO[str] | None]:
    """Hold an exclusive advisory lock on ``path`` (created if missing) while the block runs.

    The system releases the lock when the process dies, so a killed run never leaves it held.

    Parameters
    ----------
    path : Path
        The lock file.
    wait : bool
        Wait for another holder to finish; with False, raise at once instead.

    Yields
    ------
    file or None
        The lock file, open for reading and appending (None where the system has no ``fcntl``:
        there the atomic renames alone keep outputs whole).

    Raises
    ------
    BlockingIOError
        With ``wait=False``, when another process holds the lock.

    """
    try:
        import fcntl
    except ImportError:  # Windows
        yield None
        return
    with open(path, "a+", encoding="utf-8") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        try:
            yield fh
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
