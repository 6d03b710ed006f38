"""Sentences of the data-quality report: where the rows of a cleaning run went."""

from __future__ import annotations

from collections.abc import Mapping

from libya_conflict.briefings.wording import count, number


def accounting(counts: Mapping[str, int], balanced: bool) -> str:
    """Describe where every row read by the cleaning went."""
    c = counts
    text = (f"The cleaning read {count(c['read'], 'row')}: {number(c['kept'])} kept as events, "
            f"{number(c['quarantined'])} quarantined, {number(c['duplicates'])} dropped as "
            f"duplicates, {number(c['deleted'])} deleted at ACLED's request and "
            f"{number(c['out_of_scope'])} about other countries.")
    if balanced:
        return text + " Every row read is accounted for exactly once."
    return text + " Warning: these do not add up to the rows read; check the cleaning report."
