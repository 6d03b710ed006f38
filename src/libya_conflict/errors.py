"""Errors that the command line reports as one clear line."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """An input file cannot be used; the message names the file and what was expected.

    Parameters
    ----------
    path : str or Path or None
        The file at fault, if any.
    message : str
        What is wrong and what was expected, as one sentence.

    """

    def __init__(self, path: str | Path | None, message: str) -> None:
        self.path = None if path is None else str(path)
        self.message = message
        super().__init__(f"{self.path}: {message}" if self.path else message)
