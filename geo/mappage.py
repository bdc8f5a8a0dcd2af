"""The Leaflet pages: the offline HTML snapshot of one day and the animated map of every day.

Pages are self-contained: Leaflet is inlined (from the ``django-js-lib-leaflet`` package), the
basemap is the governorates' polygons, and :func:`inline_assets` refuses any remote reference a
browser would follow unless tiles were asked for.

Untrusted text (quotes, outlets, claimants, place names from articles) is HTML-escaped before
it enters a page, and popups are built with DOM text nodes, without jQuery, so an article
containing ``<script>`` cannot run script in our pages.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Iterable, Mapping
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import folium
import geopandas as gpd
import pandas as pd
import shapely
from branca.element import MacroElement
from jinja2 import Template

from geo import columns as C
from geo.export import COLORS, DATA_CREDIT, DISPLAY_PRECISION_DEG, LABELS, Provenance, _clean

_VENDOR = "frontline-vendor://"


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


def _base_map(
    governorates: gpd.GeoDataFrame,
    road: gpd.GeoDataFrame,
    tiles: str | None,
    ticks: Iterable[tuple[float, float, float]] = (),
) -> folium.Map:
    """The map every page shares: no tiles (unless asked), governorates, the M5 and its ticks."""
    fmap = folium.Map(
        location=[35.0, 38.3],
        zoom_start=7,
        tiles=None,
        prefer_canvas=True,
        control_scale=True,
        zoom_snap=0.25,
        zoom_delta=0.5,
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
    folium.GeoJson(
        json.loads(road[[C.GEOMETRY]].to_json()),
        name="M5",
        style_function=lambda _: {"color": "#333", "weight": 2, "dashArray": "6 4"},
        tooltip=folium.Tooltip("M5 highway (schematic)"),
    ).add_to(fmap)
    for lat, lon, km in ticks:  # labels as permanent tooltips: no image icon is ever loaded
        folium.CircleMarker(
            [lat, lon],
            radius=2,
            color="#333",
            fill=True,
            fill_opacity=1,
            tooltip=folium.Tooltip(
                f"{km:.0f} km", permanent=True, direction="right", className="m5-tick", opacity=0.8
            ),
        ).add_to(fmap)
    fmap.fit_bounds([[32.3, 35.6], [37.4, 42.4]])
    return fmap


def _area_layer(day_areas: gpd.GeoDataFrame) -> folium.GeoJson:
    return folium.GeoJson(
        json.loads(day_areas[[C.CONTROLLER, "area_km2", C.GEOMETRY]].to_json()),
        style_function=lambda f: {
            "color": COLORS.get(f["properties"]["controller"], "#ccc"),
            "weight": 0.3,
            "fillOpacity": 0.35,
            "fillColor": COLORS.get(f["properties"]["controller"], "#ccc"),
        },
        tooltip=folium.GeoJsonTooltip(
            fields=["controller", "area_km2"], aliases=["controller", "km²"]
        ),
    )


def _front_layer(day_front: gpd.GeoDataFrame) -> folium.GeoJson:
    return folium.GeoJson(
        json.loads(day_front[[C.GEOMETRY]].to_json()),
        style_function=lambda _: {"color": "#111", "weight": 2.5},
        interactive=False,
    )


def _day_layers(
    day: date, areas: gpd.GeoDataFrame, fronts: gpd.GeoDataFrame
) -> list[tuple[str, Any]]:
    """One day's (content key, layer builder) pairs for control areas and the front line.

    Equal keys mean equal layers, so a page draws a layer once and shows it on every day it
    applies to.
    """
    stamp = pd.Timestamp(day)
    out: list[tuple[str, Any]] = []
    day_areas = areas[areas[C.DATE] == stamp]
    if len(day_areas):
        day_areas = day_areas.assign(
            geometry=shapely.set_precision(day_areas.geometry.values, DISPLAY_PRECISION_DEG)
        )
        key = (
            "areas:"
            + hashlib.sha1(
                b"".join(
                    c.encode() + shapely.to_wkb(g)
                    for c, g in zip(day_areas[C.CONTROLLER], day_areas.geometry, strict=True)
                )
            ).hexdigest()
        )
        out.append((key, lambda a=day_areas: _area_layer(a)))
    day_front = fronts[fronts[C.DATE] == stamp]
    if len(day_front) and not day_front.geometry.iloc[0].is_empty:
        key = "front:" + hashlib.sha1(shapely.to_wkb(day_front.geometry.iloc[0])).hexdigest()
        out.append((key, lambda f=day_front: _front_layer(f)))
    return out


def _safe_json(value: Any) -> str:
    """JSON for a ``<script>`` block: ``<``, ``>`` and ``&`` escaped, so no text can close it."""
    return (
        json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


def _place_data(days: list[date], timeline: pd.DataFrame, provenance: Provenance) -> dict[str, Any]:
    """Compact per-day state of every place, and the claims its popups quote.

    ``places`` is ``[name, place_type, lat, lon, place_id]``; ``days[d][p]`` is ``[controller,
    state, claimed_by, valid_from, confidence, n_sources, [claim indexes]]`` with codes into the
    lists ``controllers``, ``states`` and ``claims`` (``[quote, outlet, claimant, status, action,
    event_date]``). Text is raw: the page writes it with ``textContent``.
    """
    first = timeline[timeline[C.DATE] == pd.Timestamp(days[0])].sort_values(C.PLACE_ID)
    order = {pid: i for i, pid in enumerate(first[C.PLACE_ID])}
    places = [
        [str(n), str(t), round(float(la), 5), round(float(lo), 5), str(pid)]
        for n, t, la, lo, pid in zip(
            first[C.NAME],
            first[C.PLACE_TYPE],
            first[C.LAT],
            first[C.LON],
            first[C.PLACE_ID],
            strict=True,
        )
    ]
    controllers = sorted(COLORS)
    states = ["assessed", "claimed", "contested"]
    claim_index: dict[str, int] = {}
    claims: list[list[str]] = []
    per_day = []
    for d in days:
        rows = timeline[timeline[C.DATE] == pd.Timestamp(d)]
        state: list[list[Any] | None] = [None] * len(order)
        for rec in rows.to_dict("records"):
            ids = []
            for cid in str(rec[C.CLAIM_IDS] or "").split(C.ID_SEPARATOR):
                c = provenance.claim(cid) if cid else None
                if c is None:
                    continue
                if cid not in claim_index:
                    claim_index[cid] = len(claims)
                    claims.append(
                        [
                            str(c["quote"]),
                            provenance.outlet(str(c["article"])),
                            str(c["claimant"]),
                            str(c["status"]),
                            str(c["action"]),
                            str(_clean(c["event_date"])),
                        ]
                    )
                ids.append(claim_index[cid])
            claimed_by = rec.get(C.CLAIMED_BY)
            state[order[rec[C.PLACE_ID]]] = [
                controllers.index(rec[C.CONTROLLER]) if rec[C.CONTROLLER] in controllers else 0,
                states.index(rec[C.STATE]),
                controllers.index(claimed_by) if claimed_by in controllers else -1,
                _clean(rec[C.VALID_FROM]),
                round(float(rec[C.CONFIDENCE]), 2),
                int(rec[C.N_SOURCES]),
                ids,
            ]
        per_day.append(state)
    return {
        "places": places,
        "controllers": controllers,
        "labels": [LABELS.get(c, c) for c in controllers],
        "colors": [COLORS[c] for c in controllers],
        "states": states,
        "claims": claims,
        "days": per_day,
    }


_PLACES_JS = """
function frontlinePlaces(map, data) {
  var markers = data.places.map(function(p, i) {
    var m = L.circleMarker([p[2], p[3]], {radius: 4, weight: 0.6, color: '#333', fill: true,
                                          fillOpacity: 0.95, placeIndex: i});
    var tip = document.createElement('span');
    tip.textContent = p[0];
    m.bindTooltip(tip);
    m.on('click', function(e) {
      m.bindPopup(popup(i)).openPopup(e.latlng);
      // embedded in the dashboard: tell it which place was chosen (ids are not secret)
      if (window.parent !== window) window.parent.postMessage({frontlinePlace: p[4]}, '*');
    });
    m.addTo(map);
    return m;
  });
  var day = 0;
  function el(tag, text, parent) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }
  function popup(i) {
    var p = data.places[i], s = data.days[day][i];
    var box = el('div'); box.style.maxWidth = '360px';
    el('b', p[0], box); el('span', ' (' + p[1] + ')', box); el('br', undefined, box);
    var line = data.labels[s[0]] + ', ' + data.states[s[1]] +
        (s[2] >= 0 ? ', claimed by ' + data.labels[s[2]] : '');
    el('span', line, box); el('br', undefined, box);
    el('span', 'since ' + s[3] + ', confidence ' + s[4] + ', ' + s[5] +
               ' independent source(s)', box);
    if (s[6].length) {
      var list = el('ul', undefined, box);
      list.style.paddingLeft = '1.1em'; list.style.margin = '4px 0';
      s[6].slice(0, 12).forEach(function(k) {
        var c = data.claims[k], item = el('li', undefined, list);
        el('span', '\u201c' + c[0] + '\u201d \u2014 ' + c[1] + '; ' + c[2] + '; ', item);
        el('i', c[3], item);
        el('span', ', ' + c[4] + ' ' + c[5], item);
      });
      if (s[6].length > 12) el('span', '\u2026 and ' + (s[6].length - 12) + ' more', box);
    }
    return box;
  }
  function show(d) {
    day = d;
    markers.forEach(function(m, i) {
      var s = data.days[d][i];
      if (!s) { m.setStyle({opacity: 0, fillOpacity: 0}); return; }
      var kind = data.states[s[1]];
      m.setStyle({
        radius: kind === 'assessed' ? 4 : 6, weight: kind === 'assessed' ? 0.6 : 2.5,
        color: kind === 'assessed' ? '#333' : '#111', opacity: 1, fillOpacity: 0.95,
        dashArray: kind === 'claimed' ? '3 3' : null,
        fillColor: data.colors[kind === 'claimed' && s[2] >= 0 ? s[2] : s[0]]});
      m.setRadius(kind === 'assessed' ? 4 : 6);
    });
    markers.forEach(function(m) { m.bringToFront(); });
  }
  return {show: show, markers: markers};
}
"""


def _page(
    days: list[date],
    initial: date,
    timeline: gpd.GeoDataFrame,
    areas: gpd.GeoDataFrame,
    fronts: gpd.GeoDataFrame,
    road: gpd.GeoDataFrame,
    governorates: gpd.GeoDataFrame,
    provenance: Provenance,
    fronts_by_day: Mapping[str, Mapping[str, Any]] | None,
    *,
    player: bool,
    autoplay: bool = False,
    seconds_per_day: float = 1.0,
    tiles: str | None = None,
    ticks: Iterable[tuple[float, float, float]] = (),
    side_html: str = "",
) -> str:
    fmap = _base_map(governorates, road, tiles, ticks)
    layers_by_key: dict[str, Any] = {}
    frames: list[list[int]] = []
    for d in days:
        frame = []
        for key, build in _day_layers(d, areas, fronts):
            if key not in layers_by_key:  # a layer equal to an earlier day's is drawn once
                layers_by_key[key] = build()
            frame.append(list(layers_by_key).index(key))
        frames.append(frame)
    unique = list(layers_by_key.values())
    for layer in unique:
        layer.add_to(fmap)
    labels = [d.isoformat() for d in days]
    front_texts = [_front_text((fronts_by_day or {}).get(d)) for d in labels]
    start = labels.index(initial.isoformat()) if initial.isoformat() in labels else 0
    controls = (
        f"""
<div id="frontline-player">
  <button id="fl-play" type="button" aria-label="play">▶ Play</button>
  <input id="fl-day" type="range" min="0" max="{len(days) - 1}" step="1" value="{start}"
         aria-label="day">
  <span id="fl-label"></span>
</div>"""
        if player
        else ""
    )
    script = (
        _PLACES_JS
        + f"""
(function() {{
  var map = {fmap.get_name()};
  var layers = [{", ".join(layer.get_name() for layer in unique)}];
  var frames = {json.dumps(frames)};
  var labels = {json.dumps(labels)};
  var fronts = {_safe_json(front_texts)};
  var places = frontlinePlaces(map, {_safe_json(_place_data(days, timeline, provenance))});
  var slider = document.getElementById('fl-day');
  var button = document.getElementById('fl-play');
  var label = document.getElementById('fl-label');
  var timer = null;
  var shown = -1;
  function show(i) {{
    if (i === shown) return;
    layers.forEach(function(layer, j) {{
      var wanted = frames[i].indexOf(j) >= 0;
      if (wanted && !map.hasLayer(layer)) map.addLayer(layer);
      else if (!wanted && map.hasLayer(layer)) map.removeLayer(layer);
    }});
    frames[i].forEach(function(j) {{ layers[j].bringToFront(); }});
    places.show(i);
    shown = i;
    if (slider) {{ slider.value = i; label.textContent = labels[i]; }}
    document.getElementById('frontline-title').textContent =
        'Frontline \u2014 control on ' + labels[i];
    document.getElementById('frontline-front').innerHTML = fronts[i];
    document.body.setAttribute('data-day', labels[i]);
  }}
  function stop() {{
    if (timer) {{ clearInterval(timer); timer = null; }}
    if (button) {{ button.textContent = '\u25b6 Play'; button.setAttribute('aria-label', 'play'); }}
  }}
  function play() {{
    if (shown >= frames.length - 1) show(0);
    timer = setInterval(function() {{
      var next = shown + 1;
      if (next >= frames.length) {{ stop(); return; }}
      show(next);
    }}, {int(seconds_per_day * 1000)});
    button.textContent = '\u275a\u275a Pause'; button.setAttribute('aria-label', 'pause');
  }}
  if (slider) {{
    slider.addEventListener('input', function() {{ stop(); show(Number(slider.value)); }});
    button.addEventListener('click', function() {{ if (timer) stop(); else play(); }});
  }}
  // fit Syria once the page has its real size (an iframe may start at zero width), and again
  // on resizes until the user moves the map
  var bounds = [[32.3, 35.6], [37.4, 42.4]], touched = false;
  function fit() {{ map.invalidateSize(); if (!touched) map.fitBounds(bounds); }}
  map.on('dragstart zoomstart', function(e) {{ if (e.originalEvent) touched = true; }});
  map.getContainer().addEventListener('wheel', function() {{ touched = true; }});
  window.addEventListener('load', fit);
  window.addEventListener('resize', fit);
  show(/*fl-start*/{start}/*fl*/);
  if (slider && /*fl-autoplay*/{"true" if autoplay else "false"}/*fl*/) play();
  window.frontlinePlayer = {{show: show, play: play, stop: stop, markers: places.markers,
                             day: function() {{ return labels[shown]; }}}};
}})();
"""
    )
    root: Any = fmap.get_root()
    root.header.add_child(
        folium.Element(
            _title_and_legend(
                initial,
                front_texts[start],
                open_legend=not player,
                legend_at="top" if player else "bottom",
            )
            + "<style>#frontline-player{position:fixed;bottom:28px;left:50%;"
            "transform:translateX(-50%);z-index:1000;background:#fff;padding:6px 10px;"
            "border:1px solid #888;font:13px sans-serif;display:flex;gap:8px;align-items:center}"
            "#fl-day{width:260px}</style>"
        )
    )
    if controls:
        root.html.add_child(folium.Element(controls))
    if side_html:
        root.html.add_child(folium.Element(side_html))
    _Script(script).add_to(fmap)  # the map's last child: its code runs after the layers exist
    return inline_assets(root.render(), allow_remote=bool(tiles))


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
    ticks: Iterable[tuple[float, float, float]] = (),
    changes: Mapping[str, Any] | None = None,
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
    ticks : iterable of (lat, lon, km)
        Chainage marks along the M5.
    changes : mapping, optional
        The day's record of :func:`geo.changes.day_changes`, listed in a side panel.
    """
    fronts_by_day = {day.isoformat(): front} if front is not None else None
    return _page(
        [day],
        day,
        timeline,
        areas,
        fronts,
        road,
        governorates,
        provenance,
        fronts_by_day,
        player=False,
        tiles=tiles,
        ticks=ticks,
        side_html=changes_panel(changes) if changes is not None else "",
    )


def animated_html(
    days: list[date],
    initial: date,
    timeline: gpd.GeoDataFrame,
    areas: gpd.GeoDataFrame,
    fronts: gpd.GeoDataFrame,
    road: gpd.GeoDataFrame,
    governorates: gpd.GeoDataFrame,
    provenance: Provenance,
    fronts_by_day: Mapping[str, Mapping[str, Any]] | None = None,
    autoplay: bool = False,
    seconds_per_day: float = 1.0,
    ticks: Iterable[tuple[float, float, float]] = (),
) -> str:
    """Every day in one offline page, with a slider and play/pause in the page.

    Frames are switched in the browser: the places are drawn once and restyled, each distinct
    area or front layer is drawn once and shown on its days, so playing never reloads the page
    or redraws the base map.
    """
    return _page(
        days,
        initial,
        timeline,
        areas,
        fronts,
        road,
        governorates,
        provenance,
        fronts_by_day,
        player=True,
        autoplay=autoplay,
        seconds_per_day=seconds_per_day,
        ticks=ticks,
    )


class _Script(MacroElement):
    """Raw JavaScript rendered in the map's script section, after the elements before it."""

    _template = Template("{% macro script(this, kwargs) %}{{ this.code }}{% endmacro %}")

    def __init__(self, code: str) -> None:
        super().__init__()
        self._name = "FrontlinePlayer"
        self.code = code


def set_player(page: str, day_index: int, autoplay: bool) -> str:
    """The same animated page starting on another day (and playing or not): no rebuild."""
    page = re.sub(r"/\*fl-start\*/\d+/\*fl\*/", f"/*fl-start*/{int(day_index)}/*fl*/", page)
    return re.sub(
        r"/\*fl-autoplay\*/(?:true|false)/\*fl\*/",
        f"/*fl-autoplay*/{'true' if autoplay else 'false'}/*fl*/",
        page,
    )


def _front_text(front: Mapping[str, Any] | None) -> str:
    """Escaped legend line for the front on the M5 (empty when there is none)."""
    if front is None or not front.get("front_place") or pd.isna(front.get("front_place")):
        return ""
    return (
        f"<b>Front on the M5:</b> {_escape(front['front_place'])}, "
        f"{float(front['road_km_to_damascus']):.0f} km by road "
        f"({float(front['geodesic_km_to_damascus']):.0f} km direct) to Damascus"
    )


def _state_text(place: Mapping[str, Any]) -> str:
    by = place.get("claimed_by")
    if place["state"] == "claimed" and by:
        return f"claimed by {LABELS.get(by, by)}"
    return str(place["state"])


def _signed(km2: float) -> str:
    return f"{km2:+,.0f}".replace("-", "−") if round(km2) else "0"


def changes_panel(record: Mapping[str, Any]) -> str:
    """The side panel "What changed": every place whose state changed on the day (from → to,
    state) with the claims behind it (outlet, claimant, status, quote), and km² per side.
    Every string from an article is escaped."""
    items = []
    for place in record.get("places", []):
        evidence = "".join(
            f"<li>{_escape(c['outlet'])} ({_escape(c['claimant'])}, {_escape(c['status'])}): "
            f"“{_escape(c['quote'])}”</li>"
            for c in place.get("claims", [])
        )
        before, after = (LABELS.get(place[k], place[k]) for k in ("from", "to"))
        items.append(
            f"<li><b>{_escape(place['name'])}</b>: {_escape(before)} → {_escape(after)}"
            f" ({_escape(_state_text(place))})"
            f"<ul>{evidence}</ul></li>"
        )
    sides = "".join(
        f"<tr><td>{_escape(LABELS.get(side, side))}</td><td>{v['held']:,.0f}</td>"
        f"<td>{_signed(v['gained'])}</td><td>{_signed(-v['lost'])}</td></tr>"
        for side, v in record.get("km2", {}).items()
        if v["held"] or v["gained"] or v["lost"]
    )
    body = f"<ul>{''.join(items)}</ul>" if items else "<p>No place changed hands or state.</p>"
    return (
        "<style>#frontline-changes{position:fixed;top:10px;right:10px;z-index:1000;"
        "background:#fff;padding:6px 10px;border:1px solid #888;font:12px sans-serif;"
        "max-width:340px;max-height:55%;overflow:auto}"
        "#frontline-changes ul{margin:2px 0;padding-left:16px}"
        "#frontline-changes table{border-collapse:collapse;margin-top:4px}"
        "#frontline-changes td{padding:0 6px 0 0;text-align:right}</style>"
        f"<div id='frontline-changes'><details open><summary><b>What changed on "
        f"{_escape(record.get('date', ''))}</b> ({len(items)})</summary>{body}"
        f"<table><tr><td></td><td>km² held</td><td>gained</td><td>lost</td></tr>{sides}</table>"
        "</details></div>"
    )


def _title_and_legend(
    day: date, front_text: str, open_legend: bool = True, legend_at: str = "bottom"
) -> str:
    """The title (top left) and the legend: top right in the animated page, whose player bar
    runs along the bottom; bottom right in the snapshot, whose side panel takes the top."""
    swatches = "".join(
        f"<div><span style='display:inline-block;width:12px;height:12px;margin-right:5px;"
        f"background:{color};border:1px solid #555'></span>{_escape(LABELS[name])}</div>"
        for name, color in COLORS.items()
        if name != "unknown"
    )
    return (
        "<style>#frontline-title{position:fixed;top:10px;left:50px;z-index:1000;background:#fff;"
        "padding:6px 12px;border:1px solid #888;font:600 16px sans-serif}"
        f"#frontline-legend{{position:fixed;{'top:10px' if legend_at == 'top' else 'bottom:24px'};"
        "right:10px;z-index:1000;background:#fff;"
        "padding:6px 8px;border:1px solid #888;font:12px sans-serif;max-width:260px;"
        "max-height:45%;overflow:auto}"
        ".m5-tick{font:10px sans-serif;padding:0 3px}</style>"
        f"<div id='frontline-title'>Frontline — control on {_escape(day.isoformat())}</div>"
        f"<div id='frontline-legend'><details{' open' if open_legend else ''}>"
        f"<summary><b>Legend</b></summary>{swatches}"
        "<div style='margin-top:4px'>● filled: assessed control · ◌ dashed ring: "
        "claimed, not confirmed · ● dark ring: contested</div>"
        "<div>— black line: front · - - M5 highway (schematic), ticks: km from Damascus</div>"
        f"<div id='frontline-credit' style='margin-top:4px;color:#555'>{_escape(DATA_CREDIT)}"
        "</div></details>"
        f"<div id='frontline-front' style='margin-top:6px'>{front_text}</div></div>"
    )


_REMOTE_URL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_CSS_REMOTE_URL = re.compile(
    r"""url\(\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?//|@import""", re.IGNORECASE
)
_URL_ATTRIBUTES = frozenset({"src", "href", "srcset", "poster", "data", "action", "formaction"})


class _RemoteReferences(HTMLParser):
    """The remote references a browser would follow in a page: URL attributes of real elements,
    and ``url(//…)`` / ``@import`` in style sheets and style attributes.

    Text is data: article text is escaped into element content or script strings, where a
    browser fetches nothing, so "according to url(//example)" in a quote is not a reference.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        for name, value in attrs:
            value = value or ""
            if name in _URL_ATTRIBUTES and any(
                _REMOTE_URL.match(v.strip().split(" ")[0]) for v in value.split(",")
            ):
                self.found.append(f"<{tag} {name}={value!r}>")
            elif name == "style" and _CSS_REMOTE_URL.search(value):
                self.found.append(f"<{tag} style={value!r}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style and _CSS_REMOTE_URL.search(data):
            found = _CSS_REMOTE_URL.search(data)
            self.found.append(f"<style> {found.group(0) if found else ''}")


def remote_references(page: str) -> list[str]:
    """Remote references in an HTML page (see :class:`_RemoteReferences`)."""
    parser = _RemoteReferences()
    parser.feed(page)
    parser.close()
    return parser.found


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
    found = [] if allow_remote else remote_references(page)
    if found:
        raise RuntimeError(f"remote resource in an offline page: {found[0]}")
    return page
