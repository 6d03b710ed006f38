"""Build one briefing: validate parameters, run the notebook, write .ipynb, .html and .pdf.

``libya-conflict build NOTEBOOK`` and every run of ``libya-conflict schedule`` go through
:func:`build`:

1. the notebook is found by name (``notebooks/<name>.ipynb``) or path;
2. the parameters (``-p NAME VALUE`` pairs over a ``-f params.yaml``) are checked against the
   notebook's parameters cell (:mod:`libya_conflict.publishing.notebook_files`) and by
   :func:`~libya_conflict.briefings.parameters.check_parameters` (dates, areas, sides...)
   before any kernel starts, so a typo costs milliseconds and one clear line;
3. papermill runs the notebook in this process with an explicit kernel and working directory,
   through the ``libya_conflict`` engine that records the headline figures and the stamp in
   the notebook's metadata; on Linux the kernel is a fresh process forked from a warm
   template (:mod:`~libya_conflict.publishing.kernels`), which saves ~1.3 s of start-up and
   imports per run;
4. the page is exported in-process (:mod:`~libya_conflict.publishing.html_export`) and printed
   by a shared Chromium (:mod:`~libya_conflict.publishing.pdf`);
5. ``reports/<notebook>/<slug>.ipynb``, ``.html`` and ``.pdf`` are written to temporary files
   and renamed together only when all of them succeeded: a failed run never replaces a good
   report.

"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from libya_conflict.briefings.metadata import METADATA_KEY
from libya_conflict.errors import BuildError, InputError
from libya_conflict.files import write_atomic
from libya_conflict.publishing.kernels import (
    KERNEL,
    KernelTemplate,
    forking_supported,
    notebook_modules,
)
from libya_conflict.publishing.notebook_files import (
    resolve_notebook,
    slug_for,
    validate_parameters,
)
from libya_conflict.publishing.report_files import (
    FOLDER_PATTERNS,
    remove_stale_temporaries,
    write_files,
    writing,
)

PAPERMILL_ENGINE = "libya_conflict"
FORMATS = ("ipynb", "html", "pdf")
CELL_TIMEOUT = 600  # seconds a cell may run in an unattended build before it is stopped
BROWSER_NICE = 10  # a single build's browser yields the CPU to its notebook (see PdfPrinter)
KERNEL_OPTIONS = {
    # The kernel's own log would fill unattended logs with a notice about TCP on every start
    # and, at times, "KeyboardInterrupt caught in kernel" (jupyter_client interrupts a kernel
    # before stopping it). Errors in cells come back as outputs, not through this log.
    "extra_arguments": ["--IPKernelApp.log_level=CRITICAL"],
    # Stop the kernel at once when the last cell is done, not after a shutdown request and a
    # wait for it to exit.
    "shutdown_kernel": "immediate",
}


@dataclass
class BuildResult:
    """What a build wrote and what the briefing found (from the notebook's metadata)."""

    notebook: str
    slug: str
    parameters: dict
    paths: dict[str, Path]
    headline: dict = field(default_factory=dict)
    stamp: dict = field(default_factory=dict)
    synthetic: bool = False
    seconds: float = 0.0
    # Seconds spent running the notebook, exporting the HTML and printing the PDF.
    timings: dict[str, float] = field(default_factory=dict)


def _register_engine() -> None:
    # The entry point registers the engine when the package is installed; registering it here
    # as well keeps builds working from a checkout whose install predates the entry point.
    from papermill.engines import papermill_engines

    from libya_conflict.publishing.papermill_engine import BriefingEngine

    papermill_engines.register(PAPERMILL_ENGINE, BriefingEngine)


def execute(notebook: Path, parameters: dict, kernel: str = KERNEL, cwd: Path | None = None,
            failed_path: Path | None = None, template: KernelTemplate | None = None) -> Any:
    """Run a notebook with papermill in this process and return the executed notebook.

    Parameters
    ----------
    notebook : Path
        The notebook to run.
    parameters : dict
        Values injected after the parameters cell.
    kernel : str
        Kernel name (explicit, never taken from the notebook).
    cwd : Path, optional
        The kernel's working directory (default: the notebook's folder).
    failed_path : Path, optional
        Where to keep the executed notebook when a cell fails.
    template : KernelTemplate, optional
        Fork the kernel from this warm template (when it is running) instead of starting one.

    Raises
    ------
    InputError
        When the notebook rejects its parameters (``ParameterError`` in a cell).
    BuildError
        When a cell fails otherwise.

    """
    import_runtime()
    import papermill
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    _register_engine()
    cwd = (cwd or notebook.parent).resolve()
    # Papermill writes the executed notebook only at the end (or on a failure), to a private
    # temporary file: the reports folder sees nothing until the report is committed.
    fd, name = tempfile.mkstemp(prefix="libya-conflict-run-", suffix=".ipynb")
    os.close(fd)
    keep = Path(name)
    options = dict(KERNEL_OPTIONS)
    if template is not None and template.alive():
        options["kernel_manager_class"] = template.manager_class()
    try:
        # The kernel's working directory is passed to nbclient, not as papermill's cwd=:
        # papermill would os.chdir() this whole process, which breaks parallel runs in threads.
        return papermill.execute_notebook(
            str(notebook), str(keep), parameters=parameters,
            engine_name=PAPERMILL_ENGINE, kernel_name=kernel, request_save_on_cell_execute=False,
            progress_bar=False, log_output=False, execution_timeout=CELL_TIMEOUT,
            resources={"metadata": {"path": str(cwd)}}, **options)
    except PapermillExecutionError as exc:
        kept = _keep_failed(keep, failed_path)
        evalue = " ".join(str(exc.evalue).split())
        if exc.ename == "ParameterError":
            raise InputError(notebook.stem, evalue) from None
        raise BuildError(notebook.stem, f"cell {exc.exec_count}: {exc.ename}: {evalue}",
                         kept) from None
    except (CellTimeoutError, DeadKernelError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        raise BuildError(notebook.stem, f"{type(exc).__name__}: {first}") from None
    finally:
        keep.unlink(missing_ok=True)


def _keep_failed(temp: Path, target: Path | None) -> Path | None:
    if target is None or not temp.is_file() or temp.stat().st_size == 0:
        return None
    try:
        write_atomic(target, lambda out: shutil.copyfile(temp, out))
    except OSError:  # a full disk, say: the notebook's own error is the news, not this
        return None
    return target


def report_paths(out: Path, notebook: str, slug: str, formats: tuple[str, ...]) -> dict:
    """Return ``{format: path}`` of a report: ``out/<notebook>/<slug>.<format>``."""
    return {fmt: out / notebook / f"{slug}.{fmt}" for fmt in FORMATS if fmt in formats}


def write_report_files(nb: Any, paths: dict[str, Path], printer: Any = None,
                       name: str = "briefing") -> dict[str, float]:
    """Export and write a report's files all together, or none of them.

    Parameters
    ----------
    nb : NotebookNode
        The executed notebook.
    paths : dict
        ``{"ipynb": ..., "html": ..., "pdf": ...}`` (html and pdf optional).
    printer : PdfPrinter, optional
        Needed when ``"pdf"`` is in ``paths``.
    name : str
        Notebook name (the page title when the page has no heading).

    Returns
    -------
    dict
        Seconds spent exporting the HTML (``"html"``) and printing the PDF (``"pdf"``).

    Raises
    ------
    ReportWriteError
        When a file cannot be written (a full disk...); no file of the report was replaced.

    """
    import nbformat

    from libya_conflict.publishing import html_export
    from libya_conflict.publishing.pdf import print_page

    contents: dict[str, str | bytes] = {"ipynb": nbformat.writes(nb)}
    timings = {}
    if "html" in paths or "pdf" in paths:
        began = time.perf_counter()
        contents["html"], print_html = html_export.export_pages(nb, name)
        timings["html"] = time.perf_counter() - began
    if "pdf" in paths:
        began = time.perf_counter()
        # Printed before any report file is opened: the reports folder holds a temporary
        # file for as short a time as possible.
        with writing(paths["pdf"]):
            contents["pdf"] = print_page(printer, print_html, paths["pdf"].parent,
                                         paths["pdf"].stem)
        timings["pdf"] = time.perf_counter() - began
    write_files(paths, {fmt: contents[fmt] for fmt in paths})
    return timings


def build(notebook: str | Path, given: dict | None = None, *, out: Path = Path("reports"),
          formats: tuple[str, ...] = FORMATS, printer: Any = None, kernel: str = KERNEL,
          record: dict | None = None, template: KernelTemplate | None = None,
          kernel_slots: threading.Semaphore | None = None) -> BuildResult:
    """Validate, run, export and write one briefing.

    Parameters
    ----------
    notebook : str or Path
        Notebook name or path.
    given : dict, optional
        Parameters, validated here before any kernel starts.
    out : Path
        Reports folder.
    formats : tuple of str
        Among ``ipynb``, ``html``, ``pdf`` (the ``.ipynb`` is always written).
    printer : PdfPrinter, optional
        A shared browser; one is started (and closed) for this build when needed.
    kernel : str
        Jupyter kernel name.
    record : dict, optional
        Extra facts stored under ``metadata["libya_conflict"]["build"]`` (the schedule's
        fingerprint of the inputs).
    template : KernelTemplate, optional
        A shared kernel template; one is started (and closed) for this build where supported.
    kernel_slots : threading.Semaphore, optional
        Held while the notebook runs: a schedule bounds the kernels running at once, not the
        reports being exported and printed.

    Returns
    -------
    BuildResult

    """
    began = time.perf_counter()
    path = resolve_notebook(notebook)
    with contextlib.ExitStack() as stack:
        if template is None and forking_supported(kernel):
            # Started before the parameters are checked, so that its imports (~1.3 s) overlap
            # the checks: it is no kernel and runs no notebook code, and it is stopped at once
            # when a parameter is wrong.
            template = stack.enter_context(KernelTemplate(notebook_modules([path])))
        injected, effective = validate_parameters(path, dict(given or {}))
        formats = tuple(dict.fromkeys(("ipynb", *formats)))
        slug = slug_for(effective)
        paths = report_paths(Path(out).resolve(), path.stem, slug, formats)
        remove_stale_temporaries(paths["ipynb"].parent, patterns=FOLDER_PATTERNS)
        if printer is None and "pdf" in formats:
            from libya_conflict.publishing import plotlyjs
            from libya_conflict.publishing.pdf import PdfPrinter

            # Launched now, so that Chromium starts (and the exporter loads) while the kernel
            # runs, at a lower priority than the kernel: the notebook is what the PDF waits for.
            printer = stack.enter_context(PdfPrinter(warm_page=plotlyjs.warm_page(),
                                                     nice=BROWSER_NICE))
        import_runtime()
        _warm_exporter_in_background(formats)
        failed = paths["ipynb"].with_suffix(".failed.ipynb")
        with kernel_slots or contextlib.nullcontext():
            run_began = time.perf_counter()
            nb = execute(path, injected, kernel=kernel, failed_path=failed, template=template)
            timings = {"notebook": time.perf_counter() - run_began}
        meta = nb.metadata.setdefault(METADATA_KEY, {})
        meta["build"] = {"notebook": path.stem, "slug": slug, "parameters": effective,
                         **(record or {})}
        timings.update(write_report_files(nb, paths, printer, path.stem))
        failed.unlink(missing_ok=True)
    return BuildResult(notebook=path.stem, slug=slug, parameters=effective, paths=paths,
                       headline=dict(meta.get("headline", {})), stamp=dict(meta.get("stamp", {})),
                       synthetic=bool(meta.get("synthetic")),
                       seconds=time.perf_counter() - began, timings=timings)


_RUNTIME = threading.Lock()


def import_runtime() -> None:
    """Import papermill, and with it nbclient and jupyter_client, in one thread at a time.

    jupyter_client's modules import one another: imported by two threads at once (a build and
    the exporter's warm-up, which imports nbconvert, or two builds of a schedule) they can meet
    half-initialised and fail with an ImportError.
    """
    with _RUNTIME:
        import papermill  # noqa: F401


def _warm_exporter_in_background(formats: tuple[str, ...]) -> None:
    if "html" not in formats and "pdf" not in formats:
        return
    threading.Thread(target=_warm_exporter, name="export-warm-up", daemon=True).start()


def _warm_exporter() -> None:
    # Imported here, in the thread: nbconvert and the sanitizer take ~0.4 s to import.
    from libya_conflict.publishing import html_export

    html_export.warm_up()
