"""environment.yml (conda) and pyproject.toml must list the same packages and lower bounds."""

import re
import tomllib

import yaml

from conftest import REPO

# conda-forge names that differ from PyPI names.
CONDA_NAMES = {"duckdb": "python-duckdb", "bleach[css]": "bleach-with-css",
               "dask[distributed]": "dask"}


def split(requirement: str) -> tuple[str, str]:
    match = re.fullmatch(r"([A-Za-z0-9_.\-\[\]]+)\s*(.*)", requirement.strip())
    assert match, requirement
    return match.group(1).lower(), match.group(2).replace(" ", "")


def pyproject_requirements() -> dict[str, str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    reqs = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        reqs += extra
    return dict(split(r) for r in reqs)


def conda_requirements() -> dict[str, str]:
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    deps = [d for d in env["dependencies"] if isinstance(d, str)]
    return dict(split(d) for d in deps if not d.startswith(("python>", "python=", "pip")))


def test_environment_yml_matches_pyproject():
    expected = {CONDA_NAMES.get(name, name): bound
                for name, bound in pyproject_requirements().items()}
    assert conda_requirements() == expected


def test_every_dependency_has_a_lower_bound():
    for name, bound in pyproject_requirements().items():
        assert bound.startswith(">="), f"{name} needs a lower bound"


def test_environment_yml_installs_the_package_itself():
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    pip = [d for d in env["dependencies"] if isinstance(d, dict)][0]["pip"]
    assert "-e ." in pip
