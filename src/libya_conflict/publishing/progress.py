"""Outcomes of a schedule's runs as they finish: a bar on a terminal, plain lines under cron."""

from __future__ import annotations

import sys
import threading
from dataclasses import dataclass
from typing import Any

from libya_conflict.publishing.schedule_config import Run


@dataclass
class Outcome:
    """What happened to a run: built, unchanged or failed."""

    run: Run
    status: str
    entry: dict
    message: str = ""
    seconds: float = 0.0


class Progress:
    """A progress bar on a terminal (tqdm), plain log lines otherwise."""

    def __init__(self, total: int, stream: Any = None, bar: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self.count = 0
        self._lock = threading.Lock()
        use_bar = self.stream.isatty() if bar is None else bar
        self.bar = None
        if use_bar and total:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="briefing", file=self.stream, dynamic_ncols=True)

    def update(self, outcome: Outcome) -> None:
        """Report one finished run."""
        with self._lock:
            self.count += 1
            line = _outcome_line(outcome)
            if self.bar is None:
                width = len(str(self.total))
                print(f"[{self.count:>{width}}/{self.total}] {line}", file=self.stream,
                      flush=True)
            else:
                if outcome.status == "failed":
                    self.bar.write(line, file=self.stream)
                self.bar.set_postfix_str(outcome.run.name, refresh=False)
                self.bar.update(1)

    def close(self) -> None:
        """Finish the bar."""
        if self.bar is not None:
            self.bar.close()


def _outcome_line(outcome: Outcome) -> str:
    label = outcome.run.label()
    if outcome.status == "built":
        return f"built {label} in {outcome.seconds:.1f} s"
    if outcome.status == "unchanged":
        return f"unchanged, skipped: {label}"
    return f"FAILED {label}: {outcome.message}"
