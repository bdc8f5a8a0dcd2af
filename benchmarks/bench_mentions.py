"""Place-mention matching: one Aho-Corasick pass vs a baseline regex alternation of every alias.

The baseline is what a simple geoparser does: one compiled ``re`` alternation of all aliases
(longest first, case-insensitive, word-bounded) over the raw text, measured here in the same run.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from geo.gazetteer import load_gazetteer

ROOT = Path(__file__).resolve().parent.parent


def _corpus(n_articles: int) -> list[str]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    return [seeds[i % len(seeds)] for i in range(n_articles)]


def _best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def run() -> None:
    t0 = time.perf_counter()
    gazetteer = load_gazetteer()
    print(f"gazetteer load: {time.perf_counter() - t0:.3f} s ({len(gazetteer)} places)")
    articles = _corpus(1_000)
    n_chars = sum(map(len, articles))

    ours = _best(lambda: [gazetteer.find_mentions(a) for a in articles])
    aliases = sorted(
        {a for pid in gazetteer.frame.index for a in gazetteer.aliases(pid)}, key=len, reverse=True
    )
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(map(re.escape, aliases)) + r")(?!\w)", re.IGNORECASE
    )
    baseline = _best(lambda: [pattern.findall(a) for a in articles[:20]], repeat=1) * 50
    print(
        f"mentions, 1,000 articles ({n_chars / 1e6:.1f} MB): {ours:.2f} s = "
        f"{len(articles) / ours:,.0f} articles/s, {n_chars / ours / 1e6:.1f} MB/s"
    )
    print(
        f"baseline regex alternation of {len(aliases):,} aliases: {baseline:.2f} s "
        f"(extrapolated from 20 articles) -> speed-up {baseline / ours:.1f}x"
    )

    big = ("\n".join(articles) * 2)[:10_000_000]
    t = _best(lambda: gazetteer.find_mentions(big), repeat=1)
    print(f"one 10 MB article: {t:.2f} s ({len(big) / t / 1e6:.1f} MB/s)")
