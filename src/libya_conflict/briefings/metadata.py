"""Names shared by the notebooks, the papermill engine, the exports and the index.

A module of constants only, so that importing it costs nothing: the papermill engine is loaded
(as an entry point) in every process that imports papermill.

"""

from __future__ import annotations

# Outputs of these mimetypes carry a briefing's headline figures and the stamp of its run;
# the engine copies them into ``nb.metadata[METADATA_KEY]``.
HEADLINE_MIMETYPE = "application/vnd.libya-conflict.headline+json"
STAMP_MIMETYPE = "application/vnd.libya-conflict.stamp+json"
METADATA_KEY = "libya_conflict"


# Shown on every chart, page and index entry built from data with synthetic events.
SAMPLE_BANNER = "Sample data \u2014 includes synthetic events; not for analysis"


# Plotly's own mimetype for a figure (what its plotly_mimetype renderer displays).
PLOTLY_MIMETYPE = "application/vnd.plotly.v1+json"
