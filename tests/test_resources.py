"""Finding the project checkout and the packaged data."""

from __future__ import annotations

from conftest import REPO
from libya_conflict import resources


def test_repo_root_is_found_from_the_package_whatever_the_working_directory(tmp_path,
                                                                            monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert resources.repo_root() == REPO
