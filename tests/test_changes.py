"""What changed on a day: places, evidence and km² (issue 13)."""

from __future__ import annotations

import io as _io
import json
from datetime import date

import pandas as pd
import pytest

from geo import columns as C
from geo.changes import area_changes, day_changes, place_changes
from geo.cli import main
from geo.errors import DateRangeError
from tests.conftest import SEEDS


def _timeline(rows):
    frame = pd.DataFrame(
        rows, columns=[C.DATE, C.PLACE_ID, "controller", "state", "claimed_by", "claim_ids"]
    )
    frame[C.DATE] = pd.to_datetime(frame[C.DATE])
    frame["name"] = frame[C.PLACE_ID].str.title()
    frame[C.PLACE_TYPE] = "town"
    return frame


TIMELINE = _timeline(
    [
        ("2024-12-01", "hama", "government", "assessed", None, ""),
        ("2024-12-02", "hama", "government", "claimed", "opposition", "c1"),
        ("2024-12-03", "hama", "opposition", "assessed", None, "c1;c2"),
        ("2024-12-04", "hama", "opposition", "assessed", None, "c1;c2"),
        ("2024-12-01", "morek", "opposition", "assessed", None, ""),
        ("2024-12-02", "morek", "opposition", "assessed", None, ""),
        ("2024-12-03", "morek", "contested", "contested", None, "c3"),
        ("2024-12-04", "morek", "opposition", "assessed", None, "c3"),
    ]
)
CLAIMS = pd.DataFrame(
    [
        ("c1", "a.txt", "opposition", "entered", "2024-12-02", "HTS", "claimed", "entered Hama"),
        ("c2", "b.txt", "opposition", "captured", "2024-12-03", "reporter", "reported", "<b>x"),
        ("c3", "a.txt", "government", "recaptured", "2024-12-03", "SANA", "claimed", "took Morek"),
    ],
    columns=["claim_id", "article", "actor", "action", "event_date", "claimant", "status", "quote"],
)


def test_place_changes_are_the_days_a_place_differs_from_the_day_before():
    changes = place_changes(TIMELINE)
    got = [
        (str(r[C.DATE].date()), r[C.PLACE_ID], r["from_controller"], r["to_controller"])
        for _, r in changes.iterrows()
    ]
    assert got == [
        ("2024-12-02", "hama", "government", "government"),  # now claimed by the opposition
        ("2024-12-03", "hama", "government", "opposition"),
        ("2024-12-03", "morek", "opposition", "contested"),
        ("2024-12-04", "morek", "contested", "opposition"),
    ]


def test_area_changes_split_gains_and_losses():
    areas = pd.DataFrame(
        {
            C.DATE: pd.to_datetime(["2024-12-01"] * 2 + ["2024-12-02"] * 2),
            C.CONTROLLER: ["government", "opposition"] * 2,
            "area_km2": [100.0, 50.0, 80.0, 70.0],
        }
    )
    moved = area_changes(areas)
    second = moved[moved[C.DATE] == pd.Timestamp("2024-12-02")].set_index(C.CONTROLLER)
    assert second.loc["government", ["gained_km2", "lost_km2"]].tolist() == [0.0, 20.0]
    assert second.loc["opposition", ["gained_km2", "lost_km2"]].tolist() == [20.0, 0.0]


def test_day_changes_carry_the_evidence():
    areas = pd.DataFrame(columns=[C.DATE, C.CONTROLLER, "area_km2"])
    (record,) = day_changes(TIMELINE, areas, CLAIMS, {"b.txt": "Wire"}, date(2024, 12, 3))
    hama = next(p for p in record["places"] if p["place_id"] == "hama")
    assert (hama["from"], hama["to"], hama["state"]) == ("government", "opposition", "assessed")
    assert [(c["claim_id"], c["outlet"], c["status"]) for c in hama["claims"]] == [
        ("c1", "a.txt", "claimed"),
        ("c2", "Wire", "reported"),
    ]
    with pytest.raises(DateRangeError, match="valid range"):
        day_changes(TIMELINE, areas, CLAIMS, {}, date(2025, 1, 1))


def test_changes_command_on_the_seeds():
    out, err = _io.StringIO(), _io.StringIO()
    assert main(["changes", str(SEEDS)], out, err) == 0, err.getvalue()
    days = [json.loads(line) for line in out.getvalue().splitlines()]
    assert days[0]["date"] == "2024-11-26" and days[0]["places"] == []
    by_day = {d["date"]: d for d in days}
    aleppo = next(p for p in by_day["2024-11-30"]["places"] if p["place_id"] == "aleppo")
    assert aleppo["to"] == "opposition" and aleppo["claims"]
    assert all(c["quote"] for c in aleppo["claims"])
    assert set(by_day["2024-11-30"]["km2"]) >= {"government", "opposition"}
    out = _io.StringIO()
    assert main(["changes", "--date", "2030-01-01", str(SEEDS)], out, err) == 1


def test_the_snapshot_lists_the_days_changes_escaped():
    from geo.mappage import changes_panel

    areas = pd.DataFrame(columns=[C.DATE, C.CONTROLLER, "area_km2"])
    (record,) = day_changes(TIMELINE, areas, CLAIMS, {"b.txt": "<i>Wire"}, date(2024, 12, 3))
    html = changes_panel(record)
    assert "What changed on 2024-12-03" in html and "Government → Opposition" in html
    assert "&lt;b&gt;x" in html and "&lt;i&gt;Wire" in html and "<b>x" not in html
