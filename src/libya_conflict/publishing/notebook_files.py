"""Briefing notebooks: find them, read their parameters cell, check parameters, name reports.

Parameters are checked against the notebook's parameters cell (unknown names, wrong types) and
by :func:`libya_conflict.briefings.parameters.check_parameters` (dates, areas, sides...) before
any kernel starts, so a typo costs milliseconds and one clear line.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from libya_conflict.errors import InputError
from libya_conflict.resources import project_root

# Parameters that do not change what a report shows enough to deserve their own file name.
NOT_IN_SLUG = {"title", "data"}
_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off"}


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


def convert_parameter(name: str, value: Any, type_name: str) -> Any:
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
            converted[key] = convert_parameter(key, value, declared[key]["type"])
        except ValueError as exc:
            raise InputError(name, f"{key}: {value!r} is not valid: {exc} "
                             f"({key} is {declared[key]['type']})") from None
    effective = {k: v["default"] for k, v in declared.items()} | converted
    try:
        from libya_conflict.briefings.parameters import check_parameters

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
