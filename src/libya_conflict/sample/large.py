"""A large multi-country export in ACLED's current layout, for benchmarks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from libya_conflict.sample.acled import acled_rows
from libya_conflict.sample.common import (
    ACLED_CURRENT_COLUMNS,
    CIVILIAN_TARGETING,
    DEFAULT_SEED,
    _note_date,
    _parse_acled_date,
    load_shape,
)

_LARGE_KINDS = (
    # event_type, sub_event_type, disorder_type, actor1 prefix, inter1, actor2 prefix, inter2,
    # civilian targeting, chance of fatalities, mean extra fatalities when fatal
    ("Battles", "Armed clash", "Political violence", "Unidentified Armed Group", 3,
     "Military Forces of", 1, "", 0.45, 1.5),
    ("Protests", "Peaceful protest", "Demonstrations", "Protesters", 6, "", 0, "", 0.0, 0.0),
    ("Violence against civilians", "Attack", "Political violence", "Unidentified Armed Group", 3,
     "Civilians", 7, CIVILIAN_TARGETING, 0.6, 0.2),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Political violence",
     "Military Forces of", 1, "Unidentified Armed Group", 3, "", 0.3, 0.5),
    ("Strategic developments", "Arrests", "Strategic developments", "Police Forces of", 1,
     "Civilians", 7, "", 0.0, 0.0),
    ("Riots", "Violent demonstration", "Demonstrations", "Rioters", 5, "", 0, "", 0.02, 0.0),
    ("Explosions/Remote violence", "Air/drone strike", "Political violence", "Military Forces of",
     1, "Unidentified Armed Group", 3, "", 0.35, 1.0),
)
_LARGE_SIZED_KINDS = (1, 5)  # protests and riots carry ACLED's "[size=...]" tail
_LARGE_CALM_KINDS = (1, 4)  # protests and arrests get the "calm" follow-up sentences
_LARGE_SOURCES = (("Local media", "Subnational"), ("National press agency", "National"),
                  ("Reuters", "International"), ("AFP", "International"),
                  ("Twitter", "New media"), ("Local partner", "Local partner-National"))
_LARGE_PLACES_PER_COUNTRY = 240  # 8 admin1 x 5 admin2 x 6 towns


def write_large_export(path: Path, rows: int, countries: int, seed: int = 1) -> Path:
    """Write a large multi-country export in ACLED's current 31-column layout (ISO dates).

    The export is built column by column with numpy and written with pyarrow, so a million rows
    take seconds. Notes are 200-400 characters, like real ACLED notes, so the file size is close
    to a real export's (about 0.5 GB per million rows).

    Parameters
    ----------
    path : pathlib.Path
        CSV file to write (parent directories are created).
    rows : int
        Number of events.
    countries : int
        Number of countries. Libya is always the first and gets about ``rows / countries`` rows,
        drawn from the Libya sample's events (so they clean like the sample does). At most the
        number of countries listed under ``large_export`` in ``sample_shape.yaml``.
    seed : int, default 1
        Seed of the draw; the same seed gives a byte-identical file.

    Returns
    -------
    pathlib.Path
        ``path``.

    """
    spec = load_shape()["large_export"]
    table = spec["countries"]
    if rows < 1:
        raise ValueError("rows must be at least 1")
    if not 1 <= countries <= len(table):
        raise ValueError(f"countries must be between 1 and {len(table)}")
    rng = np.random.default_rng(seed)
    country_of_row = rng.integers(0, countries, size=rows)
    n_libya = int((country_of_row == 0).sum())
    libya = _large_libya_columns(n_libya, rng)
    others = _large_other_columns(np.sort(country_of_row[country_of_row != 0]), table, spec, rng,
                                  seed)
    # Interleave the two date-sorted parts by day, keeping each part's order (stable sort).
    day = np.concatenate([libya.pop("_day"), others.pop("_day")])
    order = np.argsort(day, kind="stable")
    columns = {name: np.concatenate([libya[name], others[name]])[order]
               for name in ACLED_CURRENT_COLUMNS if name != "event_id_cnty"}
    columns["event_id_cnty"] = _large_event_ids(columns["iso"], table)
    _write_csv_fast(Path(path), {name: columns[name] for name in ACLED_CURRENT_COLUMNS})
    return Path(path)


def _large_event_ids(iso: np.ndarray, table: list[list[Any]]) -> np.ndarray:
    # ACLED numbers events per country, growing with time: rank rows within their country.
    number = pd.Series(iso).groupby(iso, sort=False).cumcount().to_numpy() + 1
    prefix = {int(c[1]): c[2] for c in table}
    iso3 = pd.Series(iso).map(prefix).to_numpy(dtype=object)
    return np.asarray(pc.binary_join_element_wise(
        pa.array(iso3, pa.string()), pc.cast(pa.array(number), pa.string()), ""), dtype=object)


def _large_libya_columns(count: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Libya rows: events of the Libya sample drawn with replacement, in date order."""
    pool = pd.DataFrame(acled_rows(DEFAULT_SEED))  # already sorted by date
    picked = pool.iloc[np.sort(rng.integers(0, len(pool), size=count))]
    days = np.array([_parse_acled_date(d).toordinal() for d in pool["event_date"]])
    out: dict[str, np.ndarray] = {"_day": days[picked.index.to_numpy()]}
    for name in ACLED_CURRENT_COLUMNS:
        if name == "event_id_cnty":
            continue
        values = picked[name].to_numpy(dtype=object)
        if name == "event_date":
            values = np.array([dt.date.fromordinal(int(d)).isoformat() for d in out["_day"]],
                              dtype=object)
        elif name in ("latitude", "longitude"):
            values = values.astype(float)
        elif name in ("year", "time_precision", "inter1", "inter2", "interaction", "iso",
                      "geo_precision", "fatalities", "timestamp"):
            values = values.astype(np.int64)
        elif name == "tags":
            values = np.full(count, "synthetic", dtype=object)  # every benchmark row is generated
        out[name] = values
    return out


def _large_gazetteer(table: list[list[Any]], seed: int) -> dict[str, np.ndarray]:
    """Build synthetic places (admin1, admin2, town, point) for every country of the table."""
    rng = np.random.default_rng([seed, 7])
    per = _LARGE_PLACES_PER_COUNTRY
    k = np.arange(per)
    a1, a2, town = k // 30 + 1, (k // 6) % 5 + 1, k % 6 + 1
    admin1 = np.array([f"Region {i}" for i in a1], dtype=object)
    admin2 = np.array([f"District {i}.{j}" for i, j in zip(a1, a2, strict=True)], dtype=object)
    location = np.array([f"Town {i}.{j}.{t}" for i, j, t in zip(a1, a2, town, strict=True)],
                        dtype=object)
    lat = np.empty(len(table) * per)
    lon = np.empty(len(table) * per)
    for c, (_name, _iso, _iso3, _region, lat0, lon0, spread) in enumerate(table):
        offsets = rng.normal(0.0, spread / 2.0, size=(per, 2))
        lat[c * per:(c + 1) * per] = np.round(lat0 + offsets[:, 0], 4)
        lon[c * per:(c + 1) * per] = np.round(lon0 + offsets[:, 1], 4)
    return {"admin1": np.tile(admin1, len(table)), "admin2": np.tile(admin2, len(table)),
            "location": np.tile(location, len(table)), "latitude": lat, "longitude": lon}


def _large_other_columns(country: np.ndarray, table: list[list[Any]], spec: dict[str, Any],
                         rng: np.random.Generator, seed: int) -> dict[str, np.ndarray]:
    """Non-Libyan rows, in date order."""
    n = len(country)
    gazetteer = _large_gazetteer(table, seed)
    loc = country * _LARGE_PLACES_PER_COUNTRY + rng.integers(0, _LARGE_PLACES_PER_COUNTRY, size=n)
    kind = rng.integers(0, len(_LARGE_KINDS), size=n)
    first_day = spec["start"].toordinal()
    n_days = spec["end"].toordinal() - first_day + 1
    offset = np.sort(rng.integers(0, n_days, size=n))
    days = [dt.date.fromordinal(first_day + i) for i in range(n_days)]
    iso_dates = np.array([d.isoformat() for d in days], dtype=object)
    note_dates = np.array([_note_date(d) for d in days], dtype=object)
    field = list(zip(*_LARGE_KINDS, strict=True))

    def pick(values: Sequence[Any], index: np.ndarray) -> np.ndarray:
        return np.asarray(values, dtype=object)[index]

    names = [c[0] for c in table]
    actor1 = np.array([[_large_actor(k[3], c) for c in names] for k in _LARGE_KINDS], dtype=object)
    actor2 = np.array([[_large_actor(k[5], c) for c in names] for k in _LARGE_KINDS], dtype=object)
    fatal = rng.random(n) < np.asarray(field[8], dtype=float)[kind]
    fatalities = np.where(fatal, 1 + rng.poisson(np.asarray(field[9], dtype=float)[kind]), 0)
    source = rng.integers(0, len(_LARGE_SOURCES), size=n)
    epoch_day = dt.date(1970, 1, 1).toordinal()
    inter1 = np.asarray(field[4], dtype=np.int64)[kind]
    inter2 = np.asarray(field[6], dtype=np.int64)[kind]
    low, high = np.minimum(inter1, inter2), np.maximum(inter1, inter2)
    return {
        "_day": first_day + offset, "event_date": iso_dates[offset],
        "year": np.array([d.year for d in days], dtype=np.int64)[offset],
        "time_precision": np.where(rng.random(n) < 0.94, 1, 2),
        "disorder_type": pick(field[2], kind), "event_type": pick(field[0], kind),
        "sub_event_type": pick(field[1], kind), "actor1": actor1[kind, country],
        "assoc_actor_1": np.full(n, "", dtype=object), "inter1": inter1,
        "actor2": actor2[kind, country], "assoc_actor_2": np.full(n, "", dtype=object),
        "inter2": inter2, "interaction": np.where(low == 0, high * 10, low * 10 + high),
        "civilian_targeting": pick(field[7], kind),
        "iso": np.asarray([c[1] for c in table], dtype=np.int64)[country],
        "region": pick([c[3] for c in table], country), "country": pick(names, country),
        "admin1": gazetteer["admin1"][loc], "admin2": gazetteer["admin2"][loc],
        "admin3": np.full(n, "", dtype=object), "location": gazetteer["location"][loc],
        "latitude": gazetteer["latitude"][loc], "longitude": gazetteer["longitude"][loc],
        "geo_precision": np.where(rng.random(n) < 0.78, 1, 2),
        "source": pick([s[0] for s in _LARGE_SOURCES], source),
        "source_scale": pick([s[1] for s in _LARGE_SOURCES], source),
        "notes": _large_notes(note_dates[offset], kind, loc, gazetteer, spec, rng),
        "fatalities": fatalities, "tags": np.full(n, "synthetic", dtype=object),
        "timestamp": (first_day + offset - epoch_day) * 86400
        + 86400 * rng.integers(7, 36, size=n) + 46800,
    }


def _large_actor(prefix: str, country: str) -> str:
    if not prefix:
        return ""
    return f"{prefix} {country} (2019-)" if prefix.endswith(" of") else f"{prefix} ({country})"


def _large_notes(note_dates: np.ndarray, kind: np.ndarray, loc: np.ndarray,
                 gazetteer: dict[str, np.ndarray], spec: dict[str, Any],
                 rng: np.random.Generator) -> np.ndarray:
    """ACLED-like notes of 200-400 characters: an opening sentence and one or two follow-ups."""
    n = len(kind)
    place = np.asarray(pc.binary_join_element_wise(
        pa.array(gazetteer["location"]), " (", pa.array(gazetteer["admin2"]), ", ",
        pa.array(gazetteer["admin1"]), ")", ""), dtype=object)[loc]
    openings = spec["openings"]
    pre = np.array([o.split("{loc}")[0] for o in openings], dtype=object)
    post = np.array([o.split("({adm2}, {adm1})")[1] + "." for o in openings], dtype=object)
    # Follow-up sentences fit the kind of event: violent ones, or protests and arrests.
    calm = np.isin(kind, _LARGE_CALM_KINDS)
    pools = [np.asarray(spec["follow_ups"][key], dtype=object) for key in ("violent", "calm")]
    size = len(pools[0])
    if any(len(p) != size for p in pools):
        raise ValueError("large_export.follow_ups: both pools need the same number of sentences")
    first = rng.integers(0, size, size=n)
    # A second follow-up (never the first one again) for about a third of the rows.
    second_index = (first + rng.integers(1, size, size=n)) % size
    follow_first = np.where(calm, pools[1][first], pools[0][first])
    follow_second = np.where(calm, pools[1][second_index], pools[0][second_index])
    second = np.where(rng.random(n) < 1 / 3, " " + follow_second, "")
    tail = np.where(np.isin(kind, _LARGE_SIZED_KINDS), " " + spec["tail"], "")
    opening = kind % len(openings)
    parts = ["On ", note_dates, ", ", pre[opening], place, post[opening], " ", follow_first, second,
             tail]
    arrays = [p if isinstance(p, str) else pa.array(p, pa.string()) for p in parts]
    return np.asarray(pc.binary_join_element_wise(*arrays, ""), dtype=object)


def _csv_field(values: np.ndarray) -> pa.Array:
    """Render one column as CSV text, quoting only fields that need it (as ACLED's files do)."""
    if values.dtype.kind == "f":
        # Shortest round-trip text of values already rounded to 4 decimals: "13.18", "32.8874".
        return pc.cast(pa.array(values), pa.string())
    if values.dtype.kind in "iu":
        return pc.cast(pa.array(values), pa.string())
    text = pc.fill_null(pa.array(values, pa.string()), "")
    needs_quotes = pc.match_substring_regex(text, '[,"\n\r]')
    if not pc.any(needs_quotes).as_py():
        return text
    # Doubling quotes is the slow step, and generated notes rarely contain any.
    inner = (pc.replace_substring(text, '"', '""')
             if pc.any(pc.match_substring(text, '"')).as_py() else text)
    return pc.if_else(needs_quotes, pc.binary_join_element_wise('"', inner, '"', ""), text)


def _write_csv_fast(path: Path, columns: dict[str, np.ndarray], chunk: int = 250_000) -> None:
    """Write columns as CSV, building the lines in pyarrow's C++ kernels, a chunk at a time."""
    n = len(next(iter(columns.values())))
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        fh.write((",".join(columns) + "\n").encode("utf-8"))
        for start in range(0, n, chunk):
            fields = [_csv_field(values[start:start + chunk]) for values in columns.values()]
            lines = pc.binary_join_element_wise(*fields, ",")
            lines = pc.binary_join_element_wise(lines, "", "\n").cast(pa.large_string())
            # The lines' data buffer is the CSV text itself: write it without copying.
            _validity, offsets, data = lines.buffers()
            bounds = np.frombuffer(offsets, dtype=np.int64)[[0, len(lines)]]
            fh.write(memoryview(data)[int(bounds[0]):int(bounds[1])])
