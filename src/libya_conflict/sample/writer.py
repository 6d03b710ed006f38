"""Write the bundled sample exports (and the dirty variant) to a folder."""

from __future__ import annotations

import json
from pathlib import Path

from libya_conflict.sample.acled import _acled_row, _draw_events
from libya_conflict.sample.common import (
    ACLED_2019_COLUMNS,
    ACLED_SAMPLE,
    DEFAULT_SEED,
    DELETIONS_SAMPLE,
    DIRTY_MANIFEST,
    DIRTY_SAMPLE,
    UCDP_COLUMNS,
    UCDP_SAMPLE,
    _csv_text,
    _write_bytes,
    load_shape,
)
from libya_conflict.sample.dirty import _dirty_variant
from libya_conflict.sample.ucdp import _ucdp_events, _ucdp_rows


def write_sample(out_dir: Path, *, dirty: bool = False, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write the synthetic ACLED and UCDP GED sample of the 2019-2020 war.

    Parameters
    ----------
    out_dir : pathlib.Path
        Directory to write into (created if missing).
    dirty : bool, default False
        Also write the dirty variant: ``acled_libya_sample_dirty.csv`` (defects injected into a
        copy of the clean ACLED sample; UTF-8 with a few Windows-1252 bytes),
        ``acled_deletions_sample.csv`` and ``dirty_manifest.json`` (what was injected and the
        counts ``libya_conflict.cleaning.pipeline.clean`` must report).
    seed : int, default 20190404
        Seed of the draw. The same seed always gives byte-identical files.

    Returns
    -------
    list of pathlib.Path
        The files written: the ACLED sample (2019-2023 export-tool layout) and the UCDP GED
        sample, then, with ``dirty``, the dirty export, the deletions file and the manifest.

    """
    out_dir = Path(out_dir)
    events = _draw_events(seed)
    districts = load_shape()["districts"]
    rows = [_acled_row(e, districts) for e in events]
    written = [
        _write_bytes(out_dir / ACLED_SAMPLE, _csv_text(rows, ACLED_2019_COLUMNS).encode("utf-8")),
        _write_bytes(out_dir / UCDP_SAMPLE,
                     _csv_text(_ucdp_rows(_ucdp_events(events, seed)), UCDP_COLUMNS)
                     .encode("utf-8")),
    ]
    if dirty:
        data, deletions, manifest = _dirty_variant(rows, seed)
        written += [
            _write_bytes(out_dir / DIRTY_SAMPLE, data),
            _write_bytes(out_dir / DELETIONS_SAMPLE, deletions.encode("utf-8")),
            _write_bytes(out_dir / DIRTY_MANIFEST,
                         (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode("utf-8")),
        ]
    return written
