"""Event types of any vintage mapped onto ACLED's current taxonomy, and civilian targeting.

Types are matched through :mod:`libya_conflict.reference.taxonomy` without regard to case,
spacing and punctuation. Nothing is guessed: a type that no vintage knows becomes null (not
coded) with its row kept and flagged, a sub-event type an old type does not imply stays null,
and civilian targeting is derived only where ACLED's definition decides it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from libya_conflict.reference.taxonomy import (
    disorder_type_index,
    event_type_index,
    sub_event_type_index,
    taxonomy,
    type_key,
)

VAC = "Violence against civilians"
REMOTE = "Explosions/Remote violence"
CIVILIAN_INTER_CODE = 7
CIVILIAN_ACTOR_PREFIX = "Civilians"
# Event types whose events ACLED never marks as civilian targeting: fighting between armed
# actors, and non-violent developments.
NEVER_CIVILIAN_TARGETING = ("Battles", "Strategic developments")
# Protests that are not violence against the protesters.
PLAIN_PROTESTS = ("Peaceful protest", "Protest with intervention")


@dataclass
class MappedTypes:
    """Event, sub-event and disorder types of one file, and what could not be mapped.

    Attributes
    ----------
    event_type, sub_event_type : pandas.Series
        Current types (NA where unknown or not coded).
    unknown_type, unknown_sub : pandas.Series of bool
        Rows whose type or sub-event type (non-empty) no vintage knows.
    sub_derived, type_derived : pandas.Series of bool
        Rows whose sub-event type came from an old type, or whose event type came from the
        sub-event type.

    """

    event_type: pd.Series
    sub_event_type: pd.Series
    unknown_type: pd.Series
    unknown_sub: pd.Series
    sub_derived: pd.Series
    type_derived: pd.Series


def per_unique(values: pd.Series, func: Callable[[str], object]) -> pd.Series:
    """Apply ``func`` once per distinct value (files repeat a few type names many times)."""
    table = {value: func(value) for value in values.unique()}
    return values.map(table)


def map_acled_event_types(event_type: pd.Series, sub_event_type: pd.Series,
                          inter1: pd.Series, actor1: pd.Series) -> MappedTypes:
    """Map ACLED event types of any vintage onto the current taxonomy.

    Parameters
    ----------
    event_type, sub_event_type : pandas.Series
        Strings as in the file (``""`` where the file has no sub-event type).
    inter1 : pandas.Series
        Actor 1's inter code (nullable integers), used to split the old Riots/Protests type.
    actor1 : pandas.Series
        Actor 1's name, used for that split where the file has no inter codes.

    Returns
    -------
    MappedTypes

    """
    index, subs = event_type_index(), sub_event_type_index()
    found = per_unique(event_type, lambda v: index.get(type_key(v)))
    new_type = found.map(lambda m: m.event_type, na_action="ignore").astype(object)
    implied = found.map(lambda m: m.sub_event_type, na_action="ignore").astype(object)
    table = taxonomy()
    riots_protests = per_unique(event_type, lambda v: type_key(v) == type_key("Riots/Protests"))
    rioters = inter1.eq(table["legacy_riots_inter_code"]).fillna(False) | (
        inter1.isna() & actor1.str.startswith(table["legacy_riots_actor_prefix"]))
    new_type = new_type.mask(riots_protests.astype(bool) & rioters, "Riots")

    given = sub_event_type.str.strip()
    looked = per_unique(given, lambda v: subs.get(type_key(v)) if v else None)
    parent = looked.map(lambda pair: pair[0], na_action="ignore")
    type_derived = new_type.isna() & parent.notna()
    new_type = new_type.where(~type_derived, parent)
    fits = parent.notna() & parent.eq(new_type).fillna(False)
    sub = looked.map(lambda pair: pair[1], na_action="ignore").where(fits)
    sub_derived = given.eq("") & implied.notna()
    sub = sub.where(~sub_derived, implied).astype(object)
    return MappedTypes(
        event_type=new_type.where(new_type.notna(), pd.NA).astype(object),
        sub_event_type=sub.where(sub.notna(), pd.NA).astype(object),
        unknown_type=new_type.isna(),
        unknown_sub=given.ne("") & ~fits,
        sub_derived=sub_derived, type_derived=type_derived,
    )


def map_ucdp_violence(type_of_violence: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Map UCDP ``type_of_violence`` codes onto event and sub-event types.

    Returns
    -------
    (event_type, sub_event_type, unknown) : tuple of pandas.Series
        Types (NA for a code UCDP does not define) and the mask of such codes.

    """
    table = {str(k): v for k, v in taxonomy()["ucdp_type_of_violence"].items()}
    codes = type_of_violence.astype(str).str.strip().str.replace(r"\.0$", "", regex=True)
    event = codes.map(lambda c: table[c][0] if c in table else pd.NA).astype(object)
    sub = codes.map(lambda c: table[c][1] if c in table else pd.NA).astype(object)
    return event, sub, event.isna()


def disorder_types(event_type: pd.Series,
                   given: pd.Series | None) -> tuple[pd.Series, pd.Series]:
    """Return ACLED disorder types (the file's own, spelling corrected, or derived from the type).

    Returns
    -------
    (disorder_type, derived) : tuple of pandas.Series
        Disorder types (NA where neither the file nor the type says) and the mask of rows
        whose disorder type was derived from the event type.

    """
    derived = event_type.map(taxonomy()["disorder_type"]).astype(object)
    if given is None:
        return derived, derived.notna()
    index = disorder_type_index()
    fixed = per_unique(given.str.strip(), lambda v: index.get(type_key(v)) if v else None)
    use_derived = fixed.isna()
    out = fixed.where(~use_derived, derived)
    return out.where(out.notna(), pd.NA).astype(object), use_derived & derived.notna()


def acled_civilian_targeting(flag: pd.Series | None, event_type: pd.Series,
                             sub_event_type: pd.Series, inter2: pd.Series,
                             actor2: pd.Series) -> tuple[pd.Series, pd.Series, bool]:
    """Return ACLED's civilian-targeting flag, derived where the file does not code it.

    Parameters
    ----------
    flag : pandas.Series or None
        The file's ``civilian_targeting`` column ("Civilian targeting" or empty), or None.
    event_type, sub_event_type : pandas.Series
        Current types (NA where unknown or not coded).
    inter2, actor2 : pandas.Series
        Actor 2's inter code (nullable) and name: who was targeted.

    Returns
    -------
    (civilian_targeting, derived, coded) : tuple
        A nullable boolean Series (NA where it cannot be known), the mask of derived values,
        and whether the file coded the flag at all. A column that is empty in every row (some
        re-written exports) counts as not coded: every violence-against-civilians event is
        civilian targeting by ACLED's definition, so such a column says nothing.

    """
    vac = event_type.eq(VAC).fillna(False).astype(bool)
    coded = flag is not None and bool(flag.str.strip().ne("").any())
    if coded:
        given = flag.str.strip().ne("")
        derived = vac & ~given
        return (given | vac).astype("boolean"), derived, True
    out = derive_civilian_targeting(event_type, sub_event_type, inter2, actor2)
    return out, out.notna(), False


def derive_civilian_targeting(event_type: pd.Series, sub_event_type: pd.Series,
                              inter2: pd.Series, actor2: pd.Series) -> pd.Series:
    """Derive civilian targeting where ACLED's definition decides it; NA where it does not."""
    named_civilians = actor2.str.startswith(CIVILIAN_ACTOR_PREFIX)
    target_civilians = inter2.eq(CIVILIAN_INTER_CODE).fillna(named_civilians).astype(bool)
    target_known = inter2.notna() | actor2.ne("")
    out = pd.Series(pd.NA, index=event_type.index, dtype="boolean")
    is_type = {name: event_type.eq(name).fillna(False).astype(bool)
               for name in (VAC, REMOTE, "Protests", "Riots", *NEVER_CIVILIAN_TARGETING)}
    out[is_type[VAC]] = True
    out[is_type[REMOTE] & target_civilians] = True
    out[is_type[REMOTE] & target_known & ~target_civilians] = False
    for name in NEVER_CIVILIAN_TARGETING:
        out[is_type[name]] = False
    out[is_type["Protests"] & sub_event_type.isin(PLAIN_PROTESTS)] = False
    # Riots: ACLED marks some mob violence against civilians; a riot aimed at no one or at
    # an armed actor is not civilian targeting.
    out[is_type["Riots"] & ~target_civilians] = False
    return out
