"""Event types of any vintage mapped onto ACLED's current taxonomy (see reference.taxonomy)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from libya_conflict.reference.taxonomy import taxonomy


def map_acled_event_types(event_type: pd.Series, sub_event_type: pd.Series,
                          inter1: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Map ACLED event types of any vintage onto the current taxonomy.

    Parameters
    ----------
    event_type, sub_event_type : pandas.Series
        Strings as in the file (sub-event type empty in pre-2019 files).
    inter1 : pandas.Series
        Actor 1's inter code (nullable integers), used to split the old Riots/Protests type.

    Returns
    -------
    (event_type, sub_event_type, legacy) : tuple of pandas.Series
        Current event and sub-event types, and a boolean mask of rows that had a pre-2019 type.

    """
    table = taxonomy()
    legacy = table["legacy"]
    is_legacy = event_type.isin(list(legacy))
    new_type = event_type.map(lambda v: legacy.get(v, [v, None])[0])
    new_sub = event_type.map(lambda v: legacy.get(v, [None, None])[1])
    riot_code = table["legacy_riots_inter_code"]
    rioters = event_type.eq("Riots/Protests") & inter1.eq(riot_code).fillna(False)
    new_type = new_type.mask(rioters, "Riots")
    sub = sub_event_type.mask(is_legacy & sub_event_type.eq(""), new_sub)
    return new_type, sub, is_legacy


def map_ucdp_violence(type_of_violence: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Map UCDP ``type_of_violence`` codes onto event and sub-event types."""
    table = {str(k): v for k, v in taxonomy()["ucdp_type_of_violence"].items()}
    codes = type_of_violence.astype(str).str.strip()
    event = codes.map(lambda c: table.get(c, [f"Unknown UCDP type_of_violence {c}", ""])[0])
    sub = codes.map(lambda c: table.get(c, ["", f"Unknown UCDP type_of_violence {c}"])[1])
    return event, sub


def disorder_types(event_type: pd.Series, given: pd.Series | None) -> pd.Series:
    """Return ACLED disorder types: the file's own (spelling corrected) or derived from the type."""
    table = taxonomy()
    derived = event_type.map(table["disorder_type"]).fillna("")
    if given is None:
        return derived
    fixed = given.replace(table["disorder_type_spelling"])
    return pd.Series(np.where(fixed.eq(""), derived, fixed), index=event_type.index)
