"""A briefing: its data, selection, subject and chart context, loaded once for a notebook."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from libya_conflict.briefings import (
    chart_base,
    display,
    measures,
    provenance,
    wording,
)
from libya_conflict.briefings.data import load_table, resolve_data
from libya_conflict.briefings.parameters import split_list
from libya_conflict.briefings.selection import Selection, normalise, select
from libya_conflict.reference.crosswalk import coalition_labels
from libya_conflict.reference.districts import area_districts
from libya_conflict.reference.key_events import in_window, key_events
from libya_conflict.resources import repo_root


@dataclass
class Briefing:
    """Everything a briefing notebook shows, loaded once.

    Attributes
    ----------
    params : dict
        Validated parameters.
    data_file : Path
        The cleaned table read.
    table : pandas.DataFrame
        The whole table, normalised.
    selection : Selection
        Period and subject.
    where : str
        The subject for titles ("Greater Tripoli", "LNA-aligned forces").
    subject : str
        The subject inside a sentence ("in Greater Tripoli (...)", "involving ...").
    key_events : pandas.DataFrame
        Key events of the period and area.
    root : Path or None
        Project checkout, for the git commit.

    """

    params: dict
    data_file: Path
    table: pd.DataFrame
    selection: Selection
    where: str
    subject: str
    key_events: pd.DataFrame
    root: Path | None = None
    labels: dict[str, str] = field(default_factory=coalition_labels)

    @cached_property
    def synthetic(self) -> bool:
        """Tell whether the data hold synthetic (sample) events."""
        return provenance.is_synthetic(self.table)

    @property
    def events(self) -> pd.DataFrame:
        """Return the headline dataset's events of the period and subject."""
        return self.selection.events

    @cached_property
    def headline(self) -> dict:
        """Return the headline figures."""
        return measures.headline(self.selection)

    @property
    def ctx(self) -> chart_base.ChartContext:
        """Return the context shared by the charts."""
        return self.context()

    @property
    def districts(self) -> tuple[str, ...]:
        """Return the districts of the area ((): all of Libya, or a side or actor anywhere)."""
        sel = self.selection
        if sel.side or sel.actor:
            return ()
        front = self.params.get("front_districts")
        return tuple(split_list(front)) if front else tuple(area_districts(sel.area) or ())

    def context(self, step: str = "") -> chart_base.ChartContext:
        """Return the chart context, with a time step (``day``, ``week``, ``month``) if given."""
        return chart_base.ChartContext(self.selection.period, self.where, self.selection.dataset,
                                       self.synthetic, self.key_events, step, self.districts)

    @property
    def period_text(self) -> str:
        """Return the period for titles."""
        p = self.selection.period
        return wording.period_text(p.start, p.end)


def _subject(params: dict, labels: dict[str, str]) -> tuple[dict, str, str]:
    """Return select() keywords, the subject for titles and the subject for sentences."""
    if params.get("actor"):
        return {"actor": params["actor"]}, params["actor"], f"involving {params['actor']}"
    if params.get("side"):
        label = labels.get(params["side"], params["side"])
        return ({"side": params["side"]}, label,
                f"involving {wording.side_name(params['side'], labels)}")
    if params.get("front_districts"):
        districts = split_list(params["front_districts"])
        return ({"districts": districts, "area": ", ".join(districts)}, "The Tripoli front",
                f"in the front districts ({wording.join(districts)})")
    area = params.get("district") or params.get("area") or "Libya"
    where = wording.area_text(area)
    return {"area": area}, where[0].upper() + where[1:], f"in {where}"


def open_briefing(params: dict) -> Briefing:
    """Load the data and select the period and subject of a briefing.

    Parameters
    ----------
    params : dict
        Output of :func:`~libya_conflict.briefings.parameters.check_parameters`: ``start``,
        ``end``, ``data`` and one subject: ``area``, ``district``, ``front_districts``,
        ``side`` or ``actor``.

    Returns
    -------
    Briefing

    """
    display.setup()
    path = resolve_data(params.get("data", ""))
    table = normalise(load_table(path))
    labels = coalition_labels()
    keywords, where, subject = _subject(params, labels)
    selection = select(table, params["start"], params["end"], **keywords)
    if selection.actor and selection.actor_names != [selection.actor]:
        matched = wording.join(selection.actor_names) or "no actor in the data"
        subject = f"involving {selection.actor} (names matched: {matched})"
    # Key events of the area; a side or an actor is followed across the whole country.
    districts = None if (selection.side or selection.actor) else (
        keywords.get("districts") or area_districts(selection.area))
    window = in_window(key_events(), selection.period.start, selection.period.end, districts)
    return Briefing(params, Path(path), table, selection, where, subject, window, repo_root(),
                    labels)
