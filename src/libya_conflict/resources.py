"""Access to the data files shipped inside the package (crosswalks, gazetteer, key events)."""

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


def load_yaml(name: str) -> dict:
    """Load a packaged YAML file."""
    # The C loader (libyaml, shipped in PyYAML's wheels) is ~10x faster on the crosswalk.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(data_path(name), encoding="utf-8") as fh:
        return yaml.load(fh, Loader=loader)  # noqa: S506 - a safe loader
