"""Precision/recall of predictions against the hand-made gold files (tests/data/gold/)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from geo.gazetteer import Gazetteer, Mention
from geo.normalize import key


@dataclass
class Score:
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

    def __iadd__(self, other: Score) -> Score:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    def __str__(self) -> str:
        return (
            f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
            f"(tp={self.tp} fp={self.fp} fn={self.fn})"
        )


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
