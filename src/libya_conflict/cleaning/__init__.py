"""Cleaning: from the rows a reader returns to the canonical event table and its report.

Every row read ends in the table, the quarantine (with a reason) or a counted bucket:
``read = kept + out_of_scope + quarantined + duplicates + deleted``.
"""
