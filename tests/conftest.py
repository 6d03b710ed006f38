"""Shared test helpers: the real exports in ../shared and small fixture files written by tests."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from libya_conflict import sample
from libya_conflict.briefings import chart_base, display, selection
from libya_conflict.briefings.selection import Period
from libya_conflict.reading.layouts import ACLED_CURRENT, UCDP_GED_49
from libya_conflict.reference.key_events import in_window, key_events

REPO = Path(__file__).resolve().parents[1]
REAL_NOTEBOOKS = REPO / "notebooks"
SHARED = Path(os.environ.get("LIBYA_SHARED", REPO.parent / "shared"))
REAL = SHARED / "data" / "real"
REAL_ACLED = REAL / "acled_2022_sample.csv"
REAL_UCDP = REAL / "ucdp_ged_23.1_sample.csv"


@pytest.fixture
def real_acled() -> Path:
    if not REAL_ACLED.exists():
        pytest.skip(f"real ACLED sample not found at {REAL_ACLED} (set LIBYA_SHARED)")
    return REAL_ACLED


@pytest.fixture
def real_ucdp() -> Path:
    if not REAL_UCDP.exists():
        pytest.skip(f"real UCDP sample not found at {REAL_UCDP} (set LIBYA_SHARED)")
    return REAL_UCDP


def acled_row(**values: str) -> dict[str, str]:
    """One ACLED event in the current layout: a GNA-LNA clash in Ain Zara unless overridden."""
    row = {
        "event_id_cnty": "LBY1001", "event_date": "2019-04-10", "year": "2019",
        "time_precision": "1", "disorder_type": "Political violence", "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Military Forces of Libya (2016-2021) Government of National Accord",
        "assoc_actor_1": "", "inter1": "1",
        "actor2": "Military Forces of Libya (2014-) Haftar Faction", "assoc_actor_2": "",
        "inter2": "1", "interaction": "11", "civilian_targeting": "", "iso": "434",
        "region": "Northern Africa", "country": "Libya", "admin1": "West", "admin2": "Tripoli",
        "admin3": "", "location": "Tripoli - Ain Zara", "latitude": "32.8000",
        "longitude": "13.2400", "geo_precision": "1", "source": "Libya Observer",
        "source_scale": "National", "notes": "On 10 April 2019, GNA and LNA forces clashed.",
        "fatalities": "2", "tags": "", "timestamp": "1556000000",
    }
    row.update(values)
    return row


def csv_text(header: list[str], rows: list[dict[str, str]] | list[list[str]],
             newline: str = "\n") -> str:
    """Render rows as CSV text (dict rows follow the header; list rows are written as given)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator=newline)
    if header:
        writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(h, "") for h in header] if isinstance(row, dict) else row)
    return buf.getvalue()


def write_acled(path: Path, rows: list[dict[str, str]], header: list[str] | None = None,
                encoding: str = "utf-8", newline: str = "\n") -> Path:
    """Write an ACLED CSV fixture."""
    header = list(header or ACLED_CURRENT)
    path.write_bytes(csv_text(header, rows, newline).encode(encoding))
    return path


def ucdp_row(columns: tuple[str, ...] = UCDP_GED_49, **values: str) -> dict[str, str]:
    """One UCDP GED event: a state-based event in Tripoli unless overridden."""
    row = dict.fromkeys(columns, "")
    row.update({
        "id": "400001", "relid": "LIB-2019-1-14059-1", "year": "2019", "active_year": "1",
        "code_status": "Clear", "type_of_violence": "1", "conflict_name": "Libya: Government",
        "dyad_name": "Government of Libya - Forces of the House of Representatives",
        "side_a": "Government of Libya", "side_b": "Forces of the House of Representatives",
        "number_of_sources": "1", "source_office": "AFP",
        "source_headline": "Clashes south of Tripoli",
        "where_prec": "1", "where_coordinates": "Tripoli town", "where_description": "Ain Zara",
        "adm_1": "Tripoli district", "adm_2": "", "latitude": "32.8", "longitude": "13.24",
        "country": "Libya", "country_id": "620", "region": "Africa", "event_clarity": "1",
        "date_prec": "1", "date_start": "2019-04-10 00:00:00.000",
        "date_end": "2019-04-10 00:00:00.000", "deaths_a": "1", "deaths_b": "2",
        "deaths_civilians": "0", "deaths_unknown": "0", "best": "3", "high": "4", "low": "3",
        "gwnoa": "620",
    })
    row.update(values)
    return {k: v for k, v in row.items() if k in columns}


@pytest.fixture(scope="session")
def browser():
    """The session's headless Chromium (Playwright) for checking pages offline."""
    from report_helpers import shared_browser

    yield from shared_browser()


GNA = "Military Forces of Libya (2016-2021) Government of National Accord"


LNA = "Military Forces of Libya (2014-) Haftar Faction"


def event(**values: object) -> dict:
    """One cleaned event: an ACLED armed clash between the GNA and the LNA in Ain Zara."""
    row = {"dataset": "acled", "date": "2020-05-10", "date_precision": "day",
           "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": GNA,
           "actor2": LNA, "assoc_actors": "", "coalition1": "gna", "coalition2": "lna",
           "civilian_targeting": False, "region": "West", "district": "Tripoli",
           "location": "Tripoli - Ain Zara", "latitude": 32.80, "longitude": 13.24,
           "geo_precision": "town", "placed_by": "admin2", "fatalities": 2,
           "notes": "GNA and LNA forces clashed.", "tags": "", "timestamp": pd.NaT}
    row.update(values)
    return row


def events_table(*rows: dict) -> pd.DataFrame:
    """A cleaned-table-like frame; events are numbered E1, E2... unless they carry an id."""
    rows = [{"event_id": f"E{i}", **r} for i, r in enumerate(rows, 1)]
    frame = pd.DataFrame(rows) if rows else pd.DataFrame(columns=["event_id", *event()])
    frame["date"] = pd.to_datetime(frame["date"])
    return selection.normalise(frame)


@pytest.fixture(scope="module")
def sample_table() -> pd.DataFrame:
    """The cleaned bundled sample, as a briefing reads it."""
    from libya_conflict.briefings.data import default_data

    return pd.read_parquet(default_data())


EVIL = "<script>alert(1)</script>"


IMG = "<img src=x onerror=alert(1)>"


@pytest.fixture
def shown(monkeypatch) -> list:
    """Capture what the show_* functions display: bundles and figures, in order."""
    out: list = []
    monkeypatch.setattr(display, "emit", out.append)
    monkeypatch.setattr(display, "show_figure", out.append)
    return out


MAY = Period.of("2020-05-01", "2020-05-31")


def may_ctx(synthetic: bool = True, period: Period = MAY, **kw) -> chart_base.ChartContext:
    """A chart context for May 2020 in Greater Tripoli, with its key events."""
    window = in_window(key_events(), period.start, period.end, ["Tripoli", "Jafara"])
    return chart_base.ChartContext(period, "Greater Tripoli", "acled", synthetic, window, **kw)


@pytest.fixture(scope="module")
def may() -> pd.DataFrame:
    """Four events of May 2020: a clash, shelling of civilians, a drone strike, a UCDP event."""
    return events_table(
        event(date="2020-05-02", fatalities=3),
        event(date="2020-05-03", event_type="Explosions/Remote violence",
              sub_event_type="Shelling/artillery/missile attack", coalition1="lna",
              coalition2="civilians", actor1="Tarhuna Brigade (Kaniyat)",
              actor2="Civilians (Libya)", civilian_targeting=True, fatalities=7),
        event(date="2020-05-16", event_type="Explosions/Remote violence",
              sub_event_type="Air/drone strike", coalition1="foreign_gna", fatalities=0,
              district="Jafara", location="Al Aziziyah", latitude=32.53, longitude=13.02),
        event(date="2020-05-20", dataset="ucdp", sub_event_type="State-based violence (UCDP)",
              fatalities=11),
    )


def figure_json(fig: go.Figure) -> str:
    return json.dumps(fig.to_plotly_json(), sort_keys=True, default=str)


# --------------------------------------------------------------------------------------------------
# fixtures and helpers
# --------------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample (with its dirty variant) written once by the generator, in a temporary folder."""
    out = tmp_path_factory.mktemp("sample")
    sample.write_sample(out, dirty=True)
    return out


@pytest.fixture(scope="session")
def acled(generated: Path) -> pd.DataFrame:
    """The generated ACLED sample, as text."""
    return pd.read_csv(generated / sample.ACLED_SAMPLE, dtype=str, keep_default_na=False)


@pytest.fixture(scope="session")
def ucdp(generated: Path) -> pd.DataFrame:
    """The generated UCDP sample."""
    return pd.read_csv(generated / sample.UCDP_SAMPLE, keep_default_na=False,
                       dtype={"adm_2": str, "gwnoa": str, "gwnob": str})


@pytest.fixture(scope="session")
def manifest(generated: Path) -> dict:
    """The dirty variant's manifest."""
    return json.loads((generated / sample.DIRTY_MANIFEST).read_text(encoding="utf-8"))


CANONICAL_DISTRICTS = {
    "Al Butnan", "Al Wahat", "Benghazi", "Derna", "Ghat", "Jabal al Akhdar", "Jabal al Gharbi",
    "Jafara", "Jufra", "Kufra", "Marj", "Misrata", "Murqub", "Murzuq", "Nalut", "Nuqat al Khams",
    "Sabha", "Sirte", "Tripoli", "Wadi al Hayaa", "Wadi al Shatii", "Zawiya",
}


MONTH_NUMBER = {name: i + 1 for i, name in enumerate(sample.MONTHS)}


def export_tool_day(text: str) -> dt.date | None:
    """Parse a date of ACLED's export-tool layout ("18 May 2020"); None when it is not one."""
    match = re.fullmatch(r"(\d{2}) ([A-Z][a-z]+) (\d{4})", text)
    if not match or match.group(2) not in MONTH_NUMBER:
        return None
    try:
        return dt.date(int(match.group(3)), MONTH_NUMBER[match.group(2)], int(match.group(1)))
    except ValueError:
        return None


@pytest.fixture(scope="module")
def notebook(tmp_path_factory) -> Path:
    """A small briefing notebook (``report_helpers.write_test_notebook``), one per test module."""
    from report_helpers import write_test_notebook

    return write_test_notebook(tmp_path_factory.mktemp("nb") / "test_briefing.ipynb")


@pytest.fixture
def no_kernel(monkeypatch):
    """Fail the test if a kernel would start: validation must come first."""
    import papermill

    def refuse(*args, **kwargs):
        raise AssertionError("a kernel was started")

    monkeypatch.setattr(papermill, "execute_notebook", refuse)


# --------------------------------------------------------------------------------------------------
# stand-ins of ACLED's and UCDP's APIs (tests/api_standins.py), with real rows from ../shared
# --------------------------------------------------------------------------------------------------
REAL_UCDP_19 = REAL / "ucdp_ged_19.1_sample.csv"
REAL_ACLED_API_PAGE = REAL / "acled_api_2025_sample.json"
ACLED_EMAIL = "analyst@example.org"
ACLED_PASSWORD = "pw-Zq81-never-to-be-shown"
UCDP_TOKEN = "ucdp-tok-7f3c-never-to-be-shown"
FETCH_VARIABLES = ("ACLED_EMAIL", "ACLED_PASSWORD", "UCDP_ACCESS_TOKEN",
                   "LIBYA_CONFLICT_CREDENTIALS", "LIBYA_CONFLICT_ACLED_URL",
                   "LIBYA_CONFLICT_UCDP_URL")


@pytest.fixture
def fetch_env(tmp_path, monkeypatch) -> dict[str, str]:
    """Credentials of the stand-ins in the environment; cache and config folders of the test."""
    for name in FETCH_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    env = {"ACLED_EMAIL": ACLED_EMAIL, "ACLED_PASSWORD": ACLED_PASSWORD,
           "UCDP_ACCESS_TOKEN": UCDP_TOKEN}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


@pytest.fixture
def acled_api(real_acled, fetch_env, monkeypatch):
    """ACLED's API on a local server, holding the 9,000 real events of the 2022 sample."""
    from api_standins import AcledStandIn, read_rows

    api = AcledStandIn(read_rows(real_acled), ACLED_EMAIL, ACLED_PASSWORD).start()
    monkeypatch.setenv("LIBYA_CONFLICT_ACLED_URL", api.url)
    yield api
    api.stop()


@pytest.fixture
def ucdp_api(real_ucdp, fetch_env, monkeypatch):
    """UCDP's GED API on a local server: GED 19.1 (Myanmar, Bangladesh) and 23.1 samples."""
    from api_standins import UcdpStandIn, read_rows

    if not REAL_UCDP_19.exists():
        pytest.skip(f"real UCDP 19.1 sample not found at {REAL_UCDP_19}")
    api = UcdpStandIn({"19.1": read_rows(REAL_UCDP_19), "23.1": read_rows(real_ucdp)},
                      UCDP_TOKEN).start()
    monkeypatch.setenv("LIBYA_CONFLICT_UCDP_URL", api.url)
    yield api
    api.stop()
