"""What the briefing notebooks call: find and load the data, then show each part of a report.

A notebook cell is a few lines calling this module: :func:`open_briefing` loads the cleaned table
and selects the period and subject; the ``show_*`` functions display one part each (banner,
headline, narrative, tables, charts, data notes, stamp). Every text from the data is escaped
here before it reaches Markdown or HTML output.
"""

from __future__ import annotations

import contextlib
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from libya_conflict import analysis, charts, keyevents, narrative, provenance
from libya_conflict.actors import coalition_labels
from libya_conflict.metadata import PLOTLY_MIMETYPE
from libya_conflict.params import ParameterError, split_list
from libya_conflict.resources import find_checkout

SAMPLE_TABLE = Path("data") / "processed" / "sample_events.parquet"
REQUIRED_COLUMNS = ("event_id", "dataset", "date", "event_type", "sub_event_type", "actor1",
                    "actor2", "coalition1", "coalition2", "civilian_targeting", "district",
                    "location", "latitude", "longitude", "fatalities", "tags")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]|~$])")
_MD_LINE_START = re.compile(r"^([#+\-=]|\d+(?=[.)]))")


# ---------------------------------------------------------------------------------------------
# Finding and loading the data
# ---------------------------------------------------------------------------------------------

def repo_root() -> Path | None:
    """Return the project checkout (the folder holding ``data/sample``), or None.

    The package's own location is tried first (an editable install lives in ``src/``), then the
    working directory and its parents, so notebooks run from ``notebooks/`` or the repository
    root alike.
    """
    return find_checkout("data/sample")


def sample_inputs(root: Path) -> list[Path]:
    """Return the bundled sample exports (ACLED, then UCDP) that exist under ``root``."""
    from libya_conflict.sample import ACLED_SAMPLE, UCDP_SAMPLE

    return [p for p in (root / "data" / "sample" / ACLED_SAMPLE,
                        root / "data" / "sample" / UCDP_SAMPLE) if p.is_file()]


def _fresh(target: Path, inputs: list[Path]) -> bool:
    from libya_conflict.outputs import output_paths

    outputs = output_paths(target)
    if not all(p.is_file() for p in outputs):
        return False
    oldest = min(p.stat().st_mtime for p in outputs)
    return all(p.stat().st_mtime <= oldest for p in inputs)


@contextlib.contextmanager
def _lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock so parallel runs clean the sample only once."""
    try:
        import fcntl
    except ImportError:  # Windows: the atomic rename alone keeps the outputs whole
        yield
        return
    with open(path, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def default_data(root: Path | None = None) -> Path:
    """Return the cleaned bundled sample, cleaning it first if it is missing or out of date.

    Parameters
    ----------
    root : Path, optional
        The project checkout (default: :func:`repo_root`).

    Returns
    -------
    Path
        ``data/processed/sample_events.parquet``, with its report and quarantine beside it,
        written atomically and never older than the sample exports.

    Raises
    ------
    ParameterError
        When no bundled sample can be found.

    """
    root = root or repo_root()
    inputs = sample_inputs(root) if root else []
    if not inputs:
        raise ParameterError("data: the bundled sample (data/sample/*.csv) was not found beside "
                             "the package or above the working directory; pass data=PATH.parquet")
    target = root / SAMPLE_TABLE
    if _fresh(target, inputs):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with _lock(target.parent / ".sample_events.lock"):
        if not _fresh(target, inputs):
            from libya_conflict.clean import clean
            from libya_conflict.outputs import write_clean_outputs

            table, report = clean(inputs)
            write_clean_outputs(table, report, target)
    return target


def resolve_data(data: str) -> Path:
    """Return the table to read: ``data`` itself, or the cleaned sample when it is ""."""
    return Path(data) if data else default_data()


def load_table(path: str | Path) -> pd.DataFrame:
    """Read a cleaned event table and check it has the columns the briefings use."""
    table = pd.read_parquet(path)
    missing = [c for c in REQUIRED_COLUMNS if c not in table.columns]
    if missing:
        raise ParameterError(f"data: {path} is not a cleaned event table (missing columns "
                             f"{', '.join(missing)}); expected PATH.parquet written by "
                             "libya-conflict clean")
    return table


def setup() -> None:
    """Make Plotly figures notebook outputs of type ``application/vnd.plotly.v1+json``.

    Figures then stay data in the executed notebook: deterministic for nbval and converted to
    HTML by the report build, never loading plotly.js from a CDN.
    """
    import os
    import sys

    if "plotly.io._renderers" in sys.modules:
        import plotly.io as pio

        pio.renderers.default = "plotly_mimetype"
    else:
        # Plotly reads this when it first loads its renderers (a figure shown by hand): loading
        # them now would cost every briefing ~0.2 s for nothing.
        os.environ["PLOTLY_RENDERER"] = "plotly_mimetype"


# ---------------------------------------------------------------------------------------------
# Escaping and display primitives
# ---------------------------------------------------------------------------------------------

def escape_html(text: object) -> str:
    """Escape text from the data for HTML output (``<``, ``>``, ``&`` and quotes)."""
    return html.escape("" if text is None else str(text), quote=True)


def escape_markdown(text: object) -> str:
    """Escape text for Markdown output: no markup, links, maths or HTML can come through.

    Line breaks become spaces (no block structure), Markdown's special characters are
    backslash-escaped, HTML's are turned into entities, and a leading ``#``, ``-``, ``+``,
    ``=`` or list number is escaped.
    """
    text = " ".join(("" if text is None else str(text)).split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = html.escape(text, quote=True)
    return _MD_LINE_START.sub(lambda m: m.group(0) + "\\" if m.group(0)[0].isdigit()
                              else "\\" + m.group(0), text)


def _display(bundle: dict) -> None:
    from IPython.display import display

    display(bundle, raw=True)


def show_markdown(markdown: str) -> None:
    """Display Markdown composed by the library (data already escaped)."""
    _display({"text/markdown": markdown, "text/plain": markdown})


def show_html(markup: str, plain: str) -> None:
    """Display HTML composed by the library (data already escaped), with a plain fallback."""
    _display({"text/html": markup, "text/plain": plain})


def show_paragraphs(paragraphs: list[str]) -> None:
    """Display plain-text paragraphs, escaped, skipping empty ones."""
    text = "\n\n".join(escape_markdown(p) for p in paragraphs if p)
    if text:
        show_markdown(text)


def show_heading(text: str, level: int = 2) -> None:
    """Display a heading (escaped)."""
    show_markdown(f"{'#' * level} {escape_markdown(text)}")


def show_figure(fig: object) -> None:
    """Display a Plotly figure as ``application/vnd.plotly.v1+json`` (no HTML, no CDN).

    The output is the bundle of Plotly's ``plotly_mimetype`` renderer, made directly: going
    through ``plotly.io.show`` loads every renderer (and nbformat) on the first chart, ~0.25 s.
    """
    import plotly.io as pio

    figure = fig.to_dict() if hasattr(fig, "to_dict") else dict(fig)
    text = pio.to_json(figure, validate=False, remove_uids=False)
    _display({PLOTLY_MIMETYPE: json.loads(text)})


def show_banner(synthetic: bool) -> None:
    """Display the sample-data warning when the data hold synthetic events."""
    if not synthetic:
        return
    text = provenance.SAMPLE_BANNER
    show_html(f'<div class="lc-sample-banner" role="note" style="border:2px solid #B4231B;'
              f'color:#B4231B;background:#FDF1F0;padding:0.6em 1em;font-weight:bold;'
              f'margin:0.5em 0">\u26a0 {text}</div>', text)


def html_table(frame: pd.DataFrame, css_class: str = "lc-table") -> str:
    """Render a frame as an HTML table, every cell escaped."""
    head = "".join(f"<th>{escape_html(c)}</th>" for c in frame.columns)
    body = "".join("<tr>" + "".join(f"<td>{escape_html(v)}</td>" for v in row) + "</tr>"
                   for row in frame.astype(object).itertuples(index=False))
    return (f'<table class="{css_class}" style="border-collapse:collapse;text-align:left">'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def show_table(frame: pd.DataFrame, caption: str, empty: str = "Nothing to show.") -> None:
    """Display a table (cells escaped) with a caption in plain words."""
    if frame.empty:
        show_paragraphs([empty])
        return
    show_html(f'<p class="lc-caption">{escape_html(caption)}</p>{html_table(frame)}',
              f"{caption} ({len(frame)} rows)")


# ---------------------------------------------------------------------------------------------
# A briefing: data, selection and chart context
# ---------------------------------------------------------------------------------------------

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
    selection : analysis.Selection
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
    selection: analysis.Selection
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
        return analysis.headline(self.selection)

    @property
    def ctx(self) -> charts.ChartContext:
        """Return the context shared by the charts."""
        return self.context()

    def context(self, step: str = "") -> charts.ChartContext:
        """Return the chart context, with a time step (``day``, ``week``, ``month``) if given."""
        return charts.ChartContext(self.selection.period, self.where, self.selection.dataset,
                                   self.synthetic, self.key_events, step)

    @property
    def period_text(self) -> str:
        """Return the period for titles."""
        p = self.selection.period
        return narrative.period_text(p.start, p.end)


def _subject(params: dict, labels: dict[str, str]) -> tuple[dict, str, str]:
    """Return select() keywords, the subject for titles and the subject for sentences."""
    if params.get("actor"):
        return {"actor": params["actor"]}, params["actor"], f"involving {params['actor']}"
    if params.get("side"):
        label = labels.get(params["side"], params["side"])
        return ({"side": params["side"]}, label,
                f"involving {narrative.side_name(params['side'], labels)}")
    if params.get("front_districts"):
        districts = split_list(params["front_districts"])
        return ({"districts": districts, "area": ", ".join(districts)}, "The Tripoli front",
                f"in the front districts ({narrative.join(districts)})")
    area = params.get("district") or params.get("area") or "Libya"
    where = narrative.area_text(area)
    return {"area": area}, where[0].upper() + where[1:], f"in {where}"


def open_briefing(params: dict) -> Briefing:
    """Load the data and select the period and subject of a briefing.

    Parameters
    ----------
    params : dict
        Output of :func:`libya_conflict.params.check_parameters`: ``start``, ``end``, ``data``
        and one subject: ``area``, ``district``, ``front_districts``, ``side`` or ``actor``.

    Returns
    -------
    Briefing

    """
    setup()
    path = resolve_data(params.get("data", ""))
    table = analysis.normalise(load_table(path))
    labels = coalition_labels()
    keywords, where, subject = _subject(params, labels)
    selection = analysis.select(table, params["start"], params["end"], **keywords)
    if selection.actor and selection.actor_names != [selection.actor]:
        matched = narrative.join(selection.actor_names) or "no actor in the data"
        subject = f"involving {selection.actor} (names matched: {matched})"
    # Key events of the area; a side or an actor is followed across the whole country.
    districts = None if (selection.side or selection.actor) else (
        keywords.get("districts") or analysis.area_districts(selection.area))
    window = keyevents.in_window(keyevents.key_events(), selection.period.start,
                                 selection.period.end, districts)
    return Briefing(params, Path(path), table, selection, where, subject, window, repo_root(),
                    labels)


# ---------------------------------------------------------------------------------------------
# Parts of a briefing
# ---------------------------------------------------------------------------------------------

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
    show_banner(b.synthetic)
    where = f"{b.where}, " if with_place else ""
    title = b.params.get("title") or f"{kind}: {where}{b.period_text}"
    ds = narrative.DATASET_NAMES.get(b.selection.dataset, b.selection.dataset)
    show_markdown(f"# {escape_markdown(title)}\n\n"
                  f"{escape_markdown(f'Events recorded by {ds} {b.subject}, {b.period_text}.')}")


def _change_html(now: int, before: int | None) -> str:
    return escape_html(narrative.change(now, before))


def show_headline(b: Briefing) -> None:
    """Display the headline figures as cards, and record them as a headline output.

    The output carries the figures under ``application/vnd.libya-conflict.headline+json``,
    which the papermill engine copies into the notebook's metadata.
    """
    h = b.headline
    ds = narrative.DATASET_NAMES.get(h["dataset"], h["dataset"])
    cards = [(h["events"], f"events ({ds})", _change_html(h["events"], h["previous_events"])),
             (h["fatalities"], "reported fatalities",
              _change_html(h["fatalities"], h["previous_fatalities"])),
             (h["civilian_targeting_events"], "events targeting civilians",
              _change_html(h["civilian_targeting_events"],
                           h["previous_civilian_targeting_events"]))]
    markup = "".join(
        f'<div class="lc-figure" style="flex:1;min-width:10em;border-left:4px solid #0072B2;'
        f'padding:0.3em 0.8em"><div class="lc-value" style="font-size:1.8em;font-weight:bold">'
        f'{narrative.number(value)}</div><div class="lc-label">{escape_html(label)}</div>'
        f'<div class="lc-change" style="color:#555">{change}</div></div>'
        for value, label, change in cards)
    note = narrative.comparison(h) if h["events"] or h["previous_events"] else ""
    others = [f"{narrative.DATASET_NAMES[d]}: {narrative.count(v['events'], 'event')}, "
              f"{narrative.count(v['fatalities'], 'fatality', 'fatalities')}"
              for d, v in h["by_dataset"].items() if d != h["dataset"]]
    if others:
        note += f" Counted separately, never added: {'; '.join(others)}."
    _display({provenance.HEADLINE_MIMETYPE: h,
              "text/html": f'<div class="lc-headline" style="display:flex;gap:1em;'
                           f'flex-wrap:wrap">{markup}</div>'
                           f'<p class="lc-headline-note">{escape_html(note.strip())}</p>',
              "text/plain": f"{narrative.count(h['events'], 'event')} ({ds}), "
                            f"{narrative.deaths(h['fatalities'])}, "
                            f"{narrative.count(h['civilian_targeting_events'], 'event')} "
                            f"targeting civilians. {note.strip()}"})


def summary_paragraphs(b: Briefing, place_column: str = "district") -> list[str]:
    """Return the narrative: what happened, where, who, civilian harm, changes, datasets."""
    ev, h = b.events, b.headline
    remote = analysis.remote_violence(ev)
    before = b.selection.previous_events
    paragraphs = [
        narrative.overview(h, analysis.count_by(ev, "event_type"), b.subject),
        narrative.where(analysis.count_by(_with_place(ev), place_column), len(ev), place_column),
        _who(b),
        narrative.civilians(h, analysis.civilian_harm(ev), b.labels, len(remote),
                            int(remote["fatalities"].sum())),
    ]
    if before is not None and (len(ev) or len(before)):
        paragraphs.append(narrative.notable_changes(
            analysis.compare_counts(_with_place(ev), _with_place(before), place_column),
            analysis.compare_counts(ev, before, "event_type"), place_column))
    paragraphs.append(narrative.datasets_side_by_side(h["by_dataset"], h["dataset"]))
    return [p for p in paragraphs if p]


def _who(b: Briefing) -> str:
    """Say who took part; for a side or an actor, whom it faced."""
    ev, sel = b.events, b.selection
    if sel.side or sel.actor:
        counts = analysis.counterparts(ev, sel.side, sel.actor_names)
        subject = (narrative.side_name(sel.side, b.labels) if sel.side
                   else narrative.join(sel.actor_names) or sel.actor)
        return narrative.counterparts(counts, subject, len(ev), b.labels if sel.side else None)
    actors = analysis.actor_activity(ev).head(3) if len(ev) else None
    return narrative.who(analysis.side_activity(ev), len(ev), b.labels, actors)


def _with_place(events: pd.DataFrame) -> pd.DataFrame:
    return events.assign(place=events["location"].where(events["location"].ne(""),
                                                        events["district"]))


def show_summary(b: Briefing, place_column: str = "district") -> None:
    """Display the narrative paragraphs."""
    show_paragraphs(summary_paragraphs(b, place_column))


def significant_events_table(b: Briefing, top: int = 8) -> pd.DataFrame:
    """Return the significant-events table as shown: date, place, fatalities, what happened."""
    table = analysis.significant_events(b.events, b.key_events, top)
    kinds = {"documented": "Documented key event", "deadliest": "Among the deadliest",
             "context": "Context (not an event in the data)"}
    return pd.DataFrame({
        "Date": [narrative.date_text(d) for d in table["date"]],
        "Place": [f"{p} ({d})" if d and d not in p else (p or "\u2014")
                  for p, d in zip(table["place"], table["district"], strict=True)],
        "Reported fatalities": ["\u2014" if pd.isna(f) else narrative.number(f)
                                for f in table["fatalities"]],
        "What happened": table["description"].tolist(),
        "Why listed": [kinds[k] for k in table["kind"]],
    })


def show_significant_events(b: Briefing, top: int = 8) -> None:
    """Display the most significant events of the period (escaped)."""
    ds = narrative.DATASET_NAMES.get(b.selection.dataset, b.selection.dataset)
    show_table(significant_events_table(b, top),
               f"The {top} deadliest {ds} events and the documented key events of the period, "
               "by date. Descriptions of documented events follow public reporting "
               "(key_events.csv); the others are the dataset's own notes.",
               "No significant events: nothing was recorded in this period." if b.events.empty
               else "No event of this period reported fatalities, and no documented key event "
                    "falls in it.")


def show_datasets(b: Briefing) -> None:
    """Display ACLED and UCDP side by side when the data hold both (never summed)."""
    present = b.selection.datasets
    if len(present) < 2:
        only = narrative.DATASET_NAMES.get(present[0], present[0]) if present else "no"
        show_paragraphs([f"This data file holds {only} events only, so there is no second "
                         "dataset to compare with."])
        return
    show_paragraphs([narrative.datasets_side_by_side(b.headline["by_dataset"],
                                                     b.headline["dataset"])])
    show_figure(charts.fatalities_by_dataset(b.selection.in_period(), b.ctx))


def data_notes(b: Briefing) -> list[str]:
    """Return the data notes: sources, counting rules, precision, fatalities, sides."""
    ds = b.selection.dataset
    name = narrative.DATASET_NAMES.get(ds, ds)
    vintage = provenance.data_vintage(b.table)
    present = narrative.join([narrative.DATASET_NAMES[d] for d in b.selection.datasets])
    ev = b.events
    unknown = int((ev["coalition1"].eq("unknown") | ev["coalition2"].eq("unknown")).sum())
    notes = [
        f"Sources: {present or 'no'} events from {b.data_file.name} (newest event "
        f"{vintage['newest_event_date'] or 'none'}). Headline figures, the narrative and most "
        f"charts count {name} events only; ACLED and UCDP GED count differently and are "
        "never added together.",
        "Events are counted on their (first) reported date and in the district where the "
        "dataset placed them.",
        narrative.precision_note(analysis.precision(ev), ds),
        narrative.FATALITIES_CAVEAT,
        "Sides come from the project's actor crosswalk, for the date of each event; "
        + (f"{narrative.amount(unknown, len(ev))} {'event has' if unknown == 1 else 'events have'}"
           if unknown else "no event has")
        + " an actor the crosswalk does not know yet (side \u201cUnknown\u201d).",
    ]
    if b.synthetic:
        notes.append("This file includes synthetic events generated for testing the software "
                     "(tagged synthetic) beside documented events that follow public reporting "
                     "(tagged documented). Do not use its figures for analysis.")
    return notes


def show_data_notes(b: Briefing) -> None:
    """Display the data notes."""
    show_paragraphs(data_notes(b))


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
                 "by the news agencies and UN bodies named in key_events.csv.")


def show_attribution(b: Briefing | None = None, datasets: list[str] | None = None) -> None:
    """Display the credits and citations of the datasets the report uses."""
    datasets = datasets or (b.selection.datasets if b else list(ATTRIBUTION))
    show_paragraphs([ATTRIBUTION[d] for d in datasets if d in ATTRIBUTION] + [OTHER_CREDITS])


def show_stamp(params: dict, data_file: Path, table: pd.DataFrame) -> None:
    """Display the provenance stamp and record it as a stamp output.

    The cell calling this must carry ``# NBVAL_IGNORE_OUTPUT``: it shows the time of the run.
    """
    stamp = provenance.stamp(params, data_file, table, repo_root())
    vintage = stamp["data_vintage"]
    shown = {k: v for k, v in stamp["parameters"].items() if v != ""}
    text = (f"Parameters: {json.dumps(shown, ensure_ascii=False)}. Data: {Path(data_file).name}, "
            f"SHA-256 {stamp['data_sha256'][:16]}\u2026; newest event "
            f"{vintage['newest_event_date']}, newest record update "
            f"{vintage['newest_timestamp'] or 'not given'}. libya-conflict "
            f"{stamp['package_version']}, commit {stamp['git_commit'] or 'unknown'}. "
            f"Run at {stamp['run_at']}.")
    _display({provenance.STAMP_MIMETYPE: stamp,
              "text/html": f'<p class="lc-stamp" style="font-size:0.85em;color:#555">'
                           f"{escape_html(text)}</p>",
              "text/plain": text})


def show_briefing_stamp(b: Briefing) -> None:
    """Display the stamp of a briefing (see :func:`show_stamp`)."""
    show_stamp(b.params, b.data_file, b.table)


# ---------------------------------------------------------------------------------------------
# The war on Tripoli
# ---------------------------------------------------------------------------------------------

def phases_table(b: Briefing) -> pd.DataFrame:
    """Return the phases of the war on Tripoli with their figures (headline dataset)."""
    p = b.selection.period
    return analysis.phase_table(b.events, keyevents.phases(p.start, p.end))


def show_phases(b: Briefing) -> None:
    """Display the phases of the war: a table of figures and a paragraph for each."""
    table = phases_table(b)
    shown = pd.DataFrame({
        "Phase": table["phase"],
        "Dates": [narrative.period_text(s, e) for s, e in zip(table["start"], table["end"],
                                                               strict=True)],
        "Days": table["days"], "Events": table["events"],
        "Events a day": table["events_per_day"].map("{:.1f}".format),
        "Reported fatalities": table["fatalities"],
        "Targeting civilians": table["civilian_targeting_events"],
        "Air/drone strikes and shelling": table["remote_violence_events"],
        "Median km of clashes from central Tripoli": table["median_clash_km"].map(
            lambda km: "—" if pd.isna(km) else f"{km:.0f}"),
    })
    ds = narrative.DATASET_NAMES.get(b.selection.dataset, b.selection.dataset)
    show_table(shown, f"The phases of the war, separated by documented key events ({ds} events "
               "in the front districts).", "The period holds no phase of the war.")
    show_paragraphs([narrative.phase_paragraph(row) for row in table.to_dict("records")])


def show_front(b: Briefing) -> None:
    """Display how far the fighting was from central Tripoli, phase by phase and week by week."""
    show_paragraphs([narrative.front_summary(phases_table(b))])
    show_figure(charts.front_distance(b.events, b.ctx))


def show_shelling(b: Briefing) -> None:
    """Display what shelling and air/drone strikes did, to whom and by whom."""
    show_paragraphs([narrative.remote_violence(analysis.remote_violence_summary(b.events),
                                               b.labels)])


def show_foreign(b: Briefing) -> None:
    """Display the involvement of foreign forces on each side."""
    show_paragraphs([narrative.foreign(analysis.foreign_involvement(b.events), b.labels)])
    show_figure(charts.foreign_over_time(b.events, b.context("month")))


# ---------------------------------------------------------------------------------------------
# Data quality: the cleaning report made readable
# ---------------------------------------------------------------------------------------------

@dataclass
class Quality:
    """A cleaned table with its cleaning report and quarantine.

    Attributes
    ----------
    params : dict
        Validated parameters.
    data_file : Path
        The cleaned table.
    table : pandas.DataFrame
        The table, normalised.
    report : dict or None
        ``PATH.report.json``, if present.
    quarantine : pandas.DataFrame or None
        ``PATH.quarantine.csv``, if present.

    """

    params: dict
    data_file: Path
    table: pd.DataFrame
    report: dict | None
    quarantine: pd.DataFrame | None

    @cached_property
    def synthetic(self) -> bool:
        """Tell whether the data hold synthetic (sample) events."""
        return provenance.is_synthetic(self.table)

    @property
    def datasets(self) -> list[str]:
        """Return the datasets in the table, ACLED first."""
        present = set(self.table["dataset"])
        return [d for d in analysis.DATASETS if d in present]

    @property
    def period(self) -> analysis.Period:
        """Return the first to the last event date (today's date when the table is empty)."""
        if self.table.empty:
            today = pd.Timestamp("today").normalize()
            return analysis.Period(today, today)
        return analysis.Period.of(self.table["date"].min(), self.table["date"].max())

    @property
    def ctx(self) -> charts.ChartContext:
        """Return a chart context covering the whole table."""
        period = self.period
        dataset = analysis.headline_dataset(self.table, period) if len(self.table) else "acled"
        return charts.ChartContext(period, "all events in the file", dataset, self.synthetic)


def open_quality(params: dict) -> Quality:
    """Load a cleaned table with the report and quarantine written beside it."""
    setup()
    path = Path(resolve_data(params.get("data", "")))
    table = analysis.normalise(load_table(path))
    report, quarantine = provenance.read_cleaning_report(path)
    return Quality(params, path, table, report, quarantine)


def show_quality_title(q: Quality) -> None:
    """Display the banner and the title of the data-quality report."""
    show_banner(q.synthetic)
    title = q.params.get("title") or f"Data quality: {q.data_file.name}"
    lead = (f"What happened to every row on its way into {q.data_file.name}, and what to add to "
            "the crosswalks next.")
    if q.report is None:
        lead += (" No cleaning report was found beside this file (PATH.report.json): clean the "
                 "exports again with libya-conflict clean to get one; the sections below use the "
                 "table alone where they can.")
    show_markdown(f"# {escape_markdown(title)}\n\n{escape_markdown(lead)}")


def quality_headline(q: Quality) -> dict:
    """Return the headline figures of the data-quality report (the whole file)."""
    period = q.period
    sel = analysis.select(q.table, *period.as_dict().values())
    h = analysis.headline(sel)
    counts = (q.report or {}).get("counts", {})
    h.update({"rows_read": counts.get("read"), "rows_kept": len(q.table),
              "quarantined": counts.get("quarantined"), "duplicates": counts.get("duplicates"),
              "deleted": counts.get("deleted"),
              "balanced": (q.report or {}).get("balanced")})
    return h


def show_quality_headline(q: Quality) -> None:
    """Display the rows read, kept and set aside, and record the headline output."""
    h = quality_headline(q)
    cards = [("rows read", h["rows_read"]), ("events kept", h["rows_kept"]),
             ("rows quarantined", h["quarantined"]), ("duplicates dropped", h["duplicates"])]
    dash = "\u2014"
    markup = "".join(
        f'<div class="lc-figure" style="flex:1;min-width:9em;border-left:4px solid #0072B2;'
        f'padding:0.3em 0.8em"><div class="lc-value" style="font-size:1.6em;font-weight:bold">'
        f'{dash if v is None else narrative.number(v)}</div>'
        f'<div class="lc-label">{escape_html(label)}</div></div>' for label, v in cards)
    _display({provenance.HEADLINE_MIMETYPE: h,
              "text/html": f'<div class="lc-headline" style="display:flex;gap:1em;'
                           f'flex-wrap:wrap">{markup}</div>',
              "text/plain": "; ".join(f"{label}: {'-' if v is None else v}"
                                      for label, v in cards)})


def show_accounting(q: Quality) -> None:
    """Display where every row went, and what each input file was."""
    if q.report is None:
        show_paragraphs([f"The table holds {narrative.count(len(q.table), 'event')}; without "
                         "the cleaning report the rows set aside cannot be counted."])
        return
    show_paragraphs([narrative.accounting(q.report["counts"], q.report.get("balanced", False))])
    show_table(provenance.accounting_table(q.report), "Where the rows went: read = kept + "
               "other countries + quarantined + duplicates + deleted.")
    show_table(provenance.files_table(q.report), "The input files, as read: layout, text "
               "encoding and date format detected for each.")


def show_quarantine(q: Quality, per_reason: int = 2) -> None:
    """Display the quarantine: reasons with counts, and examples of each."""
    reasons = (q.report or {}).get("quarantine_reasons", {})
    if q.report is None and q.quarantine is None:
        show_paragraphs(["No quarantine file was found beside the table."])
        return
    if not reasons and (q.quarantine is None or q.quarantine.empty):
        show_paragraphs(["No row was quarantined: every row had an id, a valid date, "
                         "fatalities and a place."])
        return
    total = sum(reasons.values())
    listed = narrative.join([f"{k.replace('_', ' ')} ({narrative.number(v)})"
                             for k, v in sorted(reasons.items(), key=lambda kv: -kv[1])])
    show_paragraphs([f"{narrative.count(total, 'row').capitalize()} could not be trusted and "
                     f"{'was' if total == 1 else 'were'} set aside: {listed}. Each is in "
                     f"{q.data_file.stem}.quarantine.csv with its file, row number and "
                     "original values; fix the export or the crosswalk and clean again."])
    show_table(provenance.quarantine_examples(q.quarantine, per_reason),
               f"Examples: up to {per_reason} quarantined rows per reason, as read.",
               "The quarantine file is missing, so no examples can be shown.")


def show_duplicates(q: Quality) -> None:
    """Display duplicates dropped, re-coded events and deletions."""
    if q.report is None:
        show_paragraphs(["Without the cleaning report, duplicates and deletions are unknown."])
        return
    dup = q.report.get("duplicates", {})
    counts = q.report["counts"]
    updated = narrative.count(q.report.get("updated_events", 0), "event")
    show_paragraphs([
        f"{narrative.count(dup.get('exact', 0), 'row').capitalize()} repeated another row "
        f"exactly (for example from overlapping exports) and "
        f"{narrative.count(dup.get('superseded', 0), 'row')} "
        f"{'was an older version' if dup.get('superseded', 0) == 1 else 'were older versions'}"
        f" of events that ACLED re-coded later ({updated} updated); the newest version was kept.",
        f"{narrative.count(counts.get('deleted', 0), 'event').capitalize()} "
        f"{'was' if counts.get('deleted', 0) == 1 else 'were'} removed because ACLED's "
        "deletions file lists them.",
    ])


def show_crosswalk_gaps(q: Quality) -> None:
    """Display the actor, place and event-type names the crosswalks did not know."""
    report = q.report or {}
    unknown_rows = int((q.table["coalition1"].eq("unknown")
                        | q.table["coalition2"].eq("unknown")).sum())
    actors = report.get("unknown_actors", {})
    places = report.get("unplaced_places", {})
    types = report.get("unknown_event_types", {})
    show_paragraphs([
        f"{narrative.count(unknown_rows, 'event').capitalize()} in the table "
        f"{'has' if unknown_rows == 1 else 'have'} an actor whose side is unknown; the report "
        f"lists {narrative.count(len(actors), 'actor name')} missing from the crosswalk, "
        f"{narrative.count(len(places), 'place name')} that matched no district alias or known "
        f"place, and {narrative.count(len(types), 'unknown event type')}. Add the most frequent "
        "first, with a source, and clean again.",
    ])
    show_table(provenance.name_counts(actors, "data/actors.yaml"),
               "Actor names not in the crosswalk (side \u201cUnknown\u201d), most rows first.",
               "Every actor name is in the crosswalk.")
    show_table(provenance.name_counts(places, "data/district_aliases.csv or data/places.csv"),
               "Place names that matched no alias or known place (placed by coordinates, or "
               "quarantined).", "Every place name matched an alias or a known place.")
    if types:
        show_table(provenance.name_counts(types, "data/event_types.yaml"),
                   "Event types the taxonomy does not know.")


def show_placement(q: Quality) -> None:
    """Display how events were placed in districts, and coordinates outside Libya."""
    report = q.report or {}
    placement = report.get("placement") or q.table["placed_by"].value_counts().to_dict()
    outside = report.get("coords_outside_libya", 0)
    total = sum(placement.values())
    by_name = sum(v for k, v in placement.items() if k != "coordinates")
    named = (f"All {narrative.count(total, 'event')} were" if by_name == total and total > 1
             else f"{narrative.amount(by_name, total).capitalize()} of the "
                  f"{narrative.count(total, 'event')} {'was' if by_name == 1 else 'were'}")
    show_paragraphs([
        f"{named} placed in a district by name (the column named in the chart matched a "
        f"district alias or a known place); {narrative.amount(total - by_name, total)} by the "
        "nearest known place to their coordinates. "
        f"{narrative.count(outside, 'event').capitalize()} had coordinates outside Libya, which "
        "never place an event.",
    ])
    show_figure(charts.counts_bar({str(k): int(v) for k, v in placement.items()}, q.ctx,
                                  "Events by the column that placed them in a district",
                                  f"{named} placed by name", "No events to place"))


def show_precision(q: Quality) -> None:
    """Display how precisely events are dated and located, per dataset."""
    show_figure(charts.precision_bars(q.table, q.ctx, "date_precision"))
    show_figure(charts.precision_bars(q.table, q.ctx, "geo_precision"))


def coverage_table(q: Quality) -> pd.DataFrame:
    """Return events per dataset and year, with first and last dates."""
    if q.table.empty:
        return pd.DataFrame()
    frame = q.table.assign(year=q.table["date"].dt.year)
    rows = []
    for (ds, year), part in frame.groupby(["dataset", "year"], sort=True):
        rows.append({"Dataset": narrative.DATASET_NAMES.get(ds, ds), "Year": int(year),
                     "Events": f"{len(part):,}",
                     "Reported fatalities": f"{int(part['fatalities'].sum()):,}",
                     "First event": part["date"].min().date().isoformat(),
                     "Last event": part["date"].max().date().isoformat()})
    return pd.DataFrame(rows)


def show_coverage(q: Quality) -> None:
    """Display what the table covers, per dataset and year (never summed across datasets)."""
    show_table(coverage_table(q), "Events and reported fatalities per dataset and year; the "
               "datasets count differently and are not added together.",
               "The table holds no events.")


def show_quality_stamp(q: Quality) -> None:
    """Display the stamp of the data-quality report (see :func:`show_stamp`)."""
    show_stamp(q.params, q.data_file, q.table)
