"""What the briefing notebooks call (``from libya_conflict import briefing``).

A facade, as papermill's ``__init__`` re-exports ``execute_notebook``: the code lives in
:mod:`libya_conflict.briefings` (``data``, ``display``, ``model``, ``sections``,
``war_sections``, ``quality``), and every name a notebook calls keeps working here. New parts of
a report go into those modules, then into ``__all__`` here.
"""

from __future__ import annotations

from libya_conflict.briefings.data import default_data, load_table, resolve_data, sample_inputs
from libya_conflict.briefings.display import (
    escape_html,
    escape_markdown,
    html_table,
    setup,
    show_banner,
    show_figure,
    show_heading,
    show_html,
    show_markdown,
    show_paragraphs,
    show_table,
)
from libya_conflict.briefings.model import Briefing, open_briefing
from libya_conflict.briefings.quality import (
    Quality,
    coverage_table,
    open_quality,
    quality_headline,
    show_accounting,
    show_coverage,
    show_crosswalk_gaps,
    show_duplicates,
    show_placement,
    show_precision,
    show_quality_headline,
    show_quality_stamp,
    show_quality_title,
    show_quarantine,
)
from libya_conflict.briefings.sections import (
    data_notes,
    headline_cards,
    key_points,
    show_attribution,
    show_briefing_stamp,
    show_data_notes,
    show_datasets,
    show_headline,
    show_key_points,
    show_maps,
    show_significant_events,
    show_stamp,
    show_summary,
    show_title,
    significant_events_table,
    summary_paragraphs,
)
from libya_conflict.briefings.war_sections import (
    phases_table,
    show_foreign,
    show_front,
    show_phases,
    show_shelling,
)
from libya_conflict.resources import repo_root

__all__ = [
    "Briefing", "Quality", "coverage_table", "data_notes", "default_data", "escape_html",
    "escape_markdown", "headline_cards", "html_table", "key_points", "load_table",
    "open_briefing", "open_quality",
    "phases_table", "quality_headline", "repo_root", "resolve_data", "sample_inputs", "setup",
    "show_accounting", "show_attribution", "show_banner", "show_briefing_stamp",
    "show_coverage", "show_crosswalk_gaps", "show_data_notes", "show_datasets",
    "show_duplicates", "show_figure", "show_foreign", "show_front", "show_headline",
    "show_heading", "show_html", "show_key_points", "show_maps", "show_markdown",
    "show_paragraphs", "show_phases",
    "show_placement", "show_precision", "show_quality_headline", "show_quality_stamp",
    "show_quality_title", "show_quarantine", "show_shelling", "show_significant_events",
    "show_stamp", "show_summary", "show_table", "show_title", "significant_events_table",
    "summary_paragraphs",
]
