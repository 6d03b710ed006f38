"""Where a briefing's numbers come from: data file, hash, vintage, code version, sample flag.

The stamp and the headline figures travel with the executed notebook as outputs of their own
mimetypes, which :mod:`libya_conflict.engines` copies into the notebook's metadata.
"""

from __future__ import annotations

import hashlib
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from libya_conflict.metadata import HEADLINE_MIMETYPE, SAMPLE_BANNER, STAMP_MIMETYPE

__all__ = ["HEADLINE_MIMETYPE", "SAMPLE_BANNER", "STAMP_MIMETYPE", "SYNTHETIC_TAG"]
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


def file_sha256(path: str | Path) -> str:
    """Return the SHA-256 hex digest of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


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


# ---------------------------------------------------------------------------------------------
# The cleaning report beside a table, as tables for the data-quality notebook
# ---------------------------------------------------------------------------------------------

ACCOUNTING_STEPS = (
    ("read", "Rows read from the input files"),
    ("kept", "Kept as events in the table"),
    ("out_of_scope", "About another country (counted, not kept)"),
    ("quarantined", "Quarantined: could not be trusted (see below)"),
    ("duplicates", "Duplicates: identical rows, or older versions of re-coded events"),
    ("deleted", "Deleted: listed in ACLED's deletions file"),
)


def read_cleaning_report(data_file: str | Path) -> tuple[dict | None, pd.DataFrame | None]:
    """Read ``PATH.report.json`` and ``PATH.quarantine.csv`` beside a cleaned table.

    Returns
    -------
    (dict or None, pandas.DataFrame or None)
        The report and the quarantined rows; None for a file that is missing.

    """
    import json

    from libya_conflict.outputs import output_paths

    _, report_path, quarantine_path = output_paths(Path(data_file))
    report = (json.loads(report_path.read_text(encoding="utf-8"))
              if report_path.is_file() else None)
    quarantine = (pd.read_csv(quarantine_path, dtype=str, keep_default_na=False)
                  if quarantine_path.is_file() else None)
    return report, quarantine


def accounting_table(report: dict) -> pd.DataFrame:
    """Return where the rows went: step, rows, what it means."""
    counts = report["counts"]
    return pd.DataFrame([{"Rows": f"{counts.get(key, 0):,}", "What happened": text}
                         for key, text in ACCOUNTING_STEPS])


def files_table(report: dict) -> pd.DataFrame:
    """Return one row per input file: name, layout, encoding, dates, rows, scope, quarantine."""
    rows = []
    for f in report.get("files", []):
        encoding = f["encoding"] + (f" ({f['windows_1252_bytes']} Windows-1252 bytes)"
                                    if f.get("windows_1252_bytes") else "")
        rows.append({"File": Path(f["path"]).name, "Dataset": f["dataset"].upper(),
                     "Layout": f["layout"], "Encoding": encoding,
                     "Date format": f.get("date_format") or "\u2014",
                     "Rows read": f"{f['rows_read']:,}",
                     "Other countries": f"{f['out_of_scope']:,}",
                     "Quarantined": f"{f.get('quarantined', 0):,}"})
    return pd.DataFrame(rows)


# Fields worth seeing first in a quarantined row, in ACLED's and UCDP's own column names.
ORIGINAL_FIELDS = ("event_date", "EVENT_DATE", "date_start", "event_type", "EVENT_TYPE",
                   "type_of_violence", "actor1", "ACTOR1", "side_a", "location", "LOCATION",
                   "where_coordinates", "admin2", "adm_1", "fatalities", "FATALITIES", "best")


def summarise_original(original: str, width: int = 160) -> str:
    """Return the main fields of a quarantined row's original values, shortened."""
    import json

    try:
        values = json.loads(original)
    except (TypeError, ValueError):
        values = None
    if not isinstance(values, dict):
        text = str(original)
    else:
        text = "; ".join(f"{k}: {values[k]}" for k in ORIGINAL_FIELDS if k in values)
    return text if len(text) <= width else text[:width] + "\u2026"


def quarantine_examples(quarantine: pd.DataFrame, per_reason: int = 2,
                        width: int = 160) -> pd.DataFrame:
    """Return a few quarantined rows per reason, with the original values shortened.

    Text is untrusted (it is the input as read): escape it before display.
    """
    if quarantine is None or quarantine.empty:
        return pd.DataFrame(columns=["Reason", "File", "Row", "Event id", "Detail",
                                     "Original values"])
    picked = quarantine.groupby("reason", sort=True).head(per_reason)
    picked = picked.sort_values(["reason", "source_file", "source_row"], kind="stable")
    return pd.DataFrame({
        "Reason": picked["reason"], "File": picked["source_file"].map(lambda p: Path(p).name),
        "Row": picked["source_row"], "Event id": picked["event_id"], "Detail": picked["detail"],
        "Original values": picked["original"].map(lambda o: summarise_original(o, width)),
    }).reset_index(drop=True)


def name_counts(counts: dict[str, int], where: str) -> pd.DataFrame:
    """Return names the crosswalks did not know, with counts and where to add them."""
    items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return pd.DataFrame([{"Name": name, "Rows": f"{n:,}", "Add to": where}
                         for name, n in items], columns=["Name", "Rows", "Add to"])
