"""The package as a user installs it (`pip install .`, not editable): it carries its data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The wheel built from this checkout, unpacked into a folder of its own."""
    tmp = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    wheels = list(tmp.glob("frontline-*.whl"))
    if built.returncode != 0 or not wheels:
        pytest.fail(f"pip wheel failed: {built.stderr[-2000:]}")
    target = tmp / "site"
    with zipfile.ZipFile(wheels[0]) as whl:
        names = whl.namelist()
        whl.extractall(target)
    return target, names


def test_the_wheel_ships_data_but_no_store(installed):
    _, names = installed
    for name in (
        "geo/data/gazetteer.csv",
        "geo/data/baseline_control.csv",
        "geo/data/m5.geojson",
        "geo/data/lexicon/triggers.tsv",
        "geo/data/README.md",
    ):
        assert name in names
    assert not any("frontline.db" in n or "/.cache/" in n for n in names)


def test_the_installed_package_works_from_another_folder(installed, tmp_path):
    target, _ = installed
    article = tmp_path / "a.txt"
    article.write_text("2024-11-29. Rebels captured Saraqib on Friday.\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("FRONTLINE_")}
    env |= {
        "PYTHONPATH": str(target),  # dependencies come from this interpreter's environment
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_DATA_HOME": str(tmp_path / "share"),
    }

    def frontline(command: str) -> subprocess.CompletedProcess[str]:
        """``frontline COMMAND article`` from the unpacked wheel, in another folder."""
        code = (
            "import geo, sys; from geo.cli import main;"
            "assert geo.__file__.startswith(sys.argv[1]), geo.__file__;"
            "sys.exit(main([sys.argv[2], sys.argv[3]]))"
        )
        return subprocess.run(
            [sys.executable, "-c", code, str(target), command, str(article)],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            timeout=300,
            check=False,
        )

    done = frontline("extract")
    assert done.returncode == 0, done.stderr
    claim = json.loads(done.stdout.splitlines()[0])
    assert (claim["place_id"], claim["action"]) == ("saraqib", "captured")
    ingest = frontline("ingest")
    assert ingest.returncode == 0, ingest.stderr
    assert (tmp_path / "share" / "frontline" / "frontline.db").is_file()  # not in the package
    assert not (target / "geo" / "data" / "frontline.db").exists()
