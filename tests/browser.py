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
