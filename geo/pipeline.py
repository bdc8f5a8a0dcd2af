"""From article paths to claims and a control timeline: the steps every front end shares.

I/O happens here only through :mod:`geo.io` (reading articles and data files); the steps
themselves are the pure functions of :mod:`geo.claims`, :mod:`geo.timeline`, :mod:`geo.areas`
and :mod:`geo.corridor`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
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
    """The M5 corridor, chainage measured from Damascus (the line's ``damascus`` waypoint)."""
    feature = json.loads((data_dir() / "m5.geojson").read_text(encoding="utf-8"))["features"][0]
    line = shape(feature["geometry"])
    waypoints = feature["properties"]["waypoint_place_ids"]
    lon, lat = line.coords[waypoints.index("damascus")]
    return make_corridor(line, (lat, lon))


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
    from geo.corridor import chainage_ticks, front_positions
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
        ticks=chainage_ticks(m5()),
    )


def fronts_by_day(result: Run) -> dict[str, dict[str, Any]]:
    """Front position rows of :func:`geo.corridor.front_positions`, by ISO day."""
    from geo.corridor import front_positions

    table = front_positions(result.timeline, m5())
    return {str(r["date"]): {str(k): v for k, v in r.items()} for r in table.to_dict("records")}


def animated_map(result: Run, initial: date, autoplay: bool = False) -> str:
    """The dashboard's map: every day in one offline page with its own slider and player."""
    from geo.corridor import chainage_ticks
    from geo.export import animated_html
    from geo.timeline import timeline_range

    first, last = timeline_range(result.timeline)
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    areas, fronts = map_layers(result)
    return animated_html(
        days,
        initial,
        result.timeline,
        areas,
        fronts,
        road(),
        governorates(),
        provenance(result),
        fronts_by_day(result),
        autoplay=autoplay,
        ticks=chainage_ticks(m5()),
    )


# --- a disk cache of the seed corpus's results -----------------------------------------------
CACHE_ENV = "FRONTLINE_CACHE"


def cache_dir() -> Path:
    """Where derived results are cached (``.cache/`` beside ``data/``; never committed)."""
    env = os.environ.get(CACHE_ENV)
    return Path(env) if env else data_dir().parent / ".cache"


def fingerprint(inputs: Sequence[Path]) -> str:
    """A hash of the inputs, the committed data files and the package's own code."""
    digest = hashlib.sha256()
    code = sorted(Path(__file__).resolve().parent.glob("*.py"))
    data = sorted(p for p in data_dir().iterdir() if p.is_file())
    for path in [*sorted(inputs), *code, *data]:
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


@dataclass
class Bundle:
    """What the dashboard shows for a corpus: the run, its layers and its animated map."""

    run: Run
    areas: gpd.GeoDataFrame
    fronts: gpd.GeoDataFrame
    front: pd.DataFrame
    map_page: str


def build_bundle(articles: Sequence[io.Article]) -> Bundle:
    """Compute a :class:`Bundle` (no cache)."""
    from geo.corridor import front_positions
    from geo.timeline import timeline_range

    result = run_articles(articles)
    areas, fronts = map_layers(result)
    page = animated_map(result, timeline_range(result.timeline)[0])
    return Bundle(result, areas, fronts, front_positions(result.timeline, m5()), page)


def seed_bundle(folder: Path) -> tuple[Bundle, list[ArticleError]]:
    """The bundle of a folder of articles, from the disk cache when its inputs are unchanged.

    The cache file is written atomically and read only by this function; a cache that cannot
    be read is rebuilt.
    """
    from geo.export import write_atomic

    items = list(io.iter_articles([str(folder)]))
    errors = [i for i in items if isinstance(i, ArticleError)]
    articles = [i for i in items if isinstance(i, io.Article)]
    inputs = [p for p in folder.iterdir() if p.is_file() and p.suffix in (".txt", ".csv")]
    path = cache_dir() / f"bundle-{fingerprint(inputs)}.pickle"
    if path.exists():
        try:
            with path.open("rb") as fh:
                bundle: Bundle = pickle.load(fh)  # our own cache file, written below
            return bundle, errors
        except Exception:  # a stale or damaged cache is rebuilt
            path.unlink(missing_ok=True)
    bundle = build_bundle(articles)
    with contextlib.suppress(OSError):  # a read-only checkout still works, uncached
        write_atomic(path, pickle.dumps(bundle, protocol=pickle.HIGHEST_PROTOCOL))
    return bundle, errors
