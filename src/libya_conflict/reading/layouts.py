"""The export layouts the readers know, and detection of a file's layout from its header.

A layout is data: its columns in file order, the ones a file must have, and the legacy names
that stand for a standard one. Detection compares a header (case-insensitive) with each layout.

"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from libya_conflict.errors import InputError

ACLED_CURRENT = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)
ACLED_EXPORT_EXTRA = ("data_id", "event_id_no_cnty", "iso3")
ACLED_LEGACY = (
    "gwno", "event_id_cnty", "event_id_no_cnty", "event_date", "year", "time_precision",
    "event_type", "actor1", "ally_actor_1", "inter1", "actor2", "ally_actor_2", "inter2",
    "interaction", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "notes", "fatalities",
)
ACLED_LEGACY_LATER = ("iso", "sub_event_type", "assoc_actor_1", "assoc_actor_2", "region",
                      "source_scale")
# What every ACLED layout must have: an event, its date, type, actor, country and toll. The rest
# (time precision, inter codes, sub-event types...) is read where present and not coded where not.
ACLED_REQUIRED = frozenset({
    "event_id_cnty", "event_date", "event_type", "actor1", "country", "fatalities",
})
# ACLED's API and export files of 2018-2022: lower-case, with data_id, event_id_no_cnty and iso3,
# before disorder_type, civilian_targeting and tags (sub_event_type from 2019 on: 30 or 31 columns).
ACLED_API_2018 = (
    "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year",
    "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
    "actor2", "assoc_actor_2", "inter2", "interaction", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "timestamp", "iso3",
)
# HDX's reduced ACLED extract (16 upper-case columns, with an HXL hashtag row under the header).
ACLED_HDX = (
    "event_id_cnty", "event_date", "event_type", "actor1", "assoc_actor_1", "actor2",
    "assoc_actor_2", "country", "admin1", "admin2", "location", "latitude", "longitude", "source",
    "notes", "fatalities",
)
UCDP_GED_49 = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
    "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name",
    "side_a_dset_id", "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b",
    "number_of_sources", "source_article", "source_office", "source_date", "source_headline",
    "source_original", "where_prec", "where_coordinates", "where_description", "adm_1", "adm_2",
    "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b",
    "deaths_civilians", "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob",
)
UCDP_GED_42 = (
    "id", "year", "active_year", "type_of_violence", "conflict_new_id", "conflict_name",
    "dyad_new_id", "dyad_name", "side_a_new_id", "gwnoa", "side_a", "side_b_new_id", "gwnob",
    "side_b", "number_of_sources", "source_article", "source_office", "source_date",
    "source_headline", "source_original", "where_prec", "where_coordinates", "adm_1", "adm_2",
    "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b",
    "deaths_civilians", "deaths_unknown", "low", "best", "high",
)
UCDP_REQUIRED = frozenset({
    "id", "type_of_violence", "side_a", "side_b", "where_prec", "adm_1", "latitude", "longitude",
    "country", "date_prec", "date_start", "date_end", "best", "low", "high",
})


@dataclass(frozen=True)
class Layout:
    """One export layout.

    Attributes
    ----------
    name : str
        Identifier shown in reports, e.g. ``acled-current``.
    dataset : str
        ``acled`` or ``ucdp``.
    columns : tuple of str
        The layout's columns in file order (lower-case).
    required : frozenset of str
        Standard column names a file must have to be read in this layout.
    renames : dict
        Legacy column name -> standard name.
    description : str
        One line for humans.

    """

    name: str
    dataset: str
    columns: tuple[str, ...]
    required: frozenset[str]
    renames: dict[str, str] = field(default_factory=dict)
    description: str = ""

    def standard_names(self, header: list[str]) -> list[str]:
        """Map a (lower-cased) header to standard column names."""
        return [self.renames.get(col, col) for col in header]


LEGACY_RENAMES = {"ally_actor_1": "assoc_actor_1", "ally_actor_2": "assoc_actor_2"}
LAYOUTS: tuple[Layout, ...] = (
    Layout("acled-current", "acled", ACLED_CURRENT, ACLED_REQUIRED,
           description="ACLED export/API, 31 lower-case columns, ISO dates"),
    Layout("acled-api-json", "acled", ACLED_CURRENT + ACLED_EXPORT_EXTRA, ACLED_REQUIRED,
           description="ACLED API JSON page(s), a 'data' array of events, inter codes as "
                       "numbers or words"),
    Layout("acled-export-2019-2023", "acled",
           ACLED_EXPORT_EXTRA[:1] + ACLED_CURRENT + ACLED_EXPORT_EXTRA[1:],
           ACLED_REQUIRED,
           description="ACLED export tool 2019-2023, dates like '18 May 2020', optional "
                       "data_id/iso3/event_id_no_cnty"),
    Layout("acled-api-2018-2022", "acled", ACLED_API_2018, ACLED_REQUIRED,
           description="ACLED API/export 2018-2022, 30 or 31 lower-case columns with "
                       "data_id and iso3, no disorder_type or civilian_targeting"),
    Layout("acled-legacy", "acled", ACLED_LEGACY + ACLED_LEGACY_LATER, ACLED_REQUIRED,
           LEGACY_RENAMES,
           description="ACLED upper-case Africa/realtime files (GWNO, ALLY_ACTOR_1), dates "
                       "dd/mm/yyyy or 16-Feb-19"),
    Layout("acled-hdx", "acled", ACLED_HDX, ACLED_REQUIRED,
           description="HDX's ACLED extract, 16 upper-case columns, no time precision or "
                       "inter codes, HXL hashtag row"),
    Layout("ucdp-ged", "ucdp", UCDP_GED_49, UCDP_REQUIRED,
           description="UCDP GED 20.1 and later, 49 columns"),
    Layout("ucdp-ged-19.1", "ucdp", UCDP_GED_42, UCDP_REQUIRED,
           description="UCDP GED 19.1, 42 columns (HDX's country files add iso3)"),
)
LAYOUTS_BY_NAME = {layout.name: layout for layout in LAYOUTS}


def clean_header(header: list[str]) -> list[str]:
    """Lower-case and strip header names; blank names become ``_unnamed_<i>``."""
    out = []
    for i, name in enumerate(header):
        name = name.replace("\ufeff", "").strip().lower()
        out.append(name if name and not name.startswith("unnamed:") else f"_unnamed_{i}")
    return out


def detect_layout(header: list[str], path: str) -> Layout:
    """Detect the layout of a file from its cleaned header.

    Parameters
    ----------
    header : list of str
        Header names as returned by :func:`clean_header`.
    path : str
        The file, for error messages.

    Returns
    -------
    Layout
        The best-matching layout. Date format, not the header, later tells the ACLED
        current and export-tool layouts apart when the optional columns are absent.

    Raises
    ------
    InputError
        If no layout matches, naming the columns seen and the layouts known, or if a layout
        matches by its family but misses required columns.

    """
    names = {n for n in header if not n.startswith("_unnamed_")}
    layout = LAYOUTS_BY_NAME[_layout_name(names, path)]
    standard = set(layout.standard_names(sorted(names)))
    missing = sorted(layout.required - standard)
    if missing:
        raise InputError(path, f"looks like {layout.name} but is missing required column(s) "
                         f"{', '.join(missing)}")
    return layout


def _layout_name(names: set[str], path: str) -> str:
    """Name the layout a set of (lower-case) column names belongs to."""
    if {"gwno", "ally_actor_1", "ally_actor_2"} & names:
        return "acled-legacy"
    if "event_id_cnty" in names or "event_date" in names:
        if not {"time_precision", "inter1", "inter2"} & names:
            return "acled-hdx"
        if set(ACLED_EXPORT_EXTRA) & names:
            has_2019_fields = bool({"disorder_type", "civilian_targeting"} & names)
            return "acled-export-2019-2023" if has_2019_fields else "acled-api-2018-2022"
        return "acled-current"
    if {"side_a", "side_b", "type_of_violence"} & names:
        return "ucdp-ged" if {"relid", "code_status", "where_description"} & names \
            else "ucdp-ged-19.1"
    raise InputError(path, unknown_layout_message(sorted(names)))


def detect_headerless(first_row: list[str]) -> Layout | None:
    """Recognise a UCDP GED file without a header row from its first data row.

    Only the field count and a numeric event id are used: 49 fields is GED 20.1+, 42 fields
    is GED 19.1. Anything else is not certain enough and returns ``None``.
    """
    if not first_row or not first_row[0].strip().isdigit():
        return None
    by_width = {49: "ucdp-ged", 42: "ucdp-ged-19.1"}
    name = by_width.get(len(first_row))
    return LAYOUTS_BY_NAME[name] if name else None


_HXL_TAG = re.compile(r"#[a-z][a-z0-9_]*(\s*\+\s*[a-z][a-z0-9_]*)*", re.IGNORECASE)


def is_hxl_row(values: list[str]) -> bool:
    """Tell whether a row is an HXL hashtag row (``#date``, ``#affected+killed``), not an event.

    HDX's files carry one under the header; every non-empty cell of it is a hashtag.
    """
    cells = [str(v).strip() for v in values if str(v).strip()]
    return bool(cells) and all(_HXL_TAG.fullmatch(cell) for cell in cells)


def unknown_layout_message(columns: list[str]) -> str:
    """Build the error text for a header that matches no known layout."""
    shown = ", ".join(columns[:15]) + (" ..." if len(columns) > 15 else "")
    known = "; ".join(f"{lay.name} ({lay.description})" for lay in LAYOUTS)
    return f"unknown layout: columns seen [{shown}]; known layouts: {known}"
