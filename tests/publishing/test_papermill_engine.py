"""The papermill engine records headline and stamp outputs in the notebook's metadata."""

from papermill.engines import NBClientEngine, papermill_engines

from libya_conflict.publishing.papermill_engine import BriefingEngine


def test_engine_is_registered_under_its_entry_point():
    assert papermill_engines.get_engine("libya_conflict") is BriefingEngine
    assert issubclass(BriefingEngine, NBClientEngine)


