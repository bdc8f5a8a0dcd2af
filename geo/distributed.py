"""Extraction on Dask, for corpora beyond one machine (the optional ``[dask]`` extra).

The client lists the article files (and their manifest rows); a ``dask.bag`` of them runs the
same per-article function as the single-process path (:func:`geo.stream.extract_article`) on
the workers, which read the files themselves: the data must be on storage every worker sees.
An article is dated from ``--published``, its manifest row or its own text (borrowing a date
from a near-duplicate needs the whole batch, so it is not done here). Claims come back in input
order as JSON lines, or are written as Parquet partitions (``--parquet DIR``) that
``frontline timeline --parquet DIR`` reads.

``--dask local`` starts a :class:`distributed.LocalCluster` on this machine (workers listen on
127.0.0.1, no dashboard); any other value is a scheduler address (``tcp://host:8786``).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

from geo.columns import CLAIM_FIELDS
from geo.errors import ArticleError, FrontlineError

#: Dask partitions per worker thread: enough to balance, few enough to keep overhead low
PARTITIONS_PER_WORKER = 4


class DaskError(FrontlineError, RuntimeError):
    """Dask is missing or the scheduler cannot be reached."""


def article_jobs(
    paths: Sequence[str], published: date | None
) -> tuple[list[tuple[str, str, str | None, str | None]], list[ArticleError]]:
    """``(file, name, published ISO or None, outlet or None)`` for every article file under
    ``paths``, in the
    order ``frontline extract`` reads them, and the errors of paths and manifests."""
    from geo import io

    jobs: list[tuple[str, str, str | None, str | None]] = []
    errors: list[ArticleError] = []
    manifests: dict[Path, dict[str, dict[str, str]]] = {}
    for arg in paths:
        path = Path(arg)
        if path.is_dir():
            files = sorted(p for p in path.glob("*.txt") if p.is_file())
            folder = path
        elif path.is_file():
            files, folder = [path], path.parent
        else:
            errors.append(ArticleError(str(path), "no such file or directory"))
            continue
        if folder not in manifests:
            rows: dict[str, dict[str, str]] = {}
            if (folder / io.MANIFEST_NAME).exists():
                rows, bad = io.read_manifest(folder / io.MANIFEST_NAME)
                errors += bad
            manifests[folder] = rows
        for file in files:
            row = manifests[folder].get(file.name, {})
            when = published.isoformat() if published else (row.get("published") or None)
            outlet = row.get("outlet") or None
            jobs.append((str(file), io.display_name(file.name), when, outlet))
    return jobs, errors


def extract_file(job: tuple[str, str, str | None, str | None]) -> dict[str, Any]:
    """On a worker: read, date and extract one article file. Returns ``{"claims": [...],
    "warnings": [...], "error": str | None}`` (claims as JSON records)."""
    from geo import io
    from geo.dates import publication_date
    from geo.stream import extract_article

    path, name, published, outlet = job
    try:
        text = io.decode_article(Path(path).read_bytes(), path)
        when = date.fromisoformat(published) if published else None
        if when is None:
            found = publication_date(text)
            if found is None:
                raise ArticleError(
                    path, "no publication date found in the text or manifest; pass --published"
                )
            when = found.value
    except OSError as exc:
        return {"claims": [], "warnings": [], "error": f"{path}: cannot read: {exc.strerror}"}
    except ArticleError as exc:
        return {"claims": [], "warnings": [], "error": str(exc)}
    claims, warnings = extract_article(name, text, when, path, outlet)
    return {"claims": [c.as_json() for c in claims], "warnings": warnings, "error": None}


def _client(scheduler: str) -> Any:
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise DaskError("--dask needs the dask extra: pip install '.[dask]'") from exc
    if scheduler == "local":
        cluster = LocalCluster(
            processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
        )
        return Client(cluster)
    try:
        return Client(scheduler, timeout="20s")
    except OSError as exc:
        raise DaskError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from exc


def run_dask(
    jobs: list[tuple[str, str, str | None, str | None]], scheduler: str
) -> Iterator[dict[str, Any]]:
    """The per-article results of ``jobs`` on Dask, in input order."""
    import dask.bag as db

    with _client(scheduler) as client:
        threads = sum(client.nthreads().values()) or 1
        parts = max(1, min(len(jobs), threads * PARTITIONS_PER_WORKER))
        bag = db.from_sequence(jobs, npartitions=parts).map(extract_file)
        yield from bag.compute()


def write_parquet(results: list[dict[str, Any]], folder: str | Path, partition_rows: int) -> int:
    """Claims as Parquet partitions ``part-00000.parquet``… in ``folder``; returns the count."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("part-*.parquet"):
        old.unlink()
    records = [c for r in results for c in r["claims"]]
    frame = pd.DataFrame(records, columns=list(CLAIM_FIELDS))
    for i, start in enumerate(range(0, max(len(frame), 1), partition_rows)):
        frame.iloc[start : start + partition_rows].to_parquet(
            folder / f"part-{i:05d}.parquet", index=False
        )
    return len(frame)


def read_parquet_claims(folder: str | Path) -> pd.DataFrame:
    """Claims written by ``frontline extract --dask … --parquet DIR`` (every partition)."""
    folder = Path(folder)
    parts = sorted(folder.glob("part-*.parquet"))
    if not parts:
        raise ArticleError(str(folder), "no claim partitions (part-*.parquet) here")
    frame = pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)
    frame["event_date"] = pd.to_datetime(frame["event_date"]).dt.date
    return frame


def extract_dask(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``frontline extract --dask SCHEDULER [--parquet DIR]``."""
    from geo.cli import EXIT_OK, EXIT_PARTIAL, default_inputs

    jobs, errors = article_jobs(args.paths or default_inputs(), args.published)
    results = list(run_dask(jobs, args.dask))
    for error in errors:
        err.write(f"frontline: {error}\n")
    failed = len(errors)
    for result in results:
        if result["error"]:
            err.write(f"frontline: {result['error']}\n")
            failed += 1
        for line in result["warnings"]:
            err.write(f"frontline: {line}\n")
    if args.parquet:
        n = write_parquet(results, args.parquet, partition_rows=50_000)
        err.write(f"frontline: wrote {n} claims to {args.parquet}/part-*.parquet\n")
    else:
        for result in results:
            for claim in result["claims"]:
                out.write(json.dumps(claim, ensure_ascii=False) + "\n")
    return EXIT_PARTIAL if failed else EXIT_OK
