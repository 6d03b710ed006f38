"""Where a briefing's numbers come from: data file, hash, vintage, code version, sample flag.

The stamp and the headline figures travel with the executed notebook as outputs of their own
mimetypes, which :mod:`libya_conflict.publishing.papermill_engine` copies into the notebook's
metadata.

"""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from libya_conflict.files import file_sha256

SYNTHETIC_TAG = "synthetic"


def is_synthetic(table: pd.DataFrame) -> bool:
    """Tell whether the table holds rows tagged ``synthetic`` (the generated sample).

    Parameters
    ----------
    table : pandas.DataFrame
        A cleaned event table (``tags`` holds ACLED tags, ``;``-separated).

    Returns
    -------
    bool
        True when at least one row carries the ``synthetic`` tag.

    """
    if table.empty or "tags" not in table:
        return False
    tags = table["tags"].fillna("").astype(str).str.split(";")
    return bool(tags.map(lambda parts: any(p.strip() == SYNTHETIC_TAG for p in parts)).any())


def data_vintage(table: pd.DataFrame) -> dict:
    """Return the newest event date and the newest ACLED timestamp (ISO text, or None)."""
    newest = table["date"].max() if len(table) else None
    stamp = table["timestamp"].max() if len(table) and "timestamp" in table else None
    return {"newest_event_date": None if pd.isna(newest) else newest.date().isoformat(),
            "newest_timestamp": None if stamp is None or pd.isna(stamp)
            else stamp.isoformat().replace("+00:00", "Z")}


def git_commit(root: Path | None) -> str | None:
    """Return the checkout's commit (with ``+dirty`` when tracked files changed), or None."""
    if root is None or not (root / ".git").exists():
        return None
    try:
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True,
                              text=True, timeout=5, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain",
                                "--untracked-files=no"], capture_output=True, text=True,
                               timeout=5, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return f"{head}+dirty" if dirty else head


def package_version() -> str:
    """Return the installed version of libya-conflict."""
    import libya_conflict

    return libya_conflict.__version__


def stamp(parameters: dict, data_file: str | Path, table: pd.DataFrame,
          root: Path | None = None, now: datetime | None = None) -> dict:
    """Build the provenance stamp of a briefing run.

    Parameters
    ----------
    parameters : dict
        The validated parameters.
    data_file : str or Path
        The cleaned table the briefing read.
    table : pandas.DataFrame
        That table (for the vintage and the sample flag).
    root : Path, optional
        Repository root, for the git commit.
    now : datetime, optional
        Time of the run (default: now, UTC).

    Returns
    -------
    dict
        JSON-serialisable: parameters, data_file, data_sha256, data_vintage, package_version,
        git_commit, run_at, synthetic.

    """
    now = now or datetime.now(UTC)
    return {
        "parameters": {k: v for k, v in parameters.items()},
        "data_file": str(data_file),
        "data_sha256": file_sha256(data_file),
        "data_vintage": data_vintage(table),
        "package_version": package_version(),
        "git_commit": git_commit(root),
        "run_at": now.replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "synthetic": is_synthetic(table),
    }
