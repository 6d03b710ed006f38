"""nbconvert exporters, so that stock ``jupyter nbconvert`` publishes a briefing as ``build`` does.

Registered as entry points of the ``nbconvert.exporters`` group (``pyproject.toml``)::

    jupyter nbconvert --to libya_conflict_html out.ipynb   # out.html: offline, no code, escaped
    jupyter nbconvert --to libya_conflict_pdf out.ipynb    # out.pdf: the same Chromium print

for a notebook executed by plain papermill, Airflow or JupyterLab (where they appear in *File
→ Save and Export Notebook As*). They call what ``build`` calls: the page is
:func:`libya_conflict.publishing.html_export.export_pages` (plotly.js and the map topology
inlined, every output sanitised), the PDF is printed from its print twin by
:class:`~libya_conflict.publishing.pdf.PdfPrinter`. The notebook is checked first
(:func:`libya_conflict.publishing.export.prepare`): one that was never run or stopped with an
error is refused, and the headline and stamp are read from its outputs.

nbconvert's own options for the input (``--no-input``, ``--template``) do not apply: a briefing
page never shows code and always uses the project's template.

"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from nbconvert.exporters import Exporter
from traitlets import default

from libya_conflict.errors import LibyaConflictError


def _name(nb: Any, resources: dict) -> str:
    from libya_conflict.publishing.export import notebook_name

    return notebook_name(nb, str(resources.get("metadata", {}).get("name") or "briefing"))


class BriefingHTMLExporter(Exporter):
    """``--to libya_conflict_html``: the reader's page of an executed briefing, as ``build``."""

    export_from_notebook = "Libya conflict briefing (HTML)"
    output_mimetype = "text/html"

    @default("file_extension")
    def _file_extension_default(self) -> str:
        return ".html"

    def pages(self, nb: Any, resources: dict | None, **kw: Any) -> tuple[str, str, dict]:
        """Check the notebook; return its page, the page's print twin and the resources."""
        from libya_conflict.publishing import html_export
        from libya_conflict.publishing.export import prepare

        nb, resources = super().from_notebook_node(nb, resources, **kw)  # a copy, preprocessed
        name = _name(nb, resources)
        meta = resources.get("metadata", {})
        where = Path(meta.get("path") or "") / f"{meta.get('name') or name}.ipynb"
        try:
            prepare(nb, where)
        except LibyaConflictError as exc:
            self._refuse(exc)
        html, print_html = html_export.export_pages(nb, name)
        return html, print_html, resources

    def from_notebook_node(self, nb: Any, resources: dict | None = None,
                           **kw: Any) -> tuple[str, dict]:
        """Return the page and nbconvert's resources."""
        html, _, resources = self.pages(nb, resources, **kw)
        return html, resources

    def _refuse(self, exc: LibyaConflictError) -> None:
        # Under `jupyter nbconvert`, one line and exit status 1, not a traceback; from Python,
        # the exception itself.
        from nbconvert.nbconvertapp import NbConvertApp

        if NbConvertApp.initialized():
            self.log.error("%s", exc.cli_line())
            sys.exit(1)
        raise exc


class BriefingPDFExporter(BriefingHTMLExporter):
    """``--to libya_conflict_pdf``: the A4 PDF of an executed briefing, printed as ``build``."""

    export_from_notebook = "Libya conflict briefing (PDF)"
    output_mimetype = "application/pdf"

    @default("file_extension")
    def _file_extension_default(self) -> str:
        return ".pdf"

    def from_notebook_node(self, nb: Any, resources: dict | None = None,
                           **kw: Any) -> tuple[bytes, dict]:
        """Return the PDF's bytes and nbconvert's resources."""
        from libya_conflict.publishing.pdf import PdfPrinter, print_page

        _, print_html, resources = self.pages(nb, resources, **kw)
        stem = str(resources.get("metadata", {}).get("name") or "briefing")
        try:
            with PdfPrinter() as printer, tempfile.TemporaryDirectory(
                    prefix="libya-conflict-print-") as folder:
                pdf = print_page(printer, print_html, Path(folder), stem)
        except LibyaConflictError as exc:
            self._refuse(exc)
        return pdf, resources
