"""Writing: GeoJSON (RFC 7946), GeoPackage, and the self-contained offline HTML snapshot.

Every write is atomic: the output goes to a temporary file beside the target, is flushed to
disk, and is renamed over the target, so an interrupted export never leaves half a file where a
good one was.

Untrusted text (quotes, outlets, claimants, place names from articles) is HTML-escaped before
it enters a page, and the snapshot binds popups without jQuery, so an article containing
``<script>`` cannot run script in our pages.
"""

from __future__ import annotations

import base64
import html
import json
import math
import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo import columns as C

COORD_DECIMALS = 6
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
_VENDOR = "frontline-vendor://"


# --- atomic writes ----------------------------------------------------------------------------
def write_atomic(path: str | Path, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file and an atomic rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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

    def of(self, claim_ids: str) -> dict[str, list[Any]]:
        """``claim_ids``, ``sources`` and ``quotes`` lists for a ``;``-separated id string."""
        ids = [i for i in str(claim_ids or "").split(C.ID_SEPARATOR) if i]
        table = self.claims.set_index("claim_id") if "claim_id" in self.claims else None
        sources, quotes = [], []
        for i in ids:
            if table is None or i not in table.index:
                continue
            row = table.loc[i]
            outlet = self.outlets.get(str(row["article"])) or str(row["article"])
            sources.append(f"{outlet} ({row['claimant']}, {row['status']})")
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


def to_geojson(features: Mapping[str, list[dict[str, Any]]]) -> str:
    """One RFC 7946 FeatureCollection of every layer (each feature has a ``layer`` property)."""
    collection = {
        "type": "FeatureCollection",
        "features": [f for name in LAYERS for f in features.get(name, [])],
    }
    return json.dumps(collection, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def write_geojson(path: str | Path, features: Mapping[str, list[dict[str, Any]]]) -> Path:
    """Write :func:`to_geojson` atomically."""
    return write_atomic(path, to_geojson(features) + "\n")


def write_gpkg(path: str | Path, features: Mapping[str, list[dict[str, Any]]]) -> Path:
    """Write a GeoPackage with one layer per kind (lists become ``; ``-joined text)."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".gpkg", dir=path.parent or ".")
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
            frame.to_file(tmp, layer=name, driver="GPKG", engine="pyogrio")
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


# --- offline HTML snapshot --------------------------------------------------------------------
def _leaflet_assets() -> tuple[str, str]:
    """Leaflet's JS and CSS (images inlined as data URIs) from the installed package."""
    import js_lib_leaflet

    base = Path(js_lib_leaflet.__file__).resolve().parent / "static" / "js_lib_leaflet"
    js = (base / "leaflet.js").read_text(encoding="utf-8")
    # Leaflet's attribution prefix links to leafletjs.com; keep the credit, as text, so the
    # page holds no remote reference at all (the licence header comment is kept as shipped)
    js = js.replace(
        'prefix:\'<a href="https://leafletjs.com" title="A JavaScript library for '
        "interactive maps\">'",
        "prefix:'<span title=\"Leaflet, a JavaScript library for interactive maps "
        "(leafletjs.com)\">'",
    ).replace('"Leaflet</a>"}', '"Leaflet</span>"}')
    # XML namespace names (never fetched) written with escaped slashes, the same JS string, so
    # a plain scan of the page for "http://" finds nothing
    js = js.replace("http://www.w3.org/", "http:\\/\\/www.w3.org/")
    # the licence header keeps its copyright text; its link is written without the scheme
    js = js.replace("https://leafletjs.com", "leafletjs.com")

    def data_uri(match: re.Match[str]) -> str:
        raw = (base / "images" / match.group(1)).read_bytes()
        return "url(data:image/png;base64," + base64.b64encode(raw).decode("ascii") + ")"

    css = re.sub(
        r"url\(images/([\w.-]+\.png)\)",
        data_uri,
        (base / "leaflet.css").read_text(encoding="utf-8"),
    )
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)  # comments only (one links a bug report)
    return js, css


def _escape(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _popup_html(
    rec: Mapping[str, Any],
    prov: dict[str, list[Any]],
    claims: pd.DataFrame,
    outlets: Mapping[str, str],
) -> str:
    """Popup markup for one place: every piece of text is escaped here."""
    head = (
        f"<b>{_escape(rec[C.NAME])}</b> ({_escape(rec[C.PLACE_TYPE])})<br>"
        f"{_escape(LABELS.get(rec[C.CONTROLLER], rec[C.CONTROLLER]))}, "
        f"{_escape(rec[C.STATE])}"
        + (f", claimed by {_escape(rec[C.CLAIMED_BY])}" if rec.get(C.CLAIMED_BY) else "")
        + f"<br>since {_escape(_clean(rec[C.VALID_FROM]))}, confidence "
        f"{_escape(rec[C.CONFIDENCE])}, {_escape(rec[C.N_SOURCES])} independent source(s)"
    )
    items = []
    table = claims.set_index("claim_id") if "claim_id" in claims else None
    for claim_id in prov["claim_ids"][:12]:
        if table is None or claim_id not in table.index:
            continue
        c = table.loc[claim_id]
        outlet = outlets.get(c["article"]) or c["article"]
        items.append(
            f"<li>“{_escape(c['quote'])}” — {_escape(outlet)}; {_escape(c['claimant'])}; "
            f"<i>{_escape(c['status'])}</i>, {_escape(c['action'])} "
            f"{_escape(_clean(c['event_date']))}</li>"
        )
    more = len(prov["claim_ids"]) - len(items)
    tail = f"<br>… and {more} more" if more > 0 else ""
    body = f"<ul style='padding-left:1.1em;margin:4px 0'>{''.join(items)}</ul>" if items else ""
    return f"<div style='max-width:360px'>{head}{body}{tail}</div>"


def snapshot_html(
    day: date,
    timeline: gpd.GeoDataFrame,
    areas: gpd.GeoDataFrame,
    fronts: gpd.GeoDataFrame,
    road: gpd.GeoDataFrame,
    governorates: gpd.GeoDataFrame,
    provenance: Provenance,
    front: Mapping[str, Any] | None = None,
    tiles: str | None = None,
) -> str:
    """A self-contained Leaflet page of one day: no network unless ``tiles`` is given.

    Parameters
    ----------
    day : datetime.date
        The day shown.
    timeline, areas, fronts, road, governorates : GeoDataFrame
        The layers (lon/lat); ``governorates`` is the basemap.
    provenance : Provenance
        Claims and outlets for the popups.
    front : mapping, optional
        The day's row of :func:`geo.corridor.front_positions`, shown in the legend.
    tiles : str, optional
        A tile URL template (``https://…/{z}/{x}/{y}.png``); opt-in, needs the network.
    """
    stamp = pd.Timestamp(day)
    rows = timeline[timeline[C.DATE] == stamp]
    fmap = folium.Map(
        location=[35.0, 38.3], zoom_start=7, tiles=None, prefer_canvas=True, control_scale=True
    )
    fmap.default_js = [("leaflet", _VENDOR + "leaflet.js")]
    fmap.default_css = [("leaflet_css", _VENDOR + "leaflet.css")]
    if tiles:
        folium.TileLayer(tiles=tiles, attr="tiles: user-supplied (--tiles)", name="tiles").add_to(
            fmap
        )
    folium.GeoJson(
        json.loads(governorates[[C.GEOMETRY]].to_json()),
        name="governorates",
        style_function=lambda _: {
            "color": "#777",
            "weight": 0.8,
            "fillColor": "#f4f1ea",
            "fillOpacity": 1.0,
        },
        interactive=False,
    ).add_to(fmap)
    day_areas = areas[areas[C.DATE] == stamp]
    if len(day_areas):
        area_json = json.loads(day_areas[[C.CONTROLLER, "area_km2", C.GEOMETRY]].to_json())
        folium.GeoJson(
            area_json,
            name="control areas",
            style_function=lambda f: {
                "color": COLORS.get(f["properties"]["controller"], "#ccc"),
                "weight": 0.3,
                "fillOpacity": 0.35,
                "fillColor": COLORS.get(f["properties"]["controller"], "#ccc"),
            },
            tooltip=folium.GeoJsonTooltip(
                fields=["controller", "area_km2"], aliases=["controller", "km²"]
            ),
        ).add_to(fmap)
    day_front = fronts[fronts[C.DATE] == stamp]
    if len(day_front) and not day_front.geometry.iloc[0].is_empty:
        folium.GeoJson(
            json.loads(day_front[[C.GEOMETRY]].to_json()),
            name="front line",
            style_function=lambda _: {"color": "#111", "weight": 2.5},
            interactive=False,
        ).add_to(fmap)
    folium.GeoJson(
        json.loads(road[[C.GEOMETRY]].to_json()),
        name="M5",
        style_function=lambda _: {"color": "#333", "weight": 2, "dashArray": "6 4"},
        interactive=False,
    ).add_to(fmap)
    features = []
    for rec in rows.to_dict("records"):
        prov = provenance.of(rec[C.CLAIM_IDS])
        kind = (
            "claimed"
            if rec[C.STATE] == "claimed"
            else ("contested" if rec[C.STATE] == "contested" else "assessed")
        )
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [rec[C.LON], rec[C.LAT]]},
                "properties": {
                    "name": _escape(rec[C.NAME]),
                    "controller": rec[C.CONTROLLER],
                    "kind": kind,
                    "claimed_by": rec.get(C.CLAIMED_BY) or "",
                    "popup": _popup_html(rec, prov, provenance.claims, provenance.outlets),
                },
            }
        )
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name="places",
        marker=folium.CircleMarker(radius=4),
        style_function=lambda f: {
            "radius": 6 if f["properties"]["kind"] != "assessed" else 4,
            "color": "#111" if f["properties"]["kind"] != "assessed" else "#333",
            "weight": 2.5 if f["properties"]["kind"] != "assessed" else 0.6,
            "dashArray": "3 3" if f["properties"]["kind"] == "claimed" else None,
            "fill": True,
            "fillOpacity": 0.95,
            "fillColor": COLORS.get(f["properties"]["claimed_by"], "#fff")
            if f["properties"]["kind"] == "claimed"
            else COLORS.get(f["properties"]["controller"], "#ccc"),
        },
        tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False),
        popup=folium.GeoJsonPopup(fields=["popup"], labels=False, localize=False),
    ).add_to(fmap)
    root: Any = fmap.get_root()
    root.header.add_child(folium.Element(_title_and_legend(day, front)))
    fmap.fit_bounds([[32.3, 35.6], [37.4, 42.4]])
    return inline_assets(root.render(), allow_remote=bool(tiles))


def _title_and_legend(day: date, front: Mapping[str, Any] | None) -> str:
    swatches = "".join(
        f"<div><span style='display:inline-block;width:12px;height:12px;margin-right:5px;"
        f"background:{color};border:1px solid #555'></span>{_escape(LABELS[name])}</div>"
        for name, color in COLORS.items()
        if name != "unknown"
    )
    front_text = ""
    if front is not None and front.get("front_place") and not pd.isna(front.get("front_place")):
        front_text = (
            f"<div style='margin-top:6px'><b>Front on the M5:</b> "
            f"{_escape(front['front_place'])}, "
            f"{float(front['road_km_to_damascus']):.0f} km by road "
            f"({float(front['geodesic_km_to_damascus']):.0f} km direct) to Damascus"
            f"</div>"
        )
    return (
        "<style>#frontline-title{position:fixed;top:10px;left:50px;z-index:1000;background:#fff;"
        "padding:6px 12px;border:1px solid #888;font:600 16px sans-serif}"
        "#frontline-legend{position:fixed;top:10px;right:10px;z-index:1000;background:#fff;"
        "padding:8px 10px;border:1px solid #888;font:12px sans-serif;max-width:300px}</style>"
        f"<div id='frontline-title'>Frontline — control on {_escape(day.isoformat())}</div>"
        f"<div id='frontline-legend'><b>Legend</b>{swatches}"
        "<div style='margin-top:4px'>● filled: assessed control · ◌ dashed ring: "
        "claimed, not confirmed · ● dark ring: contested</div>"
        "<div>— black line: front · - - M5 highway (schematic)</div>"
        f"{front_text}</div>"
    )


_REMOTE = re.compile(
    r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?(?:https?:)?//""", re.IGNORECASE
)


def inline_assets(page: str, *, allow_remote: bool = False) -> str:
    """Replace the vendor placeholders by inline Leaflet; refuse any remote reference."""
    js, css = _leaflet_assets()
    page = re.sub(
        r'<script[^>]*src="' + re.escape(_VENDOR) + r'leaflet\.js"[^>]*></script>',
        lambda _: "<script>" + js.replace("</script", "<\\/script") + "</script>",
        page,
    )
    page = re.sub(
        r'<link[^>]*href="' + re.escape(_VENDOR) + r'leaflet\.css"[^>]*/?>',
        lambda _: "<style>" + css + "</style>",
        page,
    )
    if _VENDOR in page:
        raise RuntimeError("an asset was left un-inlined")
    if not allow_remote and _REMOTE.search(page):
        found = _REMOTE.search(page)
        raise RuntimeError(f"remote resource in an offline page: {found.group(0) if found else ''}")
    return page


def write_html(path: str | Path, page: str) -> Path:
    """Write a snapshot atomically."""
    return write_atomic(path, page)


def outlets_of(articles: Iterable[Any]) -> dict[str, str]:
    """Article name → outlet (or the name), from :class:`geo.corpus.DatedArticle` items."""
    return {a.article.name: (a.article.outlet or a.article.name) for a in articles}
