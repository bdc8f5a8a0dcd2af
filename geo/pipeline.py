"""From article paths to claims and a control timeline: the steps every front end shares.

I/O happens here only through :mod:`geo.io` (reading articles and data files); the steps
themselves are the pure functions of :mod:`geo.claims`, :mod:`geo.timeline`, :mod:`geo.areas`
and :mod:`geo.corridor`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

import geopandas as gpd
import pandas as pd
from shapely.geometry import shape

from geo import io
from geo.claims import claims_frame, extract_claims
from geo.corpus import DatedArticle, prepare
from geo.corridor import Corridor, make_corridor
from geo.errors import ArticleError
from geo.gazetteer import Gazetteer, data_dir, load_gazetteer
from geo.timeline import control_timeline, default_range


@dataclass
class Run:
    """Everything computed from one batch of articles."""

    articles: list[DatedArticle]
    errors: list[ArticleError]
    claims: pd.DataFrame
    timeline: gpd.GeoDataFrame
    syndicated: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=1)
def baseline() -> pd.DataFrame:
    """The committed ``data/baseline_control.csv``."""
    return io.read_baseline_csv(data_dir() / "baseline_control.csv")


@lru_cache(maxsize=1)
def outline() -> Any:
    """Syria's outline (shapely, lon/lat)."""
    return io.read_outline(data_dir() / "syria_outline.geojson")


@lru_cache(maxsize=1)
def m5() -> Corridor:
    """The M5 corridor, chainage measured from Damascus."""
    data = json.loads((data_dir() / "m5.geojson").read_text(encoding="utf-8"))
    damascus = load_gazetteer().place("damascus")
    return make_corridor(shape(data["features"][0]["geometry"]), (damascus.lat, damascus.lon))


def run_articles(
    articles: Sequence[io.Article],
    *,
    gazetteer: Gazetteer | None = None,
    start: date | None = None,
    end: date | None = None,
) -> Run:
    """Date, extract and fuse a batch of articles into a control timeline."""
    gaz = gazetteer or load_gazetteer()
    ready, errors = prepare(list(articles))
    claims = [
        c
        for item in ready
        for c in extract_claims(
            item.article.text, published=item.published, article=item.article.name, gazetteer=gaz
        )
    ]
    frame = claims_frame(claims)
    base = baseline()
    first, last = default_range([a.published for a in ready], base)
    syndicated = {a.article.name: a.syndicated_from for a in ready if a.syndicated_from}
    timeline = control_timeline(
        frame, base, start or first, end or last, gazetteer=gaz, syndicated=syndicated
    )
    return Run(ready, errors, frame, timeline, syndicated)


def run_paths(
    paths: Sequence[str], *, published: date | None = None
) -> tuple[Run, list[ArticleError]]:
    """:func:`run_articles` over files/directories; read errors are returned, not raised."""
    articles: list[io.Article] = []
    failed: list[ArticleError] = []
    for item in io.iter_articles(paths, published=published):
        if isinstance(item, ArticleError):
            failed.append(item)
        else:
            articles.append(item)
    result = run_articles(articles)
    return result, failed + result.errors


@lru_cache(maxsize=1)
def governorates() -> gpd.GeoDataFrame:
    """Governorate polygons (the offline basemap)."""
    return gpd.read_file(data_dir() / "syria_admin1.geojson", engine="pyogrio")


@lru_cache(maxsize=1)
def road() -> gpd.GeoDataFrame:
    """The M5 line with its properties (waypoints as text)."""
    frame = gpd.read_file(data_dir() / "m5.geojson", engine="pyogrio")
    for col in frame.columns:
        if col != "geometry" and frame[col].map(lambda v: isinstance(v, list)).any():
            frame[col] = frame[col].map(lambda v: ";".join(v) if isinstance(v, list) else v)
    return frame


def map_layers(result: Run) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Control areas and front lines of every day of a run."""
    from geo.areas import control_areas, front_lines

    areas = control_areas(result.timeline, outline())
    return areas, front_lines(areas)


def provenance(result: Run) -> Any:
    """Claims and outlets of a run, for feature provenance and popups."""
    from geo.export import Provenance, outlets_of

    return Provenance(result.claims, outlets_of(result.articles))


def export_features(result: Run, day: date | None = None) -> dict[str, list[dict[str, Any]]]:
    """GeoJSON features per layer for one day (or every day as runs)."""
    from geo.export import layers

    areas, fronts = map_layers(result)
    return layers(result.timeline, areas, fronts, road(), provenance(result), day)


def snapshot(result: Run, day: date, tiles: str | None = None) -> str:
    """The offline HTML map of one day."""
    from geo.corridor import front_positions
    from geo.export import snapshot_html
    from geo.timeline import control_on

    control_on(result.timeline, day)  # raises DateRangeError outside the timeline
    areas, fronts = map_layers(result)
    front = front_positions(result.timeline, m5()).set_index("date")
    row = (
        {str(k): v for k, v in front.loc[day.isoformat()].to_dict().items()}
        if day.isoformat() in front.index
        else None
    )
    return snapshot_html(
        day,
        result.timeline,
        areas,
        fronts,
        road(),
        governorates(),
        provenance(result),
        front=row,
        tiles=tiles,
    )
