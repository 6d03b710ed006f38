"""Publishing: run briefing notebooks and publish them as offline HTML and PDF.

Notebook files and their parameters, kernels, the papermill engine, the HTML export and its
sanitizer, the plotly.js bundle, PDF printing by Chromium, the schedule and the reports' index.
"""
