"""Benchmark: `libya-conflict clean` against plain `pandas.read_csv` on a 1,000,000-row export.

Usage: ``make bench`` (or ``.venv/bin/python benchmarks/bench_clean.py [--rows N] [--repeat K]``).

The input is ACLED's current layout with many countries, like the global file analysts download:
the real 9,000-event sample in ../shared/data/real repeated with shifted dates and ids (never
committed), or, where that file is absent, the package's synthetic large export. Each command
runs in its own process, alternately, ``--repeat`` times; the median wall time and the median
peak resident memory (of that process alone) are reported.
Targets (issue "event library"): clean wall <= 1.2x pandas, clean peak memory <= 0.35x pandas.
Target (issue 10): a re-clean with the cache of in-scope rows warm (what an analyst does after
editing ``actors.yaml``: the cache holds only what the scan gave, nothing a crosswalk decides)
takes at most 0.3x the first clean, which starts with an empty cache.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "benchmarks" / "work"
REAL_ACLED = REPO.parent / "shared" / "data" / "real" / "acled_2022_sample.csv"
BIN = Path(sys.executable).parent

MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "peak_mb": usage.ru_maxrss / 1024,
                  "cpu": usage.ru_utime + usage.ru_stime, "rc": done.returncode}))
"""


def build_input(rows: int) -> Path:
    """Write (once) a multi-country ACLED export of ``rows`` rows."""
    path = WORK / f"acled_global_{rows}.csv"
    if path.exists():
        return path
    WORK.mkdir(parents=True, exist_ok=True)
    if not REAL_ACLED.exists():
        from libya_conflict.sample import write_large_export

        return write_large_export(path, rows=rows, countries=20)
    base = pd.read_csv(REAL_ACLED, dtype=str, keep_default_na=False)
    copies = -(-rows // len(base))
    frame = pd.concat([base] * copies, ignore_index=True).iloc[:rows]
    copy_no = np.repeat(np.arange(copies), len(base))[:rows]
    # Vary dates and ids so the copies are distinct events, as in a real multi-year file.
    dates = pd.to_datetime(frame["event_date"]) - pd.to_timedelta(copy_no * 7, unit="D")
    frame["event_date"] = dates.dt.strftime("%Y-%m-%d")
    frame["year"] = dates.dt.year.astype(str)
    frame["event_id_cnty"] = frame["event_id_cnty"] + "-" + copy_no.astype(str)
    frame.to_csv(path, index=False)
    return path


def measure(cmd: list[str]) -> dict:
    """Run a command in a fresh process; return its wall time and peak memory."""
    out = subprocess.run([sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True,
                         check=True)
    result = json.loads(out.stdout)
    if result["rc"] != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(cmd)}")
    return result


def main() -> None:
    """Run the benchmark and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    source = build_input(args.rows)
    out = WORK / "bench_events.parquet"
    clean = [str(BIN / "libya-conflict"), "clean", str(source), "--out", str(out)]
    commands = {
        "pandas.read_csv": [sys.executable, "-c",
                            f"import pandas; pandas.read_csv({str(source)!r})"],
        "libya-conflict clean (first: cache empty)": clean,
        "libya-conflict clean (again: cache warm)": clean,
    }
    runs: dict[str, list[dict]] = {name: [] for name in commands}
    for _ in range(args.repeat):
        for name, cmd in commands.items():
            if "first" in name:
                shutil.rmtree(WORK / ".cache", ignore_errors=True)
            runs[name].append(measure(cmd))
    med = {name: {k: statistics.median(r[k] for r in rs) for k in ("wall", "peak_mb", "cpu")}
           for name, rs in runs.items()}
    report = json.loads((WORK / "bench_events.report.json").read_text())
    size_mb = source.stat().st_size / 1e6
    print(f"input: {source.name}, {args.rows:,} rows, {size_mb:,.0f} MB; "
          f"clean kept {report['counts']['kept']:,} Libya events, "
          f"{report['counts']['out_of_scope']:,} out of scope; median of {args.repeat} runs\n")
    print("| command | wall (s) | CPU (s) | peak memory (MB) |\n|---|---:|---:|---:|")
    for name, m in med.items():
        print(f"| {name} | {m['wall']:.2f} | {m['cpu']:.2f} | {m['peak_mb']:,.0f} |")
    pandas_run = med["pandas.read_csv"]
    first = med["libya-conflict clean (first: cache empty)"]
    again = med["libya-conflict clean (again: cache warm)"]
    wall_ratio = first["wall"] / pandas_run["wall"]
    mem_ratio = first["peak_mb"] / pandas_run["peak_mb"]
    again_ratio = again["wall"] / first["wall"]
    print(f"\nfirst clean / pandas: wall {wall_ratio:.2f}x (target <= 1.2x: "
          f"{'met' if wall_ratio <= 1.2 else 'NOT met'}), peak memory {mem_ratio:.2f}x "
          f"(target <= 0.35x: {'met' if mem_ratio <= 0.35 else 'NOT met'})")
    print(f"re-clean / first clean: wall {again_ratio:.2f}x (target <= 0.3x: "
          f"{'met' if again_ratio <= 0.3 else 'NOT met'}); CPU "
          f"{again['cpu'] / first['cpu']:.2f}x")
    print("single runs (wall s): " + "; ".join(
        f"{name}: " + ", ".join(f"{r['wall']:.2f}" for r in rs) for name, rs in runs.items()))


if __name__ == "__main__":
    main()
