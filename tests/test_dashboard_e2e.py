"""The dashboard in a real browser: `streamlit run` on 127.0.0.1, headless Debian chromium,
every request that leaves localhost blocked."""

from __future__ import annotations

import pytest

from tests.browser import ARTIFACTS, map_frame, non_blank_fraction, page, streamlit_server
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

EVIL = (
    b"December 3, 2024\nRebels said they succeeded in bringing <script>alert(1)</script> "
    b"Homs under their control, according to <img src=x onerror=alert(2)>, a source.\n"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("served")
    env = {
        "FRONTLINE_DB": str(tmp / "frontline.db"),
        "FRONTLINE_CACHE": str(tmp / "cache"),
        "FRONTLINE_WRITE": "1",
    }
    with streamlit_server(ROOT / "streamlit_app.py", timeout_s=120, env=env) as url:
        yield url


def test_map_and_charts_draw_and_the_slider_changes_the_map(server):
    ARTIFACTS.mkdir(exist_ok=True)
    with page((1400, 1300)) as (pg, log):
        pg.goto(server)
        frame = map_frame(pg)
        pg.wait_for_selector(".vega-embed", timeout=30_000)
        pg.wait_for_timeout(1500)
        shot = pg.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
        box = pg.locator("iframe").first.bounding_box()
        area = (
            int(box["x"]),
            int(box["y"]),
            int(box["x"] + box["width"]),
            int(box["y"] + box["height"]),
        )
        assert non_blank_fraction(shot, area) > 0.2
        charts = pg.locator(".vega-embed")
        assert charts.count() == 2
        chart_box = charts.first.bounding_box()
        assert (
            non_blank_fraction(
                shot,
                (
                    int(chart_box["x"]),
                    int(chart_box["y"]),
                    int(chart_box["x"] + chart_box["width"]),
                    int(chart_box["y"] + chart_box["height"]),
                ),
            )
            > 0.02
        )
        assert frame.evaluate("document.body.getAttribute('data-day')") == "2024-12-04"
        before = pg.locator("iframe").first.screenshot()
        # the map's own slider, as a keyboard user would move it: no rerun, no reload
        frame.focus("#fl-day")
        for _ in range(8):
            pg.keyboard.press("ArrowLeft")
        assert frame.evaluate("document.body.getAttribute('data-day')") == "2024-11-26"
        assert frame.inner_text("#frontline-title").endswith("2024-11-26")
        pg.wait_for_timeout(300)
        after = pg.locator("iframe").first.screenshot(
            path=str(ARTIFACTS / "dashboard-map-2024-11-26.png")
        )
        assert before != after
        # the play button steps through the days in the page
        frame.click("#fl-play")
        pg.wait_for_timeout(2_300)
        assert frame.evaluate("document.body.getAttribute('data-day')") > "2024-11-27"
        frame.click("#fl-play")
        # the page's day slider reruns the script; the map shows that day without reloading
        outer = next(f for f in pg.frames if f.child_frames and f is not pg.main_frame)
        loads = outer.evaluate("window.frontlineLoads")
        thumb = pg.get_by_role("slider").first
        thumb.focus()
        thumb.press("ArrowLeft")
        frame.wait_for_function(
            "() => document.body.getAttribute('data-day') === '2024-12-03'", timeout=30_000
        )
        pg.wait_for_timeout(1_000)
        assert outer.evaluate("window.frontlineLoads") == loads  # the same page, not reloaded
    assert log["blocked"] == [] and log["dialogs"] == []


def test_uploaded_article_with_script_never_runs(server, tmp_path):
    evil = tmp_path / "evil.txt"
    evil.write_bytes(EVIL)
    with page((1400, 1300)) as (pg, log):
        pg.goto(server)
        map_frame(pg)
        pg.set_input_files("input[type=file]", str(evil))
        pg.get_by_label("Outlet").fill("<script>alert(3)</script>Evil Times")
        pg.get_by_role("button", name="Add article").click()
        pg.get_by_text("Added evil.txt").wait_for(timeout=60_000)
        texts: list[str] = []
        for _ in range(60):  # the rerun replaces the iframe; wait for the one with the article
            frame = map_frame(pg)
            try:
                texts = frame.evaluate("""() => window.frontlinePlayer.markers.map(m => {
                    m.fire('click', {latlng: m.getLatLng()});
                    const text = m.getPopup().getElement().innerText;
                    m.closePopup();
                    return text; }).filter(t => t.includes('alert'))""")
            except Exception:
                texts = []
            if texts:
                break
            pg.wait_for_timeout(500)
        pg.wait_for_timeout(500)
        pg.screenshot(path=str(ARTIFACTS / "dashboard-injection.png"), full_page=True)
        images = pg.evaluate("() => document.querySelectorAll('img[src=\"x\"]').length")
        images += frame.evaluate("() => document.querySelectorAll('img[src=\"x\"]').length")
    assert log["dialogs"] == [] and images == 0 and log["blocked"] == []
    assert any("<script>alert(1)</script>" in t and "Evil Times" in t for t in texts)


def test_clicking_a_place_selects_it_without_reloading_the_map(server):
    with page((1400, 1300)) as (pg, log):
        pg.goto(server)
        frame = map_frame(pg)
        pg.wait_for_timeout(1_000)
        outer = next(f for f in pg.frames if f.child_frames and f is not pg.main_frame)
        loads = outer.evaluate("window.frontlineLoads")
        name = frame.evaluate("""() => {
            const player = window.frontlinePlayer;
            const i = player.markers.findIndex(m => m.getTooltip().getContent().textContent
                                                    === 'Hama');
            player.markers[i].fire('click', {latlng: player.markers[i].getLatLng()});
            return player.markers[i].getTooltip().getContent().textContent; }""")
        assert name == "Hama"
        pg.get_by_role("tab", name="One place").click()
        pg.wait_for_function("() => location.search.includes('place=hama')", timeout=30_000)
        pg.wait_for_function(  # the evidence panel's place is now Hama
            "() => document.querySelector('input[aria-label=Place]')"
            " && document.querySelector('input[aria-label=Place]').value.startsWith('Hama (')",
            timeout=30_000,
        )
        pg.screenshot(path=str(ARTIFACTS / "dashboard-clicked-hama.png"), full_page=True)
        assert outer.evaluate("window.frontlineLoads") == loads  # no reload of the map
        assert frame.evaluate("document.body.getAttribute('data-day')") == "2024-12-04"
    assert log["blocked"] == [] and log["dialogs"] == []


@pytest.fixture(scope="module")
def offensive_server(tmp_path_factory):
    """The dashboard as `make run` serves it: the seeds and the example corpus."""
    from geo import io
    from geo.pipeline import ingest
    from geo.store import open_store

    tmp = tmp_path_factory.mktemp("offensive")
    paths = [str(ROOT / "seeds"), str(ROOT / "examples" / "offensive")]
    with open_store(tmp / "frontline.db") as store:
        ingest(store, [a for a in io.iter_articles(paths) if isinstance(a, io.Article)])
    env = {"FRONTLINE_DB": str(tmp / "frontline.db"), "FRONTLINE_CACHE": str(tmp / "cache")}
    with streamlit_server(ROOT / "streamlit_app.py", timeout_s=120, env=env) as url:
        yield url


def test_a_day_link_opens_that_day_with_its_changes(offensive_server):
    with page((1400, 1300)) as (pg, log):
        pg.goto(offensive_server + "/?day=2024-12-05")
        frame = map_frame(pg)
        frame.wait_for_function(
            "() => document.body.getAttribute('data-day') === '2024-12-05'", timeout=30_000
        )
        pg.get_by_text("place(s) changed on 2024-12-05").wait_for(timeout=30_000)
        # the changes panel (the first table) lists Hama on 5 December
        pg.wait_for_function(
            "() => { const grid = document.querySelector('[data-testid=stDataFrame]');"
            " return grid && [...grid.querySelectorAll('[role=gridcell]')]"
            ".some(td => td.textContent === 'Hama'); }",
            timeout=30_000,
        )
        pg.screenshot(path=str(ARTIFACTS / "dashboard-offensive-2024-12-05.png"), full_page=True)
        # clicking Aleppo on the map selects it for the evidence panel
        frame.evaluate("""() => {
            const player = window.frontlinePlayer;
            const i = player.markers.findIndex(m => m.getTooltip().getContent().textContent
                                                    === 'Aleppo');
            player.markers[i].fire('click', {latlng: player.markers[i].getLatLng()}); }""")
        pg.wait_for_function("() => location.search.includes('place=aleppo')", timeout=30_000)
        pg.wait_for_function(
            "() => document.querySelector('input[aria-label=Place]')"
            " && document.querySelector('input[aria-label=Place]').value.startsWith('Aleppo (')",
            timeout=30_000,
        )
        assert "day=2024-12-05" in pg.evaluate("location.search")
    assert log["blocked"] == [] and log["errors"] == [] and log["dialogs"] == []
