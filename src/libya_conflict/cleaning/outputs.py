"""Write the clean table, its report and its quarantine, atomically and together."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from libya_conflict.cleaning.report import CleaningReport
from libya_conflict.files import atomic_outputs


def output_paths(out: Path) -> tuple[Path, Path, Path]:
    """Return (table, report, quarantine) paths for an output ``PATH.parquet``.

    The whole stem is kept, dots and all: ``events.2020.parquet`` gives
    ``events.2020.report.json`` and ``events.2020.quarantine.csv``. A name without
    ``.parquet`` gets it added.
    """
    out = Path(out)
    name = out.name[: -len(".parquet")] if out.name.endswith(".parquet") else out.name
    stem = out.with_name(name)
    return (Path(f"{stem}.parquet"), Path(f"{stem}.report.json"),
            Path(f"{stem}.quarantine.csv"))


def write_clean_outputs(table: pd.DataFrame, report: CleaningReport, out: Path) -> list[Path]:
    """Write ``PATH.parquet``, ``PATH.report.json`` and ``PATH.quarantine.csv``.

    The three files are written to temporary names and renamed only when all are complete, so
    a failure leaves any previous outputs untouched.

    Returns
    -------
    list of Path
        The paths written.

    """
    targets = list(output_paths(out))
    with atomic_outputs(targets) as (tmp_table, tmp_report, tmp_quarantine):
        table.to_parquet(tmp_table, index=False)
        tmp_report.write_text(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n",
                              encoding="utf-8")
        report.quarantine.to_csv(tmp_quarantine, index=False, encoding="utf-8")
    return targets
