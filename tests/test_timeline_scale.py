"""The linear timeline (issue 14) gives exactly the timeline of the reference state machine."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pandas as pd
import pytest
from geopandas.testing import assert_geodataframe_equal

from geo import timeline as timeline_module
from geo.pipeline import baseline, run_paths
from geo.timeline import control_timeline
from tests.conftest import ROOT
from tests.timeline_reference import place_segments_v1


def generated_claims(claims: pd.DataFrame, copies: int, seed: int) -> pd.DataFrame:
    """``copies`` re-publications of every article's claims: new article names, some claims
    shifted by a day, some statuses and actors swapped, so places gather many claims."""
    rng = random.Random(seed)
    out = []
    for k in range(copies):
        frame = claims.copy()
        frame["article"] = frame["article"] + f"#{k}"
        frame["claim_id"] = frame["claim_id"] + f"-{k}"
        shift = [timedelta(days=rng.choice([-1, 0, 0, 1])) for _ in range(len(frame))]
        frame["event_date"] = [d + s for d, s in zip(frame["event_date"], shift, strict=True)]
        flip = [rng.random() < 0.15 for _ in range(len(frame))]
        frame.loc[flip, "status"] = [
            rng.choice(["claimed", "denied", "reported"]) for _ in flip if _
        ]
        swap = [rng.random() < 0.1 for _ in range(len(frame))]
        frame.loc[swap, "actor"] = [
            rng.choice(["government", "opposition", "sdf"]) for _ in swap if _
        ]
        frame["claimant"] = [
            rng.choice(["reporter", "SOHR", "SANA", "HTS"]) for _ in range(len(frame))
        ]
        out.append(frame)
    return pd.concat(out, ignore_index=True)


@pytest.fixture(scope="module")
def corpus_claims():
    result, _ = run_paths([str(ROOT / "seeds"), str(ROOT / "examples" / "offensive")])
    return result.claims


@pytest.mark.parametrize(("copies", "seed"), [(1, 0), (3, 1), (8, 2)])
def test_linear_timeline_equals_the_reference(corpus_claims, monkeypatch, copies, seed):
    claims = generated_claims(corpus_claims, copies, seed)
    start, end = date(2024, 11, 26), date(2024, 12, 12)
    timeline_module._SEGMENTS.clear()
    new = control_timeline(claims, baseline(), start, end)
    timeline_module._SEGMENTS.clear()  # the reference must compute, not read the cache
    monkeypatch.setattr(timeline_module, "_place_segments", place_segments_v1)
    old = control_timeline(claims, baseline(), start, end)
    assert_geodataframe_equal(new, old)
    assert (new["claim_ids"] != "").sum() > 100


def test_adding_an_article_recomputes_only_the_places_it_touches(corpus_claims, monkeypatch):
    start, end = date(2024, 11, 26), date(2024, 12, 12)
    claims = generated_claims(corpus_claims, 2, 5)
    timeline_module._SEGMENTS.clear()
    before = control_timeline(claims, baseline(), start, end)
    computed: list[str] = []
    real = timeline_module._place_segments

    def counting(base, evidence, first, last):
        computed.append(evidence[0]["target"])
        return real(base, evidence, first, last)

    monkeypatch.setattr(timeline_module, "_place_segments", counting)
    extra = (
        claims[claims["place_id"] == "saraqib"]
        .head(1)
        .assign(article="new.txt", claim_id="new-claim", claimant="Reuters")
    )
    after = control_timeline(pd.concat([claims, extra]), baseline(), start, end)
    assert computed == ["saraqib"]  # one place recomputed, hundreds read from the cache
    unchanged = before[before["place_id"] != "saraqib"].reset_index(drop=True)
    assert_geodataframe_equal(
        after[after["place_id"] != "saraqib"].reset_index(drop=True), unchanged
    )
