"""What changed on a day: places whose control, state or claimant changed, the claims behind
each change, and the km² each side gained and lost.

A *change* on day *d* is a place whose controller, state (assessed, claimed, contested) or
claiming side on *d* differs from day *d − 1*; the first day of a timeline has none. The
claims behind a change are those the timeline cites for the place on *d* (``claim_ids``), each
with its outlet, claimant, status and quote, so every change traces to its evidence.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import pandas as pd

from geo import columns as C
from geo.timeline import control_on

#: columns of :func:`place_changes`
CHANGE_COLUMNS = (
    C.DATE,
    C.PLACE_ID,
    "name",
    C.PLACE_TYPE,
    "from_controller",
    "to_controller",
    "from_state",
    "to_state",
    "claimed_by",
    "claim_ids",
)
#: columns of :func:`area_changes`
#: the order of a day's changes: cities, towns, facilities, districts, then villages
_TYPE_RANK = {"city": 0, "town": 1, "facility": 2, "neighbourhood": 3, "village": 4}
AREA_CHANGE_COLUMNS = (C.DATE, C.CONTROLLER, "area_km2", "gained_km2", "lost_km2")


def place_changes(timeline: pd.DataFrame) -> pd.DataFrame:
    """Every (day, place) whose controller or state differs from the day before.

    Vectorised: one sort and one shift per place, linear in the timeline's rows (after the sort).
    """
    cols = [
        C.DATE,
        C.PLACE_ID,
        "name",
        C.PLACE_TYPE,
        C.CONTROLLER,
        "state",
        "claimed_by",
        "claim_ids",
    ]
    t = pd.DataFrame(timeline[cols]).sort_values([C.PLACE_ID, C.DATE], kind="stable")
    same_place = t[C.PLACE_ID].eq(t[C.PLACE_ID].shift())
    prev_controller = t[C.CONTROLLER].shift()
    prev_state = t["state"].shift()
    prev_claimant = t["claimed_by"].shift()
    changed = same_place & (
        t[C.CONTROLLER].ne(prev_controller)
        | t["state"].ne(prev_state)
        | (t["claimed_by"].fillna("") != prev_claimant.fillna(""))
    )
    out = t[changed].assign(
        from_controller=prev_controller[changed],
        from_state=prev_state[changed],
    )
    out = out.rename(columns={C.CONTROLLER: "to_controller", "state": "to_state"})
    # the day's biggest places first: a city changing hands before the villages around it
    rank = out[C.PLACE_TYPE].map(_TYPE_RANK).fillna(len(_TYPE_RANK))
    out = (
        out.assign(_rank=rank)
        .sort_values([C.DATE, "_rank", "name"], kind="stable")
        .reset_index(drop=True)
    )
    return out[list(CHANGE_COLUMNS)]


def area_changes(areas: pd.DataFrame) -> pd.DataFrame:
    """km² held per side per day, and the km² gained and lost since the day before."""
    table = areas.pivot_table(
        index=C.DATE, columns=C.CONTROLLER, values="area_km2", aggfunc="sum", fill_value=0.0
    ).sort_index()
    delta = table.diff().fillna(0.0)
    held = table.reset_index().melt(id_vars=C.DATE, var_name=C.CONTROLLER, value_name="area_km2")
    moved = delta.reset_index().melt(id_vars=C.DATE, var_name=C.CONTROLLER, value_name="delta")
    out = held.merge(moved, on=[C.DATE, C.CONTROLLER])
    out["gained_km2"] = out["delta"].clip(lower=0)
    out["lost_km2"] = (-out["delta"]).clip(lower=0)
    return out[list(AREA_CHANGE_COLUMNS)].sort_values([C.DATE, C.CONTROLLER], ignore_index=True)


def day_changes(
    timeline: pd.DataFrame,
    areas: pd.DataFrame,
    claims: pd.DataFrame,
    outlets: Mapping[str, str],
    day: date | None = None,
) -> list[dict[str, Any]]:
    """One record per day (or for ``day`` only): the places that changed, with their evidence,
    and km² per side. A ``day`` outside the timeline raises :class:`geo.errors.DateRangeError`.

    Record: ``{"date", "places": [{"place_id", "name", "place_type", "from", "to",
    "from_state", "state", "claimed_by", "claims": [{"claim_id", "article", "outlet", "claimant",
    "status", "action", "actor", "event_date", "quote"}]}], "km2": {side: {"held", "gained",
    "lost"}}}``.
    """
    if day is not None:
        control_on(timeline, day)  # raises outside the range
    by_id = claims.set_index("claim_id").to_dict("index") if len(claims) else {}
    changes = place_changes(timeline)
    moved = area_changes(areas) if len(areas) else pd.DataFrame(columns=AREA_CHANGE_COLUMNS)
    days = sorted(pd.to_datetime(timeline[C.DATE]).dt.date.unique())
    if day is not None:
        days = [day]
    change_day = pd.to_datetime(changes[C.DATE]).dt.date
    area_day = pd.to_datetime(moved[C.DATE]).dt.date if len(moved) else pd.Series(dtype=object)
    records = []
    for d in days:
        places = []
        for row in changes[change_day == d].to_dict("records"):
            evidence = []
            for cid in [i for i in str(row["claim_ids"] or "").split(C.ID_SEPARATOR) if i]:
                c = by_id.get(cid)
                if c is None:
                    continue
                evidence.append(
                    {
                        "claim_id": cid,
                        "article": c["article"],
                        "outlet": outlets.get(str(c["article"])) or c["article"],
                        "claimant": c["claimant"],
                        "status": c["status"],
                        "action": c["action"],
                        "actor": c["actor"],
                        "event_date": str(pd.Timestamp(c["event_date"]).date()),
                        "quote": c["quote"],
                    }
                )
            places.append(
                {
                    "place_id": row[C.PLACE_ID],
                    "name": row["name"],
                    "place_type": row[C.PLACE_TYPE],
                    "from": row["from_controller"],
                    "to": row["to_controller"],
                    "from_state": row["from_state"],
                    "state": row["to_state"],
                    "claimed_by": (
                        row["claimed_by"] if isinstance(row["claimed_by"], str) else None
                    ),
                    "claims": evidence,
                }
            )
        km2 = {
            str(r[C.CONTROLLER]): {
                "held": round(float(r["area_km2"]), 1) + 0.0,  # + 0.0: no "-0.0"
                "gained": round(float(r["gained_km2"]), 1) + 0.0,
                "lost": round(float(r["lost_km2"]), 1) + 0.0,
            }
            for r in moved[area_day == d].to_dict("records")
        }
        records.append({"date": d.isoformat(), "places": places, "km2": km2})
    return records
