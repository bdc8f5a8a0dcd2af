#!/usr/bin/env python3
"""Build ``data/baseline_control.csv``: who held each place on 2024-11-26, by area rules.

The front had been frozen since the March 2020 Idlib ceasefire. Each rule is a polygon (lon/lat,
hand-drawn, approximate to a few km, following the lines of the ISW / Wikipedia "Syrian civil
war" control maps of 2020–2024) or a named list; the first rule that covers a place decides.
Nothing is entered per town except the short lists of enclaves the polygons cannot draw.

Rules, in order:
  1. list  sdf          Tel Rifaat pocket and the Aleppo districts Sheikh Maqsoud and Ashrafieh
  2. poly  opposition   the Idlib pocket and western Aleppo countryside (HTS-led, 2020 ceasefire)
  3. poly  sna          Afrin and Azaz (Olive Branch), al-Bab to Jarabulus (Euphrates Shield)
  4. poly  sna          Tal Abyad to Ras al-Ain (Peace Spring)
  5. poly  sdf          Manbij and its countryside west of the Euphrates
  6. poly  sdf          north-east Syria east of the Euphrates, with Raqqa and Tabqa
  7. default government everything else in Syria

Run: ``python scripts/build_baseline.py`` (reads data/gazetteer.csv, writes
data/baseline_control.csv and data/baseline_areas.geojson, the rule polygons clipped to Syria).
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import shapely
from shapely.geometry import Polygon, mapping

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo import io  # noqa: E402
from geo.columns import SYRIA  # noqa: E402

AS_OF = "2024-11-26"
PLACE_TYPES = ("city", "town", "village", "neighbourhood", "facility")
SOURCE_MAPS = "ISW/Wikipedia control maps 2020-2024, hand-drawn approximate polygon"

LISTS: list[tuple[str, str, list[str]]] = [
    (
        "sdf",
        "list: SDF enclaves (Tel Rifaat pocket; Sheikh Maqsoud and Ashrafieh in Aleppo)",
        ["tel-rifaat", "sheikh-maqsoud", "ashrafieh-aleppo"],
    ),
]
POLYGONS: list[tuple[str, str, list[tuple[float, float]]]] = [
    (
        "opposition",
        "polygon: Idlib pocket and western Aleppo countryside (March 2020 line)",
        [
            (36.15, 35.85),
            (36.30, 35.98),
            (36.45, 36.22),
            (36.55, 36.33),
            (36.90, 36.33),
            (36.95, 36.22),
            (36.92, 36.08),
            (36.80, 35.98),
            (36.70, 35.90),
            (36.70, 35.72),
            (36.55, 35.62),
            (36.35, 35.68),
            (36.20, 35.75),
            (36.15, 35.85),
        ],
    ),
    (
        "sna",
        "polygon: Afrin and Azaz (Operation Olive Branch area)",
        [
            (36.55, 36.33),
            (36.50, 36.60),
            (36.62, 36.90),
            (37.10, 36.70),
            (37.05, 36.55),
            (36.98, 36.42),
            (36.95, 36.33),
            (36.55, 36.33),
        ],
    ),
    (
        "sna",
        "polygon: al-Bab to Jarabulus (Operation Euphrates Shield area)",
        [
            (37.05, 36.62),
            (37.12, 36.50),
            (37.30, 36.40),
            (37.45, 36.28),
            (37.65, 36.30),
            (37.75, 36.45),
            (37.85, 36.62),
            (38.05, 36.72),
            (38.08, 36.90),
            (37.05, 36.90),
            (37.05, 36.62),
        ],
    ),
    (
        "sna",
        "polygon: Tal Abyad to Ras al-Ain (Operation Peace Spring area)",
        [
            (38.85, 36.95),
            (38.85, 36.58),
            (39.30, 36.50),
            (40.10, 36.55),
            (40.25, 36.70),
            (40.25, 37.00),
            (38.85, 36.95),
        ],
    ),
    (
        "sdf",
        "polygon: Manbij and its countryside west of the Euphrates",
        [
            (37.75, 36.45),
            (37.85, 36.62),
            (38.05, 36.72),
            (38.30, 36.75),
            (38.30, 36.30),
            (37.95, 36.25),
            (37.75, 36.45),
        ],
    ),
    (
        "sdf",
        "polygon: north-east Syria east of the Euphrates, with Raqqa and Tabqa",
        [
            (38.25, 36.95),
            (38.30, 36.30),
            (38.35, 35.75),
            (39.00, 35.90),
            (39.80, 35.55),
            (40.17, 35.37),
            (40.50, 35.06),
            (40.97, 34.50),
            (41.30, 34.60),
            (42.40, 35.60),
            (42.40, 37.40),
            (38.25, 36.95),
        ],
    ),
]


def build(out: Path = ROOT / "data") -> list[dict[str, str]]:
    frame = io.read_gazetteer_csv(ROOT / "data" / "gazetteer.csv")
    outline = io.read_outline(ROOT / "data" / "syria_outline.geojson")
    syrian = frame[(frame["admin1"].str.startswith(SYRIA)) & frame["place_type"].isin(PLACE_TYPES)]
    lon, lat = syrian["lon"].to_numpy(), syrian["lat"].to_numpy()
    controller = ["government"] * len(syrian)
    source = ["default: government-held (everything outside the rules below)"] * len(syrian)
    decided = [False] * len(syrian)
    ids = syrian["place_id"].tolist()
    for ctrl, label, members in LISTS:
        for i, pid in enumerate(ids):
            if pid in members and not decided[i]:
                controller[i], source[i], decided[i] = ctrl, label, True
    features = []
    for ctrl, label, ring in POLYGONS:
        poly = shapely.intersection(Polygon(ring), outline)
        inside = shapely.contains_xy(Polygon(ring), lon, lat)  # vectorised point-in-polygon
        for i in range(len(ids)):
            if inside[i] and not decided[i]:
                controller[i], source[i], decided[i] = ctrl, f"{label}; {SOURCE_MAPS}", True
        features.append(
            {
                "type": "Feature",
                "properties": {"controller": ctrl, "rule": label},
                "geometry": mapping(shapely.set_precision(poly, 1e-5)),
            }
        )
    rows = [
        {"place_id": pid, "controller": c, "as_of": AS_OF, "source": s}
        for pid, c, s in zip(ids, controller, source, strict=True)
    ]
    rows.sort(key=lambda r: r["place_id"])
    with (out / "baseline_control.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(
            fh, fieldnames=["place_id", "controller", "as_of", "source"], lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(rows)
    (out / "baseline_areas.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))
        + "\n",
        encoding="utf-8",
    )
    return rows


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Build data/baseline_control.csv")
    parser.add_argument("--out", type=Path, default=ROOT / "data")
    rows = build(parser.parse_args().out)
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["controller"]] = counts.get(r["controller"], 0) + 1
    print(f"wrote {len(rows)} places as of {AS_OF}: {dict(sorted(counts.items()))}")


if __name__ == "__main__":
    main()
