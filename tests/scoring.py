"""Precision/recall of predictions against the hand-made gold files (tests/data/gold/)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from geo.evaluate import Score
from geo.gazetteer import Gazetteer
from geo.mentions import Mention
from geo.normalize import key


def same_place(gazetteer: Gazetteer, place_id: str | None, gold: dict) -> bool:
    """Does the predicted place denote the gold place (or its ``alt_place``)?

    Gold names places by name ("Hama Governorate", "northern Hama countryside"); a prediction
    matches when that name (or the alternative) is one of the predicted place's names or aliases.
    """
    if place_id is None:
        return False
    keys = gazetteer.name_keys(place_id)
    return any(g and key(g) in keys for g in (gold.get("place"), gold.get("alt_place")))


def score_mentions(
    gazetteer: Gazetteer, predicted: Iterable[Mention], gold: Iterable[dict]
) -> tuple[Score, Score, list[str]]:
    """Mention-level scores (all places, Syrian places) and a list of the errors.

    A prediction is a true positive when its span equals a counted gold occurrence and its
    place is the gold place. Gold ``optional`` occurrences are ignored both ways.
    """
    spans: dict[tuple[int, int], dict] = {}
    optional: set[tuple[int, int]] = set()
    for g in gold:
        for s, e in g["offsets"]:
            (optional.add((s, e)) if g["optional"] else spans.__setitem__((s, e), g))
    every, syrian = Score(), Score()
    errors: list[str] = []
    matched: set[tuple[int, int]] = set()
    for m in predicted:
        span = (m.start, m.end)
        if span in optional:
            continue
        g = spans.get(span)
        pred_syrian = m.place_id is None or gazetteer.place(m.place_id).in_syria
        if g is not None and same_place(gazetteer, m.place_id, g):
            matched.add(span)
            every.tp += 1
            syrian.tp += g["in_syria"]
            syrian.fp += (not g["in_syria"]) and pred_syrian
            continue
        every.fp += 1
        syrian.fp += pred_syrian
        want = f" (gold: {g['place']})" if g else ""
        errors.append(f"FP {m.article} {m.surface!r}@{m.start} -> {m.place_id}{want}")
    for span, g in spans.items():
        if span not in matched:
            every.fn += 1
            syrian.fn += g["in_syria"]
            errors.append(f"FN {g['file']} {g['surface']!r}@{span[0]} ({g['place']})")
    return every, syrian, errors


def _agree(gazetteer: Gazetteer, pred, gold: dict) -> bool:
    alt = gold.get("alt") or {}
    if gold["place"] is None:
        place_ok = pred.place_id is None
    else:
        place_ok = same_place(
            gazetteer, pred.place_id, {"place": gold["place"], "alt_place": alt.get("place")}
        )
    actors = {gold["actor"], alt.get("actor")}
    actions = {gold["action"], alt.get("action")}
    dates = {gold["event_date"], alt.get("event_date")}
    return (
        place_ok
        and pred.actor in actors
        and pred.action in actions
        and pred.event_date.isoformat() in dates
    )


@dataclass
class ClaimScore:
    score: Score
    status_ok: int
    date_ok: int
    matched: int
    errors: list[str]


def score_claims(gazetteer: Gazetteer, predicted: list, gold: list[dict]) -> ClaimScore:
    """Claim-level scores: a prediction matches a gold claim when place (or alt), actor, action
    and event date agree. Matching is one-to-one and maximal (augmenting paths), preferring the
    prediction whose quote overlaps the gold quote most. Optional gold claims are ignored both
    ways: a prediction that matches only an optional claim is neither a hit nor a miss."""
    required = [g for g in gold if not g["optional"]]
    optional = [g for g in gold if g["optional"]]

    def overlap(p, g) -> int:
        g0 = g["quote_offset"]
        return min(p.end, g0 + len(g["quote"])) - max(p.start, g0)

    cands = [
        sorted(
            (i for i, p in enumerate(predicted) if _agree(gazetteer, p, g)),
            key=lambda i, g=g: -overlap(predicted[i], g),
        )
        for g in required
    ]
    owner: dict[int, int] = {}

    def augment(gi: int, seen: set[int]) -> bool:
        for pi in cands[gi]:
            if pi in seen:
                continue
            seen.add(pi)
            if pi not in owner or augment(owner[pi], seen):
                owner[pi] = gi
                return True
        return False

    for gi in range(len(required)):
        augment(gi, set())
    match = {gi: pi for pi, gi in owner.items()}
    score, status_ok, date_ok, errors = Score(), 0, 0, []
    for gi, g in enumerate(required):
        if gi not in match:
            score.fn += 1
            errors.append(
                f"FN {g['id']} {g['quote'][:70]!r} -> {g['place']}/{g['actor']}/"
                f"{g['action']}/{g['event_date']}"
            )
            continue
        best = predicted[match[gi]]
        score.tp += 1
        status_ok += best.status == g["status"]
        date_ok += best.event_date.isoformat() in (
            g["event_date"],
            (g.get("alt") or {}).get("event_date"),
        )
        if best.status != g["status"]:
            errors.append(f"STATUS {g['id']} gold={g['status']} pred={best.status}")
    for pi, p in enumerate(predicted):
        if pi in owner or any(_agree(gazetteer, p, g) for g in optional):
            continue
        score.fp += 1
        errors.append(
            f"FP {p.article[:3]} {p.quote[:70]!r} -> {p.place_id}/{p.actor}/"
            f"{p.action}/{p.extent}/{p.event_date}/{p.status}"
        )
    return ClaimScore(score, status_ok, date_ok, score.tp, errors)
