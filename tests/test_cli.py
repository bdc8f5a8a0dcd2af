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
    (tmp_path / "latin1.txt").write_bytes(b"Hama \x81 and \x90 undefined bytes")
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


# --- hardening (issue 12): odd files, odd outputs, and the batch still goes through -----------
GOOD = "2024-11-29. Rebels captured Saraqib on Friday, a war monitor said.\n"


def test_odd_file_names_and_links_are_reported_and_the_rest_processed(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / b"caf\xe9.txt".decode("utf-8", "surrogateescape")).write_bytes(
        GOOD.replace("Saraqib", "Morek").encode()
    )
    (tmp_path / "new\nline.txt").write_text("", encoding="utf-8")  # empty: an error line
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nothing-here.txt")
    (tmp_path / "loop1.txt").symlink_to(tmp_path / "loop2.txt")
    (tmp_path / "loop2.txt").symlink_to(tmp_path / "loop1.txt")
    code, lines, err = run(["extract", str(tmp_path)])
    assert code == 3
    assert {(r["article"], r["place_id"]) for r in lines} == {
        ("good.txt", "saraqib"),
        ("caf\\xe9.txt", "morek"),
    }
    errors = err.splitlines()
    assert all(line.startswith("frontline: ") for line in errors)
    assert any("new\\nline.txt: empty article" in line for line in errors)
    for name in ("dangling.txt", "loop1.txt", "loop2.txt"):
        assert any(name in line and "symbolic link" in line for line in errors), err


def test_manifest_duplicates_and_strays_are_reported(tmp_path):
    (tmp_path / "a.txt").write_text("Rebels captured Saraqib.\n", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,published\na.txt,2024-11-29\na.txt,2024-12-30\ngone.txt,2024-11-29\n",
        encoding="utf-8",
    )
    code, lines, err = run(["extract", str(tmp_path)])
    assert code == 3
    assert [r["event_date"] for r in lines] == ["2024-11-29"]  # the first row is used
    assert "manifest.csv:3: second row for 'a.txt'" in err
    assert "manifest.csv: row names 'gone.txt', which is not in the folder" in err


def test_windows_1252_text_is_read_as_western_european(tmp_path):
    text = "2024-11-29. Die Rebellen eroberten Saraqib; das Gebäude an der Straße fiel.\n"
    (tmp_path / "de.txt").write_bytes(text.encode("cp1252"))
    code, _lines, err = run(["mentions", str(tmp_path)])
    assert code == 0, err
    from geo.io import decode_article

    assert decode_article(text.encode("cp1252"), "de.txt") == text


@pytest.mark.parametrize(
    ("out", "message"),
    [
        ("missing-folder/x.geojson", "does not exist"),
        (".", "is a folder"),
    ],
)
def test_bad_outputs_fail_before_any_work_with_exit_4(tmp_path, monkeypatch, out, message):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(["export", "--out", out, str(SEEDS)])
    assert code == 4 and message in err
    assert not (tmp_path / "missing-folder").exists()


def test_export_to_stdout(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, lines, _ = run(["export", "--date", "2024-12-01", "--out", "-", str(SEEDS)])
    assert code == 0 and lines[0]["type"] == "FeatureCollection"
    assert not (tmp_path / "-").exists()


def test_a_mistyped_db_creates_nothing(tmp_path):
    code, _, err = run(["ingest", "--db", str(tmp_path / "typo" / "x.db"), str(SEEDS)])
    assert code == 4 and "does not exist" in err and not (tmp_path / "typo").exists()
    code, _, err = run(["timeline", "--db", str(tmp_path / "none.db")])
    assert code == 1 and "no store here" in err and not (tmp_path / "none.db").exists()


def test_snapshot_and_export_read_the_store(tmp_path):
    db = tmp_path / "s.db"
    assert run(["ingest", "--db", str(db), str(SEEDS)])[0] == 0
    out = tmp_path / "m.html"
    code, _, err = run(["snapshot", "--db", str(db), "--date", "2024-12-01", "--out", str(out)])
    assert code == 0, err
    assert "Frontline — control on 2024-12-01" in out.read_text(encoding="utf-8")


def test_version():
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0


def test_default_seeds_from_another_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, lines, err = run(["mentions"])
    assert code == 0 and len(lines) > 200, err


def test_an_empty_gazetteer_file_is_a_clear_error(tmp_path):
    from geo.errors import GazetteerError
    from geo.io import read_baseline_csv, read_gazetteer_csv

    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"empty\.csv: the gazetteer file is empty"):
        read_gazetteer_csv(tmp_path / "empty.csv")
    with pytest.raises(GazetteerError, match=r"empty\.csv: the baseline file is empty"):
        read_baseline_csv(tmp_path / "empty.csv")


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_partys_own_channel_makes_its_reports_claims(tmp_path, workers):
    text = "Our forces liberated the town of Morek on Friday.\n"
    for name in ("statement.txt", "wire.txt"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,outlet,published\n"
        "statement.txt,rebel Telegram statement (Military Operations Command),2024-12-01\n"
        "wire.txt,wire (Reuters-style),2024-12-01\n",
        encoding="utf-8",
    )
    code, lines, _ = run(["extract", "--workers", workers, str(tmp_path)])
    assert code == 0
    by_file = {(r["article"], r["place_id"]): (r["status"], r["claimant"]) for r in lines}
    assert by_file[("statement.txt", "morek")] == ("claimed", "Military Operations Command")
    assert by_file[("wire.txt", "morek")] == ("reported", "reporter")
