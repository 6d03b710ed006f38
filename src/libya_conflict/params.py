"""Briefing parameters as notebooks check them (``from libya_conflict.params import ...``).

A facade over :mod:`libya_conflict.briefings.parameters` and the areas of
:mod:`libya_conflict.reference.districts`, so that every notebook keeps working unchanged.
"""

from __future__ import annotations

from libya_conflict.briefings.parameters import (
    check_area,
    check_data,
    check_date,
    check_district,
    check_district_list,
    check_parameters,
    check_side,
    split_list,
)
from libya_conflict.errors import ParameterError
from libya_conflict.reference.districts import (
    AREAS,
    DISTRICTS,
    GREATER_TRIPOLI,
    GREATER_TRIPOLI_DISTRICTS,
    NATIONAL,
    REGIONS,
)

__all__ = [
    "AREAS", "DISTRICTS", "GREATER_TRIPOLI", "GREATER_TRIPOLI_DISTRICTS", "NATIONAL", "REGIONS",
    "ParameterError", "check_area", "check_data", "check_date", "check_district",
    "check_district_list", "check_parameters", "check_side", "split_list",
]
