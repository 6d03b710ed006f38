"""The synthetic sample: deterministic ACLED and UCDP exports about the war, and large files.

``libya-conflict sample`` writes the bundled sample (:func:`write_sample`), its dirty variant and
a large multi-country export for benchmarks (:func:`write_large_export`).
"""

from __future__ import annotations

from libya_conflict.sample.acled import acled_rows
from libya_conflict.sample.common import (
    ACLED_2019_COLUMNS,
    ACLED_CURRENT_COLUMNS,
    ACLED_SAMPLE,
    DEFAULT_SEED,
    DELETIONS_COLUMNS,
    DELETIONS_SAMPLE,
    DIRTY_MANIFEST,
    DIRTY_SAMPLE,
    MONTHS,
    UCDP_COLUMNS,
    UCDP_SAMPLE,
    load_key_events,
    load_shape,
)
from libya_conflict.sample.large import write_large_export
from libya_conflict.sample.writer import write_sample

__all__ = [
    "ACLED_2019_COLUMNS", "ACLED_CURRENT_COLUMNS", "ACLED_SAMPLE", "DEFAULT_SEED",
    "DELETIONS_COLUMNS", "DELETIONS_SAMPLE", "DIRTY_MANIFEST", "DIRTY_SAMPLE", "MONTHS",
    "UCDP_COLUMNS", "UCDP_SAMPLE", "acled_rows", "load_key_events", "load_shape",
    "write_large_export", "write_sample",
]
