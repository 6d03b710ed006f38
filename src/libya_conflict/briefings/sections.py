"""The parts of a briefing that notebooks show: title, headline, narrative, tables, notes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from libya_conflict.briefings import (
    coding,
    display,
    highlights,
    maps,
    measures,
    metadata,
    narrative,
    notes,
    points_narrative,
    provenance,
    significant,
    time_charts,
    trend_narrative,
    wording,
)
from libya_conflict.briefings.model import Briefing
from libya_conflict.resources import repo_root


def show_title(b: Briefing, kind: str, with_place: bool = True) -> None:
    """Display the sample banner (when it applies), then the title and what is counted.

    Parameters
    ----------
    b : Briefing
        The briefing.
    kind : str
        The kind of report ("Situation briefing"); the title adds the place and period unless
        the ``title`` parameter gives one.
    with_place : bool
        Put the place or subject in the title.

    """
    display.show_banner(b.synthetic)
    where = f"{b.where}, " if with_place else ""
    title = b.params.get("title") or f"{kind}: {where}{b.period_text}"
    ds = wording.DATASET_NAMES.get(b.selection.dataset, b.selection.dataset)
    lead = f"Events recorded by {ds} {b.subject}, {b.period_text}."
    display.show_markdown(f"# {display.escape_markdown(title)}\n\n{display.escape_markdown(lead)}")


# Each card's label, plural and for a value of one.
CARD_MEASURES = (("events", "events ({ds})", "event ({ds})"),
                 ("fatalities", "reported fatalities", "reported fatality"),
                 ("civilian_targeting_events", "events targeting civilians",
                  "event targeting civilians"))


def headline_cards(h: dict) -> list[tuple[str, str, str, str]]:
    """Return the headline cards: label, value, change lines (HTML) and sparkline (HTML)."""
    ds = wording.DATASET_NAMES.get(h["dataset"], h["dataset"])
    cards = []
    for measure, plural, singular in CARD_MEASURES:
        value = h.get(measure)
        label = singular if value == 1 else plural
        lines = trend_narrative.card_lines(h, measure)
        change = "<br>".join(display.escape_html(line) for line in lines if line)
        points = ((h.get("trends") or {}).get(measure) or {}).get("spark") or []
        cards.append((label.format(ds=ds), "not coded" if value is None
                      else wording.number(value), change or None,
                      display.sparkline(points, label.format(ds=ds))))
    return cards


def show_headline(b: Briefing) -> None:
    """Display the headline figures as cards, and record them as a headline output.

    Each card gives the change on the previous period and against the four-period average in
    ACLED's bands, with a small bar chart of the last periods. The output carries the figures
    under ``application/vnd.libya-conflict.headline+json``, which the papermill engine copies
    into the notebook's metadata.
    """
    h = b.headline
    ds = wording.DATASET_NAMES.get(h["dataset"], h["dataset"])
    note = narrative.headline_note(h)
    bands = trend_narrative.bands_note(h)
    civilians = h["civilian_targeting_events"]
    plain_civilians = ("civilian targeting not coded" if civilians is None
                       else f"{wording.count(civilians, 'event')} targeting civilians")
    display.emit({metadata.HEADLINE_MIMETYPE: h,
                  "text/html": display.figure_cards(headline_cards(h), min_width="10em",
                                                    size="1.8em")
                  + f'<p class="lc-headline-note">{display.escape_html(note)}</p>'
                  + (f'<p class="lc-bands-note">{display.escape_html(bands)}</p>'
                     if bands else ""),
                  "text/plain": f"{wording.count(h['events'], 'event')} ({ds}), "
                                f"{wording.deaths(h['fatalities'])}, {plain_civilians}. "
                                f"{note}"})


def key_points(b: Briefing, **sections: str) -> list[str]:
    """Return the briefing's key points (see :func:`.points_narrative.key_points`).

    Parameters
    ----------
    b : Briefing
        The briefing.
    **sections : str
        The notebook's section headings the points refer to, when they differ from the
        situation briefing's: ``change``, ``deadliest``, ``where``, ``civilians``.

    """
    ev, h = b.events, b.headline
    before = b.selection.previous_events if b.selection.comparable else None
    if ev.empty:
        section = sections.get("summary", points_narrative.SECTIONS["summary"])
        return [points_narrative.quiet_point(b.subject, h["days"], h["previous_events"],
                                             section)]
    return points_narrative.key_points(
        highlights.largest_change(h), highlights.deadliest_event(ev),
        highlights.movement(ev, before), highlights.civilian_harm(h, ev), b.labels, sections)


def show_key_points(b: Briefing, **sections: str) -> None:
    """Display the key points as a short list under a heading (escaped)."""
    points = key_points(b, **sections)
    if not points:
        return
    items = "\n".join(f"- {display.escape_markdown(p)}" for p in points)
    display.show_markdown(f"## Key points\n\n{items}")


def summary_paragraphs(b: Briefing, place_column: str = "district") -> list[str]:
    """Return the narrative: what happened, where, who, civilian harm, changes, datasets."""
    ev, h = b.events, b.headline
    remote = measures.remote_violence(ev)
    before = b.selection.previous_events if b.selection.comparable else None
    against = ev[ev["event_type"].eq("Violence against civilians")]
    paragraphs = [
        narrative.overview(h, measures.count_by(ev, "event_type"), b.subject),
        narrative.where(measures.count_by(_with_place(ev), place_column), len(ev), place_column),
        _who(b),
        narrative.civilians(h, measures.civilian_harm(ev), b.labels, len(remote),
                            int(remote["fatalities"].sum()),
                            len(coding.remote_violence_uncoded(ev)),
                            (len(against), int(against["fatalities"].sum()))),
    ]
    if before is not None and (len(ev) or len(before)):
        paragraphs.append(narrative.notable_changes(
            measures.compare_counts(_with_place(ev), _with_place(before), place_column),
            measures.compare_counts(ev, before, "event_type"), place_column))
    paragraphs.append(narrative.datasets_side_by_side(h["by_dataset"], h["dataset"]))
    return [p for p in paragraphs if p]


def _who(b: Briefing) -> str:
    """Say who took part; for a side or an actor, whom it faced."""
    ev, sel = b.events, b.selection
    if sel.side or sel.actor:
        counts = measures.counterparts(ev, sel.side, sel.actor_names)
        subject = (wording.side_name(sel.side, b.labels) if sel.side
                   else wording.join(sel.actor_names) or sel.actor)
        return narrative.counterparts(counts, subject, len(ev), b.labels if sel.side else None)
    actors = measures.actor_activity(ev).head(3) if len(ev) else None
    return narrative.who(measures.side_activity(ev), len(ev), b.labels, actors)


def _with_place(events: pd.DataFrame) -> pd.DataFrame:
    return events.assign(place=events["location"].where(events["location"].ne(""),
                                                        events["district"]))


def show_summary(b: Briefing, place_column: str = "district") -> None:
    """Display the narrative paragraphs."""
    display.show_paragraphs(summary_paragraphs(b, place_column))


# Why an event is in the significant-events table, by the kind significant_events gives it.
WHY_LISTED = {"documented": "Documented key event", "deadliest": "Among the deadliest",
              "context": "Context (not an event in the data)"}


def significant_events_table(b: Briefing, top: int = 8) -> pd.DataFrame:
    """Return the significant-events table as shown: date, place, fatalities, what happened."""
    table = significant.significant_events(b.events, b.key_events, top)
    return pd.DataFrame({
        # No-break spaces: a date in a narrow column stays on one line ("16 May 2020").
        "Date": [wording.date_text(d).replace(" ", "\u00a0") for d in table["date"]],
        "Place": [f"{p} ({d})" if d and d not in p else (p or "\u2014")
                  for p, d in zip(table["place"], table["district"], strict=True)],
        "Reported fatalities": ["\u2014" if pd.isna(f) else wording.number(f)
                                for f in table["fatalities"]],
        "What happened": table["description"].tolist(),
        "Why listed": [WHY_LISTED[k] for k in table["kind"]],
    })


def show_significant_events(b: Briefing, top: int = 8) -> None:
    """Display the most significant events of the period (escaped)."""
    ds = wording.DATASET_NAMES.get(b.selection.dataset, b.selection.dataset)
    table = significant_events_table(b, top)
    listed = int(table["Why listed"].eq(WHY_LISTED["deadliest"]).sum()) if len(table) else 0
    # Name as many deadliest events as are listed (a small file may hold fewer than top).
    opening = {0: "The", 1: f"The deadliest {ds} event and the"}.get(
        listed, f"The {wording.number(listed)} deadliest {ds} events and the")
    display.show_table(table,
               f"{opening} documented key events of the period, "
               "by date. Descriptions of documented events follow public reporting "
               "(key_events.csv); the others are the dataset's own notes.",
               "No significant events: nothing was recorded in this period." if b.events.empty
               else "No event of this period reported fatalities, and no documented key event "
                    "falls in it.")


def show_maps(b: Briefing) -> None:
    """Display the maps of the briefing's area.

    A choropleth of the districts where the area has several (all of Libya, a region, the
    front), then the events on the district map, zoomed to the area.
    """
    if not b.districts or len(b.districts) > 2:
        display.show_figure(maps.district_choropleth(b.events, b.ctx))
    display.show_figure(maps.event_map(b.events, b.ctx))


def show_datasets(b: Briefing) -> None:
    """Display ACLED and UCDP side by side when the data hold both (never summed)."""
    present = b.selection.datasets
    if len(present) < 2:
        display.show_paragraphs([notes.single_dataset(present[0] if present else "")])
        return
    display.show_paragraphs([narrative.datasets_side_by_side(b.headline["by_dataset"],
                                                     b.headline["dataset"])])
    display.show_figure(time_charts.fatalities_by_dataset(b.selection.in_period(), b.ctx))


def data_notes(b: Briefing) -> list[str]:
    """Return the data notes: sources, counting rules, precision, fatalities, sides."""
    ev = b.events
    unknown = int((ev["coalition1"].eq("unknown") | ev["coalition2"].eq("unknown")).sum())
    return notes.data_notes(
        datasets=b.selection.datasets, dataset=b.selection.dataset,
        file_name=b.data_file.name,
        newest_event=provenance.data_vintage(b.table)["newest_event_date"],
        precision=narrative.precision_note(measures.precision(ev), b.selection.dataset),
        unknown_side=unknown, events=len(ev), synthetic=b.synthetic,
        not_coded=b.headline.get("not_coded"))


def show_data_notes(b: Briefing) -> None:
    """Display the data notes."""
    display.show_paragraphs(data_notes(b))


def show_attribution(b: Briefing | None = None, datasets: list[str] | None = None) -> None:
    """Display the credits and citations of the datasets the report uses."""
    datasets = datasets or (b.selection.datasets if b else list(notes.ATTRIBUTION))
    display.show_paragraphs(notes.credits(datasets))


def show_stamp(params: dict, data_file: Path, table: pd.DataFrame) -> None:
    """Display the provenance stamp and record it as a stamp output.

    The cell calling this must carry ``# NBVAL_IGNORE_OUTPUT``: it shows the time of the run.
    """
    stamp = provenance.stamp(params, data_file, table, repo_root())
    text = notes.stamp_text(stamp, Path(data_file).name)
    display.emit({metadata.STAMP_MIMETYPE: stamp,
                  "text/html": f'<p class="lc-stamp" style="font-size:0.85em;color:#555">'
                               f"{display.escape_html(text)}</p>",
                  "text/plain": text})


def show_briefing_stamp(b: Briefing) -> None:
    """Display the stamp of a briefing (see :func:`show_stamp`)."""
    show_stamp(b.params, b.data_file, b.table)
