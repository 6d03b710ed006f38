"""The dirty variant of the ACLED sample: injected defects, deletions and a manifest."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from libya_conflict.sample.common import (
    ACLED_2019_COLUMNS,
    CP1252_QUOTE,
    DELETIONS_COLUMNS,
    DELETIONS_SAMPLE,
    DIRTY_SAMPLE,
    NBSP,
    Draw,
    _acled_date,
    _csv_text,
    _note_date,
    _parse_acled_date,
    load_shape,
)


def _plan_defects(rows: list[dict[str, str]], spec: dict[str, Any],
                  draw: Draw) -> dict[str, list[int]]:
    """Choose which clean rows get which defect: disjoint sets of synthetic, day-precise rows."""
    old_names = spec["old_names"]
    candidates = [i for i, r in enumerate(rows)
                  if r["tags"].startswith("synthetic") and r["time_precision"] == "1"]
    order = draw.shuffled(candidates)
    # Old district names need a row at a place that had one; take those first from the shuffle.
    with_old = [i for i in order if rows[i]["location"] in old_names][: spec["old_district_names"]]
    taken = set(with_old)
    rest = [i for i in order if i not in taken]
    sizes = [
        ("exact_duplicates", spec["exact_duplicates"]), ("recoded", spec["recoded_events"]),
        ("deleted", spec["deleted"]), ("nbsp_actor1", spec["nbsp_actor1"]),
        ("nbsp_notes", spec["nbsp_notes"]), ("windows_1252", spec["windows_1252_notes"]),
        ("month_precision", spec["month_precision"]),
        ("missing_coordinates", spec["missing_coordinates"]),
        ("bad_date", len(spec["bad_dates"])), ("bad_fatalities", len(spec["bad_fatalities"])),
        ("missing_event_id", spec["missing_event_id"]),
    ]
    groups = {"old_district_names": sorted(with_old)}
    position = 0
    for name, size in sizes:
        groups[name] = sorted(rest[position:position + size])
        position += size
    return groups


def _recoded_versions(row: dict[str, str], versions: int, draw: Draw) -> list[dict[str, str]]:
    out = []
    timestamp = int(row["timestamp"])
    fatalities = int(row["fatalities"])
    for v in range(versions):
        timestamp += 86400 * draw.integer(7, 40) + 600
        new = dict(row, timestamp=str(timestamp))
        if v == 0 and draw.chance(0.5):
            fatalities = fatalities + draw.integer(1, 3)
            new["fatalities"] = str(fatalities)
        else:
            new["fatalities"] = str(fatalities)
            new["notes"] = row["notes"].replace(
                " [synthetic", f" Details revised in update {v + 1}. [synthetic", 1)
        out.append(new)
    return out


def _out_of_scope_rows(draw: Draw, count: int, start_number: int) -> list[dict[str, str]]:
    # Tunisian rows that a regional export would carry next to the Libyan ones.
    rows = []
    for k in range(count):
        day = dt.date(2019, 1, 1) + dt.timedelta(days=draw.integer(0, 729))
        number = start_number + k
        rows.append({
            "data_id": str(9800001 + k), "iso": "788", "event_id_cnty": f"TUN{number}",
            "event_id_no_cnty": str(number), "event_date": _acled_date(day),
            "year": str(day.year), "time_precision": "1", "disorder_type": "Demonstrations",
            "event_type": "Protests", "sub_event_type": "Peaceful protest",
            "actor1": "Protesters (Tunisia)", "assoc_actor_1": "", "inter1": "6", "actor2": "",
            "assoc_actor_2": "", "inter2": "0", "interaction": "60", "civilian_targeting": "",
            "region": "Northern Africa", "country": "Tunisia", "admin1": "Medenine",
            "admin2": "Ben Guerdane", "admin3": "", "location": "Ben Guerdane",
            "latitude": "33.1383", "longitude": "11.2196", "geo_precision": "1",
            "source": "Mosaique FM", "source_scale": "National",
            "notes": f"On {_note_date(day)}, residents demonstrated in Ben Guerdane (Ben Guerdane, "
                     "Medenine) over the closure of the Ras Ajdir border crossing with Libya. "
                     "[size=no report] [synthetic event: generated for the libya-conflict sample, "
                     "not a real report]",
            "fatalities": "0", "tags": "synthetic; crowd size=no report",
            "timestamp": str(calendar.timegm(day.timetuple()) + 15 * 86400 + 13 * 3600),
            "iso3": "TUN",
        })
    return rows


def _dirty_variant(rows: list[dict[str, str]], seed: int) -> tuple[bytes, str, dict[str, Any]]:
    """Inject real-export defects into a copy of the clean rows.

    Returns the dirty file's bytes, the deletions file's text and the manifest.
    """
    spec = load_shape()["dirty"]
    draw = Draw([seed, 2])
    plan = _plan_defects(rows, spec, draw)
    rows = [dict(r) for r in rows]
    ids = {name: [rows[i]["event_id_cnty"] for i in idx] for name, idx in plan.items()}
    defects: dict[str, dict[str, Any]] = {}

    for i in plan["old_district_names"]:
        rows[i]["admin2"] = spec["old_names"][rows[i]["location"]]
    defects["old_district_names"] = {
        "count": len(plan["old_district_names"]), "event_ids": ids["old_district_names"],
        "names": {rows[i]["event_id_cnty"]: rows[i]["admin2"] for i in plan["old_district_names"]}}
    for i in plan["nbsp_actor1"]:
        rows[i]["actor1"] = rows[i]["actor1"].replace(" ", NBSP, 1)
    for i in plan["nbsp_notes"]:
        rows[i]["notes"] = rows[i]["notes"].replace(" ", NBSP, 1)
    defects["nbsp"] = {"count": len(plan["nbsp_actor1"]) + len(plan["nbsp_notes"]),
                       "fields": {"actor1": len(plan["nbsp_actor1"]),
                                  "notes": len(plan["nbsp_notes"])},
                       "event_ids": sorted(ids["nbsp_actor1"] + ids["nbsp_notes"])}
    for i in plan["windows_1252"]:
        rows[i]["notes"] = rows[i]["notes"].replace(
            " [synthetic", f" Residents{CP1252_QUOTE} homes were damaged. [synthetic", 1)
    defects["windows_1252"] = {"count": len(plan["windows_1252"]),
                               "bytes": len(plan["windows_1252"]),
                               "event_ids": ids["windows_1252"]}
    for i in plan["month_precision"]:
        day = _parse_acled_date(rows[i]["event_date"])
        rows[i]["event_date"] = _acled_date(day.replace(day=15))
        rows[i]["time_precision"] = "3"
    defects["month_precision"] = {"count": len(plan["month_precision"]),
                                  "event_ids": ids["month_precision"]}
    for i in plan["missing_coordinates"]:
        rows[i]["latitude"] = rows[i]["longitude"] = ""
    defects["missing_coordinates"] = {"count": len(plan["missing_coordinates"]),
                                      "event_ids": ids["missing_coordinates"]}
    for i, bad in zip(plan["bad_date"], spec["bad_dates"], strict=True):
        rows[i]["event_date"] = bad
        rows[i]["year"] = bad[-4:] if bad[-4:].isdigit() else rows[i]["year"]
    for i, bad in zip(plan["bad_fatalities"], spec["bad_fatalities"], strict=True):
        rows[i]["fatalities"] = bad
    for i in plan["missing_event_id"]:
        rows[i]["event_id_cnty"] = rows[i]["event_id_no_cnty"] = ""
    for name in ("bad_date", "bad_fatalities", "missing_event_id"):
        defects[name] = {"count": len(plan[name]), "event_ids": ids[name],
                         "data_ids": [rows[i]["data_id"] for i in plan[name]]}

    deletions, deleted_info = _deletions(rows, plan["deleted"], spec, draw)
    defects["deleted"] = deleted_info
    out_rows, extra = _insert_extra_rows(rows, plan, spec, draw)
    defects.update(extra)

    text = _csv_text(out_rows, ACLED_2019_COLUMNS)
    data = text.encode("utf-8").replace(CP1252_QUOTE.encode("utf-8"), b"\x92")
    manifest = _manifest(len(rows), len(out_rows), defects, spec, seed)
    return data, _csv_text(deletions, DELETIONS_COLUMNS), manifest


def _deletions(rows: list[dict[str, str]], deleted: list[int], spec: dict[str, Any],
               draw: Draw) -> tuple[list[dict[str, str]], dict[str, Any]]:
    entries = []
    for i in deleted:
        when = int(rows[i]["timestamp"]) + 86400 * draw.integer(3, 60) + 1800
        entries.append({"event_id_cnty": rows[i]["event_id_cnty"], "deleted_timestamp": str(when)})
    missing = []
    for k in range(spec["deletions_not_in_data"]):
        event_id = f"LBY{89990 + k}"  # below the sample's id range: never in the export
        missing.append(event_id)
        entries.append({"event_id_cnty": event_id,
                        "deleted_timestamp": str(1577880000 + 86400 * draw.integer(0, 700))})
    entries.sort(key=lambda e: (int(e["deleted_timestamp"]), e["event_id_cnty"]))
    info = {"count": len(deleted), "event_ids": [rows[i]["event_id_cnty"] for i in deleted],
            "ids_not_in_export": missing}
    return entries, info


def _insert_extra_rows(rows: list[dict[str, str]], plan: dict[str, list[int]],
                       spec: dict[str, Any], draw: Draw
                       ) -> tuple[list[dict[str, str]], dict[str, dict[str, Any]]]:
    """Add exact duplicates (next to their original), newer versions and out-of-scope rows."""
    after: dict[int, list[dict[str, str]]] = {}
    for i in plan["exact_duplicates"]:
        after.setdefault(i, []).append(dict(rows[i]))
    loose: list[dict[str, str]] = []
    twice = set(plan["recoded"][: spec["recoded_twice"]])
    recoded_info = []
    for i in plan["recoded"]:
        versions = _recoded_versions(rows[i], 2 if i in twice else 1, draw)
        loose.extend(versions)
        recoded_info.append({"event_id": rows[i]["event_id_cnty"], "versions": 1 + len(versions),
                             "final_timestamp": int(versions[-1]["timestamp"]),
                             "final_fatalities": int(versions[-1]["fatalities"])})
    out_of_scope = _out_of_scope_rows(draw, spec["out_of_scope_rows"], 70001)
    loose.extend(out_of_scope)
    # Newer versions and foreign rows land anywhere in the file, as in a merged download.
    slots: dict[int, list[dict[str, str]]] = {}
    for row in loose:
        slots.setdefault(draw.integer(0, len(rows)), []).append(row)
    out: list[dict[str, str]] = []
    for i in range(len(rows) + 1):
        out.extend(slots.get(i, []))
        if i < len(rows):
            out.append(rows[i])
            out.extend(after.get(i, []))
    superseded = sum(r["versions"] - 1 for r in recoded_info)
    extra = {
        "exact_duplicates": {"count": len(plan["exact_duplicates"]),
                             "event_ids": [rows[i]["event_id_cnty"]
                                           for i in plan["exact_duplicates"]]},
        "recoded": {"count": len(recoded_info), "superseded_rows": superseded,
                    "event_ids": [r["event_id"] for r in recoded_info], "events": recoded_info},
        "out_of_scope": {"count": len(out_of_scope),
                         "event_ids": [r["event_id_cnty"] for r in out_of_scope]},
    }
    return out, extra


def _manifest(clean_rows: int, rows_read: int, defects: dict[str, dict[str, Any]],
              spec: dict[str, Any], seed: int) -> dict[str, Any]:
    exact = defects["exact_duplicates"]["count"]
    superseded = defects["recoded"]["superseded_rows"]
    quarantine = {"bad_date": defects["bad_date"]["count"],
                  "bad_fatalities": defects["bad_fatalities"]["count"],
                  "missing_event_id": defects["missing_event_id"]["count"],
                  "unplaceable": 0}
    quarantined = sum(quarantine.values())
    deleted = defects["deleted"]["count"]
    out_of_scope = defects["out_of_scope"]["count"]
    kept = clean_rows - quarantined - deleted
    counts = {"read": rows_read, "kept": kept, "out_of_scope": out_of_scope,
              "quarantined": quarantined, "duplicates": exact + superseded, "deleted": deleted}
    assert counts["read"] == kept + out_of_scope + quarantined + exact + superseded + deleted
    return {
        "description": "Defects injected into a copy of acled_libya_sample.csv by "
                       "libya_conflict.sample.write_sample(dirty=True). Defects touch disjoint "
                       "synthetic rows; documented rows are untouched.",
        "seed": seed,
        "files": {"export": DIRTY_SAMPLE, "deletions": DELETIONS_SAMPLE},
        "clean_rows": clean_rows,
        "defects": defects,
        "expected_report": {
            "counts": counts,
            "duplicates": {"exact": exact, "superseded": superseded},
            "updated_events": defects["recoded"]["count"],
            "quarantine_reasons": quarantine,
            "text_fixes": {"nbsp": defects["nbsp"]["count"]},
            "files": [{"path": DIRTY_SAMPLE, "rows_read": rows_read, "out_of_scope": out_of_scope,
                       "windows_1252_bytes": defects["windows_1252"]["bytes"]}],
        },
    }
