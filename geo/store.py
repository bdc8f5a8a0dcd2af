"""The claims ledger: an embedded SQLite store of articles, claims and review decisions.

* **Idempotent** — an article is keyed by the SHA-256 of its text; ingesting the same text again
  adds nothing.
* **Atomic** — each article and all its claims go in one ``BEGIN IMMEDIATE`` transaction, so a
  crash never leaves half an article; WAL mode lets readers work while a writer writes.
* **Concurrent** — writers wait for each other (busy timeout, then retries with backoff), so
  "database is locked" never reaches the user.
* **Reviews survive re-extraction** — a review is attached to a *claim key* (article content,
  sentence, place, action, actor), not to the span-based claim id; when an extractor upgrade
  re-extracts an article, reviews follow their claim (by key, else by overlapping quote, same
  place and action), and those left without a claim are kept and listed as orphaned.
* **Versioned** — ``meta.schema_version`` with ordered migrations.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from geo import columns as C
from geo.columns import ACTIONS, ACTORS, CLAIM_FIELDS, EXTENTS, STATUSES
from geo.errors import FrontlineError
from geo.gazetteer import Gazetteer, load_gazetteer
from geo.io import Article
from geo.records import Claim
from geo.sentences import split_sentences

SCHEMA_VERSION = 2
BUSY_TIMEOUT_MS = 30_000
LOCK_RETRIES = 40
DECISIONS = ("accept", "reject", "edit")
EDITABLE = ("place_id", "actor", "action", "extent", "event_date", "status", "claimant")


class StoreError(FrontlineError, RuntimeError):
    """The store cannot do what was asked (bad review, unknown claim, damaged file)."""


MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        content_hash TEXT NOT NULL UNIQUE,
        text TEXT NOT NULL,
        outlet TEXT, url TEXT, language TEXT,
        published TEXT NOT NULL,
        date_basis TEXT,
        syndicated_from TEXT,
        added_at TEXT NOT NULL,
        extractor_version TEXT NOT NULL,
        n_claims INTEGER NOT NULL
    );
    CREATE TABLE claims (
        claim_id TEXT NOT NULL,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        claim_key TEXT NOT NULL,
        place_id TEXT, event_date TEXT NOT NULL, status TEXT NOT NULL,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (article_id, claim_id)
    );
    CREATE INDEX claims_key ON claims(claim_key);
    CREATE INDEX claims_place ON claims(place_id, event_date);
    CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        claim_key TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
        place_id TEXT, action TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('accept', 'reject', 'edit')),
        fields TEXT,
        reviewer TEXT NOT NULL,
        reviewed_at TEXT NOT NULL,
        note TEXT
    );
    CREATE INDEX reviews_key ON reviews(claim_key);
    """,
    ),
    (
        2,
        """
    ALTER TABLE meta ADD COLUMN updated_at TEXT;
    INSERT OR IGNORE INTO meta(key, value) VALUES ('revision', '0');
    """,
    ),
]


def _apply_migrations(db: sqlite3.Connection, current: int) -> None:
    """Run every migration after version ``current`` (inside the caller's transaction)."""
    for version, sql in MIGRATIONS:
        if version <= current:
            continue
        for statement in filter(None, (s.strip() for s in sql.split(";"))):
            db.execute(statement)
        db.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)",
            (str(version),),
        )


def _create(path: Path) -> None:
    """Create a store at ``path`` with its whole schema, or leave ``path`` alone.

    The schema is written to a private file first, which is then linked into place, so a store
    file never exists without its tables, even if the process is killed while creating it; when
    two processes create the same store, the first link wins and the other uses it.
    """
    _remove_stale_creations(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.new")
    try:
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            _apply_migrations(conn, 0)
            conn.execute("COMMIT")
        finally:
            conn.close()
        os.link(tmp, path)
    except OSError:
        # FileExistsError: another process created it first; otherwise there are no hard links
        # here, and the store is created in place (one migration transaction)
        pass
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot create the store: {exc}") from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _remove_stale_creations(path: Path) -> None:
    """Delete the private files of store creations whose process is gone (killed mid-way)."""
    for tmp in path.parent.glob(f".{path.name}.*.new"):
        pid = tmp.name[len(path.name) + 2 : -len(".new")]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            with contextlib.suppress(OSError):
                tmp.unlink()
        except OSError:
            pass  # alive, under another user


def content_hash(text: str) -> str:
    """SHA-256 of an article's text (its identity in the store)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def claim_key(
    text_hash: str, sentence_start: int, place_id: str | None, action: str, actor: str
) -> str:
    """The identity of a claim that survives changes of its quote span."""
    raw = f"{text_hash}|{sentence_start}|{place_id or ''}|{action}|{actor}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _sentence_starts(text: str) -> list[int]:
    return [s for s, _ in split_sentences(text.replace("\xa0", " "))]


def _sentence_of(starts: list[int], offset: int) -> int:
    import bisect

    i = bisect.bisect_right(starts, offset) - 1
    return starts[i] if i >= 0 else 0


@dataclass(frozen=True)
class StoredArticle:
    """An article as the store holds it."""

    id: int
    name: str
    content_hash: str
    published: date
    outlet: str | None
    syndicated_from: str | None
    n_claims: int


class Store:
    """An open ledger. Use :func:`open_store` (a context manager)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self.path.exists():
            _create(self.path)
        try:
            self.conn = sqlite3.connect(
                self.path,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
            self.conn.row_factory = sqlite3.Row
            self._retry(lambda: self.conn.execute("PRAGMA journal_mode=WAL"))
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the store: {exc}") from exc
        self.conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self._migrate()

    # --- plumbing -----------------------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    @staticmethod
    def _retry(fn: Any) -> Any:
        """Run ``fn``; if SQLite still reports a lock after its busy timeout, back off and
        retry, so concurrent writers wait instead of failing."""
        delay = 0.05
        for attempt in range(LOCK_RETRIES):
            try:
                return fn()
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                if attempt == LOCK_RETRIES - 1:
                    raise StoreError(f"the store stayed busy: {exc}") from exc
                time.sleep(delay * (1 + random.random()))
                delay = min(delay * 2, 1.0)
        return None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT`` (rolled back on any error)."""
        self._retry(lambda: self.conn.execute("BEGIN IMMEDIATE"))
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self._retry(lambda: self.conn.execute("COMMIT"))

    def _version(self) -> int:
        exists = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'"
        ).fetchone()
        if not exists:
            return 0
        row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        return int(row[0]) if row else 0

    def _migrate(self) -> None:
        if self._version() == SCHEMA_VERSION:
            return  # the usual case: no write lock needed to open the store
        with self.transaction() as db:
            current = self._version()
            if current > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path}: schema version {current} is newer than this "
                    f"program ({SCHEMA_VERSION}); upgrade Frontline"
                )
            _apply_migrations(db, current)

    def _bump(self, db: sqlite3.Connection) -> None:
        db.execute(
            "UPDATE meta SET value = CAST(value AS INTEGER) + 1, updated_at = ? "
            "WHERE key = 'revision'",
            (_now(),),
        )

    @property
    def schema_version(self) -> int:
        return self._version()

    @property
    def revision(self) -> int:
        """A counter that changes with every write (for caches)."""
        row = self.conn.execute("SELECT value FROM meta WHERE key='revision'").fetchone()
        return int(row[0]) if row else 0

    def integrity(self) -> str:
        """``PRAGMA integrity_check`` (``ok`` when sound)."""
        return str(self.conn.execute("PRAGMA integrity_check").fetchone()[0])

    # --- articles and claims ------------------------------------------------------------------
    def has(self, text: str) -> bool:
        return (
            self.conn.execute(
                "SELECT 1 FROM articles WHERE content_hash = ?", (content_hash(text),)
            ).fetchone()
            is not None
        )

    def add(
        self,
        article: Article,
        published: date,
        claims: Sequence[Claim],
        *,
        date_basis: str = "",
        syndicated_from: str | None = None,
        extractor_version: str = "",
    ) -> bool:
        """Add one article with its claims in one transaction; False if already stored."""
        digest = content_hash(article.text)
        starts = _sentence_starts(article.text)
        with self.transaction() as db:
            if db.execute("SELECT 1 FROM articles WHERE content_hash = ?", (digest,)).fetchone():
                return False
            cur = db.execute(
                "INSERT INTO articles(name, content_hash, text, outlet, url, language, published,"
                " date_basis, syndicated_from, added_at, extractor_version, n_claims) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    article.name,
                    digest,
                    article.text,
                    article.outlet,
                    article.url,
                    article.language,
                    published.isoformat(),
                    date_basis,
                    syndicated_from,
                    _now(),
                    extractor_version,
                    len(claims),
                ),
            )
            self._insert_claims(db, int(cur.lastrowid or 0), digest, starts, claims)
            self._bump(db)
        return True

    @staticmethod
    def _insert_claims(
        db: sqlite3.Connection,
        article_id: int,
        digest: str,
        starts: list[int],
        claims: Sequence[Claim],
    ) -> None:
        db.executemany(
            "INSERT OR REPLACE INTO claims(claim_id, article_id, claim_key, place_id, "
            'event_date, status, start, "end", record) VALUES (?,?,?,?,?,?,?,?,?)',
            [
                (
                    c.claim_id,
                    article_id,
                    claim_key(digest, _sentence_of(starts, c.start), c.place_id, c.action, c.actor),
                    c.place_id,
                    c.event_date.isoformat(),
                    c.status,
                    c.start,
                    c.end,
                    json.dumps(c.as_json(), ensure_ascii=False),
                )
                for c in claims
            ],
        )

    def articles(self) -> list[StoredArticle]:
        rows = self.conn.execute(
            "SELECT id, name, content_hash, published, outlet, syndicated_from, n_claims "
            "FROM articles ORDER BY id"
        ).fetchall()
        return [
            StoredArticle(
                r["id"],
                r["name"],
                r["content_hash"],
                date.fromisoformat(r["published"]),
                r["outlet"],
                r["syndicated_from"],
                r["n_claims"],
            )
            for r in rows
        ]

    def article_objects(self) -> list[tuple[Article, str, str | None]]:
        """Every stored article as an :class:`Article` (with its date basis and original)."""
        rows = self.conn.execute(
            "SELECT name, text, outlet, url, language, published, date_basis, syndicated_from "
            "FROM articles ORDER BY id"
        ).fetchall()
        return [
            (
                Article(
                    name=r["name"],
                    text=r["text"],
                    outlet=r["outlet"],
                    url=r["url"],
                    language=r["language"],
                    published=date.fromisoformat(r["published"]),
                    syndicated_from=r["syndicated_from"],
                ),
                r["date_basis"] or "",
                r["syndicated_from"],
            )
            for r in rows
        ]

    def set_syndication(self, links: dict[str, str]) -> None:
        """Record which stored article copies which (by article name)."""
        with self.transaction() as db:
            for copy, original in links.items():
                db.execute(
                    "UPDATE articles SET syndicated_from = ? WHERE name = ? AND "
                    "(syndicated_from IS NULL OR syndicated_from != ?)",
                    (original, copy, original),
                )
            self._bump(db)

    def counts(self) -> dict[str, int]:
        one = self.conn.execute
        return {
            "articles": one("SELECT COUNT(*) FROM articles").fetchone()[0],
            "claims": one("SELECT COUNT(*) FROM claims").fetchone()[0],
            "reviews": one("SELECT COUNT(*) FROM reviews").fetchone()[0],
        }

    def claim_rows(self) -> list[dict[str, Any]]:
        """Stored claims (records) with their ``claim_key``, in article and text order."""
        rows = self.conn.execute(
            "SELECT c.claim_key, c.record FROM claims c JOIN articles a ON a.id = c.article_id "
            'ORDER BY a.id, c.start, c."end"'
        ).fetchall()
        return [json.loads(r["record"]) | {"claim_key": r["claim_key"]} for r in rows]

    def replace_claims(
        self, article: int | str, claims: Sequence[Claim], extractor_version: str
    ) -> int:
        """Re-extraction: swap one article's claims, re-attaching its reviews. Returns the
        number of reviews that were moved to a new claim key.

        ``article`` is the stored id (:attr:`StoredArticle.id`) or a name that is unique in
        the store.
        """
        column = "id" if isinstance(article, int) else "name"
        with self.transaction() as db:
            rows = db.execute(
                f"SELECT id, content_hash, text FROM articles WHERE {column} = ?", (article,)
            ).fetchall()
            if not rows:
                raise StoreError(f"no stored article {article!r}")
            if len(rows) > 1:
                raise StoreError(f"{len(rows)} stored articles are named {article!r}; use the id")
            row = rows[0]
            article_id, digest = int(row["id"]), str(row["content_hash"])
            db.execute("DELETE FROM claims WHERE article_id = ?", (article_id,))
            self._insert_claims(db, article_id, digest, _sentence_starts(row["text"]), claims)
            db.execute(
                "UPDATE articles SET n_claims = ?, extractor_version = ? WHERE id = ?",
                (len(claims), extractor_version, article_id),
            )
            moved = self._reattach(db, digest, article_id)
            self._bump(db)
        return moved

    @staticmethod
    def _reattach(db: sqlite3.Connection, digest: str, article_id: int) -> int:
        keys = {
            r[0]
            for r in db.execute("SELECT claim_key FROM claims WHERE article_id = ?", (article_id,))
        }
        moved = 0
        for review in db.execute(
            "SELECT * FROM reviews WHERE content_hash = ?", (digest,)
        ).fetchall():
            if review["claim_key"] in keys:
                continue
            match = db.execute(
                "SELECT claim_key FROM claims WHERE article_id = ? "
                "AND json_extract(record, '$.action') = ? "
                "AND COALESCE(place_id, '') = COALESCE(?, '') "
                'AND start < ? AND "end" > ? ORDER BY ABS(start - ?) LIMIT 1',
                (
                    article_id,
                    review["action"],
                    review["place_id"],
                    review["span_end"],
                    review["span_start"],
                    review["span_start"],
                ),
            ).fetchone()
            if match:
                db.execute(
                    "UPDATE reviews SET claim_key = ? WHERE id = ?", (match[0], review["id"])
                )
                moved += 1
        return moved

    # --- reviews -------------------------------------------------------------------------------
    def review(
        self,
        claim_ref: str,
        decision: str,
        reviewer: str,
        fields: dict[str, Any] | None = None,
        note: str | None = None,
        gazetteer: Gazetteer | None = None,
    ) -> int:
        """Record a decision about a claim (by claim id or claim key); returns the review id."""
        if decision not in DECISIONS:
            raise StoreError(f"decision must be one of {', '.join(DECISIONS)}, not {decision!r}")
        if not reviewer or not reviewer.strip():
            raise StoreError("a review needs a reviewer name")
        clean = _validate_edit(fields or {}, gazetteer) if decision == "edit" else None
        if decision == "edit" and not clean:
            raise StoreError("an edit needs at least one field: " + ", ".join(EDITABLE))
        with self.transaction() as db:
            row = db.execute(
                'SELECT c.claim_key, c.start, c."end", c.place_id, c.record, a.content_hash '
                "FROM claims c JOIN articles a ON a.id = c.article_id "
                "WHERE c.claim_id = ? OR c.claim_key = ? LIMIT 1",
                (claim_ref, claim_ref),
            ).fetchone()
            if row is None:
                raise StoreError(f"no stored claim {claim_ref!r}")
            action = json.loads(row["record"])["action"]
            cur = db.execute(
                "INSERT INTO reviews(claim_key, content_hash, span_start, span_end, place_id, "
                "action, decision, fields, reviewer, reviewed_at, note) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    row["claim_key"],
                    row["content_hash"],
                    row["start"],
                    row["end"],
                    row["place_id"],
                    action,
                    decision,
                    json.dumps(clean) if clean else None,
                    reviewer.strip(),
                    _now(),
                    note,
                ),
            )
            self._bump(db)
            return int(cur.lastrowid or 0)

    def reviews(self) -> pd.DataFrame:
        """Every review, with ``orphaned`` when no stored claim has its key any more."""
        frame = pd.read_sql_query(
            "SELECT r.id, r.claim_key, r.decision, r.fields, r.reviewer, r.reviewed_at, r.note, "
            "NOT EXISTS (SELECT 1 FROM claims c WHERE c.claim_key = r.claim_key) AS orphaned "
            "FROM reviews r ORDER BY r.id",
            self.conn,
        )
        frame["orphaned"] = frame["orphaned"].astype(bool)
        return frame

    def reviewed_claims(self, gazetteer: Gazetteer | None = None) -> pd.DataFrame:
        """Claims with the latest review of each applied: rejected ones dropped, accepted ones
        made effective (``reported``), edited fields replaced."""
        latest: dict[str, sqlite3.Row] = {}
        for r in self.conn.execute("SELECT * FROM reviews ORDER BY id"):
            latest[r["claim_key"]] = r
        out = []
        gaz = gazetteer
        for rec in self.claim_rows():
            review = latest.get(rec["claim_key"])
            if review is not None:
                if review["decision"] == "reject":
                    continue
                if review["decision"] == "accept":
                    rec["status"] = "reported"
                    rec["confidence"] = max(float(rec["confidence"]), 0.9)
                if review["decision"] == "edit" and review["fields"]:
                    gaz = gaz or load_gazetteer()
                    rec = _apply_edit(rec, json.loads(review["fields"]), gaz)
                rec["review"] = review["decision"]
            else:
                rec["review"] = None
            rec["event_date"] = date.fromisoformat(rec["event_date"])
            out.append(rec)
        columns = [*CLAIM_FIELDS, "claim_key", "review"]
        return pd.DataFrame(out, columns=columns)


def _validate_edit(fields: dict[str, Any], gazetteer: Gazetteer | None) -> dict[str, Any]:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise StoreError(f"cannot edit {sorted(unknown)}; editable: {', '.join(EDITABLE)}")
    vocab = {"actor": ACTORS, "action": ACTIONS, "extent": (*EXTENTS, None), "status": STATUSES}
    for name, allowed in vocab.items():
        if name in fields and fields[name] not in allowed:
            raise StoreError(f"{name} must be one of {', '.join(map(str, allowed))}")
    for name in ("claimant", "event_date"):
        if name in fields and not (isinstance(fields[name], str) and fields[name].strip()):
            raise StoreError(f"{name} cannot be empty")
    if "event_date" in fields:
        try:
            date.fromisoformat(str(fields["event_date"]))
        except ValueError as exc:
            raise StoreError(
                f"event_date must be YYYY-MM-DD, not {fields['event_date']!r}"
            ) from exc
    if fields.get("place_id") is not None:
        gaz = gazetteer or load_gazetteer()
        if fields["place_id"] not in gaz:
            raise StoreError(f"unknown place_id {fields['place_id']!r}")
    return dict(fields)


def _apply_edit(rec: dict[str, Any], fields: dict[str, Any], gaz: Gazetteer) -> dict[str, Any]:
    out = rec | fields
    if "place_id" in fields:
        if fields["place_id"] is None:
            out.update({C.PLACE: None, C.PLACE_TYPE: None, C.LAT: None, C.LON: None})
        else:
            p = gaz.place(fields["place_id"])
            out.update({C.PLACE: p.name, C.PLACE_TYPE: p.place_type, C.LAT: p.lat, C.LON: p.lon})
    return out


@contextlib.contextmanager
def open_store(path: str | Path) -> Iterator[Store]:
    """Open (creating and migrating) the store at ``path``."""
    store = Store(path)
    try:
        yield store
    finally:
        store.close()


def default_path() -> Path:
    """``$FRONTLINE_DB``; else ``data/frontline.db`` in a checkout; else, for an installed
    package, ``frontline.db`` in the user's data folder (``$XDG_DATA_HOME/frontline`` or
    ``~/.local/share/frontline``), never inside the installed package."""
    from geo.gazetteer import data_dir, is_source_tree

    env = os.environ.get("FRONTLINE_DB")
    if env:
        return Path(env)
    if is_source_tree() and not os.environ.get("FRONTLINE_DATA"):
        return data_dir() / "frontline.db"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "frontline" / "frontline.db"


def iter_claims(records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Claim records in the CLI's field order (for ``review list``)."""
    fields = (
        "claim_id",
        "claim_key",
        "article",
        "place_id",
        "actor",
        "action",
        "extent",
        "event_date",
        "status",
        "claimant",
        "quote",
        "review",
    )
    for rec in records:
        yield {
            k: (None if isinstance(rec.get(k), float) and rec[k] != rec[k] else rec.get(k))
            for k in fields
        }
