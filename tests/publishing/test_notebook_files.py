"""Tests of ``build``: parameters checked before any kernel, real runs, atomic reports."""

from __future__ import annotations

import datetime as dt

import nbformat
import papermill
import pytest

from conftest import REAL_NOTEBOOKS
from libya_conflict.errors import InputError
from libya_conflict.publishing import notebook_files
from libya_conflict.publishing.build import build
from libya_conflict.publishing.notebook_files import (
    convert_parameter,
    read_parameters_file,
    resolve_notebook,
    slug_for,
    validate_parameters,
)


def test_resolve_notebook_by_name_or_path(notebook):
    assert resolve_notebook("test_briefing", notebook.parent) == notebook
    assert resolve_notebook(notebook) == notebook
    with pytest.raises(InputError, match="one of: test_briefing"):
        resolve_notebook("situation_brefing", notebook.parent)


def test_parameters_file_must_be_a_mapping(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text("start: 2020-04-01\narea: Misrata\n", encoding="utf-8")
    assert read_parameters_file(good) == {"start": dt.date(2020, 4, 1), "area": "Misrata"}
    bad = tmp_path / "bad.yaml"
    bad.write_text("- start\n- end\n", encoding="utf-8")
    with pytest.raises(InputError, match="mapping"):
        read_parameters_file(bad)
    broken = tmp_path / "broken.yaml"
    broken.write_text("start: [2020\n", encoding="utf-8")
    with pytest.raises(InputError, match="not valid YAML"):
        read_parameters_file(broken)


@pytest.mark.parametrize(("value", "type_name", "expected"), [
    ("2020-04-01", "str", "2020-04-01"), (dt.date(2020, 4, 1), "str", "2020-04-01"),
    ("yes", "bool", True), ("0", "bool", False), (False, "bool", False), ("12", "int", 12),
    (3, "float", 3.0), ("2.5", "float", 2.5), ("x", "None", "x"), (None, "Optional[str]", None),
])
def test_coerce_converts_to_the_annotated_type(value, type_name, expected):
    assert convert_parameter("p", value, type_name) == expected


@pytest.mark.parametrize(("value", "type_name"), [
    ("maybe", "bool"), ("1.5", "int"), (True, "int"), (["a"], "str"), ("ten", "float")])
def test_coerce_rejects_wrong_types(value, type_name):
    with pytest.raises(ValueError, match="expected"):
        convert_parameter("p", value, type_name)


@pytest.mark.parametrize(("given", "message"), [
    ({"region": "West"}, r"unknown parameter region; valid parameters: start \(str\), end"),
    ({"pages": "many"}, r"pages: 'many' is not valid: expected an integer \(pages is int\)"),
    ({"start": "2020-13-01"}, r"start: '2020-13-01' is not a valid date; expected an ISO date"),
    ({"start": "2020-05-01", "end": "2020-04-01"}, r"end 2020-04-01 is before start 2020-05-01"),
    ({"area": "Atlantis"}, r"unknown area 'Atlantis'; valid areas: Libya, West, East, South"),
    ({"data": "missing.parquet"}, r"data: file not found"),
])
def test_invalid_parameters_fail_before_any_kernel(notebook, no_kernel, given, message):
    with pytest.raises(InputError, match=message) as caught:
        build(notebook, given, out=notebook.parent / "reports")
    assert "\n" not in str(caught.value)
    assert str(caught.value).startswith("test_briefing: ")
    assert not (notebook.parent / "reports").exists()


def test_validate_parameters_normalises_and_fills_defaults(notebook):
    injected, effective = validate_parameters(notebook, {"area": "greater tripoli",
                                                         "pages": "2"})
    assert injected == {"area": "Greater Tripoli", "pages": 2}
    assert effective["start"] == "2020-04-01" and effective["area"] == "Greater Tripoli"


def test_slug_comes_from_the_parameters():
    params = {"start": "2020-04-01", "end": "2020-04-30", "area": "Greater Tripoli",
              "data": "", "title": "Anything"}
    assert slug_for(params) == "2020-04-01_2020-04-30_greater-tripoli"
    assert slug_for({"data": "/x/events 2022.parquet", "title": ""}) == "events-2022"
    assert slug_for({"data": "", "title": ""}) == "default"
    long = slug_for({"a": "x" * 200})
    assert len(long) <= 120 and long != slug_for({"a": "x" * 199})


@pytest.mark.parametrize("path", sorted(REAL_NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.stem)
def test_parameters_are_read_as_papermill_reads_them(path):
    declared = notebook_files.notebook_parameters(path)
    theirs = papermill.inspect_notebook(str(path))
    assert list(declared) == list(theirs)
    for name, found in theirs.items():
        assert declared[name]["type"] == (found["inferred_type_name"] or "None").strip()
        assert declared[name]["default"] == notebook_files._literal(found["default"])


def test_parameters_cell_must_be_python(tmp_path):
    params = nbformat.v4.new_code_cell("start: str = '2020-01-01'\nend: str = (")
    params.metadata["tags"] = ["parameters"]
    path = tmp_path / "broken.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[params]), path)
    with pytest.raises(InputError, match="parameters cell is not valid Python"):
        notebook_files.notebook_parameters(path)
