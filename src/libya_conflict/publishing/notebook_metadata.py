"""Headline figures and stamp of an executed briefing, copied into the notebook's metadata.

Outputs of type ``application/vnd.libya-conflict.headline+json`` and
``application/vnd.libya-conflict.stamp+json`` carry them out of the kernel;
:func:`collect_metadata` copies the last of each into ``nb.metadata["libya_conflict"]``. Kept
free of papermill, so that a notebook run anywhere can be read.
"""

from __future__ import annotations

from typing import Any

from libya_conflict.briefings.metadata import (
    HEADLINE_MIMETYPE,
    METADATA_KEY,
    STAMP_MIMETYPE,
)


def _outputs_of(nb: Any, mimetype: str) -> list[dict]:
    found = []
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            data = output.get("data", {})
            if mimetype in data:
                found.append(data[mimetype])
    return found


def _plain(value: Any) -> Any:
    """Turn nbformat's NotebookNode (a dict subclass) into plain dicts and lists."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def collect_metadata(nb: Any) -> Any:
    """Copy a notebook's headline and stamp outputs into its metadata.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        An executed notebook.

    Returns
    -------
    nbformat.NotebookNode
        The same notebook, with ``metadata["libya_conflict"]`` holding ``headline`` (the last
        headline output), ``stamp`` (the last stamp output) and ``synthetic`` (from the stamp),
        for those present.

    """
    record = dict(nb.metadata.get(METADATA_KEY, {}))
    headlines = _outputs_of(nb, HEADLINE_MIMETYPE)
    stamps = _outputs_of(nb, STAMP_MIMETYPE)
    if headlines:
        record["headline"] = _plain(headlines[-1])
    if stamps:
        record["stamp"] = _plain(stamps[-1])
        record["synthetic"] = bool(stamps[-1].get("synthetic", False))
    if record:
        nb.metadata[METADATA_KEY] = record
    return nb
