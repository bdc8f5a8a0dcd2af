"""Exports: RFC 7946 GeoJSON, GeoPackage, atomic writes, and the offline HTML snapshot."""

from __future__ import annotations

import io as _io
import json
import os
import re
import time
from datetime import date
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
import shapely
from shapely.geometry import shape

from geo import export, mappage
from geo.cli import main
from geo.pipeline import export_features, run_paths, snapshot
from tests.browser import ARTIFACTS, non_blank_fraction, page
from tests.conftest import REPORT, SEEDS

DAY = date(2024, 12, 1)


@pytest.fixture(scope="module")
def every_day(run):
    return export_features(run)


def _rings(geom):
    for poly in shapely.get_parts(geom):
        if poly.geom_type == "Polygon":
            yield poly.exterior, True
            for hole in poly.interiors:
                yield hole, False


@pytest.mark.parametrize("day", [None, DAY])
def test_geojson_is_rfc7946(run, tmp_path, day):
    path = export.write_geojson(tmp_path / "out.geojson", export_features(run, day))
    text = path.read_text(encoding="utf-8")
    data = json.loads(text, parse_constant=lambda c: pytest.fail(f"non-JSON constant {c}"))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    layers = {f["properties"]["layer"] for f in data["features"]}
    assert layers == {"control", "claimed", "area", "front", "road"}
    for f in data["features"]:
        geom = shape(f["geometry"])
        assert geom.is_valid, f["properties"]
        coords = shapely.get_coordinates(geom)
        assert (abs(coords[:, 0]) <= 180).all() and (abs(coords[:, 1]) <= 90).all()
        assert (coords[:, 0] > 30).all()  # lon first: Syria's longitudes, not its latitudes
        for value in coords.ravel():
            assert round(value, 6) == value
        for ring, exterior in _rings(geom):
            assert ring.is_ccw == exterior  # exterior counter-clockwise, holes clockwise
        props = f["properties"]
        assert ("valid_from" in props and "valid_to" in props) or props["layer"] == "road"
    back = gpd.read_file(path)
    assert len(back) == len(data["features"])
    assert back.crs.to_epsg() == 4326
    assert back["layer"].value_counts().to_dict() == {
        k: sum(1 for f in data["features"] if f["properties"]["layer"] == k) for k in layers
    }


def test_features_carry_provenance(every_day):
    changed = [
        f
        for f in every_day["control"] + every_day["claimed"]
        if f["properties"]["n_sources"] or f["properties"]["state"] == "claimed"
    ]
    assert changed
    for f in changed:
        p = f["properties"]
        assert p["claim_ids"] and len(p["quotes"]) == len(p["claim_ids"]) == len(p["sources"])
    aleppo = [
        f
        for f in every_day["control"]
        if f["properties"]["place_id"] == "aleppo" and f["properties"]["controller"] == "opposition"
    ]
    assert aleppo and aleppo[0]["properties"]["valid_from"] == "2024-11-30"


def test_geopackage_has_one_layer_per_kind(run, tmp_path):
    path = export.write_gpkg(tmp_path / "out.gpkg", export_features(run, DAY))
    names = {name for name, _ in pyogrio.list_layers(path)}
    assert names == {"control", "claimed", "area", "front", "road"}
    control = gpd.read_file(path, layer="control", engine="pyogrio")
    assert len(control) > 300 and control.crs.to_epsg() == 4326


def test_cli_export_writes_geojson_and_gpkg(tmp_path):
    err = _io.StringIO()
    assert (
        main(["export", "--out", str(tmp_path / "all.geojson"), str(SEEDS)], _io.StringIO(), err)
        == 0
    ), err.getvalue()
    assert (
        main(
            ["export", "--date", "2024-12-01", "--out", str(tmp_path / "d.gpkg"), str(SEEDS)],
            _io.StringIO(),
            err,
        )
        == 0
    )
    assert (tmp_path / "all.geojson").stat().st_size > 10_000
    assert (
        main(
            ["export", "--date", "2030-01-01", "--out", str(tmp_path / "x.geojson"), str(SEEDS)],
            _io.StringIO(),
            err,
        )
        == 1
    )
    assert not (tmp_path / "x.geojson").exists()


def test_interrupted_write_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "map.geojson"
    target.write_text("GOOD", encoding="utf-8")

    def boom(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(export.os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        export.write_atomic(target, "NEW" * 1000)
    assert target.read_text(encoding="utf-8") == "GOOD"
    assert [p.name for p in tmp_path.iterdir()] == ["map.geojson"]  # no temp file left


def test_written_files_follow_the_umask(tmp_path):
    path = export.write_atomic(tmp_path / "f.txt", "x")
    mask = os.umask(0)
    os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask


# --- the snapshot -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seed_snapshot(run, tmp_path_factory):
    start = time.perf_counter()
    html = snapshot(run, DAY)
    seconds = time.perf_counter() - start
    path = export.write_html(tmp_path_factory.mktemp("snap") / "map.html", html)
    REPORT.append(
        f"snapshot of 2024-12-01: {path.stat().st_size / 1e6:.2f} MB, built in {seconds:.2f} s"
    )
    return path


def test_snapshot_is_self_contained(seed_snapshot):
    html = seed_snapshot.read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html
    assert not re.search(r"""(?:src|href)\s*=\s*["']?//""", html)
    assert seed_snapshot.stat().st_size < 1_500_000
    assert "Frontline — control on 2024-12-01" in html and "frontline-legend" in html
    assert "Front on the M5:" in html
    assert "What changed on 2024-12-01" in html and "frontline-changes" in html


def test_tiles_are_opt_in(run):
    html = snapshot(run, DAY, tiles="https://tiles.example.org/{z}/{x}/{y}.png")
    assert "tiles.example.org" in html


def test_snapshot_draws_offline_in_chromium(seed_snapshot):
    ARTIFACTS.mkdir(exist_ok=True)
    with page() as (pg, log):
        pg.goto(seed_snapshot.as_uri())
        pg.wait_for_selector(".leaflet-overlay-pane canvas", state="attached", timeout=15_000)
        pg.wait_for_timeout(500)
        png = pg.screenshot(path=str(ARTIFACTS / "snapshot-2024-12-01.png"))
        title = pg.inner_text("#frontline-title")
        legend = pg.inner_text("#frontline-legend")
    assert log["blocked"] == [] and log["errors"] == []
    assert "2024-12-01" in title and "Government" in legend and "SDF" in legend
    assert non_blank_fraction(png, (350, 150, 950, 750)) > 0.2  # the map area has drawn


INJECTION = (
    "Rebels said they succeeded in bringing <script>alert(1)</script> Hama under their "
    "control, according to <img src=x onerror=alert(2)>, a source.\n"
    "Fighters reported putting Homs <img src=x onerror=alert(3)> under their control.\n"
)


def test_script_in_an_article_never_runs(tmp_path):
    (tmp_path / "evil.txt").write_text("December 1, 2024\n" + INJECTION, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,outlet,published,url,language,syndicated_from\n"
        "evil.txt,<script>alert(4)</script>Evil Times,2024-12-01,,en,\n",
        encoding="utf-8",
    )
    result, failed = run_paths([str(tmp_path)])
    assert failed == []
    quotes = " ".join(result.claims["quote"])
    assert "<script>alert(1)</script>" in quotes and "onerror=alert(3)" in quotes
    html = snapshot(result, DAY)
    assert "<script>alert" not in html and "<img src=x" not in html
    path = export.write_html(tmp_path / "evil.html", html)
    with page() as (pg, log):
        pg.goto(path.as_uri())
        pg.wait_for_selector(".leaflet-overlay-pane canvas", state="attached", timeout=15_000)
        shown = pg.evaluate("""() => window.frontlinePlayer.markers.map(m => {
            m.fire('click', {latlng: m.getLatLng()});  // as a user's click would
            const text = m.getPopup().getElement().innerText;
            m.closePopup();
            return text;
        }).filter(t => t.includes('alert'))""")
        pg.wait_for_timeout(500)
        pg.screenshot(path=str(ARTIFACTS / "snapshot-injection.png"))
        images = pg.evaluate("() => document.querySelectorAll('img[src=\"x\"]').length")
    assert log["dialogs"] == [] and images == 0
    assert any("<script>alert(1)</script>" in t for t in shown)  # shown as text, inert
    assert any("Evil Times" in t for t in shown)


URL_LIKE_TEXT = (
    "December 1, 2024\n"
    "Rebels captured Saraqib, according to url(//example.org/x) and @import rumours.\n"
    'Fighters entered Hama, photo src=//example.org/a.png href="https://example.org/b".\n'
)


def test_url_like_article_text_does_not_break_the_page(tmp_path):
    (tmp_path / "urls.txt").write_text(URL_LIKE_TEXT, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,outlet,published,url,language,syndicated_from\n"
        'urls.txt,"according to url(//example.org/o) photo src=//example.org/a.png",'
        "2024-12-01,,en,\n",
        encoding="utf-8",
    )
    out = tmp_path / "m.html"
    err = _io.StringIO()
    code = main(
        ["snapshot", "--date", "2024-12-01", "--out", str(out), str(tmp_path)], _io.StringIO(), err
    )
    assert code == 0, err.getvalue()
    html = out.read_text(encoding="utf-8")
    assert "photo src=//example.org/a.png" in html.replace("\\/", "/")  # shown, as text
    assert mappage.remote_references(html) == []
    with page() as (pg, log):
        pg.goto(out.as_uri())
        pg.wait_for_selector(".leaflet-overlay-pane canvas", state="attached", timeout=15_000)
        images = pg.evaluate("() => document.images.length")
    assert log["blocked"] == [] and log["errors"] == [] and images == 0


@pytest.mark.parametrize(
    ("page_html", "remote"),
    [
        ('<img src="//example.org/a.png">', True),
        ("<script src=https://cdn.example.org/x.js></script>", True),
        ('<link rel="stylesheet" href="http://example.org/s.css">', True),
        ("<style>.a{background:url( '//example.org/p.png')}</style>", True),
        ("<style>@import 'x.css';</style>", True),
        ('<div style="background:url(https://example.org/p.png)">x</div>', True),
        ('<img srcset="a.png 1x, https://example.org/b.png 2x">', True),
        ("<p>according to url(//example.org) src=//example.org/a.png</p>", False),
        ("<script>var q = 'src=//example.org/a.png url(//x)';</script>", False),
        ('<img src="data:image/png;base64,AAAA">', False),
        ('<a href="#frontline-legend">legend</a>', False),
    ],
)
def test_remote_references_are_markup_not_text(page_html, remote):
    assert bool(mappage.remote_references(page_html)) is remote


def test_snapshot_out_of_range_exits_1(tmp_path):
    err = _io.StringIO()
    code = main(
        ["snapshot", "--date", "2030-01-01", "--out", str(tmp_path / "m.html"), str(SEEDS)],
        _io.StringIO(),
        err,
    )
    assert code == 1 and "valid range" in err.getvalue()
    assert not Path(tmp_path / "m.html").exists()


def test_data_credit_travels_with_the_data(run, tmp_path):
    """GeoNames (CC BY 4.0) via Who's On First and Natural Earth are credited in the GeoJSON,
    the GeoPackage (dataset and layer metadata) and the map page, as their licences require."""
    features = export_features(run, date(2024, 12, 1))
    collection = json.loads(export.to_geojson(features))
    for needle in ("GeoNames", "CC BY 4.0", "Who's On First", "whosonfirst.org/docs/licenses"):
        assert needle in collection["attribution"]
    gpkg = export.write_gpkg(tmp_path / "day.gpkg", features)
    info = pyogrio.read_info(gpkg, layer="control")
    assert "Who's On First" in info["layer_metadata"]["attribution"]
    assert "GeoNames" in info["dataset_metadata"]["attribution"]
    page_html = snapshot(run, date(2024, 12, 1))
    credit = re.search(r"<div id='frontline-credit'[^>]*>([^<]*)</div>", page_html)
    assert (
        credit is not None and "GeoNames" in credit.group(1) and "Natural Earth" in credit.group(1)
    )
