"""Whitespace and Unicode normalisation of text fields.

Non-breaking and zero-width spaces become ordinary spaces, runs of whitespace (including line
breaks inside quoted notes) collapse to one space, text is put in Unicode NFC form, and mojibake
(UTF-8 read as Windows-1252 somewhere upstream, e.g. ``CafÃ©``) is repaired with ftfy. Curly
quotes and apostrophes are proper characters and are kept.

"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

ODD_SPACES = "\u00a0\u2007\u202f\u2009\u200a\u3000"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_ODD_SPACE_RE = re.compile(f"[{ODD_SPACES}]")
_SPACES_RE = re.compile(r"\s+")


# A lead byte of a UTF-8 sequence read as Windows-1252, followed by a continuation byte read
# the same way: only cells with such a pair go to ftfy (which is slow).
_CONTINUATION = "".join(bytes([b]).decode("cp1252", errors="ignore") for b in range(0x80, 0xC0))
_MOJIBAKE_HINT = re.compile(f"[ÃÂâØÙÐÑ][{re.escape(_CONTINUATION)}\u0080-\u00bf]")


@dataclass
class TextFixes:
    """Counts of cells changed by text normalisation."""

    nbsp: int = 0
    mojibake: int = 0
    whitespace: int = 0

    def to_dict(self) -> dict[str, int]:
        """Return the counts as a dict."""
        return {"nbsp": self.nbsp, "mojibake": self.mojibake, "whitespace": self.whitespace}


def normalise_text_columns(frame: pd.DataFrame,
                           columns: list[str]) -> tuple[pd.DataFrame, TextFixes]:
    """Normalise whitespace and Unicode in the given string columns.

    Parameters
    ----------
    frame : pandas.DataFrame
        Frame of strings.
    columns : list of str
        Columns to normalise (missing ones are skipped).

    Returns
    -------
    (pandas.DataFrame, TextFixes)
        A new frame and the number of cells changed per kind of fix.

    """
    out = frame.copy()
    cols = [c for c in columns if c in out.columns]
    if not cols or out.empty:
        return out, TextFixes()
    # All cells in one Series: each regex runs once, not once per column.
    values = pd.concat([out[c].astype(str) for c in cols], ignore_index=True)
    fixed, fixes = normalise_text(values)
    n = len(out)
    for i, col in enumerate(cols):
        out[col] = fixed.iloc[i * n : (i + 1) * n].to_numpy()
    return out, fixes


def normalise_text(values: pd.Series) -> tuple[pd.Series, TextFixes]:
    """Normalise one Series of strings; return it and the counts of cells changed."""
    fixes = TextFixes()
    odd = values.str.contains(_ODD_SPACE_RE) | values.str.contains(f"[{ZERO_WIDTH}]")
    fixes.nbsp = int(odd.sum())
    if fixes.nbsp:
        values = values.str.replace(_ODD_SPACE_RE, " ", regex=True)
        values = values.str.replace(f"[{ZERO_WIDTH}]", "", regex=True)
    bad = values.str.contains(_MOJIBAKE_HINT)
    if bad.any():
        repaired = values[bad].map(fix_mojibake)
        fixes.mojibake = int((repaired != values[bad]).sum())
        values = values.where(~bad, repaired)
    collapsed = values.str.replace(_SPACES_RE, " ", regex=True).str.strip()
    fixes.whitespace = int((collapsed != values).sum())
    return collapsed.map(_nfc), fixes


def fix_mojibake(text: str) -> str:
    """Repair UTF-8 text that was decoded as Windows-1252, keeping curly quotes as they are."""
    import ftfy  # imported lazily: most files never need it

    return ftfy.fix_text(text, uncurl_quotes=False, fix_latin_ligatures=False,
                         fix_character_width=False, normalization="NFC")


def _nfc(text: str) -> str:
    return text if text.isascii() else unicodedata.normalize("NFC", text)
