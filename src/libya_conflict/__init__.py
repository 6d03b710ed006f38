"""Clean ACLED and UCDP GED exports about Libya and publish narrative briefings."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("libya-conflict")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
