"""Committed data: provenance, sizes, the seed manifest, and that the build script reproduces it."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys

import pytest

from tests.conftest import GOLD, ROOT, SEEDS

SHARED_GEODATA = ROOT.parent / "shared" / "geodata"


def test_data_readme_names_sources_and_licences():
    text = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    for needle in (
        "GeoNames",
        "CC BY 4.0",
        "Natural Earth",
        "public domain",
        "airportsdata",
        "Who's On First",
        "whosonfirst.org/docs/licenses",
    ):
        assert needle in text


def test_no_committed_file_over_5_mb():
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.split()
    files = [ROOT / f for f in tracked] or list((ROOT / "data").iterdir())
    big = [str(f) for f in files if f.is_file() and f.stat().st_size > 5_000_000]
    assert big == []


def test_seed_manifest_agrees_with_gold():
    with (SEEDS / "manifest.csv").open(encoding="utf-8") as fh:
        seeds = {r["file"]: r for r in csv.DictReader(fh)}
    with (GOLD / "manifest.csv").open(encoding="utf-8") as fh:
        gold = {r["file"]: r for r in csv.DictReader(fh)}
    assert list(next(iter(seeds.values()))) == [
        "file",
        "outlet",
        "published",
        "url",
        "language",
        "syndicated_from",
    ]
    assert set(seeds) == set(gold) == {p.name for p in SEEDS.glob("*.txt")}
    for name, row in seeds.items():
        assert row["published"] == gold[name]["published"]
        assert row["outlet"] == gold[name]["outlet"]
        assert row["syndicated_from"] == gold[name]["syndicated_from"]


@pytest.mark.skipif(not SHARED_GEODATA.exists(), reason="needs ../shared/geodata")
def test_build_script_reproduces_committed_data(tmp_path):
    shutil.copy(ROOT / "data" / "gazetteer_supplement.csv", tmp_path)
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "build_gazetteer.py"),
            "--geodata",
            str(SHARED_GEODATA),
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for name in ("gazetteer.csv", "m5.geojson", "syria_admin1.geojson", "syria_outline.geojson"):
        assert (tmp_path / name).read_bytes() == (ROOT / "data" / name).read_bytes(), name
