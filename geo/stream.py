"""Extraction of a stream of articles: batch by batch, on every core, in input order.

Articles are read, dated, extracted and handed on one batch at a time (:data:`BATCH_SIZE`), so
memory is bounded by a batch, not by the corpus. Dating that borrows a date from a near-duplicate
looks within the batch. With ``workers > 1`` the per-article work (:func:`extract_article`) runs
in a process pool (``fork`` where the platform has it, so the workers share the loaded gazetteer);
results come back in input order, identical to one worker's. A progress bar (tqdm) is drawn on
stderr when stderr is a terminal.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from typing import Any, TextIO

from geo.claims import extract_claims
from geo.corpus import DatedArticle, prepare
from geo.errors import ArticleError
from geo.gazetteer import Gazetteer, load_gazetteer
from geo.io import Article
from geo.mentions import unresolved_warnings
from geo.records import Claim

#: articles per batch: what is held in memory at once (texts, mentions, claims)
BATCH_SIZE = 256
#: below this many articles in a batch a pool costs more than it saves; run in-process
MIN_POOL_BATCH = 32


@dataclass(frozen=True)
class Extracted:
    """One article's extraction: its claims and its unresolved-place warnings."""

    item: DatedArticle
    claims: list[Claim]
    warnings: list[str]


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


_GAZETTEER: Gazetteer | None = None


def _worker_gazetteer() -> Gazetteer:
    global _GAZETTEER
    if _GAZETTEER is None:
        _GAZETTEER = load_gazetteer()
    return _GAZETTEER


def extract_article(
    name: str,
    text: str,
    published: date,
    source: str,
    outlet: str | None = None,
    gazetteer: Gazetteer | None = None,
) -> tuple[list[Claim], list[str]]:
    """The per-article function: claims of one article and its unresolved-place warnings
    (``source:line: unresolved place "X"``). The same function runs in-process, in a worker
    and on a Dask worker. ``outlet``: the manifest's, which makes a party's own channel its
    claims (:func:`geo.claims.extract_claims`)."""
    gaz = gazetteer or _worker_gazetteer()
    mentions = gaz.find_mentions(text, article=name)
    claims = extract_claims(
        text, published=published, article=name, gazetteer=gaz, mentions=mentions, outlet=outlet
    )
    return claims, unresolved_warnings(source, text, mentions)


def _extract_packed(
    args: tuple[str, str, date, str, str | None],
) -> tuple[list[Claim], list[str]]:
    return extract_article(*args)


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch


def _pool(workers: int) -> Executor:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


def _progress(total: int | None, err: TextIO | None) -> Any:
    stream = err if err is not None else sys.stderr
    enabled = hasattr(stream, "isatty") and stream.isatty()
    from tqdm import tqdm

    return tqdm(total=total, unit="article", file=stream, disable=not enabled, leave=False)


def extract_ready(
    ready: list[DatedArticle],
    *,
    workers: int = 1,
    gazetteer: Gazetteer | None = None,
    pool: Executor | None = None,
) -> Iterator[Extracted]:
    """Extract dated articles in order; ``workers > 1`` (or a ``pool``) runs batches of at
    least :data:`MIN_POOL_BATCH` in worker processes."""
    global _GAZETTEER
    gaz = gazetteer or _worker_gazetteer()
    _GAZETTEER = gaz  # inherited by forked workers
    jobs = [
        (
            d.article.name,
            d.article.text,
            d.published,
            d.article.path or d.article.name,
            d.article.outlet,
        )
        for d in ready
    ]
    own_pool = None
    results: Iterable[tuple[list[Claim], list[str]]]
    if (pool is not None or workers > 1) and len(jobs) >= MIN_POOL_BATCH:
        if pool is None:
            pool = own_pool = _pool(workers)
        chunk = max(1, len(jobs) // (max(workers, 2) * 4))
        results = pool.map(_extract_packed, jobs, chunksize=chunk)
    else:
        results = (extract_article(*job, gazetteer=gaz) for job in jobs)
    try:
        for d, (claims, warnings) in zip(ready, results, strict=True):
            yield Extracted(d, claims, warnings)
    finally:
        if own_pool is not None:
            own_pool.shutdown(cancel_futures=True)


def extract_stream(
    articles: Iterable[Article | ArticleError],
    *,
    workers: int = 1,
    on_error: Callable[[ArticleError], None] = lambda e: None,
    batch_size: int | None = None,
    err: TextIO | None = None,
    gazetteer: Gazetteer | None = None,
) -> Iterator[Extracted]:
    """Extract ``articles`` (read errors among them go to ``on_error``), batch by batch
    (:data:`BATCH_SIZE`), in input order. ``workers > 1`` uses one process pool for the stream."""
    gaz = gazetteer or load_gazetteer()  # extract_ready hands it to the forked workers
    taken: set[str] = set()
    pool: Executor | None = _pool(workers) if workers > 1 else None
    bar = _progress(None, err)
    try:
        for batch in _batches(articles, batch_size or BATCH_SIZE):
            good = []
            for item in batch:
                if isinstance(item, ArticleError):
                    on_error(item)
                else:
                    good.append(item)
            ready, undated = prepare(good, taken=taken, syndication=False)
            for error in undated:
                on_error(error)
            for done in extract_ready(ready, workers=workers, gazetteer=gaz, pool=pool):
                bar.update(1)
                yield done
    finally:
        bar.close()
        if pool is not None:
            pool.shutdown(cancel_futures=True)
