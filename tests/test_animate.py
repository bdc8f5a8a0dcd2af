"""`frontline animate`: one frame per day, the same control as the day views (issue 13)."""

from __future__ import annotations

import io as _io
from datetime import date

import numpy as np
import pytest
from PIL import Image

from geo import columns as C
from geo.animate import FRAME_PX, fill_color, pixel_of
from geo.cli import main
from geo.pipeline import animation_frames, run_paths
from tests.conftest import REPORT, SEEDS


@pytest.fixture(scope="module")
def seed_run():
    result, _ = run_paths([str(SEEDS)])
    return result


@pytest.fixture(scope="module")
def frames(seed_run):
    return animation_frames(seed_run)


def test_one_frame_per_day_of_the_timeline(frames, seed_run):
    days, images = frames
    assert days[0] == date(2024, 11, 26) and days[-1] == date(2024, 12, 4)
    assert len(images) == len(days)
    assert all(im.shape == (FRAME_PX[1], FRAME_PX[0], 3) for im in images)


def test_frame_i_shows_the_control_of_day_i(frames, seed_run):
    """At every settlement's pixel the frame has the fill of the side the timeline gives that
    settlement on that day (its Voronoi cell), except where a line or label is drawn over it."""
    days, images = frames
    t = seed_run.timeline[seed_run.timeline[C.PLACE_TYPE].isin(C.SETTLEMENT_TYPES)]
    fills = {k: np.round(np.array(fill_color(k)) * 255) for k in t[C.CONTROLLER].unique()}
    agree = total = flips_seen = 0
    for i, d in enumerate(days):
        today = t[t[C.DATE] == np.datetime64(d)]
        for rec in today.itertuples():
            col, row = pixel_of(rec.lon, rec.lat)
            pixel = images[i][row, col].astype(float)
            matches = {k for k, rgb in fills.items() if np.abs(pixel - rgb).max() <= 2}
            if not matches:
                continue  # a line, label or marker covers the point
            total += 1
            agree += rec.controller in matches
    assert total > 300
    assert agree / total >= 0.98, (agree, total)
    # a place that changes hands changes colour between its frames
    aleppo = t[t[C.PLACE_ID] == "aleppo"].set_index(C.DATE)[C.CONTROLLER]
    col, row = pixel_of(*t.loc[t[C.PLACE_ID] == "aleppo", [C.LON, C.LAT]].iloc[0])
    first, last = images[0][row, col], images[-1][row, col]
    if aleppo.iloc[0] != aleppo.iloc[-1]:
        flips_seen = int(np.abs(first.astype(int) - last.astype(int)).max() > 10)
        assert flips_seen
    REPORT.append(f"animation frames: {agree}/{total} settlement pixels show the day's control")


def test_animate_writes_a_gif_of_the_range(tmp_path):
    out = tmp_path / "offensive.gif"
    err = _io.StringIO()
    code = main(
        [
            "animate",
            "--out",
            str(out),
            "--from",
            "2024-11-29",
            "--to",
            "2024-12-01",
            "--fps",
            "4",
            str(SEEDS),
        ],
        _io.StringIO(),
        err,
    )
    assert code == 0, err.getvalue()
    with Image.open(out) as gif:
        assert gif.n_frames == 3 and gif.size == FRAME_PX
        assert gif.info["duration"] == 250


def test_animate_writes_an_mp4(tmp_path):
    pytest.importorskip("imageio_ffmpeg")
    out = tmp_path / "offensive.mp4"
    err = _io.StringIO()
    code = main(
        ["animate", "--out", str(out), "--from", "2024-12-03", str(SEEDS)], _io.StringIO(), err
    )
    assert code == 0, err.getvalue()
    assert out.stat().st_size > 10_000 and out.read_bytes()[4:8] == b"ftyp"


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["--out", "x.avi"], 2, ".gif or .mp4"),
        (["--out", "x.gif", "--fps", "0"], 2, "--fps"),
        (["--out", "x.gif", "--from", "2030-01-01"], 1, "valid range"),
        (["--out", "x.gif", "--from", "2024-12-03", "--to", "2024-12-01"], 1, "no days"),
    ],
)
def test_animate_refuses_bad_requests(tmp_path, monkeypatch, argv, code, message):
    monkeypatch.chdir(tmp_path)
    err = _io.StringIO()
    assert main(["animate", *argv, str(SEEDS)], _io.StringIO(), err) == code
    assert message in err.getvalue() and not (tmp_path / "x.gif").exists()
