"""The ``libya-conflict`` command: ``clean`` and ``sample`` (``build`` and ``schedule`` later).

Errors in the input are printed as one line naming the file and what was expected, and the
command exits with status 2; nothing is written unless everything succeeded.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import libya_conflict
from libya_conflict.cli_build import add_parsers
from libya_conflict.errors import InputError

EXIT_INPUT = 2
EXIT_INTERNAL = 1


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
                       help="ACLED or UCDP export files (CSV or .xlsx)")
    clean.add_argument("--deletions", type=Path, help="ACLED deletions file")
    clean.add_argument("--country", default="Libya", help="country to keep (default: Libya)")
    clean.add_argument("--out", type=Path, default=Path("data/processed/events.parquet"),
                       help="output table (default: data/processed/events.parquet)")
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
    add_parsers(sub)
    return parser


def run_clean(args: argparse.Namespace) -> int:
    """Run ``libya-conflict clean``."""
    from libya_conflict import scan

    # Large files start scanning now, while pandas and pandera are imported below.
    scan.prefetch(args.inputs, args.country, args.engine)
    from libya_conflict.clean import clean
    from libya_conflict.outputs import write_clean_outputs

    table, report = clean(args.inputs, deletions=args.deletions, country=args.country,
                          engine=args.engine)
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


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``libya-conflict`` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except InputError as exc:
        print(f"libya-conflict: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("libya-conflict: interrupted; no previous output was replaced", file=sys.stderr)
        return 130
    except Exception as exc:  # one line, not a traceback, unless asked
        if args.debug:
            raise
        print(f"libya-conflict: internal error: {type(exc).__name__}: {exc} "
              "(run with --debug for details)", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
