"""The ``build`` and ``schedule`` subcommands of ``libya-conflict``.

``cli.py`` adds them with :func:`add_parsers`; ``python -m libya_conflict.cli_build`` runs them
on their own (with the same error handling), which the tests and benchmarks use as well.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INPUT = 2
FORMAT_CHOICES = ("html", "pdf", "ipynb")


def formats_arg(text: str) -> tuple[str, ...]:
    """Parse ``--formats html,pdf`` into a tuple, rejecting unknown formats."""
    items = tuple(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    unknown = [f for f in items if f not in FORMAT_CHOICES]
    if unknown or not items:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(unknown) or '(none)'}; valid: {', '.join(FORMAT_CHOICES)}")
    return items


def add_parsers(subparsers: argparse._SubParsersAction) -> None:
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
    build.add_argument("--formats", type=formats_arg, default=("html", "pdf"),
                       help="comma-separated: html, pdf (the .ipynb is always written; "
                       "default html,pdf)")
    build.add_argument("--out", type=Path, default=Path("reports"),
                       help="reports folder (default: reports)")
    build.add_argument("--kernel", default="python3", help="Jupyter kernel (default: python3)")
    build.set_defaults(func=run_build)

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
    bar = schedule.add_mutually_exclusive_group()
    bar.add_argument("--progress", dest="progress", action="store_true", default=None,
                     help="always show a progress bar")
    bar.add_argument("--no-progress", dest="progress", action="store_false",
                     help="plain log lines even on a terminal")
    schedule.set_defaults(func=run_schedule_command)


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
    from libya_conflict.build import read_parameters_file

    given = read_parameters_file(args.parameters_file) if args.parameters_file else {}
    for name, value in args.parameter:
        given[name] = value
    return given


def run_build(args: argparse.Namespace) -> int:
    """Run ``libya-conflict build``."""
    from libya_conflict.build import BuildError, build
    from libya_conflict.pdf import PdfError

    try:
        result = build(args.notebook, given_parameters(args), out=args.out,
                       formats=args.formats, kernel=args.kernel)
    except (BuildError, PdfError) as exc:
        print(f"libya-conflict: build failed: {exc}; no report was replaced", file=sys.stderr)
        return EXIT_FAILED
    head = result.headline
    if head:
        print(", ".join(f"{k} {v}" for k, v in head.items()
                        if v not in (None, "") and not isinstance(v, (dict, list))))
    for path in result.paths.values():
        print(f"wrote {_shown(path)}")
    steps = {"notebook": "notebook", "html": "HTML", "pdf": "PDF"}
    spent = ", ".join(f"{label} {result.timings[key]:.1f} s" for key, label in steps.items()
                      if key in result.timings)
    print(f"built in {result.seconds:.1f} s ({spent})")
    return EXIT_OK


def run_schedule_command(args: argparse.Namespace) -> int:
    """Run ``libya-conflict schedule``."""
    from libya_conflict.schedule import EXIT_LOCKED, ScheduleLockedError, run_schedule

    try:
        result = run_schedule(args.config, jobs=args.jobs, force=args.force, out=args.out,
                              formats=args.formats, kernel=args.kernel,
                              progress=args.progress)
    except ScheduleLockedError as exc:
        print(f"libya-conflict: {exc}", file=sys.stderr)
        return EXIT_LOCKED
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
    """Run the ``libya-conflict`` command (kept so ``python -m libya_conflict.cli_build`` works)."""
    from libya_conflict.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
