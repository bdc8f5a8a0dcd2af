"""`frontline animate` on the seeds and the example corpus (26 Nov – 12 Dec): build time and GIF
size. Targets (issue 13): under 20 s, under 5 MB.

Baseline, in the same run: the same frames saved one by one as PNG files with matplotlib's own
``savefig`` (what a user would otherwise script), to show what rendering costs against encoding.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from geo.animate import write_animation
from geo.pipeline import animation_frames, run_paths

ROOT = Path(__file__).resolve().parent.parent


def run() -> None:
    result, _ = run_paths([str(ROOT / "seeds"), str(ROOT / "examples" / "offensive")])
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        days, frames = animation_frames(result)
        drawn = time.perf_counter() - t0
        path = write_animation(Path(tmp) / "offensive.gif", frames, fps=2)
        total = time.perf_counter() - t0
        size_mb = path.stat().st_size / 1e6
        from PIL import Image

        t0 = time.perf_counter()
        for i, frame in enumerate(frames):
            Image.fromarray(frame).save(Path(tmp) / f"frame-{i:02d}.png")
        png_s = time.perf_counter() - t0
    met = total < 20 and size_mb < 5
    print(
        f"animation {days[0]} to {days[-1]}: {len(frames)} frames drawn in {drawn:.2f} s, GIF "
        f"written in {total:.2f} s, {size_mb:.2f} MB (targets < 20 s, < 5 MB: "
        f"{'met' if met else 'NOT met'})"
    )
    print(f"baseline: the same frames as {len(frames)} PNG files: {png_s:.2f} s to encode")
