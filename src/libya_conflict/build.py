"""Build one briefing: validate parameters, run the notebook, write .ipynb, .html and .pdf.

``libya-conflict build NOTEBOOK`` and every run of ``libya-conflict schedule`` go through
:func:`build`:

1. the notebook is found by name (``notebooks/<name>.ipynb``) or path;
2. the parameters (``-p NAME VALUE`` pairs over a ``-f params.yaml``) are checked against the
   notebook's parameters cell (unknown names, wrong types) and by
   :func:`libya_conflict.params.check_parameters` (dates, areas, sides...) before any kernel
   starts, so a typo costs milliseconds and one clear line;
3. papermill runs the notebook in this process with an explicit kernel and working directory,
   through the ``libya_conflict`` engine that records the headline figures and the stamp in
   the notebook's metadata; on Linux the kernel is a fresh process forked from a warm
   template (:mod:`libya_conflict.kernels`), which saves ~1.3 s of start-up and imports per run;
4. the page is exported in-process (:mod:`libya_conflict.export`) and printed by a shared
   Chromium (:mod:`libya_conflict.pdf`);
5. ``reports/<notebook>/<slug>.ipynb``, ``.html`` and ``.pdf`` are written to temporary files
   and renamed together only when all of them succeeded: a failed run never replaces a good
   report.
"""

from __future__ import annotations

import ast
import contextlib
import datetime as dt
import json
import os
import re
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from libya_conflict.atomic import atomic_outputs, write_atomic
from libya_conflict.errors import InputError
from libya_conflict.kernels import KERNEL, KernelTemplate, forking_supported, notebook_modules
from libya_conflict.resources import find_checkout

ENGINE = "libya_conflict"
FORMATS = ("ipynb", "html", "pdf")
# Parameters that do not change what a report shows enough to deserve their own file name.
NOT_IN_SLUG = {"title", "data"}
REPORT_MODE = 0o644
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
_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off"}


class BuildError(Exception):
    """The notebook ran and failed; the message is the notebook's own error, on one line.

    Parameters
    ----------
    notebook : str
        Notebook name.
    message : str
        Where and what: ``cell 7: KeyError: 'district'``.
    failed_notebook : Path, optional
        The executed notebook with its error, kept for debugging.

    """

    def __init__(self, notebook: str, message: str, failed_notebook: Path | None = None) -> None:
        self.notebook = notebook
        self.message = message
        self.failed_notebook = failed_notebook
        super().__init__(f"{notebook}: {message}")


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


# --------------------------------------------------------------------------------------------
# Finding notebooks and reading parameters
# --------------------------------------------------------------------------------------------

def project_root() -> Path:
    """Return the project checkout (holding ``notebooks/``), else the working directory.

    The package's own location is tried first (an editable install lives in ``src/``), then
    the working directory and its parents (:func:`libya_conflict.resources.find_checkout`).
    """
    return find_checkout("notebooks") or Path.cwd().resolve()


def notebooks_dir() -> Path:
    """Return the folder of the briefing notebooks (``notebooks/`` of the checkout)."""
    return project_root() / "notebooks"


def available_notebooks(folder: Path | None = None) -> list[str]:
    """Return the names of the notebooks in ``folder`` (default :func:`notebooks_dir`)."""
    folder = folder or notebooks_dir()
    return sorted(p.stem for p in folder.glob("*.ipynb")) if folder.is_dir() else []


def resolve_notebook(name: str | Path, folder: Path | None = None) -> Path:
    """Return the notebook file for a name (``situation_briefing``) or a path.

    Raises
    ------
    InputError
        When neither exists; the message lists the available names.

    """
    path = Path(name).expanduser()
    if path.suffix == ".ipynb" and path.is_file():
        return path.resolve()
    candidate = (folder or notebooks_dir()) / f"{path.name.removesuffix('.ipynb')}.ipynb"
    if path.parent == Path(".") and candidate.is_file():
        return candidate.resolve()
    names = ", ".join(available_notebooks(folder)) or "none found"
    raise InputError(str(name), f"no such notebook; expected a path to an .ipynb file or one "
                     f"of: {names}")


def read_parameters_file(path: Path) -> dict:
    """Read a YAML mapping of parameter names to values (``-f params.yaml``)."""
    import yaml

    try:
        values = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(path, f"cannot read the parameters file: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise InputError(path, f"not valid YAML ({str(exc).splitlines()[0]}); expected "
                         "a mapping such as 'start: \"2020-04-01\"'") from None
    if values is None:
        return {}
    if not isinstance(values, dict) or not all(isinstance(k, str) for k in values):
        raise InputError(path, "expected a YAML mapping of parameter names to values")
    return values


def notebook_parameters(path: Path) -> dict[str, dict]:
    """Return the parameters cell of a notebook: name -> ``{"type": ..., "default": ...}``.

    The cell tagged ``parameters`` is read as papermill reads it (``name: type = default``;
    ``"None"`` as the type of an unannotated name), with Python's own parser, so that
    parameters are checked before papermill and its dependencies are even imported.

    Raises
    ------
    InputError
        When the notebook has no cell tagged ``parameters``, or that cell is not Python.

    """
    cells = json.loads(Path(path).read_text(encoding="utf-8")).get("cells", [])
    source = next(("".join(c.get("source", "")) for c in cells
                   if c.get("cell_type") == "code"
                   and "parameters" in c.get("metadata", {}).get("tags", [])), None)
    if source is None:
        raise InputError(path, "the notebook has no cell tagged 'parameters'; expected a "
                         "first code cell tagged 'parameters' with annotated defaults")
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise InputError(path, f"the parameters cell is not valid Python (line {exc.lineno}: "
                         f"{exc.msg})") from None
    found = {}
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            annotation = ast.get_source_segment(source, node.annotation) or "None"
            found[node.target.id] = (annotation, node.value)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = ("None", node.value)
    return {name: {"type": kind.strip(), "default": _literal(
                ast.get_source_segment(source, value) if value is not None else None)}
            for name, (kind, value) in found.items()}


def _literal(source: str | None) -> Any:
    try:
        return ast.literal_eval(source) if source else None
    except (ValueError, SyntaxError):
        return source  # an expression: papermill shows it as text, and so do we


# --------------------------------------------------------------------------------------------
# Validating parameters
# --------------------------------------------------------------------------------------------

def coerce(name: str, value: Any, type_name: str) -> Any:
    """Convert a value to the annotated type of its parameter (text from ``-p`` included).

    Raises
    ------
    ValueError
        With a message naming the expected type.

    """
    base = re.sub(r"^(Optional\[(.*)\]|(.*)\s*\|\s*None)$", r"\2\3", type_name).strip()
    if value is None and base != type_name:
        return None
    if base == "str":
        if isinstance(value, dt.date):  # YAML reads 2020-04-01 as a date
            return value.isoformat()
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return str(value)
        raise ValueError("expected text")
    if base == "bool":
        return _to_bool(value)
    if base in ("int", "float"):
        return _to_number(value, int if base == "int" else float)
    return value  # not annotated, or a type we do not check: passed on as given


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    raise ValueError("expected true or false")


def _to_number(value: Any, kind: type) -> int | float:
    if isinstance(value, bool):
        raise ValueError(f"expected {'an integer' if kind is int else 'a number'}")
    try:
        number = kind(value) if not isinstance(value, str) else kind(value.strip())
    except (TypeError, ValueError):
        raise ValueError(f"expected {'an integer' if kind is int else 'a number'}") from None
    if kind is int and isinstance(value, float) and number != value:
        raise ValueError("expected an integer")
    return number


def validate_parameters(notebook: Path, given: dict) -> tuple[dict, dict]:
    """Check parameters against the notebook's parameters cell and the project's rules.

    Parameters
    ----------
    notebook : Path
        The notebook.
    given : dict
        Parameters given by the user (text from ``-p``, typed from YAML).

    Returns
    -------
    given : dict
        The given parameters, converted and normalised (what papermill injects).
    effective : dict
        Every parameter of the notebook with its value for this run (defaults filled in).

    Raises
    ------
    InputError
        On the first problem, as one line naming the notebook and listing what is valid.

    """
    declared = notebook_parameters(notebook)
    name = notebook.stem
    valid = ", ".join(f"{k} ({v['type']})" for k, v in declared.items())
    unknown = sorted(set(given) - set(declared))
    if unknown:
        raise InputError(name, f"unknown parameter{'s' if len(unknown) > 1 else ''} "
                         f"{', '.join(unknown)}; valid parameters: {valid}")
    converted = {}
    for key, value in given.items():
        try:
            converted[key] = coerce(key, value, declared[key]["type"])
        except ValueError as exc:
            raise InputError(name, f"{key}: {value!r} is not valid: {exc} "
                             f"({key} is {declared[key]['type']})") from None
    effective = {k: v["default"] for k, v in declared.items()} | converted
    try:
        from libya_conflict.params import check_parameters

        effective = check_parameters(effective)
    except InputError as exc:
        raise InputError(name, exc.message) from None
    return {k: effective[k] for k in converted}, effective


def slug_for(parameters: dict) -> str:
    """Return the file name (without extension) of a report from its effective parameters.

    The values of the parameters, in the order of the parameters cell, lower-cased with
    anything but letters and digits turned into ``-``: ``2020-04-01_2020-04-30_greater-tripoli``.
    ``title`` is left out; ``data`` adds the name of the data file when it is not the sample.
    """
    parts = [_slugify(v) for k, v in parameters.items()
             if k not in NOT_IN_SLUG and v not in (None, "")]
    if parameters.get("data"):
        parts.append(_slugify(Path(str(parameters["data"])).stem))
    slug = "_".join(p for p in parts if p) or "default"
    if len(slug) > 120:  # file systems limit names to 255 bytes: keep it short and unique
        import hashlib

        slug = f"{slug[:100]}_{hashlib.sha256(slug.encode()).hexdigest()[:10]}"
    return slug


def _slugify(value: Any) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(value).casefold()).strip("-")


# --------------------------------------------------------------------------------------------
# Running, exporting, writing
# --------------------------------------------------------------------------------------------

def _register_engine() -> None:
    # The entry point registers the engine when the package is installed; registering it here
    # as well keeps builds working from a checkout whose install predates the entry point.
    from papermill.engines import papermill_engines

    from libya_conflict.engines import BriefingEngine

    papermill_engines.register(ENGINE, BriefingEngine)


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
            engine_name=ENGINE, kernel_name=kernel, request_save_on_cell_execute=False,
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
    write_atomic(target, lambda out: shutil.copyfile(temp, out))
    return target


def report_paths(out: Path, notebook: str, slug: str, formats: tuple[str, ...]) -> dict:
    """Return ``{format: path}`` of a report: ``out/<notebook>/<slug>.<format>``."""
    return {fmt: out / notebook / f"{slug}.{fmt}" for fmt in FORMATS if fmt in formats}


def write_report(nb: Any, paths: dict[str, Path], printer: Any = None,
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

    """
    import nbformat

    from libya_conflict import export

    formats = list(paths)
    html = print_html = None
    timings = {}
    if "html" in paths or "pdf" in paths:
        began = time.perf_counter()
        html, print_html = export.export_pages(nb, name)
        timings["html"] = time.perf_counter() - began
    with atomic_outputs([paths[f] for f in formats]) as temps:
        temp = dict(zip(formats, temps, strict=True))
        temp["ipynb"].write_text(nbformat.writes(nb), encoding="utf-8")
        if "html" in temp:
            temp["html"].write_text(html, encoding="utf-8")
        if "pdf" in temp:
            began = time.perf_counter()
            temp["pdf"].write_bytes(_print(printer, print_html, paths["pdf"]))
            timings["pdf"] = time.perf_counter() - began
        for written in temps:  # temporary files are private (0600); reports are for readers
            written.chmod(REPORT_MODE)
    return timings


def _print(printer: Any, print_html: str, pdf: Path) -> bytes:
    # The print twin of the page needs an .html name for Chromium; it lives beside the report
    # only while it prints.
    fd, name = tempfile.mkstemp(prefix=f".{pdf.stem}.", suffix=".print.html", dir=pdf.parent)
    os.close(fd)
    page = Path(name)
    try:
        page.write_text(print_html, encoding="utf-8")
        return printer.print_pdf(page)
    finally:
        page.unlink(missing_ok=True)


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
        if printer is None and "pdf" in formats:
            from libya_conflict import plotlyjs
            from libya_conflict.pdf import PdfPrinter

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
        meta = nb.metadata.setdefault("libya_conflict", {})
        meta["build"] = {"notebook": path.stem, "slug": slug, "parameters": effective,
                         **(record or {})}
        timings.update(write_report(nb, paths, printer, path.stem))
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
    from libya_conflict import export

    export.warm_up()
