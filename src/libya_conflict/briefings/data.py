"""Find and load the cleaned event table a briefing reads (the bundled sample by default)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from libya_conflict.errors import ParameterError
from libya_conflict.files import file_lock
from libya_conflict.resources import repo_root

SAMPLE_TABLE = Path("data") / "processed" / "sample_events.parquet"
REQUIRED_COLUMNS = ("event_id", "dataset", "date", "event_type", "sub_event_type", "actor1",
                    "actor2", "coalition1", "coalition2", "civilian_targeting", "district",
                    "location", "latitude", "longitude", "fatalities", "tags")


def sample_inputs(root: Path) -> list[Path]:
    """Return the bundled sample exports (ACLED, then UCDP) that exist under ``root``."""
    from libya_conflict.sample.common import ACLED_SAMPLE, UCDP_SAMPLE

    return [p for p in (root / "data" / "sample" / ACLED_SAMPLE,
                        root / "data" / "sample" / UCDP_SAMPLE) if p.is_file()]


def _fresh(target: Path, inputs: list[Path]) -> bool:
    from libya_conflict.cleaning.outputs import output_paths

    outputs = output_paths(target)
    if not all(p.is_file() for p in outputs):
        return False
    oldest = min(p.stat().st_mtime for p in outputs)
    return all(p.stat().st_mtime <= oldest for p in inputs)


def default_data(root: Path | None = None) -> Path:
    """Return the cleaned bundled sample, cleaning it first if it is missing or out of date.

    Parameters
    ----------
    root : Path, optional
        The project checkout (default: :func:`repo_root`).

    Returns
    -------
    Path
        ``data/processed/sample_events.parquet``, with its report and quarantine beside it,
        written atomically and never older than the sample exports.

    Raises
    ------
    ParameterError
        When no bundled sample can be found.

    """
    root = root or repo_root()
    inputs = sample_inputs(root) if root else []
    if not inputs:
        raise ParameterError("data: the bundled sample (data/sample/*.csv) was not found beside "
                             "the package or above the working directory; pass data=PATH.parquet")
    target = root / SAMPLE_TABLE
    if _fresh(target, inputs):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with file_lock(target.parent / ".sample_events.lock"):
        if not _fresh(target, inputs):
            from libya_conflict.cleaning.outputs import write_clean_outputs
            from libya_conflict.cleaning.pipeline import clean

            table, report = clean(inputs)
            write_clean_outputs(table, report, target)
    return target


def resolve_data(data: str) -> Path:
    """Return the table to read: ``data`` itself, or the cleaned sample when it is ""."""
    return Path(data) if data else default_data()


def load_table(path: str | Path) -> pd.DataFrame:
    """Read a cleaned event table and check it has the columns the briefings use."""
    table = pd.read_parquet(path)
    missing = [c for c in REQUIRED_COLUMNS if c not in table.columns]
    if missing:
        raise ParameterError(f"data: {path} is not a cleaned event table (missing columns "
                             f"{', '.join(missing)}); expected PATH.parquet written by "
                             "libya-conflict clean")
    return table
