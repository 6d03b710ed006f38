"""Small helpers for files: atomic writes, SHA-256 digests and advisory locks.

A reader (or a later step) never sees a half-written file, and a failed run leaves the previous
good file in place: outputs are written to a temporary file beside the target, then renamed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO


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
            fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
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
