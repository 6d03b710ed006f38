"""Atomic file writing: write to a temporary file beside the target, then rename.

A reader (or a later step) never sees a half-written file, and a failed run leaves the previous
good file in place.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path


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
