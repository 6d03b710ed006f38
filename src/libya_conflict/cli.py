"""The ``libya-conflict`` command: clean, sample, fetch, build, export and schedule.

Every error the project raises on purpose is printed as one line and mapped to its exit status
here, in one place (:mod:`libya_conflict.errors`): 2 for input that cannot be used, 1 for a
briefing that failed (its previous report is kept), 75 when another schedule holds the reports
folder. Nothing is written unless everything succeeded.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import libya_conflict
from libya_conflict.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, LibyaConflictError

FORMAT_CHOICES = ("html", "pdf", "ipynb")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``libya-conflict`` command."""
    parser = argparse.ArgumentParser(
        prog="libya-conflict",
        description="Clean ACLED and UCDP GED exports about Libya and build briefings.")
    parser.add_argument("--version", action="version",
                        version=f"%(prog)s {libya_conflict.__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    sub = parser.add_subparsers(dest="command", required=True)

    clean = sub.add_parser("clean", help="clean exports into one Parquet event table",
                           description="Clean ACLED/UCDP exports into PATH.parquet, with "
                           "PATH.report.json and PATH.quarantine.csv beside it.")
    clean.add_argument("inputs", nargs="+", type=Path, metavar="INPUT",
                       help="ACLED or UCDP export files (CSV, .xlsx, saved ACLED API JSON)")
    clean.add_argument("--deletions", type=Path, help="ACLED deletions file")
    clean.add_argument("--country", default="Libya",
                       help="country to keep: a name as ACLED or UCDP write it, an English "
                       "name, an ISO alpha-3 code or ACLED's numeric code (default: Libya)")
    clean.add_argument("--out", type=Path, default=Path("data/processed/events.parquet"),
                       help="output table (default: data/processed/events.parquet)")
    clean.add_argument("--no-cache", action="store_true",
                       help="scan every file again instead of using the cache of earlier "
                       "scans (in OUT's folder, .cache/)")
    clean.add_argument("--engine", choices=["auto", "pandas", "duckdb"], default="auto",
                       help=argparse.SUPPRESS)
    clean.set_defaults(func=run_clean)

    sample = sub.add_parser("sample", help="write the synthetic sample exports")
    sample.add_argument("--out", type=Path, default=Path("data/sample"))
    sample.add_argument("--dirty", action="store_true",
                        help="also write a dirty variant with injected defects and a manifest")
    sample.add_argument("--rows", type=int, help="write a large multi-country export instead")
    sample.add_argument("--countries", type=int, default=20,
                        help="countries in the large export (default 20)")
    sample.set_defaults(func=run_sample)
    add_fetch_parser(sub)
    add_publishing_parsers(sub)
    return parser


def run_clean(args: argparse.Namespace) -> int:
    """Run ``libya-conflict clean``."""
    from libya_conflict.reading import scan
    from libya_conflict.reading.cache import cache_folder, is_cached
    from libya_conflict.reference.countries import resolve_country

    country = resolve_country(args.country)
    folder = None if args.no_cache else cache_folder(args.out)
    # Large files start scanning now, while pandas and pandera are imported below; files the
    # cache holds are not scanned at all.
    scan.prefetch([p for p in args.inputs if folder is None or not is_cached(p, country, folder)],
                  country, args.engine)
    from libya_conflict.cleaning.outputs import write_clean_outputs
    from libya_conflict.cleaning.pipeline import clean

    table, report = clean(args.inputs, deletions=args.deletions, country=country,
                          engine=args.engine, cache_dir=folder)
    report.country = args.country
    paths = write_clean_outputs(table, report, args.out)
    print(report.summary())
    print("wrote " + ", ".join(str(p) for p in paths))
    return 0


def run_sample(args: argparse.Namespace) -> int:
    """Run ``libya-conflict sample``."""
    from libya_conflict import sample

    if args.rows:
        path = args.out if args.out.suffix == ".csv" else args.out / "acled_large_export.csv"
        written = [sample.write_large_export(path, rows=args.rows, countries=args.countries)]
    else:
        written = sample.write_sample(args.out, dirty=args.dirty)
    print("wrote " + ", ".join(str(p) for p in written))
    return 0


def add_fetch_parser(subparsers: argparse._SubParsersAction) -> None:
    """Add ``fetch acled`` and ``fetch ucdp`` to the ``libya-conflict`` parser."""
    fetch = subparsers.add_parser(
        "fetch", help="fetch events from ACLED's or UCDP's API into data/raw",
        description="Fetch events into a CSV that clean reads, with OUT.fetch.json beside it; "
        "a failed fetch leaves the previous file as it was.")
    sources = fetch.add_subparsers(dest="source", required=True)
    acled = sources.add_parser(
        "acled", help="ACLED's API (ACLED_EMAIL, ACLED_PASSWORD)",
        description="Fetch ACLED events (OAuth login with ACLED_EMAIL and ACLED_PASSWORD) into "
        "ACLED's current 31-column layout; --update merges re-coded, new and deleted events.")
    acled.add_argument("--country", action="append", metavar="NAME",
                       help="country, in any spelling (repeatable; default: the previous "
                       "fetch's, else Libya)")
    acled.add_argument("--start", type=_iso_date, help="first event date, YYYY-MM-DD")
    acled.add_argument("--end", type=_iso_date, help="last event date, YYYY-MM-DD")
    acled.add_argument("--page-size", type=_positive, metavar="N",
                       help="rows per page (default 5000)")
    acled.add_argument("--out", type=Path, help="CSV to write (default: "
                       "data/raw/acled_<country>.csv)")
    acled.add_argument("--update", action="store_true",
                       help="update OUT: events changed since its newest timestamp, deletions "
                       "dropped (OUT.deletions.csv beside it)")
    ucdp = sources.add_parser(
        "ucdp", help="UCDP's GED API (UCDP_ACCESS_TOKEN) or a release's CSV zip",
        description="Fetch UCDP GED events of one country (by its Gleditsch-Ward code) into "
        "the GED CSV layout.")
    ucdp.add_argument("--country", default="Libya", metavar="NAME",
                      help="country, in any spelling (default: Libya)")
    ucdp.add_argument("--version", dest="ged_version", default="25.1", metavar="VERSION",
                      help="GED version, e.g. 25.1, or a candidate such as 26.0.8")
    ucdp.add_argument("--out", type=Path, help="CSV to write (default: "
                      "data/raw/ucdp_<country>.csv)")
    ucdp.add_argument("--download", metavar="URL",
                      help="read a release's CSV zip from URL instead of the API (no token)")
    for source in (acled, ucdp):
        _add_progress_options(source)
    fetch.set_defaults(func=run_fetch)


def _add_progress_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--progress`` / ``--no-progress`` (default: a bar on a terminal only)."""
    bar = parser.add_mutually_exclusive_group()
    bar.add_argument("--progress", dest="progress", action="store_true", default=None,
                     help="always show a progress bar")
    bar.add_argument("--no-progress", dest="progress", action="store_false",
                     help="plain log lines even on a terminal")


def _iso_date(text: str) -> str:
    import datetime as dt

    try:
        if len(text) != 10:
            raise ValueError(text)
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None


def run_fetch(args: argparse.Namespace) -> int:
    """Run ``libya-conflict fetch acled|ucdp``."""
    if args.source == "acled":
        from libya_conflict.fetch.acled import fetch_acled

        result = fetch_acled(args.country, start=args.start, end=args.end,
                             page_size=args.page_size, out=args.out, update=args.update,
                             progress=args.progress)
    else:
        from libya_conflict.fetch.ucdp import fetch_ucdp

        result = fetch_ucdp(args.country, version=args.ged_version, out=args.out,
                            download=args.download, progress=args.progress)
    print(result.summary())
    return EXIT_OK


def formats_arg(text: str) -> tuple[str, ...]:
    """Parse ``--formats html,pdf`` into a tuple, rejecting unknown formats."""
    items = tuple(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    unknown = [f for f in items if f not in FORMAT_CHOICES]
    if unknown or not items:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(unknown) or '(none)'}; valid: {', '.join(FORMAT_CHOICES)}")
    return items


def add_publishing_parsers(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``build`` and ``schedule`` subcommands to the ``libya-conflict`` parser."""
    build = subparsers.add_parser(
        "build", help="run one briefing notebook and publish it as HTML and PDF",
        description="Validate the parameters, run NOTEBOOK with papermill, and write "
        "OUT/<notebook>/<slug>.ipynb, .html and .pdf (all or none).")
    build.add_argument("notebook", metavar="NOTEBOOK",
                       help="a name in notebooks/ (e.g. situation_briefing) or a path")
    build.add_argument("-p", "--parameter", nargs=2, action="append", default=[],
                       metavar=("NAME", "VALUE"), help="a parameter (repeatable)")
    build.add_argument("-f", "--parameters-file", type=Path, metavar="PARAMS.yaml",
                       help="parameters from a YAML mapping (-p values win)")
    _add_report_options(build, "the .ipynb is always written")
    build.add_argument("--kernel", default="python3", help="Jupyter kernel (default: python3)")
    build.set_defaults(func=run_build)

    export = subparsers.add_parser(
        "export", help="publish notebooks executed elsewhere (papermill, Airflow) as build does",
        description="Publish executed notebooks (papermill's output, say) as HTML and PDF: "
        "OUT/<notebook>/<slug>.ipynb, .html and .pdf, all or none, named as build names them.")
    export.add_argument("notebooks", nargs="+", type=Path, metavar="NOTEBOOK.ipynb",
                        help="executed notebooks")
    _add_report_options(export, "the .ipynb, with its headline and stamp, is always written")
    export.set_defaults(func=run_export)

    schedule = subparsers.add_parser(
        "schedule", help="build every configured briefing that changed, then the index",
        description="Expand the schedule into briefings, skip those whose inputs are "
        "unchanged, build the others, and write OUT/index.html and OUT/index.json.")
    schedule.add_argument("config", nargs="?", type=Path,
                          default=Path("config") / "briefings.yaml",
                          help="schedule file (default: config/briefings.yaml)")
    schedule.add_argument("--jobs", "-j", type=_positive, metavar="N",
                          help="briefings built at a time (default: the schedule's jobs, or 1)")
    schedule.add_argument("--force", action="store_true",
                          help="rebuild every briefing, changed or not")
    schedule.add_argument("--out", type=Path, help="reports folder (default: the schedule's)")
    schedule.add_argument("--formats", type=formats_arg,
                          help="override the schedule's formats (comma-separated)")
    schedule.add_argument("--kernel", default="python3", help="Jupyter kernel (default: python3)")
    schedule.add_argument("--cluster", metavar="tcp://HOST:PORT",
                          help="build on the workers of this Dask scheduler (default: the "
                          "schedule's cluster, else this machine)")
    _add_progress_options(schedule)
    schedule.set_defaults(func=run_schedule_command)


def _add_report_options(parser: argparse.ArgumentParser, ipynb: str) -> None:
    parser.add_argument("--formats", type=formats_arg, default=("html", "pdf"),
                        help=f"comma-separated: html, pdf ({ipynb}; default html,pdf)")
    parser.add_argument("--out", type=Path, default=Path("reports"),
                        help="reports folder (default: reports)")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def given_parameters(args: argparse.Namespace) -> dict:
    """Merge ``-f`` and ``-p`` parameters (``-p`` wins); ``-p`` values stay text."""
    from libya_conflict.publishing.notebook_files import read_parameters_file

    given = read_parameters_file(args.parameters_file) if args.parameters_file else {}
    for name, value in args.parameter:
        given[name] = value
    return given


def _print_report(result: Any) -> None:
    """Print a report's headline figures and the files written."""
    head = result.headline
    if head:
        print(", ".join(f"{k} {v}" for k, v in head.items()
                        if v not in (None, "") and not isinstance(v, (dict, list))))
    for path in result.paths.values():
        print(f"wrote {_shown(path)}")


def run_build(args: argparse.Namespace) -> int:
    """Run ``libya-conflict build``."""
    from libya_conflict.publishing.build import build

    result = build(args.notebook, given_parameters(args), out=args.out, formats=args.formats,
                   kernel=args.kernel)
    _print_report(result)
    steps = {"notebook": "notebook", "html": "HTML", "pdf": "PDF"}
    spent = ", ".join(f"{label} {result.timings[key]:.1f} s" for key, label in steps.items()
                      if key in result.timings)
    print(f"built in {result.seconds:.1f} s ({spent})")
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    """Run ``libya-conflict export``."""
    from libya_conflict.publishing.export import export_notebooks

    for result in export_notebooks(args.notebooks, formats=args.formats, out=args.out):
        _print_report(result)
    return EXIT_OK


def run_schedule_command(args: argparse.Namespace) -> int:
    """Run ``libya-conflict schedule``."""
    from libya_conflict.publishing.schedule import run_schedule

    result = run_schedule(args.config, jobs=args.jobs, force=args.force, out=args.out,
                          formats=args.formats, kernel=args.kernel, progress=args.progress,
                          cluster=args.cluster)
    for outcome in result.outcomes:
        if outcome.status == "failed":
            print(f"FAILED {outcome.run.label()}: {outcome.message}", file=sys.stderr)
    print(result.summary())
    return result.exit_code


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``libya-conflict`` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except LibyaConflictError as exc:
        print(exc.cli_line(), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("libya-conflict: interrupted; no previous output was replaced", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # one line, not a traceback, unless asked
        if args.debug:
            raise
        print(f"libya-conflict: internal error: {type(exc).__name__}: {exc} "
              "(run with --debug for details)", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
