"""Briefings: what the notebooks compute and show, from a cleaned table to figures and sentences.

Parameters and selections, measures, narrative (sentences come from ``wording``, ``narrative``
and its siblings; numbers from the measures), charts and their theme, and the display of each
part of a report. Notebooks reach it through the facades :mod:`libya_conflict.briefing`,
:mod:`libya_conflict.charts` and :mod:`libya_conflict.params`.
"""
