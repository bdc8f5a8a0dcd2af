"""`frontline extract` as a user runs it, on generated corpora: one worker against two, and the
peak memory of a 10,000-article run.

Targets (issue 14): two workers on two idle cores ≥ 1.6× one worker; peak RSS for 10,000
articles ≤ 300 MiB (the largest process: the reader or one worker). The corpus is the seeds with
their towns renamed (:func:`benchmarks.bench_claims.corpus`), written as files with a manifest.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.bench_claims import corpus


def _write(folder: Path, texts: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "manifest.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", "outlet", "published", "url", "language", "syndicated_from"])
        for i, text in enumerate(texts):
            name = f"a{i:05d}.txt"
            (folder / name).write_text(text, encoding="utf-8")
            writer.writerow([name, "bench", "2024-12-01", "", "en", ""])


_MEASURE = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)\n"
    "print(done.stdout.count(b'\\n'), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def _extract(folder: Path, workers: int) -> tuple[float, float, int]:
    """Wall seconds, peak RSS (MiB) of the largest process of this run (measured by a wrapper
    whose only children are this run's), and output lines."""
    t0 = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _MEASURE,
            sys.executable,
            "-m",
            "geo.cli",
            "extract",
            "--workers",
            str(workers),
            str(folder),
        ],
        stdout=subprocess.PIPE,
        check=True,
        text=True,
    )
    seconds = time.perf_counter() - t0
    lines, rss_kib = (int(v) for v in done.stdout.split())
    return seconds, rss_kib / 1024, lines


def run() -> None:
    with tempfile.TemporaryDirectory(prefix="frontline-stream-") as tmp:
        small = Path(tmp) / "one-thousand"
        _write(small, corpus(1_000))
        one, _, n_one = _extract(small, 1)
        two, _, n_two = _extract(small, 2)
        print(
            f"extract 1,000 articles: 1 worker {one:.1f} s ({1_000 / one:.0f} articles/s), "
            f"2 workers {two:.1f} s -> {one / two:.2f}x (target >= 1.6x on 2 idle cores: "
            f"{'met' if one / two >= 1.6 else 'NOT met'}); same number of claims: "
            f"{n_one == n_two}"
        )
        big = Path(tmp) / "ten-thousand"
        _write(big, corpus(10_000))
        seconds, peak, n = _extract(big, 2)
        print(
            f"extract 10,000 articles with 2 workers: {seconds:.0f} s, {n:,} claims, peak RSS "
            f"{peak:.0f} MiB (target <= 300: {'met' if peak <= 300 else 'NOT met'})"
        )
