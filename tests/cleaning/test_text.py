import pandas as pd

from libya_conflict.cleaning.text import fix_mojibake, normalise_text_columns


def test_normalise_text_columns_counts_each_kind_of_fix():
    frame = pd.DataFrame({
        "actor1": ["Tariq\u00a0Ibn Ziyad Brigade", "Rada\u200b Special Deterrence Force", "ok"],
        "notes": ["Haftar’s forces  shelled\r\nAin Zara", "CafÃ© hit by â€œshellsâ€\x9d", "ok"],
    })
    out, fixes = normalise_text_columns(frame, ["actor1", "notes", "absent"])
    assert out["actor1"].tolist() == ["Tariq Ibn Ziyad Brigade", "Rada Special Deterrence Force",
                                      "ok"]
    assert out["notes"].tolist() == ["Haftar’s forces shelled Ain Zara", "Café hit by “shells”",
                                     "ok"]
    assert (fixes.nbsp, fixes.mojibake) == (2, 1)
    assert fixes.whitespace >= 1
    assert frame.loc[0, "actor1"] == "Tariq\u00a0Ibn Ziyad Brigade"  # input untouched


def test_unicode_is_composed_nfc():
    decomposed = "Ajda\u0304biya\u0304"
    out, _ = normalise_text_columns(pd.DataFrame({"location": [decomposed]}), ["location"])
    assert out.loc[0, "location"] == "Ajdābiyā"


def test_mojibake_repair_keeps_real_curly_quotes_and_arabic():
    assert fix_mojibake("Haftarâ€™s") == "Haftar’s"
    assert fix_mojibake("“quoted” ‘text’") == "“quoted” ‘text’"
    assert fix_mojibake("طرابلس") == "طرابلس"
