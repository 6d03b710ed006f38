"""Countries as users and datasets name them: ISO 3166 (pycountry), Gleditsch-Ward codes, aliases.

A country may be given as ACLED or UCDP spell it ("Myanmar (Burma)", "Democratic Republic of
Congo"), as a common English name, as an ISO 3166-1 alpha-3 code (``LBY``) or as ACLED's numeric
ISO code (``434``). :func:`resolve_country` turns any of them into one :class:`Country`, which
knows every spelling (for filtering a file's rows) and its Gleditsch-Ward code (UCDP's
``country_id`` and the code of UCDP's API).

``data/countries.csv`` adds what ISO does not hold: the Gleditsch-Ward code and name of each
independent state (Gleditsch, Kristian S. and Michael D. Ward (1999), "A Revised List of
Independent States since 1816", International Interactions 25: 393-413; list as at 2020,
microstates left out), and the spellings ACLED and UCDP use.
"""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from libya_conflict.errors import InputError
from libya_conflict.resources import data_path

_PARENTHESES = re.compile(r"\(([^)]*)\)")
# Kosovo has no ISO 3166-1 code; ACLED and others use the user-assigned XKX.
_NOT_IN_ISO = {"XKX": ("Kosovo", None)}


@dataclass(frozen=True)
class Country:
    """One country and every way it is written.

    Attributes
    ----------
    name : str
        A common English name (ISO 3166's common name where it has one).
    iso3 : str
        ISO 3166-1 alpha-3 code.
    iso_numeric : int or None
        ISO 3166-1 numeric code (ACLED's ``iso`` column).
    gw_code : int or None
        Gleditsch-Ward code (UCDP's ``country_id``, ``gwnoa``); None for territories.
    spellings : frozenset of str
        Every name, normalised with :func:`country_key`.

    """

    name: str
    iso3: str
    iso_numeric: int | None
    gw_code: int | None
    spellings: frozenset[str]

    def matches(self, text: str) -> bool:
        """Tell whether a country name or code, as written in a file, stands for this country."""
        key = country_key(text)
        codes = (self.iso3.casefold(), str(self.iso_numeric) if self.iso_numeric else None)
        return key in self.spellings or key in codes


def country_key(text: str) -> str:
    """Normalise a country name for matching: accents, case, punctuation and spacing dropped."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _names(text: str) -> list[str]:
    """Return a name and its parts: "Myanmar (Burma)", "Myanmar" and "Burma"."""
    inner = _PARENTHESES.findall(text)
    outer = _PARENTHESES.sub(" ", text)
    return [text, outer, *inner]


@cache
def _countries() -> dict[str, Country]:
    import pycountry  # imported here: loading ISO's tables takes ~0.1 s

    extra = {}
    with data_path("countries.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            extra[row["iso3"]] = row
    out = {}
    records = [(c.alpha_3, getattr(c, "common_name", None) or c.name, int(c.numeric),
                [c.name, getattr(c, "official_name", ""), getattr(c, "common_name", "")])
               for c in pycountry.countries]
    records += [(iso3, name, numeric, [name]) for iso3, (name, numeric) in _NOT_IN_ISO.items()]
    for iso3, name, numeric, iso_names in records:
        row = extra.get(iso3, {})
        written = [*iso_names, row.get("gw_name", ""), *row.get("aliases", "").split("|")]
        spellings = {country_key(part) for text in written if text for part in _names(text)}
        gw_code = int(row["gw_code"]) if row.get("gw_code") else None
        out[iso3] = Country(name, iso3, numeric, gw_code, frozenset(s for s in spellings if s))
    return out


@cache
def _by_spelling() -> dict[str, str]:
    index: dict[str, str] = {}
    for country in _countries().values():
        for spelling in country.spellings:
            index.setdefault(spelling, country.iso3)
    return index


def resolve_country(text: str) -> Country:
    """Return the country a name or code stands for.

    Parameters
    ----------
    text : str
        A name as ACLED or UCDP write it, a common English name, an ISO 3166-1 alpha-3 code
        or an ISO numeric code (any case and spacing).

    Raises
    ------
    InputError
        For text that stands for no country, with the closest names.

    """
    key = country_key(text)
    countries = _countries()
    if key.upper() in countries and len(key) == 3 and not key.isdigit():
        return countries[key.upper()]
    if key.isdigit():
        found = next((c for c in countries.values() if c.iso_numeric == int(key)), None)
        if found:
            return found
    iso3 = _by_spelling().get(key)
    if iso3:
        return countries[iso3]
    # Letters swapped ("Lybia") first, then names that look alike.
    swapped = [s for s in _by_spelling() if sorted(s) == sorted(key)]
    close = swapped + difflib.get_close_matches(key, list(_by_spelling()), n=3, cutoff=0.6)
    names = list(dict.fromkeys(countries[_by_spelling()[c]].name for c in close))[:3]
    hint = f"; did you mean {', '.join(names)}?" if names else ""
    raise InputError(None, f"unknown country {text!r}: expected a name as ACLED or UCDP write "
                     "it, an English name, an ISO 3166 alpha-3 code or an ISO numeric code "
                     f"(e.g. Libya, LBY or 434){hint}")
