"""Text encoding detection for exports: UTF-8, UTF-8 with BOM, Windows-1252, or a mix.

Old ACLED files were saved from Excel in Windows-1252; some newer files are UTF-8 with a few
stray Windows-1252 bytes (a curly apostrophe pasted from Word). Decoding such a file wholly as
Windows-1252 would turn every correct UTF-8 character into mojibake, so invalid bytes are
decoded one by one as Windows-1252 and counted, and the report says so.

"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from libya_conflict.errors import InputError

UTF8_BOM = codecs.BOM_UTF8
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_HANDLER = "libya_conflict_cp1252_fallback"


@dataclass
class DecodedText:
    """Decoded file text and how it was decoded.

    Attributes
    ----------
    text : str
        The file's text.
    encoding : str
        ``utf-8``, ``utf-8-sig``, ``windows-1252`` or ``utf-8+windows-1252`` (mixed).
    windows_1252_bytes : int
        Number of bytes that were not valid UTF-8 and were decoded as Windows-1252.

    """

    text: str
    encoding: str
    windows_1252_bytes: int = 0


class _FallbackCounter:
    """Codec error handler decoding each invalid byte as Windows-1252, counting them."""

    def __init__(self) -> None:
        self.count = 0
        self.undecodable: int | None = None

    def __call__(self, err: UnicodeDecodeError) -> tuple[str, int]:
        chunk = err.object[err.start : err.end]
        self.count += len(chunk)
        out = []
        for i, byte in enumerate(chunk):
            try:
                out.append(bytes([byte]).decode("cp1252"))
            except UnicodeDecodeError:
                # 0x81, 0x8D, 0x8F, 0x90, 0x9D have no character in Windows-1252.
                if self.undecodable is None:
                    self.undecodable = err.start + i
                out.append("\ufffd")
        return "".join(out), err.end


def check_not_utf16(head: bytes, path: str | Path) -> None:
    """Refuse UTF-16 text (Excel's "Unicode text") with a clear message."""
    if head.startswith(UTF16_BOMS):
        raise InputError(path, "file is UTF-16 text; expected a CSV in UTF-8 or Windows-1252 "
                         "(re-save it from Excel as 'CSV UTF-8')")


def decode_bytes(data: bytes, path: str | Path) -> DecodedText:
    """Decode a whole file, detecting its encoding.

    Parameters
    ----------
    data : bytes
        The file's bytes.
    path : str or Path
        The file, for error messages.

    Returns
    -------
    DecodedText
        The text and the encoding that was used.

    Raises
    ------
    InputError
        If the bytes are neither UTF-8 nor Windows-1252.

    """
    check_not_utf16(data[:4], path)
    if data.startswith(UTF8_BOM):
        body, name = data[len(UTF8_BOM) :], "utf-8-sig"
    else:
        body, name = data, "utf-8"
    try:
        return DecodedText(body.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    counter = _FallbackCounter()
    codecs.register_error(_HANDLER, counter)
    text = body.decode("utf-8", errors=_HANDLER)
    if counter.undecodable is not None:
        raise InputError(path, f"unreadable byte at offset {counter.undecodable}: "
                         "expected UTF-8 or Windows-1252 text")
    if _valid_utf8_part(body).isascii():
        # No valid multi-byte UTF-8 at all: a plain Windows-1252 file.
        return DecodedText(body.decode("cp1252", errors="replace"), "windows-1252",
                           counter.count)
    return DecodedText(text, "utf-8+windows-1252", counter.count)


def _valid_utf8_part(body: bytes) -> str:
    """Return the text of the valid UTF-8 sequences of ``body`` (invalid bytes dropped)."""
    return body.decode("utf-8", errors="ignore")


def sniff_utf8(path: Path, size: int = 1 << 20) -> bool:
    """Tell whether the first ``size`` bytes of a file are valid UTF-8.

    A multi-byte character cut by the end of the sample does not count as invalid.
    """
    with open(path, "rb") as fh:
        head = fh.read(size)
    check_not_utf16(head[:4], path)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True
