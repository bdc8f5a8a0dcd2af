"""Claim extraction throughput on 1,000 distinct articles, on one core.

Articles are the seeds with their place names swapped for other gazetteer towns, so no two are
identical (nothing can be served from a cache). The baseline is the same extractor with its
head-word scanners replaced by :class:`geo.scan.PlainScanner` (every lexicon phrase tried at
every word start — the straightforward implementation), measured in the same run.
"""

from __future__ import annotations

import itertools
import random
import time
from datetime import date
from pathlib import Path

from geo import actors as actors_module
from geo import claims as claims_module
from geo.claims import extract_claims
from geo.gazetteer import load_gazetteer
from geo.scan import PlainScanner

ROOT = Path(__file__).resolve().parent.parent
TARGET_ARTICLES_PER_S = 500


def corpus(n: int, seed: int = 7) -> list[str]:
    """``n`` distinct articles: seeds with towns renamed."""
    gazetteer = load_gazetteer()
    towns = [p.name for p in gazetteer.places if p.place_type == "town"]
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    rng = random.Random(seed)
    out = []
    for i in range(n):
        text = seeds[i % len(seeds)]
        for name in ("Hama", "Idlib", "Maarat al-Numan", "Hass", "Taybat Al-Imam"):
            text = text.replace(name, rng.choice(towns))
        out.append(f"{text}\nDispatch {i}.")
    return out


def _run(articles: list[str]) -> tuple[float, int]:
    gazetteer = load_gazetteer()
    start = time.perf_counter()
    n = sum(
        len(extract_claims(a, published=date(2024, 12, 1), gazetteer=gazetteer)) for a in articles
    )
    return time.perf_counter() - start, n


def run() -> None:
    articles = corpus(1_000)
    _run(articles[:20])  # warm up
    seconds, n_claims = _run(articles)
    rate = len(articles) / seconds
    saved = claims_module.TRIGGER_SCANNER, actors_module.ACTOR_SCANNER
    claims_module.TRIGGER_SCANNER = PlainScanner(saved[0])  # type: ignore
    actors_module.ACTOR_SCANNER = PlainScanner(saved[1])  # type: ignore
    try:
        base_seconds, _ = _run(articles[:200])
    finally:
        claims_module.TRIGGER_SCANNER, actors_module.ACTOR_SCANNER = saved
    base_rate = 200 / base_seconds
    print(
        f"claims, 1,000 distinct articles: {seconds:.2f} s = {rate:,.0f} articles/s "
        f"({n_claims:,} claims); target {TARGET_ARTICLES_PER_S}/s "
        f"({'met' if rate >= TARGET_ARTICLES_PER_S else 'NOT met'})"
    )
    print(
        f"baseline (plain re.finditer scanners, 200 articles): {base_rate:,.0f} articles/s "
        f"-> speed-up {rate / base_rate:.2f}x"
    )
    growth()


def growth() -> None:
    """Cost against one article's size: prose and a single line with no sentence end.

    Issue 12: one 200 KB line took 77 s (time square in its size). Linear cost means the time
    per doubling of the input stays near 2x.
    """
    gazetteer = load_gazetteer()
    prose = "\n\n".join(corpus(40))
    line = " and ".join(
        "rebels captured the town of Saraqib while the army said it repelled attacks near Morek"
        for _ in range(3_000)
    )
    for label, text in (("prose", prose), ("one line, no full stop", line)):
        times = []
        for size in (len(text) // 4, len(text) // 2, len(text)):
            start = time.perf_counter()
            extract_claims(text[:size], published=date(2024, 12, 1), gazetteer=gazetteer)
            times.append(time.perf_counter() - start)
        ratios = ", ".join(f"{b / a:.2f}x" for a, b in itertools.pairwise(times))
        print(
            f"growth, {label} ({len(text) // 4:,} -> {len(text):,} chars): "
            f"{times[0]:.2f} s -> {times[-1]:.2f} s; per doubling {ratios} (linear: ~2x)"
        )
