"""Clean ACLED and UCDP GED exports about Libya and publish narrative briefings."""

from __future__ import annotations

__all__ = ["__version__"]


def __getattr__(name: str) -> str:
    # Resolved on first use: importlib.metadata costs ~50 ms at every command start otherwise.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("libya-conflict")
        except PackageNotFoundError:  # running from a source tree without an install
            return "0.0.0+unknown"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
