"""Sentences about change: how far the data cover a period, and the trend words with a baseline.

A change is told only against a period the data fully cover; otherwise the sentence says which
part of which period the file holds (the date the data begin or end). Changes are named in
ACLED's bands (:mod:`libya_conflict.briefings.trends`), against the previous period, the
average of the previous four and, for short periods, the average over the previous year.
"""

from __future__ import annotations

from collections.abc import Mapping

from libya_conflict.briefings.wording import (
    DATASET_NAMES,
    change,
    count,
    date_text,
    join,
    number,
    period_text,
)

ARTICLES = {"large_increase": "a large increase", "moderate_increase": "a moderate increase",
            "limited_change": "a limited change", "large_decrease": "a large decrease"}
MEASURE_NOUNS = {"events": "events", "fatalities": "reported fatalities",
                 "civilian_targeting_events": "events targeting civilians"}


def band_phrase(key: str | None) -> str:
    """Return a band with its article ("a large increase"); "" for None."""
    return ARTICLES.get(key or "", (key or "").replace("_", " "))


def _case(h: Mapping) -> str:
    coverage = h.get("coverage") or {}
    if coverage.get("comparison"):
        return coverage["comparison"]
    return "previous_period" if h.get("previous_events") is not None else "previous_not_covered"


def coverage_sentence(h: Mapping) -> str:
    """Say how far the data cover the period and the previous one, when not fully.

    Returns "" when both are fully covered or when the period lies outside the data (the
    overview says so itself).
    """
    case, ds = _case(h), DATASET_NAMES.get(h["dataset"], h["dataset"])
    days = count(h["days"], "day")
    before = period_text(h["previous_start"], h["previous_end"])
    start, end = h.get("data_start"), h.get("data_end")
    if case == "period_partly_covered":
        cover = h["coverage"]
        edge = (f"begin on {date_text(start)}" if start and start > h["start"]
                else f"end on {date_text(end)} (the last event in the file)")
        return (f"The {ds} data in this file {edge}, within this period: the figures cover "
                f"{period_text(cover['covered_start'], cover['covered_end'])} only, so this "
                "period is partly covered and no change is computed.")
    if case == "previous_partly_covered":
        return (f"The {ds} data in this file begin on {date_text(start)}, part-way through the "
                f"previous {days} ({before}): that period is only partly covered, so no change "
                "is computed.")
    if case == "previous_not_covered":
        first = f" begin on {date_text(start)}" if start else " hold no events"
        return (f"The {ds} data in this file{first}, so the previous {days} ({before}) lie "
                "outside them and there is no earlier period to compare with.")
    return ""


def _against_previous(h: Mapping) -> str:
    trends = h.get("trends") or {}
    parts = []
    for key, noun in (("events", "events"), ("fatalities", "reported fatalities")):
        words = change(h[key], h[f"previous_{key}"])
        named = (trends.get(key) or {}).get("previous") or {}
        if named.get("band"):
            words += f" ({band_phrase(named['band'])}{_guard(named)})"
        parts.append(f"{noun} {words}")
    return (f"Compared with the previous {count(h['days'], 'day')} "
            f"({period_text(h['previous_start'], h['previous_end'])}): {join(parts)}.")


def _guard(result: Mapping) -> str:
    return ", small numbers" if result.get("small_numbers") else ""


def _averages(h: Mapping, baseline: str) -> dict | None:
    """Return the events and fatalities results against a baseline, or None without both."""
    trends = h.get("trends") or {}
    results = {k: (trends.get(k) or {}).get(baseline) or {} for k in ("events", "fatalities")}
    return results if all(r.get("band") for r in results.values()) else None


def _verdict(results: Mapping) -> str:
    ev, fa = results["events"], results["fatalities"]
    if ev["band"] == fa["band"]:
        return f"{band_phrase(ev['band'])} in both{_guard(ev) or _guard(fa)}"
    return (f"{band_phrase(ev['band'])} in events{_guard(ev)} and "
            f"{band_phrase(fa['band'])} in fatalities{_guard(fa)}")


def _figures(results: Mapping, short: bool = False) -> str:
    ev, fa = (number(round(results[k]["baseline"])) for k in ("events", "fatalities"))
    return f"{ev} and {fa}" if short else f"{ev} events and {fa} reported fatalities a period"


def _against_averages(h: Mapping) -> str:
    """Name the change against the four-period and the yearly averages ("" without them)."""
    four, year = _averages(h, "average4"), _averages(h, "previous_year")
    if four and year and _verdict(four) == _verdict(year):
        return (f"Against the averages of the four periods before ({_figures(four)}) and of "
                f"the previous year ({_figures(year, short=True)}), this is {_verdict(four)}.")
    parts = []
    if four:
        parts.append(f"Against the average of the four periods before ({_figures(four)}), "
                     f"this is {_verdict(four)}.")
    if year:
        parts.append(f"Against the average over the previous year ({_figures(year)}), it is "
                     f"{_verdict(year)}.")
    return " ".join(parts)


def comparison(headline: Mapping) -> str:
    """Compare the period with the previous one and with the longer baselines, or say why not.

    Parameters
    ----------
    headline : mapping
        :func:`libya_conflict.briefings.measures.headline` figures.

    """
    h = headline
    if _case(h) != "previous_period":
        return coverage_sentence(h)
    return f"{_against_previous(h)} {_against_averages(h)}".strip()


def card_lines(headline: Mapping, measure: str) -> list[str]:
    """Return the change lines under one headline figure (plain text, short).

    The first line gives the change on the previous period and its band, the next the band
    against the four-period average (and the previous year); or one line saying why no change
    is computed, or that the figure is not coded.
    """
    h = headline
    now, before = h.get(measure), h.get(f"previous_{measure}")
    if now is None:
        return ["not coded in this export"]
    case = _case(h)
    if case != "previous_period":
        return [{"period_partly_covered": "period partly covered: no change computed",
                 "period_not_covered": "outside the data in this file",
                 "previous_partly_covered": "previous period partly covered: no change computed",
                 "previous_not_covered": "no earlier period in the file"}.get(case, "")]
    trends = (h.get("trends") or {}).get(measure) or {}
    lines = []
    for baseline, short in (("previous", "previous"), ("average4", "4-period avg."),
                            ("previous_year", "year avg.")):
        result = trends.get(baseline) or {}
        if baseline == "previous" and not result.get("band"):
            lines.append(f"{change(now, before)} on the previous period")
        elif result.get("band"):
            lines.append(f"{_relative(now, result)} on {short} "
                         f"{number(round(result['baseline']))} \u00b7 "
                         f"{band_phrase(result['band'])[2:]}")
    return lines


def _relative(now: int, result: Mapping) -> str:
    """Return "+7%", "\u221230%" or, for small numbers and zero baselines, "now 4"."""
    pct = result.get("change_pct")
    if pct is None or result.get("small_numbers"):
        return f"{number(now)} now,"
    sign = "+" if pct > 0 else "\u2212" if pct < 0 else "\u00b1"
    return f"{sign}{abs(pct):.0f}%"


def bands_note(headline: Mapping) -> str:
    """Explain the bands once, under the headline figures ("" when no band was named)."""
    trends = headline.get("trends") or {}
    named = any((r or {}).get("band") for t in trends.values() for k, r in t.items()
                if k != "spark")
    if not named:
        return ""
    guard = (headline.get("bands") or {}).get("small_numbers") or {"baseline_at_most": 2,
                                                                   "now_at_most": 5}
    return ("Change levels as ACLED names them: a large increase is more than +25%, a moderate "
            "increase +10 to +25%, a limited change \u221225 to +10%, a large decrease below "
            f"\u221225%; with a baseline of {guard['baseline_at_most']} or fewer and "
            f"{guard['now_at_most']} or fewer now, the change is limited whatever the "
            "percentage.")
