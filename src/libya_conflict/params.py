"""Briefing parameters, as notebooks check them: ``from libya_conflict.params import check_parameters``.

A facade over :mod:`libya_conflict.briefings.parameters` and the areas of
:mod:`libya_conflict.reference.districts`.
"""

from __future__ import annotations

from libya_conflict.briefings.parameters import (  # noqa: F401
    check_area,
    check_data,
    check_date,
    check_district,
    check_district_list,
    check_parameters,
    check_side,
    split_list,
)
from libya_conflict.errors import ParameterError  # noqa: F401
from libya_conflict.reference.districts import (  # noqa: F401
    GREATER_TRIPOLI,
    GREATER_TRIPOLI_DISTRICTS,
    NATIONAL,
    REGIONS,
    area_districts,
)
