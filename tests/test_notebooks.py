"""The briefing notebooks, executed with papermill on the sample and on other parameters.

Every kernel run costs a few seconds, so all runs are submitted at once to two worker processes
(module-scoped) and each test waits only for the runs it reads. Strict ``pytest --nbval`` then
re-executes the default runs and compares every output.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import nbformat
import pandas as pd
import papermill
import pytest

from conftest import REPO
from libya_conflict.briefings.metadata import HEADLINE_MIMETYPE, SAMPLE_BANNER, STAMP_MIMETYPE
from libya_conflict.reference.districts import area_districts

NOTEBOOKS = REPO / "notebooks"
NAMES = ["situation_briefing", "tripoli_offensive", "district_profile", "actor_profile",
         "data_quality"]
SHARED = Path(os.environ.get("LIBYA_SHARED", REPO.parent / "shared"))
REAL = [SHARED / "data" / "real" / "acled_2022_sample.csv",
        SHARED / "data" / "real" / "ucdp_ged_23.1_sample.csv"]
EVIL = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
PLANTED_ACTOR = f"{EVIL} Brigade"
PLOTLY = "application/vnd.plotly.v1+json"
RENDERED = ("text/html", "text/markdown", "image/svg+xml", "application/javascript",
            "text/latex", PLOTLY)
HEADLINE_KEYS = {"start", "end", "area", "events", "fatalities", "civilian_targeting_events",
                 "previous_events", "previous_fatalities", "dataset"}


def execute(name: str, params: dict, out: str) -> dict:
    """Run one notebook with papermill (in a worker process); report instead of raising."""
    try:
        papermill.execute_notebook(str(NOTEBOOKS / f"{name}.ipynb"), out, parameters=params,
                                   engine_name="libya_conflict", kernel_name="python3",
                                   progress_bar=False, cwd=str(NOTEBOOKS))
        return {"ok": True, "path": out}
    except papermill.PapermillExecutionError as error:
        return {"ok": False, "path": out, "ename": error.ename, "evalue": error.evalue,
                "cell_index": error.cell_index}


def nbval(path: str, folder: str) -> subprocess.CompletedProcess:
    """Run strict nbval on an executed notebook, from a folder outside the repository."""
    return subprocess.run([sys.executable, "-m", "pytest", "--nbval", "-q", "-p",
                           "no:cacheprovider", path], cwd=folder, capture_output=True,
                          text=True, timeout=300)


def planted(folder: Path) -> Path:
    """Write the cleaned sample with live markup planted in an actor, a place and a note."""
    from libya_conflict.briefings.data import default_data

    table = pd.read_parquet(default_data())
    row = table.index[(table["dataset"] == "acled")
                      & (table["date"] == pd.Timestamp("2020-05-16"))][0]
    table.loc[row, ["actor1", "location", "notes"]] = [PLANTED_ACTOR, IMG,
                                                       f"Shelled {IMG} then {EVIL}"]
    table.loc[row, "fatalities"] = 90
    path = folder / "planted.parquet"
    table.to_parquet(path, index=False)
    return path


def old_export(folder: Path) -> Path:
    """Write a table like a cleaned 2011 export: ACLED only, data from 15 February 2011, no
    sub-event types, no civilian-targeting flag, no time precision (the sample's rows of
    15 February - 31 May 2019 moved back eight years, their tags kept: still sample data)."""
    from libya_conflict.briefings.data import default_data

    table = pd.read_parquet(default_data())
    rows = table[(table["dataset"] == "acled")
                 & table["date"].between(pd.Timestamp("2019-02-15"), pd.Timestamp("2019-05-31"))]
    rows = rows.copy()
    for column in ("date", "date_end"):
        rows[column] = rows[column] - pd.DateOffset(years=8)
    rows["year"] = rows["date"].dt.year
    rows["sub_event_type"] = pd.NA
    rows["civilian_targeting"] = pd.array([pd.NA] * len(rows), dtype="boolean")
    rows["date_precision"] = pd.NA
    path = folder / "acled_2011.parquet"
    rows.to_parquet(path, index=False)
    return path


def cleaned(inputs: list[Path], out: Path, deletions: Path | None = None) -> Path:
    from libya_conflict.cleaning.outputs import write_clean_outputs
    from libya_conflict.cleaning.pipeline import clean

    table, report = clean(inputs, deletions=deletions)
    write_clean_outputs(table, report, out)
    return out


def dirty(folder: Path) -> Path:
    from libya_conflict.sample.writer import write_sample

    write_sample(folder, dirty=True)
    return cleaned([folder / "acled_libya_sample_dirty.csv", folder / "ucdp_ged_libya_sample.csv"],
                   folder / "dirty.parquet", folder / "acled_deletions_sample.csv")


def plan(folder: Path) -> dict[str, tuple[str, dict]]:
    """Every run of the module: defaults first (nbval reuses them), then the variants."""
    runs = {f"{name}:default": (name, {}) for name in NAMES}
    data = str(planted(folder))
    runs.update({
        "situation:empty": ("situation_briefing", {"start": "2018-01-01", "end": "2018-01-31",
                                                   "area": "Greater Tripoli"}),
        "situation:west": ("situation_briefing", {"area": "West", "title": "The west in May"}),
        "situation:east": ("situation_briefing", {"area": "east", "start": "2019-01-01",
                                                  "end": "2019-06-30"}),
        "situation:south": ("situation_briefing", {"area": "South", "start": "2019-08-01",
                                                   "end": "2019-08-31"}),
        "situation:planted": ("situation_briefing", {"data": data}),
        "tripoli:custom": ("tripoli_offensive", {"start": "2020-04-01", "end": "2020-06-30",
                                                 "front_districts": "Tripoli; Aljfara"}),
        "district:far": ("district_profile", {"district": "Al Kufrah"}),
        "situation:tripoli": ("situation_briefing", {"area": "Tripoli"}),
        "situation:2011": ("situation_briefing", {"data": str(old_export(folder)),
                                                  "start": "2011-03-01", "end": "2011-03-31"}),
        "actor:once": ("actor_profile", {"actor": PLANTED_ACTOR, "data": data,
                                         "start": "2020-05-01", "end": "2020-05-31"}),
        "quality:dirty": ("data_quality", {"data": str(dirty(folder))}),
        "bad:area": ("situation_briefing", {"area": "Atlantis"}),
        "bad:order": ("situation_briefing", {"start": "2020-05-31", "end": "2020-05-01"}),
        "bad:date": ("district_profile", {"start": "2020-13-01"}),
    })
    if all(p.is_file() for p in REAL):
        real = cleaned(REAL, folder / "real.parquet")
        runs["situation:real"] = ("situation_briefing", {"data": str(real), "area": "Libya",
                                                         "start": "2022-01-01",
                                                         "end": "2022-06-30"})
        # Each real Libya file alone: ACLED's codes every field, UCDP's no means of violence.
        acled, ucdp = (cleaned([path], folder / f"real_{name}.parquet")
                       for name, path in zip(("acled", "ucdp"), REAL, strict=True))
        runs["situation:real_acled"] = ("situation_briefing", {
            "data": str(acled), "start": "2022-01-01", "end": "2022-06-30"})
        runs["situation:real_ucdp"] = ("situation_briefing", {
            "data": str(ucdp), "start": "2016-01-01", "end": "2019-12-31"})
        runs["tripoli:real_ucdp"] = ("tripoli_offensive", {"data": str(ucdp)})
    return runs


@pytest.fixture(scope="module")
def pool():
    with ProcessPoolExecutor(max_workers=2, mp_context=get_context("spawn")) as executor:
        yield executor


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("notebooks")


@pytest.fixture(scope="module")
def runs(pool, folder) -> dict[str, Future]:
    return {key: pool.submit(execute, name, params, str(folder / f"{key.replace(':', '-')}.ipynb"))
            for key, (name, params) in plan(folder).items()}


def result(runs: dict[str, Future], key: str) -> tuple[dict, nbformat.NotebookNode]:
    if key not in runs:
        pytest.skip(f"run {key} not planned (real exports not found at {SHARED})")
    outcome = runs[key].result(timeout=600)
    return outcome, nbformat.read(outcome["path"], as_version=4)


def ok(runs: dict[str, Future], key: str) -> nbformat.NotebookNode:
    outcome, nb = result(runs, key)
    assert outcome["ok"], f"{key} failed: {outcome}"
    return nb


def outputs(nb: nbformat.NotebookNode) -> list[dict]:
    return [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]


def data_of(nb: nbformat.NotebookNode, mimetype: str) -> list:
    return [o["data"][mimetype] for o in outputs(nb) if mimetype in o.get("data", {})]


def figures(nb: nbformat.NotebookNode) -> list[dict]:
    return data_of(nb, PLOTLY)


def text_of(nb: nbformat.NotebookNode, mimetypes: tuple[str, ...] = ("text/markdown",
                                                                     "text/html")) -> str:
    return " ".join(str(v) for m in mimetypes for v in data_of(nb, m))


# --------------------------------------------------------------------------------------------
# The committed notebooks
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_committed_without_outputs_and_with_a_typed_parameters_cell(name):
    path = NOTEBOOKS / f"{name}.ipynb"
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    params = code[0]
    assert nb.cells[0] is params and params.metadata.get("tags") == ["parameters"]
    for line in params.source.splitlines():
        if line.startswith("#"):
            assert "'" not in line
            continue
        assert ": str = " in line, line
        assert "'" not in line.split("#", 1)[1], line
    declared = papermill.inspect_notebook(str(path))
    assert declared and all(p["inferred_type_name"] == "str" for p in declared.values())
    assert "check_parameters(" in code[1].source
    assert all(f'"{p}": {p}' in code[1].source for p in declared)
    stamp = [c for c in code if "stamp(" in c.source]
    assert len(stamp) == 1 and stamp[0].source.startswith("# NBVAL_IGNORE_OUTPUT")


# --------------------------------------------------------------------------------------------
# Runs on the sample with the defaults
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_defaults_run_and_record_headline_and_stamp(runs, name):
    nb = ok(runs, f"{name}:default")
    record = nb.metadata["libya_conflict"]
    assert HEADLINE_KEYS <= set(record["headline"])
    assert record["synthetic"] is True and record["stamp"]["synthetic"] is True
    assert record["stamp"]["data_file"].endswith("sample_events.parquet")
    assert data_of(nb, HEADLINE_MIMETYPE)[-1] == record["headline"]
    assert data_of(nb, STAMP_MIMETYPE)[-1] == record["stamp"]
    first = outputs(nb)[0]["data"]["text/html"]
    assert SAMPLE_BANNER in first  # the banner is the first thing a reader sees
    assert figures(nb), "charts stay Plotly data"
    for fig in figures(nb):
        assert SAMPLE_BANNER in fig["layout"]["title"]["subtitle"]["text"]
    raw = json.dumps([o for o in outputs(nb)])
    assert "cdn.plot.ly" not in raw and "require.js" not in raw
    assert all("<script" not in str(html) for html in data_of(nb, "text/html"))


def sample() -> pd.DataFrame:
    from libya_conflict.briefings.data import default_data

    return pd.read_parquet(default_data())


def direct(start: str, end: str, districts: list[str] | None, dataset: str = "acled") -> dict:
    """The headline computed directly from the cleaned table, without the library."""
    table = sample()
    rows = table[(table["dataset"] == dataset)
                 & table["date"].between(pd.Timestamp(start), pd.Timestamp(end))]
    if districts is not None:
        rows = rows[rows["district"].isin(districts)]
    return {"events": len(rows), "fatalities": int(rows["fatalities"].sum()),
            "civilian_targeting_events": int(rows["civilian_targeting"].sum())}


@pytest.mark.parametrize(("key", "districts"), [
    ("situation_briefing:default", None),
    ("situation:west", "West"),
    ("situation:east", "East"),
    ("situation:south", "South"),
    ("district_profile:default", "Jafara"),
    ("tripoli_offensive:default", ["Tripoli", "Jafara", "Zawiya", "Nuqat al Khams",
                                   "Jabal al Gharbi", "Murqub"]),
    ("tripoli:custom", ["Tripoli", "Jafara"]),
])
def test_headline_and_narrative_equal_a_direct_computation(runs, key, districts):
    nb = ok(runs, key)
    h = nb.metadata["libya_conflict"]["headline"]
    area = area_districts(districts) if isinstance(districts, str) else districts
    expected = direct(h["start"], h["end"], area)
    assert {k: h[k] for k in expected} == expected
    previous = direct(h["previous_start"], h["previous_end"], area)
    if h["previous_events"] is not None:
        assert (h["previous_events"], h["previous_fatalities"]) == (
            previous["events"], previous["fatalities"])
    text = text_of(nb, ("text/markdown",))
    assert f"{h['events']:,} events" in text
    assert f"{h['fatalities']:,} reported fatalities" in text


def test_regions_are_named_in_titles(runs):
    assert "# The west in May" in text_of(ok(runs, "situation:west"))
    assert "Situation briefing: Eastern Libya, 1 January \u2013 30 June 2019" in text_of(
        ok(runs, "situation:east"))
    assert "in southern Libya" in text_of(ok(runs, "situation:south"))


def test_an_empty_period_says_so(runs):
    nb = ok(runs, "situation:empty")
    h = nb.metadata["libya_conflict"]["headline"]
    assert (h["events"], h["fatalities"], h["previous_events"]) == (0, 0, None)
    assert "recorded no events in Greater Tripoli" in text_of(nb)
    titles = [f["layout"]["title"]["text"] for f in figures(nb)]
    assert "No events recorded in this period" in titles
    assert all(t.startswith("No ") for t in titles)


def test_a_district_far_from_the_front_with_no_events(runs):
    nb = ok(runs, "district:far")
    h = nb.metadata["libya_conflict"]["headline"]
    assert (h["area"], h["events"]) == ("Kufra", 0)
    assert "District profile: Kufra district" in text_of(nb)


def test_the_tripoli_offensive_is_told_in_phases(runs):
    nb = ok(runs, "tripoli_offensive:default")
    text = text_of(nb)
    for phase in ("The offensive begins", "After Gharyan", "decisive battle",
                  "Turkish deployment", "coastal towns", "al-Watiya to Tarhuna"):
        assert phase in text
    titles = " ".join(f["layout"]["title"]["text"] for f in figures(nb))
    assert "from central Tripoli" in titles
    custom = ok(runs, "tripoli:custom")
    assert custom.metadata["libya_conflict"]["headline"]["area"] == "Tripoli, Jafara"


def maps_of(nb: nbformat.NotebookNode) -> list[dict]:
    return [f for f in figures(nb) if "geo" in f["layout"]]


def districts_in(fig: dict) -> set[str]:
    return {feature["id"] for t in fig["data"] if t["type"] == "choropleth"
            and t.get("geo", "geo") == "geo" for feature in t["geojson"]["features"]}


def span(fig: dict) -> float:
    lon = fig["layout"]["geo"]["lonaxis"]["range"]
    return lon[1] - lon[0]


def test_the_national_briefing_maps_the_22_districts_offline(runs):
    nb = ok(runs, "situation_briefing:default")
    choropleth, events = maps_of(nb)
    assert districts_in(choropleth) == set(area_districts("West") + area_districts("East")
                                           + area_districts("South"))
    assert len(districts_in(choropleth)) == 22
    geo = events["layout"]["geo"]
    assert (geo["scope"], geo["resolution"], geo["projection"]["type"]) == ("africa", 50,
                                                                         "mercator")
    assert "http" not in json.dumps(choropleth) and "http" not in json.dumps(events)


@pytest.mark.parametrize(("key", "widest"), [("situation:tripoli", 3.0),
                                             ("situation:empty", 3.0),  # Greater Tripoli
                                             ("district_profile:default", 3.0),
                                             ("tripoli_offensive:default", 6.0)])
def test_maps_of_tripoli_jafara_and_the_front_are_zoomed(runs, key, widest):
    nb = ok(runs, key)
    event_map = maps_of(nb)[-1]
    assert span(event_map) < widest
    assert "geo2" in event_map["layout"]  # a locator of Libya beside the zoomed map


def test_a_quiet_district_still_has_its_map(runs):
    nb = ok(runs, "district:far")
    (event_map,) = maps_of(nb)
    assert "Kufra" in districts_in(event_map)
    assert event_map["layout"]["title"]["text"].startswith("No events recorded in Kufra")
    assert span(event_map) < 25


def test_headline_records_bands_and_coverage(runs):
    h = ok(runs, "situation_briefing:default").metadata["libya_conflict"]["headline"]
    assert h["coverage"]["comparison"] == "previous_period"
    bands = {k: h["trends"]["events"][k]["band"] for k in ("previous", "average4")}
    assert all(b in {"large_increase", "moderate_increase", "limited_change",
                     "large_decrease"} for b in bands.values())
    assert [b["key"] for b in h["bands"]["bands"]][0] == "large_increase"
    assert len(h["trends"]["events"]["spark"]) == 6


def test_an_old_export_says_not_coded_and_partly_covered_never_none(runs):
    nb = ok(runs, "situation:2011")
    h = nb.metadata["libya_conflict"]["headline"]
    assert h["civilian_targeting_events"] is None and h["events"] > 0
    assert h["coverage"]["comparison"] == "previous_partly_covered"
    assert h["not_coded"]["sub_event_type"] == h["events"]
    text = text_of(nb)
    assert "begin on 15 February 2011, part-way through the previous 31 days" in text
    assert "no earlier data" not in text and "still none" not in text
    assert "0 events targeting civilians" not in text
    assert "Civilian targeting is not coded in this export" in text
    titles = [f["layout"]["title"]["text"] for f in figures(nb)]
    assert not any("No air or drone strikes" in t for t in titles)
    assert any(t.startswith("Sub-event types are not coded in this export;") for t in titles)
    assert "Civilian targeting is not coded in this export" in titles


def test_both_datasets_are_shown_side_by_side(runs):
    nb = ok(runs, "situation_briefing:default")
    names = [[t.get("name") for t in f["data"]] for f in figures(nb)]
    assert ["ACLED", "UCDP GED"] in names
    h = nb.metadata["libya_conflict"]["headline"]
    assert h["dataset"] == "acled" and set(h["by_dataset"]) == {"acled", "ucdp"}


def test_data_quality_on_a_dirty_export(runs):
    nb = ok(runs, "quality:dirty")
    h = nb.metadata["libya_conflict"]["headline"]
    assert h["quarantined"] == 5 and h["rows_read"] > h["rows_kept"]
    text = text_of(nb)
    assert "accounted for exactly once" in text and "bad_fatalities" in text


def test_real_exports_of_another_year_carry_no_sample_banner(runs):
    nb = ok(runs, "situation:real")
    record = nb.metadata["libya_conflict"]
    assert record["synthetic"] is False
    assert SAMPLE_BANNER not in json.dumps(outputs(nb))
    assert record["headline"]["events"] == 8


def libya_rows(path: Path) -> list[dict]:
    """The Libya rows of a real export, read with the csv module (independently of cleaning)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["country"] == "Libya"]


def figure_titles(nb: nbformat.NotebookNode) -> list[str]:
    return [f["layout"]["title"]["text"].replace("<br>", " ") for f in figures(nb)]


def test_real_acled_file_codes_every_field_and_counts_civilian_targeting(runs):
    nb = ok(runs, "situation:real_acled")
    rows = libya_rows(REAL[0])
    h = nb.metadata["libya_conflict"]["headline"]
    assert h["events"] == len(rows) == 8
    assert h["fatalities"] == sum(int(r["fatalities"]) for r in rows) == 0
    violence = sum(r["event_type"] == "Violence against civilians" for r in rows)
    assert h["civilian_targeting_events"] >= violence == 1
    assert h["not_coded"] == {}
    text = text_of(nb)
    assert "not coded" not in text and "1 events" not in text
    assert "Unidentified armed groups carried out the only air or drone strike or shelling " \
           "attack" in figure_titles(nb)


def test_real_ucdp_file_never_says_no_strikes_where_ucdp_does_not_code_them(runs):
    nb = ok(runs, "situation:real_ucdp")
    rows = libya_rows(REAL[1])
    h = nb.metadata["libya_conflict"]["headline"]
    assert h["dataset"] == "ucdp" and h["events"] == len(rows) == 4
    assert h["fatalities"] == sum(int(r["best"]) for r in rows) == 21
    titles, text = figure_titles(nb), text_of(nb)
    assert not any("No air or drone strikes" in t for t in titles)
    assert any(t.startswith("UCDP GED does not code how violence was carried out") for t in titles)
    assert "The 4 deadliest UCDP GED events and the documented key events" in text
    assert "saw the most events" not in text  # four events in four districts: no busiest place
    assert "The 4 events were in 4 places, one in each" in text


def test_real_ucdp_war_briefing_says_strikes_are_not_coded(runs):
    nb = ok(runs, "tripoli:real_ucdp")
    text = text_of(nb)
    assert "No air or drone strike was recorded" not in text
    assert "None were air or drone strikes" not in text
    assert "UCDP GED does not code how violence was carried out" in text
    phases = [o["data"]["text/html"] for o in outputs(nb)
              if "Air/drone strikes and shelling" in str(o.get("data", {}).get("text/html", ""))]
    assert phases and "not coded" in phases[0]


# --------------------------------------------------------------------------------------------
# Untrusted text and invalid parameters
# --------------------------------------------------------------------------------------------

def test_planted_markup_never_reaches_the_outputs_live(runs):
    nb = ok(runs, "situation:planted")
    raw = json.dumps(outputs(nb))
    assert "<script" not in raw and "<img" not in raw
    assert "&lt;img src=x onerror=alert(1)&gt;" in raw


def test_an_actor_that_appears_once(runs):
    nb = ok(runs, "actor:once")
    h = nb.metadata["libya_conflict"]["headline"]
    assert h["events"] == 1 and h["actor"] == PLANTED_ACTOR
    rendered = json.dumps([o["data"].get(m) for o in outputs(nb) for m in RENDERED
                           if m in o.get("data", {})])
    assert "<script" not in rendered and "<img" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Brigade" in rendered
    plain = json.dumps([o["data"].get("text/plain") for o in outputs(nb)
                        if STAMP_MIMETYPE not in o.get("data", {})])
    assert "<script" not in plain  # only the stamp echoes the parameters, as data


@pytest.mark.parametrize(("key", "message"), [
    ("bad:area", "area: unknown area 'Atlantis'; valid areas: Libya, West, East, South, "
                 "Greater Tripoli, Al Butnan"),
    ("bad:order", "end 2020-05-01 is before start 2020-05-31"),
    ("bad:date", "start: '2020-13-01' is not a valid date; expected an ISO date YYYY-MM-DD"),
])
def test_invalid_parameters_stop_in_the_first_cell_with_one_line(runs, key, message):
    outcome, nb = result(runs, key)
    assert not outcome["ok"] and outcome["ename"] == "ParameterError"
    assert message in outcome["evalue"] and "\n" not in outcome["evalue"]
    code = [c for c in nb.cells if c.cell_type == "code"]
    failed = next(c for c in code if any(o["output_type"] == "error" for o in c.outputs))
    assert "check_parameters(" in failed.source
    later = code[code.index(failed) + 1:]
    assert later and all(c.execution_count is None for c in later)
    error = [o for o in failed.outputs if o["output_type"] == "error"][0]
    assert error["traceback"] == [f"ParameterError: {outcome['evalue']}"]


# --------------------------------------------------------------------------------------------
# Strict nbval on the executed defaults
# --------------------------------------------------------------------------------------------

def test_strict_nbval_passes_on_every_executed_notebook(runs, pool, folder):
    paths = [ok(runs, f"{name}:default") and runs[f"{name}:default"].result()["path"]
             for name in NAMES]
    checks = {path: pool.submit(nbval, path, str(folder)) for path in paths}
    for path, check in checks.items():
        done = check.result(timeout=600)
        assert done.returncode == 0, f"{path}:\n{done.stdout[-3000:]}\n{done.stderr[-2000:]}"
