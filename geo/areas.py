"""Control areas, the front line and km² per side, from the per-place timeline.

Method (VIINA's nearest-settlement rule): every settlement of the timeline gets the Voronoi cell
of its point, clipped to Syria's outline, so each piece of land goes to whoever holds the
nearest settlement. Cells are dissolved by controller for each day (a coverage union: the cells
tile the country exactly). The front line is the shared boundary of government and
non-government areas. Areas are measured in an equal-area projection centred on Syria.

Parameters are in :class:`AreaOptions`: which place types seed cells, the equal-area CRS, and
whether ``contested`` places count as non-government for the front line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo import columns as C

#: Lambert azimuthal equal-area centred on Syria: areas in m² without zone distortion.
EQUAL_AREA_CRS = "+proj=laea +lat_0=35 +lon_0=38.5 +datum=WGS84 +units=m +no_defs"
GOVERNMENT = "government"


@dataclass(frozen=True)
class AreaOptions:
    """How areas are drawn.

    Attributes
    ----------
    seed_types : frozenset of str
        Place types whose points seed Voronoi cells.
    equal_area_crs : str
        CRS in which areas are measured (km²).
    non_government : frozenset of str or None
        Controllers on the other side of the front; ``None`` means every controller but
        government.
    """

    seed_types: frozenset[str] = field(default_factory=lambda: C.SETTLEMENT_TYPES)
    equal_area_crs: str = EQUAL_AREA_CRS
    non_government: frozenset[str] | None = None


#: duplicate points (two places on one spot) are spread on a circle of this radius
DUPLICATE_SPREAD_M = 5.0


def voronoi_cells(
    points: gpd.GeoSeries, outline: Any, metric_crs: str = EQUAL_AREA_CRS
) -> np.ndarray:
    """The Voronoi cell of each point (same order), clipped to ``outline``.

    Points and outline are in lon/lat (EPSG:4326); the cells are built in ``metric_crs`` (a
    degree of longitude is shorter than a degree of latitude at 35°N, so cells drawn in degrees
    give land to the wrong settlement) and returned in lon/lat. Points on the same spot would
    share a cell: each duplicate is moved :data:`DUPLICATE_SPREAD_M` metres, in its own
    direction around the spot.
    """
    from pyproj import Transformer

    forward = Transformer.from_crs("EPSG:4326", metric_crs, always_xy=True)
    back = Transformer.from_crs(metric_crs, "EPSG:4326", always_xy=True)
    lonlat = shapely.get_coordinates(points.values)
    x, y = forward.transform(lonlat[:, 0], lonlat[:, 1])
    coords = np.column_stack([x, y])
    _, group, counts = np.unique(
        np.round(lonlat, 6), axis=0, return_inverse=True, return_counts=True
    )
    group = group.ravel()
    order = np.argsort(group, kind="stable")
    rank = np.empty(len(group), dtype=int)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    rank[order] = np.arange(len(group)) - starts[group[order]]
    angle = 2.0 * np.pi * rank / np.maximum(counts[group], 1)
    moved = rank > 0  # the first point of a spot stays where it is
    coords[moved] += DUPLICATE_SPREAD_M * np.column_stack([np.cos(angle), np.sin(angle)])[moved]
    metric_outline = shapely.transform(outline, lambda c: np.column_stack(forward.transform(*c.T)))
    envelope = shapely.buffer(shapely.envelope(metric_outline), 100_000.0)
    cells = shapely.get_parts(
        shapely.voronoi_polygons(shapely.multipoints(coords), extend_to=envelope, ordered=True)
    )
    clipped = shapely.intersection(cells, metric_outline)
    return np.asarray(shapely.transform(clipped, lambda c: np.column_stack(back.transform(*c.T))))


@lru_cache(maxsize=8)
def _cells_for(key: tuple[tuple[str, float, float], ...], outline_wkb: bytes) -> np.ndarray:
    outline = shapely.from_wkb(outline_wkb)
    points = gpd.GeoSeries(gpd.points_from_xy([k[2] for k in key], [k[1] for k in key]))
    return voronoi_cells(points, outline)


def control_areas(
    timeline: pd.DataFrame, outline: Any, options: AreaOptions | None = None
) -> gpd.GeoDataFrame:
    """Areas per controller per day: ``date, controller, area_km2, n_places, geometry``."""
    opts = options or AreaOptions()
    seeds = timeline[timeline[C.PLACE_TYPE].isin(opts.seed_types)]
    places = seeds.drop_duplicates(C.PLACE_ID).sort_values(C.PLACE_ID)
    key = tuple(zip(places[C.PLACE_ID], places[C.LAT], places[C.LON], strict=True))
    cells = _cells_for(key, shapely.to_wkb(outline))
    cell_of = dict(zip(places[C.PLACE_ID], range(len(places)), strict=True))
    rows: list[tuple[Any, ...]] = []
    cache: dict[tuple[str, bytes], Any] = {}
    for day, group in seeds.groupby(C.DATE, sort=True):
        idx = group[C.PLACE_ID].map(cell_of).to_numpy()
        for controller, sub in pd.Series(idx).groupby(group[C.CONTROLLER].to_numpy()):
            members = np.sort(sub.to_numpy())
            memo = (str(controller), members.tobytes())
            if memo not in cache:  # most days repeat yesterday's sets
                cache[memo] = shapely.coverage_union_all(cells[members])
            rows.append((day, controller, len(members), cache[memo]))
    areas = gpd.GeoDataFrame(
        rows,
        columns=[C.DATE, C.CONTROLLER, "n_places", C.GEOMETRY],
        geometry=C.GEOMETRY,
        crs="EPSG:4326",
    )
    areas.insert(2, "area_km2", areas.to_crs(opts.equal_area_crs).area.to_numpy() / 1e6)
    return areas


def front_lines(areas: gpd.GeoDataFrame, options: AreaOptions | None = None) -> gpd.GeoDataFrame:
    """Per day, the shared boundary of government and non-government areas (lon/lat)."""
    opts = options or AreaOptions()
    rows = []
    for day, group in areas.groupby(C.DATE, sort=True):
        gov = group[group[C.CONTROLLER] == GOVERNMENT].geometry
        other_mask = group[C.CONTROLLER] != GOVERNMENT
        if opts.non_government is not None:
            other_mask &= group[C.CONTROLLER].isin(opts.non_government)
        other = group[other_mask].geometry
        line: Any = shapely.LineString()
        if len(gov) and len(other):
            shared = shapely.intersection(
                shapely.union_all(gov.boundary.values), shapely.union_all(other.boundary.values)
            )
            parts = [
                g
                for g in shapely.get_parts(shared)
                if g.geom_type in ("LineString", "MultiLineString")
            ]
            if parts:
                line = shapely.line_merge(shapely.union_all(parts))
        rows.append((day, line))
    fronts = gpd.GeoDataFrame(
        rows, columns=[C.DATE, C.GEOMETRY], geometry=C.GEOMETRY, crs="EPSG:4326"
    )
    fronts["length_km"] = fronts.to_crs(opts.equal_area_crs).length.to_numpy() / 1e3
    return fronts


def area_by_controller(areas: gpd.GeoDataFrame) -> pd.DataFrame:
    """km² per controller per day, one column per controller."""
    table = areas.pivot_table(
        index=C.DATE, columns=C.CONTROLLER, values="area_km2", aggfunc="sum", fill_value=0.0
    )
    table.columns.name = None
    return table.reset_index()
