"""Writing reports: all files of a report or none, errors that say what happened, no debris.

- :func:`write_files` writes a report's files (``.ipynb``, ``.html``, ``.pdf``) to temporary
  files beside them and renames them together, readable by everyone (0644);
- an ``OSError`` while writing (a full disk, a folder that cannot be written) becomes a
  :class:`ReportWriteError` naming the file: ``no space left on device writing
  reports/situation_briefing/….pdf; the previous report is kept``, not an internal error;
- :func:`remove_stale_temporaries` deletes what a killed run left in a reports folder
  (``.*.tmp``, ``.*.print.html``): at once when the process that made them is gone, never while
  it runs (temporary names say whose they are, :func:`libya_conflict.files.temporary_prefix`).

"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path

from libya_conflict.errors import PublishError
from libya_conflict.files import atomic_outputs, temporary_owner_alive

REPORT_MODE = 0o644
# Temporaries whose maker cannot be checked (another host, or a name from an older version)
# are taken for debris only when they are this old.
STALE_TEMP_SECONDS = 3600
FOLDER_PATTERNS = (".*.tmp", ".*.print.html")  # in one notebook's folder of reports
TEMPORARY_PATTERNS = (*(f"*/{p}" for p in FOLDER_PATTERNS), *FOLDER_PATTERNS)  # in all


class ReportWriteError(PublishError):
    """A report's file could not be written (a full disk, no permission); nothing was replaced.

    Parameters
    ----------
    target : Path
        The file being written.
    reason : str
        What the system said, e.g. ``no space left on device``.
    kept : str
        What stays as it was, e.g. ``the previous report``.

    """

    def __init__(self, target: Path, reason: str, kept: str = "the previous report") -> None:
        self.target = Path(target)
        self.reason = reason
        super().__init__(f"{reason} writing {shown(self.target)}; {kept} is kept")

    def cli_line(self) -> str:
        """Return the one line the command prints for this error."""
        return f"libya-conflict: error: {self}"


def shown(path: Path) -> str:
    """Return a path as the user would type it: relative to the working folder when inside."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _reason(exc: OSError) -> str:
    text = exc.strerror or str(exc) or type(exc).__name__
    return text[:1].lower() + text[1:]


def _named(exc: OSError, candidates: tuple[Path, ...]) -> Path | None:
    """Return the candidate an error names (itself or one of its temporary files), if any."""
    named = Path(exc.filename).name if exc.filename else ""
    for candidate in candidates:
        if named == candidate.name or named.startswith(f".{candidate.name}."):
            return candidate
    return None


@contextlib.contextmanager
def writing(target: Path, kept: str = "the previous report",
            others: tuple[Path, ...] = ()) -> Iterator[None]:
    """Turn an ``OSError`` raised in the block into a :class:`ReportWriteError`.

    Parameters
    ----------
    target : Path
        The file the block writes, named in the error...
    kept : str
        What the message says is kept (``the previous report``, ``the previous index``).
    others : tuple of Path
        ...unless the error names one of these (or one of their temporary files).

    """
    try:
        yield
    except OSError as exc:
        raise ReportWriteError(_named(exc, others) or target, _reason(exc), kept) from None


def write_files(paths: dict[str, Path], contents: dict[str, str | bytes]) -> None:
    """Write several files of one report together (all renamed at the end), or none of them.

    Parameters
    ----------
    paths : dict
        ``{format: final path}``.
    contents : dict
        ``{format: text or bytes}``, for every format of ``paths``.

    Raises
    ------
    ReportWriteError
        When a file cannot be written; no file of the report was replaced.

    """
    formats = list(paths)
    current = paths[formats[0]]
    try:
        with atomic_outputs([paths[f] for f in formats]) as temps:
            for fmt, temp in zip(formats, temps, strict=True):
                current = paths[fmt]
                data = contents[fmt]
                temp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
                temp.chmod(REPORT_MODE)  # temporaries are private (0600); reports are for readers
    except OSError as exc:
        target = _named(exc, tuple(paths.values())) or current
        raise ReportWriteError(target, _reason(exc)) from None


def remove_stale_temporaries(folder: Path, age: float = STALE_TEMP_SECONDS,
                             patterns: tuple[str, ...] = TEMPORARY_PATTERNS) -> int:
    """Delete temporary files left in a reports folder by runs that were killed.

    Parameters
    ----------
    folder : Path
        A reports folder (its notebooks' folders are searched too, with the default patterns).
    age : float
        Seconds after which a temporary whose maker cannot be checked is removed.
    patterns : tuple of str
        Glob patterns, relative to ``folder``.

    Returns
    -------
    int
        How many files were removed. Those of a process still running are never removed.

    """
    removed = 0
    limit = time.time() - age
    for pattern in patterns:
        for path in folder.glob(pattern):
            alive = temporary_owner_alive(path)
            with contextlib.suppress(OSError):
                if alive is False or (alive is None and path.stat().st_mtime < limit):
                    path.unlink()
                    removed += 1
    return removed
