"""Benchmark: `fetch acled` (full and --update) against a bare httpx loop over the same pages.

Usage: ``make bench`` (or ``.venv/bin/python benchmarks/bench_fetch.py [--copies N] [--repeat K]``).

A local stand-in of ACLED's API (tests/api_standins.py) serves the real 9,000-event sample of
../shared/data/real repeated ``--copies`` times with shifted ids (never committed), as one
country, in pages of 5,000. The baseline does the least any client must: GET each page with the
bearer token, parse the JSON and write the rows as CSV. ``fetch acled`` adds the checks of every
page, the manifest and the atomic rename. The update re-codes 2% of the events, deletes 1% and
adds 1% before ``fetch acled --update``. Median wall time of ``--repeat`` runs, in this process.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
REAL_ACLED = REPO.parent / "shared" / "data" / "real" / "acled_2022_sample.csv"
sys.path.insert(0, str(REPO / "tests"))

from api_standins import AcledStandIn, read_rows  # noqa: E402
from libya_conflict.fetch.acled import fetch_acled  # noqa: E402
from libya_conflict.reading.layouts import ACLED_CURRENT  # noqa: E402

EMAIL, PASSWORD = "bench@example.org", "bench-password"


class OneCountry(AcledStandIn):
    """Every event is the country asked for; a query's rows are sorted once, not per page."""

    cache: dict = {}

    def _events(self, args: dict) -> list[dict]:
        key = tuple(sorted((k, v) for k, v in args.items() if k not in ("page", "limit")))
        if key not in self.cache:
            self.cache[key] = super()._events({k: v for k, v in args.items()
                                               if k != "country"} | {"country": "*"})
        return self.cache[key]

    def delete(self, event_id: str, when: int) -> None:
        self.cache.clear()
        super().delete(event_id, when)

    def recode(self, event_id: str, when: int, **values: str) -> None:
        self.cache.clear()
        super().recode(event_id, when, **values)

    def add(self, row: dict[str, str]) -> None:
        self.cache.clear()
        super().add(row)


def events(copies: int) -> list[dict[str, str]]:
    base = read_rows(REAL_ACLED)
    rows = []
    for copy in range(copies):
        for row in base:
            rows.append(dict(row, event_id_cnty=f"{row['event_id_cnty']}-{copy}", country="*"))
    return rows


def baseline(api: AcledStandIn, out: Path, page_size: int) -> int:
    token = httpx.post(f"{api.url}/oauth/token", data={
        "username": EMAIL, "password": PASSWORD, "grant_type": "password",
        "client_id": "acled"}).json()["access_token"]
    rows = 0
    with httpx.Client(headers={"Authorization": f"Bearer {token}"}) as client, \
            open(out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ACLED_CURRENT, lineterminator="\n")
        writer.writeheader()
        for page in range(1, 10_000):
            data = client.get(f"{api.url}/api/acled/read", params={
                "country": "Libya", "limit": page_size, "page": page}).json()["data"]
            writer.writerows({k: "" if v is None else v for k, v in r.items()} for r in data)
            rows += len(data)
            if len(data) < page_size:
                return rows
    return rows


def timed(action, *args, **kwargs) -> float:
    start = time.perf_counter()
    action(*args, **kwargs)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--page-size", type=int, default=5000)
    args = parser.parse_args()
    if not REAL_ACLED.exists():
        sys.exit(f"bench_fetch: {REAL_ACLED} not found (the real sample beside the checkout)")
    work = Path(tempfile.mkdtemp(prefix="bench_fetch_"))
    os.environ.update(ACLED_EMAIL=EMAIL, ACLED_PASSWORD=PASSWORD,
                      XDG_CACHE_HOME=str(work / "cache"), XDG_CONFIG_HOME=str(work / "config"))
    rows = events(args.copies)
    api = OneCountry(rows, EMAIL, PASSWORD).start()
    os.environ["LIBYA_CONFLICT_ACLED_URL"] = api.url
    quiet = io.StringIO()
    times: dict[str, list[float]] = {"baseline": [], "fetch": [], "update": []}
    try:
        for n in range(args.repeat):
            out = work / f"acled_{n}.csv"
            times["baseline"].append(timed(baseline, api, work / "base.csv", args.page_size))
            times["fetch"].append(timed(fetch_acled, ["Libya"], out=out,
                                        page_size=args.page_size, progress=False, stream=quiet))
            stamp = max(int(r["timestamp"]) for r in api.events.values()) + 100 + n
            ids = sorted(api.events)
            step = len(ids) // 100
            for event_id in ids[0:2 * step]:
                api.recode(event_id, stamp, fatalities="7")
            for event_id in ids[2 * step:3 * step]:
                api.delete(event_id, stamp)
            for k, row in enumerate(rows[:step]):
                api.add(dict(row, event_id_cnty=f"NEW{n}-{k}", timestamp=str(stamp)))
            times["update"].append(timed(fetch_acled, ["Libya"], out=out, update=True,
                                         page_size=args.page_size, progress=False,
                                         stream=quiet))
    finally:
        api.stop()
    result = {name: round(statistics.median(values), 2) for name, values in times.items()}
    result |= {"events": len(rows), "page_size": args.page_size,
               "ratio_fetch_to_baseline": round(result["fetch"] / result["baseline"], 2)}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
