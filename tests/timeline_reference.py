"""The timeline's per-place state machine as it was before issue 14 (quadratic in the claims
about a place): the reference the linear code must reproduce exactly, in tests and benchmarks.
Copied unchanged from ``geo/timeline.py`` at commit c1a0799; do not edit."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import numpy as np

from geo.timeline import (
    _COMPATIBLE,
    _CONTROL_CHANGING,
    _OFFENSIVE,
    BASELINE_CONFIDENCE,
    CONTESTED_CONFIDENCE,
    _Segment,
)


def _outcome(
    action: str, actor: str, extent: Any, controller: str, history: list[dict[str, Any]]
) -> str | None:
    """The controller a single effective claim implies, or None for no change."""
    full = (
        extent in ("all", "most")
        or extent is None
        or (isinstance(extent, float) and np.isnan(extent))
    )
    if action in ("captured", "recaptured"):
        if full:
            return actor
        return None if actor == controller else "contested"
    if action in ("entered", "besieging"):
        return None if actor == controller else "contested"
    if action == "withdrew":
        if actor != controller:
            return None
        others = [h["actor"] for h in history if h["actor"] != actor and h["action"] in _OFFENSIVE]
        return others[-1] if others else "contested"
    if action == "repelled":
        return actor if controller in (actor, "contested") else None
    return None


def place_segments_v1(
    base: str, evidence: list[dict[str, Any]], start: date, end: date
) -> list[_Segment]:
    """The run of states of one place, from the baseline through its claims."""
    for ev in evidence:
        ev["day"] = max(ev["event_date"], start)
    evidence = [ev for ev in evidence if ev["day"] <= end]
    evidence.sort(key=lambda ev: (ev["day"], ev["derived"]))
    # a claimed change becomes effective on the day an independent source backs it
    for ev in evidence:
        ev["effective_day"] = ev["day"] if ev["status"] == "reported" else None
    for ev in evidence:
        if ev["status"] != "claimed" or ev["action"] not in _CONTROL_CHANGING:
            continue
        backers = [
            o["day"]
            for o in evidence
            if o is not ev
            and o["actor"] == ev["actor"]
            and o["action"] in _COMPATIBLE[ev["action"]]
            and o["status"] != "denied"
            and o["identity"] != ev["identity"]
        ]
        if backers:
            ev["effective_day"] = max(ev["day"], min(backers))
    days = sorted(
        {ev["day"] for ev in evidence}
        | {ev["effective_day"] for ev in evidence if ev["effective_day"] is not None}
    )
    controller, support = base, []
    pending: list[dict[str, Any]] = []
    segments = [_Segment(start, base, "assessed", None, None, BASELINE_CONFIDENCE, (), 0)]
    history: list[dict[str, Any]] = []
    for day in days:
        todays = [ev for ev in evidence if ev["effective_day"] == day]
        direct = [ev for ev in todays if not ev["derived"]]
        effective = direct or todays  # a place's own claims outweigh claims about its area
        outcomes: dict[str, list[dict[str, Any]]] = {}
        history += [ev for ev in evidence if ev["day"] == day]
        for ev in effective:
            result = _outcome(ev["action"], ev["actor"], ev["extent"], controller, history)
            if result is not None:
                outcomes.setdefault(result, []).append(ev)
            elif ev["action"] in _CONTROL_CHANGING and ev["actor"] == controller:
                support.append(ev)
        results = set(outcomes)
        if "contested" in results and any(ev["actor"] in results for ev in outcomes["contested"]):
            results.discard("contested")
        if len(results) == 1:
            (new,) = results
            if new != controller:
                support = []
            controller = new
            support += outcomes[new]
        elif len(results) > 1:
            controller = "contested"
            support = [ev for evs in outcomes.values() for ev in evs]
        for ev in evidence:
            if (
                ev["day"] == day
                and ev["status"] == "claimed"
                and ev["effective_day"] != day
                and ev["action"] in _CONTROL_CHANGING
            ):
                pending.append(ev)
        pending = [
            ev
            for ev in pending
            if ev["actor"] != controller
            and (ev["effective_day"] is None or ev["effective_day"] > day)
        ]
        shown = [
            ev
            for ev in evidence
            if ev["day"] == day
            and (ev["status"] == "denied" or ev["action"] in ("advancing", "defensive_line"))
        ]
        activity = (
            ",".join(sorted({ev["action"] for ev in shown if ev["status"] != "denied"})) or None
        )
        if controller == "contested":
            state, confidence = "contested", CONTESTED_CONFIDENCE
        elif pending:
            state, confidence = "claimed", float(pending[-1]["confidence"])
        else:
            state = "assessed"
            best: dict[str, float] = {}
            for ev in support:
                best[ev["identity"]] = max(best.get(ev["identity"], 0.0), float(ev["confidence"]))
            confidence = (
                (1 - float(np.prod([1 - c for c in best.values()])))
                if best
                else BASELINE_CONFIDENCE
            )
        ids = tuple(dict.fromkeys(ev["claim_id"] for ev in [*support, *pending, *shown]))
        n_sources = len({ev["identity"] for ev in support})
        claimed_by = pending[-1]["actor"] if state == "claimed" else None
        segments.append(
            _Segment(
                day,
                controller,
                state,
                claimed_by,
                activity,
                round(min(confidence, 0.99), 3),
                ids,
                n_sources,
            )
        )
        nxt = day + timedelta(days=1)
        # the activity (and a denial) is of that day only
        if (activity or any(ev["status"] == "denied" for ev in shown)) and nxt <= end:
            segments.append(
                _Segment(
                    nxt,
                    controller,
                    state,
                    claimed_by,
                    None,
                    segments[-1].confidence,
                    tuple(i for i in ids if i not in {ev["claim_id"] for ev in shown}),
                    n_sources,
                )
            )
    merged: list[_Segment] = []
    for seg in segments:
        if merged and merged[-1].start == seg.start:
            merged[-1] = seg
        else:
            merged.append(seg)
    return merged


# --- the timeline -----------------------------------------------------------------------------
