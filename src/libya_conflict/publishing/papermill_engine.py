"""A papermill engine that records each briefing's headline figures in the notebook metadata.

Registered as the ``papermill.engine`` entry point ``libya_conflict``, so
``papermill.execute_notebook(..., engine_name="libya_conflict")`` runs a notebook as usual and
then copies the outputs of type ``application/vnd.libya-conflict.headline+json`` and
``application/vnd.libya-conflict.stamp+json`` into ``nb.metadata["libya_conflict"]``
(:func:`libya_conflict.publishing.notebook_metadata.collect_metadata`).
"""

from __future__ import annotations

from typing import Any

from libya_conflict.publishing.notebook_metadata import collect_metadata

_ENGINE: type | None = None


def engine_class() -> type:
    """Return the engine class (papermill's nbclient engine, plus the metadata)."""
    global _ENGINE
    if _ENGINE is None:
        # Importing papermill.engines loads its entry points, this module among them: when this
        # module is imported first, papermill asks for the class while the import below runs.
        # It gets it through __getattr__, and this call then returns that same class.
        from papermill.engines import NBClientEngine

        if _ENGINE is None:
            _ENGINE = _define(NBClientEngine)
    return _ENGINE


def _define(base: type) -> type:
    class BriefingEngine(base):
        """Papermill's nbclient engine, plus :func:`collect_metadata` after execution."""

        @classmethod
        def execute_managed_notebook(cls, nb_man: Any, kernel_name: str, **kwargs: Any) -> Any:
            """Execute the notebook, then record its headline and stamp in the metadata.

            The metadata is collected even when a cell fails, so a partial run still says what
            it got to; papermill writes the notebook after this returns.
            """
            try:
                return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)
            finally:
                collect_metadata(nb_man.nb)

    BriefingEngine.__module__ = __name__
    return BriefingEngine


def __getattr__(name: str) -> Any:
    if name == "BriefingEngine":
        return engine_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


BriefingEngine = engine_class()
