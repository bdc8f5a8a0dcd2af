"""Dashboard responsiveness in headless Chromium, on the seeds and the example corpus (what
`make run` serves): server start to map visible, and one day's switch. Targets (issue 13):
≤ 5 s and ≤ 100 ms.

Baselines measured in the same run: a switch of day through Streamlit's own slider (a script
rerun; the map component passes the day to the page's player) against the in-map switch
(client-side, no rerun).
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path
from typing import Any

from tests.browser import map_frame, page, require_chromium, streamlit_server

ROOT = Path(__file__).resolve().parent.parent


def run() -> None:
    try:
        require_chromium()
    except BaseException:  # pytest.skip outside pytest
        print("dashboard: skipped (no /usr/bin/chromium; `make test` installs it)")
        return
    import tempfile

    from geo import io
    from geo.pipeline import ingest, store_bundle
    from geo.store import open_store

    tmp = Path(tempfile.mkdtemp(prefix="frontline-bench-"))
    env = {"FRONTLINE_DB": str(tmp / "frontline.db"), "FRONTLINE_CACHE": str(tmp / "cache")}
    os.environ.update(env)
    with open_store(tmp / "frontline.db") as store:  # what `make run` does before serving
        paths = [str(ROOT / "seeds"), str(ROOT / "examples" / "offensive")]
        ingest(store, [a for a in io.iter_articles(paths) if isinstance(a, io.Article)])
    store_bundle(tmp / "frontline.db")
    with page((1400, 1200)) as (pg, log):  # the user's browser is already open
        t0 = time.perf_counter()
        with streamlit_server(ROOT / "streamlit_app.py", env=env) as url:
            healthy = time.perf_counter() - t0
            visible, switches, reruns = _session(pg, url, t0)
    switch_ms = statistics.median(switches)
    rerun_ms = statistics.median(reruns)
    print(
        f"dashboard: healthy after {healthy:.2f} s, map visible {visible:.2f} s after server "
        f"start (target < 5 s: {'met' if visible < 5 else 'NOT met'})"
    )
    print(
        f"switch one day in the map: median {switch_ms:.0f} ms over {len(switches)} "
        f"(target <= 100 ms: {'met' if switch_ms <= 100 else 'NOT met'})"
    )
    print(
        f"baseline: switch through the page slider (script rerun): median "
        f"{rerun_ms:.0f} ms -> the in-map switch is {rerun_ms / max(switch_ms, 1e-3):.0f}x "
        f"faster; blocked requests: {len(log['blocked'])}"
    )


def _session(pg: Any, url: str, t0: float) -> tuple[float, list[float], list[float]]:
    pg.goto(url)
    frame = map_frame(pg)
    visible = time.perf_counter() - t0
    switches = []
    for i in range(8):
        switches.append(
            frame.evaluate(
                """(i) => new Promise(done => {
            const t = performance.now(); window.frontlinePlayer.show(i);
            requestAnimationFrame(() => requestAnimationFrame(
                () => done(performance.now() - t))); })""",
                i % 17,
            )
        )
    reruns = []
    thumb = pg.get_by_role("slider").first
    for expected in ("2024-12-11", "2024-12-10", "2024-12-09"):
        thumb.focus()
        before = time.perf_counter()
        thumb.press("ArrowLeft")
        frame.wait_for_function(
            "(d) => document.body.getAttribute('data-day') === d", arg=expected, timeout=30_000
        )
        reruns.append((time.perf_counter() - before) * 1000)
    return visible, switches, reruns
