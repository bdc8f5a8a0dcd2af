"""The M5 corridor: chainage of places from Damascus, and the front's distance to Damascus.

Chainage is the distance along the M5 from Damascus, in km, positive toward Aleppo and
negative toward Daraa: the line (``data/m5.geojson``, schematic, through town centres) is
projected to UTM 37N (EPSG:32637) and each place is located on it with ``line_locate_point``.
The front on the M5 for a day is the non-government place within ``max_offset_km`` of the road,
north of Damascus, with the smallest chainage; places that only reach the road at its end (north
of Aleppo, where the line stops) are not on it. Geodesic distances use pyproj's ``Geod`` on
WGS84 (Karney's algorithm, as geopy's ``geodesic``). Everything runs on arrays.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import shapely
from pyproj import Geod, Transformer

from geo import columns as C

METRIC_CRS = "EPSG:32637"
#: How far from the (schematic, 1-5 km off) line a place may be and still be "on the M5": the
#: 2020-2024 front in Jabal al-Zawiya ran 10-15 km west of the road.
DEFAULT_MAX_OFFSET_KM = 15.0
CORRIDOR_COLUMNS = (
    "date",
    "front_place",
    "chainage_km",
    "road_km_to_damascus",
    "geodesic_km_to_damascus",
    "advance_km_per_day",
)
_GEOD = Geod(ellps="WGS84")
_TO_METRIC = Transformer.from_crs("EPSG:4326", METRIC_CRS, always_xy=True)


@dataclass(frozen=True)
class Corridor:
    """A road in a metric CRS with its origin (Damascus) located on it.

    Attributes
    ----------
    line_m : shapely.LineString
        The road in EPSG:32637, in the direction Aleppo → Damascus → Daraa.
    origin_m : float
        Distance along ``line_m`` of the origin (Damascus), in metres.
    origin_lat_lon : tuple of float
        The origin, (lat, lon).
    """

    line_m: Any
    origin_m: float
    origin_lat_lon: tuple[float, float]

    @property
    def length_km(self) -> float:
        """Length of the whole line, in km."""
        return float(self.line_m.length) / 1e3

    def chainage_km(self, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
        """Chainage of each (lat, lon): km along the road from the origin, + toward Aleppo."""
        x, y = _TO_METRIC.transform(np.asarray(lon, float), np.asarray(lat, float))
        along = shapely.line_locate_point(self.line_m, shapely.points(x, y))
        return (self.origin_m - along) / 1e3

    def offset_km(self, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
        """Distance of each (lat, lon) from the road, in km."""
        x, y = _TO_METRIC.transform(np.asarray(lon, float), np.asarray(lat, float))
        return shapely.distance(self.line_m, shapely.points(x, y)) / 1e3

    def geodesic_km_to_origin(self, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
        """Geodesic distance of each (lat, lon) to the origin, in km (WGS84)."""
        lat = np.asarray(lat, float)
        lon = np.asarray(lon, float)
        o_lat = np.full_like(lat, self.origin_lat_lon[0])
        o_lon = np.full_like(lon, self.origin_lat_lon[1])
        _, _, dist_m = _GEOD.inv(lon, lat, o_lon, o_lat)
        return np.asarray(dist_m) / 1e3


def make_corridor(line_lon_lat: Any, origin_lat_lon: tuple[float, float]) -> Corridor:
    """Build a :class:`Corridor` from a lon/lat LineString and its origin (lat, lon)."""
    coords = np.asarray(line_lon_lat.coords)
    x, y = _TO_METRIC.transform(coords[:, 0], coords[:, 1])
    line_m = shapely.LineString(np.column_stack([x, y]))
    ox, oy = _TO_METRIC.transform(origin_lat_lon[1], origin_lat_lon[0])
    origin_m = float(shapely.line_locate_point(line_m, shapely.Point(ox, oy)))
    return Corridor(line_m, origin_m, origin_lat_lon)


def _end_points(corridor: Corridor) -> tuple[np.ndarray, np.ndarray]:
    """(lat, lon) arrays of the two ends of the road."""
    coords = np.asarray(corridor.line_m.coords)[[0, -1]]
    lon, lat = _TO_METRIC.transform(coords[:, 0], coords[:, 1], direction="INVERSE")
    return np.asarray(lat), np.asarray(lon)


def place_chainage(corridor: Corridor, places: pd.DataFrame) -> pd.DataFrame:
    """``place_id, chainage_km, offset_km, geodesic_km_to_damascus`` for places with lat/lon."""
    lat, lon = places[C.LAT].to_numpy(float), places[C.LON].to_numpy(float)
    return pd.DataFrame(
        {
            C.PLACE_ID: places[C.PLACE_ID].to_numpy(),
            "chainage_km": corridor.chainage_km(lat, lon),
            "offset_km": corridor.offset_km(lat, lon),
            "geodesic_km_to_damascus": corridor.geodesic_km_to_origin(lat, lon),
        }
    )


def front_positions(
    timeline: pd.DataFrame,
    corridor: Corridor,
    *,
    max_offset_km: float = DEFAULT_MAX_OFFSET_KM,
    place_types: frozenset[str] = C.SETTLEMENT_TYPES,
) -> pd.DataFrame:
    """Per day: the front's place on the road and its distances (:data:`CORRIDOR_COLUMNS`).

    Days with no non-government place near the road north of Damascus have empty values.
    ``advance_km_per_day`` is yesterday's road distance minus today's (positive = toward
    Damascus).
    """
    places = timeline.drop_duplicates(C.PLACE_ID)
    places = places[places[C.PLACE_TYPE].isin(place_types)]
    chain = place_chainage(corridor, places)
    ends = corridor.chainage_km(*_end_points(corridor))
    beyond = (chain["offset_km"] > 1.0) & (
        np.isclose(chain["chainage_km"], ends.max()) | np.isclose(chain["chainage_km"], ends.min())
    )
    near = chain[(chain["offset_km"] <= max_offset_km) & (chain["chainage_km"] > 0) & ~beyond]
    rows = timeline[
        timeline[C.PLACE_ID].isin(near[C.PLACE_ID]) & (timeline[C.CONTROLLER] != "government")
    ]
    rows = rows.merge(near, on=C.PLACE_ID)
    best = rows.sort_values([C.DATE, "chainage_km"]).drop_duplicates(C.DATE)
    days = pd.DataFrame({C.DATE: sorted(timeline[C.DATE].unique())})
    out = days.merge(
        best[[C.DATE, C.NAME, "chainage_km", "geodesic_km_to_damascus"]], on=C.DATE, how="left"
    )
    out = out.rename(columns={C.NAME: "front_place"})
    out["road_km_to_damascus"] = out["chainage_km"]
    out["advance_km_per_day"] = 0.0 - out["road_km_to_damascus"].diff()  # no -0.0
    out[C.DATE] = pd.to_datetime(out[C.DATE]).dt.strftime("%Y-%m-%d")
    return out[list(CORRIDOR_COLUMNS)]


def chainage_ticks(corridor: Corridor, step_km: float = 50.0) -> list[tuple[float, float, float]]:
    """(lat, lon, km) marks every ``step_km`` along the road from the origin toward Aleppo."""
    ticks = []
    km = step_km
    while corridor.origin_m - km * 1000 > 0:
        pt = corridor.line_m.interpolate(corridor.origin_m - km * 1000)
        lon, lat = _TO_METRIC.transform(pt.x, pt.y, direction="INVERSE")
        ticks.append((float(lat), float(lon), km))
        km += step_km
    return ticks
