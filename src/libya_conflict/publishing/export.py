"""Publish notebooks executed elsewhere (papermill's CLI, Airflow, JupyterLab) as ``build`` does.

``libya-conflict export NOTEBOOK.ipynb... [--formats html,pdf] [--out DIR]`` takes notebooks
that something else ran and writes ``DIR/<notebook>/<slug>.{ipynb,html,pdf}`` exactly as
``build`` writes a report (:func:`libya_conflict.publishing.build.write_report_files`: the
same offline page, the same Chromium print, all files renamed together or none):

- every notebook is read and checked before anything is written: a file that is not a
  notebook, a notebook that was never run or that stopped with an error is refused with one
  line naming it;
- the headline figures and the stamp are read from the notebook's outputs when it was run
  without the project's papermill engine (:func:`~libya_conflict.publishing.notebook_metadata.
  collect_metadata`), and kept in the metadata of the ``.ipynb`` written with the report;
- the report is named as ``build`` would name it: the notebook is the one papermill ran
  (``metadata.papermill.input_path``), else the file's name; the slug comes from the
  parameters cell's defaults, the parameters papermill injected and those the notebook
  itself checked (the stamp), so ``papermill ... -p area Tripoli`` then ``export`` gives the
  file ``build situation_briefing -p area Tripoli`` gives.

The nbconvert exporters (:mod:`libya_conflict.publishing.exporters`) use the same checks.

"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from libya_conflict.briefings.metadata import METADATA_KEY
from libya_conflict.errors import InputError, one_line


@dataclass
class Executed:
    """A notebook executed elsewhere, checked, with the name and slug of its report."""

    path: Path
    nb: Any
    notebook: str
    slug: str
    parameters: dict


def read_executed(path: Path) -> Any:
    """Read an executed notebook.

    Raises
    ------
    InputError
        When the file cannot be read or is not a Jupyter notebook.

    """
    import nbformat

    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(path, f"cannot read the notebook: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise InputError(path, "not a Jupyter notebook (not UTF-8 text); expected an "
                         ".ipynb file written by papermill or Jupyter") from None
    try:
        nb = nbformat.reads(text, as_version=4)
        if not all(isinstance(c, dict) and "cell_type" in c for c in nb.cells):
            raise ValueError("its cells are not notebook cells")
    except Exception as exc:  # noqa: BLE001 - JSON, schema, conversion: all mean the same here
        raise InputError(path, f"not a Jupyter notebook ({one_line(exc)}); expected an "
                         ".ipynb file written by papermill or Jupyter") from None
    return nb


def check_executed(nb: Any, where: str | Path) -> None:
    """Refuse a notebook that was never run, or that stopped with an error.

    Raises
    ------
    InputError
        Naming the failing cell and its error, or saying the notebook was not run.

    """
    code = [c for c in nb.cells if c.cell_type == "code"]
    for number, cell in enumerate(code, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                count = cell.get("execution_count") or number
                evalue = " ".join(str(output.get("evalue", "")).split())
                raise InputError(where, f"the notebook stopped with an error (cell {count}: "
                                 f"{output.get('ename', 'Error')}: {evalue}); only a notebook "
                                 "that ran to the end is published")
    if nb.metadata.get("papermill", {}).get("exception"):
        raise InputError(where, "papermill recorded that the notebook failed; only a notebook "
                         "that ran to the end is published")
    if code and not any(c.get("execution_count") or c.get("outputs") for c in code):
        raise InputError(where, "the notebook has not been run (no code cell has an output); "
                         "run it first, e.g. papermill NOTEBOOK.ipynb OUT.ipynb -p NAME VALUE")


def prepare(nb: Any, where: str | Path) -> Any:
    """Check an executed notebook and copy its headline and stamp into its metadata."""
    from libya_conflict.publishing.notebook_metadata import collect_metadata

    check_executed(nb, where)
    return collect_metadata(nb)


def notebook_name(nb: Any, fallback: str) -> str:
    """Return the name of the notebook that ran: ``build``'s, papermill's input, or ``fallback``."""
    built = nb.metadata.get(METADATA_KEY, {}).get("build", {})
    source = nb.metadata.get("papermill", {}).get("input_path")
    return str(built.get("notebook") or (Path(str(source)).stem if source else fallback))


def effective_parameters(nb: Any, path: Path) -> dict | None:
    """Return the parameters of the run, in the parameters cell's order, or None without one.

    The defaults of the notebook's parameters cell, then what papermill injected (converted to
    the declared types), then what the notebook checked itself (the stamp's parameters, which
    are :func:`~libya_conflict.briefings.parameters.check_parameters`'s answer, as in ``build``).
    """
    from libya_conflict.publishing.notebook_files import convert_parameter, notebook_parameters

    try:
        declared = notebook_parameters(path)
    except InputError:
        return None
    effective = {name: spec["default"] for name, spec in declared.items()}
    for name, value in nb.metadata.get("papermill", {}).get("parameters", {}).items():
        if name in declared:
            with contextlib.suppress(ValueError):
                value = convert_parameter(name, value, declared[name]["type"])
            effective[name] = value
    checked = nb.metadata.get(METADATA_KEY, {}).get("stamp", {}).get("parameters", {})
    effective.update({k: v for k, v in checked.items() if k in declared})
    return effective


def read_for_export(path: Path) -> Executed:
    """Read, check and name an executed notebook (nothing is written)."""
    from libya_conflict.publishing.notebook_files import slug_for

    path = Path(path)
    nb = prepare(read_executed(path), path)
    name = notebook_name(nb, path.stem)
    meta = nb.metadata.setdefault(METADATA_KEY, {})
    built = meta.get("build", {})
    parameters = built.get("parameters") or effective_parameters(nb, path)
    slug = built.get("slug") or (slug_for(parameters) if parameters is not None
                                 else slug_for({"name": path.stem}))
    meta["build"] = {**built, "notebook": name, "slug": slug, "parameters": parameters or {},
                     "exported_from": str(path)}
    return Executed(path, nb, name, slug, parameters or {})


def export_notebooks(paths: list[Path], *, formats: tuple[str, ...] = ("html", "pdf"),
                     out: Path = Path("reports"), printer: Any = None) -> list[Any]:
    """Publish executed notebooks as ``build`` does: ``out/<notebook>/<slug>.*``.

    Parameters
    ----------
    paths : list of Path
        Executed notebooks (papermill's output, a notebook saved in JupyterLab...).
    formats : tuple of str
        Among ``html``, ``pdf`` (the ``.ipynb`` with its headline and stamp is always written).
    out : Path
        Reports folder.
    printer : PdfPrinter, optional
        A browser; one is started (and closed) when a PDF is asked for.

    Returns
    -------
    list of BuildResult
        One per notebook, in order.

    Raises
    ------
    InputError
        For the first notebook that cannot be published, or two that would write the same
        report; nothing is written.
    ReportWriteError
        When a file cannot be written; that report's previous files are kept.

    """
    from libya_conflict.publishing.build import BuildResult, report_paths, write_report_files
    from libya_conflict.publishing.report_files import FOLDER_PATTERNS, remove_stale_temporaries

    formats = tuple(dict.fromkeys(("ipynb", *formats)))
    items = [read_for_export(Path(p)) for p in paths]
    _check_distinct(items)
    results = []
    with contextlib.ExitStack() as stack:
        if printer is None and "pdf" in formats:
            from libya_conflict.publishing.pdf import PdfPrinter

            printer = stack.enter_context(PdfPrinter())
        for item in items:
            began = time.perf_counter()
            target = report_paths(Path(out).resolve(), item.notebook, item.slug, formats)
            remove_stale_temporaries(target["ipynb"].parent, patterns=FOLDER_PATTERNS)
            timings = write_report_files(item.nb, target, printer, item.notebook)
            meta = item.nb.metadata[METADATA_KEY]
            results.append(BuildResult(
                notebook=item.notebook, slug=item.slug, parameters=item.parameters,
                paths=target, headline=dict(meta.get("headline", {})),
                stamp=dict(meta.get("stamp", {})), synthetic=bool(meta.get("synthetic")),
                seconds=time.perf_counter() - began, timings=timings))
    return results


def _check_distinct(items: list[Executed]) -> None:
    seen: dict[tuple[str, str], Executed] = {}
    for item in items:
        key = (item.notebook, item.slug)
        if key in seen:
            raise InputError(item.path, f"would write the same report {key[0]}/{key[1]}.* as "
                             f"{seen[key].path}; export them to different --out folders")
        seen[key] = item
