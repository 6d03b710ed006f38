"""The papermill engine records headline and stamp outputs in the notebook's metadata."""

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from libya_conflict.briefings.metadata import HEADLINE_MIMETYPE, STAMP_MIMETYPE
from libya_conflict.publishing.papermill_engine import collect_metadata


def notebook_with(*outputs: dict) -> nbformat.NotebookNode:
    cell = new_code_cell("x = 1")
    cell.outputs = [new_output("display_data", data=data) for data in outputs]
    return new_notebook(cells=[new_markdown_cell("# Title"), cell])


def test_collect_metadata_copies_headline_stamp_and_sample_flag():
    headline = {"start": "2020-05-01", "events": 3, "by_dataset": {"acled": {"events": 3}}}
    stamp = {"data_sha256": "abc", "synthetic": True}
    nb = notebook_with({"text/plain": "hello"}, {HEADLINE_MIMETYPE: headline, "text/plain": "h"},
                       {STAMP_MIMETYPE: stamp, "text/plain": "s"})
    out = collect_metadata(nb)
    assert out is nb
    record = nb.metadata["libya_conflict"]
    assert record == {"headline": headline, "stamp": stamp, "synthetic": True}
    nbformat.validate(nb)


def test_the_last_headline_wins_and_a_notebook_without_outputs_is_unchanged():
    nb = notebook_with({HEADLINE_MIMETYPE: {"events": 1}}, {HEADLINE_MIMETYPE: {"events": 2}})
    assert collect_metadata(nb).metadata["libya_conflict"] == {"headline": {"events": 2}}
    empty = new_notebook(cells=[new_code_cell("1")])
    assert "libya_conflict" not in collect_metadata(empty).metadata
