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
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
from shapely.geometry import shape

from geo import io
from geo.claims import extract_claims
from geo.corpus import DatedArticle, prepare, unique_name
from geo.corridor import Corridor, make_corridor
from geo.errors import ArticleError
from geo.gazetteer import Gazetteer, data_dir, load_gazetteer
from geo.records import claims_frame
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
            item.article.text,
            published=item.published,
            article=item.article.name,
            gazetteer=gaz,
            outlet=item.article.outlet,
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
    from geo.changes import day_changes
    from geo.corridor import chainage_ticks
    from geo.export import outlets_of
    from geo.mappage import snapshot_html
    from geo.timeline import control_on

    control_on(result.timeline, day)  # raises DateRangeError outside the timeline
    areas, fronts = map_layers(result)
    changes = day_changes(result.timeline, areas, result.claims, outlets_of(result.articles), day)
    return snapshot_html(
        day,
        result.timeline,
        areas,
        fronts,
        road(),
        governorates(),
        provenance(result),
        front=fronts_by_day(result).get(day.isoformat()),
        tiles=tiles,
        ticks=chainage_ticks(m5()),
        changes=changes[0],
    )


def animation_frames(
    result: Run, start: date | None = None, end: date | None = None
) -> tuple[list[date], list[Any]]:
    """The days from ``start`` to ``end`` (default: the whole timeline) and one frame per day
    (RGB arrays of :func:`geo.animate.render_frame`). Days outside the timeline raise
    :class:`geo.errors.DateRangeError` naming the valid range."""
    from geo.animate import AnimationError, day_layers, render_frame
    from geo.timeline import control_on, timeline_days

    all_days = timeline_days(result.timeline)
    for d in (start, end):
        if d is not None:
            control_on(result.timeline, d)  # raises outside the range
    days = [d for d in all_days if (start is None or d >= start) and (end is None or d <= end)]
    if not days:
        raise AnimationError(f"--from {start} is after --to {end}: no days to draw")
    areas, fronts = map_layers(result)
    layers = day_layers(days, areas, fronts, fronts_by_day(result), result.timeline)
    basemap, highway = governorates(), road()
    return days, [render_frame(day, highway, basemap) for day in layers]


def fronts_by_day(result: Run) -> dict[str, dict[str, Any]]:
    """Front position rows of :func:`geo.corridor.front_positions`, by ISO day."""
    from geo.corridor import front_positions

    table = front_positions(result.timeline, m5())
    return {str(r["date"]): {str(k): v for k, v in r.items()} for r in table.to_dict("records")}


def animated_map(result: Run, initial: date, autoplay: bool = False) -> str:
    """The dashboard's map: every day in one offline page with its own slider and player."""
    from geo.corridor import chainage_ticks
    from geo.mappage import animated_html
    from geo.timeline import timeline_days

    days = timeline_days(result.timeline)
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
    """Where derived results are cached: ``$FRONTLINE_CACHE``; ``.cache/`` beside ``data/`` in a
    checkout (never committed); the user's cache folder for an installed package."""
    from geo.gazetteer import gazetteer_cache_dir, is_source_tree

    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    return data_dir().parent / ".cache" if is_source_tree() else gazetteer_cache_dir()


def fingerprint(inputs: Sequence[Path] = ()) -> str:
    """A hash of the inputs, the committed data files and the package's own code."""
    digest = hashlib.sha256()
    code = sorted(Path(__file__).resolve().parent.glob("*.py"))
    data = sorted(
        p
        for p in data_dir().iterdir()  # committed files, not a store kept there
        if p.is_file() and p.suffix in (".csv", ".geojson")
    )
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
    revision: int = 0


def build_bundle(result: Run) -> Bundle:
    """Everything the dashboard shows of a run (no cache)."""
    from geo.corridor import front_positions
    from geo.timeline import timeline_range

    areas, fronts = map_layers(result)
    page = animated_map(result, timeline_range(result.timeline)[0])
    return Bundle(result, areas, fronts, front_positions(result.timeline, m5()), page)


# --- the store ------------------------------------------------------------------------------
@dataclass(frozen=True)
class IngestReport:
    """What ``frontline ingest`` did."""

    articles_added: int
    claims_added: int
    failed: int
    warnings: tuple[str, ...] = ()

    def as_json(self) -> dict[str, int]:
        return {
            "articles_added": self.articles_added,
            "claims_added": self.claims_added,
            "failed": self.failed,
        }


def ingest(
    store: Any,
    articles: Sequence[io.Article],
    *,
    gazetteer: Gazetteer | None = None,
    workers: int = 1,
) -> tuple[IngestReport, list[ArticleError]]:
    """Add articles (and their claims) to the store; texts already stored are skipped.

    Undated articles are dated from the batch and the store (see :mod:`geo.corpus`); each
    article goes in its own transaction. Unknown places named after a cue ("the town of X")
    are kept (``place_id`` null) and reported as warnings with their line.
    """
    from geo.claims import EXTRACTOR_VERSION
    from geo.store import content_hash

    gaz = gazetteer or load_gazetteer()
    stored = [a for a, _, _ in store.article_objects()]
    stored_hashes = {content_hash(a.text) for a in stored}
    taken = {a.name for a in stored}
    fresh: list[io.Article] = []
    seen: set[str] = set()
    for a in articles:
        digest = content_hash(a.text)
        if digest not in stored_hashes and digest not in seen:
            seen.add(digest)
            fresh.append(unique_name(a, taken))
    ready, errors = prepare([*stored, *fresh])
    fresh_names = {a.name for a in fresh}
    errors = [e for e in errors if any(e.source.endswith(n) for n in fresh_names)]
    added = claims_added = 0
    warnings: list[str] = []
    from geo.stream import extract_ready

    todo = [item for item in ready if item.article.name in fresh_names]
    for done in extract_ready(todo, workers=workers, gazetteer=gaz):
        item, claims = done.item, done.claims
        warnings += done.warnings
        if store.add(
            item.article,
            item.published,
            claims,
            date_basis=item.date_basis,
            syndicated_from=item.syndicated_from,
            extractor_version=EXTRACTOR_VERSION,
        ):
            added += 1
            claims_added += len(claims)
    if added:
        links = {a.article.name: a.syndicated_from for a in ready if a.syndicated_from}
        if links:
            store.set_syndication(links)
    return IngestReport(added, claims_added, len(errors), tuple(warnings)), errors


def reextract(store: Any, *, gazetteer: Gazetteer | None = None) -> dict[str, int]:
    """Extract every stored article again with the current extractor; reviews follow."""
    from geo.claims import EXTRACTOR_VERSION

    gaz = gazetteer or load_gazetteer()
    n_articles = n_claims = moved = 0
    for stored, (article, _, _) in zip(store.articles(), store.article_objects(), strict=True):
        claims = extract_claims(
            article.text,
            published=article.published,
            article=article.name,
            gazetteer=gaz,
            outlet=article.outlet,
        )
        moved += store.replace_claims(stored.id, claims, EXTRACTOR_VERSION)
        n_articles += 1
        n_claims += len(claims)
    return {"articles": n_articles, "claims": n_claims, "reviews_moved": moved}


def run_store(store: Any, *, gazetteer: Gazetteer | None = None) -> Run:
    """The run of everything in the store, with its reviews applied."""
    gaz = gazetteer or load_gazetteer()
    dated = [
        DatedArticle(a, a.published or date.min, basis, original)
        for a, basis, original in store.article_objects()
    ]
    claims = store.reviewed_claims(gaz)
    base = baseline()
    first, last = default_range([d.published for d in dated], base)
    syndicated = {d.article.name: d.syndicated_from for d in dated if d.syndicated_from}
    timeline = control_timeline(
        claims[list(claims.columns)], base, first, last, gazetteer=gaz, syndicated=syndicated
    )
    return Run(dated, [], claims, timeline, syndicated)


def run_claims(claims: pd.DataFrame, *, gazetteer: Gazetteer | None = None) -> Run:
    """The run of claims extracted elsewhere (``extract --dask … --parquet``): the timeline runs
    from the baseline's date to the latest event date."""
    gaz = gazetteer or load_gazetteer()
    base = baseline()
    latest = [d for d in claims["event_date"] if isinstance(d, date)] if len(claims) else []
    first, last = default_range(latest, base)
    timeline = control_timeline(claims, base, first, last, gazetteer=gaz)
    return Run([], [], claims, timeline, {})


def store_bundle(path: Path) -> Bundle:
    """The dashboard bundle of a store, from the disk cache while the store is unchanged."""
    from geo.export import write_atomic
    from geo.store import open_store

    with open_store(path) as store:
        key = f"{path.resolve()}|{store.revision}|{fingerprint()}"
        cache = cache_dir() / f"store-{hashlib.sha256(key.encode()).hexdigest()[:24]}.pickle"
        if cache.exists():
            try:
                with cache.open("rb") as fh:
                    cached: Bundle = pickle.load(fh)  # our own cache file, written below
                return cached
            except Exception:
                cache.unlink(missing_ok=True)
        result = run_store(store)
        revision = store.revision
    bundle = build_bundle(result)
    bundle.revision = revision
    with contextlib.suppress(OSError):
        write_atomic(cache, pickle.dumps(bundle, protocol=pickle.HIGHEST_PROTOCOL))
    return bundle
