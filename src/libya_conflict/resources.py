"""Where the project's files are: the data shipped in the package, and the project checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import yaml


def data_path(name: str) -> Path:
    """Return the path of a packaged data file.

    Parameters
    ----------
    name : str
        File name inside ``libya_conflict/data``.

    """
    return Path(str(resources.files("libya_conflict") / "data" / name))


def find_checkout(marker: str) -> Path | None:
    """Return the project checkout holding folder ``marker`` (e.g. ``notebooks``), or None.

    The package's own location is tried first (an editable install lives in ``src/``), then the
    working directory and its parents, so code runs from ``notebooks/`` or the root alike.
    Kept free of pandas so that commands can call it before heavy imports.
    """
    cwd = Path.cwd().resolve()
    for folder in [Path(__file__).resolve().parents[2], cwd, *cwd.parents]:
        if (folder / marker).is_dir() and (folder / "pyproject.toml").is_file():
            return folder
    return None


def repo_root() -> Path | None:
    """Return the project checkout that holds the bundled sample (``data/sample``), or None."""
    return find_checkout("data/sample")


def project_root() -> Path:
    """Return the project checkout holding ``notebooks/``, else the working directory."""
    return find_checkout("notebooks") or Path.cwd().resolve()


def load_yaml(name: str) -> dict:
    """Load a packaged YAML file."""
    # The C loader (libyaml, shipped in PyYAML's wheels) is ~10x faster on the crosswalk.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(data_path(name), encoding="utf-8") as fh:
        return yaml.load(fh, Loader=loader)  # noqa: S506 - a safe loader
