"""Time to build every day's GeoDataFrames: the seed corpus, and 300 places x 60 days.

The synthetic case has 300 places, 60 days and 900 claims (mixed actions and statuses). The
baseline is the straightforward method measured in the same run: for every day and every place,
replay all that place's claims up to that day (controller only, no provenance).
"""

from __future__ import annotations

import itertools
import random
import time
from datetime import date, timedelta

import pandas as pd

from geo import columns as C
from geo.areas import control_areas
from geo.gazetteer import load_gazetteer
from geo.pipeline import baseline, outline, run_paths
from geo.timeline import control_timeline

TARGET_SECONDS = 1.0


def synthetic(n_places: int = 300, n_days: int = 60, n_claims: int = 900, seed: int = 3):
    base = baseline().sort_values(C.PLACE_ID).head(n_places).reset_index(drop=True)
    gaz = load_gazetteer()
    rng = random.Random(seed)
    start = date(2024, 11, 26)
    actions = ["captured", "captured", "entered", "advancing", "withdrew", "repelled"]
    rows = []
    for i in range(n_claims):
        pid = base[C.PLACE_ID].iloc[rng.randrange(n_places)]
        place = gaz.place(pid)
        rows.append(
            {
                "article": f"a{rng.randrange(40)}.txt",
                "claim_id": f"c{i}",
                "quote": "q",
                "start": 0,
                "end": 1,
                "place_id": pid,
                "place": place.name,
                "place_type": place.place_type,
                "lat": place.lat,
                "lon": place.lon,
                "actor": rng.choice(["opposition", "government", "sdf"]),
                "action": rng.choice(actions),
                "extent": rng.choice([None, "most", "part"]),
                "event_date": start + timedelta(days=rng.randrange(n_days)),
                "date_precision": 1,
                "claimant": rng.choice(["reporter", "SOHR", "rebels", "SANA"]),
                "status": rng.choice(["reported", "reported", "claimed", "denied"]),
                "confidence": 0.8,
            }
        )
    return pd.DataFrame(rows), base, start, start + timedelta(days=n_days - 1)


def naive(claims: pd.DataFrame, base: pd.DataFrame, start: date, end: date) -> list[str]:
    out = []
    by_place = {pid: group for pid, group in claims.groupby(C.PLACE_ID)}
    day = start
    while day <= end:
        for pid, ctrl in zip(base[C.PLACE_ID], base[C.CONTROLLER], strict=True):
            group = by_place.get(pid)
            if group is not None:
                for rec in group[group["event_date"] <= day].sort_values("event_date").itertuples():
                    if rec.status == "reported" and rec.action == "captured":
                        ctrl = rec.actor
            out.append(ctrl)
        day += timedelta(days=1)
    return out


def run() -> None:
    t0 = time.perf_counter()
    result, _ = run_paths(["seeds"])
    seeds_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    areas = control_areas(result.timeline, outline())
    areas_s = time.perf_counter() - t0
    n_places = result.timeline[C.PLACE_ID].nunique()
    n_days = result.timeline[C.DATE].nunique()
    print(
        f"seed corpus: read + extract + timeline {seeds_s:.2f} s ({n_places} places x "
        f"{n_days} days = {len(result.timeline):,} rows); areas for every day {areas_s:.2f} s "
        f"({len(areas)} polygons)"
    )
    claims, base, start, end = synthetic()
    control_timeline(claims.head(50), base, start, end)  # warm up
    from geo import timeline as timeline_module

    timeline_module._SEGMENTS.clear()
    t0 = time.perf_counter()
    tl = control_timeline(claims, base, start, end)
    ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    areas = control_areas(tl, outline())
    synth_areas = time.perf_counter() - t0
    t0 = time.perf_counter()
    naive(claims, base, start, start + timedelta(days=9))
    naive_s = (time.perf_counter() - t0) * 6  # 10 of 60 days, scaled
    print(
        f"synthetic 300 places x 60 days, 900 claims: timeline {ours:.3f} s "
        f"({len(tl):,} rows); target < {TARGET_SECONDS:.0f} s "
        f"({'met' if ours < TARGET_SECONDS else 'NOT met'}); areas for 60 days "
        f"{synth_areas:.2f} s"
    )
    print(
        f"baseline (replay every place's claims every day, 10 days scaled to 60): "
        f"{naive_s:.2f} s -> speed-up {naive_s / ours:.1f}x"
    )
    scaling()


def scaling() -> None:
    """Timeline build time for 250 / 1,000 / 4,000 articles of realistic claims: the seeds' and
    the example corpus's claims re-published with new names, shifted dates and mixed statuses
    (so Aleppo, Hama and Homs gather thousands of claims each), against the reference state
    machine of before issue 14 (`tests/timeline_reference.py`) in the same run. CPU seconds."""
    from geo import timeline as timeline_module
    from tests.test_timeline_scale import generated_claims
    from tests.timeline_reference import place_segments_v1

    result, _ = run_paths(["seeds", "examples/offensive"])
    per_copy = result.claims["article"].nunique()
    start, end = date(2024, 11, 26), date(2024, 12, 12)
    linear = timeline_module._place_segments
    rows = []
    for n_articles in (250, 1_000, 4_000):
        claims = generated_claims(result.claims, max(1, n_articles // per_copy), 0)
        times = {}
        for label, impl in (("new", linear), ("reference", place_segments_v1)):
            timeline_module._place_segments = impl  # type: ignore[assignment]
            timeline_module._SEGMENTS.clear()  # measure the work, not the cache
            try:
                t0 = time.process_time()
                control_timeline(claims, baseline(), start, end)
                times[label] = time.process_time() - t0
            finally:
                timeline_module._place_segments = linear
        rows.append((n_articles, len(claims), times))
        ref = times.get("reference")
        print(
            f"timeline, {n_articles:,} articles ({len(claims):,} claims): {times['new']:.2f} "
            f"CPU-s" + (f"; reference {ref:.2f} CPU-s -> {ref / times['new']:.1f}x" if ref else "")
        )
    growth = [
        (b[2]["new"] / a[2]["new"]) ** 0.5 for a, b in itertools.pairwise(rows)
    ]  # each step is two doublings
    last = rows[-1][2]["new"]
    print(
        "timeline growth per doubling of articles: "
        + ", ".join(f"{g:.2f}x" for g in growth)
        + f" (target <= 2.3x: {'met' if max(growth) <= 2.3 else 'NOT met'}); 4,000 articles "
        f"in {last:.2f} CPU-s (target < 3: {'met' if last < 3 else 'NOT met'})"
    )
    ref_growth = [
        (b[2]["reference"] / a[2]["reference"]) ** 0.5
        for a, b in itertools.pairwise(rows)
        if "reference" in b[2]
    ]
    if ref_growth:
        print("reference growth per doubling: " + ", ".join(f"{g:.2f}x" for g in ref_growth))
