"""The notes of every briefing: sources and counting rules, credits and citations, the stamp."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from libya_conflict.briefings.coding import FIELD_NAMES
from libya_conflict.briefings.wording import DATASET_NAMES, amount, join

FATALITIES_CAVEAT = ("Fatality counts are reported estimates, not verified tolls: they come from "
                     "media and other reports, are often revised, and are conservative where "
                     "sources disagree.")
SYNTHETIC_NOTE = ("This file includes synthetic events generated for testing the software "
                  "(tagged synthetic) beside documented events that follow public reporting "
                  "(tagged documented). Do not use its figures for analysis.")
ATTRIBUTION = {
    "acled": ("ACLED: Armed Conflict Location & Event Data Project (ACLED), acleddata.com. "
              "Raleigh, Clionadh, Andrew Linke, H\u00e5vard Hegre and Joakim Karlsen (2010), "
              "\u201cIntroducing ACLED: An Armed Conflict Location and Event Dataset\u201d, "
              "Journal of Peace Research 47(5), 651\u2013660. ACLED data are subject to "
              "ACLED's Terms of Use."),
    "ucdp": ("UCDP GED: Uppsala Conflict Data Program, Georeferenced Event Dataset, ucdp.uu.se, "
             "licensed CC BY 4.0. Sundberg, Ralph and Erik Melander (2013), \u201cIntroducing "
             "the UCDP Georeferenced Event Dataset\u201d, Journal of Peace Research 50(4); "
             "Davies, Shawn, Therese Pettersson and Magnus \u00d6berg (2023), \u201cOrganized "
             "violence 1989\u20132022\u201d, Journal of Peace Research 60(4)."),
}
OTHER_CREDITS = ("Place names: GeoNames (geonames.org, CC BY 4.0). Key events: public reporting "
                 "by the news agencies and UN bodies named in key_events.csv. District "
                 "boundaries: Natural Earth, via geoBoundaries (Runfola et al. 2020, PLoS ONE "
                 "15(4): e0231866); district populations: 2006 census. Change levels: ACLED's "
                 "(Early Warning & Forecasting Hub).")


def not_coded_note(missing: Mapping[str, int], events: int) -> str:
    """Say which fields the export lacks for how many events ("" when it lacks none)."""
    if not missing or not events:
        return ""
    parts = [f"{FIELD_NAMES.get(field, field)} "
             + ("for every event" if n == events else f"for {amount(n, events)} of them")
             for field, n in missing.items()]
    return (f"This export does not code {join(parts)}: the charts and sentences that depend "
            "on them say \u201cnot coded\u201d instead of counting such events as none.")


def data_notes(*, datasets: Sequence[str], dataset: str, file_name: str,
               newest_event: str | None, precision: str, unknown_side: int, events: int,
               synthetic: bool, not_coded: Mapping[str, int] | None = None) -> list[str]:
    """Return the data notes: sources, counting rules, precision, fatalities, sides.

    Parameters
    ----------
    datasets : sequence of str
        Datasets in the file, ACLED first.
    dataset : str
        The dataset the headline counts.
    file_name : str
        The cleaned table's file name.
    newest_event : str or None
        The newest event date in the file (ISO).
    precision : str
        The precision sentence (:func:`libya_conflict.briefings.narrative.precision_note`).
    unknown_side, events : int
        Events with an actor of unknown side, and events in the period.
    synthetic : bool
        The file holds synthetic events.
    not_coded : mapping, optional
        Field -> events of the period without it (:func:`.coding.not_coded`).

    """
    name = DATASET_NAMES.get(dataset, dataset)
    present = join([DATASET_NAMES[d] for d in datasets])
    sides = ("Sides come from the project's actor crosswalk, for the date of each event; "
             + (f"{amount(unknown_side, events)} "
                f"{'event has' if unknown_side == 1 else 'events have'}"
                if unknown_side else "no event has")
             + " an actor the crosswalk does not know yet (side \u201cUnknown\u201d).")
    notes = [
        f"Sources: {present or 'no'} events from {file_name} (newest event "
        f"{newest_event or 'none'}). Headline figures, the narrative and most charts count "
        f"{name} events only; ACLED and UCDP GED count differently and are never added "
        "together.",
        "Events are counted on their (first) reported date and in the district where the "
        "dataset placed them.",
        precision,
        not_coded_note(not_coded or {}, events),
        FATALITIES_CAVEAT,
        sides,
    ]
    return [n for n in notes if n] + ([SYNTHETIC_NOTE] if synthetic else [])


def single_dataset(dataset: str) -> str:
    """Say that the file holds one dataset only ("" for none)."""
    only = DATASET_NAMES.get(dataset, dataset) if dataset else "no"
    return (f"This data file holds {only} events only, so there is no second dataset to compare "
            "with.")


def credits(datasets: Sequence[str]) -> list[str]:
    """Return the credits and citations of the datasets a report uses, then the other credits."""
    return [ATTRIBUTION[d] for d in datasets if d in ATTRIBUTION] + [OTHER_CREDITS]


def stamp_text(stamp: Mapping, file_name: str) -> str:
    """Return the provenance stamp as one line for readers."""
    vintage = stamp["data_vintage"]
    shown = {k: v for k, v in stamp["parameters"].items() if v != ""}
    return (f"Parameters: {json.dumps(shown, ensure_ascii=False)}. Data: {file_name}, "
            f"SHA-256 {stamp['data_sha256'][:16]}\u2026; newest event "
            f"{vintage['newest_event_date']}, newest record update "
            f"{vintage['newest_timestamp'] or 'not given'}. libya-conflict "
            f"{stamp['package_version']}, commit {stamp['git_commit'] or 'unknown'}. "
            f"Run at {stamp['run_at']}.")
