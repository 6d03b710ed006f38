"""Benchmark: report builds against the naive papermill -> nbconvert -> chromium chain.

Usage: ``make bench`` (or ``.venv/bin/python benchmarks/bench_build.py [--repeat K]``).

Measured in one run, each command in its own process, on the bundled sample (cleaned first):

1. one situation briefing (Libya, April 2020) to HTML + PDF: ``libya-conflict build`` against
   the naive chain on the same notebook and parameters -- ``papermill`` CLI, then
   ``jupyter nbconvert --to html``, then ``chromium --headless --print-to-pdf`` -- median of
   ``--repeat`` alternating runs. Target: <= 0.6x the naive chain.
2. a schedule of the 24 monthly situation briefings of the sample with ``--jobs 2 --force``,
   against the naive chain run 24 times. The naive chain is timed on ``--naive-months`` of
   those months (default 3) and its mean multiplied by 24. Target: <= 0.3x.
3. an unchanged re-run of the full default schedule (``config/briefings.yaml``, built once
   beforehand into ``benchmarks/work/``). Target: <= 2 s.
4. sizes of a monthly briefing: HTML <= 6 MB, PDF <= 1.5 MB (largest of the 24).
5. the same 24 monthly briefings on a local Dask cluster (``dask scheduler`` and
   ``dask worker --nworkers 2 --nthreads 2``, started beforehand and not timed) with
   ``--cluster``, against the local pool with as many kernels (``--jobs 2``: two notebooks at
   a time, and threads exporting and printing beside them, as each worker does), alternately,
   ``--repeat`` times each (``--only cluster`` runs this part alone). Target: the cluster path
   within 1.1x the local pool.

The naive chain's HTML has no charts (nbconvert cannot render Plotly >= 6 figures): it is the
time of the stock tools, not an equivalent output. Nothing here touches ``reports/``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "benchmarks" / "work" / "build"
BIN = Path(sys.executable).parent
NOTEBOOK = REPO / "notebooks" / "situation_briefing.ipynb"
MONTH = ("2020-04-01", "2020-04-30")
QUIET_CHROMIUM = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"]


def run(cmd: list[str], cwd: Path = REPO) -> float:
    """Run a command; return its wall time in seconds (fail loudly if it fails)."""
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"benchmark command failed ({done.returncode}): {' '.join(cmd)}\n"
                         f"{done.stderr[-2000:]}")
    return wall


def cli() -> list[str]:
    """The ``libya-conflict`` command of this environment."""
    return [str(BIN / "libya-conflict")]


def naive_browser() -> str:
    """The naive chain's browser: ``chromium``, as the issue names it (the full browser, not the
    headless shell ``libya-conflict`` prefers), else whatever ``libya-conflict`` would use."""
    from libya_conflict.publishing.pdf import find_chromium

    return shutil.which("chromium") or find_chromium() or "chromium"


def naive_chain(start: str, end: str, folder: Path) -> float:
    """Time papermill CLI, nbconvert CLI and chromium --print-to-pdf for one briefing."""
    folder.mkdir(parents=True, exist_ok=True)
    executed = folder / f"naive_{start}.ipynb"
    total = run([str(BIN / "papermill"), str(NOTEBOOK), str(executed), "-k", "python3",
                 "--cwd", str(NOTEBOOK.parent), "-p", "start", start, "-p", "end", end,
                 "--no-progress-bar"])
    total += run([str(BIN / "jupyter"), "nbconvert", "--to", "html", str(executed)])
    html = executed.with_suffix(".html")
    total += run([naive_browser(), *QUIET_CHROMIUM, "--window-size=700,1000",
                  f"--print-to-pdf={executed.with_suffix('.pdf')}", html.as_uri()])
    return total


def ours_one(command: list[str], start: str, end: str, out: Path) -> float:
    """Time ``libya-conflict build situation_briefing`` to HTML and PDF."""
    return run([*command, "build", "situation_briefing", "-p", "start", start, "-p", "end", end,
                "--formats", "html,pdf", "--out", str(out)])


def monthly_schedule(out: Path) -> Path:
    """Write a schedule of the sample's monthly situation briefings."""
    path = WORK / "monthly.yaml"
    path.write_text(yaml.safe_dump({
        "out": str(out), "formats": ["html", "pdf"], "jobs": 2,
        "briefings": [{"notebook": "situation_briefing", "period": "each-month",
                       "parameters": {"area": "Libya"}}]}), encoding="utf-8")
    return path


def sizes(folder: Path) -> tuple[int, int]:
    """Largest HTML and PDF in a folder of reports."""
    html = max((p.stat().st_size for p in folder.glob("*.html")), default=0)
    pdf = max((p.stat().st_size for p in folder.glob("*.pdf")), default=0)
    return html, pdf


def children_cpu() -> float:
    """CPU-seconds of this process's finished (waited) children and theirs, so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def tree_cpu(roots: list[int]) -> float:
    """CPU-seconds used so far by these processes and their descendants (with the children
    they have waited for): the Dask scheduler and workers, whose work is not our children's."""
    parents, ticks = {}, {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(proc.name)] = int(fields[1])
        ticks[int(proc.name)] = sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
    tree, frontier = set(roots), set(roots)
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - tree
        tree |= frontier
    return sum(ticks.get(pid, 0) for pid in tree) / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def dask_cluster(folder: Path, workers: int = 2) -> Iterator[tuple[str, list[int]]]:
    """Start ``dask scheduler`` and ``dask worker --nworkers N --nthreads 2``; yield the
    address and the processes started."""
    folder.mkdir(parents=True, exist_ok=True)
    info = folder / "scheduler.json"
    info.unlink(missing_ok=True)
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "cwd": folder,
             "start_new_session": True}
    started = [subprocess.Popen([str(BIN / "dask"), "scheduler", "--port", "0",
                                 "--dashboard-address", ":0", "--scheduler-file", str(info)],
                                **quiet)]
    try:
        deadline = time.monotonic() + 60
        while not info.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        address = json.loads(info.read_text())["address"]
        started.append(subprocess.Popen([str(BIN / "dask"), "worker", address, "--nworkers",
                                         str(workers), "--nthreads", "2",
                                         "--dashboard-address", ":0"], **quiet))
        from distributed import Client

        with Client(address, set_as_default=False) as client:
            client.wait_for_workers(workers, timeout=120)
        yield address, [process.pid for process in started]
    finally:
        for process in reversed(started):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=60)


def cluster_comparison(command: list[str], repeat: int) -> dict[str, list[float]]:
    """Time the 24 monthly briefings on the local pool and on a 2-worker Dask cluster: wall
    time, and CPU-seconds of every process that worked for each (less sensitive than wall time
    to what else the machine runs)."""
    local_out, cluster_out = WORK / "monthly_local", WORK / "monthly_cluster"
    local_yaml = monthly_schedule(local_out)
    cluster_yaml = local_yaml.with_name("monthly_cluster.yaml")
    cluster_yaml.write_text(local_yaml.read_text().replace(str(local_out), str(cluster_out)),
                            encoding="utf-8")
    found: dict[str, list[float]] = {"local": [], "cluster": [], "local_cpu": [],
                                     "cluster_cpu": []}
    with dask_cluster(WORK / "dask") as (address, dask_pids):
        for _ in range(repeat):  # alternate, so that both see the same machine load
            cpu = children_cpu()
            found["local"].append(run([*command, "schedule", str(local_yaml), "--jobs", "2",
                                       "--force", "--no-progress"]))
            found["local_cpu"].append(children_cpu() - cpu)
            cpu = children_cpu() + tree_cpu(dask_pids)
            found["cluster"].append(run([*command, "schedule", str(cluster_yaml), "--cluster",
                                         address, "--force", "--no-progress"]))
            found["cluster_cpu"].append(children_cpu() + tree_cpu(dask_pids) - cpu)
    index = json.loads((cluster_out / "index.json").read_text(encoding="utf-8"))
    if not all(e["worker"].startswith("tcp://") for e in index["briefings"]):
        raise SystemExit("benchmark: the cluster run did not build on the cluster")
    return found


def cluster_rows(found: dict[str, list[float]]) -> list[str]:
    """The Markdown rows of the cluster comparison: medians, and the ratio of each pair of runs
    taken one after the other (less sensitive to a machine whose load drifts)."""
    local, remote = found["local"], found["cluster"]
    ratio = statistics.median(remote) / statistics.median(local)
    pairs = [r / m for r, m in zip(remote, local, strict=True)]
    cpu = statistics.median(found["cluster_cpu"]) / statistics.median(found["local_cpu"])
    return [row(f"24 monthly briefings on a 2-worker Dask cluster (median of {len(remote)}; "
                "'naive' = the local pool, --jobs 2)", statistics.median(remote),
                statistics.median(local), "<= 1.1x", ratio <= 1.1),
            f"\nCluster runs (s): {', '.join(f'{t:.2f}' for t in remote)}; local pool "
            f"{', '.join(f'{t:.2f}' for t in local)}; overhead {100 * (ratio - 1):+.1f} % "
            f"(medians), {100 * (statistics.median(pairs) - 1):+.1f} % (median of the pairs: "
            f"{', '.join(f'{p:.2f}' for p in pairs)}). CPU-seconds, all processes: cluster "
            f"{', '.join(f'{t:.1f}' for t in found['cluster_cpu'])}; local pool "
            f"{', '.join(f'{t:.1f}' for t in found['local_cpu'])}; {100 * (cpu - 1):+.1f} % "
            "(medians)."]


def row(name: str, ours: float, naive: float | None, target: str, met: bool) -> str:
    ratio = f"{ours / naive:.2f}x" if naive else "-"
    naive_text = f"{naive:.1f} s" if naive else "-"
    verdict = "yes" if met else "NO"
    return f"| {name} | {ours:.2f} s | {naive_text} | {ratio} | {target} | {verdict} |"


def main() -> None:
    """Run the benchmark and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of the single briefing")
    parser.add_argument("--naive-months", type=int, default=3,
                        help="months on which the naive chain is timed for the 24-month figure")
    parser.add_argument("--only", choices=["cluster"],
                        help="run only the comparison of the Dask cluster with the local pool")
    args = parser.parse_args()
    if not NOTEBOOK.exists():
        raise SystemExit(f"{NOTEBOOK} is missing: the briefing notebooks are needed")
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    command = cli()
    from libya_conflict.briefings.data import default_data

    default_data()  # clean the sample once, outside every timing
    if args.only == "cluster":
        print("\n".join(cluster_rows(cluster_comparison(command, args.repeat))))
        return

    naive, ours = [], []
    for n in range(args.repeat):  # alternate, so that both see the same machine load
        naive.append(naive_chain(*MONTH, WORK / "naive"))
        ours.append(ours_one(command, *MONTH, WORK / f"one_{n}"))
    naive_one, ours_one_s = statistics.median(naive), statistics.median(ours)
    one_html, one_pdf = sizes(WORK / "one_0" / "situation_briefing")

    monthly_out = WORK / "monthly"
    schedule_s = run([*command, "schedule", str(monthly_schedule(monthly_out)), "--jobs", "2",
                      "--force", "--no-progress"])
    months = [("2019-03-01", "2019-03-31"), ("2019-09-01", "2019-09-30"),
              ("2020-06-01", "2020-06-30"), ("2020-11-01", "2020-11-30")][:args.naive_months]
    naive_month = statistics.mean(naive_chain(s, e, WORK / "naive") for s, e in months)
    month_html, month_pdf = sizes(monthly_out / "situation_briefing")

    default_out = WORK / "default"
    cold_s = run([*command, "schedule", "config/briefings.yaml", "--out", str(default_out),
                  "--jobs", "2", "--no-progress"])
    rerun_s = run([*command, "schedule", "config/briefings.yaml", "--out", str(default_out),
                   "--no-progress"])

    mb = 1024 * 1024
    from libya_conflict.publishing.pdf import find_chromium

    print(f"libya-conflict report builds, {time.strftime('%Y-%m-%d')}, "
          f"{sys.platform}, Python {sys.version.split()[0]}; command: {' '.join(command[-2:])}; "
          f"browsers: ours {find_chromium()}, naive {naive_browser()}")
    print()
    print("| measurement | libya-conflict | naive chain | ratio | target | met |")
    print("|---|---|---|---|---|---|")
    print(row(f"one situation briefing to HTML+PDF (median of {args.repeat})", ours_one_s,
              naive_one, "<= 0.6x", ours_one_s <= 0.6 * naive_one))
    print(row(f"24 monthly briefings, --jobs 2 (naive: mean of {len(months)} x 24)",
              schedule_s, naive_month * 24, "<= 0.3x", schedule_s <= 0.3 * naive_month * 24))
    print(row("unchanged re-run of the default schedule (39 briefings)", rerun_s, None,
              "<= 2 s", rerun_s <= 2.0))
    print(f"| HTML of a monthly briefing (largest of 24) | {month_html / mb:.2f} MB | - | - "
          f"| <= 6 MB | {'yes' if month_html <= 6 * mb else 'NO'} |")
    print(f"| PDF of a monthly briefing (largest of 24) | {month_pdf / mb:.2f} MB | - | - "
          f"| <= 1.5 MB | {'yes' if month_pdf <= 1.5 * mb else 'NO'} |")
    cluster = cluster_rows(cluster_comparison(command, args.repeat))
    print(cluster[0])
    print()
    print(f"Single runs (s): ours {', '.join(f'{t:.2f}' for t in ours)}; naive "
          f"{', '.join(f'{t:.2f}' for t in naive)}. First build of the default schedule: "
          f"{cold_s:.1f} s. April 2020 briefing: HTML {one_html / mb:.2f} MB, "
          f"PDF {one_pdf / mb:.2f} MB.")
    print(cluster[1])


if __name__ == "__main__":
    main()
