"""The dirty variant: the manifest agrees with the file, and cleaning reports its counts."""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd
import pytest

from conftest import export_tool_day
from libya_conflict import sample


def _decode_mixed(raw: bytes) -> str:
    lines = []
    for line in raw.split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(line.decode("cp1252"))
    return "\n".join(lines)


def _reference_report(export: Path, deletions: Path) -> dict:
    """Count the dirty file's defects the simple way, to check the manifest's arithmetic."""
    raw = export.read_bytes()
    rows = list(csv.DictReader(io.StringIO(_decode_mixed(raw))))
    libya = [r for r in rows if r["country"] == "Libya"]
    reasons: Counter[str] = Counter()
    valid = []
    for r in libya:
        if not r["event_id_cnty"]:
            reasons["missing_event_id"] += 1
        elif export_tool_day(r["event_date"]) is None:
            reasons["bad_date"] += 1
        elif not r["fatalities"].isdigit():
            reasons["bad_fatalities"] += 1
        else:
            valid.append(r)
    seen: set[tuple[str, ...]] = set()
    versions: dict[str, list[dict[str, str]]] = defaultdict(list)
    exact = 0
    for r in valid:
        key = tuple(r.values())
        if key in seen:
            exact += 1
            continue
        seen.add(key)
        versions[r["event_id_cnty"]].append(r)
    superseded = sum(len(v) - 1 for v in versions.values())
    updated = sum(len(v) > 1 for v in versions.values())
    latest = {k: max(v, key=lambda r: int(r["timestamp"])) for k, v in versions.items()}
    deleted_at = {r["event_id_cnty"]: int(r["deleted_timestamp"])
                  for r in csv.DictReader(io.StringIO(deletions.read_text(encoding="utf-8")))}
    deleted = sum(1 for k, r in latest.items()
                  if k in deleted_at and deleted_at[k] > int(r["timestamp"]))
    quarantined = sum(reasons.values())
    return {
        "counts": {"read": len(rows), "kept": len(latest) - deleted,
                   "out_of_scope": len(rows) - len(libya), "quarantined": quarantined,
                   "duplicates": exact + superseded, "deleted": deleted},
        "duplicates": {"exact": exact, "superseded": superseded},
        "updated_events": updated,
        "quarantine_reasons": dict(reasons),
        "nbsp_fields": sum("\u00a0" in v for r in rows for v in r.values()),
        "windows_1252_bytes": raw.count(b"\x92"),
    }


def test_dirty_manifest_matches_the_dirty_file(generated: Path, manifest: dict) -> None:
    ref = _reference_report(generated / sample.DIRTY_SAMPLE, generated / sample.DELETIONS_SAMPLE)
    expected = manifest["expected_report"]
    assert ref["counts"] == expected["counts"]
    counts = expected["counts"]
    assert counts["read"] == (counts["kept"] + counts["out_of_scope"] + counts["quarantined"]
                              + counts["duplicates"] + counts["deleted"])
    assert ref["duplicates"] == expected["duplicates"]
    assert ref["updated_events"] == expected["updated_events"]
    assert ref["quarantine_reasons"] == {k: v for k, v in expected["quarantine_reasons"].items()
                                         if v}
    assert ref["nbsp_fields"] == expected["text_fixes"]["nbsp"]
    assert ref["windows_1252_bytes"] == expected["files"][0]["windows_1252_bytes"] > 0


def test_dirty_file_is_mixed_utf8_and_windows_1252(generated: Path, manifest: dict) -> None:
    raw = (generated / sample.DIRTY_SAMPLE).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert "\u00a0".encode() in raw  # UTF-8 non-breaking spaces beside the cp1252 bytes
    assert b"\r" not in raw


def test_dirty_defects_are_recorded_with_ids(generated: Path, manifest: dict) -> None:
    defects = manifest["defects"]
    for name in ("exact_duplicates", "recoded", "deleted", "old_district_names", "nbsp",
                 "windows_1252", "month_precision", "missing_coordinates", "bad_date",
                 "bad_fatalities", "missing_event_id", "out_of_scope"):
        assert defects[name]["count"] == len(defects[name]["event_ids"]) > 0, name
    dirty = pd.read_csv(io.StringIO(_decode_mixed(
        (generated / sample.DIRTY_SAMPLE).read_bytes())), dtype=str, keep_default_na=False)
    by_id = dirty.drop_duplicates("event_id_cnty").set_index("event_id_cnty")
    for event_id, name in defects["old_district_names"]["names"].items():
        assert by_id.loc[event_id, "admin2"] == name
    assert {"Tarhunah", "Surt", "An Nuqat al Khams"} & set(
        defects["old_district_names"]["names"].values())
    for event_id in defects["missing_coordinates"]["event_ids"]:
        assert by_id.loc[event_id, "latitude"] == by_id.loc[event_id, "longitude"] == ""
        assert by_id.loc[event_id, "admin2"] != ""
    for event_id in defects["month_precision"]["event_ids"]:
        assert by_id.loc[event_id, "time_precision"] == "3"
        assert by_id.loc[event_id, "event_date"].startswith("15 ")
    deletions = pd.read_csv(generated / sample.DELETIONS_SAMPLE, dtype=str)
    assert list(deletions.columns) == ["event_id_cnty", "deleted_timestamp"]
    for event_id in defects["deleted"]["event_ids"]:
        deleted_at = int(deletions.set_index("event_id_cnty").loc[event_id, "deleted_timestamp"])
        assert deleted_at > int(by_id.loc[event_id, "timestamp"])
    assert set(dirty["fatalities"]) >= {"-3", "unknown"}
    assert "31 Febuary 2020" in set(dirty["event_date"])


def _assert_subset(expected: object, actual: object, where: str = "report") -> None:
    """Every value the manifest expects is in the report (missing counts read as 0)."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), where
        for key, value in expected.items():
            if value == 0 and key not in actual:
                continue
            assert key in actual, f"{where}.{key} missing"
            _assert_subset(value, actual[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), where
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            if isinstance(e, dict) and "path" in e:
                assert Path(a["path"]).name == e["path"], f"{where}[{i}].path"
                e = {k: v for k, v in e.items() if k != "path"}
            _assert_subset(e, a, f"{where}[{i}]")
    else:
        assert actual == expected, f"{where}: expected {expected!r}, got {actual!r}"


def test_dirty_sample_counts_match_manifest(generated: Path, manifest: dict) -> None:
    clean_module = pytest.importorskip("libya_conflict.cleaning.pipeline")
    table, report = clean_module.clean(
        [generated / sample.DIRTY_SAMPLE], deletions=generated / sample.DELETIONS_SAMPLE,
        country="Libya")
    _assert_subset(manifest["expected_report"], report.to_dict())
    assert table["district"].notna().all()
    recoded = {e["event_id"]: e for e in manifest["defects"]["recoded"]["events"]}
    kept = table.set_index("event_id")
    for event_id, info in recoded.items():
        assert int(kept.loc[event_id, "fatalities"]) == info["final_fatalities"]
