"""The Streamlit page: renders in-process (AppTest) and serves over HTTP like `make run`."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "streamlit_app.py")


def test_page_renders_map_and_table_offline():
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "Frontline"
    deck = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    assert deck["mapStyle"] == "__MAP_STYLE__"  # no basemap fetched from a tile server
    points = deck["layers"][2]["data"]
    assert {p["name"] for p in points} >= {"Aleppo", "Hama", "Idlib", "Tel Rifaat"}
    table = at.dataframe[0].value
    assert table["mentions"].is_monotonic_decreasing
    assert int(table.set_index("place").loc["Aleppo", "mentions"]) >= 40


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_streamlit_serves_the_page():
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            APP,
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=os.environ | {"STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"},
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/_stcore/health", timeout=2
                ) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            assert proc.poll() is None, proc.stdout.read().decode()
            assert time.monotonic() < deadline, "server did not become healthy in 60 s"
            time.sleep(0.3)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
            assert r.status == 200 and b'<div id="root">' in r.read()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
