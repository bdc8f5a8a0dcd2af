"""The ledger: idempotent ingest, reviews that survive re-extraction, bad input, crashes,
concurrent writers."""

from __future__ import annotations

import io as _io
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo import io, store
from geo.cli import main
from geo.errors import ArticleError
from geo.pipeline import ingest, reextract, run_store
from geo.store import SCHEMA_VERSION, StoreError, open_store
from tests.conftest import REPORT, ROOT, SEEDS

BAD = Path(__file__).resolve().parent / "data" / "bad"
FRONTLINE = [sys.executable, "-m", "geo.cli"]


def seed_articles() -> list[io.Article]:
    return [a for a in io.iter_articles([str(SEEDS)]) if isinstance(a, io.Article)]


@pytest.fixture
def db(tmp_path):
    return tmp_path / "frontline.db"


def cli(*argv, stdin=None) -> tuple[int, str, str]:
    out, err = _io.StringIO(), _io.StringIO()
    return main(list(argv), out, err), out.getvalue(), err.getvalue()


# --- ingest ------------------------------------------------------------------------------------
def test_ingest_is_idempotent(db):
    code, out, _ = cli("ingest", "--db", str(db), str(SEEDS))
    first = json.loads(out)
    assert code == 0 and first["articles_added"] == 5 and first["claims_added"] > 50
    assert first["failed"] == 0
    code, out, _ = cli("ingest", "--db", str(db), str(SEEDS))
    assert json.loads(out) == {"articles_added": 0, "claims_added": 0, "failed": 0}
    with open_store(db) as s:
        assert s.counts()["articles"] == 5
        assert s.counts()["claims"] == first["claims_added"]
        assert s.integrity() == "ok" and s.schema_version == SCHEMA_VERSION
        assert {a.name: a.syndicated_from for a in s.articles()}[
            "000_89119e97eae96377.txt"
        ] == "001_c4c0a6a114c8052c.txt"


def test_same_text_under_another_name_adds_nothing(db, tmp_path):
    cli("ingest", "--db", str(db), str(SEEDS))
    copy = tmp_path / "renamed.txt"
    copy.write_text(
        (SEEDS / "001_c4c0a6a114c8052c.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    code, out, _ = cli("ingest", "--db", str(db), str(copy))
    assert code == 0 and json.loads(out)["articles_added"] == 0


def test_store_feeds_the_timeline_like_the_files(db, run):
    with open_store(db) as s:
        ingest(s, seed_articles())
        from_store = run_store(s).timeline
    from_files = run.timeline
    cols = ["date", "place_id", "controller", "state"]
    assert from_store[cols].equals(from_files[cols])


def test_a_newer_schema_is_refused(db):
    with open_store(db):
        pass
    conn = sqlite3.connect(db)
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer than this program"):
        store.Store(db)


def test_migration_from_version_1(db):
    conn = sqlite3.connect(db)
    for statement in filter(None, (s.strip() for s in store.MIGRATIONS[0][1].split(";"))):
        conn.execute(statement)
    conn.execute("INSERT INTO meta(key, value) VALUES ('schema_version', '1')")
    conn.commit()
    conn.close()
    with open_store(db) as s:
        assert s.schema_version == SCHEMA_VERSION and s.revision == 0
        ingest(s, seed_articles()[:1])
        assert s.revision > 0


def test_a_store_killed_while_being_created_leaves_no_file_without_tables(tmp_path, monkeypatch):
    db = tmp_path / "new.db"

    def killed(conn, current):  # the process dies half-way through writing the schema
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        raise KeyboardInterrupt

    monkeypatch.setattr(store, "_apply_migrations", killed)
    with pytest.raises(KeyboardInterrupt):
        store.Store(db)
    assert not db.exists()
    monkeypatch.undo()
    stale = tmp_path / ".new.db.999999999.new"  # left by a creator that was SIGKILLed
    stale.write_bytes(b"")
    with open_store(db) as s:
        assert s.schema_version == SCHEMA_VERSION and s.articles() == []
    assert not stale.exists()
    tables = {r[0] for r in sqlite3.connect(db).execute("SELECT name FROM sqlite_master")}
    assert {"articles", "claims", "reviews", "meta"} <= tables


# --- reviews -----------------------------------------------------------------------------------
def hama_entry_ids(s) -> list[str]:
    claims = s.reviewed_claims()
    rows = claims[(claims["place_id"] == "hama") & (claims["action"] == "entered")]
    return list(rows["claim_id"])


def hama_on_dec_1(s) -> tuple[str, str]:
    tl = run_store(s).timeline
    row = tl[(tl["place_id"] == "hama") & (tl["date"] == "2024-12-01")].iloc[0]
    return row["controller"], row["state"]


def test_reviews_change_the_map(db):
    with open_store(db) as s:
        ingest(s, seed_articles())
        assert hama_on_dec_1(s) == ("government", "claimed")
        entries = hama_entry_ids(s)
        s.review(entries[0], "accept", "analyst", note="two witnesses")
        assert hama_on_dec_1(s) == ("contested", "contested")
        for claim_id in hama_entry_ids(s):
            s.review(claim_id, "reject", "analyst")
        assert hama_on_dec_1(s) == ("government", "assessed")
        assert hama_entry_ids(s) == []


def test_edit_review_validates_and_applies(db):
    with open_store(db) as s:
        ingest(s, seed_articles())
        claim_id = hama_entry_ids(s)[0]
        with pytest.raises(StoreError, match="actor must be one of"):
            s.review(claim_id, "edit", "a", {"actor": "martians"})
        with pytest.raises(StoreError, match="unknown place_id"):
            s.review(claim_id, "edit", "a", {"place_id": "atlantis"})
        with pytest.raises(StoreError, match="cannot edit"):
            s.review(claim_id, "edit", "a", {"quote": "x"})
        with pytest.raises(StoreError, match="reviewer"):
            s.review(claim_id, "accept", " ")
        with pytest.raises(StoreError, match="no stored claim"):
            s.review("nope", "accept", "a")
        s.review(claim_id, "edit", "a", {"place_id": "homs", "status": "reported"})
        claims = s.reviewed_claims()
        row = claims[claims["claim_id"] == claim_id].iloc[0]
        assert (row["place_id"], row["place"], row["status"], row["review"]) == (
            "homs",
            "Homs",
            "reported",
            "edit",
        )


def test_reviews_survive_re_extraction(db, monkeypatch):
    with open_store(db) as s:
        ingest(s, seed_articles())
        rejected = hama_entry_ids(s)
        for claim_id in rejected:
            s.review(claim_id, "reject", "analyst")
        # an "extractor upgrade" that widens every quote: new spans, new claim ids
        for article, _, _ in s.article_objects():
            from geo.claims import extract_claims

            claims = [
                replace(c, start=max(0, c.start - 2), claim_id=c.claim_id + "v2")
                for c in extract_claims(
                    article.text, published=article.published, article=article.name
                )
            ]
            s.replace_claims(article.name, claims, "2")
        assert hama_entry_ids(s) == [] and not s.reviews()["orphaned"].any()
        # an upgrade that also re-cuts sentences: reviews follow by overlapping quote
        monkeypatch.setattr(store, "_sentence_starts", lambda text: [0])
        moved = reextract(s)["reviews_moved"]
        assert moved == len(rejected)
        assert hama_entry_ids(s) == [] and not s.reviews()["orphaned"].any()


def test_review_cli(db):
    cli("ingest", "--db", str(db), str(SEEDS))
    code, out, _ = cli("review", "list", "--db", str(db), "--place", "hama")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and rows and all(r["place_id"] == "hama" for r in rows)
    entry = next(r for r in rows if r["action"] == "entered")
    code, out, _ = cli(
        "review", "edit", entry["claim_id"], "--db", str(db), "--by", "ana", "--set", "extent=part"
    )
    assert code == 0 and json.loads(out)["fields"] == {"extent": "part"}
    code, _, err = cli("review", "accept", "missing", "--db", str(db), "--by", "ana")
    assert code == 1 and "no stored claim" in err
    code, _, err = cli(
        "review",
        "edit",
        entry["claim_id"],
        "--db",
        str(db),
        "--by",
        "ana",
        "--set",
        "actor=martians",
    )
    assert code == 2 and "actor must be one of" in err
    for empty in ("claimant=", "claimant=  ", "event_date="):
        code, _, err = cli(
            "review", "edit", entry["claim_id"], "--db", str(db), "--by", "ana", "--set", empty
        )
        assert code == 2 and "cannot be empty" in err
    code, out, _ = cli("timeline", "--db", str(db), "--date", "2024-12-04")
    assert code == 0 and "hama" in out
    code, out, _ = cli("reextract", "--db", str(db))
    assert code == 0 and json.loads(out)["articles"] == 5


def test_articles_that_share_a_file_name_keep_their_own_claims(db, tmp_path):
    a_dir, b_dir, c_dir = (tmp_path / d for d in "ABC")
    for folder in (a_dir, b_dir, c_dir):
        folder.mkdir()
    (a_dir / "x.txt").write_text(
        "2024-11-29. Rebels captured Saraqib on Friday, a war monitor said.\n"
    )
    (b_dir / "x.txt").write_text(
        "2024-12-05. Opposition fighters entered the city of Hama on Thursday.\n"
    )
    (c_dir / "x.txt").write_text("Insurgents seized Morek, the monitor said.\n")  # undated
    code, _, err = cli("ingest", "--db", str(db), str(a_dir), str(b_dir))
    assert code == 0, err
    code, _out, err = cli("ingest", "--db", str(db), str(c_dir))
    assert code == 3 and "x.txt" in err and "no publication date" in err  # not x.txt's date
    cli("reextract", "--db", str(db))
    with open_store(db) as s:
        texts = {a.name: a.text for a, _, _ in s.article_objects()}
        claims = s.claim_rows()
    assert set(texts) == {"x.txt", "B/x.txt"}
    by_article = {r["article"]: set() for r in claims}
    for r in claims:
        by_article[r["article"]].add(r["place_id"])
        assert texts[r["article"]][r["start"] : r["end"]] == r["quote"]
    assert by_article == {"x.txt": {"saraqib"}, "B/x.txt": {"hama"}}


# --- bad input -----------------------------------------------------------------------------------
def test_bad_corpus_is_reported_and_the_rest_goes_through(db):
    code, out, err = cli("ingest", "--db", str(db), str(BAD))
    assert code == 3
    assert json.loads(out) == {"articles_added": 4, "claims_added": 3, "failed": 5}
    expected = [
        ("empty.txt", "empty article"),
        ("binary.txt", "binary file"),
        ("nodate.txt", "no publication date"),
        ("manifest.csv:3", "bad date"),
        ("manifest.csv:5", "wrong number of fields"),
        ("unknown_place.txt:3", 'unresolved place "Khirbet Zaqzouqa"'),
    ]
    for where, why in expected:
        assert any(where in line and why in line for line in err.splitlines()), (where, err)
    with open_store(db) as s:
        names = {a.name for a in s.articles()}
        texts = {a.name: a.text for a, _, _ in s.article_objects()}
    assert names == {"utf16.txt", "cp1256.txt", "page-html.txt", "unknown_place.txt"}
    assert "سيطر" in texts["cp1256.txt"]  # read as Windows-1256
    page = texts["page-html.txt"]
    assert "Rebels captured Saraqib" in page
    assert "<script" not in page and "Subscribe" not in page and "Cookies" not in page


def test_gazetteer_problems_are_listed_with_their_lines():
    code, out, err = cli("gazetteer", "validate", str(BAD / "gazetteer.csv"))
    assert code == 3 and json.loads(out)["problems"] == 5
    for expected in (
        "line 3: Syrian place 'homs'",
        "line 4: lat/lon out of range",
        "line 5: duplicate place_id 'hama'",
        "line 6: unknown place_type",
        "line 6: parent_id 'nowhere'",
    ):
        assert expected in err
    code, out, _ = cli("gazetteer", "validate")
    assert code == 0 and json.loads(out)["problems"] == 0


def test_fifty_megabyte_file_is_refused_without_reading_it(db, tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing written
    (tmp_path / "ok.txt").write_text("December 2, 2024\nRebels took Morek.", encoding="utf-8")
    start = time.perf_counter()
    code, out, err = cli("ingest", "--db", str(db), str(tmp_path))
    assert code == 3 and json.loads(out)["articles_added"] == 1
    assert "big.txt" in err and "file too large" in err
    assert time.perf_counter() - start < 30


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_raise_article_error(raw):
    try:
        text = io.decode_article(raw, "x.txt")
    except ArticleError as exc:
        assert exc.source == "x.txt" and exc.reason
    else:
        assert isinstance(text, str) and text.strip()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=500))
def test_any_text_ingests_or_fails_cleanly(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("h") / "f.db"
    article = io.Article(name="a.txt", text=text or " ", published=None)
    with open_store(path) as s:
        report, errors = ingest(s, [article])
        assert report.articles_added + len(errors) <= 1
        assert s.integrity() == "ok"


# --- crashes ----------------------------------------------------------------------------------
def _corpus(folder: Path, n: int, tag: str = "") -> None:
    """``n`` distinct articles (the seeds, each with its own last line) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(n):
        text = seeds[i % len(seeds)].read_text(encoding="utf-8")
        (folder / f"{tag}a{i:03d}.txt").write_text(
            f"December 1, 2024\n{text}\nDispatch {tag}{i}.\n", encoding="utf-8"
        )


def _consistent(db: Path) -> tuple[int, int]:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        half = conn.execute(
            "SELECT COUNT(*) FROM articles a WHERE a.n_claims != "
            "(SELECT COUNT(*) FROM claims c WHERE c.article_id = a.id)"
        ).fetchone()[0]
        assert half == 0, "an article without all its claims"
        return (
            conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0],
            conn.execute("SELECT COUNT(*) FROM claims").fetchone()[0],
        )
    finally:
        conn.close()


def _kill_while_running(
    argv: list[str],
    rng: random.Random,
    window: tuple[float, float],
    env: dict[str, str] | None = None,
) -> bool:
    """Start ``argv``, SIGKILL it at a random moment; True if it was still running."""
    proc = subprocess.Popen(
        argv, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(rng.uniform(*window))
    alive = proc.poll() is None
    if alive:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    return alive


@pytest.mark.slow
def test_sigkill_never_corrupts_the_store_or_an_export(tmp_path):
    db = tmp_path / "k.db"
    env = os.environ | {"FRONTLINE_CACHE": str(tmp_path / "cache")}
    rng = random.Random(11)
    ingest_kills = export_kills = attempts = 0
    batches = []
    while ingest_kills < 12 and attempts < 40:  # each attempt brings new articles to write
        batch = tmp_path / f"batch{attempts:02d}"
        _corpus(batch, 30, tag=f"b{attempts:02d}-")
        batches.append(batch)
        attempts += 1
        ingest_kills += _kill_while_running(
            [*FRONTLINE, "ingest", "--db", str(db), str(batch)], rng, (0.9, 2.6), env
        )
        if db.exists():
            _consistent(db)
    done = subprocess.run(
        [*FRONTLINE, "ingest", "--db", str(db), *map(str, batches)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    articles, _ = _consistent(db)
    assert articles == 30 * len(batches)
    target = tmp_path / "out.geojson"
    subprocess.run(
        [*FRONTLINE, "export", "--out", str(target), str(SEEDS)],
        cwd=ROOT,
        capture_output=True,
        timeout=300,
        check=True,
    )
    attempts = 0
    while export_kills < 12 and attempts < 40:
        attempts += 1
        export_kills += _kill_while_running(
            [*FRONTLINE, "export", "--out", str(target), str(SEEDS)], rng, (0.5, 2.8)
        )
        data = json.loads(target.read_text(encoding="utf-8"))  # never half a file
        assert data["type"] == "FeatureCollection" and data["features"]
    subprocess.run(
        [*FRONTLINE, "export", "--out", str(target), str(SEEDS)],
        cwd=ROOT,
        capture_output=True,
        timeout=300,
        check=True,
    )
    assert [p.name for p in tmp_path.glob(".out.geojson.*")] == []  # orphans cleaned up
    kills = ingest_kills + export_kills
    REPORT.append(
        f"crash safety: {kills} SIGKILLs ({ingest_kills} ingest, {export_kills} "
        f"export) while running; store consistent and no partial export after each"
    )
    assert ingest_kills >= 10 and export_kills >= 10 and kills >= 20


@pytest.mark.slow
def test_two_writers_and_a_reader(tmp_path):
    corpus_a, corpus_b = tmp_path / "a", tmp_path / "b"
    _corpus(corpus_a, 40)
    corpus_b.mkdir()
    for i, path in enumerate(sorted(corpus_a.glob("*.txt"))):
        if i >= 20:  # overlap: b holds the second half of a, plus 20 of its own
            (corpus_b / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    for i in range(40, 60):
        (corpus_b / f"a{i:03d}.txt").write_text(
            f"December 1, 2024\nRebels took Morek.\nDispatch {i}.\n", encoding="utf-8"
        )
    db = tmp_path / "c.db"
    with open_store(db):
        pass
    reader = (
        "import sqlite3, sys, time\n"
        "from geo.store import open_store\n"
        "end = time.time() + 8\n"
        "while time.time() < end:\n"
        "    with open_store(sys.argv[1]) as s:\n"
        "        s.counts(); s.reviewed_claims()\n"
    )
    procs = [
        subprocess.Popen(
            [*FRONTLINE, "ingest", "--db", str(db), str(c)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for c in (corpus_a, corpus_b)
    ]
    procs.append(
        subprocess.Popen(
            [sys.executable, "-c", reader, str(db)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    )
    results = [p.communicate(timeout=300) for p in procs]
    for proc, (_, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert "locked" not in err.lower()
    added = sum(json.loads(out)["articles_added"] for out, _ in results[:2])
    articles, _ = _consistent(db)
    assert added == articles == 60
