"""Snapshot and export of one day of the seed corpus: size and build time.

Targets: snapshot < 1.5 MB, built in < 2 s. The baseline, measured in the same run, is folium's
plain route for the same places: one ``CircleMarker`` with its own ``Popup`` per place (what the
folium docs show), rendered with folium's defaults (CDN links, so it is not usable offline; it
is timed only).
"""

from __future__ import annotations

import tempfile
import time
from datetime import date
from pathlib import Path

import folium

from geo import columns as C
from geo.export import write_geojson, write_html
from geo.pipeline import export_features, run_paths, snapshot

DAY = date(2024, 12, 1)


def run() -> None:
    result, _ = run_paths(["seeds"])
    snapshot(result, DAY)  # warm caches (areas, assets)
    t0 = time.perf_counter()
    page = snapshot(result, DAY)
    seconds = time.perf_counter() - t0
    size_mb = len(page.encode()) / 1e6
    rows = result.timeline[result.timeline[C.DATE] == str(DAY)]
    t0 = time.perf_counter()
    fmap = folium.Map(location=[35, 38.3], zoom_start=7)
    for rec in rows.to_dict("records"):
        folium.CircleMarker(
            [rec[C.LAT], rec[C.LON]], radius=4, popup=folium.Popup(rec[C.NAME])
        ).add_to(fmap)
    fmap.get_root().render()
    base_s = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        write_html(Path(tmp) / "map.html", page)
        write_geojson(Path(tmp) / "all.geojson", export_features(result))
        io_s = time.perf_counter() - t0
        geojson_mb = (Path(tmp) / "all.geojson").stat().st_size / 1e6
    print(
        f"snapshot 2024-12-01: {size_mb:.2f} MB (target < 1.5), built in {seconds:.2f} s "
        f"(target < 2) -> {'met' if size_mb < 1.5 and seconds < 2 else 'NOT met'}"
    )
    print(
        f"baseline (folium CircleMarker+Popup per place, CDN defaults): {base_s:.2f} s "
        f"-> ratio {base_s / seconds:.2f}x"
    )
    print(f"export every day to GeoJSON ({geojson_mb:.2f} MB) + write snapshot: {io_s:.2f} s")
