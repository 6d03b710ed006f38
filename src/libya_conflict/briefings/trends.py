"""Change against a baseline, named in ACLED's bands (data/trend_bands.yaml).

A briefing's period is compared with periods of the same length: the previous one, the average
of the previous four, and the average over the previous year. A baseline is used only where the
data cover every one of its days (a period the file covers in part is said to be so, never
compared), and small numbers are guarded as ACLED guards them: an average of two or fewer and
five or fewer now is a limited change, whatever the percentage.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from libya_conflict.briefings.coding import civilian_coded, targets_civilians
from libya_conflict.briefings.selection import FULL, Period, Selection
from libya_conflict.resources import load_yaml

MEASURES = ("events", "fatalities", "civilian_targeting_events")
BASELINES = ("previous", "average4", "previous_year")


@cache
def band_table() -> dict:
    """Return the bands, the small-number guard and the baselines of ``trend_bands.yaml``."""
    return load_yaml("trend_bands.yaml")


def band_labels() -> dict[str, str]:
    """Return band key -> words ("large_increase" -> "large increase")."""
    return {b["key"]: b["label"] for b in band_table()["bands"]}


def band(now: float, baseline: float) -> tuple[str, float | None, bool]:
    """Name the change from ``baseline`` to ``now`` in ACLED's bands.

    Parameters
    ----------
    now : float
        The period's count.
    baseline : float
        The count it is compared with (an average may be fractional).

    Returns
    -------
    tuple
        The band key, the change in percent (None on a zero baseline) and whether the
        small-number guard decided the band.

    """
    guard = band_table()["small_numbers"]
    pct = None if baseline == 0 else round(100 * (now - baseline) / baseline, 1)
    if baseline <= guard["baseline_at_most"] and now <= guard["now_at_most"]:
        return guard["band"], pct, True
    if pct is None:
        # From nothing to more than a handful: as large an increase as there is.
        return band_table()["bands"][0]["key"], None, False
    for item in band_table()["bands"]:
        if ("above" in item and pct > item["above"]) or ("from" in item and pct >= item["from"]):
            return item["key"], pct, False
    return band_table()["bands"][-1]["key"], pct, False


class _Counts:
    """The headline dataset's events of a selection as sorted arrays, to count any period fast.

    A briefing counts some 30 periods (baselines and sparklines); filtering the table for
    each would cost more than the rest of the headline.
    """

    def __init__(self, sel: Selection) -> None:
        rows = sel.table[sel.table["dataset"].eq(sel.dataset)].sort_values("date", kind="stable")
        self.dates = rows["date"].to_numpy(dtype="datetime64[ns]")
        self.fatalities = np.cumsum(np.concatenate([[0], rows["fatalities"].to_numpy(int)]))
        self.hit = np.cumsum(np.concatenate([[0], targets_civilians(rows).to_numpy(int)]))
        self.uncoded = np.cumsum(np.concatenate([[0], (~civilian_coded(rows)).to_numpy(int)]))

    def value(self, measure: str, period: Period) -> float | None:
        first = np.searchsorted(self.dates, period.start.to_datetime64(), side="left")
        last = np.searchsorted(self.dates, period.end.to_datetime64(), side="right")
        if measure == "events":
            return float(last - first)
        if measure == "fatalities":
            return float(self.fatalities[last] - self.fatalities[first])
        # A period with events whose export did not code the flag would count them as none.
        if self.uncoded[last] - self.uncoded[first]:
            return None
        return float(self.hit[last] - self.hit[first])


def baseline_periods(period: Period) -> dict[str, list[Period] | None]:
    """Return the periods each baseline averages (None: no such baseline for this period).

    ``previous_year`` is one span of 364 days, scaled to the period's length when averaged.
    """
    spec = band_table()["baselines"]
    year = spec["previous_year"]
    days = pd.Timedelta(days=year["days"])
    span = Period(period.start - days, period.start - pd.Timedelta(days=1))
    return {"previous": period.before(1), "average4": period.before(spec["average4"]["periods"]),
            "previous_year": [span] if period.days <= year["max_days_for_year"] else None}


def compare(sel: Selection, measure: str, periods: list[Period] | None,
            per_days: int | None = None, counts: _Counts | None = None) -> dict:
    """Compare the period's ``measure`` with the average of ``periods``.

    Returns
    -------
    dict
        band (key, or None when no comparison is made), baseline (the average), change_pct,
        small_numbers, and reason (why no comparison was made, or "").

    """
    if periods is None:
        return {"band": None, "reason": "not applicable to a period this long"}
    counts = counts or _Counts(sel)
    if sel.coverage() != FULL:
        return {"band": None, "reason": "period not fully covered"}
    if any(sel.coverage(p) != FULL for p in periods):
        return {"band": None, "reason": "baseline not fully covered by the data"}
    now = counts.value(measure, sel.period)
    values = [counts.value(measure, p) for p in periods]
    if now is None or any(v is None for v in values):
        return {"band": None, "reason": "not coded"}
    total = sum(values)
    if per_days:
        baseline = total * sel.period.days / per_days
    else:
        baseline = total / len(values)
    key, pct, guarded = band(now, baseline)
    return {"band": key, "baseline": round(baseline, 1), "change_pct": pct,
            "small_numbers": guarded, "reason": ""}


def spark(sel: Selection, measure: str, counts: _Counts | None = None) -> list[dict]:
    """Return the measure in the last periods, oldest first, for the small bar chart.

    Returns
    -------
    list of dict
        start, end, value (None where the data do not cover the whole period or do not code
        the field); the briefing's own period last.

    """
    counts = counts or _Counts(sel)
    n = band_table()["spark_periods"]
    periods = [*reversed(sel.period.before(n - 1)), sel.period]
    out = []
    for p in periods:
        v = counts.value(measure, p) if sel.coverage(p) == FULL else None
        out.append({**p.as_dict(), "value": None if v is None else int(v)})
    return out


def headline_trends(sel: Selection) -> dict:
    """Return the trends of the headline figures, and the bands they were named in.

    Returns
    -------
    dict
        ``trends``: measure -> {baseline name -> :func:`compare` result, ``spark`` ->
        :func:`spark`}; ``bands``: the band definitions and their source (JSON-serialisable).

    """
    table = band_table()
    year = table["baselines"]["previous_year"]["days"]
    out = {}
    counts = _Counts(sel)
    for measure in MEASURES:
        record = {}
        for name, periods in baseline_periods(sel.period).items():
            record[name] = compare(sel, measure, periods, counts=counts,
                                   per_days=year if name == "previous_year" else None)
        record["spark"] = spark(sel, measure, counts)
        out[measure] = record
    bands = {"source": " ".join(table["source"].split()), "bands": table["bands"],
             "small_numbers": table["small_numbers"],
             "baselines": {k: v["label"] for k, v in table["baselines"].items()}}
    return {"trends": out, "bands": bands}
