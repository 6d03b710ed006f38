"""The project's errors: one family, each printed by the command line as one clear line.

Every error the project raises on purpose derives from :class:`LibyaConflictError`, which knows
the line the command prints and the exit status it returns (:mod:`libya_conflict.cli` maps them
in one place). Anything else that escapes is an internal error.
"""

from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_FAILED = 1  # a briefing or build failed (its previous report is kept), or an internal error
EXIT_INPUT = 2  # an input file, a parameter or a schedule file cannot be used
EXIT_LOCKED = 75  # EX_TEMPFAIL: another schedule holds the reports folder; try again later
EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 1  # an error the project did not expect: a bug to report


class LibyaConflictError(Exception):
    """Base of every error the project raises on purpose."""

    exit_code = EXIT_FAILED

    def cli_line(self) -> str:
        """Return the one line the command prints for this error."""
        return f"libya-conflict: error: {self}"


class InputError(LibyaConflictError):
    """An input cannot be used; the message names the file and what was expected.

    Parameters
    ----------
    path : str or Path or None
        The file at fault, if any.
    message : str
        What is wrong and what was expected, as one sentence.
    row : int, optional
        The 1-based record in the file, when one row is at fault.
    column : str, optional
        The column at fault, as written in the file.

    """

    exit_code = EXIT_INPUT

    def __init__(self, path: str | Path | None, message: str, *, row: int | None = None,
                 column: str | None = None) -> None:
        self.path = None if path is None else str(path)
        self.message = message
        self.row = row
        self.column = column
        super().__init__(f"{self.path}: {message}" if self.path else message)


class ParameterError(InputError):
    """A briefing parameter is invalid; the message is one line that lists what is valid."""

    def __init__(self, message: str) -> None:
        super().__init__(None, message)

    def _render_traceback_(self) -> list[str]:
        # IPython shows this instead of a long traceback: the reader sees the one line only.
        return [f"ParameterError: {self.message}"]


class PublishError(LibyaConflictError):
    """A report could not be built or written; no previous report was replaced."""

    def cli_line(self) -> str:
        """Return the one line the command prints for this error."""
        return f"libya-conflict: build failed: {self}; no report was replaced"


class BuildError(PublishError):
    """The notebook ran and failed; the message is the notebook's own error, on one line.

    Parameters
    ----------
    notebook : str
        Notebook name.
    message : str
        Where and what: ``cell 7: KeyError: 'district'``.
    failed_notebook : Path, optional
        The executed notebook with its error, kept for debugging.
    cell : int, optional
        The execution count of the failing cell.

    """

    def __init__(self, notebook: str, message: str, failed_notebook: Path | None = None,
                 cell: int | None = None) -> None:
        self.notebook = notebook
        self.message = message
        self.failed_notebook = failed_notebook
        self.cell = cell
        super().__init__(f"{notebook}: {message}")


class PdfError(PublishError):
    """Chromium could not be started or could not print a page."""


class ScheduleLockedError(LibyaConflictError):
    """Another schedule is writing the same reports folder."""

    exit_code = EXIT_LOCKED

    def cli_line(self) -> str:
        """Return the one line the command prints for this error."""
        return f"libya-conflict: {self}"


def one_line(exc: BaseException) -> str:
    """Return the first line of an exception's message, for one-line errors."""
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
