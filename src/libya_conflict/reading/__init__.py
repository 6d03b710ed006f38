"""Reading: from an export file (CSV or .xlsx, any vintage, any encoding) to rows of text.

Layouts are detected from the header, encodings from the bytes; large files are scanned by
DuckDB, which keeps only the rows of the country asked for.
"""
