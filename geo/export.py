"""Writing: GeoJSON (RFC 7946), GeoPackage and HTML files (the pages are :mod:`geo.mappage`).

Every write is atomic: the output goes to a temporary file beside the target, is flushed to
disk, and is renamed over the target, so an interrupted export never leaves half a file where a
good one was.

Every feature carries its provenance: the claims behind it, their sources and quotes.
"""

from __future__ import annotations

import glob
import json
import math
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo import columns as C

COORD_DECIMALS = 6
#: precision of geometries drawn in map pages (about 11 m)
DISPLAY_PRECISION_DEG = 1e-4
LAYERS = ("control", "claimed", "area", "front", "road")
COLORS = {
    "government": "#d1495b",
    "opposition": "#2f9e44",
    "sna": "#94c973",
    "sdf": "#f2c14e",
    "southern_opposition": "#4dabf7",
    "contested": "#8d8d8d",
    "unknown": "#cccccc",
}
LABELS = {
    "government": "Government",
    "opposition": "Opposition (HTS-led)",
    "sna": "Syrian National Army",
    "sdf": "SDF",
    "southern_opposition": "Southern opposition",
    "contested": "Contested",
    "unknown": "Unknown",
}


# --- atomic writes ----------------------------------------------------------------------------
def write_atomic(path: str | Path, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file and an atomic rename.

    The temporary file (``.<name>.<pid>.<random>.tmp`` beside the target) carries the writer's
    process id; temporary files of the same target left by writers that died (``kill -9``) are
    removed by the next write.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_orphans(path)
    fd, tmp = tempfile.mkstemp(
        prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent
    )
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _remove_orphans(path: Path) -> None:
    """Delete temporary files of ``path`` whose writing process no longer exists."""
    for tmp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp*"):
        pid = tmp.name[len(path.name) + 2 :].split(".", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass  # alive, or not ours to probe


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --- provenance -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Provenance:
    """Claims and the outlets behind them, for attaching quotes to features."""

    claims: pd.DataFrame
    outlets: Mapping[str, str]

    def __post_init__(self) -> None:
        records = self.claims.to_dict("records") if "claim_id" in self.claims else []
        object.__setattr__(self, "by_id", {str(r["claim_id"]): r for r in records})

    def claim(self, claim_id: str) -> dict[str, Any] | None:
        """One claim record by id, or None."""
        found: dict[str, Any] | None = self.by_id.get(claim_id)  # type: ignore[attr-defined]
        return found

    def outlet(self, article: str) -> str:
        """The outlet of an article (its name when the manifest gives none)."""
        return self.outlets.get(article) or article

    def of(self, claim_ids: str) -> dict[str, list[Any]]:
        """``claim_ids``, ``sources`` and ``quotes`` lists for a ``;``-separated id string."""
        ids = [i for i in str(claim_ids or "").split(C.ID_SEPARATOR) if i]
        sources, quotes = [], []
        for i in ids:
            row = self.claim(i)
            if row is None:
                continue
            sources.append(
                f"{self.outlet(str(row['article']))} ({row['claimant']}, {row['status']})"
            )
            quotes.append(str(row["quote"]))
        return {"claim_ids": ids, "sources": sources, "quotes": quotes}


# --- GeoJSON ----------------------------------------------------------------------------------
def _clean(value: Any) -> Any:
    """JSON-safe property value: no NaN, dates as ISO strings, numpy as Python."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (pd.Timestamp, date)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, np.generic):
        return _clean(value.item())
    if isinstance(value, np.ndarray):
        return [_clean(v) for v in value.tolist()]
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


def rfc7946_geometry(geom: Any) -> dict[str, Any]:
    """GeoJSON geometry: counter-clockwise exterior rings, coordinates rounded to 6 decimals."""
    geom = shapely.orient_polygons(geom, exterior_cw=False)
    geom = shapely.transform(geom, lambda xy: np.round(xy, COORD_DECIMALS))
    return json.loads(shapely.to_geojson(geom))


def _feature(geom: Any, props: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": rfc7946_geometry(geom),
        "properties": {k: _clean(v) for k, v in props.items()},
    }


def _runs(timeline: pd.DataFrame) -> pd.DataFrame:
    """One row per place and run of the same state (time-aware export)."""
    keep = [C.PLACE_ID, C.VALID_FROM, C.CONTROLLER, C.STATE, C.CLAIMED_BY]
    last = timeline.sort_values(C.DATE).drop_duplicates(keep, keep="last")
    return last.sort_values([C.PLACE_ID, C.VALID_FROM], ignore_index=True)


def layers(
    timeline: gpd.GeoDataFrame,
    areas: gpd.GeoDataFrame,
    fronts: gpd.GeoDataFrame,
    road: gpd.GeoDataFrame,
    provenance: Provenance,
    day: date | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Features per layer (:data:`LAYERS`) for one ``day``, or for every day as runs."""
    if day is not None:
        stamp = pd.Timestamp(day)
        rows = timeline[timeline[C.DATE] == stamp]
        area_rows = areas[areas[C.DATE] == stamp]
        front_rows = fronts[fronts[C.DATE] == stamp]
    else:
        rows, area_rows, front_rows = _runs(timeline), areas, fronts
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in LAYERS}
    for rec in rows.to_dict("records"):
        props = {
            k: rec[k]
            for k in (
                C.PLACE_ID,
                C.NAME,
                C.PLACE_TYPE,
                C.CONTROLLER,
                C.STATE,
                C.CLAIMED_BY,
                C.ACTIVITY,
                C.VALID_FROM,
                C.VALID_TO,
                C.CONFIDENCE,
                C.N_SOURCES,
            )
        }
        if day is not None:
            props = {C.DATE: rec[C.DATE], **props}
        props.update(provenance.of(rec[C.CLAIM_IDS]))
        layer = "claimed" if rec[C.STATE] == "claimed" else "control"
        out[layer].append(_feature(rec[C.GEOMETRY], {"layer": layer, **props}))
    for rec in area_rows.to_dict("records"):
        props = {
            "layer": "area",
            C.DATE: rec[C.DATE],
            C.VALID_FROM: rec[C.DATE],
            C.VALID_TO: rec[C.DATE],
            C.CONTROLLER: rec[C.CONTROLLER],
            "area_km2": round(float(rec["area_km2"]), 1),
            "n_places": rec["n_places"],
        }
        out["area"].append(_feature(rec[C.GEOMETRY], props))
    for rec in front_rows.to_dict("records"):
        if rec[C.GEOMETRY] is None or rec[C.GEOMETRY].is_empty:
            continue
        props = {
            "layer": "front",
            C.DATE: rec[C.DATE],
            C.VALID_FROM: rec[C.DATE],
            C.VALID_TO: rec[C.DATE],
            "length_km": round(float(rec["length_km"]), 1),
        }
        out["front"].append(_feature(rec[C.GEOMETRY], props))
    for rec in road.to_dict("records"):
        out["road"].append(
            _feature(
                rec[C.GEOMETRY],
                {"layer": "road", **{k: v for k, v in rec.items() if k != C.GEOMETRY}},
            )
        )
    return out


#: The credit the data's licences require, shown wherever the data is (map pages, exports).
DATA_CREDIT = (
    "Place names and coordinates from GeoNames (geonames.org), CC BY 4.0, via Who's On First "
    "(whosonfirst.org; licence: whosonfirst.org/docs/licenses/); boundaries from Natural Earth "
    "(naturalearthdata.com), public domain."
)


def to_geojson(features: Mapping[str, list[dict[str, Any]]]) -> str:
    """One RFC 7946 FeatureCollection of every layer (each feature has a ``layer`` property);
    the data credit is a foreign member ``attribution`` (RFC 7946 §6.1)."""
    collection = {
        "type": "FeatureCollection",
        "attribution": DATA_CREDIT,
        "features": [f for name in LAYERS for f in features.get(name, [])],
    }
    return json.dumps(collection, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def write_geojson(path: str | Path, features: Mapping[str, list[dict[str, Any]]]) -> Path:
    """Write :func:`to_geojson` atomically."""
    return write_atomic(path, to_geojson(features) + "\n")


def write_gpkg(path: str | Path, features: Mapping[str, list[dict[str, Any]]]) -> Path:
    """Write a GeoPackage with one layer per kind (lists become ``; ``-joined text)."""
    path = Path(path)
    _remove_orphans(path)
    fd, tmp = tempfile.mkstemp(  # named *.tmp.gpkg: GDAL wants the extension
        prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp.gpkg", dir=path.parent or "."
    )
    os.close(fd)
    Path(tmp).unlink()
    try:
        for name in LAYERS:
            feats = features.get(name, [])
            if not feats:
                continue
            frame = gpd.GeoDataFrame.from_features(feats, crs="EPSG:4326")
            for col in frame.columns:
                if frame[col].map(lambda v: isinstance(v, list)).any():
                    frame[col] = frame[col].map(
                        lambda v: "; ".join(map(str, v)) if isinstance(v, list) else v
                    )
            frame.to_file(
                tmp,
                layer=name,
                driver="GPKG",
                engine="pyogrio",
                dataset_metadata={"attribution": DATA_CREDIT},
                layer_metadata={"attribution": DATA_CREDIT},
            )
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


# --- offline HTML snapshot --------------------------------------------------------------------
def write_html(path: str | Path, page: str) -> Path:
    """Write a snapshot atomically."""
    return write_atomic(path, page)


def outlets_of(articles: Iterable[Any]) -> dict[str, str]:
    """Article name → outlet (or the name), from :class:`geo.corpus.DatedArticle` items."""
    return {a.article.name: (a.article.outlet or a.article.name) for a in articles}
