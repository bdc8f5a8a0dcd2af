"""Evaluation: claims and mentions scored against gold annotations, with every error listed.

Two gold formats are read:

- **passages** (``tests/data/corpus/dev.jsonl``): one JSON object per line with ``id``,
  ``published``, ``outlet_style``, ``text``, ``gold`` (claims), ``mentions`` (place names) and
  ``traps`` (the difficulties, in words);
- **seeds** (``tests/data/gold/``): ``claims.jsonl`` and ``mentions.jsonl`` over the article
  files of ``seeds/`` and their ``manifest.csv``.

The claim score follows the corpus README: per article, greedy one-to-one matching of predicted
to gold claims on place (same resolved ``place_id``, or same name), actor, action and event date,
any ``alt`` value accepted. Predictions that match an optional gold claim are not counted.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from geo.claims import extract_claims
from geo.errors import FrontlineError
from geo.gazetteer import Gazetteer, load_gazetteer
from geo.mentions import Mention
from geo.normalize import key
from geo.records import Claim

#: Trap words reported with their own recall: a passage counts for each word its ``traps`` text
#: contains (prefix match, so "anaphor" covers "anaphora").
TRAP_WORDS = (
    "anaphor",
    "list",
    "passive",
    "nominalis",
    "euphemism",
    "denial",
    "negation",
    "hedge",
    "correction",
    "relative",
    "timestamp",
    "overnight",
    "headline",
    "static",
    "history",
    "hypothetical",
    "transliteration",
    "framing",
    "monitor",
    "state-media",
    "unnamed",
    "attribution",
)
DEFAULT_SEED_GOLD = Path("tests/data/gold")


class GoldError(FrontlineError, ValueError):
    """A gold file cannot be read; the message names the file and line."""


@dataclass
class Passage:
    """One annotated text: its claims and the Syrian places it mentions."""

    id: str
    text: str
    published: date
    gold: list[dict[str, Any]]
    mentions: list[str]
    traps: str = ""
    outlet_style: str | None = None


@dataclass
class Score:
    """True positives, false positives and false negatives, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def __iadd__(self, other: Score) -> Score:
        self.add(other)
        return self

    def __str__(self) -> str:
        return (
            f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  "
            f"(tp {self.tp}, fp {self.fp}, fn {self.fn})"
        )


@dataclass
class Report:
    """Everything ``frontline evaluate`` prints."""

    claims: Score = field(default_factory=Score)
    matched: int = 0
    status_ok: int = 0
    extent_ok: int = 0
    #: [claims found with place and action right, of which the date (actor) is right too]
    date_pairs: list[int] = field(default_factory=lambda: [0, 0])
    actor_pairs: list[int] = field(default_factory=lambda: [0, 0])
    mention_found: int = 0
    mention_total: int = 0
    #: distinct gold place names (claims and mentions), and those the gazetteer resolves
    names: set[str] = field(default_factory=set)
    names_resolved: set[str] = field(default_factory=set)
    unresolved_gold: int = 0
    per_action: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    per_trap: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    wrong_status: list[str] = field(default_factory=list)

    def share(self, n: int) -> float:
        return n / self.matched if self.matched else 0.0

    @staticmethod
    def pair_share(pair: list[int]) -> float:
        return pair[1] / pair[0] if pair[0] else 0.0

    @property
    def mention_recall(self) -> float:
        return self.mention_found / self.mention_total if self.mention_total else 1.0

    def summary(self) -> dict[str, float]:
        """The headline numbers (what tests hold floors under)."""
        return {
            "precision": self.claims.precision,
            "recall": self.claims.recall,
            "f1": self.claims.f1,
            "status": self.share(self.status_ok),
            "event_date": self.pair_share(self.date_pairs),
            "extent": self.share(self.extent_ok),
            "actor": self.pair_share(self.actor_pairs),
            "mention_recall": self.mention_recall,
            "names_resolved": len(self.names_resolved) / len(self.names) if self.names else 1.0,
        }

    def lines(self, *, errors: bool = True) -> list[str]:
        """The report: every error (unless ``errors`` is false), then the numbers, last."""
        out: list[str] = []
        if errors:
            for title, items in (
                ("misses", self.misses),
                ("false positives", self.false_positives),
                ("matched with the wrong status", self.wrong_status),
            ):
                out.append(f"{title} ({len(items)}):")
                out += [f"  {m}" for m in items]
        out.append("recall per action:")
        for action, s in sorted(self.per_action.items()):
            out.append(f"  {action:<15} R {s.recall:.3f}  ({s.tp}/{s.tp + s.fn})  fp {s.fp}")
        out.append("recall per trap word:")
        for word, s in sorted(self.per_trap.items()):
            out.append(
                f"  {word:<15} R {s.recall:.3f}  P {s.precision:.3f}  ({s.tp}/{s.tp + s.fn})"
            )
        out += [
            f"mention recall: {self.mention_recall:.3f} "
            f"({self.mention_found}/{self.mention_total})",
            f"gold claims whose place the gazetteer cannot resolve (so cannot match): "
            f"{self.unresolved_gold}",
            f"distinct gold place names the gazetteer resolves: {len(self.names_resolved)}/"
            f"{len(self.names)} (unresolved: "
            f"{', '.join(sorted(self.names - self.names_resolved)[:30]) or 'none'})",
            f"on {self.matched} matched claims: status {self.share(self.status_ok):.3f}  "
            f"extent {self.share(self.extent_ok):.3f}",
            f"event date {self.pair_share(self.date_pairs):.3f} (of {self.date_pairs[0]} claims "
            f"found with place, actor and action right); actor "
            f"{self.pair_share(self.actor_pairs):.3f} (of {self.actor_pairs[0]} found with place, "
            "action and date right)",
            f"claims: {self.claims}",
        ]
        return out


# --- reading gold ------------------------------------------------------------------------------
def read_passages(path: str | Path) -> list[Passage]:
    """Passages of a corpus JSONL file; a malformed line raises :class:`GoldError`."""
    out = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read: {exc}") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            out.append(
                Passage(
                    id=str(row["id"]),
                    text=row["text"],
                    published=date.fromisoformat(row["published"]),
                    gold=list(row["gold"]),
                    mentions=list(row.get("mentions") or []),
                    traps=str(row.get("traps") or ""),
                    outlet_style=row.get("outlet_style") or None,
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise GoldError(f"{path}:{n}: not a gold passage: {exc}") from exc
    return out


def read_seed_gold(gold_dir: str | Path, seeds_dir: str | Path) -> list[Passage]:
    """The seed articles with their gold claims and mentions (``tests/data/gold`` format)."""
    import csv

    gold_dir, seeds_dir = Path(gold_dir), Path(seeds_dir)
    try:
        with (gold_dir / "manifest.csv").open(encoding="utf-8") as fh:
            manifest = {r["file"]: r for r in csv.DictReader(fh)}
        claims = _jsonl(gold_dir / "claims.jsonl")
        mentions = _jsonl(gold_dir / "mentions.jsonl")
    except OSError as exc:
        raise GoldError(f"{gold_dir}: cannot read seed gold: {exc}") from exc
    out = []
    for name, row in sorted(manifest.items()):
        text = (seeds_dir / name).read_text(encoding="utf-8")
        gold = [c for c in claims if c["file"] == name]
        places = sorted({m["place"] for m in mentions if m["file"] == name and m["in_syria"]})
        out.append(
            Passage(
                name,
                text,
                date.fromisoformat(row["published"]),
                gold,
                places,
                outlet_style=row.get("outlet") or None,
            )
        )
    return out


def _jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


# --- scoring -----------------------------------------------------------------------------------
def _place_ok(
    gaz: Gazetteer, pred: Claim, names: Iterable[str | None], context: Sequence[Mention] = ()
) -> bool:
    names = list(names)
    if all(n is None for n in names):
        return pred.place_id is None
    if pred.place_id is None:
        return False
    keys = gaz.name_keys(pred.place_id)
    for name in names:
        if name is None:
            continue
        if key(name) in keys or (pred.place and key(pred.place) == key(name)):
            return True
        if any(m.place_id == pred.place_id and key(m.surface) == key(name) for m in context):
            return True  # the name as the passage itself resolves it ("Sheikh Aqil" by Anjara)
        resolved = gaz.lookup(name, context)
        if resolved is not None and resolved.place_id == pred.place_id:
            return True
    return False


def agrees(
    gaz: Gazetteer,
    pred: Claim,
    gold: dict[str, Any],
    ignore: str | None = None,
    context: Sequence[Mention] = (),
) -> bool:
    """Do place, actor, action and event date of ``pred`` agree with ``gold`` (or its alt)?
    ``ignore`` leaves one of ``actor`` and ``event_date`` out (for their accuracy); ``context``:
    the passage's mentions, in whose light gold names resolve (:meth:`Gazetteer.lookup`)."""
    alt = gold.get("alt") or {}
    if ignore != "actor" and pred.actor not in (gold["actor"], alt.get("actor")):
        return False
    if pred.action not in (gold["action"], alt.get("action")):
        return False
    date_ok = pred.event_date.isoformat() in (gold["event_date"], alt.get("event_date"))
    if ignore != "event_date" and not date_ok:
        return False
    return _place_ok(gaz, pred, (gold["place"], alt.get("place")), context)


def _field_ok(pred_value: Any, gold: dict[str, Any], name: str) -> bool:
    alt = gold.get("alt") or {}
    return pred_value == gold.get(name) or (name in alt and pred_value == alt[name])


def score_passage(
    gaz: Gazetteer,
    passage: Passage,
    predicted: Sequence[Claim],
    report: Report,
    context: Sequence[Mention] = (),
) -> None:
    """Add one passage's claims to ``report`` (greedy one-to-one matching, gold order).
    ``context``: the passage's mentions, in whose light its gold names resolve."""
    required = [g for g in passage.gold if not g.get("optional")]
    optional = [g for g in passage.gold if g.get("optional")]
    traps = [w for w in TRAP_WORDS if w in passage.traps.lower()]
    used: set[int] = set()
    text = passage.text

    def overlap(p: Claim, g: dict[str, Any]) -> int:
        g0 = text.find(g["quote"])
        return min(p.end, g0 + len(g["quote"])) - max(p.start, g0) if g0 >= 0 else 0

    for g in required:
        unresolved = g["place"] is not None and gaz.lookup(g["place"], context) is None
        report.unresolved_gold += unresolved
        for loose, counts in (("event_date", report.date_pairs), ("actor", report.actor_pairs)):
            near = [p for p in predicted if agrees(gaz, p, g, loose, context)]
            if near:  # the claim was found but for this field: is the field right?
                counts[0] += 1
                counts[1] += any(agrees(gaz, p, g, None, context) for p in near)
        cands = [
            i for i, p in enumerate(predicted) if i not in used and agrees(gaz, p, g, None, context)
        ]
        score = Score()
        if cands:
            best = max(cands, key=lambda i: overlap(predicted[i], g))
            used.add(best)
            p = predicted[best]
            score.tp = 1
            report.matched += 1
            if _field_ok(p.status, g, "status"):
                report.status_ok += 1
            else:
                report.wrong_status.append(
                    f"{passage.id}: {g['quote']!r} status {p.status} ({p.claimant}), gold "
                    f"{g['status']} ({g['claimant']})"
                )
            report.extent_ok += _field_ok(p.extent, g, "extent")
        else:
            score.fn = 1
            report.misses.append(
                f"{passage.id}: {'[place unknown] ' if unresolved else ''}{g['quote']!r} -> "
                f"{g['place']} / {g['actor']} / {g['action']} / {g['event_date']} / {g['status']}"
            )
        report.claims.add(score)
        report.per_action[g["action"]].add(score)
        for w in traps:
            report.per_trap[w].add(score)
    for i, p in enumerate(predicted):
        if i in used or any(agrees(gaz, p, g, None, context) for g in optional):
            continue
        report.claims.fp += 1
        report.per_action[p.action].fp += 1
        for w in traps:
            report.per_trap[w].fp += 1
        report.false_positives.append(
            f"{passage.id}: {p.quote!r} -> {p.place or '(unnamed)'} / {p.actor} / {p.action}"
            f" / {p.event_date.isoformat()} / {p.status}"
        )


def mention_hits(
    gaz: Gazetteer, passage: Passage, mentions: Sequence[Mention] | None = None
) -> tuple[int, int, list[str]]:
    """(found, total, names missed): gold mentions for which ``find_mentions`` finds the place
    (``mentions``: those already found in the passage, if any)."""
    if mentions is None:
        mentions = gaz.find_mentions(passage.text)
    found_ids = {m.place_id for m in mentions if m.place_id}
    found_keys: set[str] = set()
    for pid in found_ids:
        found_keys |= gaz.name_keys(pid)
    # the name as the passage resolves it: "Sheikh Aqil" found as the Shaykh 'Aqil by Anjara
    found_keys |= {key(m.surface) for m in mentions if m.place_id}
    hits, missed = 0, []
    for name in passage.mentions:
        place = gaz.lookup(name, mentions)
        if key(name) in found_keys or (place is not None and place.place_id in found_ids):
            hits += 1
        else:
            missed.append(name)
    return hits, len(passage.mentions), missed


def evaluate(passages: Sequence[Passage], gazetteer: Gazetteer | None = None) -> Report:
    """Extract every passage and score it against its gold."""
    gaz = gazetteer or load_gazetteer()
    report = Report()
    for passage in passages:
        mentions = gaz.find_mentions(passage.text, article=passage.id)
        predicted = extract_claims(
            passage.text,
            published=passage.published,
            article=passage.id,
            gazetteer=gaz,
            mentions=mentions,
            outlet=passage.outlet_style,
        )
        score_passage(gaz, passage, predicted, report, mentions)
        hits, total, _ = mention_hits(gaz, passage, mentions)
        report.mention_found += hits
        report.mention_total += total
        for name in [g["place"] for g in passage.gold if g["place"]] + passage.mentions:
            report.names.add(name)
            if gaz.lookup(name, mentions) is not None:
                report.names_resolved.add(name)
    return report
