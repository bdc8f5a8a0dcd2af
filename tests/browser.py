"""Headless Chromium (Debian's package) driven by playwright, with the network blocked."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
LOCAL = (
    "file:",
    "data:",
    "blob:",
    "about:",
    "http://127.0.0.1",
    "http://localhost",
    "ws://127.0.0.1",
    "ws://localhost",
)


def require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (make test installs it)")


@contextmanager
def page(viewport: tuple[int, int] = (1300, 900)) -> Iterator[tuple[Any, dict[str, list[str]]]]:
    """A page that may only load local resources; yields (page, log of blocked/errors/dialogs)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    log: dict[str, list[str]] = {"blocked": [], "errors": [], "dialogs": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            pg = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})

            def route(r: Any) -> None:
                if r.request.url.startswith(LOCAL):
                    r.continue_()
                else:
                    log["blocked"].append(r.request.url)
                    r.abort()

            pg.route("**/*", route)
            pg.on("console", lambda m: log["errors"].append(m.text) if m.type == "error" else None)
            pg.on("pageerror", lambda e: log["errors"].append(str(e)))

            def dialog(d: Any) -> None:
                log["dialogs"].append(d.message)
                d.dismiss()

            pg.on("dialog", dialog)
            yield pg, log
        finally:
            browser.close()


def non_blank_fraction(png: bytes, box: tuple[int, int, int, int]) -> float:
    """Share of pixels in ``box`` that differ from the box's most common colour."""
    import io

    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("RGB").crop(box)
    colors = img.getcolors(maxcolors=1 << 24) or []
    total = img.width * img.height
    top = max(colors)[0] if colors else total
    return 1 - top / total


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def streamlit_server(
    app: Path, timeout_s: float = 60.0, env: dict[str, str] | None = None
) -> Iterator[str]:
    """``streamlit run app`` on a free 127.0.0.1 port; yields its URL once healthy."""
    import os
    import subprocess
    import sys
    import time
    import urllib.request

    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(app),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=app.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=os.environ | {"STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"} | (env or {}),
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None:
                raise RuntimeError(proc.stdout.read().decode() if proc.stdout else "exited")
            if time.monotonic() > deadline:
                raise TimeoutError(f"streamlit not healthy after {timeout_s:.0f} s")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def map_frame(pg: Any, timeout_s: float = 60.0) -> Any:
    """The dashboard's map iframe, once its canvas is drawn."""
    import time

    deadline = time.monotonic() + timeout_s
    while True:
        frame = next((f for f in pg.frames if f.url == "about:srcdoc"), None)
        if frame is not None:
            try:
                frame.wait_for_selector(
                    ".leaflet-overlay-pane canvas", state="attached", timeout=1_000
                )
                return frame
            except Exception:  # the frame may be replaced while the page reruns
                pass
        if time.monotonic() > deadline:
            raise TimeoutError("the map did not draw")
        pg.wait_for_timeout(100)
