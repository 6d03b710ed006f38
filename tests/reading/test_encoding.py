import pytest

from libya_conflict.errors import InputError
from libya_conflict.reading.encoding import decode_bytes, sniff_utf8


def test_plain_utf8():
    decoded = decode_bytes("Ajdābiyā, ‘Haftar’s forces’".encode(), "f.csv")
    assert decoded.encoding == "utf-8"
    assert decoded.text == "Ajdābiyā, ‘Haftar’s forces’"
    assert decoded.windows_1252_bytes == 0


def test_utf8_bom_is_detected_and_stripped():
    decoded = decode_bytes(b"\xef\xbb\xbfevent_id_cnty,notes\n", "f.csv")
    assert decoded.encoding == "utf-8-sig"
    assert decoded.text.startswith("event_id_cnty")


def test_windows_1252_file():
    text = "Haftar’s forces – “decisive battle” in Tripoli"
    decoded = decode_bytes(text.encode("cp1252"), "f.csv")
    assert decoded.encoding == "windows-1252"
    assert decoded.text == text


def test_mixed_utf8_with_stray_windows_1252_bytes_keeps_both_right():
    data = "Ajdābiyā ".encode() + b"Haftar\x92s forces"
    decoded = decode_bytes(data, "f.csv")
    assert decoded.encoding == "utf-8+windows-1252"
    assert decoded.windows_1252_bytes == 1
    assert decoded.text == "Ajdābiyā Haftar’s forces"


def test_bytes_undefined_in_windows_1252_are_refused_with_offset():
    with pytest.raises(InputError, match=r"f.csv: unreadable byte at offset 3"):
        decode_bytes(b"abc\x81def", "f.csv")


def test_utf16_is_refused_clearly():
    with pytest.raises(InputError, match="UTF-16"):
        decode_bytes("a,b\n".encode("utf-16"), "f.csv")


def test_sniff_tolerates_a_character_cut_at_the_sample_end(tmp_path):
    path = tmp_path / "f.csv"
    path.write_bytes(("x" * 9 + "ā").encode())  # ā is two bytes: bytes 10 and 11
    assert sniff_utf8(path, size=10)
    path.write_bytes(b"x" * 5 + b"\x92" + b"x" * 10)
    assert not sniff_utf8(path, size=10)
