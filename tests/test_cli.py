"""The `frontline` command line, as DESIGN.md §6 fixes it."""

from __future__ import annotations

import io as _io
import json
import shutil
import subprocess
import sys

import pytest

from geo.cli import main
from tests.conftest import ROOT, SEEDS


def run(argv, stdin: bytes | None = None):
    out, err = _io.StringIO(), _io.StringIO()
    if stdin is not None:
        old = sys.stdin
        sys.stdin = _io.TextIOWrapper(_io.BytesIO(stdin), encoding="utf-8")
        try:
            code = main(argv, out, err)
        finally:
            sys.stdin = old
    else:
        code = main(argv, out, err)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    return code, lines, err.getvalue()


MENTION_KEYS = [
    "article",
    "surface",
    "start",
    "end",
    "place_id",
    "place",
    "place_type",
    "lat",
    "lon",
    "geo_precision",
]


def test_mentions_of_the_seed_directory():
    code, lines, err = run(["mentions", str(SEEDS)])
    assert code == 0 and err == ""
    assert {r["article"] for r in lines} == {p.name for p in SEEDS.glob("*.txt")}
    assert all(list(r) == MENTION_KEYS for r in lines)
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    assert all(texts[r["article"]][r["start"] : r["end"]] == r["surface"] for r in lines)


def test_mentions_default_to_seeds(monkeypatch):
    monkeypatch.chdir(ROOT)
    code, lines, _ = run(["mentions"])
    assert code == 0 and len(lines) > 200


def test_mentions_from_stdin():
    code, lines, _ = run(["mentions", "-"], stdin="Rebels entered Tall Rif’at.".encode())
    assert code == 0
    assert [(r["article"], r["surface"], r["place_id"]) for r in lines] == [
        ("-", "Tall Rif’at", "tel-rifaat")
    ]


def test_bad_inputs_are_reported_and_the_rest_processed(tmp_path):
    (tmp_path / "good.txt").write_text("Fighting in Hama.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02garbage\x00")
    (tmp_path / "latin1.txt").write_bytes("Hama caf\xe9".encode("latin-1"))
    code, lines, err = run(["mentions", str(tmp_path), str(tmp_path / "missing.txt")])
    assert code == 3
    assert [r["article"] for r in lines] == ["good.txt"]
    for name in ("empty.txt", "binary.txt", "latin1.txt:1", "missing.txt"):
        assert name in err
    assert "binary" in err and "empty" in err and "UTF-8" in err


def test_gazetteer_resolve_prints_one_place():
    code, lines, _ = run(["gazetteer", "resolve", "Ma'arrat an-Nu'man"])
    assert code == 0
    assert lines == [
        {
            "place_id": "maarat-al-numan",
            "name": "Maarat al-Numan",
            "place_type": "city",
            "lat": 35.6483,
            "lon": 36.67693,
            "admin1": "SY-ID",
        }
    ]


def test_gazetteer_resolve_unknown_exits_1():
    code, lines, err = run(["gazetteer", "resolve", "Atlantis"])
    assert code == 1 and lines == [] and "unknown place" in err


@pytest.mark.parametrize(
    "argv", [[], ["bogus"], ["gazetteer"], ["mentions", "--published", "yesterday", "seeds"]]
)
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2


def test_installed_console_script():
    exe = shutil.which("frontline", path=str(ROOT / ".venv" / "bin")) or shutil.which("frontline")
    if exe is None:
        pytest.skip("frontline console script not installed (run `make test`)")
    done = subprocess.run(
        [exe, "gazetteer", "resolve", "Tal Rifaat"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["place_id"] == "tel-rifaat"
