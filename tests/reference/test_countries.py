"""Countries in any spelling: ACLED's and UCDP's names, English names, ISO codes."""

from __future__ import annotations

import pytest

from libya_conflict.errors import InputError
from libya_conflict.reference.countries import country_key, resolve_country


@pytest.mark.parametrize(("text", "iso3", "gw_code"), [
    ("Libya", "LBY", 620), ("LBY", "LBY", 620), ("434", "LBY", 620), (" libya ", "LBY", 620),
    ("Myanmar", "MMR", 775), ("Myanmar (Burma)", "MMR", 775), ("Burma", "MMR", 775),
    ("UKR", "UKR", 369), ("Ukraine", "UKR", 369), ("Nigeria", "NGA", 475), ("566", "NGA", 475),
    ("Niger", "NER", 436), ("Bangladesh", "BGD", 771),
    ("Democratic Republic of Congo", "COD", 490), ("DR Congo (Zaire)", "COD", 490),
    ("Republic of Congo", "COG", 484), ("Ivory Coast", "CIV", 437), ("Côte d'Ivoire", "CIV", 437),
    ("Turkey", "TUR", 640), ("Türkiye", "TUR", 640), ("Russia (Soviet Union)", "RUS", 365),
    ("Palestine", "PSE", None), ("Kosovo", "XKX", 347), ("United States", "USA", 2),
    ("Tunisia", "TUN", 616), ("Guinea-Bissau", "GNB", 404), ("Guinea", "GIN", 438),
])
def test_every_spelling_resolves_to_one_country(text, iso3, gw_code):
    country = resolve_country(text)
    assert (country.iso3, country.gw_code) == (iso3, gw_code)
    assert country.matches(text)


def test_numeric_codes_and_names_as_files_write_them():
    libya = resolve_country("Libya")
    assert libya.iso_numeric == 434 and libya.name == "Libya"
    assert libya.matches("LIBYA") and libya.matches("434") and not libya.matches("Tunisia")
    assert resolve_country("Myanmar").matches("Myanmar (Burma)")


def test_an_unknown_country_is_one_line_with_suggestions():
    with pytest.raises(InputError, match=r"unknown country 'Lybia'.*did you mean Libya"):
        resolve_country("Lybia")
    with pytest.raises(InputError, match="ISO 3166 alpha-3"):
        resolve_country("Atlantis")


def test_country_key_ignores_accents_case_and_punctuation():
    assert country_key("Côte d’Ivoire") == country_key("cote d ivoire")
    assert country_key("Bosnia & Herzegovina") == "bosnia and herzegovina"
