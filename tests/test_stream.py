"""Streaming, parallel and Dask extraction (issue 14): the same claims in the same order."""

from __future__ import annotations

import io as _io
import json
import shutil

import pandas as pd
import pytest

from geo import stream
from geo.cli import main
from tests.conftest import ROOT, SEEDS

EXAMPLES = ROOT / "examples" / "offensive"


def extract(*argv) -> tuple[int, str, str]:
    out, err = _io.StringIO(), _io.StringIO()
    code = main(["extract", *argv], out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def one_worker():
    code, out, err = extract("--workers", "1", str(SEEDS), str(EXAMPLES))
    assert code == 0, err
    return out


def test_two_workers_give_the_same_output_in_the_same_order(one_worker):
    code, out, _ = extract("--workers", "2", str(SEEDS), str(EXAMPLES))
    assert code == 0 and out == one_worker
    assert len(one_worker.splitlines()) > 500


def test_small_batches_give_the_same_output(one_worker, monkeypatch):
    monkeypatch.setattr(stream, "BATCH_SIZE", 7)
    monkeypatch.setattr(
        stream.extract_stream,
        "__kwdefaults__",
        {**stream.extract_stream.__kwdefaults__, "batch_size": 7},
    )
    code, out, _ = extract("--workers", "2", str(SEEDS), str(EXAMPLES))
    assert code == 0 and out == one_worker


def test_bad_worker_counts_are_usage_errors():
    code, _, err = extract("--workers", "0", str(SEEDS))
    assert code == 2 and "--workers" in err


@pytest.fixture(scope="module")
def two_hundred(tmp_path_factory):
    """200 article files: the example corpus, then 80 of its passages under new names."""
    folder = tmp_path_factory.mktemp("two-hundred")
    manifest = pd.read_csv(EXAMPLES / "manifest.csv", dtype=str, keep_default_na=False)
    rows = []
    for i, rec in enumerate(manifest.to_dict("records")):
        shutil.copy(EXAMPLES / rec["file"], folder / rec["file"])
        rows.append(rec)
        if i < 80:
            copy = f"copy-{rec['file']}"
            shutil.copy(EXAMPLES / rec["file"], folder / copy)
            rows.append(rec | {"file": copy})
    pd.DataFrame(rows).to_csv(folder / "manifest.csv", index=False)
    assert len(list(folder.glob("*.txt"))) == 200
    return folder


@pytest.mark.slow
def test_dask_local_cluster_equals_one_process(two_hundred, tmp_path):
    pytest.importorskip("distributed")
    code, single, _ = extract("--workers", "1", str(two_hundred))
    assert code == 0
    code, on_dask, err = extract("--dask", "local", str(two_hundred))
    assert code == 0, err
    assert on_dask == single
    # Parquet partitions, read back by the timeline
    code, _, err = extract(
        "--dask", "local", "--parquet", str(tmp_path / "claims"), str(two_hundred)
    )
    assert code == 0 and "part-*.parquet" in err
    from geo.distributed import read_parquet_claims

    back = read_parquet_claims(tmp_path / "claims")
    records = [json.loads(line) for line in single.splitlines()]
    assert back["claim_id"].tolist() == [r["claim_id"] for r in records]
    out, err_io = _io.StringIO(), _io.StringIO()
    assert (
        main(
            ["timeline", "--parquet", str(tmp_path / "claims"), "--date", "2024-12-06"], out, err_io
        )
        == 0
    ), err_io.getvalue()
    day = pd.read_csv(_io.StringIO(out.getvalue()))
    assert day.set_index("place_id").loc["hama", "controller"] == "opposition"


def test_ingest_with_two_workers_stores_the_same_claims(tmp_path):
    from geo.store import open_store

    stored = []
    for workers in ("1", "2"):
        db = tmp_path / f"w{workers}.db"
        out, err = _io.StringIO(), _io.StringIO()
        code = main(
            ["ingest", "--workers", workers, "--db", str(db), str(SEEDS), str(EXAMPLES)], out, err
        )
        assert code == 0, err.getvalue()
        with open_store(db) as store:
            stored.append(sorted((r["claim_id"], r["quote"]) for r in store.claim_rows()))
    assert stored[0] == stored[1] and len(stored[0]) > 500
