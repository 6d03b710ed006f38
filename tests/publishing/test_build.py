"""Tests of ``build``: parameters checked before any kernel, real runs, atomic reports."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from pathlib import Path

import nbformat
import pandas as pd
import papermill
import pytest
from pypdf import PdfReader

from libya_conflict.errors import BuildError, InputError
from libya_conflict.publishing import build as build_module
from libya_conflict.publishing import notebook_files
from libya_conflict.publishing.build import build
from libya_conflict.publishing.notebook_files import (
    convert_parameter,
    read_parameters_file,
    resolve_notebook,
    slug_for,
    validate_parameters,
)
from report_helpers import (
    PLANTED_IMG,
    PLANTED_SCRIPT,
    check_offline,
    pdf_text,
    write_test_notebook,
)

REPO = Path(__file__).resolve().parents[2]
REAL_NOTEBOOKS = REPO / "notebooks"


@pytest.fixture(scope="module")
def notebook(tmp_path_factory) -> Path:
    return write_test_notebook(tmp_path_factory.mktemp("nb") / "test_briefing.ipynb")


@pytest.fixture
def no_kernel(monkeypatch):
    """Fail the test if a kernel would start: validation must come first."""
    def refuse(*args, **kwargs):
        raise AssertionError("a kernel was started")

    monkeypatch.setattr(papermill, "execute_notebook", refuse)



def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


# --- finding notebooks and reading parameters ------------------------------------------------

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


# --- validation before any kernel starts -----------------------------------------------------

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


# --- real builds -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(notebook):
    out = notebook.parent / "reports"
    return build(notebook, {"start": "2020-05-01", "end": "2020-05-31", "actor": PLANTED_SCRIPT,
                            "note": PLANTED_IMG}, out=out)


def test_build_writes_the_three_files_together(built, notebook):
    folder = notebook.parent / "reports" / "test_briefing"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        p.name for p in built.paths.values())
    for path in built.paths.values():
        assert path.stat().st_mode & 0o777 == 0o644
    nb = nbformat.read(built.paths["ipynb"], as_version=4)
    meta = nb.metadata["libya_conflict"]
    assert meta["headline"]["events"] == 93 and meta["headline"]["fatalities"] == 217
    assert meta["synthetic"] is True and meta["stamp"]["data_file"] == "test.parquet"
    assert meta["build"]["parameters"]["start"] == "2020-05-01"
    assert built.headline == meta["headline"]


def test_build_reports_where_its_time_went(built):
    assert set(built.timings) == {"notebook", "html", "pdf"}
    assert all(0 < t < built.seconds for t in built.timings.values())
    assert sum(built.timings.values()) <= built.seconds


def test_build_slug_is_readable(built):
    assert built.slug == ("2020-05-01_2020-05-31_libya_script-window-pwned-1-script_"
                          "img-src-x-onerror-window-pwned-2_1")


def test_built_pdf_and_html(built, browser):
    data = built.paths["pdf"].read_bytes()
    assert len(PdfReader(io.BytesIO(data)).pages) > 0
    assert "reported fatalities: 217" in " ".join(pdf_text(data).split())
    check = check_offline(browser, built.paths["html"])
    assert (check.charts, check.drawn, check.outside, check.errors, check.pwned) == (
        2, 2, [], [], None)


def test_failed_run_keeps_the_previous_report(built, notebook, tmp_path):
    folder = notebook.parent / "reports" / "test_briefing"
    before = digests(folder)
    broken = write_test_notebook(tmp_path / "test_briefing.ipynb", fails=True)  # same name
    with pytest.raises(BuildError, match=r"cell \d+: RuntimeError: planned failure") as caught:
        build(broken, {"start": "2020-05-01", "end": "2020-05-31", "actor": PLANTED_SCRIPT,
                       "note": PLANTED_IMG}, out=notebook.parent / "reports")
    failed = caught.value.failed_notebook
    assert failed == built.paths["ipynb"].with_suffix(".failed.ipynb")
    assert "planned failure" in failed.read_text(encoding="utf-8")
    after = digests(folder)
    assert after.pop(failed.name)
    assert after == before  # the same report's files untouched, no temporary file left
    assert set(before) == {p.name for p in built.paths.values()}


def test_an_error_while_writing_leaves_nothing(built, notebook, monkeypatch):
    folder = notebook.parent / "reports" / "test_briefing"
    before = digests(folder)

    def broken_print(printer, html, pdf):
        raise OSError("disk full")

    monkeypatch.setattr(build_module, "_print", broken_print)
    with pytest.raises(OSError, match="disk full"):
        build(notebook, {"start": "2020-05-01", "end": "2020-05-31", "actor": PLANTED_SCRIPT,
                         "note": PLANTED_IMG}, out=notebook.parent / "reports")
    assert digests(folder) == before


# --- the real briefing notebooks -------------------------------------------------------------

def planted_table(tmp_path: Path) -> Path:
    """The cleaned sample with a script in an actor name and in the notes of April 2020."""
    from libya_conflict.briefings.data import default_data

    table = pd.read_parquet(default_data())
    april = (table["date"] >= "2020-04-01") & (table["date"] <= "2020-04-30")
    rows = table.index[april & (table["fatalities"] > 0)][:20]
    table.loc[rows, "actor1"] = "Brigade " + PLANTED_SCRIPT
    table.loc[rows, "notes"] = "Shelling reported. " + PLANTED_IMG
    path = tmp_path / "planted_events.parquet"
    table.to_parquet(path)
    return path


@pytest.mark.skipif(not (REAL_NOTEBOOKS / "situation_briefing.ipynb").exists(),
                    reason="the briefing notebooks are not in notebooks/ yet")
def test_real_situation_briefing_offline_with_planted_text(tmp_path, browser):
    data = planted_table(tmp_path)
    result = build("situation_briefing", {"start": "2020-04-01", "end": "2020-04-30",
                                          "data": str(data)}, out=tmp_path / "reports")
    assert result.slug == "2020-04-01_2020-04-30_libya_planted-events"
    head = result.headline
    check = check_offline(browser, result.paths["html"])
    assert check.charts >= 5 and check.drawn == check.charts
    assert check.geo_paths > 0
    assert (check.outside, check.errors, check.pwned) == ([], [], None)
    text = " ".join(pdf_text(result.paths["pdf"].read_bytes()).split())
    assert f"{head['events']:,}" in text and f"{head['fatalities']:,}" in text
    assert result.paths["html"].stat().st_size <= 6_000_000
    assert result.paths["pdf"].stat().st_size <= 1_500_000


# --- kernels forked from a template ----------------------------------------------------------


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
