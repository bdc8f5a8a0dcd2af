"""Mention accuracy against the gold annotations (tests/data/gold/mentions.jsonl), per file."""

from __future__ import annotations

from collections import defaultdict

import pytest

from tests.conftest import REPORT
from tests.scoring import Score, score_mentions


@pytest.fixture(scope="module")
def scores(gazetteer, seed_texts, gold_mentions):
    by_file = defaultdict(list)
    for g in gold_mentions:
        by_file[g["file"]].append(g)
    per_file = {}
    total_all, total_sy, errors = Score(), Score(), []
    for name, text in seed_texts.items():
        predicted = gazetteer.find_mentions(text, article=name)
        every, syrian, errs = score_mentions(gazetteer, predicted, by_file[name])
        per_file[name] = (every, syrian)
        total_all += every
        total_sy += syrian
        errors += errs
        REPORT.append(f"mentions {name}: all {every} | Syrian {syrian}")
    REPORT.append(f"mentions TOTAL: all {total_all} | Syrian {total_sy}")
    REPORT.extend(f"  {e}" for e in errors)
    return per_file, total_all, total_sy, errors


def test_every_seed_has_gold(seed_texts, gold_mentions):
    assert {g["file"] for g in gold_mentions} == set(seed_texts)


def test_syrian_places_precision_and_recall_at_least_095_per_file(scores):
    per_file, _, _, errors = scores
    for name, (_, syrian) in per_file.items():
        assert syrian.precision >= 0.95, (name, str(syrian), errors)
        assert syrian.recall >= 0.95, (name, str(syrian), errors)


def test_all_places_precision_and_recall_at_least_090_per_file(scores):
    per_file, _, _, errors = scores
    for name, (every, _) in per_file.items():
        assert every.precision >= 0.90, (name, str(every), errors)
        assert every.recall >= 0.90, (name, str(every), errors)


def test_totals(scores):
    _, total_all, total_sy, errors = scores
    assert total_sy.precision >= 0.95 and total_sy.recall >= 0.95, errors
    assert total_all.precision >= 0.90 and total_all.recall >= 0.90, errors
