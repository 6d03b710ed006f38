"""The cleaning report beside a table, as tables for the data-quality notebook."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

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

    from libya_conflict.cleaning.outputs import output_paths

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
