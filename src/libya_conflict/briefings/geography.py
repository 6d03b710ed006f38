"""Where a map looks: the view of a briefing's area, its neighbours, and a corner for a locator.

Maps are zoomed to the area a briefing is about (a district, Greater Tripoli, a region, the
front districts), with the view widened to the shape of the printed plot so that the map fills
the text width of an A4 page instead of leaving blank bands beside it. Geometry comes from the
district polygons of :mod:`libya_conflict.reference.boundaries`, never from the network.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from libya_conflict.reference.boundaries import district_shapes

# The plot of a map across the text width of an A4 page (the PDF is laid out 700 px wide).
PLOT_WIDTH = 684
MAX_HEIGHT = 300
MIN_HEIGHT = 220
PAD = 0.08            # share of the area's size added around it
MIN_PAD = 0.06        # degrees: a district's edge never touches the frame
MIN_SPAN = 0.5        # degrees across at least: a 30 km district still shows its surroundings
ZOOMED = 0.6          # a view narrower than this share of Libya gets a locator map


def merc(lat: float) -> float:
    """Return the Mercator ordinate of a latitude, in degree units (as longitudes are)."""
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def unmerc(y: float) -> float:
    """Return the latitude of a Mercator ordinate in degree units."""
    return math.degrees(2 * math.atan(math.exp(math.radians(y))) - math.pi / 2)


@dataclass(frozen=True)
class View:
    """A rectangle of longitude and latitude, and the plot height that shows it at full width.

    Attributes
    ----------
    lon, lat : tuple of float
        The ranges shown.
    height : int
        Height in pixels of the map's plot at :data:`PLOT_WIDTH` (or at the given width).
    zoomed : bool
        Narrower than Libya: the map gets a locator of the whole country.

    """

    lon: tuple[float, float]
    lat: tuple[float, float]
    height: int
    zoomed: bool

    @property
    def span(self) -> float:
        """Return the width of the view in degrees of longitude."""
        return self.lon[1] - self.lon[0]

    def holds(self, lat: float, lon: float) -> bool:
        """Tell whether a point lies in the view."""
        return self.lat[0] <= lat <= self.lat[1] and self.lon[0] <= lon <= self.lon[1]


@cache
def libya_bounds() -> tuple[float, float, float, float]:
    """Return (west, south, east, north) of the 22 districts."""
    return area_bounds(None)


def area_bounds(districts: Sequence[str] | None) -> tuple[float, float, float, float]:
    """Return (west, south, east, north) of some districts (None: all of Libya)."""
    shapes = district_shapes()
    names = list(shapes) if not districts else list(districts)
    boxes = np.array([shapes[d].bounds for d in names])
    return (float(boxes[:, 0].min()), float(boxes[:, 1].min()), float(boxes[:, 2].max()),
            float(boxes[:, 3].max()))


def points_bounds(lat: Sequence[float], lon: Sequence[float]
                  ) -> tuple[float, float, float, float] | None:
    """Return (west, south, east, north) of points, or None without any."""
    if not len(lat):
        return None
    return float(min(lon)), float(min(lat)), float(max(lon)), float(max(lat))


def view_of(bounds: tuple[float, float, float, float], width: int = PLOT_WIDTH,
            max_height: int = MAX_HEIGHT, min_height: int = MIN_HEIGHT) -> View:
    """Return the view that shows ``bounds`` (padded) and fills a plot ``width`` pixels wide.

    The padded box is widened in longitude when it is taller than the plot allows, or in
    latitude when it is so flat that the plot would be lower than ``min_height``: either way
    the map keeps Mercator's shape and fills the width.
    """
    west, south, east, north = bounds
    pad_x = max(MIN_PAD, PAD * (east - west), (MIN_SPAN - (east - west)) / 2)
    pad_y = max(MIN_PAD, PAD * (north - south), (MIN_SPAN - (north - south)) / 2)
    west, east = west - pad_x, east + pad_x
    bottom, top = merc(south - pad_y), merc(north + pad_y)
    dx, dy = east - west, top - bottom
    height = width * dy / dx
    if height > max_height:
        height, extra = max_height, dy * width / max_height - dx
        west, east = west - extra / 2, east + extra / 2
    elif height < min_height:
        height, extra = min_height, dx * min_height / width - dy
        bottom, top = bottom - extra / 2, top + extra / 2
    lon = (round(west, 3), round(east, 3))
    lat = (round(unmerc(bottom), 3), round(unmerc(top), 3))
    libya = libya_bounds()
    zoomed = lon[1] - lon[0] < ZOOMED * (libya[2] - libya[0])
    return View(lon, lat, round(height), zoomed)


def small_part(inner: tuple[float, float, float, float],
               outer: tuple[float, float, float, float], share: float = 0.25,
               min_outer: float = 3.0) -> bool:
    """Tell whether ``inner`` covers only a small share of a large ``outer`` box's area."""
    wide, high = outer[2] - outer[0], outer[3] - outer[1]
    if max(wide, high) < min_outer:
        return False
    return (inner[2] - inner[0]) * (inner[3] - inner[1]) < share * wide * high


def at_least(box: tuple[float, float, float, float], span: float
             ) -> tuple[float, float, float, float]:
    """Return ``box`` widened about its middle to at least ``span`` degrees each way."""
    west, south, east, north = box
    grow_x, grow_y = max(0.0, span - (east - west)) / 2, max(0.0, span - (north - south)) / 2
    return west - grow_x, south - grow_y, east + grow_x, north + grow_y


def width_share(bounds: tuple[float, float, float, float], least: float = 0.55) -> float:
    """Return the share of the printed width a map of ``bounds`` needs at its full height.

    A tall area (all of Libya, the front with the Jabal al Gharbi) widened to the whole width
    would show more of the neighbouring countries than of itself: it takes less of the width
    instead (at least ``least``), and its key goes beside it. 1.0 for areas wide enough.
    """
    west, south, east, north = bounds
    natural = MAX_HEIGHT * (east - west) / (merc(north) - merc(south)) / PLOT_WIDTH
    return 1.0 if natural > 0.85 else round(max(least, natural), 2)


@cache
def _neighbours(districts: tuple[str, ...]) -> tuple[str, ...]:
    shapes = district_shapes()
    area = [shapes[d] for d in districts]
    # Natural Earth's borders do not always meet exactly: a hair of tolerance makes them touch.
    return tuple(sorted(name for name, shape in shapes.items() if name not in districts
                        and any(shape.distance(a) < 0.005 for a in area)))


def neighbours(districts: Sequence[str]) -> list[str]:
    """Return the districts that border the area, sorted by name."""
    return list(_neighbours(tuple(sorted(districts))))


@cache
def label_point(district: str) -> tuple[float, float]:
    """Return (lat, lon) of a point inside a district, where its name is written."""
    point = district_shapes()[district].representative_point()
    return round(point.y, 3), round(point.x, 3)


CORNERS = ("top right", "top left", "bottom right", "bottom left")


def quiet_corner(view: View, lat: Sequence[float], lon: Sequence[float],
                 size: tuple[float, float] = (0.27, 0.4)) -> str:
    """Return the corner of the view with the fewest points, where a locator map hides nothing.

    Parameters
    ----------
    view : View
        The map's view.
    lat, lon : sequence of float
        What the map draws there (events, labels).
    size : (float, float)
        The locator's width and height as shares of the view.

    """
    x = (np.asarray(lon, dtype=float) - view.lon[0]) / view.span
    bottom, top = merc(view.lat[0]), merc(view.lat[1])
    y = (np.array([merc(v) for v in lat], dtype=float) - bottom) / (top - bottom)
    counts = {}
    for corner in CORNERS:
        in_x = x >= 1 - size[0] if "right" in corner else x <= size[0]
        in_y = y >= 1 - size[1] if "top" in corner else y <= size[1]
        counts[corner] = int((in_x & in_y).sum())
    return min(CORNERS, key=lambda c: (counts[c], CORNERS.index(c)))
