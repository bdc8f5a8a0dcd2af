"""Timeline: claims fused with the baseline into the control of every place on every day.

Rules (DESIGN.md §5, after the ISW and Wikipedia-map conventions):

* Start from ``data/baseline_control.csv`` (the front frozen since March 2020).
* A *reported* capture of all/most (or unqualified) of a place, a recapture, a withdrawal or a
  defender repelling attackers change its controller from the event date on; an entry, a partial
  capture, reaching the outskirts or a siege make it ``contested``.
* A *claimed* change is shown as ``claimed`` (``claimed_by``) and becomes control only when an
  independent source corroborates it. Sources are independent when they differ after syndicated
  copies are mapped to their original, and a combatant's own claims relayed by several outlets
  count as one source (two outlets repeating "insurgents claimed to have entered Hama" are one).
* ``denied`` claims are kept (in ``claim_ids``) and change nothing; advances and defensive lines
  are shown as ``activity`` of that day.
* Conflicting effective claims on one day make the place ``contested``.
* Claims about an area (a governorate, "X countryside") that capture all, most or all of it
  unqualified apply to every place in it; partial ones stay with the area.

Every row keeps the claim ids behind its state, the ``valid_from``/``valid_to`` of the run of
days with that controller and state, a confidence, and ``n_sources`` (independent sources).
The per-day table is built from per-place segments with vectorised numpy expansion.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, cast

import geopandas as gpd
import numpy as np
import pandas as pd

from geo import columns as C
from geo.errors import DateRangeError
from geo.gazetteer import Gazetteer, load_gazetteer
from geo.normalize import key
from geo.records import Claim, claims_frame

BASELINE_CONFIDENCE = 0.7  # hand-drawn area rules, a few km off at the edges
CONTESTED_CONFIDENCE = 0.5
_CONTROL_CHANGING = frozenset(
    {"captured", "recaptured", "entered", "besieging", "withdrew", "repelled"}
)
_OFFENSIVE = frozenset({"captured", "recaptured", "entered", "besieging", "advancing"})
_COMPATIBLE = {
    "captured": {"captured", "recaptured"},
    "recaptured": {"captured", "recaptured"},
    "entered": {"entered", "captured", "recaptured"},
    "besieging": {"besieging", "entered", "captured"},
    "withdrew": {"withdrew"},
    "repelled": {"repelled"},
}
_PARTY_WORDS: list[tuple[str, tuple[str, ...]]] = [
    ("sna", ("syrian national army", "sna")),
    ("turkey", ("turkish", "turkey", "ankara")),
    ("sdf", ("sdf", "kurdish", "ypg", "syrian democratic forces")),
    ("monitor", ("sohr", "observatory", "monitor", "ngo", "osdh")),
    (
        "government",
        ("army", "government", "regime", "state", "sana", "ministry", "military", "assad"),
    ),
    (
        "opposition",
        (
            "rebel",
            "insurgent",
            "opposition",
            "hts",
            "hayat tahrir",
            "jihadi",
            "fighters",
            "islamist",
        ),
    ),
]


def source_identity(article: str, claimant: str, syndicated: Mapping[str, str]) -> str:
    """Who ultimately stands behind a claim: an outlet (its original, for syndicated copies),
    a party to the war, a monitor, or a named person. A missing claimant (an edit from an older
    store) counts as the reporter."""
    if not isinstance(claimant, str) or not claimant.strip() or claimant == "reporter":
        return f"outlet:{syndicated.get(article, article)}"
    low = claimant.lower()
    for party, words in _PARTY_WORDS:
        if any(w in low for w in words):
            return f"party:{party}"
    return f"person:{key(claimant)}"


# --- claims → per-place evidence --------------------------------------------------------------
def expand_claims(
    claims: pd.DataFrame,
    gazetteer: Gazetteer,
    places: Iterable[str],
    holders: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """One row per (claim, place it bears on): settlements directly, areas to their places.

    Adds ``target`` (the place whose control the claim is about) and ``derived`` (True when it
    comes from a claim about a whole governorate or countryside). ``holders`` (place → baseline
    controller), when given, keeps an area claim to the places it can bear on: a capture takes
    only what the actor's adversaries held, a withdrawal gives up only what the actor held
    ("the insurgents overran most of the Aleppo countryside" does not move the SNA's Azaz).
    """
    known = set(places)
    holders = holders or {}
    admin1 = {p.place_id: p.admin1 for p in gazetteer.places if p.place_id in known}
    rows: list[dict[str, Any]] = []
    for rec in cast(list[dict[str, Any]], claims.to_dict("records")):
        pid = rec[C.PLACE_ID]
        if not isinstance(pid, str):
            continue
        if pid in known:
            rows.append(rec | {"target": pid, "derived": False})
            continue
        kind = rec[C.PLACE_TYPE]
        # an area claim flips only what it clearly covers: "all of Idlib province", "most of";
        # a bare mention ("the rebel-held enclave of Idlib", "Aleppo province, which the
        # government controls") describes, it does not move every village of the area
        whole = rec["extent"] in ("all", "most")
        if kind not in ("governorate", "countryside") or not whole:
            continue
        if rec["action"] not in ("captured", "recaptured", "withdrew"):
            continue
        area = gazetteer.place(pid)
        if kind == "countryside" and pid != f"{gazetteer.capital_of(pid)}-countryside":
            continue  # directional countrysides have no exact extent: keep them on the area
        capital = gazetteer.capital_of(pid) if kind == "countryside" else None
        takes = (
            {rec["actor"]}
            if rec["action"] == "withdrew"
            else _ADVERSARIES.get(rec["actor"], frozenset())
        )
        for target, a1 in admin1.items():
            if a1 != area.admin1 or target == capital:
                continue
            if holders and holders.get(target) not in takes:
                continue
            rows.append(rec | {"target": target, "derived": True})
    columns = [*claims.columns, "target", "derived"]
    return pd.DataFrame(rows, columns=columns)


#: whose places an area-wide capture by each side takes (the sides it fought in this theatre)
_ADVERSARIES: dict[str, frozenset[str]] = {
    "opposition": frozenset({"government"}),
    "southern_opposition": frozenset({"government"}),
    "sna": frozenset({"government", "sdf"}),
    "sdf": frozenset({"government"}),
    "government": frozenset({"opposition", "southern_opposition", "sna", "sdf"}),
}


@dataclass
class _Segment:
    start: date
    controller: str
    state: str
    claimed_by: str | None
    activity: str | None
    confidence: float
    claim_ids: tuple[str, ...]
    n_sources: int


class _Offensives:
    """The offensive claims seen so far about one place, kept so that "the last attacker other
    than X" is found in O(actors), not by scanning the history."""

    def __init__(self) -> None:
        self._last: dict[str, int] = {}  # actor -> position of its last offensive claim
        self._n = 0

    def add(self, evs: Iterable[dict[str, Any]]) -> None:
        for ev in evs:
            if ev["action"] in _OFFENSIVE:
                self._last[ev["actor"]] = self._n
            self._n += 1

    def last_other_than(self, actor: str) -> str | None:
        others = [(i, a) for a, i in self._last.items() if a != actor]
        return max(others)[1] if others else None


def _outcome(
    action: str, actor: str, extent: Any, controller: str, offensives: _Offensives
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
        return offensives.last_other_than(actor) or "contested"
    if action == "repelled":
        return actor if controller in (actor, "contested") else None
    return None


def _backing_days(evidence: list[dict[str, Any]]) -> None:
    """Set ``effective_day``: a reported claim takes effect on its day; a claimed change on the
    first day an independent source (another identity, same actor, compatible action, not a
    denial) backs it. Linear: per (actor, action), the earliest day of the two earliest
    identities is all a claim needs."""
    earliest: dict[tuple[str, str], dict[str, date]] = {}
    for o in evidence:
        if o["status"] == "denied":
            continue
        days = earliest.setdefault((o["actor"], o["action"]), {})
        if o["identity"] not in days or o["day"] < days[o["identity"]]:
            days[o["identity"]] = o["day"]
    first_two = {
        k: sorted(((d, ident) for ident, d in v.items()), key=lambda x: x[0])[:2]
        for k, v in earliest.items()
    }
    for ev in evidence:
        ev["effective_day"] = ev["day"] if ev["status"] == "reported" else None
        if ev["status"] != "claimed" or ev["action"] not in _CONTROL_CHANGING:
            continue
        backers = [
            d
            for action in _COMPATIBLE[ev["action"]]
            for d, ident in first_two.get((ev["actor"], action), [])
            if ident != ev["identity"]
        ]
        if backers:
            ev["effective_day"] = max(ev["day"], min(backers))


def _place_segments(
    base: str, evidence: list[dict[str, Any]], start: date, end: date
) -> list[_Segment]:
    """The run of states of one place, from the baseline through its claims.

    Cost: linear in the place's claims times its claim days (at most the timeline's days), with
    a sort; the reference it reproduces exactly is ``tests/timeline_reference.py``.
    """
    for ev in evidence:
        ev["day"] = max(ev["event_date"], start)
    evidence = [ev for ev in evidence if ev["day"] <= end]
    evidence.sort(key=lambda ev: (ev["day"], ev["derived"]))
    _backing_days(evidence)
    on_day: dict[date, list[dict[str, Any]]] = {}
    effective_on: dict[date, list[dict[str, Any]]] = {}
    for ev in evidence:
        on_day.setdefault(ev["day"], []).append(ev)
        if ev["effective_day"] is not None:
            effective_on.setdefault(ev["effective_day"], []).append(ev)
    days = sorted(set(on_day) | set(effective_on))
    controller, support = base, []
    best: dict[str, float] = {}  # identity -> highest confidence among the support
    pending: list[dict[str, Any]] = []
    segments = [_Segment(start, base, "assessed", None, None, BASELINE_CONFIDENCE, (), 0)]
    offensives = _Offensives()

    def back(evs: Iterable[dict[str, Any]]) -> None:
        for ev in evs:
            support.append(ev)
            best[ev["identity"]] = max(best.get(ev["identity"], 0.0), float(ev["confidence"]))

    for day in days:
        todays = effective_on.get(day, [])
        direct = [ev for ev in todays if not ev["derived"]]
        effective = direct or todays  # a place's own claims outweigh claims about its area
        outcomes: dict[str, list[dict[str, Any]]] = {}
        dated = on_day.get(day, [])
        offensives.add(dated)
        for ev in effective:
            result = _outcome(ev["action"], ev["actor"], ev["extent"], controller, offensives)
            if result is not None:
                outcomes.setdefault(result, []).append(ev)
            elif ev["action"] in _CONTROL_CHANGING and ev["actor"] == controller:
                back([ev])
        results = set(outcomes)
        if "contested" in results and any(ev["actor"] in results for ev in outcomes["contested"]):
            results.discard("contested")
        if len(results) == 1:
            (new,) = results
            if new != controller:
                support, best = [], {}
            controller = new
            back(outcomes[new])
        elif len(results) > 1:
            controller = "contested"
            support, best = [], {}
            back(ev for evs in outcomes.values() for ev in evs)
        for ev in dated:
            if (
                ev["status"] == "claimed"
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
            for ev in dated
            if ev["status"] == "denied" or ev["action"] in ("advancing", "defensive_line")
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
            confidence = (
                (1 - float(np.prod([1 - c for c in best.values()])))
                if best
                else BASELINE_CONFIDENCE
            )
        ids = tuple(dict.fromkeys(ev["claim_id"] for ev in [*support, *pending, *shown]))
        n_sources = len(best)
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


#: per-place results kept between timeline builds, so that adding an article recomputes only
#: the places whose evidence it changes (the dashboard rebuilds after every added article)
SEGMENT_CACHE_SIZE = 100_000
_SEGMENTS: OrderedDict[tuple[Any, ...], list[_Segment]] = OrderedDict()
_EVIDENCE_FIELDS = (
    "claim_id",
    "article",
    "event_date",
    "status",
    "actor",
    "action",
    "extent",
    "identity",
    "derived",
    "confidence",
)


def _cached_segments(
    pid: str, base: str, evidence: list[dict[str, Any]], start: date, end: date
) -> list[_Segment]:
    """:func:`_place_segments`, remembered by the place's evidence (everything it reads)."""
    fingerprint = (
        pid,
        base,
        start,
        end,
        tuple(tuple(str(ev.get(f)) for f in _EVIDENCE_FIELDS) for ev in evidence),
    )
    found = _SEGMENTS.get(fingerprint)
    if found is not None:
        _SEGMENTS.move_to_end(fingerprint)
        return found
    segments = _place_segments(base, evidence, start, end)
    _SEGMENTS[fingerprint] = segments
    if len(_SEGMENTS) > SEGMENT_CACHE_SIZE:
        _SEGMENTS.popitem(last=False)
    return segments


def control_timeline(
    claims: pd.DataFrame | Iterable[Claim],
    baseline: pd.DataFrame,
    start: date,
    end: date,
    *,
    gazetteer: Gazetteer | None = None,
    syndicated: Mapping[str, str] | None = None,
) -> gpd.GeoDataFrame:
    """Control of every baseline place on every day from ``start`` to ``end`` (inclusive).

    The long-tail villages of the gazetteer (:meth:`Gazetteer.minor`) are included only where a
    claim names them.

    Parameters
    ----------
    claims : DataFrame or iterable of Claim
        Claim records (DESIGN.md §4).
    baseline : DataFrame
        ``place_id, controller, as_of, source`` (see :func:`geo.io.read_baseline_csv`).
    start, end : datetime.date
        The first and last day.
    gazetteer : Gazetteer, optional
        Names and points of the places; defaults to the committed gazetteer.
    syndicated : mapping, optional
        Article → the original it copies; copies are not independent sources.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per place per day with :data:`geo.columns.TIMELINE_COLUMNS` and point geometry
        (EPSG:4326). ``claim_ids`` is ``;``-separated.
    """
    if end < start:
        raise ValueError(f"end {end} is before start {start}")
    gaz = gazetteer or load_gazetteer()
    frame = claims if isinstance(claims, pd.DataFrame) else claims_frame(claims)
    syndicated = dict(syndicated or {})
    # the long-tail villages (Who's On First localities) join the map only when a claim names
    # them; the rest of the map is the cities500 settlements and the facilities
    named = set(frame[C.PLACE_ID].dropna()) if len(frame) else set()
    shown = [p.place_id for p in gaz.places if not gaz.minor(p.place_id) or p.place_id in named]
    base = baseline[baseline[C.PLACE_ID].isin(shown)]
    made = _made_facilities(named - set(base[C.PLACE_ID]), baseline, gaz)
    if len(made):
        base = pd.concat([base, made], ignore_index=True)
    evidence = expand_claims(
        frame, gaz, base[C.PLACE_ID], dict(zip(base[C.PLACE_ID], base[C.CONTROLLER], strict=True))
    )
    by_place: dict[str, list[dict[str, Any]]] = {}
    for rec in cast(list[dict[str, Any]], evidence.to_dict("records")):
        rec["event_date"] = pd.Timestamp(rec["event_date"]).date()
        rec["identity"] = source_identity(rec["article"], rec["claimant"], syndicated)
        by_place.setdefault(rec["target"], []).append(rec)
    seg_rows: list[tuple[Any, ...]] = []
    for pid, ctrl in zip(base[C.PLACE_ID], base[C.CONTROLLER], strict=True):
        segments = (
            _cached_segments(pid, ctrl, by_place[pid], start, end)
            if pid in by_place
            else [_Segment(start, ctrl, "assessed", None, None, BASELINE_CONFIDENCE, (), 0)]
        )
        for i, seg in enumerate(segments):
            stop = segments[i + 1].start - timedelta(days=1) if i + 1 < len(segments) else end
            seg_rows.append(
                (
                    pid,
                    seg.start,
                    stop,
                    seg.controller,
                    seg.state,
                    seg.claimed_by,
                    seg.activity,
                    seg.confidence,
                    C.ID_SEPARATOR.join(seg.claim_ids),
                    seg.n_sources,
                )
            )
    segs = pd.DataFrame(
        seg_rows,
        columns=[
            C.PLACE_ID,
            "seg_start",
            "seg_end",
            C.CONTROLLER,
            C.STATE,
            C.CLAIMED_BY,
            C.ACTIVITY,
            C.CONFIDENCE,
            C.CLAIM_IDS,
            C.N_SOURCES,
        ],
    )
    return _expand(segs, gaz, start, end)


def _made_facilities(place_ids: set[str], baseline: pd.DataFrame, gaz: Gazetteer) -> pd.DataFrame:
    """Baseline rows for the facilities the gazetteer made for claims ("the Khattab ammunition
    depot", :meth:`Gazetteer.facility_at`): held by whoever holds their village."""
    parents = {
        pid: gaz.place(pid).parent_id
        for pid in sorted(place_ids)
        if pid in gaz and gaz.place(pid).place_type == "facility"
    }
    rows = baseline[baseline[C.PLACE_ID].isin(set(parents.values()))].set_index(C.PLACE_ID)
    made = [
        {**rows.loc[parent].to_dict(), C.PLACE_ID: pid}
        for pid, parent in parents.items()
        if parent in rows.index
    ]
    return pd.DataFrame(made, columns=baseline.columns)


def _runs(segs: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """valid_from / valid_to of the run of equal (controller, state, claimed_by) per segment."""
    keys = (
        segs[C.PLACE_ID]
        + "|"
        + segs[C.CONTROLLER]
        + "|"
        + segs[C.STATE]
        + "|"
        + segs[C.CLAIMED_BY].fillna("")
    )
    new_run = (keys != keys.shift()).to_numpy()
    run_id = np.cumsum(new_run)
    first = segs.groupby(run_id)["seg_start"].transform("min").to_numpy()
    last = segs.groupby(run_id)["seg_end"].transform("max").to_numpy()
    return first, last


def _expand(segs: pd.DataFrame, gaz: Gazetteer, start: date, end: date) -> gpd.GeoDataFrame:
    segs = segs.reset_index(drop=True)
    segs["seg_start"] = pd.to_datetime(segs["seg_start"])
    segs["seg_end"] = pd.to_datetime(segs["seg_end"])
    valid_from, valid_to = _runs(segs)
    days = ((segs["seg_end"] - segs["seg_start"]).dt.days + 1).to_numpy()
    index = np.repeat(np.arange(len(segs)), days)
    offsets = np.arange(len(index)) - np.repeat(np.cumsum(days) - days, days)
    out = segs.iloc[index].reset_index(drop=True)
    out.insert(0, C.DATE, out["seg_start"].to_numpy() + offsets.astype("timedelta64[D]"))
    out[C.VALID_FROM] = valid_from[index]
    out[C.VALID_TO] = valid_to[index]
    known = {p.place_id for p in gaz.places}
    made = [gaz.place(pid) for pid in segs[C.PLACE_ID].unique() if pid not in known]
    places = pd.DataFrame(
        [(p.place_id, p.name, p.place_type, p.lat, p.lon) for p in [*gaz.places, *made]],
        columns=[C.PLACE_ID, C.NAME, C.PLACE_TYPE, C.LAT, C.LON],
    )
    out = out.merge(places, on=C.PLACE_ID, how="left", validate="many_to_one")
    out = out.sort_values([C.DATE, C.PLACE_ID], ignore_index=True)
    out = out[list(C.TIMELINE_COLUMNS)]
    for col in (C.CLAIMED_BY, C.ACTIVITY):  # missing is None (JSON null), never NaN
        out[col] = out[col].astype(object).where(out[col].notna(), None)
    return gpd.GeoDataFrame(
        out, geometry=gpd.points_from_xy(out[C.LON], out[C.LAT]), crs="EPSG:4326"
    )


# --- asking for a day -------------------------------------------------------------------------
def timeline_range(timeline: pd.DataFrame) -> tuple[date, date]:
    """First and last day of a timeline."""
    if timeline.empty:
        raise DateRangeError("the timeline is empty: it has no valid dates")
    return timeline[C.DATE].min().date(), timeline[C.DATE].max().date()


def timeline_days(timeline: pd.DataFrame) -> list[date]:
    """Every day of a timeline, first to last."""
    first, last = timeline_range(timeline)
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def control_on(timeline: gpd.GeoDataFrame, day: date | str) -> gpd.GeoDataFrame:
    """The rows of one day; a day outside the timeline raises :class:`DateRangeError`."""
    first, last = timeline_range(timeline)
    when = date.fromisoformat(day) if isinstance(day, str) else day
    if not first <= when <= last:
        raise DateRangeError(
            f"date {when} is outside the timeline: valid range is {first} to {last}"
        )
    return timeline[timeline[C.DATE] == pd.Timestamp(when)].reset_index(drop=True)


def default_range(published: Iterable[date], baseline: pd.DataFrame) -> tuple[date, date]:
    """From the baseline's date to the latest publication date (or the baseline date)."""
    start = min(baseline[C.BASELINE_DATE_COLUMN])
    dates = [d for d in published if d is not None]
    return start, max([start, *dates])
